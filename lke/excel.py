"""The LKE as an Excel workbook in the worksheet's own shape: komponen (Pengungkit, Hasil),
then each area, then one row per sub-komponen with its weight, the Tim's answer and score, the
TPI's score and note, the projection and the evidence behind it. Text is written as text
(inti.xlsx.tulis), never as a formula."""

import io

from django.conf import settings
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from inti.xlsx import tambah_baris, tulis

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEPALA = [
    "Komponen",
    "Area / kelompok",
    "Jenis",
    "Sub-komponen",
    "Bobot",
    "Jawaban Tim",
    "Nilai Tim",
    "Catatan Tim",
    "Nilai TPI",
    "Catatan TPI",
    "Selisih (TPI − Tim)",
    "Proyeksi akhir tahun",
    "Bukti (indikator bertaut)",
]
TEBAL = Font(bold=True)
LATAR = PatternFill("solid", fgColor="F1DADA")


def _f(x):
    return None if x is None else round(float(x), 2)


def _jawaban(s):
    answer = getattr(s, "jawaban", None)
    if answer is None:
        return ""
    return answer.jawaban or ("" if answer.angka is None else f"{answer.angka:g}")


def _bukti(s):
    base = settings.ZI_PUBLIC_URL
    links = [
        f"{i.nomor}. {i.nama} {base}{reverse('bukti_fisik:indikator', args=[i.pk])}"
        for i in s.indikator
    ]
    if s.indikator:
        links.insert(0, f"{s.terverifikasi}/{s.slot} slot terverifikasi")
    return "\n".join(links)


def _baris(komponen, kelompok, s, laju):
    answer = getattr(s, "jawaban", None)
    return [
        komponen,
        kelompok,
        s.model.get_jenis_display(),
        s.nama,
        _f(s.bobot),
        _jawaban(s),
        _f(s.nilai()),
        "" if answer is None else answer.catatan,
        _f(s.nilai_tpi),
        "" if answer is None else answer.catatan_tpi,
        _f(s.selisih),
        _f(s.proyeksi(laju)),
        _bukti(s),
    ]


def lke_workbook(rencana, p):
    book = Workbook()
    sheet = book.active
    sheet.title = "LKE"
    tulis(sheet, 1, 1, f"LKE Zona Integritas {rencana.satker.nama} {rencana.tahun}", wrap=False)
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    tulis(sheet, 2, 1, f"Kerangka: {p.kerangka}", wrap=False)
    for col, text in enumerate(KEPALA, 1):
        cell = tulis(sheet, 4, col, text)
        cell.font, cell.fill = TEBAL, LATAR
    for area in p.area:
        row = tambah_baris(
            sheet, ["Pengungkit", area.nama, "", "", _f(area.bobot), "", _f(area.nilai)]
        )
        for col in range(1, len(KEPALA) + 1):
            sheet.cell(row, col).font = TEBAL
        sheet.cell(row, 12).value = _f(area.proyeksi)
        for s in area.sub:
            tambah_baris(sheet, _baris("Pengungkit", area.nama, s, p.laju))
    for group in p.hasil:
        row = tambah_baris(
            sheet, ["Hasil", group.nama, "", "", _f(group.bobot), "", _f(group.nilai)]
        )
        for col in range(1, len(KEPALA) + 1):
            sheet.cell(row, col).font = TEBAL
        for s in group.sub:
            tambah_baris(sheet, _baris("Hasil", group.nama, s, p.laju))
    row = tambah_baris(
        sheet,
        [
            "Total",
            "",
            "",
            "",
            _f(p.total_bobot),
            "",
            _f(p.total),
            "",
            "",
            "",
            "",
            _f(p.total_proyeksi),
        ],
    )
    sheet.cell(row, 1).font = TEBAL
    tambah_baris(sheet, ["Predikat", p.predikat or "belum ada"])
    for col, width in zip(
        "ABCDEFGHIJKLM", (12, 30, 11, 40, 8, 10, 9, 30, 9, 30, 10, 10, 60), strict=True
    ):
        sheet.column_dimensions[col].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
