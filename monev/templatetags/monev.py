import functools
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ..progress import BERBOBOT, GABUNGAN, METRIC_LABELS, RATA_RATA

register = template.Library()


@register.filter
def angka(progres, metric):
    """progres|angka:"terkumpul" → that number (templates cannot index with a variable)."""
    return progres[metric]


@register.simple_tag
def drill(rencana, filtr, jenis, **overrides):
    """URL of the drill-down list behind a figure, keeping the page's filters."""
    return f"{_url(rencana, 'monev:drilldown')}?{filtr.query(jenis=jenis, **overrides)}"


@register.simple_tag
def dasbor(rencana, filtr, **overrides):
    """URL of the dashboard with the page's filters changed by `overrides`."""
    return f"{_url(rencana, 'monev:dashboard')}?{filtr.query(**overrides)}"


def _url(rencana, name):
    """reverse() of a plan's page, once per plan object: a dashboard links some 150 figures."""
    from django.urls import reverse

    known = rencana.__dict__.setdefault("_monev_url", {})
    if name not in known:
        known[name] = reverse(name, args=[rencana.pk])
    return known[name]


# Where each number's parts are listed: (numerator list, denominator list).
PARTS = {
    "terkumpul": ("terkumpul", "semua"),
    "terverifikasi": ("terverifikasi", "semua"),
    "jatuh_tempo_terverifikasi": ("jatuh_tempo_terverifikasi", "jatuh_tempo"),
    "tepat_waktu": ("tepat_waktu", "jatuh_tempo"),
    "langkah": ("langkah_selesai", "langkah"),
}


@register.filter
def bagian(metric, index):
    return PARTS[metric][int(index)]


# One figure card. Drawn here rather than by an included template: a dashboard draws 35 of
# them, and the template engine spent most of the page's drawing time on their variables.
# What is the same on every card of a metric (its label, unit, colour) is written and escaped
# once, below; a card then escapes only its two links, the rest being numbers of ours.
KARTU = (
    '<div class="{kolom}"><div class="angka-kartu" data-metric="{metric}">'
    '<div class="d-flex justify-content-between align-items-baseline">'
    '<span class="small fw-semibold">{label}</span>'
    '<span class="fs-5 fw-bold" data-testid="persen-{metric}">{{teks}}</span></div>'
    '<div class="progress" role="progressbar" aria-label="{label}" aria-valuemin="0" '
    'aria-valuemax="100" aria-valuenow="{{lebar}}" aria-valuetext="{{teks}}">'
    '<div class="progress-bar warna-{metric} lebar-{{lebar}}"></div></div>'
    '<div class="small text-body-secondary"><a href="{{url_pembilang}}" '
    'data-testid="jumlah-{metric}">{{pembilang}}</a> dari <a href="{{url_penyebut}}">'
    "{{penyebut}}</a> {satuan}{{cara}}</div></div></div>"
)
CARA = ' · <a href="#h-rumus" class="text-body-secondary" data-testid="cara-{metric}">{teks}</a>'
CARA_TEKS = {BERBOBOT: "rata-rata berbobot", RATA_RATA: "rata-rata satker"}


@functools.lru_cache(maxsize=64)
def _kartu(metric, kolom):
    """The card of `metric` in a `kolom` column, its fixed parts filled in and escaped: a
    str.format template of the numbers and links."""
    fixed = {
        "kolom": kolom,
        "metric": metric,
        "label": METRIC_LABELS[metric],
        "satuan": "langkah" if metric == "langkah" else "slot",
    }
    return KARTU.format(**{key: escape(value) for key, value in fixed.items()})


@functools.lru_cache(maxsize=64)
def _cara(metric, cara):
    return "" if cara == GABUNGAN else format_html(CARA, metric=metric, teks=CARA_TEKS[cara])


@register.simple_tag
def kartu_angka(rencana, filtr, progres, area_pk=None, kolom="col-6"):
    """The five figure cards of one progress (a plan's or an area's): each number with its
    bar, the lists behind both of its counts, and how it was formed when it is not pooled."""
    base = _url(rencana, "monev:drilldown")
    cards = []
    for metric in METRIC_LABELS:
        a = progres[metric]
        numerator, denominator = PARTS[metric]
        persen = a.persen
        lebar = 0 if persen is None else int(persen.quantize(Decimal(1), ROUND_HALF_UP))
        cards.append(
            _kartu(metric, kolom).format(
                teks=a.teks,  # digits, "," and "%", or "—"
                lebar=lebar,
                url_pembilang=escape(f"{base}?{filtr.query(jenis=numerator, area=area_pk)}"),
                url_penyebut=escape(f"{base}?{filtr.query(jenis=denominator, area=area_pk)}"),
                pembilang=int(a.pembilang),
                penyebut=int(a.penyebut),
                cara=_cara(metric, a.cara),
            )
        )
    return mark_safe("".join(cards))  # fixed parts and links escaped; the rest are numbers
