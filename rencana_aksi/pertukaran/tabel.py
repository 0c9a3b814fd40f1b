"""Tables as the readers find them (a sheet, a Word table), read the same way for every format:
the header row found (or the one the user named), each column judged (pemetaan.tebak), the
headings above and inside the table passed to the Susunan, and each data row turned into the
cells of our columns with its notes, month marks and merged-down copies.

A table with no header row the reader can recognise is not an error here: it is reported
with its first rows, so the page can let the user pick the header row and say what each
column is."""

from dataclasses import dataclass, field

from .lampiran import (
    KELOMPOK_KOLOM,
    KELOMPOK_LKE,
    LKE_KOLOM,
    ROMAWI_RE,
    bagian_judul,
    nama_tanpa_nomor,
)
from .pemetaan import (
    BARIS_JUDUL,
    BULAN_KOLOM,
    CATATAN,
    SUBKODE,
    TAHUN_KOLOM,
    bulan_of,
    header_score,
    is_column_numbers,
    normal,
    tebak,
)

CARI_JUDUL = 20  # rows looked at for the header
CONTOH = 8  # rows shown when no header is found
# Sheet names that say nothing of the area on them.
_NAMA_UMUM = ("SHEET", "LEMBAR", "LAMPIRAN", "RENCANA", "TABEL", "DATA", "LKE", "RA ")


@dataclass
class Sel:
    teks: str = ""
    lanjut: bool = False  # a copy of the cell above it (merged down)
    tebal: bool = False


@dataclass
class Tabel:
    nama: str  # the sheet's title, or "Tabel 3"
    baris: list  # [(row number, [Sel])]
    di_atas: list = field(default_factory=list)  # headings above it (Word paragraphs)


@dataclass
class Bacaan:
    """What reading the tables found: the header and guesses of the first table read (for
    the mapping form), the tables without a header (with their first rows), and what was
    kept or dropped, counted per column label."""

    tebakan: list = field(default_factory=list)
    judul_baris: int = 0  # the header row of the first table read (1-based), 0: none
    tanpa_judul: list = field(default_factory=list)  # [(table name, [[texts] …])]
    diabaikan: dict = field(default_factory=dict)  # label → rows with text, dropped
    catatan: dict = field(default_factory=dict)  # label → rows with text, kept as notes
    terbaca: int = 0  # tables read
    # The layout as the file shows it: a row of column numbers under the header, and areas
    # as rows inside a table (one table) rather than headings above tables (a table each).
    nomor_kolom: bool = False
    area_dari_baris: bool = False

    def layout(self):
        return {
            "baris_nomor_kolom": self.nomor_kolom,
            "susunan_tabel": "satu_tabel" if self.area_dari_baris else "per_area",
        }


def _texts(cells):
    return [c.teks for c in cells]


def _find_header(rows, remembered):
    """The index of the header row among the first rows, or None."""
    best, score = None, 1
    for index, (_, cells) in enumerate(rows[:CARI_JUDUL]):
        texts = _texts(cells)
        filled = [t for t in texts if t]
        n = header_score(texts, remembered)
        if n > score and n >= 0.5 * len(filled):
            best, score = index, n
        elif best is not None and n < 2 and index > best + 1:
            break
    return best


def _area_from_title(tabel, many_sheets):
    """A sheet's title as its area, when the workbook keeps one area per sheet: ("I",
    "MANAJEMEN PERUBAHAN") from "I. MANAJEMEN PERUBAHAN", ("I", "") from "I", ("", "Manajemen
    Perubahan") from a plain title."""
    title = " ".join(tabel.nama.split())
    if ROMAWI_RE.match(title):
        return title, ""
    if not many_sheets or title.upper().startswith(_NAMA_UMUM):
        return None
    return nama_tanpa_nomor(title)


def baca_tabel(
    tabel, susunan, bacaan, *, remembered, chosen, many_sheets=False, lanjutan=None, anggota=()
):
    """Read one table into the Susunan. `chosen` is this file's choice ({BARIS_JUDUL: n,
    column index: our column}); `lanjutan` the previous table's reading, for a Word table
    split across pages without its header repeated. Returns this table's reading
    ([Tebakan], header index) or None when it has no header."""
    rows = tabel.baris
    header_row = chosen.get(BARIS_JUDUL)
    if header_row is not None:
        # A row the sheet does not have is no header: the mapping form shows the rows again.
        index = header_row - 1 if header_row else -1
        if index >= len(rows):
            index = None
    else:
        index = _find_header(rows, remembered)
    columns = {k: v for k, v in chosen.items() if isinstance(k, int)}
    tebakan = None
    width = max((len(c) for _, c in rows), default=0)
    if index is None and lanjutan is not None and abs(width - lanjutan[1]) <= 1:
        tebakan, index = lanjutan[0], -1  # a table split across pages, header not repeated
    if index is None:
        if any(c.teks for _, cells in rows for c in cells):
            bacaan.tanpa_judul.append((tabel.nama, [_texts(cells) for _, cells in rows[:CONTOH]]))
        return None
    headers = _texts(rows[index][1]) if index >= 0 else []
    data = rows[index + 1 :]
    # Months named in the row under the header (JADWAL over JAN … DES) name those columns.
    if data and sum(1 for c in data[0][1] if bulan_of(c.teks)) >= 3:
        headers = [
            sub.teks if bulan_of(sub.teks) else (headers[i] if i < len(headers) else "")
            for i, sub in enumerate(data[0][1])
        ]
        data = data[1:]
    if tebakan is None:
        tebakan = tebak(headers, [_texts(c) for _, c in data], remembered, columns, anggota)
    if not bacaan.terbaca:
        bacaan.tebakan, bacaan.judul_baris = tebakan, index + 1
    bacaan.terbaca += 1
    for _, cells in rows[: max(index, 0)]:
        for text in dict.fromkeys(c.teks for c in cells if c.teks):
            _above(susunan, text, tabel.nama)
    for text in tabel.di_atas:
        _above(susunan, text, tabel.nama)
    named_above = susunan.block is not None and susunan.block.lembar == tabel.nama
    # An area named above the table (or by its sheet): headings inside it are komponen.
    area_given = named_above
    if not named_above and (title := _area_from_title(tabel, many_sheets)):
        susunan.judul(*title, lembar=tabel.nama, dari_lembar=True)
        area_given = True
    blocks_before = len(susunan.blocks)
    for number, cells in data:
        texts = _texts(cells)
        if is_column_numbers(texts):
            bacaan.nomor_kolom = True
            continue
        if not any(texts):
            continue
        sel = _sel(cells, tebakan, bacaan)
        susunan.baris(
            sel, lembar=tabel.nama, nomor=number, blok_lembar=tabel.nama, area_given=area_given
        )
    if len(susunan.blocks) - blocks_before > 1:  # several areas began inside this table
        bacaan.area_dari_baris = True
    return tebakan, len(headers) or max((len(c) for _, c in data), default=0)


def _above(susunan, text, lembar):
    parts = bagian_judul(text)
    if parts and all(marker for marker, _ in parts):
        susunan.heading(parts, lembar=lembar)


def _sel(cells, tebakan, bacaan):
    """A data row's cells by our columns, with the row's notes, marks and copies."""
    sel, lanjut, notes, months = {}, set(), [], []
    for guess in tebakan:
        cell = cells[guess.indeks] if guess.indeks < len(cells) else Sel()
        text = cell.teks
        peran = guess.peran
        if not text:
            continue
        if not peran:
            bacaan.diabaikan[guess.judul] = bacaan.diabaikan.get(guess.judul, 0) + 1
        elif peran == CATATAN:
            if not cell.lanjut:
                notes.append((guess.judul, text))
                bacaan.catatan[guess.judul] = bacaan.catatan.get(guess.judul, 0) + 1
        elif peran.startswith(BULAN_KOLOM + ":"):
            months.append(int(peran.split(":")[1]))
        elif peran == TAHUN_KOLOM:
            sel["_tahun"] = text
        elif peran == SUBKODE:
            sel["_subkode"] = text.rstrip(".)")
        elif peran == KELOMPOK_KOLOM:
            name = nama_tanpa_nomor(text)[1]
            sel["_kelompok"] = KELOMPOK_LKE.get(name.upper()) or name
        elif peran == LKE_KOLOM:
            sel["_lke"] = text
        elif peran not in sel:
            sel[peran] = text
            if cell.lanjut:
                lanjut.add(peran)
    if notes:
        sel["_catatan"] = notes
    if months:
        sel["_bulan"] = months
    if lanjut:
        sel["_lanjut"] = lanjut
    if cells and all(c.tebal for c in cells if c.teks):
        sel["_tebal"] = True
    return sel


def chosen_of(pemetaan):
    """A file's stored choice ({"baris_judul": n, "kolom": {"3": "INDIKATOR"}}) as the
    readers take it ({BARIS_JUDUL: n, 3: "INDIKATOR"})."""
    chosen = {int(k): v for k, v in (pemetaan or {}).get("kolom", {}).items() if k.isdigit()}
    if (pemetaan or {}).get("baris_judul") is not None:
        chosen[BARIS_JUDUL] = int(pemetaan["baris_judul"])
    return chosen


def remembered_of(mapping):
    """An office's remembered mapping ({normal header: our column}) with a header row
    number, if it carries one, set apart: (columns, header row or None)."""
    mapping = {normal(k): v for k, v in (mapping or {}).items()}
    row = mapping.pop(BARIS_JUDUL, None)
    return mapping, row
