"""Receiving evidence files: streamed to a temporary file and hashed as the bytes arrive, then
judged by their content (magic bytes), never by the name the uploader gave them."""

import hashlib
import html
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import magic
import pillow_heif
import pypdf
from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from inti import gambar
from inti.tampil import ukuran_berkas

# Pillow opens HEIC/HEIF photos (iPhones and many Android phones) through libheif.
pillow_heif.register_heif_opener()
HEIF_TYPES = frozenset({"image/heic", "image/heif"})


class UploadRefused(Exception):
    """A file that is not accepted; the message is shown to the uploader as is, after
    "Tidak ada yang tersimpan:"."""


# What a refused file turned out to be, in words an office worker knows.
KENALI = {
    "application/x-dosexec": "program Windows (.exe)",
    "application/x-executable": "program",
    "application/x-pie-executable": "program",
    "application/x-sharedlib": "program",
    "application/x-mach-binary": "program",
    "text/html": "halaman web (HTML)",
    "text/xml": "teks XML",
    "image/svg+xml": "gambar SVG (boleh berisi skrip)",
    "text/plain": "teks biasa",
    "application/zip": "arsip ZIP",
    "application/x-rar": "arsip RAR",
    "application/x-7z-compressed": "arsip 7-Zip",
    "application/msword": "dokumen Word lama (.doc)",
    "application/vnd.ms-excel": "buku kerja Excel lama (.xls)",
    "image/gif": "gambar GIF",
    "image/bmp": "gambar BMP",
    "image/tiff": "gambar TIFF",
    "video/mp4": "video MP4",
    "application/octet-stream": "data yang tidak dikenal",
}


def _kenali(mime):
    return KENALI.get(mime, f"berkas jenis {mime}")


@dataclass(frozen=True)
class Jenis:
    label: str
    extensions: frozenset


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

ALLOWED = {
    "application/pdf": Jenis("PDF", frozenset({".pdf"})),
    "image/jpeg": Jenis("JPEG", frozenset({".jpg", ".jpeg", ".jfif"})),
    "image/png": Jenis("PNG", frozenset({".png"})),
    "image/webp": Jenis("WebP", frozenset({".webp"})),
    "image/heic": Jenis("HEIC", frozenset({".heic", ".heif"})),
    "image/heif": Jenis("HEIF", frozenset({".heic", ".heif"})),
    DOCX: Jenis("Word (DOCX)", frozenset({".docx"})),
    XLSX: Jenis("Excel (XLSX)", frozenset({".xlsx"})),
    PPTX: Jenis("PowerPoint (PPTX)", frozenset({".pptx"})),
}
ALLOWED_TEXT = "PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, PPTX"
# What the file picker offers; the server decides by content regardless.
ACCEPT = ",".join(sorted({ext for jenis in ALLOWED.values() for ext in jenis.extensions}))

# The part of an Office file that says which kind it is.
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ZIP_TYPES = frozenset({"application/zip", "application/octet-stream", DOCX, XLSX, PPTX})
# An Office file unpacks to a few times its size; a zip bomb to hundreds or thousands of times.
ZIP_MAX_RATIO = 100
ZIP_MAX_MEMBERS = 5000

# Extensions that a server or a desktop may run; seen anywhere in a name, the file is refused.
RUNNABLE = frozenset(
    {"exe", "com", "bat", "cmd", "scr", "pif", "msi", "dll", "jar", "apk", "lnk", "reg"}
    | {"js", "jse", "vbs", "vbe", "wsf", "hta", "ps1", "sh", "py", "pl", "cgi"}
    | {"php", "phtml", "php5", "phar", "asp", "aspx", "jsp"}
    | {"html", "htm", "shtml", "xhtml", "svg"}
)
# Markup or script inside an image makes it a polyglot that a browser may run as a page.
MARKUP = re.compile(rb"<(?:\s*)(?:html|script|body|iframe|svg|object|embed|\?php|!doctype)", re.I)


class StrictMultiPartParser(MultiPartParser):
    """Django's parser cuts paths and control characters out of file names; this one passes
    the name on as sent, so such a name refuses the file instead of being quietly changed."""

    def sanitize_file_name(self, file_name):
        return html.unescape(file_name) or None


class HashingUploadHandler(FileUploadHandler):
    """Writes each file to a temporary file in large chunks, computing its sha256 and size on
    the way; past the size limit it stops writing and marks the file too large."""

    chunk_size = 1024 * 1024

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = TemporaryUploadedFile(
            "unggahan", self.content_type, 0, self.charset, self.content_type_extra
        )
        self.hash = hashlib.sha256()
        self.size = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if self.size > settings.ZI_UPLOAD_MAX_BYTES:
            self.too_large = True
        if not self.too_large:
            self.hash.update(raw_data)
            self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.file.flush()
        self.file.seek(0)
        self.file.size = self.size
        self.file.nama_asli = self.file_name
        self.file.sha256 = self.hash.hexdigest()
        self.file.terlalu_besar = self.too_large
        return self.file


def parse_upload(request):
    """Parse a multipart request with the strict parser and the hashing handler."""
    request.upload_handlers = [HashingUploadHandler(request)]
    parser = StrictMultiPartParser(request.META, request, request.upload_handlers, request.encoding)
    request._post, request._files = parser.parse()


def original_name(uploaded):
    return getattr(uploaded, "nama_asli", None) or uploaded.name or ""


def file_digest(uploaded):
    """The sha256 computed while receiving, or computed now for files made in code."""
    digest = getattr(uploaded, "sha256", None)
    if digest:
        return digest
    hasher = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        hasher.update(chunk)
    uploaded.seek(0)
    return hasher.hexdigest()


# Windows refuses these as file names whatever the extension (CON.pdf cannot be saved).
# Windows' device names, the superscript digits included (COM¹ is a port as COM1 is).
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]}
)
UNSAFE_CHARS = re.compile(r'[<>:"|?*\x00-\x1f]')


def nama_aman(name):
    """The name a file is shown and downloaded under: characters that are markup or that
    Windows forbids become "_", a reserved device name (CON, NUL, COM1 …) gets a "_" in front,
    trailing dots and spaces go. The extension stays as it was."""
    safe = UNSAFE_CHARS.sub("_", name).rstrip(". ")
    if safe.split(".")[0].strip().upper() in WINDOWS_RESERVED:
        safe = f"_{safe}"
    return safe or "berkas"


def _extension_kind(extension):
    """The accepted kind an extension claims (to say "bukan PDF"), or None."""
    for jenis in ALLOWED.values():
        if extension in jenis.extensions:
            return jenis
    return None


def inspect_upload(uploaded):
    """The content type of an acceptable file; UploadRefused with the reason otherwise."""
    name = original_name(uploaded)
    _check_name(name)
    limit = settings.ZI_UPLOAD_MAX_BYTES
    if getattr(uploaded, "terlalu_besar", False) or uploaded.size > limit:
        raise UploadRefused(
            f"«{name}» berukuran {ukuran_berkas(uploaded.size)}, lebih besar dari batas "
            f"{ukuran_berkas(limit)} per berkas."
        )
    if uploaded.size == 0:
        raise UploadRefused(f"«{name}» kosong (0 byte).")
    mime = _detect(uploaded)
    if mime in ZIP_TYPES:
        mime = _office_type(uploaded, name)
    jenis = ALLOWED.get(mime)
    extension = os.path.splitext(name)[1].lower()
    if jenis is None:
        claimed = _extension_kind(extension)
        what = f"bukan {claimed.label}" if claimed else "bukan jenis berkas yang diterima"
        raise UploadRefused(
            f"«{name}» {what}: isinya {_kenali(mime)} ({ukuran_berkas(uploaded.size)}). "
            f"Yang diterima: {ALLOWED_TEXT}."
        )
    if extension not in jenis.extensions:
        raise UploadRefused(
            f"Nama «{name}» tidak sesuai isinya: isinya {jenis.label}, "
            f"maka akhiran nama harus {' atau '.join(sorted(jenis.extensions))}."
        )
    if mime.startswith("image/"):
        _check_image(uploaded, name, mime)
    if mime == "application/pdf":
        _check_pdf(uploaded, name)
    uploaded.seek(0)
    return mime


# PDF actions that run something or leave the document when the file is opened or clicked.
PDF_SCRIPT_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/Rendition", "/SubmitForm", "/GoToR", "/GoToE"}
)
# A web address is fine as a link the reader clicks, not as what opening the file does.
PDF_AUTO_ACTIONS = ("/OpenAction", "/AA")
# An Office document's parts that hold macros.
MACRO_PARTS = frozenset({"vbaproject.bin", "vbadata.xml"})
PDF_MAX_OBJECTS = 200_000
PDF_EOF_WINDOW = 4096


def _check_pdf(uploaded, name):
    """A PDF must be whole and open in pypdf, and carry no script or launch action (anywhere,
    also inside compressed object streams: every object is read, not the raw bytes)."""
    uploaded.seek(max(0, uploaded.size - PDF_EOF_WINDOW))
    tail = uploaded.read()
    uploaded.seek(0)
    if b"%%EOF" not in tail:
        raise UploadRefused(
            f"«{name}» terpotong: akhir berkas PDF tidak ada. Unggah ulang berkas yang utuh."
        )
    if tail[tail.rindex(b"%%EOF") + 5 :].strip():
        raise UploadRefused(
            f"«{name}» membawa data lain setelah akhir PDF (mis. arsip yang ditempelkan); "
            "tidak diterima. Cetak ulang ke PDF lalu unggah."
        )
    try:
        reader = pypdf.PdfReader(uploaded)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRefused(f"«{name}» dilindungi kata sandi; unggah salinan tanpa kata sandi.")
        if len(reader.pages) == 0:
            raise UploadRefused(f"«{name}» tidak memiliki halaman.")
        reason = _pdf_script(reader)
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        raise UploadRefused(
            f"«{name}» rusak atau bukan PDF yang sebenarnya: berkas tidak dapat dibaca sebagai "
            "PDF (mis. halaman web yang diberi nama .pdf)."
        ) from None
    finally:
        uploaded.seek(0)
    if not reason and _markup_in(uploaded):
        raise UploadRefused(
            f"«{name}» memuat kode HTML atau skrip; PDF seperti ini tidak diterima."
        )
    if reason:
        raise UploadRefused(
            f"«{name}» memuat {reason}; PDF seperti ini tidak diterima. Cetak ulang ke PDF "
            "(Print → Save as PDF) lalu unggah."
        )


SKRIP = "JavaScript yang berjalan saat berkas dibuka atau diklik"


def _pdf_script(reader):
    """What active or hidden content the PDF carries, said for the user, or None."""
    catalog = reader.trailer["/Root"].get_object()
    names = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return SKRIP
    if names is not None and "/EmbeddedFiles" in names.get_object():
        return "berkas lain yang disisipkan"
    for key in PDF_AUTO_ACTIONS:
        if key in catalog and _leaves(catalog[key]):
            return "alamat web yang dibuka otomatis"
    ids = [(num, gen) for gen, entries in reader.xref.items() for num in entries]
    ids += [(num, 0) for num in reader.xref_objStm]
    for num, gen in ids[:PDF_MAX_OBJECTS]:
        try:
            obj = IndirectObject(num, gen, reader).get_object()
        except (PdfReadError, ValueError, KeyError, OSError):
            continue
        for value in _dicts_in(obj):
            if "/JS" in value or value.get("/S") == "/JavaScript":
                return SKRIP
            if value.get("/S") in PDF_SCRIPT_ACTIONS:
                return "perintah menjalankan program atau membuka data luar"
            if value.get("/Type") == "/EmbeddedFile" or value.get("/Subtype") in (
                "/FileAttachment",
                "/EmbeddedFile",
            ):
                return "berkas lain yang disisipkan"
            if "/AA" in value and _leaves(value["/AA"]):
                return "alamat web yang dibuka otomatis"
    return None


def _leaves(action, depth=0):
    """Whether an automatic action (or a dictionary of them, or a chain of /Next) opens a web
    address; a chain deeper than a few steps (or a cycle) is not followed."""
    if depth > 6:
        return False
    try:
        action = action.get_object()
    except (AttributeError, PdfReadError, ValueError):
        return False
    if isinstance(action, DictionaryObject):
        if action.get("/S") == "/URI":
            return True
        return any(_leaves(v, depth + 1) for k, v in action.items() if k not in ("/Parent", "/P"))
    return False


_MARKUP = (b"<script", b"<html", b"<iframe", b"javascript:")


def _markup_in(uploaded):
    """Whether HTML or script rides in the file's raw bytes (a comment, an uncompressed
    stream): what a browser sniffing the file would run."""
    uploaded.seek(0)
    tail = b""
    try:
        for chunk in uploaded.chunks():
            window = (tail + chunk).lower()
            if any(marker in window for marker in _MARKUP):
                return True
            tail = chunk[-16:]
    finally:
        uploaded.seek(0)
    return False


def _dicts_in(obj, depth=0):
    """The dictionaries in one object, including those written inline inside it."""
    if depth > 8:
        return
    if isinstance(obj, DictionaryObject):
        yield obj
        children = obj.values()
    elif isinstance(obj, ArrayObject):
        children = obj
    else:
        return
    for child in children:
        if not isinstance(child, IndirectObject):
            yield from _dicts_in(child, depth + 1)


def _check_name(name):
    if not name.strip():
        raise UploadRefused("Berkas tanpa nama tidak dapat diterima.")
    if len(name) > 200:
        raise UploadRefused("Nama berkas terlalu panjang (lebih dari 200 karakter).")
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in name):
        raise UploadRefused("Nama berkas memuat karakter kendali (mis. NUL); ganti namanya.")
    if "/" in name or "\\" in name or name.strip(". ") == "" or ".." in name:
        raise UploadRefused(
            f"Nama «{name}» memuat jalur folder (/, \\ atau ..); unggah berkasnya saja."
        )
    parts = [part.lower() for part in name.split(".")[1:]]
    if any(part in RUNNABLE for part in parts):
        raise UploadRefused(
            f"Nama «{name}» memuat ekstensi program atau skrip; berkas seperti ini tidak "
            "diterima walaupun berekstensi ganda."
        )


def _detect(uploaded):
    path = getattr(uploaded, "temporary_file_path", None)
    if path:
        return magic.from_file(path(), mime=True)
    uploaded.seek(0)
    head = uploaded.read(2 * 1024 * 1024)
    uploaded.seek(0)
    return magic.from_buffer(head, mime=True)


def _office_type(uploaded, name):
    """The Office type of a zip file, refusing zip files that are not Office documents and
    archives that would unpack to far more than their size (zip bombs)."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRefused(f"«{name}» rusak atau bukan berkas yang diterima.") from None
    finally:
        uploaded.seek(0)
    names = {member.filename for member in members}
    kinds = [mime for part, mime in OOXML_PARTS.items() if part in names]
    if "[Content_Types].xml" not in names or len(kinds) != 1:
        raise UploadRefused(
            f"«{name}» adalah arsip ZIP, bukan dokumen Word, Excel atau PowerPoint."
        )
    if any(n.lower().rsplit("/", 1)[-1] in MACRO_PARTS for n in names):
        raise UploadRefused(
            f"«{name}» memuat makro (program di dalam dokumen); simpan sebagai .docx/.xlsx/"
            ".pptx biasa tanpa makro lalu unggah lagi."
        )
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if (
        len(members) > ZIP_MAX_MEMBERS
        or unpacked > 4 * settings.ZI_UPLOAD_MAX_BYTES
        or unpacked / packed > ZIP_MAX_RATIO
        and unpacked > 10 * 1024 * 1024
    ):
        raise UploadRefused(
            f"«{name}» akan mengembang menjadi {ukuran_berkas(unpacked)} bila dibuka; "
            "berkas seperti ini (bom zip) tidak diterima."
        )
    return kinds[0]


def _check_image(uploaded, name, mime):
    uploaded.seek(0)
    tail = b""
    for chunk in uploaded.chunks():
        # The end of the previous chunk goes along, so a marker split across two is found.
        window = tail + chunk
        tail = chunk[-32:]
        if MARKUP.search(window):
            raise UploadRefused(
                f"«{name}» memuat kode HTML atau skrip di dalam gambar; tidak diterima."
            )
    uploaded.seek(0)
    if mime == "image/png":
        _check_png_end(uploaded, name)
    if mime in ("image/jpeg", "image/png", "image/webp"):
        try:
            with gambar.buka(uploaded) as image:
                image.verify()
        except gambar.GambarTerlaluBesar as exc:
            raise UploadRefused(f"«{name}» tidak diterima: {exc}.") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise UploadRefused(f"Gambar «{name}» rusak dan tidak dapat dibuka.") from None
        finally:
            uploaded.seek(0)
    if mime in HEIF_TYPES:
        # Decoded in full: it is shown converted (heif_jpeg), so it must really open.
        try:
            with gambar.buka(uploaded) as image:
                image.load()
        except gambar.GambarTerlaluBesar as exc:
            raise UploadRefused(f"«{name}» tidak diterima: {exc}.") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, RuntimeError):
            raise UploadRefused(
                f"Foto HEIC «{name}» rusak atau tidak dapat dibaca. Ubah ke JPEG (di ponsel: "
                "Pengaturan › Kamera › Format › Paling Kompatibel) lalu unggah lagi."
            ) from None
        finally:
            uploaded.seek(0)


# A HEIC photo is shown as a JPEG of at most this many pixels on its longer side: browsers other
# than Safari cannot show HEIC. The original is what is downloaded.
HEIF_VIEW_PX = 2000


def heif_jpeg(source):
    """A JPEG rendering of a HEIC/HEIF photo (upright, at most HEIF_VIEW_PX), as bytes."""
    with Image.open(source) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((HEIF_VIEW_PX, HEIF_VIEW_PX))
    out = io.BytesIO()
    upright.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _check_png_end(uploaded, name):
    """A PNG ends with its IEND chunk; anything after it is a payload riding along."""
    if not gambar.png_utuh(uploaded):
        raise UploadRefused(
            f"Gambar «{name}» terpotong atau membawa data tambahan setelah akhir gambar PNG; "
            "tidak diterima."
        )
