"""Judging an office logo by its content: a PNG that Pillow opens, or an SVG that holds no
script, no event handler, no embedded document and no reference outside itself. A logo is
printed in issued decrees and shown on every page, so anything doubtful is refused."""

import io
import re

import magic
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from PIL import UnidentifiedImageError

from inti import gambar

MAX_BYTES = 1024 * 1024
_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_LINK_ATTRS = {"href", "src"}
# Inside a logo, links may point only at the document's own parts ("#id").
_LOCAL = re.compile(r"^#[\w.-]+$")


class LogoRefused(Exception):
    """The file is not a logo we keep; the message is meant for the user."""


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _svg_check(data):
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise LogoRefused(
            "Berkas SVG ini tidak dapat dibaca (XML rusak atau memakai DTD)."
        ) from None
    if _local(root.tag) != "svg":
        raise LogoRefused("Berkas ini bukan gambar SVG.")
    for element in root.iter():
        if _local(element.tag) in _FORBIDDEN_TAGS:
            raise LogoRefused(f"SVG berisi elemen «{_local(element.tag)}».")
        for name, value in element.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                raise LogoRefused(f"SVG berisi skrip (atribut «{attr}»).")
            if "javascript:" in re.sub(r"\s", "", value).lower():
                raise LogoRefused(f"SVG berisi skrip (atribut «{attr}»).")
            if (
                _local(element.tag) in ("animate", "set")
                and attr == "attributename"
                and value.strip().rsplit(":", 1)[-1].lower() in _LINK_ATTRS
            ):
                raise LogoRefused("SVG mengubah tautannya lewat animasi; tidak diterima.")
            if attr in _LINK_ATTRS and not _LOCAL.match(value.strip()):
                raise LogoRefused("SVG merujuk ke berkas atau alamat lain.")
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", ""):
                raise LogoRefused("SVG merujuk ke berkas atau alamat lain.")
        if _local(element.tag) == "style" and re.search(
            r"@import|url\(\s*[^#\s]", element.text or ""
        ):
            raise LogoRefused("SVG merujuk ke berkas atau alamat lain.")


def logo_check(uploaded):
    """The file's extension ("png" or "svg") if it is a logo we keep; LogoRefused otherwise."""
    if uploaded.size > MAX_BYTES:
        raise LogoRefused(
            f"Logo terlalu besar: {uploaded.size:,} byte, paling besar 1 MB.".replace(",", ".")
        )
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    if not data:
        raise LogoRefused("Berkas logo kosong.")
    mime = magic.from_buffer(data[:4096], mime=True)
    if mime == "image/png":
        if not gambar.png_utuh(io.BytesIO(data)):
            raise LogoRefused("Berkas PNG ini terpotong atau membawa data lain setelah akhirnya.")
        try:
            with gambar.buka(io.BytesIO(data)) as image:
                image.verify()
        except gambar.GambarTerlaluBesar as exc:
            raise LogoRefused(f"Logo tidak diterima: {exc}.") from None
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise LogoRefused("Berkas PNG ini rusak.") from None
        return "png"
    if mime in ("image/svg+xml", "text/xml", "application/xml", "text/plain", "text/html"):
        _svg_check(data)
        return "svg"
    raise LogoRefused("Logo harus berupa gambar PNG atau SVG.")
