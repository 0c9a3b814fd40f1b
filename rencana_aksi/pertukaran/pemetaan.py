"""Which column of an office's own sheet is which of ours. A header cell is read by its name
(with the usual variants: "NO.", "RENCANA AKSI", "OUTPUT", "WAKTU", "PENANGGUNG JAWAB"), or by
the office's remembered mapping, which wins; a header is found when INDIKATOR and one other of
our columns are in it."""

import io
import re
import zipfile

from .lampiran import KOLOM

ALIASES = {
    "AREA": "AREA",
    "AREA PERUBAHAN": "AREA",
    "NO": "NO",
    "NOMOR": "NO",
    "KODE": "NO",
    "KOMPONEN": "KOMPONEN",
    "INDIKATOR": "INDIKATOR",
    "KRITERIA": "INDIKATOR",
    "LANGKAH AKSI": "LANGKAH AKSI",
    "LANGKAH-LANGKAH": "LANGKAH AKSI",
    "RENCANA AKSI": "LANGKAH AKSI",
    "KEGIATAN": "LANGKAH AKSI",
    "BUKTI FISIK": "BUKTI FISIK",
    "BUKTI": "BUKTI FISIK",
    "OUTPUT": "BUKTI FISIK",
    "TARGET WAKTU": "TARGET WAKTU",
    "WAKTU": "TARGET WAKTU",
    "JADWAL": "TARGET WAKTU",
    "TARGET CAPAIAN": "TARGET CAPAIAN",
    "TARGET": "TARGET CAPAIAN",
    "CAPAIAN": "TARGET CAPAIAN",
    "PIC": "PIC",
    "PENANGGUNG JAWAB": "PIC",
}
# "" in a mapping means: ignore this column.
PILIHAN = [("", "(abaikan)"), *((name, name) for name in KOLOM)]


class ImporError(Exception):
    """The file as a whole cannot be read; the message is meant for the user."""


MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 5000


def office_file_check(data, main_part, what):
    """Refuse before parsing: too large, not an Office file with `main_part`, or a zip bomb
    (unpacking to far more than it weighs)."""
    if len(data) > MAX_BYTES:
        raise ImporError(
            f"Berkas terlalu besar: {len(data):,} byte, paling besar 10 MB.".replace(",", ".")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImporError(f"Berkas ini bukan {what}.") from None
    if main_part not in names:
        raise ImporError(f"Berkas ini bukan {what}.")
    if unpacked > MAX_UNPACKED or unpacked > 200 * max(len(data), 1):
        raise ImporError("Isi berkas ini jauh lebih besar dari ukurannya (bom zip); tidak dibaca.")


def normal(text):
    """A header cell's text as compared: upper case, single spaces, no trailing dot."""
    return re.sub(r"[.:]+$", "", " ".join(str(text or "").split()).upper())


def header_map(texts, remembered=None):
    """{column index: our column} for a header row, or None when it is not one."""
    remembered = remembered or {}
    mapping, taken = {}, set()
    for index, text in enumerate(texts):
        key = normal(text)
        if not key:
            continue
        ours = remembered[key] if key in remembered else ALIASES.get(key)
        if ours and ours in KOLOM and ours not in taken:
            mapping[index] = ours
            taken.add(ours)
    if "INDIKATOR" in taken and len(taken) >= 2:
        return mapping
    return None


def is_column_numbers(values):
    """The row of column numbers some offices print under the header: 1, 2, 3 …"""
    numbers = [str(v).strip() for v in values if v not in (None, "")]
    return len(numbers) >= 3 and numbers == [str(i) for i in range(1, len(numbers) + 1)]
