"""Uploading evidence through the real endpoint: every accepted type round-trips byte for byte,
and every bad file is refused with a message and leaves nothing behind."""

import hashlib
import os
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from bukti_fisik.models import Slot, Unggahan
from rencana_aksi.models import Role

from . import samples
from .evidence import first_bukti, post_upload


@pytest.fixture
def target(plan_a, member_of, settings, tmp_path):
    """The first bukti fisik of plan A (a Triwulan schedule), an Anggota assigned to its area,
    and a temporary-upload folder of the test's own to check that nothing stays there."""
    (tmp_path / "sementara").mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "sementara")
    bukti = first_bukti(plan_a)
    anggota = member_of(Role.ANGGOTA)
    anggota.memberships.get().areas.add(bukti.indikator.komponen.area)
    return bukti, "2026-T1", anggota


def stored_files():
    root = Path(settings.ZI_BUKTI_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_nothing_stored(tmp_path):
    assert Unggahan.objects.count() == 0
    assert Slot.objects.count() == 0
    assert stored_files() == []
    assert os.listdir(tmp_path / "sementara") == []


@pytest.mark.parametrize(("name", "make", "mime"), samples.ACCEPTED, ids=lambda v: str(v)[:12])
def test_accepted_types_round_trip_byte_for_byte(client, target, name, make, mime):
    bukti, kode, anggota = target
    data = make()
    client.force_login(anggota)
    response = post_upload(client, bukti, kode, [(name, data)], catatan="Triwulan I")
    assert response.status_code == 201, response.content.decode()
    unggahan = Unggahan.objects.get()
    assert unggahan.nama_asli == name
    assert unggahan.jenis_konten == mime
    assert unggahan.ukuran == len(data)
    assert unggahan.sha256 == hashlib.sha256(data).hexdigest()
    # Stored under a random name, without the uploader's name or extension.
    assert name not in unggahan.berkas.name and "." not in Path(unggahan.berkas.name).name

    download = client.get(reverse("bukti_fisik:download", args=[unggahan.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == unggahan.sha256
    assert download["Content-Type"] == mime
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"

    preview = client.get(reverse("bukti_fisik:preview", args=[unggahan.pk]))
    if mime == "image/heic":
        # Shown as a JPEG any browser draws; the download above stays the original.
        assert preview["Content-Type"] == "image/jpeg"
        assert preview["Content-Disposition"] == 'inline; filename="IMG_0001.jpg"'
        with Image.open(BytesIO(preview.content)) as shown:
            assert (shown.format, shown.size) == ("JPEG", (640, 480))
        return
    inline = mime in ("application/pdf", "image/jpeg", "image/png", "image/webp")
    assert preview["Content-Disposition"].startswith("inline" if inline else "attachment")
    assert b"".join(preview.streaming_content) == data


def _png_with(trailer):
    return samples.image_bytes("PNG") + trailer


def _plain_zip():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("catatan.txt", "isi")
    return out.getvalue()


BAD = [
    (
        "executable renamed .pdf",
        "laporan.pdf",
        samples.elf_bytes,
        "«laporan.pdf» bukan PDF: isinya program",
    ),
    (
        "truncated PDF",
        "potong.pdf",
        lambda: samples.pdf_bytes(3)[:-200],
        "terpotong",
    ),
    (
        "HTML behind a %PDF header",
        "halaman.pdf",
        lambda: b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n",
        "bukan PDF yang sebenarnya",
    ),
    ("PDF with document JavaScript", "skrip.pdf", samples.pdf_with_javascript, "memuat JavaScript"),
    (
        "PDF running a script on open",
        "buka.pdf",
        samples.pdf_with_open_action_script,
        "memuat JavaScript",
    ),
    (
        "PDF with a launch action",
        "tautan.pdf",
        samples.pdf_with_launch_link,
        "perintah menjalankan program",
    ),
    (
        "PNG with HTML appended",
        "foto.png",
        lambda: _png_with(b"<html><script>alert(1)</script></html>"),
        "HTML atau skrip",
    ),
    (
        "PNG with trailing payload",
        "foto.png",
        lambda: _png_with(b"PK\x03\x04" + b"x" * 64),
        "data tambahan",
    ),
    ("double extension .pdf.exe", "laporan.pdf.exe", samples.pdf_bytes, "ekstensi program"),
    (
        "double extension .php.jpg",
        "foto.php.jpg",
        lambda: samples.image_bytes("JPEG"),
        "ekstensi program",
    ),
    ("NUL in the name", "bukti\x00.pdf", samples.pdf_bytes, "karakter kendali"),
    ("path in the name", "../../etc/bukti.pdf", samples.pdf_bytes, "jalur folder"),
    ("Windows path in the name", "C:\\Users\\tim\\bukti.pdf", samples.pdf_bytes, "jalur folder"),
    ("empty file", "kosong.pdf", lambda: b"", "kosong (0 byte)"),
    ("zip bomb disguised as DOCX", "notulen.docx", samples.zip_bomb_docx, "bom zip"),
    (
        "HEIC that does not decode",
        "IMG_0002.HEIC",
        samples.heic_header_only,
        "Foto HEIC «IMG_0002.HEIC» rusak atau tidak dapat dibaca",
    ),
    (
        "GIF, outside the list",
        "animasi.gif",
        lambda: samples.image_bytes("GIF"),
        "bukan jenis berkas",
    ),
    ("plain text", "catatan.txt", lambda: b"Catatan rapat\n", "bukan jenis berkas"),
    ("a plain zip", "arsip.docx", _plain_zip, "arsip ZIP"),
    (
        "name says PDF, content is JPEG",
        "foto.pdf",
        lambda: samples.image_bytes("JPEG"),
        "tidak sesuai isinya",
    ),
]


@pytest.mark.parametrize(("case", "name", "make", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_and_leave_nothing(
    client, target, tmp_path, case, name, make, message
):
    bukti, kode, anggota = target
    client.force_login(anggota)
    response = post_upload(client, bukti, kode, [(name, make())])
    assert response.status_code == 400
    pesan = response.json()["pesan"]
    assert pesan.startswith("Tidak ada yang tersimpan: ")
    assert message in pesan
    assert_nothing_stored(tmp_path)


def test_file_over_the_size_limit_is_refused(client, target, tmp_path, settings):
    settings.ZI_UPLOAD_MAX_BYTES = 200_000
    bukti, kode, anggota = target
    client.force_login(anggota)
    big = samples.pdf_bytes() + b"%" + b"0" * 300_000
    response = post_upload(client, bukti, kode, [("besar.pdf", big)])
    assert response.status_code == 400
    # The real sizes, both of them.
    assert "berukuran 293,4 KB, lebih besar dari batas 195,3 KB" in response.json()["pesan"]
    assert_nothing_stored(tmp_path)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("CON.pdf", "_CON.pdf"),
        ("nul.pdf", "_nul.pdf"),
        ("com1.laporan.pdf", "_com1.laporan.pdf"),
        ("<img src=x onerror=alert(1)>.pdf", "_img src=x onerror=alert(1)_.pdf"),
        ("laporan: final?.pdf", "laporan_ final_.pdf"),
        ("Notulen Rapat.pdf", "Notulen Rapat.pdf"),
    ],
)
def test_names_are_stored_under_a_safe_display_name(client, target, sent, stored):
    bukti, kode, anggota = target
    client.force_login(anggota)
    response = post_upload(client, bukti, kode, [(sent, samples.pdf_bytes())])
    assert response.status_code == 201, response.content
    unggahan = Unggahan.objects.get()
    assert unggahan.nama_asli == stored
    download = client.get(reverse("bukti_fisik:download", args=[unggahan.pk]))
    assert stored in download["Content-Disposition"]


def test_a_harmless_open_action_is_accepted(client, target):
    bukti, kode, anggota = target
    client.force_login(anggota)
    response = post_upload(client, bukti, kode, [("word.pdf", samples.pdf_with_goto_open_action())])
    assert response.status_code == 201, response.content


def test_one_bad_file_in_a_batch_stores_none_of_them(client, target, tmp_path):
    bukti, kode, anggota = target
    client.force_login(anggota)
    files = [("a.pdf", samples.pdf_bytes()), ("b.pdf", samples.elf_bytes())]
    response = post_upload(client, bukti, kode, files)
    assert response.status_code == 400
    assert "«b.pdf»" in response.json()["pesan"]
    assert_nothing_stored(tmp_path)


def test_document_date_in_the_future_is_refused(client, target, tmp_path):
    bukti, kode, anggota = target
    client.force_login(anggota)
    response = post_upload(
        client, bukti, kode, [("a.pdf", samples.pdf_bytes())], tanggal_dokumen="2999-01-01"
    )
    assert response.status_code == 400
    assert "masa depan" in response.json()["pesan"]
    assert_nothing_stored(tmp_path)


def test_form_post_without_javascript_stores_every_file_and_redirects(client, target):
    bukti, kode, anggota = target
    client.force_login(anggota)
    body, content_type = samples.multipart(
        {"tanggal_dokumen": "2026-03-10"},
        [("berkas", "a.pdf", samples.pdf_bytes()), ("berkas", "b.png", samples.image_bytes("PNG"))],
    )
    url = reverse("bukti_fisik:upload", args=[bukti.pk, kode])
    response = client.post(url, data=body, content_type=content_type, follow=True)
    assert response.redirect_chain[-1][0] == reverse("bukti_fisik:slot", args=[bukti.pk, kode])
    assert "Tersimpan sebagai versi 1, 2" in response.content.decode()
    assert list(Unggahan.objects.values_list("versi", "nama_asli")) == [(1, "a.pdf"), (2, "b.png")]
    assert Slot.objects.get().status == Slot.Status.MENUNGGU


def test_upload_without_csrf_token_is_refused(target):
    from django.test import Client

    bukti, kode, anggota = target
    client = Client(enforce_csrf_checks=True)
    client.force_login(anggota)
    response = post_upload(client, bukti, kode, [("a.pdf", samples.pdf_bytes())])
    assert response.status_code == 403
    assert Unggahan.objects.count() == 0


def test_x_accel_redirect_hands_the_sending_to_nginx(client, target, settings):
    bukti, kode, anggota = target
    client.force_login(anggota)
    post_upload(client, bukti, kode, [("a.pdf", samples.pdf_bytes())])
    settings.ZI_X_ACCEL_PREFIX = "/_bukti/"
    unggahan = Unggahan.objects.get()
    response = client.get(reverse("bukti_fisik:download", args=[unggahan.pk]))
    assert response["X-Accel-Redirect"] == "/_bukti/" + unggahan.berkas.name
    assert response.content == b""
    assert response["Content-Disposition"] == 'attachment; filename="a.pdf"'
