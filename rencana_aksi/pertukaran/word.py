"""A Lampiran in a Word document (python-docx) read into rows. Tables are read in document
order with the headings just above them ("I. MANAJEMEN PERUBAHAN", "A. Manajemen Perubahan",
"1. …"). A table without a header row continues the one before it when it has as many columns
(Word splits a long table where the decree was pasted page by page); one that does not fit is
not part of the Lampiran (a signature block, a letterhead) and is left out. A cell spanning
several columns is read once; a cell merged down belongs to every row it spans. Word's own
list numbering is kept as the items' markers ("1)", "-", "a.")."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .lampiran import Susunan, romawi
from .pemetaan import MAX_ROWS, ImporError, office_file_check
from .tabel import Bacaan, Sel, Tabel, baca_tabel, remembered_of

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Paragraphs just above a table read as its headings, and how long a heading may be (a
# Menimbang "a. bahwa …;" is a sentence, not a heading: nor is a line ending in ; , or :).
JUDUL_DI_ATAS = 3
JUDUL_PANJANG = 150
_BULLET = {"bullet": "-", "decimal": "{n})", "lowerLetter": "{a}.", "lowerRoman": "{r}."}


def _numbering(document):
    """{numId: {ilvl: format}} of the document's list numbering."""
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    root = part.element
    abstract = {}
    for a in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in a.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else ""
        abstract[a.get(qn("w:abstractNumId"))] = levels
    out = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            out[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
    return out


def _num_pr(paragraph):
    """A paragraph's list numbering: its own, or its style's ("List Number"), else None."""
    num = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    style = paragraph.style if num is None else None
    seen = 0
    while num is None and style is not None and seen < 10:
        num = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style, seen = style.base_style, seen + 1
    return num


def _paragraph_lines(cell, numbering):
    """A cell's paragraphs as lines, each numbered paragraph with its marker as Word shows
    it (its number counted within the cell)."""
    lines, counters = [], {}
    for p in cell.paragraphs:
        text = p.text.strip()
        num = _num_pr(p)
        if num is not None and text:
            num_id = num.find(qn("w:numId"))
            ilvl = num.find(qn("w:ilvl"))
            key = (
                num_id.get(qn("w:val")) if num_id is not None else "",
                ilvl.get(qn("w:val")) if ilvl is not None else "0",
            )
            fmt = numbering.get(key[0], {}).get(key[1], "bullet")
            counters[key] = counters.get(key, 0) + 1
            n = counters[key]
            pattern = _BULLET.get(fmt, "-")
            marker = pattern.format(n=n, a=chr(96 + min(n, 26)), r=romawi(n).lower())
            lines.append(f"{marker} {text}")
        elif text:
            lines.append(text)
    return "\n".join(lines)


def _bold(cell):
    runs = [r for p in cell.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _grid(table, numbering):
    """The table's rows as [(row number, [Sel])]: a cell spanning columns once (the others
    of its span empty), a cell merged down copied into each row and marked as a copy."""
    rows, above = [], []
    for number, row in enumerate(table.rows, 1):
        cells, seen = [], set()
        for col, cell in enumerate(row.cells):
            key = id(cell._tc)
            if key in seen:
                cells.append(Sel())
                continue
            seen.add(key)
            copied = col < len(above) and above[col] is cell._tc
            cells.append(Sel(_paragraph_lines(cell, numbering), lanjut=copied, tebal=_bold(cell)))
        above = [c._tc for c in row.cells]
        rows.append((number, cells))
    return rows


def _body(document):
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def read_document(data, remembered=None, chosen=None, anggota=frozenset()):
    """Blocks of rows of a .docx Lampiran, and what the reading found (see excel)."""
    office_file_check(data, "word/document.xml", "dokumen Word (.docx)")
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a damaged file
        raise ImporError("Dokumen Word ini rusak dan tidak dapat dibuka.") from None
    remembered, _ = remembered_of(remembered)
    chosen = chosen or {}
    numbering = _numbering(document)
    susunan, bacaan = Susunan(), Bacaan()
    table_no, total, paragraphs, previous = 0, 0, [], None
    for item in _body(document):
        if isinstance(item, Paragraph):
            text = " ".join(item.text.split())
            if text:
                paragraphs = [*paragraphs, text][-JUDUL_DI_ATAS:]
            continue
        table_no += 1
        rows = _grid(item, numbering)
        total += len(rows)
        if total > MAX_ROWS:
            raise ImporError(f"Terlalu banyak baris: paling banyak {MAX_ROWS} baris.")
        table = Tabel(
            f"Tabel {table_no}",
            rows,
            di_atas=[p for p in paragraphs if len(p) <= JUDUL_PANJANG and p[-1] not in ";,:"],
        )
        paragraphs = []
        found = baca_tabel(
            table,
            susunan,
            bacaan,
            remembered=remembered,
            anggota=anggota,
            chosen=chosen if previous is None else {},
            lanjutan=previous,
        )
        if found is not None:
            previous = found
    return susunan.blocks, {}, bacaan
