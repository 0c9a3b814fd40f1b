import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rencana_aksi.jadwal import parse_target_waktu, periods

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Every distinct target waktu of both seed decrees → (schedule, months, flagged, periods).
SEED_TARGET_WAKTU = {
    # Madiun 7/2026
    "Jan 2026": ("bulan", (1,), False, 1),
    "Feb 2026": ("bulan", (2,), False, 1),
    "Mar 2026": ("bulan", (3,), False, 1),
    "Apr 2026": ("bulan", (4,), False, 1),
    "Mei 2026": ("bulan", (5,), False, 1),
    "Jun 2026": ("bulan", (6,), False, 1),
    "Jul 2026": ("bulan", (7,), False, 1),
    "Berkala": ("triwulanan", (), True, 4),
    "Berkelanjutan": ("triwulanan", (), True, 4),
    "Triwulan": ("triwulanan", (), False, 4),
    "Semesteran": ("semesteran", (), False, 2),
    "Tahunan": ("tahunan", (), False, 1),
    "Bulanan": ("bulanan", (), False, 12),
    # Merangin 9/2026
    "Maret Tahun 2026": ("bulan", (3,), False, 1),
    "Maret 2026": ("bulan", (3,), False, 1),
    "Januari 2026": ("bulan", (1,), False, 1),
    "Februari 2026": ("bulan", (2,), False, 1),
    "April 2026": ("bulan", (4,), False, 1),
    "Juni 2026": ("bulan", (6,), False, 1),
    "Juli 2026": ("bulan", (7,), False, 1),
    "Agustus 2026": ("bulan", (8,), False, 1),
    "Januari 2016": ("bulan", (1,), True, 1),
    "Januari 202": ("bulan", (1,), True, 1),
    "Dari Bulan Januari 2026 sampai dengan Desember 2026": ("rentang", (1, 12), False, 1),
    "Februari sampai dengan Desember 2026": ("rentang", (2, 12), False, 1),
    "Januari 2026 sampai dengan Desember 2026": ("rentang", (1, 12), False, 1),
    "Februari 2026 sampai dengan Desember 2026": ("rentang", (2, 12), False, 1),
    "Januari 2026 - Desember 2026": ("rentang", (1, 12), False, 1),
    "Februari 2026 - Desember 2026": ("rentang", (2, 12), False, 1),
    "Januari 2026-Desember 2026": ("rentang", (1, 12), False, 1),
    "Februari 2026-Desember 2026": ("rentang", (2, 12), False, 1),
    "Februari - Desember 2026": ("rentang", (2, 12), False, 1),
    "Januari-Desember 2026": ("rentang", (1, 12), False, 1),
    "Maret- Desember 2026": ("rentang", (3, 12), False, 1),
    "Maret, Juni, September, Desember 2026": ("daftar", (3, 6, 9, 12), False, 4),
    "Maret, Juni 2026": ("daftar", (3, 6), False, 2),
    "Juni 2026 dan Desember 2026": ("daftar", (6, 12), False, 2),
    "Per-bulan": ("bulanan", (), False, 12),
    "Setiap bulan 2026": ("bulanan", (), False, 12),
    "Perbulan dan Triwulan serta Persemester": ("bulanan", (), True, 12),
}


def _fixture_target_waktu():
    for name in ("kpu-kab-madiun-7-2026.json", "kpu-kab-merangin-9-2026.json"):
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        for area in data["area"]:
            for komponen in area["komponen"]:
                for indikator in komponen["indikator"]:
                    yield indikator["target_waktu"]


def test_table_covers_every_target_waktu_of_both_seeds():
    assert set(_fixture_target_waktu()) == set(SEED_TARGET_WAKTU)


@pytest.mark.parametrize("teks", sorted(SEED_TARGET_WAKTU))
def test_seed_target_waktu(teks):
    jenis, bulan, flagged, count = SEED_TARGET_WAKTU[teks]
    jadwal = parse_target_waktu(teks, 2026)
    assert (jadwal.jenis, jadwal.bulan) == (jenis, bulan)
    assert bool(jadwal.peringatan) is flagged
    assert len(periods(jadwal, 2026)) == count


def test_suspect_years_are_read_as_the_plan_year_and_say_so():
    for teks in ("Januari 2016", "Januari 202"):
        jadwal = parse_target_waktu(teks, 2026)
        (periode,) = periods(jadwal, 2026)
        assert periode.jatuh_tempo == date(2026, 1, 31)
        assert "dibaca sebagai 2026" in jadwal.peringatan[0]


def test_quarters_are_due_at_the_end_of_march_june_september_december():
    due = [p.jatuh_tempo for p in periods(parse_target_waktu("Triwulan", 2026), 2026)]
    assert due == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
    labels = [p.label for p in periods(parse_target_waktu("Triwulanan", 2026), 2026)]
    assert labels == [
        "Triwulan I 2026",
        "Triwulan II 2026",
        "Triwulan III 2026",
        "Triwulan IV 2026",
    ]


def test_range_is_one_period_from_start_to_end_of_last_month():
    (p,) = periods(parse_target_waktu("Februari 2026 sampai dengan Desember 2026", 2026), 2026)
    assert (p.mulai, p.jatuh_tempo, p.label) == (
        date(2026, 2, 1),
        date(2026, 12, 31),
        "Februari–Desember 2026",
    )


def test_february_of_a_leap_year_ends_on_the_29th():
    (p,) = periods(parse_target_waktu("Feb 2028", 2028), 2028)
    assert p.jatuh_tempo == date(2028, 2, 29)


def test_semesters_and_unreadable_text():
    assert [p.label for p in periods(parse_target_waktu("Persemester", 2026), 2026)] == [
        "Semester I 2026",
        "Semester II 2026",
    ]
    jadwal = parse_target_waktu("setelah rapat pleno", 2026)
    assert jadwal.bawaan and jadwal.jenis == "tahunan"
    assert "tidak dapat dibaca" in jadwal.peringatan[0]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.none(),
        st.integers(),
        st.from_regex(
            r"(Jan|Februari|Mar|des|Per-?bulan|Triwulan|s/d|sampai dengan|-|,| dan |\d{1,5}| )+"
        ),
    ),
    st.integers(min_value=1900, max_value=2200),
)
def test_parser_never_raises_and_always_gives_periods(teks, tahun):
    jadwal = parse_target_waktu(teks, tahun)
    result = periods(jadwal, tahun)
    assert result
    assert all(p.mulai <= p.jatuh_tempo and p.mulai.year == tahun for p in result)
    assert all(isinstance(w, str) and w for w in jadwal.peringatan)


# Shapes other offices write (the import corpus): month codes, quarters by number, a bare year.
@pytest.mark.parametrize(
    "teks,jenis,bulan,warned,count",
    [
        ("B03,B06,B09,B12", "daftar", (3, 6, 9, 12), False, 4),
        ("B03, B09", "daftar", (3, 9), False, 2),
        ("B06", "bulan", (6,), False, 1),
        ("TW I-IV", "triwulanan", (), False, 4),
        ("TW I - TW IV", "triwulanan", (), False, 4),
        ("TW II", "rentang", (4, 6), False, 1),
        ("TW I dan III", "daftar", (3, 9), False, 2),
        ("Triwulan 1 - 3", "daftar", (3, 6, 9), False, 3),
        ("2026", "tahunan", (), False, 1),
        ("Tahun 2026", "tahunan", (), False, 1),
        ("2025", "tahunan", (), True, 1),
        ("TW V", "tahunan", (), True, 1),  # no such quarter: the default, flagged
        ("B13", "tahunan", (), True, 1),
    ],
)
def test_other_offices_ways_of_writing_a_target_waktu(teks, jenis, bulan, warned, count):
    jadwal = parse_target_waktu(teks, 2026)
    assert (jadwal.jenis, jadwal.bulan, bool(jadwal.peringatan)) == (jenis, bulan, warned)
    assert len(periods(jadwal, 2026)) == count
