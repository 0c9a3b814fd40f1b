"""Which column of an office's own sheet is which of ours. A header cell is read by its name
(with the usual variants: "NO.", "RENCANA AKSI", "OUTPUT", "WAKTU", "PENANGGUNG JAWAB"), or by
the office's remembered mapping, which wins; a header is found when INDIKATOR and one other of
our columns are in it."""

import re

from .lampiran import KOLOM

ALIASES = {
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
