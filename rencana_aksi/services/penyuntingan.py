"""Editing a plan's Lampiran from the app's pages: add, change, move and delete areas,
komponen, indikator, langkah aksi and bukti fisik. A draft is edited freely; an adopted plan
only by a recorded amendment (its reason kept with every history row); a revoked plan not at
all. Nothing that holds evidence is deleted."""

from django.db import transaction
from django.db.models import Max

from ..models import Area, BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, TargetWaktu
from .rencana import (
    SuntingError,
    amandemen,
    isi_delete,
    isi_owners,
    isi_save,
    target_waktu_update,
    target_waktu_values,
)

# jenis (as in URLs) → model, its parent field, and the fields a user edits.
JENIS = {
    "area": (Area, "rencana", ("nomor", "nama")),
    "komponen": (Komponen, "area", ("nomor", "nama")),
    "indikator": (Indikator, "komponen", ("nomor", "nama", "target_capaian", "bobot")),
    "langkah": (LangkahAksi, "indikator", ("penanda", "uraian")),
    "bukti": (BuktiFisik, "indikator", ("penanda", "nama")),
}
CHILD = {"rencana": "area", "area": "komponen", "komponen": "indikator"}


def _plan_of(obj):
    rencana, _ = isi_owners(obj) if not isinstance(obj, RencanaAksi) else (obj, None)
    return rencana


def _holds_evidence(obj):
    """Whether anything under `obj` has evidence slots (its uploads must never go)."""
    if isinstance(obj, Area):
        return Indikator.objects.filter(komponen__area=obj, slot__isnull=False).exists()
    if isinstance(obj, Komponen):
        return Indikator.objects.filter(komponen=obj, slot__isnull=False).exists()
    if isinstance(obj, Indikator):
        return obj.slot.exists()
    if isinstance(obj, BuktiFisik):
        return obj.slot.exists()
    return False


@transaction.atomic
def isi_ubah(obj, values, *, user, alasan="", target_waktu=None):
    """Change the edited fields of one object (and an indikator's target waktu text)."""
    catatan = amandemen(_plan_of(obj), alasan)
    fields = JENIS[_jenis(obj)][2]
    changes = {
        name: (getattr(obj, name), values[name])
        for name in fields
        if name in values and getattr(obj, name) != values[name]
    }
    for name, (_, after) in changes.items():
        setattr(obj, name, after)
    if changes:
        isi_save(obj, user=user, changes=changes, alasan=alasan)
    current = getattr(getattr(obj, "target_waktu", None), "teks", None)
    if isinstance(obj, Indikator) and target_waktu is not None and target_waktu != current:
        target_waktu_update(obj, target_waktu, user=user, catatan=catatan)
    return obj


@transaction.atomic
def isi_tambah(parent, jenis, values, *, user, alasan="", target_waktu=""):
    """Add an object of `jenis` at the end of `parent`."""
    model, parent_field, fields = JENIS[jenis]
    amandemen(_plan_of(parent), alasan)
    last = model.objects.filter(**{parent_field: parent}).aggregate(n=Max("urutan"))["n"] or 0
    obj = model(
        urutan=last + 1,
        **{parent_field: parent},
        **{f: values.get(f) or _empty(model, f) for f in fields},
    )
    isi_save(obj, user=user, alasan=alasan)
    if isinstance(obj, Indikator):
        rencana = _plan_of(obj)
        TargetWaktu.objects.create(
            indikator=obj, **target_waktu_values(target_waktu, rencana.tahun)
        )
    return obj


def _empty(model, name):
    field = model._meta.get_field(name)
    return None if field.null else ""


@transaction.atomic
def isi_hapus(obj, *, user, alasan=""):
    """Delete an object and what hangs below it, unless any of it holds evidence."""
    amandemen(_plan_of(obj), alasan)
    if _holds_evidence(obj):
        raise SuntingError(
            "Tidak dihapus: sudah ada bukti yang diunggah di bawahnya. Bukti tidak pernah "
            "dihapus; ubah teksnya atau biarkan."
        )
    isi_delete(obj, user=user, alasan=alasan)


@transaction.atomic
def isi_geser(obj, naik, *, user, alasan=""):
    """Move an object one place up (or down) among its siblings. Moves among the same
    siblings take their turn: the siblings' rows are locked (in one order, so two moves
    cannot wait on each other) and the positions read again under the lock, so two moves at
    once both land, one after the other, where a swap through a fixed spare value made one of
    them collide with the other."""
    amandemen(_plan_of(obj), alasan)
    model, parent_field, _ = JENIS[_jenis(obj)]
    siblings = list(
        model.objects.select_for_update()
        .filter(**{parent_field: getattr(obj, f"{parent_field}_id")})
        .order_by("urutan")
    )
    place = next((n for n, s in enumerate(siblings) if s.pk == obj.pk), None)
    if place is None:
        raise SuntingError("Isi ini sudah dihapus orang lain; muat ulang halaman.")
    other = place - 1 if naik else place + 1
    if not 0 <= other < len(siblings):
        return False
    current, neighbour = siblings[place], siblings[other]
    a, b = current.urutan, neighbour.urutan
    # Through 0, which no item holds (positions start at 1): (parent, urutan) is unique at
    # every step.
    model.objects.filter(pk=current.pk).update(urutan=0)
    model.objects.filter(pk=neighbour.pk).update(urutan=a)
    model.objects.filter(pk=current.pk).update(urutan=b)
    obj.urutan = b
    isi_save(obj, user=user, changes={"urutan": (a, b)}, alasan=alasan)
    return True


def _jenis(obj):
    for jenis, (model, _, _) in JENIS.items():
        if isinstance(obj, model):
            return jenis
    raise TypeError(type(obj).__name__)
