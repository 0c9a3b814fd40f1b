"""Resumable uploads (tus 1.0.0) driven by tuspy, the protocol's Python client, against the
live server: a 20 MB transfer cut at about half and resumed keeps every byte, and the same
checks as the form upload refuse an outsider, a wrong role, a disguised program and an
oversize file, with nothing kept."""

import base64
import hashlib
import http.client
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.utils import timezone
from tusclient import client as tus_client
from tusclient.exceptions import TusCommunicationError

from bukti_fisik.models import TusUnggahan, Unggahan
from bukti_fisik.tus import sweep_expired
from rencana_aksi.models import Role

from . import samples
from .evidence import first_bukti
from .factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)
MB = 1024 * 1024


@pytest.fixture
def tus_root(settings, tmp_path):
    settings.ZI_TUS_ROOT = str(tmp_path / "tus")
    return Path(settings.ZI_TUS_ROOT)


def _session(live_server, user):
    """Cookie and CSRF headers of a signed-in browser session for `user`."""
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    browser.get("/masuk/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    cookie = f"sessionid={browser.cookies['sessionid'].value}; csrftoken={token}"
    return {"Cookie": cookie, "X-CSRFToken": token}


def _big_pdf(path, size):
    """A real PDF of about `size` bytes: one page carrying a stream of random bytes (private
    page data, as scanners keep; an attached file would be refused). The noise holds no "<"
    or ":", so it cannot spell markup or a script address by chance."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    noise = StreamObject()
    noise.set_data(os.urandom(size - 2000).translate(bytes.maketrans(b"<:", b"()")))
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {NameObject("/ZIData"): writer._add_object(noise)}
    )
    with open(path, "wb") as out:
        writer.write(out)
    return path


def _meta(bukti, kode="2026-T1", name="laporan.pdf"):
    return {
        "bukti": str(bukti.pk),
        "periode": kode,
        "filename": name,
        "tanggal_dokumen": "2026-03-10",
    }


@pytest.fixture
def setup(plan_a, office_a, live_server, tus_root):
    anggota = MembershipFactory(satker=office_a, role=Role.ADMIN).user
    return first_bukti(plan_a), anggota, f"{live_server.url}/unggah/tus/"


def test_a_20_mb_transfer_cut_at_half_resumes_and_keeps_every_byte(setup, live_server, tmp_path):
    bukti, user, url = setup
    path = _big_pdf(tmp_path / "scan.pdf", 20 * MB)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    client = tus_client.TusClient(url, headers=_session(live_server, user))
    meta = {**_meta(bukti, name="scan.pdf"), "catatan": "Pindaian notulen, halaman 1–40"}
    first = client.uploader(str(path), chunk_size=2 * MB, metadata=meta)
    first.upload(stop_at=10 * MB)  # the link drops here
    upload = TusUnggahan.objects.get()
    assert upload.offset == 10 * MB and not Unggahan.objects.exists()
    # A new client (the page reloaded) asks where it stopped and goes on from there.
    again = tus_client.TusClient(url, headers=_session(live_server, user))
    resumed = again.uploader(str(path), url=first.url, chunk_size=2 * MB)
    assert resumed.get_offset() == 10 * MB
    resumed.upload()
    [version] = Unggahan.objects.all()
    assert version.sha256 == digest
    assert hashlib.sha256(version.berkas.read()).hexdigest() == digest
    assert (version.nama_asli, version.ukuran) == ("scan.pdf", path.stat().st_size)
    assert version.catatan == "Pindaian notulen, halaman 1–40"
    assert version.ukuran > 19 * MB
    assert not TusUnggahan.objects.exists() and not list(Path(settings.ZI_TUS_ROOT).glob("*"))


def test_a_connection_dropped_mid_request_keeps_what_arrived(setup, live_server, tmp_path):
    """Not a polite stop between chunks: the socket closes half-way through one PATCH."""
    bukti, user, url = setup
    data = _big_pdf(tmp_path / "f.pdf", 4 * MB).read_bytes()
    client = tus_client.TusClient(url, headers=_session(live_server, user))
    uploader = client.uploader(file_stream=open(tmp_path / "f.pdf", "rb"), metadata=_meta(bukti))  # noqa: SIM115
    uploader.set_url(uploader.create_url())
    target = urlparse(uploader.url)
    conn = http.client.HTTPConnection(target.hostname, target.port)
    headers = {
        **_session(live_server, user),
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
        "Content-Length": str(len(data)),
    }
    conn.putrequest("PATCH", target.path)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    conn.send(data[: 3 * MB // 2])
    conn.sock.close()  # gone, mid-body
    deadline = timezone.now() + timedelta(seconds=10)
    while timezone.now() < deadline and TusUnggahan.objects.get().offset == 0:
        pass
    received = TusUnggahan.objects.get().offset
    assert 0 < received <= 3 * MB // 2
    uploader = client.uploader(str(tmp_path / "f.pdf"), url=uploader.url)
    assert uploader.get_offset() == received
    uploader.upload()
    assert Unggahan.objects.get().sha256 == hashlib.sha256(data).hexdigest()


def _create(url, headers, bukti, length=1000, **meta):
    target = urlparse(url)
    conn = http.client.HTTPConnection(target.hostname, target.port)
    fields = {**_meta(bukti), **meta}
    encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in fields.items())
    conn.request(
        "POST",
        target.path,
        headers={
            **headers,
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(length),
            "Upload-Metadata": encoded,
        },
    )
    response = conn.getresponse()
    return response.status, response.read().decode()


def test_outsider_wrong_role_and_oversize_are_refused_at_creation(
    setup, live_server, outsider, member_of, settings
):
    bukti, _, url = setup
    assert _create(url, _session(live_server, outsider), bukti)[0] == 404
    assert _create(url, _session(live_server, member_of(Role.PIMPINAN)), bukti)[0] == 403
    status, text = _create(
        url,
        _session(live_server, member_of(Role.ADMIN)),
        bukti,
        length=settings.ZI_UPLOAD_MAX_BYTES + 1,
    )
    assert status == 413
    status, _ = _create(
        url, {"Cookie": _session(live_server, member_of(Role.ADMIN))["Cookie"]}, bukti
    )
    assert status == 403  # no CSRF token
    status, text = _create(
        url, _session(live_server, member_of(Role.ADMIN)), bukti, periode="2026-X9"
    )
    assert status == 400 and "periode" in text
    status, text = _create(
        url, _session(live_server, member_of(Role.ADMIN)), bukti, catatan="x" * 2001
    )
    assert status == 400 and "Catatan paling panjang 2000" in text
    assert not TusUnggahan.objects.exists()


def test_a_program_renamed_pdf_is_refused_when_complete(setup, live_server, tmp_path):
    bukti, user, url = setup
    path = tmp_path / "laporan.pdf"
    path.write_bytes(samples.elf_bytes())
    client = tus_client.TusClient(url, headers=_session(live_server, user))
    uploader = client.uploader(str(path), metadata=_meta(bukti))
    with pytest.raises(TusCommunicationError) as refused:
        uploader.upload()
    assert refused.value.status_code == 422
    assert "bukan PDF" in (refused.value.response_content or b"").decode()
    assert not Unggahan.objects.exists() and not TusUnggahan.objects.exists()
    assert not list(Path(settings.ZI_TUS_ROOT).glob("*"))


def test_someone_else_cannot_continue_or_cancel_an_upload(setup, live_server, member_of, tmp_path):
    bukti, user, url = setup
    path = _big_pdf(tmp_path / "x.pdf", MB)
    client = tus_client.TusClient(url, headers=_session(live_server, user))
    uploader = client.uploader(str(path), chunk_size=MB // 4, metadata=_meta(bukti))
    uploader.upload(stop_at=MB // 4)
    other = tus_client.TusClient(url, headers=_session(live_server, member_of(Role.ADMIN)))
    with pytest.raises(TusCommunicationError):
        other.uploader(str(path), url=uploader.url).get_offset()  # 404
    # Termination by its owner.
    target = urlparse(uploader.url)
    conn = http.client.HTTPConnection(target.hostname, target.port)
    conn.request(
        "DELETE", target.path, headers={**_session(live_server, user), "Tus-Resumable": "1.0.0"}
    )
    assert conn.getresponse().status == 204
    assert not TusUnggahan.objects.exists()


def test_unfinished_uploads_expire_and_are_swept(setup, live_server, tmp_path):
    bukti, user, url = setup
    path = _big_pdf(tmp_path / "x.pdf", MB)
    client = tus_client.TusClient(url, headers=_session(live_server, user))
    uploader = client.uploader(str(path), chunk_size=MB // 4, metadata=_meta(bukti))
    uploader.upload(stop_at=MB // 4)
    TusUnggahan.objects.update(kedaluwarsa=timezone.now() - timedelta(minutes=1))
    assert sweep_expired() == 1
    assert not TusUnggahan.objects.exists() and not list(Path(settings.ZI_TUS_ROOT).glob("*"))
