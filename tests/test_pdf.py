"""The Keputusan and Lampiran as real PDFs, read back."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rencana_aksi import pdf
from rencana_aksi.services import rencana_aksi_import

from .factories import plan_data
from .pdftools import assert_in_order, font_names, page_sizes_mm, pdf_text, squash

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = {
    "kpu-kab-madiun": "kpu-kab-madiun-7-2026.json",
    "kpu-kab-merangin": "kpu-kab-merangin-9-2026.json",
}
FOOTER = "ditandatangani secara elektronik"


def _seed(slug):
    return json.loads((FIXTURES / SEEDS[slug]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_every_row_of_the_seed_is_in_the_pdf_in_order(seed_plan, slug):
    rencana = seed_plan(slug)
    text = pdf_text(pdf.render_pdf(rencana, "salinan"))
    data = _seed(slug)
    indikator = [i for a in data["area"] for k in a["komponen"] for i in k["indikator"]]
    assert_in_order([a["nama"] for a in data["area"]], text, "area")
    assert_in_order([i["nama"] for i in indikator], text, "indikator")
    assert_in_order([la for i in indikator for _, la in i["langkah_aksi"]], text, "langkah aksi")
    assert_in_order([b for i in indikator for _, b in i["bukti_fisik"]], text, "bukti fisik")
    assert_in_order([i["target_waktu"] for i in indikator], text, "target waktu")
    assert_in_order(
        [i["target_capaian"] for i in indikator if i["target_capaian"]], text, "target capaian"
    )
    # The Keputusan itself: Menimbang, Mengingat, Menetapkan, diktum, penetapan, names.
    assert_in_order([t for _, t in data["menimbang"]], text, "menimbang")
    assert_in_order([t for _, t in data["mengingat"]], text, "mengingat")
    assert_in_order([data["menetapkan"]] + [t for _, t in data["diktum"]], text, "diktum")
    for needle in (
        f"Ditetapkan di {data['tempat_penetapan']}",
        data["penandatangan_nama"].upper(),
        data["salinan_nama"],
        "Salinan sesuai dengan aslinya",
    ):
        assert squash(needle) in squash(text)


def test_madiun_date_prints_in_indonesian(seed_plan):
    text = pdf_text(pdf.render_pdf(seed_plan("kpu-kab-madiun"), "asli"))
    assert "pada tanggal 16 April 2026" in text


@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_keputusan_is_f4_portrait_and_lampiran_f4_landscape(seed_plan, slug):
    data = pdf.render_pdf(seed_plan(slug), "draf")
    sizes = page_sizes_mm(data)
    portrait = [s for s in sizes if s == (215, 330)]
    landscape = [s for s in sizes if s == (330, 215)]
    assert portrait and landscape and len(portrait) + len(landscape) == len(sizes)
    # All Keputusan pages come first; the first landscape page opens the Lampiran.
    assert sizes == portrait + landscape
    first_lampiran = len(portrait) + 1
    assert pdf_text(data, first_lampiran).lstrip().startswith("LAMPIRAN")
    # Page numbers: none on each part's first page, and the Lampiran restarts at 1.
    assert "- 2 -" in pdf_text(data, 2)
    assert "- 1 -" not in pdf_text(data, first_lampiran)
    assert "- 2 -" in pdf_text(data, first_lampiran + 1)


def test_only_the_vendored_fonts_are_embedded(seed_plan):
    fonts = font_names(pdf.render_pdf(seed_plan("kpu-kab-merangin"), "tte"))
    assert fonts == {("ZI-Bonum", True), ("ZI-Bonum-Bold", True), ("ZI-Heros", True)}


@pytest.mark.parametrize(
    ("mode", "present", "absent"),
    [
        ("draf", ["DRAF"], ["ttd.", "Salinan sesuai", "SALINAN", FOOTER]),
        ("asli", [], ["DRAF", "ttd.", "Salinan sesuai", "SALINAN", FOOTER]),
        ("salinan", ["SALINAN", "ttd.", "Salinan sesuai dengan aslinya"], ["DRAF", FOOTER]),
        ("tte", [FOOTER], ["DRAF", "ttd.", "Salinan sesuai", "SALINAN"]),
    ],
)
def test_each_mode_shows_its_marks_and_nothing_of_the_others(seed_plan, mode, present, absent):
    rencana = seed_plan("kpu-kab-madiun")
    data = pdf.render_pdf(rencana, mode, verification_url="http://zi.test/verifikasi/abc/")
    pages = len(page_sizes_mm(data))
    text = pdf_text(data)
    for needle in present:
        assert needle in text, needle
    for needle in absent:
        assert needle not in text, needle
    if mode in ("draf", "tte"):
        # A watermark and a footer notice are on every page.
        needle = "DRAF" if mode == "draf" else FOOTER
        assert all(needle in pdf_text(data, n) for n in range(1, pages + 1))
    keputusan_html, _ = pdf.render_html(rencana, mode, "http://zi.test/verifikasi/abc/")
    assert ("<svg" in keputusan_html) is (mode == "tte")


def test_merangin_prints_one_table_with_column_numbers_and_komponen_once(seed_plan):
    rencana = seed_plan("kpu-kab-merangin")
    _, lampiran = pdf.render_html(rencana, "asli")
    assert lampiran.count('<table class="lampiran">') == 1
    assert 'class="nomor-kolom"' in lampiran and "rowspan" not in lampiran
    assert "TARGET CAPAIAN" not in lampiran
    # Komponen "4 Perubahan Pola Pikir dan Budaya Kerja" spans two indikator: printed once.
    assert lampiran.count("Perubahan Pola Pikir dan Budaya Kerja") == 1
    assert lampiran.count('class="lanjutan"') > 0


def test_madiun_prints_one_table_per_area_with_target_capaian(seed_plan):
    _, lampiran = pdf.render_html(seed_plan("kpu-kab-madiun"), "asli")
    assert lampiran.count('<table class="lampiran">') == 7
    assert "I. MANAJEMEN PERUBAHAN" in lampiran and "TARGET CAPAIAN" in lampiran
    assert 'class="nomor-kolom"' not in lampiran
    assert lampiran.count("Manajemen Perubahan</td>") == 6  # komponen on every row


def test_plan_text_is_escaped_and_fetches_nothing(office_a):
    data = plan_data(office_a, areas=1, komponen=1, indikator=1)
    evil = '<img src="http://127.0.0.1:9/x">'
    data["area"][0]["komponen"][0]["indikator"][0]["langkah_aksi"] = [["-", evil]]
    data["tentang"] = '<link rel="stylesheet" href="file:///etc/passwd">'
    rencana, _ = rencana_aksi_import(data)
    fetcher = pdf.StaticOnlyFetcher()
    text = pdf_text(pdf.render_pdf(rencana, "asli", fetcher=fetcher))
    assert evil in text
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "file:///etc/passwd",
        "zistatic:../zi_tracker/settings.py",
        "zistatic:/../../etc/hostname",
        "data:text/css,body{}",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    fetcher = pdf.StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    response = fetcher.fetch("zistatic:pdf/dokumen.css")
    assert b"@font-face" in response.read()


def test_render_keputusan_command(seed_plan, tmp_path):
    seed_plan("kpu-kab-madiun")
    output = tmp_path / "madiun.pdf"
    call_command(
        "render_keputusan",
        "--satker",
        "kpu-kab-madiun",
        "--tahun",
        "2026",
        "--mode",
        "draf",
        "--output",
        str(output),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert output.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Tidak ada rencana aksi"):
        call_command(
            "render_keputusan",
            "--satker",
            "kpu-kab-madiun",
            "--tahun",
            "2030",
            "--mode",
            "draf",
            "--output",
            str(output),
        )
