"""Rows keyed by LKE criterion codes, resolved to the worksheet's questions.

Offices number the LKE in many ways: the worksheet's own codes (`PPA1A`), the e-LKE's levels
(`A.` Pengungkit, `I.` Pemenuhan, `1.` the area, `i.` the sub-komponen, `a.` the question,
written as one code `A.1.I.i.a` or as a code and a letter column), or shorter forms (`1.a.1`,
`I.A.1`) without the pemenuhan / reform level, the sub-komponen then counted through the area.
A code alone is ambiguous, so each way of reading the parts is tried on the whole sheet and the
one whose questions' texts best match the rows' criterion texts is taken.

The worksheet is read from the framework file (fixtures/lke/), the same the LKE app loads; this
module only reads it, so the plan app depends on no other app. No database here."""

import functools
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ..kata import kata, paling_cocok

KERANGKA = Path(settings.BASE_DIR) / "fixtures" / "lke" / "permenpanrb-90-2021-5-2024.json"
_KODE_LANGSUNG = re.compile(r"^(P[PR][A-F]\d)([A-Z])$")
_ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}


@dataclass(frozen=True)
class Soal:
    """A worksheet question with where it stands."""

    kode: str  # PPA1A
    teks: str
    area: int  # 1..6, the framework's order
    area_nama: str
    tahap: str  # "pemenuhan" / "reform"
    sub_kode: str  # PPA1
    sub_nama: str


@functools.cache
def lembar():
    """{code: Soal} of the framework's worksheet, and [(area name, keywords)] in order."""
    data = json.loads(KERANGKA.read_text(encoding="utf-8"))
    soal, areas = {}, []
    for n, area in enumerate(data["area"], 1):
        areas.append((area["nama"], tuple(area.get("kata_kunci", []))))
        for sub in area["sub"]:
            for q in sub.get("pertanyaan", []):
                soal[q["kode"]] = Soal(
                    q["kode"],
                    q["teks"],
                    n,
                    area["nama"],
                    sub["jenis"],
                    sub["kode_lke"],
                    sub.get("nama_lengkap") or sub["nama"],
                )
    return soal, tuple(areas)


def area_lke(name):
    """The number (1..6) of the LKE area a heading or name names, else None."""
    areas = lembar()[1]
    return paling_cocok(name, [(n, (nama, *kunci)) for n, (nama, kunci) in enumerate(areas, 1)])


def mirip(a, b):
    """How alike two texts are: the share of the shorter one's words found in the other."""
    wa, wb = kata(a), kata(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _number(token):
    """A part's number: 1 from "1", "i", "I", "a" or "A"."""
    t = token.strip().rstrip(".)")
    if t.isdigit():
        return int(t)
    if t.lower() in _ROMAWI:
        return _ROMAWI[t.lower()]
    if len(t) == 1 and t.isalpha():
        return ord(t.lower()) - 96
    return None


def _is_roman(token):
    return token.strip(".").lower() in _ROMAWI


# Ways to read the parts after a leading A. (Pengungkit), by how many there are.
_POLA = {
    4: (("area", "tahap", "sub", "soal"), ("tahap", "area", "sub", "soal")),
    3: (("area", "sub", "soal"), ("tahap", "area", "sub")),
}


def _parts(code):
    parts = [p for p in re.split(r"[.\s]+", code.strip()) if p]
    if len(parts) >= 4 and parts[0].upper() in ("A", "B") and not _is_roman(parts[0]):
        parts = parts[1:]  # A. Pengungkit / B. Hasil
    return parts


def _resolve(parts, pola, tahap_of_row):
    """The question code the parts give read by `pola`, else None."""
    if len(parts) != len(pola):
        return None
    roles = dict(zip(pola, parts, strict=True))
    numbers = {role: _number(part) for role, part in roles.items()}
    if None in numbers.values():
        return None
    tahap = tahap_of_row
    if "tahap" in roles:
        if not _is_roman(roles["tahap"]) or numbers["tahap"] not in (1, 2):
            return None
        tahap = "pemenuhan" if numbers["tahap"] == 1 else "reform"
    area = numbers["area"]
    if not 1 <= area <= 6:
        return None
    letter = chr(ord("A") + area - 1)
    soal = lembar()[0]
    subs = sorted({s.sub_kode for s in soal.values() if s.area == area}, key=_sub_order)
    if tahap:
        subs = [s for s in subs if s[1] == ("P" if tahap == "pemenuhan" else "R")]
    if not 1 <= numbers["sub"] <= len(subs):
        return None
    sub = subs[numbers["sub"] - 1]
    if "soal" not in numbers:
        return sub
    code = f"{sub}{chr(ord('A') + numbers['soal'] - 1)}"
    return code if code in soal and sub[2] == letter else None


def _sub_order(code):
    return (code[1] != "P", code)  # pemenuhan before reform, then by number


@dataclass
class Baca:
    """How a sheet's codes were read: the question of each row (None where none)."""

    pola: tuple
    soal: list  # per row: Soal or None
    cocok: float  # mean text agreement of the rows read


def baca_kode(rows):
    """Resolve rows [(code, criterion text, tahap from a heading or "")] to questions, by the
    reading that agrees best with the texts; None when no reading finds questions for at
    least half the coded rows."""
    soal = lembar()[0]
    coded = [r for r in rows if r[0]]
    if not coded:
        return None
    direct = [soal.get(_direct(code)) for code, _, _ in rows]
    if sum(s is not None for s in direct) >= len(coded) / 2:
        return Baca(("langsung",), direct, _agreement(rows, direct))
    best = None
    sizes = {len(_parts(code)) for code, _, _ in coded}
    for pola in itertools.chain.from_iterable(_POLA.get(n, ()) for n in sorted(sizes)):
        found = []
        for code, _, tahap in rows:
            key = _resolve(_parts(code), pola, tahap) if code else None
            found.append(soal.get(key) if key and len(key) == 5 else None)
        if sum(s is not None for s in found) < len(coded) / 2:
            continue
        reading = Baca(pola, found, _agreement(rows, found))
        if best is None or reading.cocok > best.cocok:
            best = reading
    return best


def _direct(code):
    m = _KODE_LANGSUNG.match(code.strip().upper().replace(".", ""))
    return m.group(0) if m else None


def _agreement(rows, found):
    scores = [mirip(text, s.teks) for (_, text, _), s in zip(rows, found, strict=True) if s]
    return sum(scores) / len(scores) if scores else 0.0
