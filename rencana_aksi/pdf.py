"""The Keputusan and its Lampiran as one PDF, in the official layout (shared/layout-spec.md).

The two parts are rendered as two WeasyPrint documents and joined, so each has its own page
size, its own first page without a number, and the Lampiran's numbering restarts at 1.
Resources come only from our own static files, through `StaticOnlyFetcher`.
"""

import re
import subprocess
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML

from inti.cetak import LOGO_SCHEME, STATIC_SCHEME, StaticOnlyFetcher

from .models import Dokumen
from .selectors import keputusan_butir, rencana_lampiran

MODES = tuple(Dokumen.Mode.values)


def _split_title(jabatan, wilayah):
    """'Ketua Komisi Pemilihan Umum Kabupaten Madiun' → ('KETUA KOMISI PEMILIHAN UMUM',
    'KABUPATEN MADIUN'): the two lines the signature block prints."""
    upper, region = jabatan.upper().strip(), wilayah.upper().strip()
    if region and upper.endswith(region) and upper != region:
        return upper[: -len(region)].strip(), region
    return upper, ""


_HEADING_RE = re.compile(r"^([A-Z])\. (.{1,80})$")
_ITEM_RE = re.compile(r"^(\d{1,2}\.|[a-z]\.)\s+(.*)$")


def bab_blocks(isi):
    """A chapter's text as blocks: sub-headings ("A. Latar Belakang"), list items ("1." or
    "a.", kept with their marker) and plain paragraphs."""
    blocks = []
    for paragraph in filter(None, (p.strip() for p in isi.split("\n\n"))):
        if m := _HEADING_RE.match(paragraph):
            blocks.append({"jenis": "judul", "penanda": f"{m.group(1)}.", "teks": m.group(2)})
        elif m := _ITEM_RE.match(paragraph):
            level = 2 if m.group(1)[0].isalpha() else 1
            blocks.append(
                {"jenis": "butir", "penanda": m.group(1), "teks": m.group(2), "tingkat": level}
            )
        else:
            blocks.append({"jenis": "paragraf", "teks": paragraph})
    return blocks


def _indikator_rows(rencana, area):
    """An area's indikator rows for the Lampiran table, with a komponen spanning several
    indikator printed once (later rows leave its cells blank, never rowspan). A komponen's
    number stands in the NO column of its first row unless its indikator are numbered too;
    then it stands before its name, so neither number is lost. Its grouping (Pemenuhan /
    Reform, or a kegiatan over sub-headings) is printed above its name."""
    for komponen in area.komponen.all():
        numbered = any(i.nomor for i in komponen.indikator.all())
        for i, indikator in enumerate(komponen.indikator.all()):
            first = i == 0
            shown = first or rencana.komponen_diulang
            name = komponen.nama
            if komponen.nomor and numbered:
                name = f"{komponen.nomor} {name}".strip()
            yield {
                "jenis": "indikator",
                "indikator": indikator,
                "nomor": komponen.nomor
                if first and komponen.nomor and not numbered
                else indikator.nomor,
                "komponen": name if shown else "",
                "kelompok": komponen.kelompok if shown else "",
                "lanjutan": not first and not rencana.komponen_diulang,
            }


def _keputusan_context(rencana, mode, butir, static_prefix, verification_url=""):
    satker = rencana.satker
    return {
        "rencana": rencana,
        "satker": satker,
        "mode": mode,
        "Mode": Dokumen.Mode,
        "butir": butir,
        "kop": _split_title(satker.nama_lengkap, satker.wilayah),
        "jabatan": _split_title(rencana.penandatangan_jabatan, satker.wilayah),
        "salinan_unit": _split_title(rencana.salinan_unit, satker.wilayah),
        "judul_keputusan": f"KEPUTUSAN {satker.nama_lengkap.upper()}",
        "static_prefix": static_prefix,
        "logo_url": _logo_url(satker, static_prefix),
        "qr_svg": _qr_svg(verification_url) if mode == Dokumen.Mode.TTE else "",
    }


def _logo_url(satker, static_prefix):
    if not satker.logo:
        return f"{static_prefix}img/logo-placeholder.svg"
    if static_prefix == STATIC_SCHEME:
        return f"{LOGO_SCHEME}{Path(satker.logo.name).name}"
    # The browser preview takes it from the office's logo page, behind the same checks.
    return reverse("tim:logo", args=[satker.pk])


def document_context(rencana, mode, verification_url=""):
    """Everything the two print templates need, read with a fixed number of queries."""
    context = _keputusan_context(
        rencana, mode, keputusan_butir(rencana), STATIC_SCHEME, verification_url
    )
    areas = rencana_lampiran(rencana)
    for area in areas:
        area.baris = list(_indikator_rows(rencana, area))
    # One table with area rows (Merangin) walks this flat list; one table per area, area.baris.
    rows = [row for area in areas for row in ({"jenis": "area", "area": area}, *area.baris)]
    columns = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
    if rencana.kolom_target_capaian:
        columns.append("TARGET CAPAIAN")
    context.update(
        {
            "bab_list": [
                {"bab": bab, "blocks": bab_blocks(bab.isi)}
                for bab in rencana.bab.order_by("urutan")
            ],
            "areas": areas,
            "rows": rows,
            "columns": columns,
        }
    )
    return context


def render_preview_html(rencana, butir):
    """The Keputusan part as a web page, for the live preview beside the edit form."""
    context = _keputusan_context(rencana, Dokumen.Mode.DRAF, butir, settings.STATIC_URL)
    context["pratinjau"] = True
    with translation.override("id"):
        return render_to_string("pdf/keputusan.html", context)


def _qr_svg(data):
    image = qrcode.make(data or "-", image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)


def render_html(rencana, mode, verification_url=""):
    """The two parts' HTML: (keputusan, lampiran)."""
    context = document_context(rencana, mode, verification_url)
    # Dates print as "16 April 2026" whatever language the caller runs in.
    with translation.override("id"):
        return (
            render_to_string("pdf/keputusan.html", context),
            render_to_string("pdf/lampiran.html", context),
        )


def render_pdf(rencana, mode, verification_url="", fetcher=None):
    """Render the Keputusan followed by its Lampiran as PDF bytes."""
    if mode not in MODES:
        raise ValueError(f"Mode tidak dikenal: {mode}")
    fetcher = fetcher or StaticOnlyFetcher()
    parts = [
        HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=fetcher).render()
        for html in render_html(rencana, mode, verification_url)
    ]
    document = parts[0].copy([page for part in parts for page in part.pages])
    return document.write_pdf()


def preview_images(pdf_path, stem, pages=2):
    """PNG images of the first pages (poppler's pdftoppm), stored beside the documents under
    MEDIA_ROOT; returns their names relative to MEDIA_ROOT."""
    folder = Path(settings.MEDIA_ROOT) / "pratinjau"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "45",
            "-f",
            "1",
            "-l",
            str(pages),
            str(pdf_path),
            str(folder / stem),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(f"pratinjau/{p.name}" for p in folder.glob(f"{stem}-*.png"))
