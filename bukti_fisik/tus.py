"""Resumable uploads on the tus 1.0.0 protocol (https://tus.io/protocols/resumable-upload):
the core protocol and the creation, termination and expiration extensions, at /unggah/tus/.

No maintained tus server for Django 5.2 exists (django-tus stops at 3.2, drf-tus needs DRF), so
this small module covers exactly those extensions. An upload is created for one bukti fisik and
period (metadata `bukti`, `periode`, `filename`, `tanggal_dokumen`, optionally `catatan`) with
the same session, CSRF, office, role and size checks as the form upload; its bytes are appended
to a partial file as they arrive, so a dropped connection resumes from the last byte received;
the last byte turns it into a version through bukti_upload (content checks included), or it is
refused and removed.
"""

import base64
import binascii
import hashlib
import os
import uuid
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from rencana_aksi.forms import tanpa_kendali
from rencana_aksi.jadwal import periods_of
from rencana_aksi.permissions import require

from . import services
from .forms import UnggahForm
from .models import TusUnggahan
from .permissions import akses_for, bukti_visible_to
from .uploads import UploadRefused

VERSION = "1.0.0"
EXTENSIONS = "creation,termination,expiration"
CHUNK = 1024 * 1024
CATATAN_MAX = UnggahForm.base_fields["catatan"].max_length


def _partial(upload_id):
    return Path(settings.ZI_TUS_ROOT) / f"{upload_id}.part"


def _respond(status, text="", **headers):
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Tus-Resumable"] = VERSION
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = str(value)
    return response


def _metadata(header):
    """Upload-Metadata: comma-separated "key base64value" pairs."""
    result = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _, value = pair.partition(" ")
        try:
            result[key] = base64.b64decode(value, validate=True).decode("utf-8") if value else ""
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise ValueError(f"Metadata «{key[:40]}» tidak terbaca.") from None
        try:
            tanpa_kendali(result[key])
        except ValidationError:
            raise ValueError(f"Metadata «{key[:40]}» berisi karakter kendali.") from None
    return result


def _expires(upload):
    return http_date(upload.kedaluwarsa.timestamp())


def _live(request, upload_id):
    """The user's own upload in progress, unexpired (else 404)."""
    upload = get_object_or_404(TusUnggahan, pk=upload_id, pengguna=request.user)
    if upload.kedaluwarsa <= timezone.now():
        tus_discard(upload)
        raise Http404("Unggahan ini sudah kedaluwarsa.")
    return upload


def tus_discard(upload):
    _partial(upload.pk).unlink(missing_ok=True)
    upload.delete()


def sweep_expired(now=None):
    """Remove unfinished uploads past their expiry, and partial files nobody refers to.
    Returns the number removed."""
    now = now or timezone.now()
    stale = list(TusUnggahan.objects.filter(kedaluwarsa__lte=now))
    for upload in stale:
        tus_discard(upload)
    root = Path(settings.ZI_TUS_ROOT)
    known = {f"{pk}.part" for pk in TusUnggahan.objects.values_list("pk", flat=True)}
    orphans = [p for p in root.glob("*.part") if p.name not in known] if root.is_dir() else []
    for path in orphans:
        path.unlink(missing_ok=True)
    return len(stale) + len(orphans)


def _periode(bukti, kode):
    """The period `kode` of the bukti fisik's current schedule, or None."""
    tahun = bukti.indikator.komponen.area.rencana.tahun
    return next((p for p in periods_of(bukti.indikator, tahun) if p.kode == kode), None)


@csrf_protect
@require_http_methods(["OPTIONS", "POST"])
def tus_create(request):
    """OPTIONS: what this server speaks. POST (creation): a new upload for a bukti fisik and
    period the user may upload to."""
    if request.method == "OPTIONS":
        return _respond(
            204,
            Tus_Version=VERSION,
            Tus_Extension=EXTENSIONS,
            Tus_Max_Size=settings.ZI_UPLOAD_MAX_BYTES,
        )
    if not request.user.is_authenticated:
        return _respond(401, "Masuk dulu untuk mengunggah.")
    if request.headers.get("Tus-Resumable") != VERSION:
        return _respond(412, "Versi tus tidak didukung.", Tus_Version=VERSION)
    length = request.headers.get("Upload-Length", "")
    if not (length.isascii() and length.isdigit() and len(length) < 16):
        return _respond(400, "Upload-Length wajib berupa bilangan.")
    length = int(length)
    try:
        meta = _metadata(request.headers.get("Upload-Metadata", ""))
    except ValueError as exc:
        return _respond(400, str(exc))
    bukti_id, kode = meta.get("bukti", ""), meta.get("periode", "")
    if not (bukti_id.isascii() and bukti_id.isdigit() and len(bukti_id) < 10):
        return _respond(400, "Metadata «bukti» wajib berupa nomor bukti fisik.")
    bukti = get_object_or_404(
        bukti_visible_to(request.user).select_related(
            "indikator__target_waktu", "indikator__komponen__area__rencana__satker"
        ),
        pk=int(bukti_id),
    )
    rencana = bukti.indikator.komponen.area.rencana
    require(akses_for(request.user, rencana.satker).can_upload(bukti.indikator))
    if _periode(bukti, kode) is None:
        return _respond(400, "Metadata «periode» bukan periode bukti fisik ini.")
    try:
        tanggal = date.fromisoformat(meta.get("tanggal_dokumen", ""))
    except ValueError:
        return _respond(400, "Metadata «tanggal_dokumen» wajib berbentuk YYYY-MM-DD.")
    if tanggal > timezone.localdate():
        return _respond(400, "Tanggal dokumen tidak boleh di masa depan.")
    if length > settings.ZI_UPLOAD_MAX_BYTES:
        return _respond(413, "Berkas lebih besar dari batas unggahan.")
    if length == 0:
        return _respond(400, "Berkas kosong (0 byte) tidak dapat diterima.")
    name = meta.get("filename", "").strip()
    if not name:
        return _respond(400, "Metadata «filename» wajib diisi.")
    catatan = meta.get("catatan", "").strip()
    if len(catatan) > CATATAN_MAX:
        return _respond(400, f"Catatan paling panjang {CATATAN_MAX} karakter.")
    upload = TusUnggahan.objects.create(
        id=uuid.uuid4(),
        pengguna=request.user,
        bukti_fisik=bukti,
        periode=kode,
        nama=name[:255],
        tanggal_dokumen=tanggal,
        catatan=catatan,
        panjang=length,
        kedaluwarsa=timezone.now() + timedelta(hours=settings.ZI_TUS_EXPIRES_HOURS),
    )
    os.makedirs(settings.ZI_TUS_ROOT, exist_ok=True)
    _partial(upload.pk).touch()
    location = request.build_absolute_uri(reverse("bukti_fisik:tus_upload", args=[upload.pk]))
    return _respond(201, Location=location, Upload_Expires=_expires(upload))


@csrf_protect
@require_http_methods(["HEAD", "PATCH", "DELETE", "OPTIONS"])
def tus_upload(request, upload_id):
    """HEAD: how far it is. PATCH: the next bytes, from the offset the server holds.
    DELETE (termination): give it up."""
    if request.method == "OPTIONS":
        return _respond(204, Tus_Version=VERSION, Tus_Extension=EXTENSIONS)
    if not request.user.is_authenticated:
        return _respond(401, "Masuk dulu untuk mengunggah.")
    upload = _live(request, upload_id)
    if request.method == "HEAD":
        return _respond(
            200,
            Upload_Offset=upload.offset,
            Upload_Length=upload.panjang,
            Upload_Expires=_expires(upload),
        )
    if request.method == "DELETE":
        tus_discard(upload)
        return _respond(204)
    if request.headers.get("Content-Type") != "application/offset+octet-stream":
        return _respond(415, "Content-Type harus application/offset+octet-stream.")
    offset = request.headers.get("Upload-Offset", "")
    # A number of at most 16 digits (int() refuses over 4,300 digits with an error of its own).
    valid = offset.isascii() and offset.isdigit() and len(offset) <= 16
    if not valid or int(offset) != upload.offset:
        return _respond(
            409, "Upload-Offset tidak sama dengan yang tersimpan.", Upload_Offset=upload.offset
        )
    received = _append(request, upload)
    if received is None:
        return _respond(413, "Data melebihi panjang unggahan yang diumumkan.")
    if upload.offset < upload.panjang:
        return _respond(204, Upload_Offset=upload.offset, Upload_Expires=_expires(upload))
    return _finish(request, upload)


def _append(request, upload):
    """Append the request body to the partial file, keeping every byte that arrived even if
    the connection drops mid-way. None if the body runs past the announced length."""
    path = _partial(upload.pk)
    room = upload.panjang - upload.offset
    written = 0
    try:
        with open(path, "ab") as out:
            while True:
                chunk = request.read(CHUNK)
                if not chunk:
                    break
                if written + len(chunk) > room:
                    out.write(chunk[: room - written])
                    written = room
                    return None
                out.write(chunk)
                written += len(chunk)
    except OSError:
        pass  # a dropped connection: what arrived is kept
    finally:
        TusUnggahan.objects.filter(pk=upload.pk).update(offset=upload.offset + written)
        upload.offset += written
    return written


def _finish(request, upload):
    """The whole file is here: the same checks and service as a form upload."""
    path = _partial(upload.pk)
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(CHUNK), b""):
            digest.update(block)
    bukti = upload.bukti_fisik
    periode = _periode(bukti, upload.periode)
    try:
        with open(path, "rb") as source:
            uploaded = File(source, name=upload.nama)
            uploaded.size = upload.panjang
            uploaded.nama_asli = upload.nama
            uploaded.sha256 = digest.hexdigest()
            uploaded.temporary_file_path = lambda: str(path)
            if periode is None:
                raise services.EvidenceError("Periode bukti ini tidak lagi ada di jadwal.")
            [version] = services.bukti_upload(
                bukti,
                periode,
                [uploaded],
                user=request.user,
                tanggal_dokumen=upload.tanggal_dokumen,
                catatan=upload.catatan,
            )
    except (UploadRefused, services.EvidenceError) as exc:
        tus_discard(upload)
        return _respond(422, f"Tidak ada yang tersimpan: {exc}")
    tus_discard(upload)
    return _respond(
        204, Upload_Offset=upload.panjang, ZI_Versi=version.versi, ZI_Unggahan=version.pk
    )
