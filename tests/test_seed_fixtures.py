"""The fixtures hold both real decrees completely and faithfully: every indikator, langkah aksi,
bukti fisik, target waktu and target capaian, in order, and the Keputusan text."""

import json
from pathlib import Path

import pytest

from .seedtext import MADIUN, MERANGIN, full_text, lampiran, normalize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = [
    (MADIUN, "kpu-kab-madiun-7-2026.json"),
    (MERANGIN, "kpu-kab-merangin-9-2026.json"),
]


def _load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _items(pairs):
    return " ".join(f"{penanda} {teks}" for penanda, teks in pairs)


def _fixture_rows(data):
    """The fixture printed back as the seed's table cells."""
    repeat = data["layout"]["komponen_diulang"]
    for area in data["area"]:
        rows = []
        for komponen in area["komponen"]:
            for i, ind in enumerate(komponen["indikator"]):
                first = i == 0
                nomor = komponen["nomor"] if first and komponen["nomor"] else ind["nomor"]
                cells = [
                    nomor,
                    komponen["nama"] if first or repeat else "",
                    ind["nama"],
                    _items(ind["langkah_aksi"]),
                    # Unnumbered evidence items were one comma-separated cell in print.
                    _items(ind["bukti_fisik"])
                    if any(p for p, _ in ind["bukti_fisik"])
                    else ", ".join(t for _, t in ind["bukti_fisik"]),
                    ind["target_waktu"],
                ]
                if data["layout"]["kolom_target_capaian"]:
                    cells.append(ind["target_capaian"])
                rows.append([normalize(c) for c in cells])
        yield area["nomor"], area["nama"], rows


@pytest.mark.parametrize(("seed", "fixture"), CASES)
def test_every_lampiran_cell_of_the_seed_is_in_the_fixture_in_order(seed, fixture):
    expected = lampiran(seed)
    actual = list(_fixture_rows(_load(fixture)))
    assert [(n, nama) for n, nama, _ in actual] == [(n, nama) for n, nama, _ in expected]
    for (nomor, _, want), (_, _, got) in zip(expected, actual, strict=True):
        assert len(got) == len(want), f"area {nomor}: jumlah indikator"
        for row_want, row_got in zip(want, got, strict=True):
            assert row_got == row_want


def test_madiun_has_seven_areas_and_48_indikator():
    data = _load("kpu-kab-madiun-7-2026.json")
    assert len(data["area"]) == 7
    assert sum(len(k["indikator"]) for a in data["area"] for k in a["komponen"]) == 48
    # Every langkah aksi is its own item, not one block of text.
    langkah = [
        la
        for a in data["area"]
        for k in a["komponen"]
        for i in k["indikator"]
        for la in i["langkah_aksi"]
    ]
    assert len(langkah) == 240 and all(p == "-" and " - " not in t for p, t in langkah)


def test_merangin_komponen_span_several_indikator_and_typos_are_kept():
    data = _load("kpu-kab-merangin-9-2026.json")
    counts = [len(k["indikator"]) for a in data["area"] for k in a["komponen"]]
    assert sum(counts) == 70 and max(counts) > 1
    waktu = [i["target_waktu"] for a in data["area"] for k in a["komponen"] for i in k["indikator"]]
    assert "Januari 2016" in waktu and "Januari 202" in waktu
    assert data["mencabut"] == {
        "nomor": "19",
        "tahun": 2025,
        "tentang": data["mencabut"]["tentang"],
    }
    assert "TAHUN 2025" in data["mencabut"]["tentang"]


@pytest.mark.parametrize(("seed", "fixture"), CASES)
def test_keputusan_text_is_the_seed_text(seed, fixture):
    data = _load(fixture)
    text = full_text(seed)
    for jenis in ("menimbang", "mengingat", "diktum"):
        labels = [label for label, _ in data[jenis]]
        assert labels, jenis
        for label, teks in data[jenis]:
            assert normalize(teks) in text, f"{jenis} {label}"
    assert normalize(data["menetapkan"]) in text
    for field in ("penandatangan_nama", "salinan_nama", "tempat_penetapan"):
        assert data[field] in text
    for bab in data["bab"]:
        for paragraph in bab["isi"].split("\n\n"):
            assert normalize(paragraph) in text


def test_keputusan_item_counts():
    madiun, merangin = _load(CASES[0][1]), _load(CASES[1][1])
    assert [len(madiun[k]) for k in ("menimbang", "mengingat", "diktum")] == [2, 5, 3]
    assert [len(merangin[k]) for k in ("menimbang", "mengingat", "diktum")] == [3, 11, 3]
    assert (madiun["tanggal_penetapan"], merangin["tanggal_penetapan"]) == (
        "2026-04-16",
        "2026-03-06",
    )
    assert merangin["bab"][0]["nomor"] == "BAB I" and merangin["bab"][0]["isi"].startswith(
        "A. Latar Belakang"
    )
