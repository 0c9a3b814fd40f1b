"""Writes of the documents: queueing a PDF, rendering it in a child process, and checking a
printout against an issued copy."""

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from inti import antrean

from ..models import Dokumen


def _dokumen_identitas(rencana):
    return {
        "satker": rencana.satker.nama_lengkap,
        "nomor": rencana.nomor,
        "tahun": rencana.tahun,
        "tanggal": rencana.tanggal_penetapan.isoformat() if rencana.tanggal_penetapan else "",
        "tentang": rencana.tentang,
    }


def dokumen_request(rencana, mode, user):
    """Queue a PDF of the plan in `mode` once the transaction has committed; it renders in a
    process of its own (inti.antrean), so a web worker never holds WeasyPrint's memory."""
    dokumen = Dokumen.objects.create(
        rencana=rencana,
        mode=mode,
        dibuat_oleh=user,
        tahap="Menunggu giliran",
        identitas=_dokumen_identitas(rencana),
    )
    transaction.on_commit(lambda: antrean.enqueue("render_dokumen", dokumen.pk))
    return dokumen


def _dokumen_progress(dokumen, persen, tahap, **fields):
    Dokumen.objects.filter(pk=dokumen.pk).update(persen=persen, tahap=tahap, **fields)


def dokumen_render(dokumen_id):
    """Render a queued document: PDF, sha256, page count and preview images of its first
    pages. Failures are recorded on the row with a message, never left as a silent queue."""
    from .. import pdf  # WeasyPrint is loaded only where documents are rendered

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
