"""How numbers and times read on every page, in the export texts and in messages: one place so
a size or a time looks the same wherever it appears."""

from django.utils import timezone
from django.utils.formats import date_format

WAKTU = "j F Y H.i"  # 16 April 2026 14.05: every date with a time, on every page


def ukuran_berkas(n):
    """A file size as people read it: "32 byte", "1,5 KB", "25 MB". Below a kilobyte the
    exact count (a 32-byte file is not "1 KB"); above, one decimal where it matters."""
    n = int(n)
    if n < 1024:
        return f"{n} byte"
    for unit, size in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if n < size * 1024 or unit == "GB":
            value = n / size
            text = f"{value:.1f}".removesuffix(".0")
            return f"{text.replace('.', ',')} {unit}"
    raise AssertionError("unreachable")


def waktu(value):
    """A moment in the site's time zone, in the one format of WAKTU."""
    return date_format(timezone.localtime(value), WAKTU)


def sejak(value, now=None):
    """How long ago, in words: "baru saja" under a minute, then minutes, hours, days; past a
    week, the date itself."""
    now = now or timezone.now()
    seconds = (now - value).total_seconds()
    if seconds < 60:
        return "baru saja"
    if seconds < 3600:
        return f"{int(seconds // 60)} menit lalu"
    if seconds < 86400:
        return f"{int(seconds // 3600)} jam lalu"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)} hari lalu"
    return date_format(timezone.localtime(value), "j F Y")
