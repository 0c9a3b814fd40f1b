"""Which column of an office's own sheet is which of ours.

A header cell is read by its name, as offices write them (`KOSAKATA`: RENCANA KINERJA,
PERTANYAAN LKE, URAIAN KEGIATAN, DATA DUKUNG, PJ …), compared in a normal form (any case, line
breaks, dots, extra spaces; "A/B" as either part), and a column is judged by what it holds too
(codes, years and months, marks under month names, single letters beside a code). The office's
remembered mapping, and what the user chose for this file, win over the guess. The guess is
reported column by column (`Tebakan`), so the preview can say which guess it made.

Names of the same rank compete by position, as a person reads a sheet: with no INDIKATOR
column the left-most of the activity columns is the indikator and the next the langkah aksi;
with one, an activity column to its left is the komponen. A column with no plan field is
kept as a note on the indikator (`CATATAN`), never dropped unless the user says so."""

import io
import re
import zipfile
from dataclasses import dataclass

from .lampiran import KELOMPOK_KOLOM, KOLOM, LKE_KOLOM

# Kept beside the plan fields: a column kept as a note on the indikator, a column of letters
# completing the code beside it (a/b/c under "A.1.I.i"), a column of marks under a month.
CATATAN = "CATATAN"
SUBKODE = "SUBKODE"
BULAN_KOLOM = "BULAN"
TAHUN_KOLOM = "TAHUN"
PERAN = (*KOLOM, CATATAN, SUBKODE, TAHUN_KOLOM, KELOMPOK_KOLOM, LKE_KOLOM)
# "" in a mapping means: drop this column on purpose.
PILIHAN = [
    ("", "(abaikan)"),
    *((name, name) for name in KOLOM),
    (CATATAN, "catatan indikator"),
    (SUBKODE, "lanjutan kode"),
    (TAHUN_KOLOM, "tahun target waktu"),
    (KELOMPOK_KOLOM, "kelompok komponen (pemenuhan/reform)"),
    (LKE_KOLOM, "kode pertanyaan LKE"),
]
# The key of a mapping that names the header row (1-based; 0: the sheet has none).
BARIS_JUDUL = "BARIS JUDUL"

# Header names → (our column, strength). Strong names say what the column is; weak ones
# (KEGIATAN, URAIAN …) name an activity at some level, placed by position (see above).
KUAT, LEMAH = 2, 1
KOSAKATA = {
    "AREA": ("AREA", KUAT),
    "AREA PERUBAHAN": ("AREA", KUAT),
    "AREA PEMBANGUNAN": ("AREA", KUAT),
    "PILAR": ("AREA", KUAT),
    "KOMPONEN PENGUNGKIT": ("AREA", LEMAH),
    "NO": ("NO", KUAT),
    "NOMOR": ("NO", KUAT),
    "NO URUT": ("NO", KUAT),
    "KODE": ("NO", KUAT),
    "KODE LKE": ("NO", KUAT),
    "KOMPONEN": ("KOMPONEN", KUAT),
    "SUB PILAR": ("KOMPONEN", KUAT),
    "SUBPILAR": ("KOMPONEN", KUAT),
    "SUB KOMPONEN": ("KOMPONEN", KUAT),
    "SUB AREA": ("KOMPONEN", KUAT),
    "SUB": ("KOMPONEN", KUAT),
    "SASARAN": ("KOMPONEN", LEMAH),
    "INDIKATOR": ("INDIKATOR", KUAT),
    "INDIKATOR KINERJA": ("INDIKATOR", KUAT),
    "INDIKATOR KEBERHASILAN": ("INDIKATOR", KUAT),
    "KRITERIA": ("INDIKATOR", KUAT),
    "KRITERIA LKE": ("INDIKATOR", KUAT),
    "PERTANYAAN": ("INDIKATOR", KUAT),
    "PERTANYAAN LKE": ("INDIKATOR", KUAT),
    "RENCANA KINERJA": ("INDIKATOR", KUAT),
    "PROGRAM": ("INDIKATOR", LEMAH),
    "LANGKAH AKSI": ("LANGKAH AKSI", KUAT),
    "LANGKAH-LANGKAH": ("LANGKAH AKSI", KUAT),
    "LANGKAH LANGKAH": ("LANGKAH AKSI", KUAT),
    "RENCANA AKSI": ("LANGKAH AKSI", LEMAH),
    "RENCANA KERJA": ("LANGKAH AKSI", LEMAH),
    "RENCANA KEGIATAN": ("LANGKAH AKSI", LEMAH),
    "KEGIATAN": ("LANGKAH AKSI", LEMAH),
    "URAIAN": ("LANGKAH AKSI", LEMAH),
    "URAIAN KEGIATAN": ("LANGKAH AKSI", LEMAH),
    "RINCIAN KEGIATAN": ("LANGKAH AKSI", LEMAH),
    "AKSI": ("LANGKAH AKSI", LEMAH),
    "BUKTI FISIK": ("BUKTI FISIK", KUAT),
    "BUKTI": ("BUKTI FISIK", KUAT),
    "BUKTI DUKUNG": ("BUKTI FISIK", KUAT),
    "DATA DUKUNG": ("BUKTI FISIK", KUAT),
    "DOKUMEN": ("BUKTI FISIK", KUAT),
    "DOKUMEN PENDUKUNG": ("BUKTI FISIK", KUAT),
    "OUTPUT": ("BUKTI FISIK", KUAT),
    "RENCANA OUTPUT": ("BUKTI FISIK", KUAT),
    "PRODUK OUTPUT": ("BUKTI FISIK", KUAT),
    "PRODUK": ("BUKTI FISIK", KUAT),
    "KELUARAN": ("BUKTI FISIK", KUAT),
    "TARGET WAKTU": ("TARGET WAKTU", KUAT),
    "WAKTU": ("TARGET WAKTU", KUAT),
    "WAKTU PELAKSANAAN": ("TARGET WAKTU", KUAT),
    "JADWAL": ("TARGET WAKTU", KUAT),
    "JADWAL PELAKSANAAN": ("TARGET WAKTU", KUAT),
    "JANGKA WAKTU": ("TARGET WAKTU", KUAT),
    "BULAN": ("TARGET WAKTU", KUAT),
    "TRIWULAN": ("TARGET WAKTU", KUAT),
    "TW": ("TARGET WAKTU", KUAT),
    "TAHUN": (TAHUN_KOLOM, KUAT),
    "TARGET CAPAIAN": ("TARGET CAPAIAN", KUAT),
    "TARGET": ("TARGET CAPAIAN", KUAT),
    "CAPAIAN": ("TARGET CAPAIAN", KUAT),
    "TARGET OUTPUT": ("TARGET CAPAIAN", KUAT),
    "UKURAN KEBERHASILAN": ("TARGET CAPAIAN", KUAT),
    "PIC": ("PIC", KUAT),
    "PENANGGUNG JAWAB": ("PIC", KUAT),
    "PENANGGUNGJAWAB": ("PIC", KUAT),
    "PJ": ("PIC", KUAT),
    "PELAKSANA": ("PIC", KUAT),
    "UNIT PELAKSANA": ("PIC", KUAT),
    "KELOMPOK": (KELOMPOK_KOLOM, KUAT),
    "TAHAP": (KELOMPOK_KOLOM, KUAT),
    "KODE PERTANYAAN LKE": (LKE_KOLOM, KUAT),
    "PEMERIKSA": (CATATAN, KUAT),
    "KOORDINATOR": (CATATAN, KUAT),
    "TIM KERJA TERKAIT": (CATATAN, KUAT),
    "KETERANGAN": (CATATAN, KUAT),
    "CATATAN": (CATATAN, KUAT),
    "ASPEK": (CATATAN, KUAT),
    "OUTCOME": (CATATAN, KUAT),
    "ANGGARAN": (CATATAN, KUAT),
    "STATUS": (CATATAN, KUAT),
}
# The order activity columns take by position, left to right.
JENJANG = ("KOMPONEN", "INDIKATOR", "LANGKAH AKSI")

BULAN_NAMA = {
    "JAN": 1,
    "JANUARI": 1,
    "FEB": 2,
    "PEB": 2,
    "FEBRUARI": 2,
    "MAR": 3,
    "MARET": 3,
    "APR": 4,
    "APRIL": 4,
    "MEI": 5,
    "JUN": 6,
    "JUNI": 6,
    "JUL": 7,
    "JULI": 7,
    "AGU": 8,
    "AGS": 8,
    "AGT": 8,
    "AGUSTUS": 8,
    "SEP": 9,
    "SEPT": 9,
    "SEPTEMBER": 9,
    "OKT": 10,
    "OKTOBER": 10,
    "NOV": 11,
    "NOP": 11,
    "NOVEMBER": 11,
    "NOPEMBER": 11,
    "DES": 12,
    "DESEMBER": 12,
}


class ImporError(Exception):
    """The file as a whole cannot be read; the message is meant for the user."""


MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 5000


def office_file_check(data, main_part, what):
    """Refuse before parsing: too large, not an Office file with `main_part`, a zip bomb
    (unpacking to far more than it weighs), macros or links to other files."""
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
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ImporError("Berkas ini berisi makro; simpan sebagai .xlsx/.docx biasa lalu unggah.")
    if any("externallink" in name.lower() for name in names):
        raise ImporError(
            "Buku kerja ini bertaut ke berkas lain (tautan eksternal); salin nilainya saja lalu "
            "unggah lagi."
        )


def normal(text):
    """A header cell's text as compared: upper case, single spaces, no dots, colons or
    numbering in brackets ("(1)"), underscores as spaces."""
    text = str(text or "").replace("_", " ").replace("\n", " ").upper()
    text = re.sub(r"\(\s*\d+\s*\)", " ", text)
    text = re.sub(r"[.:*]+", " ", text)
    return " ".join(text.split())


def _dikenal(key):
    """(our column, strength) of a normal header text, also of "A/B", "A (B)" and "A DAN B"
    forms by their parts (the first part that is known)."""
    if key in KOSAKATA:
        return KOSAKATA[key]
    bare = " ".join(re.sub(r"\(.*?\)", " ", key).split())
    if bare in KOSAKATA:
        return KOSAKATA[bare]
    for part in re.split(r"\s*(?:/|\bDAN\b|\bATAU\b|&|,)\s*", key):
        part = " ".join(re.sub(r"[()]", " ", part).split())
        if part in KOSAKATA:
            return KOSAKATA[part]
    return None


def bulan_of(text):
    """The month (1–12) a header cell names ("JAN", "Maret"), else None."""
    return BULAN_NAMA.get(normal(text))


def header_score(texts, remembered=None):
    """How many cells of a row read as column names (month names, which stand under a
    JADWAL header as often as in it, not counted)."""
    remembered = remembered or {}
    return sum(1 for t in texts if (key := normal(t)) and (key in remembered or _dikenal(key)))


@dataclass
class Tebakan:
    """What one column was taken to be, and why (for the preview)."""

    indeks: int
    judul: str
    peran: str  # one of PERAN, BULAN:<n>, or "" (dropped)
    alasan: str
    terisi: int = 0  # rows holding text

    @property
    def label(self):
        if self.peran.startswith(BULAN_KOLOM + ":"):
            return f"tanda bulan {self.peran.split(':')[1]}"
        return dict(PILIHAN).get(self.peran, self.peran) or "(abaikan)"


_KODE_RE = re.compile(
    r"^(?:[A-Z]{1,4}\d*[A-Z]?\d*|[IVX]+|\d{1,3}|[a-z]{1,4})(?:\.(?:[A-Za-z]{1,4}|\d{1,3}))+\.?$"
)
_KODE_LKE_RE = re.compile(r"^P[PR][A-F]\d[A-Z]?$")
_HURUF_RE = re.compile(r"^([a-z]|[ivx]{1,4}|\d{1,2})[.)]?$")
_WAKTU_RE = re.compile(
    r"\b(20\d\d|jan|feb|mar|apr|mei|jun|jul|agu|agt|sep|okt|nov|nop|des|triwulan|tw|"
    r"semester|bulanan|tahunan|b0[1-9]|b1[0-2])\b",
    re.I,
)
_TAHAP_RE = re.compile(r"^([IVX]+[.)]?\s*)?(pemenuhan|reform)$", re.I)
_TANDA = {"V", "X", "✓", "✔", "√", "1", "•", "●", "*", "Y", "YA"}


def _stats(values, anggota=frozenset()):
    filled = [v for v in values if v]
    n = len(filled) or 1
    return {
        "anggota": sum(" ".join(v.split()).lower() in anggota for v in filled) / n,
        "terisi": len(filled),
        "kode": sum(bool(_KODE_RE.match(v) or _KODE_LKE_RE.match(v)) for v in filled) / n,
        "huruf": sum(bool(_HURUF_RE.match(v)) for v in filled) / n,
        "waktu": sum(bool(_WAKTU_RE.search(v)) and len(v) < 80 for v in filled) / n,
        "tanda": sum(v.upper() in _TANDA for v in filled) / n,
        "panjang": sum(len(v) for v in filled) / n,
        "tahap": sum(bool(_TAHAP_RE.match(v)) for v in filled) / n,
        # The column groups rows: its text is left empty below or repeats.
        "kelompok": bool(filled)
        and (len(filled) < 0.6 * len(values) or len(set(filled)) < 0.7 * len(filled)),
    }


@dataclass
class _Kolom:
    indeks: int
    judul: str
    peran: str
    alasan: str
    stats: dict
    kuat: int  # 3: the user's or the office's choice; KUAT, LEMAH: the name's; 0: none

    def jadi(self, peran, why):
        self.peran, self.alasan = peran, f"{self.alasan}; {why}" if self.alasan else why


def tebak(headers, rows, remembered=None, chosen=None, anggota=frozenset()):
    """[Tebakan] for every column of a table: `headers` the header texts (empty when there
    is no header row), `rows` the data rows' texts. `chosen` ({column index: our column}) is
    the user's choice for this file, `remembered` ({normal header: our column}) the office's;
    both win over the guess. `anggota`: the office's members' names, usernames and emails
    (lower case), by which a column of PICs is known without its name."""
    remembered, chosen = remembered or {}, chosen or {}
    width = max([len(headers), *(len(r) for r in rows)], default=0)
    columns = []
    for i in range(width):
        judul = str(headers[i]).strip() if i < len(headers) and headers[i] else ""
        stats = _stats([(r[i] if i < len(r) else "") for r in rows], anggota)
        key = normal(judul)
        if i in chosen:
            peran, alasan, kuat = chosen[i], "dipilih untuk berkas ini", 3
        elif key and key in remembered:
            peran, alasan, kuat = remembered[key], "pemetaan yang diingat satker ini", 3
        elif key and (month := BULAN_NAMA.get(key)):
            peran, alasan, kuat = f"{BULAN_KOLOM}:{month}", f"nama bulan «{judul}»", KUAT
        elif key and (known := _dikenal(key)):
            (peran, kuat), alasan = known, f"judul «{judul}»"
        elif stats["terisi"] and stats["kode"] >= 0.6:
            peran, alasan, kuat = "NO", "isinya kode bertingkat", LEMAH
        elif stats["terisi"] and stats["waktu"] >= 0.6:
            peran, alasan, kuat = "TARGET WAKTU", "isinya tahun atau bulan", LEMAH
        elif stats["terisi"] and stats["anggota"] >= 0.5:
            peran, alasan, kuat = "PIC", "isinya nama anggota satker", LEMAH
        else:
            peran, alasan, kuat = "", "", 0
        if kuat < 3 and stats["terisi"] and stats["tahap"] >= 0.9:
            peran, alasan, kuat = KELOMPOK_KOLOM, "isinya Pemenuhan / Reform", KUAT
        columns.append(_Kolom(i, judul or f"Kolom {kolom_huruf(i)}", peran, alasan, stats, kuat))
    _letters_beside_codes(columns)
    _by_position(columns)
    _one_each(columns)
    for c in columns:
        if not c.peran and c.kuat < 3 and c.stats["terisi"]:
            c.jadi(CATATAN, "tidak dikenali; disimpan sebagai catatan indikator")
    return [Tebakan(c.indeks, c.judul, c.peran, c.alasan, c.stats["terisi"]) for c in columns]


def kolom_huruf(i):
    """A column's letter, as a spreadsheet names it: 0 → A, 26 → AA."""
    name = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        name = chr(65 + rest) + name
    return name


def kolom_indeks(letters):
    """A column's index from its letters, as kolom_huruf's inverse: "A" → 0, "AA" → 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _letters_beside_codes(columns):
    """A column of single letters or numerals right of the code column completes the code
    (a sub-komponen code "A.1.I.i" and its criterion letter "a")."""
    for left, right in zip(columns, columns[1:], strict=False):
        if (
            left.peran == "NO"
            and left.stats["kode"] >= 0.5
            and right.kuat < 3
            and right.stats["terisi"]
            and right.stats["huruf"] >= 0.8
            and (right.kuat == 0 or right.peran in ("NO", "KOMPONEN"))
        ):
            right.peran, right.alasan, right.kuat = SUBKODE, "huruf/angka di samping kode", KUAT


def _by_position(columns):
    """Activity columns (komponen, indikator, langkah aksi) placed by position where their
    names leave it open: weak names give way to strong ones. With no indikator column, the
    activity columns from the left are (komponen,) indikator, langkah aksi, as many as there
    are; with one, a weak column to its left that groups rows (its text repeats or is left
    empty below) is the komponen, any other the langkah aksi."""
    family = [c for c in columns if c.peran in JENJANG and c.kuat < 3]
    if not family:
        return
    strong = {c.peran for c in family if c.kuat == KUAT}
    if "INDIKATOR" not in strong:
        movable = [c for c in family if not (c.kuat == KUAT and c.peran == "KOMPONEN")]
        levels = ["INDIKATOR", "LANGKAH AKSI"]
        if len(movable) > 2 and "KOMPONEN" not in strong:
            levels.insert(0, "KOMPONEN")
        for column, level in zip(movable, levels, strict=False):
            if column.peran != level:
                column.jadi(level, f"dibaca sebagai {level} menurut letaknya")
        for column in movable[len(levels) :]:
            column.jadi(CATATAN, "kolom kegiatan lebih, jadi catatan")
        return
    indikator = next(c for c in family if c.peran == "INDIKATOR" and c.kuat == KUAT)
    for column in (c for c in family if c.kuat < KUAT):
        if column.indeks < indikator.indeks and column.stats["kelompok"]:
            level = "KOMPONEN"
        else:
            level = "LANGKAH AKSI"
        if level in strong:
            column.jadi(CATATAN, f"{level} sudah dari kolom lain, jadi catatan")
            continue
        if level != column.peran:
            column.jadi(level, f"di kiri INDIKATOR dan mengelompokkan baris: {level}")
        strong.add(level)


def _one_each(columns):
    """Each plan field from one column: a later column claiming a field already taken is
    kept as a note (its reason says so); month marks may be many."""
    taken = set()
    for column in sorted(columns, key=lambda c: (-c.kuat, c.indeks)):
        peran = column.peran
        if not peran or peran == CATATAN or peran.startswith(BULAN_KOLOM + ":"):
            continue
        if peran in taken:
            column.jadi(CATATAN, f"{peran} sudah dari kolom lain, jadi catatan")
        taken.add(peran)


def is_column_numbers(values):
    """The row of column numbers some offices print under the header: 1, 2, 3 …"""
    numbers = [str(v).strip() for v in values if v not in (None, "")]
    return len(numbers) >= 3 and numbers == [str(i) for i in range(1, len(numbers) + 1)]
