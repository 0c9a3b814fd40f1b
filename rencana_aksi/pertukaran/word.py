"""A Lampiran in a Word document (python-docx) read into rows. Tables are read in document
order with the headings between them: a paragraph such as "I. MANAJEMEN PERUBAHAN" starts an
area. A table without a header row continues the one before it (Word splits a long table where
the decree was pasted page by page). A cell spanning several columns is read once."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .lampiran import Susunan, area_heading
from .pemetaan import MAX_ROWS, ImporError, header_map, is_column_numbers, office_file_check

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cells(row):
    """The texts of a row's cells, a spanned cell once (the others of its span empty); a
    cell's paragraphs become lines."""
    texts, seen = [], set()
    for cell in row.cells:
        key = id(cell._tc)
        texts.append("" if key in seen else "\n".join(p.text for p in cell.paragraphs).strip())
        seen.add(key)
    return texts


def _body(document):
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def read_document(data, remembered=None):
    """Blocks of rows of a .docx Lampiran, and the header of its first table."""
    office_file_check(data, "word/document.xml", "dokumen Word (.docx)")
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a damaged file
        raise ImporError("Dokumen Word ini rusak dan tidak dapat dibuka.") from None
    susunan, mapping, headers, table_no, total = Susunan(), None, None, 0, 0
    for item in _body(document):
        if isinstance(item, Paragraph):
            if heading := area_heading(item.text):
                susunan.judul(*heading)
            continue
        table_no += 1
        rows = list(item.rows)
        start = 0
        if rows and (found := header_map(_cells(rows[0]), remembered)):
            mapping, start = found, 1
            headers = headers or _cells(rows[0])
        if mapping is None:
            continue  # a table before the Lampiran (a signature block, a letterhead)
        for number, row in enumerate(rows[start:], start + 1):
            total += 1
            if total > MAX_ROWS:
                raise ImporError(f"Terlalu banyak baris: paling banyak {MAX_ROWS} baris.")
            values = _cells(row)
            sel = {name: values[col] if col < len(values) else "" for col, name in mapping.items()}
            if any(sel.values()) and not is_column_numbers(values):
                susunan.baris(sel, lembar=f"Tabel {table_no}", nomor=number)
    blocks = susunan.blocks
    if not blocks:
        raise ImporError(
            "Dokumen ini tidak berisi tabel lampiran (baris judul NO, KOMPONEN, INDIKATOR …)."
        )
    return blocks, {}, headers
