"""Reading a target waktu ("Jan 2026", "Triwulan", "Maret- Desember 2026") into a schedule and
the evidence periods of a plan year.

`parse_target_waktu` never raises: text it cannot read becomes a default schedule with a warning,
so a user can correct it. The text itself is never changed; it is part of a legal document.
"""

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAWI = ("I", "II", "III", "IV")

# Spellings seen in decrees, Indonesian and English abbreviations included.
_MONTH_WORDS = {
    1: ("januari", "jan", "january"),
    2: ("februari", "feb", "pebruari", "peb", "february"),
    3: ("maret", "mar", "march"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("agustus", "agu", "agt", "ags", "agst", "aug", "august"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nov", "nop", "nopember"),
    12: ("desember", "des", "dec", "december"),
}
_MONTH_BY_WORD = {word: m for m, words in _MONTH_WORDS.items() for word in words}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_BY_WORD, key=len, reverse=True)) + r")\b\.?")
_YEAR_RE = re.compile(r"(?<![\d.,])(\d{1,4})(?![\d.,%])")
_RANGE_RE = re.compile(r"^\s*(-|–|—|s\.?\s?d\.?|s/d|sampai(\s+dengan)?|hingga)\s*$")
_LIST_RE = re.compile(r"^\s*(,|dan|&|serta)\s*$")

# Recurrence words, from the finest to the coarsest.
_RECURRENCES = (
    ("bulanan", re.compile(r"\b(bulanan|per\s*-?\s*bulan|setiap\s+bulan|tiap\s+bulan|monthly)\b")),
    ("triwulanan", re.compile(r"\b(triwulan(an)?|per\s*-?\s*triwulan|kuartal(an)?|quarterly)\b")),
    ("semesteran", re.compile(r"\b(semester(an)?|per\s*-?\s*semester)\b")),
    ("tahunan", re.compile(r"\b(tahunan|per\s*-?\s*tahun|setiap\s+tahun|yearly|annual)\b")),
)
_UNSPECIFIED_RE = re.compile(r"\b(berkala|berkelanjutan|periodik|rutin|kontinu)\b")
# Month codes as some offices keep them: "B03,B06,B09,B12" (the month's number after a B).
_KODE_BULAN_RE = re.compile(r"^b(0?[1-9]|1[0-2])$")
# Quarters by number: "TW I-IV", "TW II", "Triwulan I dan III", "TW 1 - 4".
_TW_RE = re.compile(r"^(tw|triwulan|q)\s*(.+)$")
_TW_PART_RE = re.compile(r"\b(iv|iii|ii|i|[1-4])\b")
_TAHUN_SAJA_RE = re.compile(r"^(tahun\s+)?(\d{4})$")

JENIS_LABEL = {
    "bulan": "satu bulan",
    "daftar": "beberapa bulan",
    "rentang": "rentang bulan",
    "bulanan": "bulanan",
    "triwulanan": "triwulanan",
    "semesteran": "semesteran",
    "tahunan": "tahunan",
}


@dataclass(frozen=True)
class Jadwal:
    """A schedule. `bulan` holds the month for "bulan", the months for "daftar" and
    (start, end) for "rentang"; recurring schedules have no months."""

    jenis: str
    bulan: tuple = ()
    bawaan: bool = False
    peringatan: tuple = ()

    @property
    def label(self):
        return JENIS_LABEL.get(self.jenis, self.jenis)


@dataclass(frozen=True)
class Periode:
    """One evidence period: evidence for it is due on `jatuh_tempo`, its last day."""

    kode: str
    label: str
    mulai: date
    jatuh_tempo: date


def parse_target_waktu(teks, tahun):
    """Read a target waktu for a plan of year `tahun`; never raises."""
    text = " ".join(str(teks or "").split()).lower()
    warnings = []

    if coded := _month_codes(text):
        if len(coded) == 1:
            return Jadwal("bulan", coded)
        return Jadwal("daftar", coded)
    if quarters := _quarters(text):
        if len(quarters) == 4:
            return Jadwal("triwulanan")
        if len(quarters) == 1:
            return Jadwal("rentang", (3 * quarters[0] - 2, 3 * quarters[0]))
        # Several quarters: evidence at the end of each, as "TW I-IV" gives for all four.
        return Jadwal("daftar", tuple(3 * q for q in quarters))
    if year := _TAHUN_SAJA_RE.match(text):
        # A bare year is the whole year.
        written = year.group(2)
        if written != str(tahun):
            warnings.append(
                f"Tahun «{written}» tidak sama dengan tahun rencana; dibaca sebagai {tahun}."
            )
        return Jadwal("tahunan", (), False, tuple(warnings))

    found = [name for name, pattern in _RECURRENCES if pattern.search(text)]
    if found:
        if len(found) > 1:
            warnings.append(
                f"Beberapa jadwal sekaligus ({', '.join(found)}); dipakai yang paling rapat: "
                f"{found[0]}."
            )
        return Jadwal(found[0], (), False, tuple(warnings))

    months = [(m.start(), m.end(), _MONTH_BY_WORD[m.group(1)]) for m in _MONTH_RE.finditer(text)]
    if months:
        warnings.extend(_year_warnings(text, months, tahun))
        values = [m for _, _, m in months]
        if len(months) == 1:
            return Jadwal("bulan", (values[0],), False, tuple(warnings))
        between = text[months[0][1] : months[1][0]]
        between = _YEAR_RE.sub(" ", between).replace("tahun", " ")
        if len(months) == 2 and _RANGE_RE.match(between):
            start, end = values
            if start > end:
                warnings.append(
                    f"Rentang {BULAN[start - 1]}–{BULAN[end - 1]} terbalik; dibaca "
                    f"{BULAN[end - 1]}–{BULAN[start - 1]}."
                )
                start, end = end, start
            return Jadwal("rentang", (start, end), False, tuple(warnings))
        separators_ok = all(
            _LIST_RE.match(_YEAR_RE.sub(" ", text[a[1] : b[0]]).replace("tahun", " "))
            for a, b in zip(months, months[1:], strict=False)
        )
        if not separators_ok:
            warnings.append("Susunan bulan tidak dikenali; dibaca sebagai daftar bulan.")
        return Jadwal("daftar", tuple(sorted(set(values))), False, tuple(warnings))

    if _UNSPECIFIED_RE.search(text):
        return Jadwal(
            "triwulanan",
            (),
            True,
            ("Jadwal tidak menyebut periode; dipakai bawaan triwulanan, silakan sesuaikan.",),
        )
    shown = str(teks or "").strip() or "(kosong)"
    return Jadwal(
        "tahunan",
        (),
        True,
        (
            f"Target waktu «{shown[:80]}» tidak dapat dibaca; dipakai bawaan tahunan, "
            "silakan sesuaikan.",
        ),
    )


def _month_codes(text):
    """Months written as codes, "B03,B06" (every part a code, else None)."""
    parts = [p for p in re.split(r"[\s,;/]+", text) if p and p not in ("dan", "&")]
    if parts and all(_KODE_BULAN_RE.match(p) for p in parts):
        return tuple(sorted({int(_KODE_BULAN_RE.match(p).group(1)) for p in parts}))
    return None


_QUARTER_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarters(text):
    """The quarters of "TW I-IV", "TW II dan IV", "Triwulan 1 - 3" (sorted), else None."""
    m = _TW_RE.match(text)
    if not m:
        return None
    rest = m.group(2)
    found = [_QUARTER_NUMBER[x] for x in _TW_PART_RE.findall(rest)]
    leftover = _TW_PART_RE.sub(" ", rest)
    leftover = re.sub(r"\b(tw|triwulan|dan|s\.?d\.?|sampai|hingga)\b|[-–,/&\s]|\d{4}", "", leftover)
    if not found or leftover:
        return None
    if re.search(r"[-–]|s\.?d|sampai|hingga", rest) and len(found) == 2:
        return tuple(range(found[0], found[1] + 1))
    return tuple(sorted(set(found)))


def _year_warnings(text, months, tahun):
    """Years written beside the months that are not the plan's year are read as the plan year."""
    warnings = []
    for match in _YEAR_RE.finditer(text):
        written = match.group(1)
        if written != str(tahun):
            warnings.append(
                f"Tahun «{written}» tidak sama dengan tahun rencana; dibaca sebagai {tahun}."
            )
    return warnings


def _last_day(tahun, bulan):
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def _month_period(tahun, m):
    return Periode(
        f"{tahun}-{m:02d}", f"{BULAN[m - 1]} {tahun}", date(tahun, m, 1), _last_day(tahun, m)
    )


# "Segera": a period whose due date falls within this many days from today. One window for the
# dashboards' "jatuh tempo segera" and the reminders alike; an office may set its own
# (Satker.pengingat_hari), this is the default.
SEGERA_HARI = 7


def lewat_tempo(jatuh_tempo, today):
    """The due date has passed (a period due today is not yet late)."""
    return jatuh_tempo < today


def segera(jatuh_tempo, today, hari=SEGERA_HARI):
    """The due date is today or within `hari` days (the office's window)."""
    return today <= jatuh_tempo <= today + timedelta(days=hari)


# Where a due date stands on a day, and how pressing a slot is.
LEWAT, SEGERA, NANTI = "lewat", "segera", "nanti"
TERLAMBAT = "terlambat"


def kedudukan(jatuh_tempo, today, hari=SEGERA_HARI):
    """LEWAT, SEGERA or NANTI: where `jatuh_tempo` stands on `today` (lewat_tempo, and
    segera with the office's window `hari`)."""
    if lewat_tempo(jatuh_tempo, today):
        return LEWAT
    return SEGERA if segera(jatuh_tempo, today, hari) else NANTI


def desakan(jatuh_tempo, today, hari, ada_bukti):
    """How pressing a slot is, the one rule of every page and reminder (the dashboard's
    late and soon lists, Tugas saya, the plan page, the reminders): TERLAMBAT when its due
    date has passed, SEGERA within the office's window, NANTI later, and None once it holds
    evidence that is waiting for review or verified (`ada_bukti`). A slot waiting for review
    after its due date is not late: its upload came, and what remains is the reviewer's,
    whose queue reminds them after three days; a version sent back owes a new upload and is
    late again."""
    if ada_bukti:
        return None
    place = kedudukan(jatuh_tempo, today, hari)
    return TERLAMBAT if place == LEWAT else place


def periods_of(indikator, tahun):
    """The evidence periods of an indikator in its plan's year `tahun`, from its target waktu
    (loaded with it); none when it has no target waktu."""
    target_waktu = getattr(indikator, "target_waktu", None)
    return periods(target_waktu.jadwal, tahun) if target_waktu is not None else ()


@functools.lru_cache(maxsize=1024)
def periods(jadwal, tahun):
    """The evidence periods of `jadwal` in year `tahun`, in date order (a tuple, remembered:
    a plan has a handful of distinct schedules and pages ask for them hundreds of times)."""
    return tuple(_periods(jadwal, tahun))


def _periods(jadwal, tahun):
    if jadwal.jenis == "bulan":
        return [_month_period(tahun, jadwal.bulan[0])]
    if jadwal.jenis == "daftar":
        return [_month_period(tahun, m) for m in jadwal.bulan]
    if jadwal.jenis == "rentang":
        start, end = jadwal.bulan
        return [
            Periode(
                f"{tahun}-{start:02d}..{tahun}-{end:02d}",
                f"{BULAN[start - 1]}–{BULAN[end - 1]} {tahun}",
                date(tahun, start, 1),
                _last_day(tahun, end),
            )
        ]
    if jadwal.jenis == "bulanan":
        return [_month_period(tahun, m) for m in range(1, 13)]
    if jadwal.jenis == "triwulanan":
        return [
            Periode(
                f"{tahun}-T{q}",
                f"Triwulan {ROMAWI[q - 1]} {tahun}",
                date(tahun, 3 * q - 2, 1),
                _last_day(tahun, 3 * q),
            )
            for q in range(1, 5)
        ]
    if jadwal.jenis == "semesteran":
        return [
            Periode(
                f"{tahun}-S{s}",
                f"Semester {ROMAWI[s - 1]} {tahun}",
                date(tahun, 6 * s - 5, 1),
                _last_day(tahun, 6 * s),
            )
            for s in (1, 2)
        ]
    return [Periode(f"{tahun}", f"Tahun {tahun}", date(tahun, 1, 1), date(tahun, 12, 31))]
