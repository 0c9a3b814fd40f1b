"""Writes to the Keputusan: its own text, its layout options, and its numbered items."""

from django.db import transaction

from ..models import KeputusanButir, RencanaAksi, Riwayat
from ..selectors import keputusan_butir
from .riwayat import field_label, riwayat_record

DIKTUM_LABELS = (
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
    "KESEBELAS",
    "KEDUA BELAS",
    "KETIGA BELAS",
    "KEEMPAT BELAS",
    "KELIMA BELAS",
)


def butir_labels(jenis, count):
    """Printed labels of `count` items: a., b., … / 1., 2., … / KESATU, KEDUA, …"""
    if jenis == KeputusanButir.Jenis.MENIMBANG:
        return [f"{chr(ord('a') + i)}." if i < 26 else f"{i + 1}." for i in range(count)]
    if jenis == KeputusanButir.Jenis.MENGINGAT:
        return [f"{i + 1}." for i in range(count)]
    return [DIKTUM_LABELS[i] if i < len(DIKTUM_LABELS) else f"KE-{i + 1}" for i in range(count)]


def _label(name):
    if name in KeputusanButir.Jenis.values:
        return KeputusanButir.Jenis(name).label
    return field_label(RencanaAksi, name)


@transaction.atomic
def keputusan_update(rencana, fields, butir, *, user=None):
    """Save the Keputusan text and layout, and replace its Menimbang, Mengingat and diktum."""
    changed = {
        name: (getattr(rencana, name), value)
        for name, value in fields.items()
        if getattr(rencana, name) != value
    }
    for name, value in fields.items():
        setattr(rencana, name, value)
    rencana.save(update_fields=list(fields))
    old_butir = {
        jenis: [b.teks for b in items] for jenis, items in keputusan_butir(rencana).items()
    }
    for jenis, items in butir.items():
        if old_butir.get(jenis, []) != list(items):
            changed[jenis] = ("\n".join(old_butir.get(jenis, [])), "\n".join(items))
    for name, (before, after) in changed.items():
        riwayat_record(
            Riwayat.Jenis.KEPUTUSAN,
            pelaku=user,
            rencana=rencana,
            objek=_label(name),
            dari=before,
            ke=after,
        )
    KeputusanButir.objects.filter(rencana=rencana).delete()
    KeputusanButir.objects.bulk_create(
        KeputusanButir(rencana=rencana, jenis=jenis, urutan=i, label=label, teks=teks)
        for jenis, items in butir.items()
        for i, (label, teks) in enumerate(
            zip(butir_labels(jenis, len(items)), items, strict=True), 1
        )
    )
