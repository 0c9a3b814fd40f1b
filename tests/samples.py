"""Real files of every accepted type, files that must be refused, and a multipart body builder
that sends file names exactly as given (Django's test client would cut paths away)."""

import io
import uuid
import zipfile

import openpyxl
from PIL import Image
from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def pdf_bytes(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript():
    """A PDF whose name tree holds a document-level script."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    script = writer._add_object(
        DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('halo');"),
            }
        )
    )
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )
    return _written(writer)


def pdf_with_open_action_script():
    """A PDF that runs a script when it is opened (/OpenAction → /JavaScript)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('http://evil.test');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_with_launch_link():
    """A PDF with a link whose action starts a program (/Launch)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    link = Link(rect=(50, 50, 200, 80), url="http://contoh.test")
    link[NameObject("/A")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    writer.add_annotation(0, link)
    return _written(writer)


def pdf_with_goto_open_action():
    """A harmless /OpenAction (open at page 1), as word processors write: accepted."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(
        DictionaryObject(
            {
                NameObject("/S"): NameObject("/GoTo"),
                NameObject("/D"): ArrayObject([page.indirect_reference, NameObject("/Fit")]),
            }
        )
    )
    return _written(writer)


def image_bytes(fmt, size=(64, 48)):
    out = io.BytesIO()
    Image.new("RGB", size, (180, 30, 30)).save(out, fmt)
    return out.getvalue()


def heic_bytes(size=(640, 480)):
    """A real HEIC photo (libheif through pillow-heif), as a phone takes one."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 180)).save(out, format="HEIF", quality=50)
    return out.getvalue()


def heic_header_only():
    """The ISO base media header of a HEIC photo and nothing that decodes."""
    ftyp = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    meta = b"\x00\x00\x00\x22meta\x00\x00\x00\x00" + b"\x00\x00\x00\x16hdlr" + b"\x00" * 14
    return ftyp + meta + b"\x00" * 512


def _office_zip(main_part, extra=()):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')
        for name, data in extra:
            archive.writestr(name, data)
    return out.getvalue()


def docx_bytes():
    return _office_zip("word/document.xml")


def pptx_bytes():
    return _office_zip("ppt/presentation.xml")


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Capaian"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# name, bytes, detected content type: one of each accepted type.
ACCEPTED = [
    ("laporan.pdf", pdf_bytes, "application/pdf"),
    ("foto kegiatan.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
    ("tangkapan.png", lambda: image_bytes("PNG"), "image/png"),
    ("foto.webp", lambda: image_bytes("WEBP"), "image/webp"),
    ("IMG_0001.HEIC", heic_bytes, "image/heic"),
    (
        "notulen rapat.docx",
        docx_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "capaian.xlsx",
        xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "paparan.pptx",
        pptx_bytes,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
]


def zip_bomb_docx():
    """A valid-looking DOCX carrying 60 MB of zeros that packs into a few dozen KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        with archive.open("word/media/isi.bin", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(60):
                member.write(block)
    return out.getvalue()


def elf_bytes():
    with open("/bin/true", "rb") as f:
        return f.read()


def multipart(fields, files, boundary=None):
    """(body, content type) of a multipart/form-data request; `files` is a list of
    (field, file name as sent, bytes)."""
    boundary = boundary or uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for field, filename, data in files:
        quoted = filename.replace('"', "%22")
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{quoted}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode(
                "utf-8", "surrogateescape"
            )
            + data
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
