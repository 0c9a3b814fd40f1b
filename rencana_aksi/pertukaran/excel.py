"""The Lampiran as an Excel workbook (openpyxl), and workbooks read back into rows.

Out: one sheet per area or one sheet with area rows, as the plan's layout says; lists as one
line per item; widths, wrapping and print settings for F4 landscape with the header repeated.
A hidden sheet records the layout so a workbook we made comes back exactly as it went out.

In: only a real xlsx, small enough, not a zip bomb, without merged cells or formulas; the
header row is found by its column names (or the office's remembered mapping)."""

import io

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ..xlsx import tulis
from .lampiran import KOLOM, ROMAWI_RE, Susunan, area_heading, plan_rows
from .pemetaan import (
    MAX_ROWS,
    ImporError,
    header_map,
    is_column_numbers,
    office_file_check,
)

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


def _columns(layout):
    """The printed table's columns (areas are headings or rows there, not a column)."""
    return [
        c
        for c in KOLOM
        if c != "AREA" and (c != "TARGET CAPAIAN" or layout.get("kolom_target_capaian", True))
    ]


def _sheet_setup(sheet, columns, header_row):
    for i, name in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS[name]
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
            tulis(sheet, r, c, values.get(name, ""))
    return start + len(rows)


def workbook_bytes(data, layout):
    """A workbook of plan data (the fixtures' shape) in the Lampiran's layout."""
    book = Workbook()
    book.remove(book.active)
    columns = _columns(layout)
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
            sheet = book.create_sheet(area["nomor"][:31] or "AREA")
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


def read_workbook(data, remembered=None):
    """Blocks of rows of a workbook, the layout it records (if we made it), and the header
    of its first table (for the mapping form). ImporError says why a file cannot be read."""
    office_file_check(data, "xl/workbook.xml", "buku kerja Excel (.xlsx)")
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
    susunan, headers, total = Susunan(), None, 0
    sheets = [s for s in book.worksheets if s.title != META_SHEET]
    for sheet in sheets:
        if sheet.merged_cells.ranges:
            cells = ", ".join(str(r) for r in list(sheet.merged_cells.ranges)[:3])
            raise ImporError(
                f"Lembar {sheet.title}: sel {cells} digabung. Pisahkan sel gabungan (Merge & "
                "Center → Unmerge) lalu unggah lagi."
            )
        total += sheet.max_row
        if total > MAX_ROWS + 20 * len(sheets):
            raise ImporError(f"Terlalu banyak baris: paling banyak {MAX_ROWS} baris.")
        rows = list(sheet.iter_rows())
        found = None
        for index, row in enumerate(rows[:15]):
            texts = [cell.value for cell in row]
            if mapping := header_map(texts, remembered):
                found = index, mapping, texts
                break
        if found is None:
            if any(cell.value not in (None, "") for row in rows for cell in row):
                raise ImporError(
                    f"Lembar {sheet.title}: baris judul kolom tidak ditemukan (cari NO, KOMPONEN, "
                    "INDIKATOR, LANGKAH AKSI …). Sesuaikan pemetaan kolom."
                )
            continue
        index, mapping, texts = found
        headers = headers or texts
        susunan.block = None  # each sheet starts afresh
        for above in rows[:index]:
            for cell in above:
                if heading := area_heading(cell.value):
                    susunan.judul(*heading, lembar=sheet.title)
        if susunan.block is None and ROMAWI_RE.match(sheet.title.strip()):
            susunan.judul(sheet.title.strip(), "", lembar=sheet.title)
        for row in rows[index + 1 :]:
            values = [cell.value for cell in row]
            for cell in row:
                if cell.data_type == "f":
                    raise ImporError(
                        f"Lembar {sheet.title}, baris {cell.row}: sel {cell.coordinate} berisi "
                        f"rumus ({str(cell.value)[:40]}). Tulis isinya sebagai teks."
                    )
            sel = {name: _value(values, col) for col, name in mapping.items()}
            if any(sel.values()) and not is_column_numbers(values):
                susunan.baris(sel, lembar=sheet.title, nomor=row[0].row, blok_lembar=sheet.title)
    blocks = susunan.blocks
    if not blocks:
        raise ImporError("Buku kerja ini tidak berisi baris rencana aksi.")
    return blocks, layout, headers


def _value(values, col):
    value = values[col] if col < len(values) else None
    if value is None:
        return ""
    return str(value).strip()
