"""The laporan monev as PDF (A4 landscape), from the same data as the dashboard page."""

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from inti.cetak import STATIC_SCHEME, StaticOnlyFetcher

from .progress import METRIC_LABELS, METRICS, PERIODE_CHOICES


def laporan_monev(rencana, filtr, today, data):
    with translation.override("id"):
        html = render_to_string(
            "pdf/laporan_monev.html",
            {
                "rencana": rencana,
                "filter": filtr,
                "periode_label": dict(PERIODE_CHOICES).get(filtr.periode, ""),
                "today": today,
                "d": data,
                "metrics": [(m, METRIC_LABELS[m]) for m in METRICS],
                "static_prefix": STATIC_SCHEME,
            },
        )
    return HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=StaticOnlyFetcher()).write_pdf()
