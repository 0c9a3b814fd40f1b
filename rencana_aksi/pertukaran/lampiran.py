"""The Lampiran table as rows, and rows back into a plan: no files and no database here.

A row has the columns of the printed table (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK,
TARGET WAKTU, TARGET CAPAIAN, and PIC). Reading rows into a plan follows the two ways offices
print it: a komponen repeated on every row with the indikator numbered (Madiun), or a numbered
komponen printed once over several indikator (Merangin). A row with no NO, no KOMPONEN and no
TARGET WAKTU continues the row above it (a table split by a page break); its lists join the
lists above, a line without a marker continuing the last item.
"""

import re
from dataclasses import dataclass, field

KOLOM = (
    "AREA",
    "NO",
    "KOMPONEN",
    "INDIKATOR",
    "LANGKAH AKSI",
    "BUKTI FISIK",
    "TARGET WAKTU",
    "TARGET CAPAIAN",
    "PIC",
)
WAJIB = ("INDIKATOR",)
ROMAWI_RE = re.compile(r"^(?=[IVXLC])(X{0,3})(IX|IV|V?I{0,3})$")
# A list item's marker as printed: "-", "•", "1)", "1.", "a)", "a.".
_PENANDA_RE = re.compile(r"^(-|•|\d{1,2}[.)]|[a-z][.)])(?:\s+(.*))?$")
_AREA_RE = re.compile(r"^\s*([IVXLC]+)\s*[.)]?\s+(.+)$")


def romawi(n):
    """An area number as offices print it: 1 → I, 7 → VII, 14 → XIV."""
    out = ""
    for value, letters in (
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class Baris:
    """One row as read: where it stands (for messages) and its cells by column name."""

    lembar: str
    nomor: int
    sel: dict


@dataclass
class Masalah:
    lembar: str
    nomor: int
    kolom: str
    pesan: str

    def __str__(self):
        where = f"{self.lembar}, baris {self.nomor}" if self.lembar else f"Baris {self.nomor}"
        column = f": kolom {self.kolom}" if self.kolom else ""
        return f"{where}{column} {self.pesan}"


@dataclass
class Blok:
    """The rows of one area: its number and name (from a heading) and its rows."""

    nomor: str
    nama: str
    lembar: str = ""
    baris: list = field(default_factory=list)


class Susunan:
    """Rows gathered into area blocks in reading order, for every reader: a heading above a
    table names the area of the rows that follow; an area row inside a table starts one."""

    def __init__(self):
        self.blocks = []
        self.block = None

    def judul(self, nomor, nama, lembar=""):
        self.block = Blok(nomor, nama, lembar=lembar)

    def baris(self, sel, *, lembar, nomor, blok_lembar=""):
        if heading := area_row(sel):
            self.judul(*heading, lembar=blok_lembar)
            self.blocks.append(self.block)
            return
        if self.block is None:
            self.block = Blok("", "", lembar=blok_lembar)
        if not self.blocks or self.blocks[-1] is not self.block:
            self.blocks.append(self.block)
        self.block.baris.append(Baris(lembar, nomor, sel))


# ---- lists in a cell


def items_join(items):
    """(penanda, teks) items as one cell, a line each: "- Menyusun …"."""
    return "\n".join(f"{p} {t}" if p else t for p, t in items)


def items_split(text):
    """A cell's lines as (penanda, teks) items; a line without a marker continues the item
    above when the items have markers (text wrapped or split by a page break)."""
    items = []
    for raw in str(text or "").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        m = _PENANDA_RE.match(line)
        if m:
            # A marker alone on its line (a page break right after it) waits for its text.
            items.append([m.group(1), m.group(2) or ""])
        elif items and items[-1][0]:
            items[-1][1] = f"{items[-1][1]} {line}".strip()
        else:
            items.append(["", line])
    return [tuple(item) for item in items]


def _text(row, name):
    return " ".join(str(row.sel.get(name) or "").split())


def area_heading(text):
    """(nomor, nama) of an area heading such as "I. MANAJEMEN PERUBAHAN", else None."""
    m = _AREA_RE.match(" ".join(str(text or "").split()))
    if m and ROMAWI_RE.match(m.group(1)):
        return m.group(1), m.group(2)
    return None


def area_row(sel):
    """An area heading row of a one-table layout: a roman NO (or "I. NAMA" in NO) with no
    indikator, schedule or lists."""
    if sel.get("INDIKATOR") or sel.get("TARGET WAKTU") or sel.get("LANGKAH AKSI"):
        return None
    no = " ".join(str(sel.get("NO") or "").split())
    if ROMAWI_RE.match(no) and sel.get("KOMPONEN"):
        return no, " ".join(sel["KOMPONEN"].split())
    return area_heading(no) or (area_heading(sel.get("KOMPONEN")) if not no else None)


# ---- plan → rows


def plan_rows(area, komponen_diulang):
    """The rows of one area (plan data in the fixtures' shape) as the Lampiran prints them."""
    rows = []
    for komponen in area["komponen"]:
        for i, ind in enumerate(komponen["indikator"]):
            first = i == 0
            nomor = (
                komponen.get("nomor") if first and komponen.get("nomor") else ind.get("nomor", "")
            )
            rows.append(
                {
                    "NO": nomor,
                    "KOMPONEN": komponen.get("nama", "") if first or komponen_diulang else "",
                    "INDIKATOR": ind["nama"],
                    "LANGKAH AKSI": items_join(ind.get("langkah_aksi", [])),
                    "BUKTI FISIK": items_join(ind.get("bukti_fisik", [])),
                    "TARGET WAKTU": ind.get("target_waktu", ""),
                    "TARGET CAPAIAN": ind.get("target_capaian", ""),
                    "PIC": ind.get("pic", ""),
                }
            )
    return rows


# ---- rows → plan


def _continues(row):
    return not (_text(row, "NO") or _text(row, "KOMPONEN") or _text(row, "TARGET WAKTU"))


def _merge(indikator, row):
    """A continuation row's cells joined to the indikator above."""
    if extra := _text(row, "INDIKATOR"):
        indikator["nama"] = f"{indikator['nama']} {extra}".strip()
    for key, column in (("langkah_aksi", "LANGKAH AKSI"), ("bukti_fisik", "BUKTI FISIK")):
        more = items_split(row.sel.get(column))
        if not more:
            continue
        current = [list(item) for item in indikator[key]]
        first_penanda, first_text = more[0]
        if current and current[-1][0] and not first_penanda:
            current[-1][1] = f"{current[-1][1]} {first_text}".strip()
            more = more[1:]
        indikator[key] = [tuple(item) for item in current] + list(more)
    if extra := _text(row, "TARGET CAPAIAN"):
        indikator["target_capaian"] = f"{indikator['target_capaian']} {extra}".strip()


def rows_to_plan(blocks, komponen_diulang=None):
    """Areas in the fixtures' shape read from blocks of rows, and the problems found (each
    naming sheet, row and column). `komponen_diulang` says how komponen are printed; None
    reads it from the rows (repeated on every row → each change of text starts a komponen)."""
    problems = []
    starts = [row for block in blocks for row in block.baris if not _continues(row)]
    if komponen_diulang is None:
        komponen_diulang = bool(starts) and all(_text(row, "KOMPONEN") for row in starts)
    areas = []
    for block in blocks:
        if not block.baris:
            problems.append(Masalah(block.lembar, 0, "", f"area {block.nomor} tidak berisi baris."))
        area = {"nomor": block.nomor, "nama": block.nama, "komponen": []}
        areas.append(area)
        indikator = None
        for row in block.baris:
            if _continues(row):
                if indikator is None:
                    problems.append(
                        Masalah(
                            row.lembar,
                            row.nomor,
                            "NO",
                            "kosong di baris pertama area; baris ini tidak melanjutkan apa pun.",
                        )
                    )
                else:
                    _merge(indikator, row)
                continue
            no, nama_komponen = _text(row, "NO"), _text(row, "KOMPONEN")
            if komponen_diulang:
                new_komponen = not area["komponen"] or nama_komponen != area["komponen"][-1]["nama"]
                komponen_nomor, indikator_nomor = "", no
            else:
                new_komponen = not area["komponen"] or bool(no or nama_komponen)
                komponen_nomor = no if new_komponen else ""
                indikator_nomor = "" if new_komponen else no
            if new_komponen:
                area["komponen"].append(
                    {"nomor": komponen_nomor, "nama": nama_komponen, "indikator": []}
                )
            nama = _text(row, "INDIKATOR")
            if not nama:
                problems.append(Masalah(row.lembar, row.nomor, "INDIKATOR", "kosong."))
            indikator = {
                "nomor": indikator_nomor,
                "nama": nama,
                "langkah_aksi": items_split(row.sel.get("LANGKAH AKSI")),
                "bukti_fisik": items_split(row.sel.get("BUKTI FISIK")),
                "target_waktu": _text(row, "TARGET WAKTU"),
                "target_capaian": _text(row, "TARGET CAPAIAN"),
                "pic": _text(row, "PIC"),
                "_baris": (row.lembar, row.nomor),
            }
            area["komponen"][-1]["indikator"].append(indikator)
    for area in areas:
        for komponen in area["komponen"]:
            for ind in komponen["indikator"]:
                lembar, nomor = ind.pop("_baris")
                if not ind["target_waktu"]:
                    problems.append(Masalah(lembar, nomor, "TARGET WAKTU", "kosong."))
                for key, column in (
                    ("langkah_aksi", "LANGKAH AKSI"),
                    ("bukti_fisik", "BUKTI FISIK"),
                ):
                    ind[key] = [list(item) for item in ind[key]]
                    if any(len(t) > 5000 for _, t in ind[key]):
                        problems.append(
                            Masalah(lembar, nomor, column, "berisi butir lebih dari 5.000 huruf.")
                        )
    return areas, problems, komponen_diulang


# ---- sheets keyed by LKE criterion

# A criterion code as the LKE writes it: "A.1.I.i", "A.2.II.a.1".
_LKE_CODE = re.compile(r"^[A-Z](\.[0-9A-Za-z]+){2,}\.?$")
_LKE_HEADINGS = (
    ("kelompok", re.compile(r"^[A-Z]\.?$")),  # A. Pengungkit, B. Hasil
    ("tahap", re.compile(r"^[IVX]+\.?$")),  # I. Pemenuhan, II. Reform
    ("area", re.compile(r"^\d{1,2}\.?$")),  # 1. Manajemen Perubahan
    ("sub", re.compile(r"^[a-z]\.?$")),  # a. Tim Kerja
)


def _flat(blocks):
    """Rows in order, a block's own heading (when its reader took one) as a row before them."""
    for block in blocks:
        if block.nomor:
            yield Baris(block.lembar, 0, {"NO": f"{block.nomor}.", "INDIKATOR": block.nama})
        yield from block.baris


def is_lke(blocks):
    """Whether the rows are keyed by LKE criterion codes rather than by komponen."""
    return any(_LKE_CODE.match(_text(row, "NO")) for row in _flat(blocks))


def _heading(row):
    no = _text(row, "NO")
    if row.sel.get("LANGKAH AKSI") or row.sel.get("BUKTI FISIK"):
        return None
    for level, pattern in _LKE_HEADINGS:
        if pattern.match(no):
            return level, _text(row, "INDIKATOR") or _text(row, "KOMPONEN")
    return None


def lke_to_plan(blocks):
    """Areas from a sheet keyed by LKE criterion: the numbered headings ("1. Manajemen
    Perubahan") are the areas, met again under Pemenuhan and Reform; the stage or sub-komponen
    heading above a criterion is its komponen; each criterion row (its code as NO, its text,
    a rencana aksi and an output column) is an indikator."""
    areas, by_name, problems = [], {}, []
    area = komponen = indikator = None
    tahap = sub = ""
    for row in _flat(blocks):
        if heading := _heading(row):
            level, text = heading
            if level == "tahap":
                tahap, sub = text, ""
            elif level == "sub":
                sub = text
            elif level == "area":
                key = text.upper()
                if key not in by_name:
                    by_name[key] = {
                        "nomor": romawi(len(areas) + 1),
                        "nama": key,
                        "komponen": [],
                    }
                    areas.append(by_name[key])
                area, sub, indikator = by_name[key], "", None
            komponen = None
            continue
        if not any(row.sel.values()):
            continue
        if not _text(row, "NO") and not _text(row, "INDIKATOR") and indikator is not None:
            _merge(indikator, row)
            continue
        if area is None:
            problems.append(
                Masalah(
                    row.lembar,
                    row.nomor,
                    "NO",
                    "kriteria sebelum judul area (mis. «1. Manajemen Perubahan»).",
                )
            )
            continue
        name = sub or tahap
        if komponen is None or komponen["nama"] != name:
            komponen = next((k for k in area["komponen"] if k["nama"] == name), None)
            if komponen is None:
                komponen = {"nomor": "", "nama": name, "indikator": []}
                area["komponen"].append(komponen)
        indikator = {
            "nomor": _text(row, "NO"),
            "nama": _text(row, "INDIKATOR"),
            "langkah_aksi": [list(i) for i in items_split(row.sel.get("LANGKAH AKSI"))],
            "bukti_fisik": [list(i) for i in items_split(row.sel.get("BUKTI FISIK"))],
            "target_waktu": _text(row, "TARGET WAKTU"),
            "target_capaian": _text(row, "TARGET CAPAIAN"),
            "pic": _text(row, "PIC"),
        }
        if not indikator["nama"]:
            problems.append(Masalah(row.lembar, row.nomor, "INDIKATOR", "kosong."))
        komponen["indikator"].append(indikator)
    if not areas:
        problems.append(
            Masalah("", 0, "", "tidak ada judul area bernomor (mis. «1. Manajemen Perubahan»).")
        )
    return areas, problems, True


# ---- an area column


def by_area_column(blocks):
    """Blocks regrouped by an AREA column, when the sheet has one: a row naming an area
    ("I. MANAJEMEN PERUBAHAN", or just its name) starts that area; a row with the cell empty
    stays in the area above. Without such a column, the blocks as they were."""
    rows = [row for block in blocks for row in block.baris]
    if not any(_text(row, "AREA") for row in rows):
        return blocks
    regrouped, by_name = [], {}
    current = None
    for row in rows:
        if text := _text(row, "AREA"):
            nomor, nama = area_heading(text) or ("", text)
            key = nama.upper()
            if key not in by_name:
                nomor = nomor or romawi(len(regrouped) + 1)
                by_name[key] = Blok(nomor, nama, lembar=row.lembar)
                regrouped.append(by_name[key])
            current = by_name[key]
        if current is None:
            current = Blok("", "", lembar=row.lembar)
            regrouped.append(current)
        current.baris.append(row)
    return regrouped
