"""The laporan monev as an Excel workbook: a summary sheet and one sheet per area, with the
same numbers as the dashboard (both come from selectors.dashboard)."""

import io

from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from inti.xlsx import tambah_baris, tulis

from .progress import METRIC_LABELS, METRICS

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
HEAD = PatternFill("solid", fgColor="F1DADA")


def _persen(angka):
    return None if angka.persen is None else round(float(angka.persen), 1)


def _header(sheet, row, values):
    for col, value in enumerate(values, 1):
        cell = tulis(sheet, row, col, value)
        cell.font = BOLD
        cell.fill = HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _progress_row(label, progres):
    values = [label]
    for metric in METRICS:
        angka = progres[metric]
        values += [_persen(angka), angka.pembilang, angka.penyebut]
    return [*values, progres.terlambat]


PROGRESS_HEAD = [
    *(part for metric in METRICS for part in (f"{METRIC_LABELS[metric]} (%)", "jumlah", "dari")),
    "Terlambat",
]


def laporan_monev(rencana, filtr, today, data):
    book = Workbook()
    summary = book.active
    summary.title = "Ringkasan"
    title = f"Laporan Monev Rencana Aksi {rencana.satker.nama} Tahun {rencana.tahun}"
    tulis(summary, 1, 1, title, wrap=False).font = Font(bold=True, size=13)
    tulis(summary, 2, 1, f"Keadaan per {date_format(today, 'j F Y')}", wrap=False)
    tulis(summary, 3, 1, f"Saringan: {filtr.query() or 'tidak ada'}", wrap=False)
    _header(summary, 5, ["Bagian", *PROGRESS_HEAD])
    tambah_baris(summary, _progress_row("Seluruh rencana", data["progres"]))
    for area in data["areas"]:
        tambah_baris(summary, _progress_row(f"{area.nomor}. {area.nama}", area.progres))
    row = summary.max_row + 2
    _header(summary, row, ["Bulan", "Jatuh tempo", "Terverifikasi"])
    for month in data["bulanan"]:
        tambah_baris(summary, [month["nama"], month["jatuh_tempo"], month["terverifikasi"]])
    row = summary.max_row + 2
    _header(summary, row, ["PIC", "Slot", "Terverifikasi", "Terlambat"])
    for pic in data["pic_rows"]:
        tambah_baris(
            summary,
            [
                str(pic["pic"] or "Belum ditetapkan"),
                pic["slot"],
                pic["terverifikasi"],
                pic["terlambat"],
            ],
        )
    summary.column_dimensions["A"].width = 48

    indikator_of = {}
    for indikator in data["indikator"]:
        indikator_of.setdefault(indikator.komponen.area_id, []).append(indikator)
    used = set()
    for area in data["areas"]:
        title = _sheet_title(f"{area.nomor} {area.nama}", used)
        sheet = book.create_sheet(title)
        tulis(sheet, 1, 1, f"{area.nomor}. {area.nama}", wrap=False).font = BOLD
        _header(sheet, 3, ["No", "Indikator", "PIC", *PROGRESS_HEAD])
        for indikator in indikator_of.get(area.pk, []):
            name, *numbers = _progress_row(indikator.nama, indikator.progres)
            tambah_baris(sheet, [indikator.nomor, name, str(indikator.pic or ""), *numbers])
        name, *numbers = _progress_row("Rata-rata area", area.progres)
        tambah_baris(sheet, ["", name, "", *numbers])
        sheet.cell(row=sheet.max_row, column=2).font = BOLD
        sheet.column_dimensions["B"].width = 60
        for col in range(4, 4 + len(PROGRESS_HEAD)):
            sheet.column_dimensions[get_column_letter(col)].width = 12
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(text, used):
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join(c for c in text if c not in "[]:*?/\\")[:28].strip()
    title, n = clean, 2
    while title in used:
        title = f"{clean[:26]} {n}"
        n += 1
    used.add(title)
    return title
