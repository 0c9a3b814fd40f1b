"""Helpers for evidence tests: a slot target, uploads through the service, bulk data sets."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from bukti_fisik import services
from bukti_fisik.models import Slot, Unggahan
from rencana_aksi.jadwal import periods
from rencana_aksi.models import BuktiFisik, Indikator

from . import samples


def first_bukti(plan):
    return (
        BuktiFisik.objects.filter(indikator__komponen__area__rencana=plan)
        .select_related("indikator__target_waktu", "indikator__komponen__area__rencana")
        .order_by(
            "indikator__komponen__area__urutan",
            "indikator__komponen__urutan",
            "indikator__urutan",
            "urutan",
        )
        .first()
    )


def periode_of(bukti, kode):
    tahun = bukti.indikator.komponen.area.rencana.tahun
    return next(p for p in periods(bukti.indikator.target_waktu.jadwal, tahun) if p.kode == kode)


def upload(bukti, kode, user, name="bukti.pdf", data=None, **kwargs):
    files = [SimpleUploadedFile(name, data if data is not None else samples.pdf_bytes())]
    kwargs.setdefault("tanggal_dokumen", date(2026, 3, 10))
    return services.bukti_upload(bukti, periode_of(bukti, kode), files, user=user, **kwargs)


def bulk_evidence(plan, uploader, uploads, seed=7):
    """Stored slots and `uploads` versions spread over the plan's slots, written in bulk (rows
    only; the pages under test never open the files)."""
    rng = random.Random(seed)
    indikator = (
        Indikator.objects.filter(komponen__area__rencana=plan)
        .select_related("target_waktu")
        .prefetch_related("bukti_fisik")
    )
    slots = [
        Slot(
            bukti_fisik=b,
            indikator=i,
            kode=p.kode,
            label=p.label,
            mulai=p.mulai,
            jatuh_tempo=p.jatuh_tempo,
            status=Slot.Status.MENUNGGU,
            ada_bukti=True,
        )
        for i in indikator
        for b in i.bukti_fisik.all()
        for p in periods(i.target_waktu.jadwal, plan.tahun)
    ]
    slots = Slot.objects.bulk_create(slots, batch_size=500)
    start = datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    versions, next_versi = [], {}
    for n in range(uploads):
        slot = rng.choice(slots)
        next_versi[slot.pk] = next_versi.get(slot.pk, 0) + 1
        versions.append(
            Unggahan(
                slot=slot,
                versi=next_versi[slot.pk],
                berkas=f"2026/01/bulk{n:06d}",
                nama_asli=f"bukti-{n}.pdf",
                ukuran=1000,
                sha256="0" * 64,
                jenis_konten="application/pdf",
                tanggal_dokumen=date(2026, 1, 5),
                diunggah_oleh=uploader,
                diunggah=start + timedelta(minutes=n),
            )
        )
    Unggahan.objects.bulk_create(versions, batch_size=1000)
    return slots
