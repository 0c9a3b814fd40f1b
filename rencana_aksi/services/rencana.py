"""Writes to a plan's content: bringing a whole plan in, its schedules, and saving or deleting
one of its objects (the Django admin's only write path for plan content)."""

from datetime import date

from django.db import transaction

from ..capaian import parse_target_capaian
from ..jadwal import parse_target_waktu
from ..models import (
    Area,
    Bab,
    BuktiFisik,
    Indikator,
    KeputusanButir,
    Komponen,
    LangkahAksi,
    Membership,
    RencanaAksi,
    Riwayat,
    Satker,
    TargetWaktu,
)
from .riwayat import changes_record, riwayat_record

# The date is read from ISO text separately.
_KEPUTUSAN_FIELDS = tuple(f for f in RencanaAksi.KEPUTUSAN_FIELDS if f != "tanggal_penetapan")


def target_waktu_values(teks, tahun):
    """The stored fields of a target waktu: the text as adopted and the schedule read from it."""
    jadwal = parse_target_waktu(teks, tahun)
    return {
        "teks": teks,
        "jenis": jadwal.jenis,
        "bulan": list(jadwal.bulan),
        "bawaan": jadwal.bawaan,
        "peringatan": list(jadwal.peringatan),
    }


def indikator_capaian_values(target_capaian):
    """The measurable part of a target capaian, read from the printed text."""
    pembanding, nilai, satuan = parse_target_capaian(target_capaian)
    return {"capaian_pembanding": pembanding, "capaian_nilai": nilai, "capaian_satuan": satuan}


@transaction.atomic
def rencana_aksi_import(data, *, replace=False):
    """Create an office's plan from plan data (the fixtures' shape); with `replace`, an
    existing plan of that office and year is deleted first, otherwise it is left as it is."""
    satker = Satker.objects.get(slug=data["satker"])
    tahun = data["tahun"]
    existing = RencanaAksi.objects.berlaku().filter(satker=satker, tahun=tahun)
    if existing.exists():
        if not replace:
            return existing.get(), False
        _rencana_aksi_delete(existing.get())

    mencabut = None
    if predecessor := data.get("mencabut"):
        mencabut, _ = RencanaAksi.objects.get_or_create(
            satker=satker,
            tahun=predecessor["tahun"],
            nomor=predecessor["nomor"],
            defaults={"tentang": predecessor["tentang"], "status": RencanaAksi.Status.DICABUT},
        )

    rencana = RencanaAksi.objects.create(
        satker=satker,
        tahun=tahun,
        status=data.get("status", RencanaAksi.Status.DRAF),
        tanggal_penetapan=date.fromisoformat(data["tanggal_penetapan"])
        if data.get("tanggal_penetapan")
        else None,
        mencabut=mencabut,
        **{field: data.get(field, "") for field in _KEPUTUSAN_FIELDS},
        **data.get("layout", {}),
    )
    KeputusanButir.objects.bulk_create(
        KeputusanButir(rencana=rencana, jenis=jenis, urutan=i, label=label, teks=teks)
        for jenis in KeputusanButir.Jenis.values
        for i, (label, teks) in enumerate(data.get(jenis, []), 1)
    )
    Bab.objects.bulk_create(
        Bab(rencana=rencana, urutan=i, nomor=b["nomor"], judul=b["judul"], isi=b.get("isi", ""))
        for i, b in enumerate(data.get("bab", []), 1)
    )
    _areas_create(rencana, data.get("area", []))
    return rencana, True


def _areas_create(rencana, areas, pic_of=None):
    """Bulk-create the area → komponen → indikator tree, a few queries per level; `pic_of`
    maps an indikator's "pic" text to a user (a text naming nobody is kept as written)."""
    area_objs = Area.objects.bulk_create(
        Area(rencana=rencana, urutan=i, nomor=a["nomor"], nama=a["nama"])
        for i, a in enumerate(areas, 1)
    )
    komponen_rows = [
        (
            k,
            Komponen(
                area=area,
                urutan=j,
                nomor=k.get("nomor", ""),
                nama=k.get("nama", ""),
                kelompok=k.get("kelompok", ""),
            ),
        )
        for area, a in zip(area_objs, areas, strict=True)
        for j, k in enumerate(a["komponen"], 1)
    ]
    Komponen.objects.bulk_create(obj for _, obj in komponen_rows)
    indikator_rows = [
        (
            ind,
            Indikator(
                komponen=komponen,
                urutan=n,
                nomor=ind.get("nomor", ""),
                nama=ind["nama"],
                target_capaian=ind.get("target_capaian", ""),
                pic=(pic := pic_of(ind["pic"]) if pic_of and ind.get("pic") else None),
                pic_teks="" if pic or not pic_of else ind.get("pic", "")[:200],
                lke_kode=ind.get("lke_kode", ""),
                keterangan=ind.get("keterangan", []),
                **indikator_capaian_values(ind.get("target_capaian", "")),
            ),
        )
        for k, komponen in komponen_rows
        for n, ind in enumerate(k["indikator"], 1)
    ]
    Indikator.objects.bulk_create(obj for _, obj in indikator_rows)
    TargetWaktu.objects.bulk_create(
        TargetWaktu(
            indikator=obj, **target_waktu_values(ind.get("target_waktu", ""), rencana.tahun)
        )
        for ind, obj in indikator_rows
    )
    LangkahAksi.objects.bulk_create(
        LangkahAksi(indikator=obj, urutan=n, penanda=penanda, uraian=uraian)
        for ind, obj in indikator_rows
        for n, (penanda, uraian) in enumerate(ind.get("langkah_aksi", []), 1)
    )
    BuktiFisik.objects.bulk_create(
        BuktiFisik(indikator=obj, urutan=n, penanda=penanda, nama=nama)
        for ind, obj in indikator_rows
        for n, (penanda, nama) in enumerate(ind.get("bukti_fisik", []), 1)
    )


def _rencana_aksi_delete(rencana):
    predecessor = rencana.mencabut
    rencana.delete()
    if predecessor and not predecessor.dicabut_oleh.exists() and not predecessor.areas.exists():
        predecessor.delete()


@transaction.atomic
def target_waktu_update(indikator, teks, *, user=None, catatan=""):
    """Set an indikator's target waktu text and re-read its schedule from it."""
    before = TargetWaktu.objects.filter(indikator=indikator).values_list("teks", flat=True)
    before = before.first() or ""
    values = target_waktu_values(teks, indikator.komponen.area.rencana.tahun)
    TargetWaktu.objects.update_or_create(indikator=indikator, defaults=values)
    if before != teks:
        riwayat_record(
            Riwayat.Jenis.JADWAL,
            pelaku=user,
            indikator=indikator,
            objek="Target waktu",
            dari=before,
            ke=teks,
            catatan=catatan,
        )


@transaction.atomic
def jadwal_set(indikator, jenis, bulan, *, user=None):
    """Replace the schedule read from the target waktu by one a user chose; the text stays."""
    target_waktu = TargetWaktu.objects.select_for_update().get(indikator=indikator)
    before = target_waktu.jadwal.label
    TargetWaktu.objects.filter(pk=target_waktu.pk).update(
        jenis=jenis, bulan=list(bulan), bawaan=False, peringatan=[]
    )
    target_waktu.refresh_from_db()
    riwayat_record(
        Riwayat.Jenis.JADWAL,
        pelaku=user,
        indikator=indikator,
        objek="Jadwal bukti",
        dari=before,
        ke=target_waktu.jadwal.label,
    )


def isi_owners(obj):
    """The plan and, below it, the indikator an object of plan content belongs to."""
    if isinstance(obj, RencanaAksi):
        return obj, None
    if isinstance(obj, (LangkahAksi, BuktiFisik, TargetWaktu)):
        obj = obj.indikator
    if isinstance(obj, Indikator):
        return obj.komponen.area.rencana, obj
    if isinstance(obj, Komponen):
        return obj.area.rencana, None
    if isinstance(obj, (Area, Bab, KeputusanButir)):
        return obj.rencana, None
    raise TypeError(f"{type(obj).__name__} is not plan content")


def _isi_label(obj):
    return f"{obj._meta.verbose_name}: {str(obj)[:120]}"


class SuntingError(Exception):
    """A refused edit; the message is meant for the user."""


def amandemen(rencana, alasan):
    """The note every history row of an edit carries, and the rule every write path keeps
    (the editor's pages and the Django admin alike): a draft is edited freely, an adopted
    plan only by an amendment with its reason, a revoked plan not at all. The plan's status
    is read as stored, not as a form may have set it."""
    status = (
        RencanaAksi.objects.filter(pk=rencana.pk).values_list("status", flat=True).first()
        if rencana.pk
        else RencanaAksi.Status.DRAF
    )
    if status == RencanaAksi.Status.DICABUT:
        raise SuntingError("Rencana ini sudah dicabut dan tidak dapat diubah.")
    if status == RencanaAksi.Status.DITETAPKAN:
        alasan = (alasan or "").strip()
        if not alasan:
            raise SuntingError(
                "Rencana ini sudah ditetapkan: tulis alasan perubahannya (amandemen) dulu."
            )
        return f"Amandemen: {alasan}"
    return ""


@transaction.atomic
def isi_save(obj, *, user, changes=None, alasan=""):
    """Save one object of a plan's content (the plan's own fields, a Keputusan item, a bab,
    area, komponen, indikator, langkah aksi or bukti fisik) with the values derived from it,
    and record it: "ditambahkan" for a new object, else one row per field in `changes`
    ({name: (before, after)}). The amendment rule applies (see amandemen). A target waktu
    goes through target_waktu_update instead."""
    if isinstance(obj, TargetWaktu):
        raise TypeError("a target waktu is saved with target_waktu_update")
    catatan = amandemen(isi_owners(obj)[0], alasan)
    added = obj._state.adding
    changes = changes or {}
    if isinstance(obj, Indikator) and (added or "target_capaian" in changes):
        for name, value in indikator_capaian_values(obj.target_capaian).items():
            setattr(obj, name, value)
    obj.save()
    rencana, indikator = isi_owners(obj)
    if added:
        riwayat_record(
            Riwayat.Jenis.RENCANA,
            pelaku=user,
            rencana=rencana,
            indikator=indikator,
            objek=_isi_label(obj),
            ke="ditambahkan",
            catatan=catatan,
        )
    else:
        changes_record(
            Riwayat.Jenis.RENCANA,
            changes,
            pelaku=user,
            objek=_isi_label(obj),
            model=type(obj),
            rencana=rencana,
            indikator=indikator,
            catatan=catatan,
        )
    return obj


@transaction.atomic
def isi_delete(obj, *, user, alasan=""):
    """Delete one object of a plan's content (and what hangs below it), recorded; the
    amendment rule applies."""
    rencana, indikator = isi_owners(obj)
    catatan = amandemen(rencana, alasan)
    label, satker_id = _isi_label(obj), rencana.satker_id
    obj.delete()
    # The history row outlives what was deleted: no link to a row that is gone.
    riwayat_record(
        Riwayat.Jenis.RENCANA,
        pelaku=user,
        satker=satker_id,
        rencana=None if rencana is obj else rencana,
        indikator=None if indikator is obj else indikator,
        objek=label,
        dari=label,
        ke="dihapus",
        catatan=catatan,
    )


@transaction.atomic
def membership_save(membership, *, user, changes=None):
    """Save a member's role in an office, recorded in the office's history."""
    added = membership._state.adding
    membership.save()
    label = f"{membership.user} — {membership.get_role_display()}"
    if added:
        riwayat_record(
            Riwayat.Jenis.KEANGGOTAAN,
            pelaku=user,
            satker=membership.satker_id,
            objek=label,
            ke="ditambahkan",
        )
    else:
        changes_record(
            Riwayat.Jenis.KEANGGOTAAN,
            changes or {},
            pelaku=user,
            objek=label,
            model=Membership,
            satker=membership.satker_id,
        )
    return membership


@transaction.atomic
def membership_delete(membership, *, user):
    """Remove a member's role in an office, recorded in the office's history."""
    label = f"{membership.user} — {membership.get_role_display()}"
    satker_id = membership.satker_id
    membership.delete()
    riwayat_record(
        Riwayat.Jenis.KEANGGOTAAN, pelaku=user, satker=satker_id, objek=label, ke="dihapus"
    )
