"""Writes of plan exchange: a draft plan's Lampiran replaced by an imported one, the draft for
an office and year, next year's plan made from this year's, and adopting a plan."""

import re

from django.db import transaction

from ..models import (
    Area,
    Indikator,
    KeputusanButir,
    Membership,
    PemetaanKolom,
    RencanaAksi,
    Riwayat,
    User,
)
from ..selectors import rencana_data
from .keputusan import butir_labels
from .rencana import _areas_create, rencana_aksi_import
from .riwayat import riwayat_record


class PertukaranError(Exception):
    """A refused exchange; the message is meant for the user."""


def pic_lookup(satker):
    """PIC text as written in a sheet (username, email or full name, any case) → the active
    member of the office it names."""
    users = User.objects.filter(pk__in=Membership.objects.filter(satker=satker).values("user_id"))
    names = {}
    for user in users:
        for key in (user.username, user.email, user.get_full_name()):
            if key:
                names.setdefault(key.strip().lower(), user)
    return names


def pic_unknown(areas, satker, names=None):
    """The PIC texts of the rows that name nobody of the office, each once, in order: kept
    as written on the indikator ("Tim Pilar 1", "Kasubbag Umum") until matched."""
    names = pic_lookup(satker) if names is None else names
    seen = {}
    for area in areas:
        for komponen in area["komponen"]:
            for ind in komponen["indikator"]:
                pic = (ind.get("pic") or "").strip()
                if pic and pic.lower() not in names:
                    seen[pic] = seen.get(pic, 0) + 1
    return list(seen.items())


def rencana_draft_for(satker, tahun, *, user=None):
    """The office's plan in force for `tahun`, or a new draft with the office's defaults."""
    existing = RencanaAksi.objects.berlaku().filter(satker=satker, tahun=tahun).first()
    if existing is not None:
        return existing
    rencana = RencanaAksi.objects.create(
        satker=satker,
        tahun=tahun,
        tentang=(
            "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI DAN "
            f"WILAYAH BIROKRASI BERSIH DAN MELAYANI TAHUN {tahun}"
        ),
        tempat_penetapan=satker.kota,
        penandatangan_jabatan=satker.penandatangan_jabatan,
        penandatangan_nama=satker.penandatangan_nama,
        salinan_unit=satker.salinan_unit,
        salinan_jabatan=satker.salinan_jabatan,
        salinan_nama=satker.salinan_nama,
    )
    riwayat_record(
        Riwayat.Jenis.RENCANA, pelaku=user, rencana=rencana, objek="Rencana aksi", ke="draf dibuat"
    )
    return rencana


@transaction.atomic
def rencana_isi_replace(rencana, areas, *, user, layout=None):
    """Replace a draft plan's Lampiran with `areas` (the fixtures' shape): everything or
    nothing. The same file imported twice gives the same plan. An adopted plan, or one that
    holds evidence already, is refused."""
    rencana = RencanaAksi.objects.select_for_update().select_related("satker").get(pk=rencana.pk)
    if rencana.status != RencanaAksi.Status.DRAF:
        raise PertukaranError(
            "Rencana ini sudah ditetapkan; impor hanya ke rencana draf. Perubahan rencana yang "
            "berlaku dicatat sebagai amandemen."
        )
    if Indikator.objects.filter(komponen__area__rencana=rencana, slot__isnull=False).exists():
        raise PertukaranError("Rencana ini sudah memiliki bukti; isinya tidak dapat ditimpa impor.")
    names = pic_lookup(rencana.satker)
    before = Area.objects.filter(rencana=rencana).count()
    Area.objects.filter(rencana=rencana).delete()
    _areas_create(rencana, areas, pic_of=lambda text: names.get(text.strip().lower()))
    if layout:
        fields = {
            k: v for k, v in layout.items() if k in RencanaAksi.LAYOUT_FIELDS and v is not None
        }
        RencanaAksi.objects.filter(pk=rencana.pk).update(**fields)
    count = sum(len(k["indikator"]) for a in areas for k in a["komponen"])
    riwayat_record(
        Riwayat.Jenis.RENCANA,
        pelaku=user,
        rencana=rencana,
        objek="Lampiran diimpor",
        dari=f"{before} area",
        ke=f"{len(areas)} area, {count} indikator",
    )
    return rencana


def pemetaan_for(satker):
    """The office's remembered column mapping ({} when none)."""
    row = PemetaanKolom.objects.filter(satker=satker).first()
    return row.kolom if row else {}


def pemetaan_save(satker, kolom):
    """Remember an office's column mapping for its next import."""
    PemetaanKolom.objects.update_or_create(satker=satker, defaults={"kolom": kolom})


def _year_moved(text, old, new):
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text or "")


@transaction.atomic
def rencana_tahun_berikut(rencana, *, user):
    """A draft for the next year from an adopted plan: its Lampiran with every year in the
    target waktu moved on, no evidence, and a Keputusan whose diktum revokes this one."""
    if rencana.status != RencanaAksi.Status.DITETAPKAN:
        raise PertukaranError("Rencana tahun berikut dibuat dari rencana yang sudah ditetapkan.")
    old, new = rencana.tahun, rencana.tahun + 1
    if RencanaAksi.objects.berlaku().filter(satker=rencana.satker, tahun=new).exists():
        raise PertukaranError(f"Rencana aksi tahun {new} untuk satker ini sudah ada.")
    data = rencana_data(rencana)
    for area in data["area"]:
        for komponen in area["komponen"]:
            for ind in komponen["indikator"]:
                ind["target_waktu"] = _year_moved(ind["target_waktu"], old, new)
    revoke = (
        f"Pada saat Keputusan ini mulai berlaku, Keputusan {rencana.satker.nama_lengkap} "
        f"Nomor {rencana.nomor or '…'} Tahun {old} tentang {rencana.tentang}, dicabut dan "
        "dinyatakan tidak berlaku."
    )
    diktum = [teks for _, teks in data["diktum"]]
    diktum.insert(max(len(diktum) - 1, 0), revoke)
    data.update(
        tahun=new,
        status=RencanaAksi.Status.DRAF,
        nomor="",
        tanggal_penetapan="",
        tentang=_year_moved(rencana.tentang, old, new),
        judul_lampiran=_year_moved(rencana.judul_lampiran, old, new),
        diktum=[
            list(pair)
            for pair in zip(
                butir_labels(KeputusanButir.Jenis.DIKTUM, len(diktum)), diktum, strict=True
            )
        ],
        mencabut={"tahun": old, "nomor": rencana.nomor, "tentang": rencana.tentang},
    )
    data["bab"] = [{**b, "judul": _year_moved(b["judul"], old, new)} for b in data["bab"]]
    draft, _ = rencana_aksi_import(data)
    _copy_pics(rencana, draft)
    riwayat_record(
        Riwayat.Jenis.RENCANA,
        pelaku=user,
        rencana=draft,
        objek="Rencana aksi",
        ke=f"dibuat dari rencana {old}",
    )
    return draft


def _by_place(rencana):
    indikator = Indikator.objects.filter(komponen__area__rencana=rencana).select_related(
        "komponen__area"
    )
    return {(i.komponen.area.urutan, i.komponen.urutan, i.urutan): i for i in indikator}


def _copy_pics(source, target):
    """Give each indikator of the new plan the PIC of the indikator at the same place (a
    member, or the text the office wrote)."""
    old = _by_place(source)
    updates = []
    for place, indikator in _by_place(target).items():
        indikator.pic_id = old[place].pic_id if place in old else None
        indikator.pic_teks = old[place].pic_teks if place in old else ""
        updates.append(indikator)
    Indikator.objects.bulk_update(updates, ["pic", "pic_teks"], batch_size=500)


@transaction.atomic
def rencana_tetapkan(rencana, *, user):
    """Adopt a draft plan: it is in force from now, and the plan it revokes is marked dicabut
    (kept, readable, with all its evidence)."""
    rencana = RencanaAksi.objects.select_for_update().get(pk=rencana.pk)
    if rencana.status != RencanaAksi.Status.DRAF:
        raise PertukaranError("Hanya rencana draf yang dapat ditetapkan.")
    if not (rencana.nomor and rencana.tanggal_penetapan):
        raise PertukaranError("Isi nomor dan tanggal penetapan Keputusan dulu.")
    if not Area.objects.filter(rencana=rencana).exists():
        raise PertukaranError("Lampiran rencana ini masih kosong.")
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=RencanaAksi.Status.DITETAPKAN)
    riwayat_record(
        Riwayat.Jenis.RENCANA,
        pelaku=user,
        rencana=rencana,
        objek="Status rencana",
        dari="Draf",
        ke="Ditetapkan",
    )
    if rencana.mencabut_id:
        RencanaAksi.objects.filter(pk=rencana.mencabut_id).update(status=RencanaAksi.Status.DICABUT)
        riwayat_record(
            Riwayat.Jenis.RENCANA,
            pelaku=user,
            rencana=rencana.mencabut,
            objek="Status rencana",
            dari="Ditetapkan",
            ke=f"Dicabut oleh Keputusan Nomor {rencana.nomor} Tahun {rencana.tahun}",
        )
    rencana.refresh_from_db()
    return rencana
