"""Template filters for inti.tampil: {{ n|ukuran }}, {{ t|waktu }}, {{ t|sejak }}."""

from django import template

from inti import tampil

register = template.Library()


@register.filter
def ukuran(value):
    return "" if value in (None, "") else tampil.ukuran_berkas(value)


@register.filter
def waktu(value):
    return "" if value is None else tampil.waktu(value)


@register.filter
def sejak(value):
    return "" if value is None else tampil.sejak(value)
