"""Images opened without trusting their headers: a picture whose size would decompress into
more pixels than Pillow allows (a decompression bomb: a 1 MB PNG of 20000 × 20000) is refused
with its size, before anything decodes it."""

import os
import warnings

from PIL import Image


class GambarTerlaluBesar(ValueError):
    """An image larger than any evidence or logo needs; the message is meant for the user."""


def buka(source):
    """Image.open, refusing a decompression bomb (Pillow's warning and its error alike) with
    GambarTerlaluBesar. Use it as Image.open is used: `with buka(f) as image:`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(source)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            pixels = _pixels(str(exc))
            raise GambarTerlaluBesar(
                f"gambar terlalu besar: {pixels} piksel, paling banyak "
                f"{Image.MAX_IMAGE_PIXELS // 1_000_000} juta piksel"
            ) from None


def _pixels(message):
    digits = [int(word) for word in message.replace("(", " ").split() if word.isdigit()]
    if not digits:
        return "lebih dari batas"
    return f"{digits[0] // 1_000_000} juta"


def png_utuh(source):
    """Whether a PNG ends where its IEND chunk says (anything after it is a payload riding
    along, HTML or an archive); False also when it has no end at all. `source` is a file
    object, left at its start."""
    source.seek(8)
    try:
        while True:
            header = source.read(8)
            if len(header) < 8:
                return False
            length = int.from_bytes(header[:4], "big")
            source.seek(length + 4, os.SEEK_CUR)
            if header[4:8] == b"IEND":
                return not source.read(1)
    finally:
        source.seek(0)
