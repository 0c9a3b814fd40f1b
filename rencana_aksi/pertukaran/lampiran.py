"""The Lampiran table as rows, and rows back into a plan: no files and no database here.

A row has the columns of the printed table (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK,
TARGET WAKTU, TARGET CAPAIAN, PIC) and what an office's own sheet adds: notes (columns with no
field of their own), month marks, a year, the letter completing a code, and which cells are
copies of a cell merged down. Rows are gathered into areas (`Susunan`) by headings of any
shape: above a table, in a row of their own ("I. MANAJEMEN PERUBAHAN", "A. Pengungkit - I.
Pemenuhan", "1. Tim Kerja", a bold line), in an AREA column, or by a sheet per area.

Reading rows into a plan follows the ways offices print komponen: repeated on every row (a
row left blank stays in the komponen above), printed once over several indikator (Merangin),
merged down, or as heading rows. A row without an indikator of its own continues the row
above (a table split by a page break, or a cell merged down over several outputs): its lists
join the lists above, a line without a marker continuing the last item.
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
# Columns our export adds where a plan has them, read back by the same names.
KELOMPOK_KOLOM = "KELOMPOK"
LKE_KOLOM = "KODE PERTANYAAN LKE"
ROMAWI_RE = re.compile(r"^(?=[IVXLC])(X{0,3})(IX|IV|V?I{0,3})$")
_ROMAWI_KECIL_RE = re.compile(r"^(?=[ivx])(x{0,3})(ix|iv|v?i{0,3})$")
# A list item's marker at the start of a line: "-", "•", "1)", "1.", "a)", "a.", "iv.".
_PENANDA_RE = re.compile(r"^(-|•|●|▪|\d{1,2}[.)]|[a-z][.)]|[ivx]{1,4}[.)])(?:\s+(.*))?$")
# A heading's parts: "I. MANAJEMEN", "A. PENGUNGKIT - I. PEMENUHAN", "1) Tim Kerja".
_PENANDA_SAJA_RE = re.compile(r"^([IVXLC]+|[A-Z]|\d{1,2}|[a-z]|[ivx]{1,4})\s*[.)]?$")
_KODE_PENANDA = r"[A-Za-z]{1,4}(?:\.\d{1,3})+|\d{1,3}(?:\.\d{1,3})+"
_BAGIAN_RE = re.compile(
    rf"^\s*({_KODE_PENANDA}|[IVXLC]+|[A-Z]|\d{{1,2}}|[a-z]|[ivx]{{1,4}})\s*[.)]\s*(\S.*)$"
)
KELOMPOK_LKE = {"PENGUNGKIT": "", "HASIL": "", "PEMENUHAN": "Pemenuhan", "REFORM": "Reform"}


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
    """One row as read: where it stands (for messages) and its cells by column name. Keys
    beginning with "_" carry what is not a column of ours: `_catatan` [(label, text)],
    `_bulan` [month], `_tahun`, `_lanjut` {columns copied from a cell merged down},
    `_tebal` (the row is bold)."""

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
    """The rows of one area: its number and name (from a heading) and its rows; a komponen
    heading inside it is a row whose sel holds `_komponen` (nomor, nama)."""

    nomor: str
    nama: str
    lembar: str = ""
    baris: list = field(default_factory=list)


# ---- headings


def penanda_jenis(marker):
    """The numbering style of a heading marker: roman, ROMAN, number, letter, LETTER, or a
    code ("K.2", "1.1")."""
    if "." in marker:
        return "kode"
    if ROMAWI_RE.match(marker) and marker not in ("C", "L"):
        return "ROMAWI"
    if _ROMAWI_KECIL_RE.match(marker) and marker != "":
        return "romawi"
    if marker.isdigit():
        return "angka"
    return "HURUF" if marker.isupper() else "huruf"


def bagian_judul(text):
    """The parts of a heading: "A. PENGUNGKIT - I. PEMENUHAN" → [("A", "PENGUNGKIT"), ("I",
    "PEMENUHAN")]; "I. MANAJEMEN PERUBAHAN" → [("I", "MANAJEMEN PERUBAHAN")]; text without a
    marker → [("", text)]."""
    text = " ".join(str(text or "").split())
    if not text:
        return []
    pieces = re.split(r"\s+[-–—]\s+(?=(?:[IVXLC]+|[A-Z]|\d{1,2}|[a-z])\s*[.)]\s)", text)
    parts = []
    for piece in pieces:
        m = _BAGIAN_RE.match(piece)
        parts.append((m.group(1), m.group(2).strip()) if m else ("", piece.strip()))
    return parts


def area_heading(text):
    """(nomor, nama) of an area heading such as "I. MANAJEMEN PERUBAHAN", else None."""
    parts = bagian_judul(text)
    if len(parts) == 1 and parts[0][0] and penanda_jenis(parts[0][0]) == "ROMAWI":
        return parts[0]
    return None


def nama_tanpa_nomor(text):
    """(nomor, nama) of a name that carries its number: "1. Manajemen Perubahan" → ("1",
    "Manajemen Perubahan"); a name without one → ("", name). So a number is never printed
    twice ("I. 1. Manajemen Perubahan")."""
    parts = bagian_judul(text)
    if len(parts) == 1 and parts[0][0]:
        return parts[0]
    return "", " ".join(str(text or "").split())


def _isi(sel):
    """The distinct texts of a row's own columns (not its notes or copies of merged cells)."""
    lanjut = sel.get("_lanjut", ())
    return {
        " ".join(str(v).split())
        for k, v in sel.items()
        if not k.startswith("_") and k not in lanjut and v and str(v).strip()
    }


def judul_row(sel):
    """The heading a row is, as its parts, else None: a row whose only text (one cell, or
    one text merged across) stands in a grouping column (NO, AREA, KOMPONEN) or is numbered
    like a heading or bold, while nothing of the row's lists, schedule or target is filled."""
    texts = _isi(sel)
    own = {k for k, v in sel.items() if not k.startswith("_") and v and str(v).strip()}
    if not texts or own & {"TARGET WAKTU", "TARGET CAPAIAN", "PIC"}:
        return None
    if sel.get("_bulan") or sel.get("_catatan"):
        return None
    no = " ".join(str(sel.get("NO") or "").split())
    if len(texts) == 2 and (marker := _PENANDA_SAJA_RE.match(no)):
        # A marker alone in NO and a name beside it: "I" | "MANAJEMEN PERUBAHAN", "A." |
        # "Pengungkit", "a." | "Tim Kerja" (a lone roman or letter, not a row's number).
        name = next(t for t in texts if t != no)
        if not own & {"LANGKAH AKSI", "BUKTI FISIK"} and (
            not no.isdigit() or no.endswith(".") or sel.get("_tebal")
        ):
            return [(marker.group(1), name)]
    if len(texts) == 2 and no and own == {"NO", "KOMPONEN"} and sel.get("_tebal"):
        # A komponen printed as a bold row of its own, its number beside it (our export of a
        # plan whose komponen and indikator are both numbered).
        return [(no, " ".join(str(sel["KOMPONEN"]).split()))]
    if len(texts) != 1:
        return None
    (text,) = texts
    parts = bagian_judul(text)
    numbered = all(p[0] for p in parts)
    spread = len(own) > 1  # merged across the row
    if own <= {"NO", "AREA", "KOMPONEN"} or numbered and (spread or own & {"INDIKATOR"}):
        return parts
    if sel.get("_tebal") and (spread or own <= {"INDIKATOR", "NO", "AREA", "KOMPONEN"}):
        return parts
    return None


class Susunan:
    """Rows gathered into area blocks in reading order, for every reader. A heading names
    the area of the rows that follow or, inside an area, their komponen: the style of the
    first area heading (roman, numbers, letters) marks the areas; a heading of another style
    inside an area is a komponen. "Pemenuhan" / "Reform" headings group the komponen below
    them; "Pengungkit" / "Hasil" are passed over."""

    def __init__(self):
        self.blocks = []
        self.block = None
        self.area_style = None
        self.kelompok = ""  # the LKE half named by a heading ("Pemenuhan")
        self._induk = None  # (shape, name, row) of the komponen heading that may group others

    def judul(self, nomor, nama, lembar="", dari_lembar=False):
        """Start an area; `dari_lembar`: named by its sheet (every sheet an area)."""
        if nomor and not dari_lembar and self.area_style is None:
            self.area_style = penanda_jenis(nomor)
        self.block = Blok(nomor, nama, lembar=lembar)
        self.blocks.append(self.block)
        self.kelompok, self._induk = "", None

    def heading(self, parts, *, lembar="", nomor=0, area_given=False, bentuk=None, kelompok=None):
        """Read a heading's parts (see bagian_judul). `area_given`: the sheet names the area
        (per-area sheets), so headings inside are komponen. `bentuk`: how the heading row
        looks (numbering, spread across the row, which columns), to tell a komponen heading
        from one that groups komponen: the first komponen heading's look marks the groups
        when a heading of another look follows it with no rows between (KPP: a kegiatan
        over bold sub-headings); those below it carry its name as their grouping."""
        for marker, name in parts:
            word = name.upper().strip()
            if word in KELOMPOK_LKE:
                if KELOMPOK_LKE[word]:
                    self.kelompok = KELOMPOK_LKE[word]
                continue
            style = penanda_jenis(marker) if marker else ""
            is_area = not area_given and (
                (style and style == self.area_style)
                or (self.area_style is None and self.block is None)
                or (self.area_style is None and style and not self._has_rows())
            )
            if is_area:
                kelompok = self.kelompok
                self.judul(marker, name, lembar=lembar)
                self.kelompok = kelompok
            else:
                self._komponen(marker, name, lembar, nomor, (style, bentuk), kelompok)

    def _komponen(self, marker, name, lembar, nomor, shape, kelompok=None):
        self._ensure(lembar)
        rows = self.block.baris
        row = Baris(lembar, nomor, {"_komponen": (marker, name), "_kelompok": self.kelompok})
        if kelompok is not None:  # the row names its grouping (our export's KELOMPOK)
            row.sel["_kelompok"] = kelompok
        elif self._induk is not None and shape != self._induk[0]:
            row.sel["_kelompok"] = self._induk[1]
            if rows and rows[-1] is self._induk[2]:
                rows.pop()  # nothing between: it groups komponen, it is not one itself
        else:
            self._induk = (shape, name, row)
        rows.append(row)

    def _has_rows(self):
        return self.block is not None and any("_komponen" not in r.sel for r in self.block.baris)

    def _ensure(self, lembar):
        if self.block is None:
            self.block = Blok("", "", lembar=lembar)
            self.blocks.append(self.block)

    def baris(self, sel, *, lembar, nomor, blok_lembar="", area_given=False):
        if parts := judul_row(sel):
            own = tuple(sorted(k for k, v in sel.items() if not k.startswith("_") and v))
            self.heading(
                parts,
                lembar=blok_lembar or lembar,
                nomor=nomor,
                area_given=area_given,
                bentuk=own,
                kelompok=sel.get("_kelompok"),
            )
            return
        self._ensure(blok_lembar)
        if self.kelompok and "_kelompok" not in sel:
            sel = {**sel, "_kelompok": self.kelompok}
        self.block.baris.append(Baris(lembar, nomor, sel))


# ---- lists in a cell


def items_join(items):
    """(penanda, teks) items as one cell, a line each: "- Menyusun …"."""
    return "\n".join(f"{p} {t}" if p else t for p, t in items)


_URUTAN = {
    "romawi": ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"],
    "angka": [str(n) for n in range(1, 31)],
    "huruf": [chr(c) for c in range(ord("a"), ord("z") + 1)],
}


def _inline(line):
    """A line holding a list written on one line ("i. SK Tim ii. Notulen", "1) A 2) B",
    "a. A b. B", "• A • B", "A; B; C") as its items, else None."""
    for names in _URUTAN.values():
        for close in (".", ")"):
            first = f"{names[0]}{close}"
            if not line.startswith(first + " "):
                continue
            cuts, start = [0], len(first)
            for name in names[1:]:
                m = re.search(rf"(?:^|\s){re.escape(name + close)}\s", line[start:])
                if not m:
                    break
                at = start + m.start() + (1 if line[start + m.start()].isspace() else 0)
                cuts.append(at)
                start = at + len(name) + 1
            if len(cuts) >= 2:
                pieces = [line[a:b].strip() for a, b in zip(cuts, [*cuts[1:], None], strict=True)]
                items = [_PENANDA_RE.match(p) for p in pieces]
                if all(items):
                    return [(m.group(1), m.group(2) or "") for m in items]
    for bullet in ("•", "●", "▪"):
        if line.count(bullet) >= 2 or (line.startswith(bullet) and line.count(bullet) >= 1):
            parts = [p.strip() for p in line.split(bullet) if p.strip()]
            if len(parts) >= 2:
                return [(bullet, p) for p in parts]
    if line.startswith("- ") and " - " in line[2:]:
        parts = [p.strip() for p in line[2:].split(" - ") if p.strip()]
        if len(parts) >= 2 and all(len(p.split()) >= 2 for p in parts):
            return [("-", p) for p in parts]
    if line.count(";") >= 2:
        # Three or more parts: "A; B" is as often one sentence ("…; dan B") as a list.
        parts = [p.strip() for p in line.split(";") if p.strip()]
        if len(parts) >= 3 and not any(re.match(r"(dan|serta|atau)\b", p) for p in parts):
            return [("", p) for p in parts]
    return None


def items_split(text, inline=True):
    """A cell's lines as (penanda, teks) items; a line without a marker continues the item
    above when the items have markers (text wrapped or split by a page break). With
    `inline`, a list written on one line ("i. A ii. B", "1) A 2) B", "A; B; C") is split
    too."""
    items = []
    for raw in str(text or "").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if inline and (found := _inline(line)):
            items.extend(list(item) for item in found)
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


def area_row(sel):
    """(nomor, nama) when a row is an area heading of a one-table layout, else None."""
    parts = judul_row(sel)
    if parts and len(parts) == 1 and parts[0][0] and penanda_jenis(parts[0][0]) == "ROMAWI":
        return parts[0]
    return None


# ---- plan → rows


def komponen_sebagai_judul(area, komponen_diulang):
    """Whether an area's komponen are printed as rows of their own: when a komponen and its
    indikator are both numbered (one NO column cannot hold both numbers on one row), or the
    indikator are numbered under a komponen printed once (read back, that number would be
    taken for the komponen's, as Merangin numbers its komponen)."""
    return any(
        any(i.get("nomor") for i in k["indikator"]) and (k.get("nomor") or not komponen_diulang)
        for k in area["komponen"]
    )


def plan_rows(area, komponen_diulang):
    """The rows of one area (plan data in the fixtures' shape) as the Lampiran prints them,
    with an indikator's notes under their own labels, its LKE question and its komponen's
    grouping where the plan has them. A komponen printed as a row of its own is a row with
    "_judul"."""
    rows = []
    as_heading = komponen_sebagai_judul(area, komponen_diulang)
    for komponen in area["komponen"]:
        if as_heading:
            rows.append(
                {
                    "NO": komponen.get("nomor", ""),
                    "KOMPONEN": komponen.get("nama", ""),
                    KELOMPOK_KOLOM: komponen.get("kelompok", ""),
                    "_judul": 1,
                }
            )
        for i, ind in enumerate(komponen["indikator"]):
            first = i == 0
            nomor = ind.get("nomor", "")
            if first and komponen.get("nomor") and not as_heading:
                nomor = komponen["nomor"]
            shown = not as_heading and (first or komponen_diulang)
            rows.append(
                {
                    "NO": nomor,
                    "KOMPONEN": komponen.get("nama", "") if shown else "",
                    "INDIKATOR": ind["nama"],
                    "LANGKAH AKSI": items_join(ind.get("langkah_aksi", [])),
                    "BUKTI FISIK": items_join(ind.get("bukti_fisik", [])),
                    "TARGET WAKTU": ind.get("target_waktu", ""),
                    "TARGET CAPAIAN": ind.get("target_capaian", ""),
                    "PIC": ind.get("pic", ""),
                    KELOMPOK_KOLOM: komponen.get("kelompok", ""),
                    LKE_KOLOM: ind.get("lke_kode", ""),
                    **{label: text for label, text in ind.get("keterangan", [])},
                }
            )
    return rows


# ---- rows → plan


@dataclass(frozen=True)
class Cara:
    """How a file's lists are read: whether a list written on one line is split (not in
    our own export, which writes an item a line), and the columns where the user keeps such
    a line whole (`utuh`)."""

    utuh: frozenset = frozenset()
    inline: bool = True

    def items(self, text, column):
        return items_split(text, inline=self.inline and column not in self.utuh)


BIASA = Cara()


def teks_sendiri(row, name):
    """A cell's text unless it is a copy of a cell merged down."""
    return "" if name in row.sel.get("_lanjut", ()) else _text(row, name)


def _continues(row, tw_marks_rows):
    """A row without an indikator of its own continues the one above: its INDIKATOR empty
    or merged down, no number, no komponen of its own; where the sheet gives every
    indikator a target waktu, a row without one is a continuation too (the seeds' rows split
    by page breaks carry the rest of the indikator's name)."""
    if teks_sendiri(row, "NO") or teks_sendiri(row, "KOMPONEN"):
        return False
    if not teks_sendiri(row, "INDIKATOR"):
        return True
    return tw_marks_rows and not teks_sendiri(row, "TARGET WAKTU") and not row.sel.get("_bulan")


def _lists(indikator, row, cara):
    for key, column in (("langkah_aksi", "LANGKAH AKSI"), ("bukti_fisik", "BUKTI FISIK")):
        more = cara.items(_own_raw(row, column), column)
        if not more:
            continue
        current = [list(item) for item in indikator[key]]
        first_penanda, first_text = more[0]
        if current and current[-1][0] and not first_penanda:
            current[-1][1] = f"{current[-1][1]} {first_text}".strip()
            more = more[1:]
        indikator[key] = [tuple(item) for item in current] + list(more)


def _own_raw(row, name):
    return "" if name in row.sel.get("_lanjut", ()) else row.sel.get(name) or ""


def lanjutkan(indikator, row, cara=BIASA):
    """A continuation row's cells joined to the indikator above."""
    if extra := teks_sendiri(row, "INDIKATOR"):
        indikator["nama"] = f"{indikator['nama']} {extra}".strip()
    _lists(indikator, row, cara)
    if extra := teks_sendiri(row, "TARGET CAPAIAN"):
        indikator["target_capaian"] = f"{indikator['target_capaian']} {extra}".strip()
    for label, text in row.sel.get("_catatan", []):
        _note(indikator, label, text)


def _note(indikator, label, text):
    for item in indikator["keterangan"]:
        if item[0] == label:
            if text not in item[1]:
                item[1] = f"{item[1]}\n{text}"
            return
    indikator["keterangan"].append([label, text])


def target_waktu_of(row):
    """The target waktu as the sheet writes it: its cell, or the months marked under month
    columns ("Maret, Juni"), with the year column's year where the text has none."""
    text = _text(row, "TARGET WAKTU")
    if not text and row.sel.get("_bulan"):
        from ..jadwal import BULAN

        text = ", ".join(BULAN[m - 1] for m in sorted(set(row.sel["_bulan"])))
    year = " ".join(str(row.sel.get("_tahun") or "").split())
    if year and year not in text:
        text = f"{text} {year}".strip()
    return text


def indikator_dari(row, nomor, cara=BIASA):
    return {
        "nomor": nomor,
        "nama": _text(row, "INDIKATOR"),
        "langkah_aksi": cara.items(_own_raw(row, "LANGKAH AKSI"), "LANGKAH AKSI"),
        "bukti_fisik": cara.items(_own_raw(row, "BUKTI FISIK"), "BUKTI FISIK"),
        "target_waktu": target_waktu_of(row),
        "target_capaian": _text(row, "TARGET CAPAIAN"),
        "pic": _text(row, "PIC"),
        "lke_kode": row.sel.get("_lke", ""),
        "keterangan": [[label, text] for label, text in row.sel.get("_catatan", [])],
        "_baris": (row.lembar, row.nomor),
    }


def _mode(blocks):
    """How the rows print their komponen: "judul" (heading rows), "diulang" (on every row;
    a blank one stays in the komponen above) or "sekali" (once, over several indikator)."""
    rows = [r for b in blocks for r in b.baris]
    if any("_komponen" in r.sel for r in rows):
        return "judul"
    starts = [r for r in rows if "_komponen" not in r.sel and teks_sendiri(r, "INDIKATOR")]
    names = [_text(r, "KOMPONEN") for r in starts]
    repeated = sum(1 for a, b in zip(names, names[1:], strict=False) if a and a == b)
    merged = any("KOMPONEN" in r.sel.get("_lanjut", ()) for r in rows)
    merged_no = any("NO" in r.sel.get("_lanjut", ()) for r in rows)
    filled = sum(1 for n in names if n)
    if merged:
        # Merged down with its number, the komponen is numbered (Merangin); merged alone,
        # it is the name repeated on each row and NO numbers the indikator.
        return "sekali" if merged_no else "diulang"
    if not filled:
        return "diulang"
    if repeated or filled >= 0.8 * len(names):
        return "diulang"
    return "sekali"


def rows_to_plan(blocks, komponen_diulang=None, cara=BIASA):
    """Areas in the fixtures' shape read from blocks of rows, the problems found (each
    naming sheet, row and column) and whether komponen are repeated on every row (the
    plan's layout option). `komponen_diulang` as recorded by our own export wins over the
    reading of the rows. `cara`: how lists are read."""
    problems = []
    mode = _mode(blocks)
    if komponen_diulang is not None and mode != "judul":
        mode = "diulang" if komponen_diulang else "sekali"
    rows_with_text = [r for b in blocks for r in b.baris if teks_sendiri(r, "INDIKATOR")]
    tw_marks_rows = bool(rows_with_text) and sum(
        1 for r in rows_with_text if teks_sendiri(r, "TARGET WAKTU") or r.sel.get("_bulan")
    ) >= 0.9 * len(rows_with_text)
    areas = []
    for block in blocks:
        if not any("_komponen" not in r.sel for r in block.baris):
            if block.nomor or block.nama:
                problems.append(
                    Masalah(block.lembar, 0, "", f"area {block.nomor} tidak berisi baris.")
                )
            if not block.baris:
                continue
        area = {"nomor": block.nomor, "nama": block.nama, "komponen": []}
        areas.append(area)
        indikator = None
        for row in block.baris:
            if "_komponen" in row.sel:
                nomor, nama = row.sel["_komponen"]
                area["komponen"].append(
                    {
                        "nomor": nomor,
                        "nama": nama,
                        "kelompok": row.sel.get("_kelompok", ""),
                        "indikator": [],
                    }
                )
                indikator = None
                continue
            if _continues(row, tw_marks_rows):
                if indikator is None:
                    problems.append(
                        Masalah(
                            row.lembar,
                            row.nomor,
                            "INDIKATOR",
                            "kosong di baris pertama area; baris ini tidak melanjutkan apa pun.",
                        )
                    )
                else:
                    lanjutkan(indikator, row, cara)
                continue
            no, nama_komponen = teks_sendiri(row, "NO"), _text(row, "KOMPONEN")
            kelompok = row.sel.get("_kelompok", "")
            last = area["komponen"][-1] if area["komponen"] else None
            if mode == "judul":
                new_komponen = last is None
                komponen_nomor, indikator_nomor = "", no
            elif mode == "diulang":
                same = last is not None and (
                    not nama_komponen
                    or nama_komponen == last["nama"]
                    or "KOMPONEN" in row.sel.get("_lanjut", ())
                )
                new_komponen = not same or (kelompok and last.get("kelompok") != kelompok)
                komponen_nomor, indikator_nomor = "", no
            else:
                merged_no = "NO" in row.sel.get("_lanjut", ()) and "KOMPONEN" in row.sel.get(
                    "_lanjut", ()
                )
                # A number on a row of its own starts a komponen, named or not (Merangin's
                # "4." has no name); one merged down with the komponen is the komponen's.
                new_komponen = last is None or bool(
                    teks_sendiri(row, "KOMPONEN") or (no and not merged_no)
                )
                komponen_nomor = no if new_komponen else ""
                indikator_nomor = "" if new_komponen else no
                if merged_no:
                    indikator_nomor = ""
            if new_komponen:
                knomor, kname = nama_tanpa_nomor(nama_komponen) if nama_komponen else ("", "")
                area["komponen"].append(
                    {
                        "nomor": komponen_nomor or knomor,
                        "nama": kname,
                        "kelompok": kelompok,
                        "indikator": [],
                    }
                )
            indikator = indikator_dari(row, indikator_nomor, cara)
            if not indikator["nama"]:
                problems.append(Masalah(row.lembar, row.nomor, "INDIKATOR", "kosong."))
            area["komponen"][-1]["indikator"].append(indikator)
    return areas, problems + rampungkan(areas), mode == "diulang"


def rampungkan(areas):
    """Drop the reading's bookkeeping and check the items' sizes."""
    problems = []
    for area in areas:
        for komponen in area["komponen"]:
            for ind in komponen["indikator"]:
                lembar, nomor = ind.pop("_baris", ("", 0))
                for key, column in (
                    ("langkah_aksi", "LANGKAH AKSI"),
                    ("bukti_fisik", "BUKTI FISIK"),
                ):
                    ind[key] = [list(item) for item in ind[key]]
                    if any(len(t) > 5000 for _, t in ind[key]):
                        problems.append(
                            Masalah(lembar, nomor, column, "berisi butir lebih dari 5.000 huruf.")
                        )
    return problems


# ---- an area column


def by_area_column(blocks):
    """Blocks regrouped by an AREA column, when the sheet has one: a row naming an area
    ("I. MANAJEMEN PERUBAHAN", "1. Manajemen Perubahan", or just its name) starts that area;
    a row with the cell empty stays in the area above. Without such a column, the blocks as
    they were."""
    rows = [row for block in blocks for row in block.baris]
    if not any(_text(row, "AREA") for row in rows):
        return blocks
    regrouped, by_name = [], {}
    current = None
    for row in rows:
        if text := _text(row, "AREA"):
            nomor, nama = nama_tanpa_nomor(text)
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
