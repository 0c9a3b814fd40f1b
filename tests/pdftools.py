"""Reading rendered PDFs back: text in content-stream order (pdftotext -raw), page sizes and
fonts (pypdf)."""

import io
import re
import subprocess
import tempfile

from pypdf import PdfReader

MM = 72 / 25.4


def pdf_text(data, first=None, last=None):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        args = ["pdftotext", "-raw", "-enc", "UTF-8"]
        if first:
            args += ["-f", str(first), "-l", str(last or first)]
        return subprocess.run(
            [*args, f.name, "-"], check=True, capture_output=True, text=True
        ).stdout


def squash(text):
    """Text without any white space: line breaks and justification do not matter."""
    return re.sub(r"\s+", "", text)


def assert_in_order(items, text, what):
    """Every item occurs in `text`, in the given order. An item split by a page break (the
    repeated header and other cells in between) is matched word by word within a window."""
    haystack = squash(text)
    cursor = 0
    for item in items:
        needle = squash(item)
        found = haystack.find(needle, cursor)
        if found >= 0:
            cursor = found + len(needle)
            continue
        position = cursor
        # Line and page breaks may fall inside "e-PPID" or "Kabupaten/Kota": match word pieces.
        for word in re.findall(r"\w+", item):
            hit = haystack.find(word, position, position + 4000)
            assert hit >= 0, f"{what}: «{item}» tidak ditemukan (berurutan) di PDF"
            position = hit + len(word)
        cursor = position


def page_sizes_mm(data):
    reader = PdfReader(io.BytesIO(data))
    return [
        (round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
        for p in reader.pages
    ]


def font_names(data):
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add((str(font["/BaseFont"]).split("+", 1)[-1], embedded))
    return names


def image_count(data):
    """Raster images placed on the pages of a PDF."""
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)
