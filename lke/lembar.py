"""The LKE worksheet question by question, read from the CSV files a regulation's worksheet is
kept in (rincian, subrincian, pilar, subpilar, pertanyaan, opsi, dokumenlke), and added to a
framework's data (the shape of fixtures/lke/*.json). No database here.

Codes nest: `PPA1B` is question B of sub-komponen `PPA1`, of half `PPA` (Manajemen perubahan,
pemenuhan) of `PP` (Pemenuhan). The framework keeps its areas in the worksheet's order, so the
n-th area's halves are `PP` + the n-th letter and `PR` + the n-th letter."""

import csv
from decimal import Decimal
from pathlib import Path

# The worksheet's Hasil lines and the framework's own names for them.
HASIL = {"HBA": "ipak", "HBB": "capaian", "HPA": "ipkp"}
# lke-2021/README: the source gives 1.50 as the WBBM minimum of both halves of Peningkatan
# kualitas pelayanan publik, where the 75 % rule every other half follows gives 3.75.
SLIP_WBBM = {"PPF": Decimal("3.75"), "PRF": Decimal("3.75")}


def _rows(folder, name):
    with (Path(folder) / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _angka(text):
    return float(Decimal(text.strip()))


def _subpilar_of(row, known):
    """A question's sub-komponen: the one it names, or, where it names none that exists (the
    2021 source gives PRB4 and PRB5 for PRB3B and PRB3C), the one its code nests in."""
    if row["subpilar"] in known:
        return row["subpilar"]
    if row["kode"][:-1] in known:
        return row["kode"][:-1]
    raise ValueError(f"pertanyaan {row['kode']}: sub-komponen {row['subpilar']} tidak ada")


def lembar_baca(folder):
    """{'pilar': {kode: row}, 'subpilar': [...], 'pertanyaan': {subpilar: [...]}, 'opsi':
    {pertanyaan: [...]}, 'dokumen': {pertanyaan: [...]}} from the worksheet's CSV files."""
    out = {"pilar": {}, "subpilar": [], "pertanyaan": {}, "opsi": {}, "dokumen": {}}
    for row in _rows(folder, "pilar"):
        out["pilar"][row["kode"]] = row
    out["subpilar"] = _rows(folder, "subpilar")
    known = {row["kode"] for row in out["subpilar"]}
    for row in _rows(folder, "pertanyaan"):
        out["pertanyaan"].setdefault(_subpilar_of(row, known), []).append(row)
    for row in _rows(folder, "opsi"):
        out["opsi"].setdefault(row["pertanyaan"], []).append(row)
    for row in _rows(folder, "dokumenlke"):
        out["dokumen"].setdefault(row["pertanyaan"], []).append(row)
    return out


def _pertanyaan(kode, teks, bobot, lembar):
    opsi = [
        {
            "kode": o["kode"],
            "teks": " ".join(o["rincian"].split()),
            "nilai": _angka(o["nilai"]),
            "jenis": "angka" if o["jenis"] == "input" else "pilihan",
        }
        for o in lembar["opsi"].get(kode, [])
    ]
    return {
        "kode": kode,
        "teks": " ".join(teks.split()),
        "bobot": _angka(bobot),
        "jenis": "angka" if any(o["jenis"] == "angka" for o in opsi) else "pilihan",
        "opsi": opsi,
        "dokumen": [
            {"kode": d["kode"], "teks": " ".join(d["dokumen"].split()).rstrip(";")}
            for d in lembar["dokumen"].get(kode, [])
        ],
    }


def _minimum(pilar):
    kode = pilar["kode"]
    return {
        "WBK": _angka(pilar["min_wbk"]),
        "WBBM": float(SLIP_WBBM.get(kode, Decimal(pilar["min_wbbm"]))),
    }


def kerangka_dengan_lembar(data, lembar):
    """The framework's data with the worksheet added: each area its halves' codes and
    minimums, each sub-komponen its code and questions (with options and documents), each
    Hasil line its code and options. The framework's sub-komponen must stand in the
    worksheet's order and weights; a mismatch is a ValueError naming it."""
    data = {**data, "area": [dict(a) for a in data["area"]], "hasil": list(data.get("hasil", []))}
    by_half = {}
    for row in lembar["subpilar"]:
        by_half.setdefault(row["pilar"], []).append(row)
    for n, area in enumerate(data["area"]):
        letter = chr(ord("A") + n)
        halves = {"pemenuhan": f"PP{letter}", "reform": f"PR{letter}"}
        area["kode_lke"] = halves
        area["minimum"] = {jenis: _minimum(lembar["pilar"][kode]) for jenis, kode in halves.items()}
        subs = []
        for jenis, kode in halves.items():
            ours = [dict(s) for s in area["sub"] if s["jenis"] == jenis]
            theirs = by_half.get(kode, [])
            if len(ours) != len(theirs):
                raise ValueError(
                    f"{area['nama']} {jenis}: {len(ours)} sub-komponen, lembar {kode} {len(theirs)}"
                )
            for sub, row in zip(ours, theirs, strict=True):
                if Decimal(str(sub["bobot"])) != Decimal(row["bobot"]):
                    raise ValueError(f"{row['kode']}: bobot {sub['bobot']} ≠ {row['bobot']}")
                sub["kode_lke"] = row["kode"]
                sub["nama_lengkap"] = " ".join(row["nama"].split())
                sub["pertanyaan"] = [
                    _pertanyaan(q["kode"], q["pertanyaan"], q["bobot"], lembar)
                    for q in lembar["pertanyaan"].get(row["kode"], [])
                ]
                subs.append(sub)
        area["sub"] = subs
    codes = {ours: theirs for theirs, ours in HASIL.items()}
    hasil = []
    for line in data["hasil"]:
        line = dict(line)
        kode = codes[line["kode"]]
        pilar = lembar["pilar"][kode]
        line["kode_lke"] = kode
        line["pertanyaan"] = [_pertanyaan(kode, pilar["nama"], "1", lembar)]
        hasil.append(line)
    data["hasil"] = hasil
    return data
