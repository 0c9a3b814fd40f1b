"""Backup and restore of a whole installation: every row (Django's own serialisation, so a
backup taken on SQLite restores on PostgreSQL and back) and every stored file, local or on
object storage, with a manifest of sha256 sums that restore checks before it writes anything
and again after each file is written back.

A backup folder holds:
    manifest.json   what was backed up: row counts per model, and each file's storage, name,
                    size and sha256
    data.json       the rows (dumpdata, natural keys for content types and permissions)
    berkas/<storage>/<name>   the files
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

VERSI = 1
# Rows that are not the office's data: rebuilt by migrate, sessions that may simply end, and
# the queue dashboard's placeholder model (no table).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "django_rq"]
CHUNK = 1024 * 1024


class CadanganError(Exception):
    """A backup or restore refused; the message says why, in words for the operator."""


def _sha256(fileobj):
    digest = hashlib.sha256()
    for block in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(block)
    return digest.hexdigest()


def _alias_of(field):
    """The STORAGES alias a file field writes to."""
    storage = field.deconstruct()[3].get("storage")
    if storage is None:
        return "default"
    storage = storage() if callable(storage) else storage
    for alias in storages.backends:
        if storages[alias] is storage:
            return alias
    raise CadanganError(f"Penyimpanan {field} tidak terdaftar di STORAGES.")


def stored_files():
    """(storage alias, name) of every file the database refers to: file fields, and the
    preview images a printed document lists."""
    found = set()
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            alias = _alias_of(field)
            names = model._default_manager.exclude(**{field.name: ""}).values_list(
                field.name, flat=True
            )
            found.update((alias, name) for name in names if name)
    Dokumen = apps.get_model("rencana_aksi", "Dokumen")
    for previews in Dokumen.objects.exclude(pratinjau=[]).values_list("pratinjau", flat=True):
        found.update(("default", name) for name in previews)
    return sorted(found)


def row_counts():
    skip = {"contenttypes", "sessions"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip
        and model._meta.label not in {"auth.Permission", "admin.LogEntry"}
        and model._meta.managed
    }


def backup(output, *, progress=lambda text: None):
    """Write a backup into the folder `output` (new or empty)."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise CadanganError(f"Folder {output} tidak kosong; pilih folder baru.")
    output.mkdir(parents=True, exist_ok=True)
    outermost = not connection.in_atomic_block
    with transaction.atomic():  # one consistent view of rows and file names
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        progress("Menyalin data…")
        data = output / "data.json"
        call_command(
            "dumpdata",
            exclude=EXCLUDE,
            natural_foreign=True,
            natural_primary=False,
            output=str(data),
            verbosity=0,
        )
        counts = row_counts()
        names = stored_files()
    files, missing = [], []
    for n, (alias, name) in enumerate(names, 1):
        storage = storages[alias]
        if not storage.exists(name):
            missing.append(f"{alias}:{name}")
            continue
        target = output / "berkas" / alias / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as src, open(target, "wb") as dst:
            for block in iter(lambda: src.read(CHUNK), b""):
                digest.update(block)
                dst.write(block)
        files.append(
            {
                "storage": alias,
                "name": name,
                "size": target.stat().st_size,
                "sha256": digest.hexdigest(),
            }
        )
        if n % 100 == 0:
            progress(f"Berkas {n} dari {len(names)}…")
    with open(data, "rb") as f:
        data_sha = _sha256(f)
    manifest = {
        "versi": VERSI,
        "dibuat": timezone.now().isoformat(),
        "basis_data": connection.vendor,
        "data": {"file": "data.json", "sha256": data_sha},
        "jumlah_baris": counts,
        "berkas": files,
        "berkas_hilang": missing,
    }
    (output / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def _manifest(folder):
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise CadanganError(f"manifest.json tidak terbaca di {folder}: {exc}") from exc
    if manifest.get("versi") != VERSI:
        raise CadanganError(f"Versi cadangan {manifest.get('versi')} tidak dikenal.")
    return manifest


def verify(folder):
    """Check the backup's files against its manifest; returns the manifest or raises with the
    list of what differs."""
    folder = Path(folder)
    manifest = _manifest(folder)
    bad = []
    entries = [{"storage": "", "name": "data.json", **manifest["data"]}, *manifest["berkas"]]
    for entry in entries:
        path = folder / ("berkas" if entry["storage"] else "") / entry["storage"] / entry["name"]
        try:
            with open(path, "rb") as f:
                if _sha256(f) != entry["sha256"]:
                    bad.append(f"{entry['name']}: isinya berubah")
        except OSError:
            bad.append(f"{entry['name']}: tidak ada")
    if bad:
        raise CadanganError("Cadangan tidak utuh:\n" + "\n".join(bad[:50]))
    return manifest


def _database_is_empty():
    User = apps.get_model("rencana_aksi", "User")
    Satker = apps.get_model("rencana_aksi", "Satker")
    return not User.objects.exists() and not Satker.objects.exists()


def restore(folder, *, progress=lambda text: None):
    """Restore a backup into an empty, migrated database and its storages."""
    folder = Path(folder)
    progress("Memeriksa cadangan terhadap manifest…")
    manifest = verify(folder)
    if not _database_is_empty():
        raise CadanganError("Basis data tujuan tidak kosong; pulihkan hanya ke basis data baru.")
    written = []
    try:
        with transaction.atomic():
            progress("Memuat data…")
            call_command("loaddata", str(folder / "data.json"), verbosity=0)
            counts = row_counts()
            differ = {
                label: (n, counts.get(label))
                for label, n in manifest["jumlah_baris"].items()
                if counts.get(label) != n
            }
            if differ:
                raise CadanganError(f"Jumlah baris tidak sama setelah dimuat: {differ}")
            for n, entry in enumerate(manifest["berkas"], 1):
                storage = storages[entry["storage"]]
                source = folder / "berkas" / entry["storage"] / entry["name"]
                if storage.exists(entry["name"]):
                    raise CadanganError(f"Berkas {entry['name']} sudah ada di tujuan.")
                with open(source, "rb") as f:
                    saved = storage.save(entry["name"], File(f, name=entry["name"]))
                written.append((storage, saved))
                if saved != entry["name"]:
                    raise CadanganError(f"Berkas {entry['name']} tersimpan sebagai {saved}.")
                with storage.open(saved, "rb") as f:
                    if _sha256(f) != entry["sha256"]:
                        raise CadanganError(f"Berkas {saved} berubah saat ditulis kembali.")
                if n % 100 == 0:
                    progress(f"Berkas {n} dari {len(manifest['berkas'])}…")
    except Exception:
        for storage, name in written:  # the rows roll back; the files go by hand
            storage.delete(name)
        raise
    return manifest
