"""Reading a CSV of members or of offices into rows, with every problem named by its row before
anything is written. Offices export from Excel with ';' (Indonesian locale) or ','; both are
read. A file is checked in full: the preview lists all problems, not the first one."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug

from rencana_aksi.models import Membership, Role, Satker

from .services import AREA_ROLES, CHILD_LEVEL, areas_of

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MEMBER_COLUMNS = ("email", "nama", "peran", "area")
OFFICE_COLUMNS = ("slug", "nama", "nama_lengkap", "kota", "email_admin")
# A role is written as its code or its label, in any case: "anggota", "Anggota Tim ZI".
_ROLES = {key.lower(): role for role in Role for key in (role.value, role.label)}


class ImporError(Exception):
    """The file as a whole cannot be read; the message is meant for the user."""


@dataclass
class Baris:
    nomor: int  # the line in the file (the header is line 1)
    nilai: dict
    masalah: list = field(default_factory=list)


def _rows(data, columns, required):
    if len(data) > MAX_BYTES:
        raise ImporError(f"Berkas terlalu besar: paling besar {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImporError("Berkas bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8.") from None
    if not text.strip():
        raise ImporError("Berkas kosong.")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    if missing := [c for c in required if c not in header]:
        raise ImporError(
            f"Kolom wajib tidak ada: {', '.join(missing)}. Baris pertama harus berisi judul "
            f"kolom: {', '.join(columns)}."
        )
    reader.fieldnames = header
    rows = []
    for n, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise ImporError(f"Terlalu banyak baris: paling banyak {MAX_ROWS}.")
        values = {c: (raw.get(c) or "").strip() for c in columns}
        if any(values.values()):
            rows.append(Baris(n, values))
    if not rows:
        raise ImporError("Berkas tidak berisi baris data.")
    return rows


def _email_problem(email):
    try:
        validate_email(email)
    except ValidationError:
        return f"email «{email}» tidak sah" if email else "email kosong"
    return None


def members_read(data, satker):
    """Rows of a members CSV (email, nama, peran, area) checked against the office: each
    row's `nilai` gains `role` and `areas` when it is sound."""
    rows = _rows(data, MEMBER_COLUMNS, ("email", "peran"))
    areas = {a.nomor.strip().upper(): a for a in areas_of(satker)}
    existing = set(Membership.objects.filter(satker=satker).values_list("user__email", "role"))
    existing = {(email.lower(), role) for email, role in existing}
    seen = {}
    for row in rows:
        email = row.nilai["email"].lower()
        if problem := _email_problem(email):
            row.masalah.append(problem)
        role = _ROLES.get(row.nilai["peran"].lower())
        if role is None:
            row.masalah.append(f"peran «{row.nilai['peran']}» tidak dikenal")
        elif (email, role) in existing:
            row.masalah.append(f"sudah menjadi {role.label} di satker ini")
        if (email, role) in seen:
            row.masalah.append(f"sama dengan baris {seen[(email, role)]}")
        seen.setdefault((email, role), row.nomor)
        chosen = []
        for nomor in row.nilai["area"].replace("+", " ").replace("/", " ").split():
            if nomor.upper() not in areas:
                row.masalah.append(f"area «{nomor}» tidak ada di rencana aksi satker ini")
            else:
                chosen.append(areas[nomor.upper()])
        if chosen and role is not None and role not in AREA_ROLES:
            row.masalah.append("area hanya untuk Koordinator area dan Anggota Tim ZI")
        row.nilai.update(email=email, role=role, areas=chosen)
    return rows


def offices_read(data, parent):
    """Rows of an offices CSV (slug, nama, nama_lengkap, kota, email_admin) for offices below
    `parent`, checked: slugs well formed and free, names present, admin emails valid."""
    rows = _rows(data, OFFICE_COLUMNS, ("slug", "nama", "email_admin"))
    if parent.tingkat not in CHILD_LEVEL:
        raise ImporError("Satker ini tidak membawahi satker lain.")
    slugs = [row.nilai["slug"].lower() for row in rows]
    taken = set(Satker.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    seen = {}
    for row, slug in zip(rows, slugs, strict=True):
        try:
            validate_slug(slug)
        except ValidationError:
            row.masalah.append(f"slug «{slug}» hanya boleh huruf kecil, angka dan tanda -")
        if slug in taken:
            row.masalah.append(f"slug «{slug}» sudah dipakai")
        if slug in seen:
            row.masalah.append(f"slug sama dengan baris {seen[slug]}")
        seen.setdefault(slug, row.nomor)
        if not row.nilai["nama"]:
            row.masalah.append("nama kosong")
        if problem := _email_problem(row.nilai["email_admin"].lower()):
            row.masalah.append(problem.replace("email", "email admin", 1))
        row.nilai["slug"] = slug
    return rows


def problems(rows):
    return [row for row in rows if row.masalah]
