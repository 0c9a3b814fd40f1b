"""The importer held to real shapes (tests/korpus.py): every corpus file imports with the
automatic mapping and no edits, to the counts a careful person gets by hand, its sampled cells
arrive word for word, nothing is dropped without the preview saying so, and export → import of
what came in gives the same plan."""

import pytest

from rencana_aksi import services
from rencana_aksi.pertukaran import excel
from rencana_aksi.pertukaran.impor import pratinjau
from rencana_aksi.selectors import rencana_data

from . import korpus
from .factories import SatkerFactory

pytestmark = pytest.mark.django_db


def _counts(areas):
    indikator = [i for a in areas for k in a["komponen"] for i in k["indikator"]]
    return (
        len(areas),
        sum(len(a["komponen"]) for a in areas),
        len(indikator),
        sum(len(i["langkah_aksi"]) for i in indikator),
        sum(len(i["bukti_fisik"]) for i in indikator),
    )


def _cell(areas, place, key):
    a, k, i = place
    area = areas[a]
    if key == "area_nama":
        return area["nama"]
    if key == "area_nomor":
        return area["nomor"]
    komponen = area["komponen"][k]
    if key == "kelompok":
        return komponen.get("kelompok", "")
    ind = komponen["indikator"][i]
    if key in ("langkah_aksi", "bukti_fisik"):
        return [t for _, t in ind[key]]
    if key == "keterangan":
        return [list(x) for x in ind.get("keterangan", [])]
    return ind.get(key, "")


@pytest.fixture
def draft():
    return services.rencana_draft_for(SatkerFactory(slug="kantor-lain"), 2026)


@pytest.mark.parametrize("build", korpus.BUILDERS, ids=lambda b: b.__name__)
def test_a_corpus_file_imports_as_a_person_reads_it(build, draft):
    berkas = build()
    preview = pratinjau(berkas.data, berkas.jenis, draft.satker)
    assert preview.bisa_ditulis, (preview.error, preview.masalah[:5])
    expected = (berkas.area, berkas.komponen, berkas.indikator, berkas.langkah, berkas.bukti)
    assert _counts(preview.areas) == expected
    assert preview.lke == berkas.lke
    assert {k: preview.layout[k] for k in berkas.layout} == berkas.layout
    for place, cells in berkas.sel.items():
        for key, text in cells.items():
            got = _cell(preview.areas, place, key)
            assert (text in got) if isinstance(got, list) else got == text, (place, key, got)
    # Nothing dropped without a word: every column with text is read as something.
    assert not preview.dibuang
    # Written, exported and imported again: the same plan.
    services.rencana_isi_replace(draft, preview.areas, user=None, layout=preview.layout)
    draft.refresh_from_db()
    first = rencana_data(draft)
    again = pratinjau(excel.workbook_bytes(first, first["layout"]), "xlsx", draft.satker)
    assert again.bisa_ditulis, again.masalah[:5]
    assert again.areas == _without_bookkeeping(first["area"])


def _without_bookkeeping(areas):
    """The plan as rencana_data gives it, in the preview's shape (every key present)."""
    out = []
    for a in areas:
        komponen = []
        for k in a["komponen"]:
            indikator = [
                {
                    "nomor": i["nomor"],
                    "nama": i["nama"],
                    "langkah_aksi": i["langkah_aksi"],
                    "bukti_fisik": i["bukti_fisik"],
                    "target_waktu": i["target_waktu"],
                    "target_capaian": i["target_capaian"],
                    "pic": i["pic"],
                    "lke_kode": i.get("lke_kode", ""),
                    "keterangan": i.get("keterangan", []),
                }
                for i in k["indikator"]
            ]
            komponen.append(
                {
                    "nomor": k["nomor"],
                    "nama": k["nama"],
                    "kelompok": k.get("kelompok", ""),
                    "indikator": indikator,
                }
            )
        out.append({"nomor": a["nomor"], "nama": a["nama"], "komponen": komponen})
    return out


def test_an_lke_keyed_sheet_links_every_criterion_without_a_click(client, draft):
    from django.urls import reverse

    from lke.models import Pertanyaan, Tautan
    from rencana_aksi.models import Indikator, Role

    from .factories import MembershipFactory

    preview = pratinjau(korpus.lke_xlsx().data, "xlsx", draft.satker)
    services.rencana_isi_replace(draft, preview.areas, user=None, layout=preview.layout)
    assert [a.nama for a in draft.areas.order_by("urutan")] == [
        "Manajemen Perubahan",
        "Penataan Tatalaksana",
        "Penataan Sistem Manajemen SDM",
        "Penguatan Akuntabilitas",
        "Penguatan Pengawasan",
        "Peningkatan Kualitas Pelayanan Publik",
    ]
    kelompok = set(draft.areas.first().komponen.values_list("kelompok", flat=True))
    assert kelompok == {"Pemenuhan", "Reform"}
    assert not Tautan.objects.exists()
    ketua = MembershipFactory(satker=draft.satker, role=Role.KETUA_TIM).user
    client.force_login(ketua)
    assert client.get(reverse("lke:proyeksi", args=[draft.pk])).status_code == 200
    links = Tautan.objects.filter(indikator__komponen__area__rencana=draft)
    assert links.count() == 110 and not links.filter(dikonfirmasi=False).exists()
    for link in links.select_related("indikator", "sub"):
        question = Pertanyaan.objects.get(kerangka=link.sub.kerangka, kode=link.indikator.lke_kode)
        assert question.sub_id == link.sub_id
    assert Indikator.objects.filter(komponen__area__rencana=draft, lke_kode="PRB3C").exists()


@pytest.mark.parametrize(
    "build,printed",
    [
        # The LKE half above the sub-komponen, the criterion's code in NO.
        (korpus.lke_xlsx, ["A.1.I.i.a", "Pemenuhan", "Penyusunan Tim Kerja", "TW I-IV"]),
        # A numbered komponen over numbered indikator: both numbers printed.
        (korpus.kanwil_xlsx, ["IO.2.2", "K.2 Pelaksanaan Arsip Digital", "B03,B06,B09,B12"]),
    ],
    ids=["lke", "kanwil"],
)
def test_an_imported_plan_prints_its_groupings_and_numbers(build, printed, draft):
    from rencana_aksi.pdf import render_pdf

    from .pdftools import pdf_text, squash

    preview = pratinjau(build().data, "xlsx", draft.satker)
    services.rencana_isi_replace(draft, preview.areas, user=None, layout=preview.layout)
    draft.refresh_from_db()
    text = squash(pdf_text(render_pdf(draft, "draf")))
    for item in printed:
        assert squash(item) in text, item
