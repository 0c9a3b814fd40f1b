"""The Lampiran as an Excel workbook (openpyxl), and workbooks read back into rows.

Out: one sheet per area or one sheet with area rows, as the plan's layout says; lists as one
line per item; widths, wrapping and print settings for F4 landscape with the header repeated.
A hidden sheet records the layout so a workbook we made comes back exactly as it went out.

In: only a real xlsx, small enough, not a zip bomb, without macros, outside links or formulas;
merged cells read as what they mean; every sheet read by tabel.baca_tabel."""

import io
import re
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from inti.xlsx import tulis

from .lampiran import KELOMPOK_KOLOM, KOLOM, LKE_KOLOM, Susunan, plan_rows
from .pemetaan import MAX_ROWS, ImporError, kolom_indeks, office_file_check
from .tabel import Bacaan, Sel, Tabel, baca_tabel, remembered_of

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's paper code 14, Folio (8.5 × 13 in): the F4 sheet KPU offices print on.
PAPER_FOLIO = 14
META_SHEET = "zi-tracker"
LAYOUT_KEYS = ("komponen_diulang", "susunan_tabel", "kolom_target_capaian", "baris_nomor_kolom")
WIDTHS = {
    "AREA": 20,
    "NO": 6,
    "KOMPONEN": 22,
    "INDIKATOR": 36,
    "LANGKAH AKSI": 54,
    "BUKTI FISIK": 34,
    "TARGET WAKTU": 18,
    "TARGET CAPAIAN": 24,
    "PIC": 18,
}
BOLD = Font(bold=True)
HEAD = PatternFill("solid", fgColor="F1F1F1")


def _columns(layout, data=None):
    """The printed table's columns (areas are headings or rows there, not a column), and
    after them what the plan keeps beyond the printed table: the komponen's grouping, the
    LKE question, and its notes by their labels."""
    columns = [
        c
        for c in KOLOM
        if c != "AREA" and (c != "TARGET CAPAIAN" or layout.get("kolom_target_capaian", True))
    ]
    komponen = [k for a in (data or {}).get("area", []) for k in a["komponen"]]
    indikator = [i for k in komponen for i in k["indikator"]]
    if any(k.get("kelompok") for k in komponen):
        columns.append(KELOMPOK_KOLOM)
    if any(i.get("lke_kode") for i in indikator):
        columns.append(LKE_KOLOM)
    labels = dict.fromkeys(label for i in indikator for label, _ in i.get("keterangan", []))
    return columns + [label for label in labels if label not in columns]


def _sheet_setup(sheet, columns, header_row):
    for i, name in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 20)
        cell = tulis(sheet, header_row, i, name)
        cell.font, cell.fill = BOLD, HEAD
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_FOLIO
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _write_rows(sheet, start, columns, rows):
    for r, values in enumerate(rows, start):
        for c, name in enumerate(columns, 1):
            cell = tulis(sheet, r, c, values.get(name, ""))
            if values.get("_judul") and values.get(name):
                cell.font = BOLD
    return start + len(rows)


def _sheet_title(nomor, taken):
    """An area's sheet name: its number, without what Excel forbids, unique in the book."""
    title = re.sub(r"[\[\]:*?/\\]", "-", nomor)[:28] or "AREA"
    base, n = title, 2
    while title in taken:
        title, n = f"{base}-{n}", n + 1
    return title


def workbook_bytes(data, layout):
    """A workbook of plan data (the fixtures' shape) in the Lampiran's layout."""
    book = Workbook()
    book.remove(book.active)
    columns = _columns(layout, data)
    diulang = layout.get("komponen_diulang", False)
    if layout.get("susunan_tabel") == "satu_tabel":
        sheet = book.create_sheet("LAMPIRAN")
        _sheet_setup(sheet, columns, 1)
        row = 2
        for area in data["area"]:
            tulis(sheet, row, 1, area["nomor"])
            tulis(sheet, row, 2, area["nama"]).font = BOLD
            row = _write_rows(sheet, row + 1, columns, plan_rows(area, diulang))
    else:
        for area in data["area"]:
            sheet = book.create_sheet(_sheet_title(area["nomor"], book.sheetnames))
            tulis(sheet, 1, 1, f"{area['nomor']}. {area['nama']}", wrap=False).font = BOLD
            _sheet_setup(sheet, columns, 2)
            _write_rows(sheet, 3, columns, plan_rows(area, diulang))
    if not book.sheetnames:
        sheet = book.create_sheet("I")
        tulis(sheet, 1, 1, "I. NAMA AREA", wrap=False).font = BOLD
        _sheet_setup(sheet, columns, 2)
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for r, key in enumerate(k for k in LAYOUT_KEYS if k in layout):
        tulis(meta, r + 1, 1, key)
        tulis(meta, r + 1, 2, str(layout[key]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_bytes():
    """A blank workbook to fill in: one area sheet with the header and an example row."""
    example = {
        "area": [
            {
                "nomor": "I",
                "nama": "MANAJEMEN PERUBAHAN",
                "komponen": [
                    {
                        "nomor": "",
                        "nama": "Manajemen Perubahan",
                        "indikator": [
                            {
                                "nomor": "1",
                                "nama": "Contoh: Tim Kerja Pembangunan ZI terbentuk",
                                "langkah_aksi": [
                                    ["-", "Menyusun konsep SK Tim"],
                                    ["-", "Menetapkan SK Tim"],
                                ],
                                "bukti_fisik": [["", "SK Tim"]],
                                "target_waktu": "Januari",
                                "target_capaian": "100%",
                            }
                        ],
                    }
                ],
            }
        ]
    }
    return workbook_bytes(
        example,
        {"susunan_tabel": "per_area", "komponen_diulang": True, "kolom_target_capaian": True},
    )


# ---- reading

# Cells a workbook's merges may cover in all: a merge of a whole sheet is a bomb, not a plan.
MAX_MERGED_CELLS = 200_000


_MERGE_RE = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"'
)


def merge_check(data):
    """Refuse a workbook whose merged cells cover more than MAX_MERGED_CELLS, before
    openpyxl makes an object for every covered cell (a merge of a whole sheet is billions)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    covered = 0
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        for c1, r1, c2, r2 in _MERGE_RE.findall(archive.read(name)):
            rows = abs(int(r2) - int(r1)) + 1
            cols = abs(kolom_indeks(c2.decode()) - kolom_indeks(c1.decode())) + 1
            covered += rows * cols
            if covered > MAX_MERGED_CELLS:
                raise ImporError(
                    f"Sel gabungan ({c1.decode()}{r1.decode()}:{c2.decode()}{r2.decode()} "
                    "dan lainnya) terlalu luas untuk sebuah lampiran; pisahkan sel gabungan "
                    "(Merge & Center → Unmerge) lalu unggah lagi."
                )


def _grid(sheet):
    """A sheet's rows as [(row number, [Sel])], a cell merged down copied into each row it
    spans (marked as a copy), one merged across kept in its first cell."""
    merged = {}
    for rng in sheet.merged_cells.ranges:
        top = sheet.cell(rng.min_row, rng.min_col)
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                if (row, col) == (rng.min_row, rng.min_col):
                    continue
                merged[row, col] = (top, col == rng.min_col)
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            if cell.data_type == "f":
                raise ImporError(
                    f"Lembar {sheet.title}, baris {cell.row}: sel {cell.coordinate} berisi "
                    f"rumus ({str(cell.value)[:40]}). Tulis isinya sebagai teks."
                )
            source, copied = cell, False
            if (cell.row, cell.column) in merged:
                top, same_column = merged[cell.row, cell.column]
                if not same_column:
                    cells.append(Sel())
                    continue
                source, copied = top, True
            bold = bool(source.font and source.font.b)
            cells.append(Sel(_value(source.value), lanjut=copied, tebal=bold))
        rows.append((row[0].row if row else 0, cells))
    return rows


def read_workbook(data, remembered=None, chosen=None, anggota=frozenset()):
    """Blocks of rows of a workbook, the layout it records (if we made it), and what the
    reading found (Bacaan: the header and its guesses, tables without a header, what was
    kept and dropped). ImporError says why a file cannot be read."""
    office_file_check(data, "xl/workbook.xml", "buku kerja Excel (.xlsx)")
    merge_check(data)
    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise ImporError("Buku kerja ini rusak dan tidak dapat dibuka.") from None
    layout = {}
    if META_SHEET in book.sheetnames:
        for key, value in book[META_SHEET].iter_rows(values_only=True, max_col=2):
            if key == "susunan_tabel" and value in ("per_area", "satu_tabel"):
                layout[key] = value
            elif key in LAYOUT_KEYS and value in ("True", "False"):
                layout[key] = value == "True"
    remembered, _ = remembered_of(remembered)
    chosen = chosen or {}
    susunan, bacaan, total = Susunan(), Bacaan(), 0
    sheets = [s for s in book.worksheets if s.title != META_SHEET and s.sheet_state == "visible"]
    for sheet in sheets:
        total += sheet.max_row
        if total > MAX_ROWS + 20 * len(sheets):
            raise ImporError(f"Terlalu banyak baris: paling banyak {MAX_ROWS} baris.")
    tables = [Tabel(sheet.title, _grid(sheet)) for sheet in sheets]
    filled = [t for t in tables if any(c.teks for _, cells in t.baris for c in cells)]
    for table in filled:
        susunan.block = None  # each sheet starts afresh
        susunan.kelompok = ""
        baca_tabel(
            table,
            susunan,
            bacaan,
            remembered=remembered,
            anggota=anggota,
            chosen=chosen,
            many_sheets=len(filled) > 1,
        )
    return susunan.blocks, layout, bacaan


def _value(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
