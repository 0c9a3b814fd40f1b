"""Writes to the plan catalogue. Each function is one business action in one transaction."""

import hashlib
import io
import json
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from . import render_worker
from .capaian import parse_target_capaian
from .jadwal import parse_target_waktu
from .models import (
    Area,
    Bab,
    BuktiFisik,
    Dokumen,
    Indikator,
    KeputusanButir,
    Komponen,
    LangkahAksi,
    Membership,
    RencanaAksi,
    Riwayat,
    Role,
    Satker,
    TargetWaktu,
    User,
)
from .selectors import keputusan_butir


def riwayat_record(jenis, *, pelaku, indikator=None, rencana=None, **fields):
    """Write one history row; the office and plan are taken from the indikator when given."""
    if indikator is not None and rencana is None:
        rencana = indikator.komponen.area.rencana
    return Riwayat.objects.create(
        jenis=jenis,
        pelaku=pelaku if pelaku and pelaku.is_authenticated else None,
        indikator=indikator,
        rencana=rencana,
        satker_id=rencana.satker_id if rencana else None,
        **{name: str(value) for name, value in fields.items()},
    )


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
    existing = RencanaAksi.objects.filter(satker=satker, tahun=tahun).exclude(status="dicabut")
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
        for jenis in ("menimbang", "mengingat", "diktum")
        for i, (label, teks) in enumerate(data.get(jenis, []), 1)
    )
    Bab.objects.bulk_create(
        Bab(rencana=rencana, urutan=i, nomor=b["nomor"], judul=b["judul"], isi=b.get("isi", ""))
        for i, b in enumerate(data.get("bab", []), 1)
    )
    _areas_create(rencana, data.get("area", []))
    return rencana, True


def _areas_create(rencana, areas):
    """Bulk-create the area → komponen → indikator tree, a few queries per level."""
    area_objs = Area.objects.bulk_create(
        Area(rencana=rencana, urutan=i, nomor=a["nomor"], nama=a["nama"])
        for i, a in enumerate(areas, 1)
    )
    komponen_rows = [
        (k, Komponen(area=area, urutan=j, nomor=k.get("nomor", ""), nama=k.get("nama", "")))
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
def target_waktu_update(indikator, teks, *, user=None):
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


DEMO_SATKER = (
    # slug, nama, nama lengkap, wilayah, tingkat, parent, kota
    (
        "kpu-ri",
        "KPU RI",
        "Komisi Pemilihan Umum Republik Indonesia",
        "Republik Indonesia",
        "pusat",
        None,
        "Jakarta",
    ),
    (
        "kpu-prov-jawa-timur",
        "KPU Provinsi Jawa Timur",
        "Komisi Pemilihan Umum Provinsi Jawa Timur",
        "Provinsi Jawa Timur",
        "provinsi",
        "kpu-ri",
        "Surabaya",
    ),
    (
        "kpu-kab-madiun",
        "KPU Kabupaten Madiun",
        "Komisi Pemilihan Umum Kabupaten Madiun",
        "Kabupaten Madiun",
        "kabkota",
        "kpu-prov-jawa-timur",
        "Madiun",
    ),
    (
        "kpu-prov-jambi",
        "KPU Provinsi Jambi",
        "Komisi Pemilihan Umum Provinsi Jambi",
        "Provinsi Jambi",
        "provinsi",
        "kpu-ri",
        "Jambi",
    ),
    (
        "kpu-kab-merangin",
        "KPU Kabupaten Merangin",
        "Komisi Pemilihan Umum Kabupaten Merangin",
        "Kabupaten Merangin",
        "kabkota",
        "kpu-prov-jambi",
        "Bangko",
    ),
)
# Login prefix of each office's demo users: madiun.ketua_tim, jatim.pimpinan …
DEMO_PREFIX = {
    "kpu-kab-madiun": "madiun",
    "kpu-kab-merangin": "merangin",
    "kpu-prov-jawa-timur": "jatim",
    "kpu-prov-jambi": "jambi",
}
DEMO_PLANS = ("kpu-kab-madiun-7-2026.json", "kpu-kab-merangin-9-2026.json")


@transaction.atomic
def demo_load(fixtures_dir, password):
    """Create the demo offices, both seed plans and one user per role per district office
    (plus a pimpinan per province); safe to run again. Returns the logins made or kept."""
    by_slug = {}
    for slug, nama, lengkap, wilayah, tingkat, parent, kota in DEMO_SATKER:
        satker, _ = Satker.objects.update_or_create(
            slug=slug,
            defaults={
                "nama": nama,
                "nama_lengkap": lengkap,
                "wilayah": wilayah,
                "tingkat": tingkat,
                "parent": by_slug.get(parent),
                "kota": kota,
            },
        )
        by_slug[slug] = satker

    for name in DEMO_PLANS:
        with open(fixtures_dir / name, encoding="utf-8") as f:
            rencana_aksi_import(json.load(f))

    admin_group, _ = Group.objects.get_or_create(name="Admin satker")
    admin_group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="rencana_aksi",
        ).exclude(content_type__model="user")
    )

    logins = []
    wanted = [(s, role) for s in ("kpu-kab-madiun", "kpu-kab-merangin") for role in Role.values]
    wanted += [("kpu-prov-jawa-timur", Role.PIMPINAN), ("kpu-prov-jambi", Role.PIMPINAN)]
    for slug, role in wanted:
        username = f"{DEMO_PREFIX[slug]}.{role}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": f"Demo {Role(role).label}", "last_name": by_slug[slug].nama},
        )
        if created:
            user.set_password(password)
        if role == Role.ADMIN:
            user.is_staff = True
            user.groups.add(admin_group)
        user.save()
        Membership.objects.get_or_create(user=user, satker=by_slug[slug], role=role)
        logins.append((username, by_slug[slug].nama, Role(role).label))
    # The Anggota first, so it becomes PIC of its own areas' indikator.
    for role, count in DEMO_AREAS.items():
        for membership in Membership.objects.filter(
            role=role, satker__slug__in=("kpu-kab-madiun", "kpu-kab-merangin")
        ):
            _demo_assign(membership, count)
    return logins


# How many of the plan's first areas the demo Koordinator and Anggota are assigned to.
DEMO_AREAS = {Role.ANGGOTA: 2, Role.KOORDINATOR: 4}


def _demo_assign(membership, count):
    """Assign the first areas of the office's plans, and make the member the PIC of their
    indikator that have none (a later choice made in the app is kept)."""
    areas = [
        area
        for rencana in RencanaAksi.objects.filter(satker=membership.satker)
        for area in rencana.areas.order_by("urutan")[:count]
    ]
    membership.areas.add(*areas)
    Indikator.objects.filter(komponen__area__in=areas, pic__isnull=True).update(pic=membership.user)


def _dokumen_identitas(rencana):
    return {
        "satker": rencana.satker.nama_lengkap,
        "nomor": rencana.nomor,
        "tahun": rencana.tahun,
        "tanggal": rencana.tanggal_penetapan.isoformat() if rencana.tanggal_penetapan else "",
        "tentang": rencana.tentang,
    }


def dokumen_request(rencana, mode, user):
    """Queue a PDF of the plan in `mode` and start rendering it in a child process once the
    request's transaction has committed, so a web worker never holds WeasyPrint's memory."""
    dokumen = Dokumen.objects.create(
        rencana=rencana,
        mode=mode,
        dibuat_oleh=user,
        tahap="Menunggu giliran",
        identitas=_dokumen_identitas(rencana),
    )
    transaction.on_commit(lambda: render_worker.spawn(dokumen.pk))
    return dokumen


def _dokumen_progress(dokumen, persen, tahap, **fields):
    Dokumen.objects.filter(pk=dokumen.pk).update(persen=persen, tahap=tahap, **fields)


def dokumen_render(dokumen_id):
    """Render a queued document: PDF, sha256, page count and preview images of its first
    pages. Failures are recorded on the row with a message, never left as a silent queue."""
    from . import pdf  # WeasyPrint is loaded only where documents are rendered

    dokumen = Dokumen.objects.select_related("rencana__satker").get(pk=dokumen_id)
    _dokumen_progress(dokumen, 10, "Membaca rencana aksi", status=Dokumen.Status.PROSES)
    try:
        url = settings.ZI_PUBLIC_URL.rstrip("/") + reverse("verifikasi", args=[dokumen.token])
        _dokumen_progress(dokumen, 30, "Menyusun halaman")
        data = pdf.render_pdf(dokumen.rencana, dokumen.mode, verification_url=url)
        _dokumen_progress(dokumen, 80, "Menyimpan berkas")
        pages = len(PdfReader(io.BytesIO(data)).pages)
        name = f"{dokumen.rencana.satker.slug}-{dokumen.rencana.tahun}-{dokumen.mode}.pdf"
        dokumen.berkas.save(name, ContentFile(data), save=False)
        _dokumen_progress(dokumen, 90, "Membuat pratinjau")
        previews = pdf.preview_images(dokumen.berkas.path, dokumen.token, pages=2)
        Dokumen.objects.filter(pk=dokumen.pk).update(
            berkas=dokumen.berkas.name,
            sha256=hashlib.sha256(data).hexdigest(),
            ukuran=len(data),
            halaman=pages,
            pratinjau=previews,
            persen=100,
            tahap="Selesai",
            status=Dokumen.Status.SELESAI,
            selesai=timezone.now(),
        )
    except Exception as exc:
        _dokumen_progress(
            dokumen,
            100,
            "Gagal",
            status=Dokumen.Status.GAGAL,
            pesan_galat=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise


def dokumen_matches(dokumen, uploaded):
    """Whether an uploaded file is byte for byte the issued PDF (sha256, read in chunks)."""
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    return bool(dokumen.sha256) and digest.hexdigest() == dokumen.sha256


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
    if jenis == "menimbang":
        return [f"{chr(ord('a') + i)}." if i < 26 else f"{i + 1}." for i in range(count)]
    if jenis == "mengingat":
        return [f"{i + 1}." for i in range(count)]
    return [DIKTUM_LABELS[i] if i < len(DIKTUM_LABELS) else f"KE-{i + 1}" for i in range(count)]


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
            objek=_field_label(name),
            dari=before if before is not None else "",
            ke=after if after is not None else "",
        )
    KeputusanButir.objects.filter(rencana=rencana).delete()
    KeputusanButir.objects.bulk_create(
        KeputusanButir(rencana=rencana, jenis=jenis, urutan=i, label=label, teks=teks)
        for jenis, items in butir.items()
        for i, (label, teks) in enumerate(
            zip(butir_labels(jenis, len(items)), items, strict=True), 1
        )
    )


def _field_label(name):
    try:
        return str(RencanaAksi._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return dict(KeputusanButir.Jenis.choices).get(name, name)
