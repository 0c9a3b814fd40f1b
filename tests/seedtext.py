"""A reader of the two seed decrees, written for the tests only and on purpose naive: it keeps
each Lampiran cell as one string (page-break continuation rows appended), without splitting
steps or evidence, so it can check the fixtures without sharing their conversion."""

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MADIUN = DATA / "kpu-kab-madiun-keputusan-7-2026.txt"
MERANGIN = DATA / "kpu-kab-merangin-keputusan-9-2026.txt"
ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X)"


def normalize(text):
    """Printed text for comparison: no HTML or italics marks, ≥ for \\geq, no list dashes."""
    text = re.sub(r"</?[a-z]+[^>]*>", " ", text)
    text = text.replace("\\geq", "≥").replace("*", "")
    text = re.sub(r"(^|\s|(?<=\S))-\s+", " ", text, flags=re.MULTILINE)
    return " ".join(text.split())


def _rows_madiun():
    for line in MADIUN.read_text(encoding="utf-8").splitlines():
        if m := re.match(rf"^({ROMAN})\. (.+)$", line):
            yield "area", [m.group(1), m.group(2)]
        elif line.startswith("|") and not set(line) <= set("|- "):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells[0] != "NO":
                yield "row", cells


def _rows_merangin():
    text = MERANGIN.read_text(encoding="utf-8")
    for line in text[text.index("NO\tKOMPONEN") :].splitlines():
        if "\t" not in line:
            continue
        cells = [c.strip() for c in line.split("\t")] + [""] * 6
        cells = cells[:6]
        if cells[0] == "NO" or cells == ["1", "2", "3", "4", "5", "6"]:
            continue
        if re.match(rf"^{ROMAN}(\s|$)", cells[0]) and not cells[2]:
            nomor, _, nama = cells[0].partition(" ")
            yield "area", [nomor, nama or cells[1]]
        else:
            yield "row", cells


def lampiran(seed):
    """[(area nomor, area nama, [indikator cells…])]; a row with no NO and no TARGET WAKTU
    continues the indikator above it (the decree's page breaks split rows)."""
    rows = _rows_madiun() if seed == MADIUN else _rows_merangin()
    waktu_col = 5
    areas = []
    for kind, cells in rows:
        if kind == "area":
            areas.append((cells[0], cells[1], []))
            continue
        indikator = areas[-1][2]
        if not cells[0] and not cells[waktu_col] and (seed == MADIUN or not cells[1]):
            if indikator:
                merged = zip(indikator[-1], cells, strict=True)
                indikator[-1] = [f"{a} {b}".strip() for a, b in merged]
            continue
        if any(cells):
            indikator.append(cells)
    return [(n, nama, [[normalize(c) for c in row] for row in inds]) for n, nama, inds in areas]


def full_text(seed):
    """The whole decree as one normalized string, for finding Keputusan text in it."""
    return normalize(seed.read_text(encoding="utf-8"))
