import functools
import html
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

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


def _esc(value):
    """conditional_escape(value) as plain text: safe text as it is, anything else escaped
    (the figure cards and the rows below join many such values and mark them safe once)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


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
    return KARTU.format(**{key: _esc(value) for key, value in fixed.items()})


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
                url_pembilang=_esc(f"{base}?{filtr.query(jenis=numerator, area=area_pk)}"),
                url_penyebut=_esc(f"{base}?{filtr.query(jenis=denominator, area=area_pk)}"),
                pembilang=int(a.pembilang),
                penyebut=int(a.penyebut),
                cara=_cara(metric, a.cara),
            )
        )
    return mark_safe("".join(cards))  # fixed parts and links escaped; the rest are numbers


def _potong(text, length):
    """Truncator(text).chars(length), without walking a text that is short enough: it counts
    at most as many characters as the normalised text is long."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= length else Truncator(text).chars(length)


# The dashboard's repeated rows, drawn here for the same reason as the figure cards: the
# template engine's cost per variable, times some 40 options, 20 list items and 17 table rows.


def _html(template, *args, **kwargs):
    """format_html(template, ...) as plain text, for rows joined and marked safe together:
    the same escaping, without the check for lazy text on each of the page's 400 values."""
    return template.format(
        *(_esc(a) for a in args), **{key: _esc(value) for key, value in kwargs.items()}
    )


def _options(pairs, selected):
    chosen = "" if selected is None else str(selected)
    return mark_safe(  # each option escaped by _html
        "".join(
            _html('<option value="{}"{}>{}</option>', value, _selected(value, chosen), label)
            for value, label in pairs
        )
    )


def _selected(value, chosen):
    return " selected" if str(value) == chosen else ""


@register.simple_tag
def pilihan(choices, selected):
    """The <option>s of (value, label) `choices`, the one whose value reads as `selected`
    marked."""
    return _options(choices, selected)


@register.simple_tag
def pilihan_area(areas, selected):
    """An <option> per area: "nomor. nama", the name cut at 40 characters."""
    return _options(((a.pk, f"{a.nomor}. {_potong(a.nama, 40)}") for a in areas), selected)


@register.simple_tag
def pilihan_orang(people, selected):
    """An <option> per person, by name."""
    return _options(((u.pk, str(u)) for u in people), selected)


_ID_TANDA = 918_273_645_546_372_819  # never a real id; only its digits are looked for
DAFTAR_BARIS = (
    '<li class="mb-1"><a href="{}">{} · {}</a> <span class="badge text-bg-{}">{}</span>{}</li>'
)
DAFTAR_KOSONG = {"terlambat": "Tidak ada yang terlambat.", "segera": "Tidak ada."}
DAFTAR_WARNA = {"terlambat": "danger", "segera": "warning"}


@register.simple_tag
def daftar_indikator(items, jenis, banyak=10):
    """The first `banyak` indikator of a list ("terlambat" or "segera") as <li>s: area number
    and name linking to the indikator, its count of that kind and, for the late list, its
    PIC; a line saying so when there is none."""
    from django.urls import reverse

    # One reverse() for the list: the link of a stand-in id, each row's id put in its place.
    link = reverse("bukti_fisik:indikator", args=[_ID_TANDA])
    rows = []
    for i in items[:banyak]:
        pic = (
            mark_safe(_html(' <span class="text-body-secondary">{}</span>', i.pic or ""))
            if jenis == "terlambat"
            else ""
        )
        rows.append(
            _html(
                DAFTAR_BARIS,
                link.replace(str(_ID_TANDA), str(i.pk)),
                i.komponen.area.nomor,
                _potong(i.nama, 90),
                DAFTAR_WARNA[jenis],
                getattr(i.progres, jenis),
                pic,
            )
        )
    if not rows:
        return format_html("<li>{}</li>", DAFTAR_KOSONG[jenis])
    return mark_safe("".join(rows))  # each row escaped by _html


BARIS_BULAN = (
    '<tr><th scope="row" class="fw-normal">{nama}</th><td><a href="{semua}">{jatuh_tempo}</a>'
    '</td><td><a href="{terverifikasi_url}">{terverifikasi}</a></td><td aria-hidden="true">'
    '<div class="batang"><span class="jt lebar-{lebar_jt}"></span><span class="tv '
    'lebar-{lebar_tv}"></span></div></td></tr>'
)


def _lebar(value, largest):
    """A bar's width class in whole percent of `largest`, as {% widthratio %} rounds it."""
    return int(round(value / largest * 100)) if largest else 0


@register.simple_tag
def baris_bulanan(rencana, filtr, rows):
    """The monthly table's rows (Bulanan.rows): each month's due and verified slots, linked to
    their lists, with its bar."""
    return mark_safe(  # each row escaped by _html
        "".join(
            _html(
                BARIS_BULAN,
                nama=b["nama"],
                semua=drill(rencana, filtr, "semua", periode=b["periode"]),
                jatuh_tempo=b["jatuh_tempo"],
                terverifikasi_url=drill(rencana, filtr, "terverifikasi", periode=b["periode"]),
                terverifikasi=b["terverifikasi"],
                lebar_jt=_lebar(b["jatuh_tempo"], b["maks"]),
                lebar_tv=_lebar(b["terverifikasi"], b["maks"]),
            )
            for b in rows
        )
    )


BARIS_PIC = (
    '<tr><th scope="row" class="fw-normal"><a href="{dasbor}">{pic}</a></th>'
    '<td><a href="{semua}">{slot}</a></td><td><a href="{terverifikasi_url}">{terverifikasi}</a>'
    '</td><td><a href="{terlambat_url}">{terlambat}</a></td></tr>'
)


@register.simple_tag
def baris_pic(rencana, filtr, rows):
    """The per-PIC table's rows: the PIC (or "Belum ditetapkan") linking to the dashboard of
    their indikator, and their slots, verified and late, each linked to its list."""
    return mark_safe(  # each row escaped by _html
        "".join(
            _html(
                BARIS_PIC,
                dasbor=dasbor(rencana, filtr, pic=p["kunci"]),
                pic=p["pic"] or "Belum ditetapkan",
                semua=drill(rencana, filtr, "semua", pic=p["kunci"]),
                slot=p["slot"],
                terverifikasi_url=drill(rencana, filtr, "terverifikasi", pic=p["kunci"]),
                terverifikasi=p["terverifikasi"],
                terlambat_url=drill(rencana, filtr, "terlambat", pic=p["kunci"]),
                terlambat=p["terlambat"],
            )
            for p in rows
        )
    )
