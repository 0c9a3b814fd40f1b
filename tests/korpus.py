"""The import corpus: workbooks and Word documents in the shapes other offices keep their plans
in, built from real plans' data (../shared/import-corpus, the LKE 2021 worksheet in
../shared/lke-2021, and the two seed decrees in fixtures/). Each builder returns the file and
what a careful person counts in it by hand: areas, komponen, indikator, langkah aksi, bukti
fisik, and a few cells that must arrive word for word.

The shapes (see the import issue): a sheet per area with kegiatan as merged heading rows over
bold sub-headings and outputs merged down (KPP Pratama Yogyakarta); a tree of codes SS / K / IO
with months as codes and units as PIC (Kanwil Ditjenpas Jawa Barat); the LKE's own codes with
a letter column and combined headings, no area rows; our seeds written with other header names,
lists on one line, a komponen left blank, merged cells, months as columns, a year and quarter
column, a Pemenuhan / Reform column, no target waktu at all; and three Word documents typed as
secretariats type them."""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from django.conf import settings
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl.styles import Font

SHARED = Path(settings.BASE_DIR).parent / "shared"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
BOLD = Font(bold=True)
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


@dataclass
class Berkas:
    nama: str
    jenis: str  # xlsx / docx
    data: bytes
    area: int
    komponen: int
    indikator: int
    langkah: int
    bukti: int
    # (area index, komponen index, indikator index) → {field: expected text}
    sel: dict = field(default_factory=dict)
    lke: bool = False
    layout: dict = field(default_factory=dict)  # what the file's look says of its layout


def _tsv(name):
    lines = (SHARED / "import-corpus" / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    header = rows[0]
    return [dict(zip(header, r + [""] * (len(header) - len(r)), strict=True)) for r in rows[1:]]


def _fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _save(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _top_level_commas(text):
    """Outputs written "A, B" as two rows; commas inside brackets stay."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


# ---- KPP Pratama Yogyakarta: a sheet per area

KPP_AREA = {
    "mp": "Manajemen Perubahan",
    "pt": "Penataan Tatalaksana",
    "psm": "Manajemen SDM",
    "pa": "Akuntabilitas",
    "pp": "Pengawasan",
    "kpp": "Pelayanan Publik",
    "sekre": "Sekretariat",
}


def kpp_xlsx():
    """One sheet per area named for it; a kegiatan is a bold row merged across the table; a
    row without output is a bold sub-heading; outputs written "A, B" are rows of their own
    with the rencana kerja merged down over them; no PIC, no dates."""
    rows = _tsv("kpp-pratama-yogyakarta.tsv")
    book = openpyxl.Workbook()
    book.remove(book.active)
    counts = {"komponen": 0, "indikator": 0, "bukti": 0}
    by_area = {}
    for row in rows:
        by_area.setdefault(row["area_file"], []).append(row)
    for code, area_rows in by_area.items():
        sheet = book.create_sheet(KPP_AREA[code])
        sheet.append([f"RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS - {KPP_AREA[code].upper()}"])
        sheet.append(["No.", "Rencana Kerja", "Produk / Output"])
        kegiatan, number, komponen_rows = None, 0, 0
        for row in area_rows:
            if row["kegiatan(accordion)"] != kegiatan:
                kegiatan = row["kegiatan(accordion)"]
                sheet.append([kegiatan])
                r = sheet.max_row
                sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
                sheet.cell(r, 1).font = BOLD
                number, komponen_rows = 0, 0
                counts["komponen"] += 1  # until a sub-heading follows at once
                first = True
            if not row["produk_output"]:
                sheet.append(["", row["rencana_kerja"]])
                sheet.cell(sheet.max_row, 2).font = BOLD
                if first:
                    counts["komponen"] -= 1  # the kegiatan groups sub-headings
                counts["komponen"] += 1
                first = False
                continue
            first = False
            number += 1
            komponen_rows += 1
            outputs = _top_level_commas(row["produk_output"])
            start = sheet.max_row + 1
            for n, output in enumerate(outputs):
                sheet.append(
                    [str(number) if n == 0 else "", row["rencana_kerja"] if n == 0 else "", output]
                )
            if len(outputs) > 1:
                sheet.merge_cells(
                    start_row=start, start_column=1, end_row=sheet.max_row, end_column=1
                )
                sheet.merge_cells(
                    start_row=start, start_column=2, end_row=sheet.max_row, end_column=2
                )
            counts["indikator"] += 1
            counts["bukti"] += len(outputs)
    return Berkas(
        "kpp-pratama-yogyakarta.xlsx",
        "xlsx",
        _save(book),
        area=len(by_area),
        komponen=counts["komponen"],
        indikator=counts["indikator"],
        langkah=0,
        bukti=counts["bukti"],
        sel={
            (0, 0, 0): {"nama": "Rapat Penentuan Keanggotaan Tim Pembangunan"},
            (0, 0, 1): {"bukti_fisik": "SK Tim"},
        },
    )


def kpp_docx():
    """The same plan typed in Word: a heading "1. Manajemen Perubahan" over each area's
    table, kegiatan as bold rows merged across, the rencana kerja merged down over its
    outputs."""
    rows = _tsv("kpp-pratama-yogyakarta.tsv")
    document = Document()
    document.add_paragraph("RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS KPP PRATAMA YOGYAKARTA")
    by_area = {}
    for row in rows:
        by_area.setdefault(row["area_file"], []).append(row)
    counts = {"komponen": 0, "indikator": 0, "bukti": 0}
    for n, (code, area_rows) in enumerate(by_area.items(), 1):
        document.add_paragraph(f"{n}. {KPP_AREA[code]}")
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ["NO", "RENCANA KERJA", "OUTPUT"], strict=True):
            cell.text = text
        kegiatan, number, first = None, 0, False
        for row in area_rows:
            if row["kegiatan(accordion)"] != kegiatan:
                kegiatan = row["kegiatan(accordion)"]
                cells = table.add_row().cells
                merged = cells[0].merge(cells[2])
                merged.paragraphs[0].add_run(kegiatan).bold = True
                counts["komponen"] += 1
                first = True
            if not row["produk_output"]:
                cells = table.add_row().cells
                cells[1].paragraphs[0].add_run(row["rencana_kerja"]).bold = True
                counts["komponen"] += 0 if first else 1
                first = False
                continue
            first = False
            number += 1
            outputs = _top_level_commas(row["produk_output"])
            added = [table.add_row().cells for _ in outputs]
            for cells, output in zip(added, outputs, strict=True):
                cells[2].text = output
            if len(outputs) > 1:
                added[0][0].merge(added[-1][0])
                added[0][1].merge(added[-1][1])
            added[0][0].text = str(number)
            added[0][1].text = row["rencana_kerja"]
            counts["indikator"] += 1
            counts["bukti"] += len(outputs)
    out = io.BytesIO()
    document.save(out)
    return Berkas(
        "kpp-pratama-yogyakarta.docx",
        "docx",
        out.getvalue(),
        area=len(by_area),
        langkah=0,
        sel={(1, 0, 0): {"nama": rows_first(rows, "pt")}},
        **counts,
    )


def rows_first(rows, area):
    return next(r["rencana_kerja"] for r in rows if r["area_file"] == area and r["produk_output"])


# ---- Kanwil Ditjenpas Jawa Barat: a tree of codes


def kanwil_xlsx():
    """Sasaran (SS), kegiatan (K) and output (IO) rows in one sheet, told apart by their
    codes; months as codes (B03,B06); pelaksana and koordinator as unit names."""
    rows = _tsv("kanwil-ditjenpas-jabar.tsv")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rencana Aksi"
    sheet.append(["RENCANA AKSI PEMBANGUNAN ZI KANWIL DITJENPAS JAWA BARAT 2026"])
    sheet.append(
        [
            "KODE",
            "URAIAN",
            "INDIKATOR KINERJA",
            "TARGET",
            "WAKTU PELAKSANAAN",
            "PELAKSANA",
            "KOORDINATOR",
            "DATA DUKUNG",
        ]
    )
    areas = komponen = indikator = bukti = 0
    for row in rows:
        if row["tipe"].startswith("SS"):
            sheet.append([row["nomor"], row["sasaran_kegiatan"]])
            areas += 1
        elif row["tipe"] == "K":
            sheet.append([row["nomor"], row["sasaran_kegiatan"], row["indikator"], row["target"]])
            komponen += 1
        else:
            sheet.append(
                [
                    row["nomor"],
                    row["rincian_kegiatan"],
                    row["indikator_output"],
                    row["target_output"],
                    row["waktu_pelaksanaan"],
                    row["pelaksana"],
                    row["koordinator"],
                    row["data_dukung"],
                ]
            )
            indikator += 1
            parts = [p for p in row["data_dukung"].split(";") if p.strip()]
            bukti += len(parts) if len(parts) >= 3 else 1
    return Berkas(
        "kanwil-ditjenpas-jabar.xlsx",
        "xlsx",
        _save(book),
        area=areas,
        komponen=komponen,
        indikator=indikator,
        langkah=indikator,
        bukti=bukti,
        sel={
            (0, 0, 0): {
                "nama": "Jumlah Laporan Penggunaan Aplikasi Srikandi untuk persuratan masuk, "
                "keluar, pemberkasan dan penyusutan arsip",
                "target_waktu": "B03,B06,B09,B12",
                "pic": "Kanwil Ditjen Pemasyarakatan",
            }
        },
    )


# ---- the LKE worksheet's own codes


def _lke_rows():
    folder = SHARED / "lke-2021"
    questions = list(csv.DictReader((folder / "pertanyaan.csv").open(encoding="utf-8")))
    documents = {}
    for d in csv.DictReader((folder / "dokumenlke.csv").open(encoding="utf-8")):
        documents.setdefault(d["pertanyaan"], []).append(d["dokumen"].strip().rstrip(";"))
    return questions, documents


def lke_xlsx():
    """Criteria keyed A.<area>.<I|II>.<sub> with the question's letter in a column of its
    own, combined headings ("A. PENGUNGKIT - I. PEMENUHAN") and no area rows; the outputs a
    list on one line ("i. … ii. …"); quarters as TW I-IV; teams as PIC."""
    questions, documents = _lke_rows()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Renaksi LKE"
    sheet.append(["KODE", "", "KRITERIA", "RENCANA AKSI", "OUTPUT", "TARGET WAKTU", "PIC"])
    half = None
    subs = {}
    for q in questions:
        code = q["kode"]  # PPA1A
        this_half = code[:2]
        if this_half != half:
            half = this_half
            label = "I. PEMENUHAN" if half == "PP" else "II. REFORM"
            sheet.append([f"A. PENGUNGKIT - {label}"])
        area = ord(code[2]) - 64
        sub = subs.setdefault(code[:4], len([k for k in subs if k[:3] == code[:3]]) + 1)
        docs = documents.get(code, [])
        output = (
            " ".join(f"{ROMAN[n]}. {d}" for n, d in enumerate(docs))
            if len(docs) > 1
            else (docs[0] if docs else "")
        )
        sheet.append(
            [
                f"A.{area}.{'I' if half == 'PP' else 'II'}.{ROMAN[sub - 1]}",
                chr(96 + ord(code[4]) - 64),
                " ".join(q["pertanyaan"].split()),
                f"Menyiapkan {docs[0][:80] if docs else 'dokumen pendukung'}",
                output,
                "TW I-IV",
                f"Tim Pilar {area}",
            ]
        )
    return Berkas(
        "lke-kode-huruf.xlsx",
        "xlsx",
        _save(book),
        area=6,
        komponen=42,
        indikator=110,
        langkah=110,
        bukti=sum(max(len(documents.get(q["kode"], [])), 0) for q in questions),
        lke=True,
        sel={
            (0, 0, 0): {
                "nama": "Unit kerja telah membentuk tim untuk melakukan pembangunan "
                "Zona Integritas",
                "lke_kode": "PPA1A",
                "pic": "Tim Pilar 1",
            }
        },
    )


# ---- the seeds written other ways


def _areas(name):
    return _fixture(name)["area"]


def _indikator(areas):
    return [(a, k, i) for a in areas for k in a["komponen"] for i in k["indikator"]]


def _documents(items):
    """How many documents a list names: an item "A; B; C" names three (Merangin writes some
    bukti fisik so), "A; dan B" one."""
    n = 0
    for _, text in items:
        parts = [p for p in text.split(";") if p.strip()]
        n += (
            len(parts)
            if len(parts) >= 3
            and not any(p.strip().startswith(("dan ", "serta ", "atau ")) for p in parts)
            else 1
        )
    return n


def _count(areas, **extra):
    return {
        "area": len(areas),
        "komponen": sum(len(a["komponen"]) for a in areas),
        "indikator": len(_indikator(areas)),
        "langkah": sum(_documents(i["langkah_aksi"]) for _, _, i in _indikator(areas)),
        "bukti": sum(_documents(i["bukti_fisik"]) for _, _, i in _indikator(areas)),
        **extra,
    }


def madiun_lain_xlsx():
    """Madiun's plan under the decree's own header wordings, with line breaks and dots
    ("KOMPONEN\\n(PENGUNGKIT)", "RENCANA AKSI/\\nLANGKAH AKSI", "No."), the steps written on
    one line as "1) … 2) …", one komponen cell left blank, PJ and KETERANGAN columns."""
    areas = _areas("kpu-kab-madiun-7-2026.json")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for area in areas:
        sheet = book.create_sheet(area["nomor"])
        sheet.append([f"{area['nomor']}. {area['nama']}"])
        sheet.append(
            [
                "No.",
                "KOMPONEN\n(PENGUNGKIT)",
                "INDIKATOR KINERJA",
                "RENCANA AKSI/\nLANGKAH AKSI",
                "OUTPUT/BUKTI FISIK",
                "TARGET\nWAKTU",
                "TARGET",
                "PJ",
                "KETERANGAN",
            ]
        )
        for n, (_, k, i) in enumerate(_indikator([area])):
            steps = " ".join(f"{m}) {t}" for m, (_, t) in enumerate(i["langkah_aksi"], 1))
            sheet.append(
                [
                    i["nomor"],
                    "" if (area["nomor"] == "I" and n == 2) else k["nama"],
                    i["nama"],
                    steps,
                    "\n".join(t for _, t in i["bukti_fisik"]),
                    i["target_waktu"],
                    i["target_capaian"],
                    "Kasubbag Umum" if n % 3 == 0 else "Tim Pilar " + area["nomor"],
                    "Dipantau tiap triwulan" if n == 0 else "",
                ]
            )
    first = areas[0]["komponen"][0]["indikator"][0]
    return Berkas(
        "madiun-judul-lain.xlsx",
        "xlsx",
        _save(book),
        **_count(areas),
        sel={
            (0, 0, 0): {"nama": first["nama"], "langkah_aksi": first["langkah_aksi"][1][1]},
            (0, 0, 2): {"pic": "Tim Pilar I"},
        },
    )


def merangin_gabung_xlsx():
    """Merangin's one table: area rows, a column-number row, and each komponen's NO and
    name merged down over its indikator (Merge & Center)."""
    areas = _areas("kpu-kab-merangin-9-2026.json")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "LAMPIRAN"
    sheet.append(["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"])
    sheet.append(["1", "2", "3", "4", "5", "6"])
    for area in areas:
        sheet.append([area["nomor"], area["nama"]])
        r = sheet.max_row
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=6)
        for k in area["komponen"]:
            start = sheet.max_row + 1
            for j, i in enumerate(k["indikator"]):
                sheet.append(
                    [
                        k["nomor"] if j == 0 else None,
                        k["nama"] if j == 0 else None,
                        i["nama"],
                        "\n".join(f"{p} {t}".strip() for p, t in i["langkah_aksi"]),
                        "\n".join(f"{p} {t}".strip() for p, t in i["bukti_fisik"]),
                        i["target_waktu"],
                    ]
                )
            if sheet.max_row > start:
                sheet.merge_cells(
                    start_row=start, start_column=1, end_row=sheet.max_row, end_column=1
                )
                sheet.merge_cells(
                    start_row=start, start_column=2, end_row=sheet.max_row, end_column=2
                )
    return Berkas(
        "merangin-sel-gabung.xlsx",
        "xlsx",
        _save(book),
        **_count(areas),
        layout={"susunan_tabel": "satu_tabel", "baris_nomor_kolom": True},
        sel={(3, 1, 3): {"nama": areas[3]["komponen"][1]["indikator"][3]["nama"]}},
    )


def bulan_kolom_xlsx():
    """Months as columns with marks under JAN … DES (under a JADWAL header), a KEGIATAN
    column beside INDIKATOR, and the areas as headings lettered "A." above each table."""
    from rencana_aksi.jadwal import parse_target_waktu

    areas = _areas("kpu-kab-madiun-7-2026.json")[:3]
    months = ["JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGT", "SEP", "OKT", "NOV", "DES"]
    book = openpyxl.Workbook()
    book.remove(book.active)
    expected = None
    for n, area in enumerate(areas):
        sheet = book.create_sheet(f"Area {n + 1}")
        sheet.append([f"{chr(65 + n)}. {area['nama']}"])
        sheet.append(["NO", "INDIKATOR", "KEGIATAN", "OUTPUT", "JADWAL", *[""] * 11, "PIC"])
        sheet.append(["", "", "", "", *months, ""])
        for i in (i for _, _, i in _indikator([area])):
            jadwal = parse_target_waktu(i["target_waktu"], 2026)
            marked = set(jadwal.bulan) if jadwal.jenis in ("bulan", "daftar") else {3, 6, 9, 12}
            if expected is None:
                expected = sorted(marked)
            sheet.append(
                [
                    i["nomor"],
                    i["nama"],
                    "\n".join(f"- {t}" for _, t in i["langkah_aksi"]),
                    "\n".join(t for _, t in i["bukti_fisik"]),
                    *["v" if m in marked else "" for m in range(1, 13)],
                    "Sekretaris",
                ]
            )
    from rencana_aksi.jadwal import BULAN

    return Berkas(
        "bulan-sebagai-kolom.xlsx",
        "xlsx",
        _save(book),
        **_count(areas),
        sel={(0, 0, 0): {"target_waktu": ", ".join(BULAN[m - 1] for m in expected)}},
    )


def pilar_xlsx():
    """PILAR and SUB PILAR columns repeated on every row (the pilar numbered "1."), RENCANA
    KINERJA, KEGIATAN, RENCANA OUTPUT, WAKTU, PENANGGUNG JAWAB as teams and positions, and
    a PEMERIKSA column."""
    areas = _areas("kpu-kab-merangin-9-2026.json")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Renaksi"
    sheet.append(
        [
            "PILAR",
            "SUB PILAR",
            "RENCANA KINERJA",
            "KEGIATAN",
            "RENCANA OUTPUT",
            "WAKTU",
            "PENANGGUNG JAWAB",
            "PEMERIKSA",
        ]
    )
    for n, area in enumerate(areas, 1):
        for k in area["komponen"]:
            for i in k["indikator"]:
                sheet.append(
                    [
                        f"{n}. {area['nama'].title()}",
                        k["nama"] or "(tanpa nama)",
                        i["nama"],
                        "\n".join(f"{p} {t}".strip() for p, t in i["langkah_aksi"]),
                        "\n".join(f"{p} {t}".strip() for p, t in i["bukti_fisik"]),
                        i["target_waktu"],
                        f"Tim Pilar {n}",
                        "Inspektorat Wilayah",
                    ]
                )
    return Berkas(
        "pilar-sub-pilar.xlsx",
        "xlsx",
        _save(book),
        **_count(areas),
        sel={
            (0, 0, 0): {
                "area_nama": areas[0]["nama"].title(),
                "area_nomor": "1",
                "keterangan": ["PEMERIKSA", "Inspektorat Wilayah"],
            }
        },
    )


def tahun_triwulan_xlsx():
    """A year column (TAHUN) and a quarter column (TRIWULAN: "TW I-IV", "TW II") instead of a
    target waktu, URAIAN and RENCANA AKSI as the activity columns, DATA DUKUNG as outputs,
    areas as lettered headings inside the one table."""
    areas = _areas("kpu-kab-madiun-7-2026.json")[3:6]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026"
    sheet.append(["NO", "URAIAN", "RENCANA AKSI", "DATA DUKUNG", "TAHUN", "TRIWULAN"])
    for n, area in enumerate(areas):
        sheet.append([f"{chr(65 + n)}.", area["nama"]])
        sheet.cell(sheet.max_row, 1).font = BOLD
        for j, (_, _, i) in enumerate(_indikator([area])):
            sheet.append(
                [
                    i["nomor"],
                    i["nama"],
                    "\n".join(f"- {t}" for _, t in i["langkah_aksi"]),
                    "\n".join(t for _, t in i["bukti_fisik"]),
                    2026,
                    "TW I-IV" if j % 2 == 0 else "TW II",
                ]
            )
    return Berkas(
        "tahun-triwulan.xlsx",
        "xlsx",
        _save(book),
        **_count(areas),
        sel={
            (0, 0, 0): {"target_waktu": "TW I-IV 2026"},
            (0, 0, 1): {"target_waktu": "TW II 2026"},
        },
    )


def tahap_xlsx():
    """A column holding "I. Pemenuhan" / "II. Reform" beside an AREA column numbered "1.",
    URAIAN (the criterion) and RENCANA AKSI: the columns that once read as "2 area, 109
    indikator, 0 langkah"."""
    questions, documents = _lke_rows()
    names = ["Manajemen Perubahan", "Penataan Tatalaksana"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "RA ZI"
    sheet.append(["BAGIAN", "AREA", "URAIAN", "RENCANA AKSI", "OUTPUT", "WAKTU"])
    count = 0
    halves = set()
    for q in questions:
        area = ord(q["kode"][2]) - 64
        if area > 2:
            continue
        half = "I. Pemenuhan" if q["kode"][1] == "P" else "II. Reform"
        halves.add((area, half))
        docs = documents.get(q["kode"], ["Laporan kegiatan"])
        sheet.append(
            [
                half,
                f"{area}. {names[area - 1]}",
                " ".join(q["pertanyaan"].split()),
                f"- Menyusun {docs[0].split(' - ')[0][:60]}\n- Melaporkan hasilnya",
                docs[0],
                "Desember 2026",
            ]
        )
        count += 1
    return Berkas(
        "pemenuhan-reform-kolom.xlsx",
        "xlsx",
        _save(book),
        area=2,
        komponen=len(halves),
        indikator=count,
        langkah=2 * count,
        bukti=count,
        sel={(0, 0, 0): {"kelompok": "Pemenuhan", "area_nama": names[0]}},
    )


def tanpa_waktu_xlsx():
    """No target waktu at all: AREA PERUBAHAN, KEGIATAN, OUTPUT, PIC, KETERANGAN."""
    areas = _areas("kpu-kab-madiun-7-2026.json")[:2]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["NO", "AREA PERUBAHAN", "KEGIATAN", "OUTPUT", "PIC", "KETERANGAN"])
    for area in areas:
        for j, (_, _, i) in enumerate(_indikator([area])):
            sheet.append(
                [
                    str(j + 1),
                    f"{area['nomor']}. {area['nama']}" if j == 0 else "",
                    i["nama"],
                    "\n".join(t for _, t in i["bukti_fisik"]),
                    "Kasubbag Umum",
                    "",
                ]
            )
    return Berkas(
        "tanpa-target-waktu.xlsx",
        "xlsx",
        _save(book),
        area=2,
        komponen=2,
        indikator=len(_indikator(areas)),
        langkah=0,
        bukti=sum(len(i["bukti_fisik"]) for _, _, i in _indikator(areas)),
        sel={(1, 0, 0): {"area_nomor": "II", "target_waktu": ""}},
    )


# ---- Word documents as secretariats type them


def _numbered(cell, items, style="List Number"):
    """Items as Word's own numbered (or bulleted) paragraphs in a cell."""
    first = True
    for _, text in items:
        if first:
            p = cell.paragraphs[0]
            p.text = text
            p.style = style
            first = False
        else:
            cell.add_paragraph(text, style=style)


def madiun_docx():
    """Madiun's Lampiran after its Keputusan text: Menimbang points, areas headed "A.",
    "B." above each table, the decree's header wordings, steps as Word's numbered list,
    outputs as bullets, one komponen cell left blank, and the signature table after."""
    areas = _areas("kpu-kab-madiun-7-2026.json")
    document = Document()
    document.add_paragraph("KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MADIUN")
    document.add_paragraph(
        "a. bahwa dalam rangka mewujudkan birokrasi yang bersih dan akuntabel perlu "
        "menetapkan rencana aksi pembangunan zona integritas menuju wilayah bebas korupsi;"
    )
    document.add_paragraph(
        "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
        "menetapkan Keputusan Komisi Pemilihan Umum Kabupaten Madiun;"
    )
    document.add_paragraph("LAMPIRAN KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MADIUN")
    header = [
        "NO",
        "KOMPONEN (PENGUNGKIT)",
        "INDIKATOR KINERJA",
        "RENCANA AKSI/LANGKAH AKSI",
        "OUTPUT/BUKTI FISIK",
        "TARGET WAKTU",
        "TARGET CAPAIAN",
    ]
    for n, area in enumerate(areas):
        document.add_paragraph(f"{chr(65 + n)}. {area['nama']}")
        table = document.add_table(rows=1, cols=len(header))
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for j, (_, k, i) in enumerate(_indikator([area])):
            cells = table.add_row().cells
            cells[0].text = i["nomor"]
            cells[1].text = "" if (n == 1 and j == 3) else k["nama"]
            cells[2].text = i["nama"]
            _numbered(cells[3], i["langkah_aksi"])
            _numbered(cells[4], i["bukti_fisik"], "List Bullet")
            cells[5].text = i["target_waktu"]
            cells[6].text = i["target_capaian"]
    document.add_paragraph("Ditetapkan di Madiun")
    sign = document.add_table(rows=3, cols=2)
    sign.rows[0].cells[1].text = "KETUA KOMISI PEMILIHAN UMUM KABUPATEN MADIUN,"
    sign.rows[2].cells[1].text = "ttd."
    out = io.BytesIO()
    document.save(out)
    first = areas[0]["komponen"][0]["indikator"][0]
    return Berkas(
        "madiun-keputusan.docx",
        "docx",
        out.getvalue(),
        **_count(areas),
        layout={"susunan_tabel": "per_area", "baris_nomor_kolom": False, "komponen_diulang": True},
        sel={
            (0, 0, 0): {"langkah_aksi": first["langkah_aksi"][0][1], "area_nomor": "A"},
            (1, 0, 3): {"nama": areas[1]["komponen"][0]["indikator"][3]["nama"]},
        },
    )


def _vmerge(cell, value):
    tc_pr = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if value:
        merge.set(qn("w:val"), value)
    tc_pr.append(merge)


def merangin_docx():
    """Merangin's one table with area rows merged across, a column-number row, each
    komponen's NO and name merged down over its indikator, and the table split in two at a
    page break with its header repeated."""
    areas = _areas("kpu-kab-merangin-9-2026.json")
    document = Document()
    header = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]

    def new_table():
        table = document.add_table(rows=1, cols=6)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        return table

    table = new_table()
    for cell, text in zip(table.add_row().cells, ["1", "2", "3", "4", "5", "6"], strict=True):
        cell.text = text
    for a, area in enumerate(areas):
        if a == 3:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            table = new_table()
        cells = table.add_row().cells
        merged = cells[1].merge(cells[5])
        cells[0].text, merged.text = area["nomor"], area["nama"]
        for k in area["komponen"]:
            rows = []
            for i in k["indikator"]:
                cells = table.add_row().cells
                cells[2].text = i["nama"]
                cells[3].text = "\n".join(f"{p} {t}".strip() for p, t in i["langkah_aksi"])
                cells[4].text = "\n".join(f"{p} {t}".strip() for p, t in i["bukti_fisik"])
                cells[5].text = i["target_waktu"]
                rows.append(cells)
            rows[0][0].text, rows[0][1].text = k["nomor"], k["nama"]
            if len(rows) > 1:
                for col in (0, 1):
                    _vmerge(rows[0][col], "restart")
                    for cells in rows[1:]:
                        _vmerge(cells[col], "")
    out = io.BytesIO()
    document.save(out)
    return Berkas(
        "merangin-keputusan.docx",
        "docx",
        out.getvalue(),
        **_count(areas),
        layout={"susunan_tabel": "satu_tabel", "baris_nomor_kolom": True},
        sel={(4, 1, 2): {"nama": areas[4]["komponen"][1]["indikator"][2]["nama"]}},
    )


BUILDERS = [
    kpp_xlsx,
    kanwil_xlsx,
    lke_xlsx,
    madiun_lain_xlsx,
    merangin_gabung_xlsx,
    bulan_kolom_xlsx,
    pilar_xlsx,
    tahun_triwulan_xlsx,
    tahap_xlsx,
    tanpa_waktu_xlsx,
    madiun_docx,
    merangin_docx,
    kpp_docx,
]
