"""Sizes and times read the same everywhere (inti.tampil)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bukti_fisik.uploads import nama_aman
from inti.tampil import sejak, ukuran_berkas, waktu

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 byte"),
        (32, "32 byte"),
        (1023, "1023 byte"),
        (1024, "1 KB"),
        (1536, "1,5 KB"),
        (200_000, "195,3 KB"),
        (50 * 1024 * 1024, "50 MB"),
        (int(20.25 * 1024 * 1024), "20,2 MB"),
        (3 * 1024**3, "3 GB"),
    ],
)
def test_sizes_are_real(n, text):
    assert ukuran_berkas(n) == text


def test_times_in_words_and_in_one_format():
    now = datetime(2026, 4, 16, 14, 5, 30, tzinfo=WIB)
    assert sejak(now - timedelta(seconds=59), now) == "baru saja"
    assert sejak(now - timedelta(minutes=5), now) == "5 menit lalu"
    assert sejak(now - timedelta(hours=3), now) == "3 jam lalu"
    assert sejak(now - timedelta(days=2), now) == "2 hari lalu"
    assert sejak(now - timedelta(days=30), now) == "17 Maret 2026"
    assert waktu(now) == "16 April 2026 14.05"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("CON.pdf", "_CON.pdf"),
        ("aux .pdf", "_aux .pdf"),
        ("LPT9.docx", "_LPT9.docx"),
        ("CONTOH.pdf", "CONTOH.pdf"),
        ("a<b>c.pdf", "a_b_c.pdf"),
        ("laporan.pdf. ", "laporan.pdf"),
    ],
)
def test_safe_display_names(name, safe):
    assert nama_aman(name) == safe
