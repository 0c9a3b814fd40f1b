"""Generated data sets for query-count tests and benchmarks of the dashboards.

M: one office with a 300-indikator plan, 1,000 langkah aksi and 5,000 uploads.
L: the same plan with ten times the langkah aksi and uploads.
Uploads are rows only (their files are never opened by the dashboards); statuses are spread so
every number has something to count. Deterministic for a given seed.
"""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from bukti_fisik.models import Slot, Unggahan
from rencana_aksi.jadwal import periods
from rencana_aksi.models import (
    Indikator,
    LangkahAksi,
    Membership,
    RencanaAksi,
    Role,
    Satker,
    User,
)
from rencana_aksi.services import rencana_aksi_import

SIZES = {"M": (1000, 5000), "L": (10000, 50000)}
SCHEDULES = [
    "Triwulan",
    "Bulanan",
    "Semesteran",
    "Maret, Juni, September, Desember 2026",
    "Januari 2026 - Desember 2026",
    "Tahunan",
    "Mei 2026",
]


def _plan_data(slug, tahun, langkah_total, rng):
    indikator = 300
    per = [langkah_total // indikator] * indikator
    for i in range(langkah_total - sum(per)):
        per[i] += 1
    n = iter(range(indikator))
    return {
        "satker": slug,
        "tahun": tahun,
        "status": "ditetapkan",
        "nomor": "1",
        "tentang": "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS (DATA UJI)",
        "menimbang": [["a.", "bahwa data uji diperlukan"]],
        "mengingat": [["1.", "Peraturan uji"]],
        "diktum": [["KESATU", "Menetapkan data uji"]],
        "area": [
            {
                "nomor": roman,
                "nama": f"AREA UJI {roman}",
                "komponen": [
                    {
                        "nomor": "",
                        "nama": f"Komponen {roman}.{k}",
                        "indikator": [
                            {
                                "nomor": str(i),
                                "nama": f"Indikator uji {roman}.{k}.{i}",
                                "langkah_aksi": [["-", f"Langkah {x + 1}"] for x in range(per[j])],
                                "bukti_fisik": [["", f"Bukti {x + 1}"] for x in range(2)],
                                "target_waktu": rng.choice(SCHEDULES),
                                "target_capaian": "100%",
                            }
                            for i in range(1, 11)
                            for j in [next(n)]
                        ],
                    }
                    for k in range(1, 6)
                ],
            }
            for roman in ("I", "II", "III", "IV", "V", "VI")
        ],
    }


@transaction.atomic
def dataset_generate(size, slug=None, tahun=2026, seed=2026, parent=None):
    """Create the office, its members and a plan of the given size; returns the plan."""
    langkah_total, uploads = SIZES[size]
    rng = random.Random(seed)
    slug = slug or f"kpu-kab-uji-{size.lower()}"
    satker = Satker.objects.create(
        slug=slug,
        nama=f"KPU Kabupaten Uji {size}",
        nama_lengkap=f"Komisi Pemilihan Umum Kabupaten Uji {size}",
        tingkat=Satker.Tingkat.KABKOTA,
        parent=parent,
        kota="Uji",
    )
    rencana, _ = rencana_aksi_import(_plan_data(slug, tahun, langkah_total, rng))
    pics = [
        User.objects.create(username=f"{slug}.anggota{n}", first_name=f"Anggota {n}")
        for n in range(1, 6)
    ]
    for user in pics:
        Membership.objects.create(user=user, satker=satker, role=Role.ANGGOTA)
    indikator = list(
        Indikator.objects.filter(komponen__area__rencana=rencana)
        .select_related("target_waktu")
        .prefetch_related("bukti_fisik")
    )
    for item in indikator:
        item.pic = rng.choice([*pics, None])
        if rng.random() < 0.2:
            item.bobot = rng.choice([2, 3])
    Indikator.objects.bulk_update(indikator, ["pic", "bobot"], batch_size=500)
    langkah = list(LangkahAksi.objects.filter(indikator__komponen__area__rencana=rencana))
    for step in langkah:
        step.status = rng.choice(LangkahAksi.Status.values)
    LangkahAksi.objects.bulk_update(langkah, ["status"], batch_size=1000)

    evidence_create(indikator, tahun, pics, uploads, rng)
    return RencanaAksi.objects.get(pk=rencana.pk)


def evidence_create(indikator, tahun, uploaders, uploads, rng, slot_share=0.7):
    """Stored slots for about `slot_share` of the indikator's slots and `uploads` versions
    spread over them, written in bulk (rows only, no files); each slot's status follows its
    latest version. `indikator` come with target_waktu and prefetched bukti_fisik."""
    slots = Slot.objects.bulk_create(
        [
            Slot(
                bukti_fisik=bukti,
                indikator=item,
                kode=p.kode,
                label=p.label,
                mulai=p.mulai,
                jatuh_tempo=p.jatuh_tempo,
            )
            for item in indikator
            for bukti in item.bukti_fisik.all()
            for p in periods(item.target_waktu.jadwal, tahun)
            if rng.random() < slot_share
        ],
        batch_size=1000,
    )
    start = datetime(tahun, 1, 3, 8, tzinfo=ZoneInfo("Asia/Jakarta"))
    statuses = list(Unggahan.Status.values)
    versions, count = [], {}
    for n in range(uploads):
        slot = rng.choice(slots)
        count[slot.pk] = count.get(slot.pk, 0) + 1
        versions.append(
            Unggahan(
                slot=slot,
                versi=count[slot.pk],
                berkas=f"uji/{tahun}/{n:06d}",
                nama_asli=f"bukti-{n}.pdf",
                ukuran=100_000,
                sha256="0" * 64,
                jenis_konten="application/pdf",
                tanggal_dokumen=date(tahun, 1, 1) + timedelta(days=n % 300),
                diunggah_oleh=uploaders[n % len(uploaders)],
                diunggah=start + timedelta(minutes=7 * n),
                status=rng.choice(statuses),
            )
        )
    Unggahan.objects.bulk_create(versions, batch_size=2000)
    latest = {}
    for version in versions:
        latest[version.slot_id] = version.status
    for slot in slots:
        status = latest.get(slot.pk)
        slot.status = status or Slot.Status.BELUM_ADA
        slot.ada_bukti = status in (Unggahan.Status.MENUNGGU, Unggahan.Status.TERVERIFIKASI)
    Slot.objects.bulk_update(slots, ["status", "ada_bukti"], batch_size=1000)
    return slots
