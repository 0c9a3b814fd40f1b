"""Structure carried by codes. Two kinds of sheet say where a row stands by the code in its NO
column rather than by headings:

- plans keyed by the LKE worksheet (`PPA1A`, `A.1.I.i` + a letter, `1.a.1`, `I.A.1`): each
  criterion row becomes an indikator linked to its question, under the worksheet's own areas
  and sub-komponen (names from the worksheet, pemenuhan / reform kept as the komponen's
  grouping), whatever headings the sheet has or lacks;
- plans numbered as a tree (`SS.1.1` sasaran → `K.2` kegiatan → `IO.2.2` output, or `1` →
  `1.1` → `1.1.1`): the deepest level are the indikator, the levels above them areas and
  komponen, named by the row's first text.

No database here."""

import re

from .kode_lke import baca_kode
from .lampiran import (
    BIASA,
    Baris,
    Blok,
    Masalah,
    indikator_dari,
    lanjutkan,
    rampungkan,
    romawi,
    teks_sendiri,
)

_AWALAN = re.compile(r"^([A-Za-z]+)[.\s-]*\d")


def _flat(blocks):
    return [row for block in blocks for row in block.baris if "_komponen" not in row.sel]


def kode_of(row):
    """The row's code as the sheet writes it, with the letter column's part."""
    code = teks_sendiri(row, "NO")
    sub = str(row.sel.get("_subkode") or "").strip()
    return f"{code}.{sub}" if code and sub else code or sub


# ---- LKE


def baca_lke(blocks):
    """The rows' questions when the sheet is keyed by LKE criterion (see kode_lke.baca_kode),
    else None."""
    rows = _flat(blocks)
    if any(r.sel.get("_lke") for r in rows):
        return None  # the questions are named already (our own export)
    keyed = [
        (kode_of(r), teks_sendiri(r, "INDIKATOR"), r.sel.get("_kelompok", "").lower()) for r in rows
    ]
    if sum(1 for code, _, _ in keyed if code) < 2:
        return None
    found = baca_kode(keyed)
    return (rows, found) if found is not None else None


def lke_to_plan(rows, found, cara=BIASA):
    """Areas from rows keyed by LKE criterion: the worksheet's areas in their order, a
    komponen per sub-komponen (its name as the worksheet writes it, its half as the
    grouping), an indikator per criterion row with its code as the sheet prints it and its
    question's code. Rows without a question of their own continue the criterion above."""
    areas, by_area, problems = {}, {}, []
    indikator = None
    for row, soal in zip(rows, found.soal, strict=True):
        if soal is None:
            if indikator is not None and not teks_sendiri(row, "NO"):
                lanjutkan(indikator, row, cara)
            elif any(v for k, v in row.sel.items() if not k.startswith("_")):
                problems.append(
                    Masalah(
                        row.lembar,
                        row.nomor,
                        "NO",
                        f"kode «{kode_of(row) or '(kosong)'}» tidak dikenali sebagai kriteria "
                        "lembar kerja LKE.",
                    )
                )
            continue
        area = areas.get(soal.area)
        if area is None:
            area = areas[soal.area] = {"nomor": "", "nama": soal.area_nama, "komponen": []}
            by_area[soal.area] = {}
        komponen = by_area[soal.area].get(soal.sub_kode)
        if komponen is None:
            komponen = {
                "nomor": "",
                "nama": soal.sub_nama,
                "kelompok": "Pemenuhan" if soal.tahap == "pemenuhan" else "Reform",
                "indikator": [],
                "_urut": soal.sub_kode,
            }
            by_area[soal.area][soal.sub_kode] = komponen
            area["komponen"].append(komponen)
        indikator = indikator_dari(row, kode_of(row), cara)
        indikator["lke_kode"] = soal.kode
        if not indikator["nama"]:
            indikator["nama"] = soal.teks
        komponen["indikator"].append(indikator)
    ordered = []
    for n in sorted(areas):
        area = areas[n]
        area["nomor"] = romawi(n)
        area["komponen"].sort(key=lambda k: (k["_urut"][1] != "P", k["_urut"]))
        for komponen in area["komponen"]:
            komponen.pop("_urut")
        ordered.append(area)
    return ordered, problems + rampungkan(ordered)


# ---- a tree of codes


def _kind(code):
    """A code's level marker: its letters ("SS", "K", "IO"), or for numbers how many parts
    ("1" → 1, "1.1" → 2)."""
    if m := _AWALAN.match(code):
        return m.group(1).upper()
    parts = [p for p in code.strip(".").split(".") if p]
    if parts and all(p.isdigit() for p in parts):
        return len(parts)
    return None


def _name(row):
    """A heading row's name: the first text of its own columns, in the sheet's order."""
    for key, value in row.sel.items():
        if key.startswith("_") or key in ("NO", "AREA") or not value:
            continue
        return " ".join(str(value).split())
    return ""


def _left_over(row, name):
    return [
        key
        for key, value in row.sel.items()
        if not key.startswith("_") and key not in ("NO", "AREA") and value and value != name
    ]


def by_code_tree(blocks, areas_named):
    """Blocks rebuilt from a tree of codes when the NO column holds one (two levels or more,
    the deepest carrying the indikator), else the blocks as they were. `areas_named`: the
    areas come from elsewhere (sheets, headings, an AREA column), so two levels are komponen
    and indikator. Returns (blocks, notes on what heading rows held beyond their name)."""
    rows = _flat(blocks)
    kinds = []
    for row in rows:
        code = teks_sendiri(row, "NO")
        kind = _kind(code) if code else None
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    if len(kinds) < 2:
        return blocks, []
    if all(isinstance(k, int) for k in kinds):
        kinds.sort()
    deepest = kinds[-1]
    if not any(
        _kind(teks_sendiri(r, "NO")) == deepest and teks_sendiri(r, "INDIKATOR") for r in rows
    ):
        return blocks, []
    area_kind = kinds[0] if (len(kinds) >= 3 or not areas_named) else None
    out, notes = [], []
    block = blocks[0] if areas_named and blocks else None
    if areas_named:
        out = [Blok(b.nomor, b.nama, lembar=b.lembar) for b in blocks]
        by_block = {id(r): i for i, b in enumerate(blocks) for r in b.baris}
    for row in rows:
        code = teks_sendiri(row, "NO")
        kind = _kind(code) if code else None
        if areas_named:
            block = out[by_block[id(row)]]
        if kind is not None and kind != deepest:
            name = _name(row)
            if extra := _left_over(row, name):
                notes.append(
                    f"{row.lembar}, baris {row.nomor} ({code}): kolom {', '.join(extra)} pada "
                    "baris judul tidak disimpan."
                )
            if kind == area_kind:
                block = Blok(code, name, lembar=row.lembar)
                out.append(block)
            else:
                if block is None:
                    block = Blok("", "", lembar=row.lembar)
                    out.append(block)
                block.baris.append(Baris(row.lembar, row.nomor, {"_komponen": (code, name)}))
            continue
        if block is None:
            block = Blok("", "", lembar=row.lembar)
            out.append(block)
        block.baris.append(row)
    return [b for b in out if b.baris or b.nama], notes
