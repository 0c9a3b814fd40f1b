"""Evidence on S3-compatible object storage, against a real S3 server started here (moto's
standalone server, spoken to with boto3 as any S3 service would be): uploads land in the
bucket and nowhere on disk, downloads are short-lived signed links handed out only after the
office and role checks, and backup → restore carries the objects into another bucket."""

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse

from bukti_fisik.models import Unggahan
from rencana_aksi.models import Role

from . import samples
from .evidence import first_bukti, post_upload
from .test_cadangan import _manage, empty_database  # noqa: F401 (a fixture)

KEYS = {"AWS_ACCESS_KEY_ID": "uji", "AWS_SECRET_ACCESS_KEY": "rahasia-uji"}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("the S3 server did not start")
    yield url
    server.terminate()
    server.wait(10)


def _client(url):
    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )


def _s3_options(bucket, url):
    return {
        "bucket_name": bucket,
        "endpoint_url": url,
        "region_name": "us-east-1",
        "location": "bukti",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": "path",
    }


@pytest.fixture
def on_s3(s3_server, settings, monkeypatch, bukti_root):
    for key, value in KEYS.items():
        monkeypatch.setenv(key, value)
    bucket = f"zi-bukti-{os.getpid()}-{time.monotonic_ns()}"
    _client(s3_server).create_bucket(Bucket=bucket)
    settings.ZI_S3_BUCKET = bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "bukti": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": _s3_options(bucket, s3_server),
        },
    }
    monkeypatch.setattr(Unggahan._meta.get_field("berkas"), "storage", storages["bukti"])
    return bucket


def _objects(url, bucket):
    s3 = _client(url)
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        o["Key"]: hashlib.sha256(
            s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        ).hexdigest()
        for o in listed
    }


def test_evidence_goes_to_the_bucket_and_comes_back_through_a_signed_link(
    client, plan_a, member_of, outsider, on_s3, s3_server, bukti_root
):
    bukti = first_bukti(plan_a)
    from rencana_aksi.jadwal import periods

    kode = periods(bukti.indikator.target_waktu.jadwal, plan_a.tahun)[0].kode
    data = samples.pdf_bytes(pages=3)
    client.force_login(member_of(Role.KETUA_TIM))
    response = post_upload(client, bukti, kode, [("notulen rapat.pdf", data)])
    assert response.status_code == 201, response.content
    unggahan = Unggahan.objects.get()
    objects = _objects(s3_server, on_s3)
    assert objects == {f"bukti/{unggahan.berkas.name}": hashlib.sha256(data).hexdigest()}
    assert not any(p.is_file() for p in bukti_root.rglob("*"))  # nothing on local disk

    download = reverse("bukti_fisik:download", args=[unggahan.pk])
    answer = client.get(download)
    assert answer.status_code == 302
    signed = answer["Location"]
    assert signed.startswith(s3_server) and "X-Amz-Signature=" in signed
    assert "X-Amz-Expires=60" in signed
    with urllib.request.urlopen(signed) as fetched:
        assert fetched.read() == data
        assert 'attachment; filename="notulen rapat.pdf"' in fetched.headers["Content-Disposition"]
    # Without the signature the bucket refuses.
    bare = signed.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bare)
    assert refused.value.code == 403

    client.force_login(outsider)
    assert client.get(download).status_code == 404  # no link for an outsider
    client.logout()
    assert "/masuk/" in client.get(download)["Location"]


def test_a_refused_upload_leaves_nothing_in_the_bucket(client, plan_a, member_of, on_s3, s3_server):
    bukti = first_bukti(plan_a)
    from rencana_aksi.jadwal import periods

    kode = periods(bukti.indikator.target_waktu.jadwal, plan_a.tahun)[0].kode
    client.force_login(member_of(Role.KETUA_TIM))
    response = post_upload(client, bukti, kode, [("setup.pdf", samples.elf_bytes())])
    assert response.status_code == 400
    assert _objects(s3_server, on_s3) == {}


def test_backup_and_restore_with_object_storage(
    plan_a,
    member_of,
    on_s3,
    s3_server,
    tmp_path,
    empty_database,  # noqa: F811
):
    from rencana_aksi.jadwal import periods

    from .evidence import upload

    bukti = first_bukti(plan_a)
    kode = periods(bukti.indikator.target_waktu.jadwal, plan_a.tahun)[0].kode
    upload(bukti, kode, member_of(Role.ANGGOTA), name="a.pdf")
    upload(bukti, kode, member_of(Role.ANGGOTA), name="b.png", data=samples.image_bytes("PNG"))
    folder = tmp_path / "cadangan"
    call_command("backup", output=str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((folder / "manifest.json").read_text())
    assert sorted(f["storage"] for f in manifest["berkas"]) == ["bukti", "bukti"]

    target = on_s3 + "-pulih"
    _client(s3_server).create_bucket(Bucket=target)
    os.environ.update({"ZI_S3_BUCKET": target, "ZI_S3_ENDPOINT_URL": s3_server})
    try:
        out = _manage(empty_database, tmp_path / "media", "restore", str(folder))
    finally:
        del os.environ["ZI_S3_BUCKET"], os.environ["ZI_S3_ENDPOINT_URL"]
    assert out.returncode == 0, out.stderr[-3000:]
    restored = _objects(s3_server, target)
    assert restored == _objects(s3_server, on_s3)
    assert sorted(restored.values()) == sorted(f["sha256"] for f in manifest["berkas"])
