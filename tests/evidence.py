"""Helpers for evidence tests: a slot target, uploads through the service, bulk data sets."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bukti_fisik import services
from demo.generate import plan_evidence
from rencana_aksi.jadwal import periods
from rencana_aksi.models import BuktiFisik

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
    """A stored slot for every slot of the plan and `uploads` versions spread over them (rows
    only; the pages under test never open the files), reviewed by the plan's own rules."""
    return plan_evidence(plan, [uploader], uploads, seed=seed)


def post_upload(client, bukti, kode, files, **fields):
    """Post `files` ((name as sent, bytes) pairs) to the upload endpoint as the page's script
    does, asking for a JSON answer."""
    fields = {"tanggal_dokumen": "2026-03-10", "catatan": "", **fields}
    body, content_type = samples.multipart(fields, [("berkas", n, d) for n, d in files])
    return client.post(
        reverse("bukti_fisik:upload", args=[bukti.pk, kode]),
        data=body,
        content_type=content_type,
        HTTP_ACCEPT="application/json",
    )
