"""The history: every recorded change of plan content, evidence state, documents, offices and
memberships is one Riwayat row written here."""

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from ..models import Riwayat


def riwayat_record(
    jenis, *, pelaku, indikator=None, rencana=None, satker=None, waktu=None, **fields
):
    """Write one history row; the office and plan are taken from the indikator when given.
    `waktu` is now unless the action is recorded as having happened at another moment."""
    if indikator is not None and rencana is None:
        rencana = indikator.komponen.area.rencana
    if satker is None and rencana is not None:
        satker = rencana.satker_id
    return Riwayat.objects.create(
        jenis=jenis,
        pelaku=pelaku if pelaku and pelaku.is_authenticated else None,
        indikator=indikator,
        rencana=rencana,
        satker_id=getattr(satker, "pk", satker),
        waktu=waktu or timezone.now(),
        **{name: "" if value is None else str(value) for name, value in fields.items()},
    )


def field_label(model, name):
    """The label a field is shown with (its verbose name), for history rows."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def changes_record(jenis, changes, *, pelaku, objek, model, catatan="", **where):
    """One history row per changed field: `changes` maps a field name to (before, after)."""
    for name, (before, after) in changes.items():
        riwayat_record(
            jenis,
            pelaku=pelaku,
            objek=f"{objek} — {field_label(model, name)}"[:255],
            dari=before,
            ke=after,
            catatan=catatan,
            **where,
        )
