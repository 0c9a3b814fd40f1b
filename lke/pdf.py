"""The LKE as PDF (A4 landscape, the laporan's stylesheet): the same rows as the workbook."""

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from inti.cetak import STATIC_SCHEME, StaticOnlyFetcher


def lke_pdf(rencana, p, today):
    with translation.override("id"):
        html = render_to_string(
            "pdf/lke.html",
            {"rencana": rencana, "p": p, "today": today, "static_prefix": STATIC_SCHEME},
        )
    return HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=StaticOnlyFetcher()).write_pdf()
