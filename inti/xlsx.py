"""Writing cells of the workbooks we produce: text is always text. A value starting with "=",
"+", "-", "@", a tab or a carriage return would be read as a formula by Excel (or by openpyxl,
for "="); such cells are stored as strings with Excel's quote prefix."""

from openpyxl.styles import Alignment

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WRAP = Alignment(wrap_text=True, vertical="top")


def tulis(sheet, row, column, value, *, wrap=True):
    """Put `value` in a cell; text never becomes a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True
    if wrap:
        cell.alignment = WRAP
    return cell


def tambah_baris(sheet, values):
    """Append a row below the last one, every cell written by `tulis` (no wrapping)."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, 1):
        tulis(sheet, row, column, value, wrap=False)
    return row
