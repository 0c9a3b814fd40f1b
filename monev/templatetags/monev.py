from django import template

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
