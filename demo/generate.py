"""Generated plans and evidence, of any size: the one generator behind the tests' factories, the
dashboard data sets M and L, the benchmarks and the demo.

Plans come out in the fixtures' shape and go in through rencana_aksi_import, as an imported
plan would. Evidence is written in bulk (rows only, no files), but every version follows the
app's own rules: a new upload replaces the versions sent back before it, a review decides a
waiting version, and the slot's status is derived by bukti_fisik.models.slot_status, so no test
or benchmark runs on a state the app cannot produce. Deterministic for a given seed.
"""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from bukti_fisik.models import Slot, Unggahan, slot_status, tanggal_diterima
from rencana_aksi.jadwal import periods_of
from rencana_aksi.models import Indikator, LangkahAksi, Membership, RencanaAksi, Role, Satker, User
from rencana_aksi.pertukaran.lampiran import romawi
from rencana_aksi.services import rencana_aksi_import, satker_create

JADWAL_UJI = ("Jan 2026", "Triwulan", "Maret, Juni 2026", "Bulanan", "Februari - Desember 2026")
_KATA = (
    "menyusun",
    "melaksanakan",
    "dokumen",
    "evaluasi",
    "pegawai",
    "pelayanan",
    "kinerja",
    "laporan",
    "rapat",
    "koordinasi",
    "sosialisasi",
    "monitoring",
    "integritas",
    "publik",
    "standar",
    "informasi",
)


def _frasa(words, seed):
    """A deterministic phrase of `words` words, as long as real plan text."""
    return " ".join(_KATA[(seed * 7 + k * 3) % len(_KATA)] for k in range(words)).capitalize()


def plan_data(
    slug,
    *,
    tahun=2026,
    areas=3,
    komponen=2,
    indikator=5,
    langkah=3,
    bukti=2,
    jadwal=JADWAL_UJI,
    langkah_total=None,
    wordy=False,
    **keputusan,
):
    """Plan data of `areas` × `komponen` × `indikator`, each indikator with `langkah` steps (or
    `langkah_total` spread over all of them) and `bukti` evidence documents; the target waktu
    cycle through `jadwal`. `wordy` writes sentences as long as a real decree's, for layout
    benchmarks. `keputusan` overrides the Keputusan fields."""
    count = areas * komponen * indikator
    per = [langkah] * count
    if langkah_total is not None:
        per = [langkah_total // count + (n < langkah_total % count) for n in range(count)]
    steps = iter(per)
    seq = iter(range(1, count + 1))

    def row(a, k, i, n):
        name = _frasa(12, n) if wordy else f"Indikator {a}.{k}.{i}"
        return {
            "nomor": str(i),
            "nama": name,
            "langkah_aksi": [
                ["-", _frasa(9, n + x) if wordy else f"Langkah {x}"] for x in range(next(steps))
            ],
            "bukti_fisik": [
                ["", _frasa(3, n + x) if wordy else f"Bukti {x}"] for x in range(bukti)
            ],
            "target_waktu": jadwal[i % len(jadwal)],
            "target_capaian": f"Capaian ≥ {80 + n % 20}%" if wordy else "Nilai ≥ 80",
        }

    return {
        "satker": slug,
        "tahun": tahun,
        "status": RencanaAksi.Status.DITETAPKAN,
        "nomor": "1",
        "tentang": "RENCANA AKSI UJI",
        "menimbang": [["a.", "bahwa uji"]],
        "mengingat": [["1.", "Undang-Undang Uji"]],
        "diktum": [["KESATU", "Menetapkan uji"]],
        **keputusan,
        "area": [
            {
                "nomor": romawi(a),
                "nama": f"AREA {a}",
                "komponen": [
                    {
                        "nomor": "",
                        "nama": f"Komponen {a}.{k}",
                        "indikator": [row(a, k, i, next(seq)) for i in range(1, indikator + 1)],
                    }
                    for k in range(1, komponen + 1)
                ],
            }
            for a in range(1, areas + 1)
        ],
    }


def plan_create(satker, **size):
    """An office's plan from plan_data, imported as a plan is."""
    rencana, _ = rencana_aksi_import(plan_data(satker.slug, **size))
    return rencana


# Of each upload: the chance it is verified, sent back, or left waiting for review.
REVIEW_ODDS = (0.55, 0.2)


def evidence_generate(indikator, tahun, uploaders, uploads, rng, *, slot_share=0.7, reviewer=None):
    """`uploads` versions spread over about `slot_share` of the indikator's slots, in bulk; a
    slot's row is stored with its first version. Each version is uploaded, then perhaps
    reviewed before the next one comes, as in the app. `indikator` come with target_waktu and
    prefetched bukti_fisik."""
    candidates = [
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
        for p in periods_of(item, tahun)
        if rng.random() < slot_share
    ]
    start = datetime(tahun, 1, 3, 8, tzinfo=ZoneInfo("Asia/Jakarta"))
    of_slot = {}
    for n in range(uploads):
        of_slot.setdefault(rng.randrange(len(candidates)), []).append(n)
    # A slot's row exists once something was uploaded to it, as in the app.
    slots = Slot.objects.bulk_create([candidates[i] for i in sorted(of_slot)], batch_size=1000)
    of_slot = dict(zip(slots, (of_slot[i] for i in sorted(of_slot)), strict=True))
    versions = []
    for slot, numbers in of_slot.items():
        history = []
        for versi, n in enumerate(numbers, 1):
            when = start + timedelta(minutes=7 * n)
            for earlier in history:
                # A new upload replaces what was sent back (services.bukti_upload).
                earlier.diganti = (
                    earlier.diganti or earlier.status == Unggahan.Status.PERLU_PERBAIKAN
                )
            version = Unggahan(
                slot=slot,
                versi=versi,
                berkas=f"uji/{tahun}/{n:06d}",
                nama_asli=f"bukti-{n}.pdf",
                ukuran=100_000,
                sha256="0" * 64,
                jenis_konten="application/pdf",
                tanggal_dokumen=date(tahun, 1, 1) + timedelta(days=n % 300),
                diunggah_oleh=uploaders[n % len(uploaders)],
                diunggah=when,
            )
            roll = rng.random()
            if roll < sum(REVIEW_ODDS):
                sent_back = roll >= REVIEW_ODDS[0]
                version.status = (
                    Unggahan.Status.PERLU_PERBAIKAN if sent_back else Unggahan.Status.TERVERIFIKASI
                )
                version.ditinjau_oleh = reviewer
                version.ditinjau = when + timedelta(minutes=3)
                version.catatan_tinjauan = "Lengkapi daftar hadir." if sent_back else ""
            history.append(version)
        current = [(v.status, v.diunggah) for v in history if not v.diganti]
        slot.status, slot.ada_bukti = slot_status(s for s, _ in current)
        slot.diterima = tanggal_diterima(current)
        slot.revisi = len(history) + sum(v.ditinjau is not None for v in history)
        if slot.status == Slot.Status.TERVERIFIKASI:
            slot.terverifikasi_pada = max(v.ditinjau for v in history if v.ditinjau)
        versions.extend(history)
    Unggahan.objects.bulk_create(versions, batch_size=2000)
    Slot.objects.bulk_update(
        slots,
        ["status", "ada_bukti", "diterima", "revisi", "terverifikasi_pada"],
        batch_size=1000,
    )
    return slots


def plan_evidence(rencana, uploaders, uploads, *, seed=7, slot_share=1.0, reviewer=None):
    """evidence_generate over every indikator of one plan."""
    indikator = (
        Indikator.objects.filter(komponen__area__rencana=rencana)
        .select_related("target_waktu")
        .prefetch_related("bukti_fisik")
    )
    return evidence_generate(
        indikator,
        rencana.tahun,
        uploaders,
        uploads,
        random.Random(seed),
        slot_share=slot_share,
        reviewer=reviewer,
    )


# Dashboard data sets: one office with a 300-indikator plan and (langkah aksi, uploads).
SIZES = {"M": (1000, 5000), "L": (10000, 50000)}
JADWAL_DATASET = (
    "Triwulan",
    "Bulanan",
    "Semesteran",
    "Maret, Juni, September, Desember 2026",
    "Januari 2026 - Desember 2026",
    "Tahunan",
    "Mei 2026",
)


@transaction.atomic
def dataset_generate(size, slug=None, tahun=2026, seed=2026, parent=None):
    """Create the office, its members and a plan of the given size; returns the plan."""
    langkah_total, uploads = SIZES[size]
    rng = random.Random(seed)
    slug = slug or f"kpu-kab-uji-{size.lower()}"
    satker = satker_create(
        slug=slug,
        nama=f"KPU Kabupaten Uji {size}",
        nama_lengkap=f"Komisi Pemilihan Umum Kabupaten Uji {size}",
        tingkat=Satker.Tingkat.KABKOTA,
        parent=parent,
        kota="Uji",
    )
    rencana, _ = rencana_aksi_import(
        plan_data(
            slug,
            tahun=tahun,
            areas=6,
            komponen=5,
            indikator=10,
            bukti=2,
            jadwal=JADWAL_DATASET,
            langkah_total=langkah_total,
            tentang="RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS (DATA UJI)",
        )
    )
    pics = [
        User.objects.create(username=f"{slug}.anggota{n}", first_name=f"Anggota {n}")
        for n in range(1, 6)
    ]
    Membership.objects.bulk_create(
        Membership(user=user, satker=satker, role=Role.ANGGOTA) for user in pics
    )
    ketua = User.objects.create(username=f"{slug}.ketua_tim", first_name="Ketua Tim")
    Membership.objects.create(user=ketua, satker=satker, role=Role.KETUA_TIM)
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

    evidence_generate(indikator, tahun, pics, uploads, rng, reviewer=ketua)
    return RencanaAksi.objects.get(pk=rencana.pk)
