"""The backup → restore drill: the demo offices with evidence files, a printed document with
its previews and an office logo are backed up, restored into a new empty database (SQLite file
or a new PostgreSQL database, whichever the suite runs on) with empty storages, and backed up
again: equal row counts, equal file hashes, equal rows."""

import json
import os
import re
import subprocess
import sys
import uuid

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from bukti_fisik.models import Unggahan
from rencana_aksi.models import RencanaAksi, Role, Satker, User
from rencana_aksi.services import dokumen_render, dokumen_request

from . import samples


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the suite's kind; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'pulih.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"zi_pulih_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    port = f":{db['PORT']}" if db["PORT"] else ""
    yield f"postgres://{db['USER']}@{db['HOST']}{port}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _manage(database_url, media, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zi_tracker.settings_test",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _files(manifest):
    return sorted((f["storage"], f["name"], f["sha256"]) for f in manifest["berkas"])


def _rows(folder):
    """The dumped rows, comparable: many-to-many lists come in no set order, and one instant
    is written two ways: Django's serializer keeps milliseconds, so a time of 02:30:03.000412
    is "…03.000Z" in the first backup and, restored as 03.000000, "…03Z" in the second."""
    rows = json.loads((folder / "data.json").read_text())
    for row in rows:
        for field, value in row["fields"].items():
            if isinstance(value, list):
                row["fields"][field] = sorted(value, key=json.dumps)
            elif isinstance(value, str) and _WHOLE_SECOND.match(value):
                row["fields"][field] = value.replace(".000", "")
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


_WHOLE_SECOND = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000(Z|[+-]\d\d:\d\d)$")


def test_backup_restore_drill_gives_equal_rows_and_files(demo, tmp_path, empty_database):
    from .evidence import first_bukti, upload

    madiun = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun")
    uploader = User.objects.get(username="madiun.anggota")
    bukti = first_bukti(madiun)
    from rencana_aksi.jadwal import periods

    kode = periods(bukti.indikator.target_waktu.jadwal, madiun.tahun)[0].kode
    upload(bukti, kode, uploader, name="notulen.pdf")
    upload(bukti, kode, uploader, name="foto.png", data=samples.image_bytes("PNG"))
    office = madiun.satker
    office.logo.save("logo.png", ContentFile(samples.image_bytes("PNG")))
    dokumen = dokumen_request(madiun, "draf", User.objects.get(username="madiun.sekretariat"))
    dokumen_render(dokumen.pk)

    first = tmp_path / "cadangan-1"
    call_command("backup", output=str(first), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((first / "manifest.json").read_text())
    assert manifest["jumlah_baris"]["rencana_aksi.Satker"] == Satker.objects.count()
    assert manifest["jumlah_baris"]["bukti_fisik.Unggahan"] == Unggahan.objects.count() >= 2
    kinds = {(f["storage"], f["name"].split("/")[0]) for f in manifest["berkas"]}
    assert {("default", "logo"), ("default", "dokumen"), ("default", "pratinjau")} <= kinds
    assert any(f["storage"] == "bukti" for f in manifest["berkas"])
    assert manifest["berkas_hilang"] == []

    media = tmp_path / "media-pulih"
    restored = _manage(empty_database, media, "restore", str(first))
    assert restored.returncode == 0, restored.stderr[-3000:]
    assert "cocok dengan manifest" in restored.stdout

    second = tmp_path / "cadangan-2"
    again = _manage(empty_database, media, "backup", "--output", str(second))
    assert again.returncode == 0, again.stderr[-3000:]
    manifest2 = json.loads((second / "manifest.json").read_text())
    assert manifest2["jumlah_baris"] == manifest["jumlah_baris"]
    assert _files(manifest2) == _files(manifest)
    assert _rows(second) == _rows(first)

    # Restoring twice is refused: the database is no longer empty.
    twice = _manage(empty_database, media, "restore", str(first))
    assert twice.returncode != 0 and "tidak kosong" in twice.stderr


def test_restore_refuses_a_changed_backup_before_writing_anything(
    plan_a, member_of, tmp_path, empty_database
):
    from .evidence import first_bukti, upload

    bukti = first_bukti(plan_a)
    from rencana_aksi.jadwal import periods

    kode = periods(bukti.indikator.target_waktu.jadwal, plan_a.tahun)[0].kode
    upload(bukti, kode, member_of(Role.ANGGOTA))
    folder = tmp_path / "cadangan"
    call_command("backup", output=str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115
    entry = json.loads((folder / "manifest.json").read_text())["berkas"][0]
    changed = folder / "berkas" / entry["storage"] / entry["name"]
    changed.write_bytes(changed.read_bytes() + b"x")

    media = tmp_path / "media-pulih"
    out = _manage(empty_database, media, "restore", str(folder))
    assert out.returncode != 0 and "isinya berubah" in out.stderr
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("backup", output=str(folder))
