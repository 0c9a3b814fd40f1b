"""Plan exchange: the Lampiran to Excel and back, Word documents in, broken files refused,
the column mapping, next year's plan and adoption, the commands; every page four ways."""

import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from rencana_aksi import services
from rencana_aksi.models import BerkasImpor, Indikator, PemetaanKolom, RencanaAksi, Role
from rencana_aksi.pertukaran import excel
from rencana_aksi.pertukaran.impor import pratinjau
from rencana_aksi.pertukaran.lampiran import KOLOM, items_join
from rencana_aksi.selectors import rencana_data

from . import samples
from .factories import MembershipFactory, SatkerFactory, login_redirect

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = {"madiun": "kpu-kab-madiun-7-2026.json", "merangin": "kpu-kab-merangin-9-2026.json"}


def _fixture(name):
    return json.loads((FIXTURES / SEEDS[name]).read_text(encoding="utf-8"))


def _tree(areas):
    """A Lampiran field by field, as compared."""
    return [
        (
            a["nomor"],
            a["nama"],
            [
                (
                    k.get("nomor", ""),
                    k.get("nama", ""),
                    [
                        (
                            i.get("nomor", ""),
                            i["nama"],
                            [list(x) for x in i.get("langkah_aksi", [])],
                            [list(x) for x in i.get("bukti_fisik", [])],
                            i.get("target_waktu", ""),
                            i.get("target_capaian", ""),
                        )
                        for i in k["indikator"]
                    ],
                )
                for k in a["komponen"]
            ],
        )
        for a in areas
    ]


@pytest.fixture
def draft(db):
    office = SatkerFactory(slug="kpu-kab-tujuan", nama="KPU Kabupaten Tujuan")
    return services.rencana_draft_for(office, 2026)


def _import(rencana, data, jenis="xlsx", pilihan=None):
    preview = pratinjau(data, jenis, rencana.satker, pilihan=pilihan)
    assert preview.bisa_ditulis, (preview.error, preview.masalah[:5])
    services.rencana_isi_replace(rencana, preview.areas, user=None, layout=preview.layout)
    rencana.refresh_from_db()
    return rencana


# ---- export → import


@pytest.mark.parametrize("name", ["madiun", "merangin"])
def test_export_then_import_gives_the_same_plan(seed_plan, draft, name):
    original = seed_plan(f"kpu-kab-{name}")
    exported = rencana_data(original)
    workbook = excel.workbook_bytes(exported, exported["layout"])
    copy = _import(draft, workbook)
    again = rencana_data(copy)
    assert _tree(again["area"]) == _tree(_fixture(name)["area"])
    assert again["layout"] == _fixture(name)["layout"]
    # Importing the same file again into the same draft gives the same plan, nothing doubled.
    copy = _import(draft, workbook)
    assert _tree(rencana_data(copy)["area"]) == _tree(_fixture(name)["area"])
    assert Indikator.objects.filter(komponen__area__rencana=copy).count() == sum(
        len(k["indikator"]) for a in _fixture(name)["area"] for k in a["komponen"]
    )


def test_foreign_workbooks_are_read_without_our_layout_sheet(draft):
    data = _fixture("merangin")
    book = openpyxl.load_workbook(io.BytesIO(excel.workbook_bytes(data, data["layout"])))
    del book[excel.META_SHEET]
    out = io.BytesIO()
    book.save(out)
    # Read as another office's sheet, a line "A; B; C" is three bukti fisik; kept whole (as
    # the user may choose on the preview) it is Merangin's one.
    split = pratinjau(out.getvalue(), "xlsx", draft.satker)
    bukti = [
        b
        for a in split.areas
        for k in a["komponen"]
        for i in k["indikator"]
        for b in i["bukti_fisik"]
    ]
    assert ["", "SKP tahun 2025"] in bukti
    copy = _import(draft, out.getvalue(), pilihan={"utuh": ["LANGKAH AKSI", "BUKTI FISIK"]})
    assert _tree(rencana_data(copy)["area"]) == _tree(data["area"])


def test_export_prints_and_never_writes_a_formula(seed_plan):
    rencana = seed_plan("kpu-kab-madiun")
    indikator = Indikator.objects.filter(komponen__area__rencana=rencana).first()
    indikator.nama = '=HYPERLINK("http://evil.test","klik")'
    indikator.save()
    data = rencana_data(rencana)
    workbook = excel.workbook_bytes(data, data["layout"])
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    sheet = book["I"]
    assert sheet["C3"].value == indikator.nama and sheet["C3"].data_type == "s"
    assert sheet["D3"].value.startswith("- Menyusun") and sheet["D3"].quotePrefix
    assert [c.value for c in sheet[2]] == [c for c in KOLOM if c != "AREA"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$2:$2"
    assert sheet["D3"].alignment.wrap_text
    assert book[excel.META_SHEET].sheet_state == "hidden"


def test_blank_template_reads_as_one_example_row(draft):
    preview = pratinjau(excel.template_bytes(), "xlsx", draft.satker)
    assert preview.bisa_ditulis and preview.jumlah_indikator == 1
    copy = _import(draft, excel.template_bytes())  # a layout it does not name stays as it was
    assert (copy.komponen_diulang, copy.baris_nomor_kolom) == (True, False)


# ---- Word


def _docx_table(document, rows, header=True, capaian=False):
    columns = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
    columns += ["TARGET CAPAIAN"] if capaian else []
    table = document.add_table(rows=0, cols=len(columns))
    if header:
        for cell, name in zip(table.add_row().cells, columns, strict=True):
            cell.text = name
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return table


def _indikator_cells(komponen, ind, first, diulang, capaian=False):
    no = komponen.get("nomor") if first and komponen.get("nomor") else ind.get("nomor", "")
    cells = [
        no,
        komponen.get("nama", "") if first or diulang else "",
        ind["nama"],
        items_join(ind["langkah_aksi"]),
        items_join(ind["bukti_fisik"]),
        ind["target_waktu"],
    ]
    return [*cells, ind["target_capaian"]] if capaian else cells


def test_word_import_of_the_madiun_lampiran_gives_the_fixture(draft):
    data = _fixture("madiun")
    document = Document()
    document.add_paragraph("LAMPIRAN KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MADIUN")
    for n, area in enumerate(data["area"]):
        document.add_paragraph(f"{area['nomor']}. {area['nama']}")
        rows = [
            _indikator_cells(k, ind, j == 0, True, capaian=True)
            for k in area["komponen"]
            for j, ind in enumerate(k["indikator"])
        ]
        if n == 0:
            # A page break in the middle of the second row's steps, mid-item, as in the seed:
            # the rest continues in a new table without a header.
            steps = rows[1][3]
            cut = steps.index(" ", len(steps) // 2)
            head, tail = steps[:cut], steps[cut + 1 :]
            second = [*rows[1][:3], head, *rows[1][4:]]
            _docx_table(document, [rows[0], second], capaian=True)
            document.add_page_break()
            _docx_table(
                document, [["", "", "", tail, "", "", ""], *rows[2:]], header=False, capaian=True
            )
        else:
            _docx_table(document, rows, capaian=True)
    out = io.BytesIO()
    document.save(out)
    copy = _import(draft, out.getvalue(), "docx")
    assert _tree(rencana_data(copy)["area"]) == _tree(data["area"])


def test_word_import_of_merangins_one_table(draft):
    data = _fixture("merangin")
    document = Document()
    table = _docx_table(document, [["1", "2", "3", "4", "5", "6"]])  # column numbers row
    for area in data["area"]:
        cells = table.add_row().cells
        merged = cells[1].merge(cells[5])  # the area name spans the row
        cells[0].text, merged.text = area["nomor"], area["nama"]
        for k in area["komponen"]:
            for j, ind in enumerate(k["indikator"]):
                for cell, value in zip(
                    table.add_row().cells, _indikator_cells(k, ind, j == 0, False), strict=True
                ):
                    cell.text = value
    out = io.BytesIO()
    document.save(out)
    # Merangin's "A; B; C" bukti is one item in its decree: kept whole, as on the preview.
    whole = {"utuh": ["BUKTI FISIK"]}
    copy = _import(draft, out.getvalue(), "docx", pilihan=whole)
    assert _tree(rencana_data(copy)["area"]) == _tree(data["area"])


# ---- broken files


def _book(rows, *, merge=None, title="I", heading="I. MANAJEMEN PERUBAHAN"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    if heading:
        sheet.append([heading])
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
ROW = ["1", "Manajemen Perubahan", "Tim ZI terbentuk", "- Menyusun SK", "SK Tim", "Jan 2026"]


def _merge_bomb(data):
    """A workbook whose sheet declares one merge over the whole sheet (17 billion cells)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                    b"</mergeCells>",
                )
            target.writestr(info, body)
    return out.getvalue()


def _with_part(data, name, body, replace=None):
    """An Office file with one part added, or replaced (`replace` names it)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != replace:
                target.writestr(info, source.read(info))
        target.writestr(name, body)
    return out.getvalue()


def _docx(rows):
    document = Document()
    document.add_paragraph("I. MANAJEMEN PERUBAHAN")
    _docx_table(document, rows, header=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def _plain_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("catatan.txt", "bukan lampiran")
    return out.getvalue()


def _zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (150 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    "name,data,says",
    [
        ("tanpa kolom", _book([["A", "B"], ["1", "x"]]), "Baris judul kolom tidak ditemukan"),
        ("bom sel gabungan", _merge_bomb(_book([HEADER, ROW])), "terlalu luas"),
        ("lembar kosong", _book([], heading=None), "tidak berisi baris"),
        ("10.000 baris", _book([HEADER] + [ROW] * 10_000), "Terlalu banyak baris"),
        ("bukan xlsx", samples.pdf_bytes(), "harus berupa buku kerja Excel"),
        ("makro", _with_part(_book([HEADER, ROW]), "xl/vbaProject.bin", b"\0" * 64), "makro"),
        (
            "tautan luar",
            _with_part(
                _book([HEADER, ROW]), "xl/externalLinks/externalLink1.xml", b"<externalLink/>"
            ),
            "tautan eksternal",
        ),
        (
            "entitas xml",
            _with_part(
                _book([HEADER, ROW]),
                "xl/worksheets/sheet1.xml",
                LAUGHS,
                replace="xl/worksheets/sheet1.xml",
            ),
            "rusak",
        ),
        ("makro word", _with_part(_docx([ROW]), "word/vbaProject.bin", b"\0" * 64), "makro"),
        (
            "entitas word",
            _with_part(
                _docx([ROW]),
                "word/document.xml",
                LAUGHS.replace(b"worksheet", b"w:document"),
                replace="word/document.xml",
            ),
            "rusak",
        ),
        ("zip biasa", _plain_zip(), "bukan buku kerja Excel"),
        ("bom zip", _zip_bomb(), "bom zip"),
        ("rumus", _book([HEADER, [*ROW[:2], '=HYPERLINK("http://x")', *ROW[3:]]]), "berisi rumus"),
        (
            "indikator kosong",
            _book([HEADER, ROW, ["2", "Manajemen Perubahan", "", "- A", "B", "Jan"]]),
            "I, baris 4: kolom INDIKATOR kosong.",
        ),
    ],
)
def test_broken_workbooks_are_refused_with_a_reason_and_change_nothing(
    client, office_a, member_of, name, data, says
):
    rencana = services.rencana_draft_for(office_a, 2027)
    client.force_login(member_of(Role.ADMIN))
    upload = client.post(
        reverse("rencana_aksi:impor", args=[rencana.pk]),
        {"berkas": SimpleUploadedFile(f"{name}.xlsx", data)},
        follow=True,
    )
    page = upload.content.decode()
    assert says in page, page[-3000:]
    assert not Indikator.objects.filter(komponen__area__rencana=rencana).exists()
    if BerkasImpor.objects.exists():  # the file was kept for the preview, which refuses it
        item = BerkasImpor.objects.get()
        response = client.post(
            reverse("rencana_aksi:impor_pratinjau", args=[item.pk]), {"aksi": "tulis"}
        )
        assert response.status_code in (302, 400)
        assert not Indikator.objects.filter(komponen__area__rencana=rencana).exists()


# ---- mapping, pages and roles


@pytest.fixture
def spawned(monkeypatch):
    """Background work recorded instead of started; the test runs it as the worker would."""
    from inti import antrean

    jobs = []
    monkeypatch.setattr(antrean, "_spawn", lambda command, args: jobs.append((command, args)))
    return jobs


def test_import_page_maps_a_column_previews_and_writes(
    client, office_a, member_of, spawned, django_capture_on_commit_callbacks
):
    rencana = services.rencana_draft_for(office_a, 2027)
    admin = member_of(Role.ADMIN)
    client.force_login(admin)
    header = ["No.", "Komponen", "Indikator", "Uraian Kegiatan", "Bukti Fisik", "Waktu"]
    data = _book([header, ROW])
    response = client.post(
        reverse("rencana_aksi:impor", args=[rencana.pk]),
        {"berkas": SimpleUploadedFile("kantor.xlsx", data)},
    )
    item = BerkasImpor.objects.get()
    assert response["Location"] == reverse("rencana_aksi:impor_pratinjau", args=[item.pk])
    url = response["Location"]
    page = client.get(url)
    first = page.context["preview"].areas[0]["komponen"][0]["indikator"][0]
    assert page.status_code == 200 and first["langkah_aksi"] == [["-", "Menyusun SK"]]
    # The preview says how it read each column, and why.
    guesses = {t.judul: (t.peran, t.alasan) for t in page.context["preview"].tebakan}
    assert guesses["Uraian Kegiatan"] == ("LANGKAH AKSI", "judul «Uraian Kegiatan»")
    assert 'for="k3">Uraian Kegiatan</label>' in page.content.decode()
    # The user keeps the column as a note instead: remembered for the office's next import.
    client.post(url, {"aksi": "petakan", "kolom:3": "CATATAN"})
    assert PemetaanKolom.objects.get(satker=office_a).kolom["URAIAN KEGIATAN"] == "CATATAN"
    first = client.get(url).context["preview"].areas[0]["komponen"][0]["indikator"][0]
    assert first["langkah_aksi"] == [] and first["keterangan"] == [
        ["Uraian Kegiatan", "- Menyusun SK"]
    ]
    client.post(url, {"aksi": "petakan", "kolom:3": "LANGKAH AKSI"})
    preview = client.get(url).context["preview"]
    assert preview.areas[0]["komponen"][0]["indikator"][0]["langkah_aksi"] == [["-", "Menyusun SK"]]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"aksi": "tulis"})
        again = client.post(url, {"aksi": "tulis"})  # a second click queues nothing more
    assert done["Location"] == url and again.status_code == 200
    assert not Indikator.objects.filter(komponen__area__rencana=rencana).exists()
    waiting = client.get(url).content.decode()
    assert "Menunggu giliran" in waiting and 'hx-trigger="every 1s"' in waiting
    status_url = reverse("rencana_aksi:impor_status", args=[item.pk])
    assert b"Menunggu giliran" in client.get(status_url).content
    queued = list(spawned)
    assert queued == [("tulis_impor", [str(item.pk), str(admin.pk)])]
    call_command(queued[0][0], *queued[0][1])  # what the worker runs
    moved = client.get(status_url)
    assert moved.status_code == 204 and moved["HX-Redirect"] == url
    shown = client.get(url, follow=True)
    assert shown.redirect_chain[-1][0] == reverse("rencana_aksi:detail", args=[rencana.pk])
    assert "Lampiran diimpor: 1 area, 1 indikator." in shown.content.decode()
    assert Indikator.objects.get(komponen__area__rencana=rencana).nama == "Tim ZI terbentuk"
    assert not BerkasImpor.objects.exists()
    # The same job run again (a queue may deliver twice) finds nothing waiting.
    call_command(queued[0][0], *queued[0][1])
    assert Indikator.objects.filter(komponen__area__rencana=rencana).count() == 1


def test_a_failed_write_is_told_and_can_be_tried_again(
    client, office_a, member_of, spawned, django_capture_on_commit_callbacks
):
    rencana = services.rencana_draft_for(office_a, 2027)
    admin = member_of(Role.ADMIN)
    client.force_login(admin)
    client.post(
        reverse("rencana_aksi:impor", args=[rencana.pk]),
        {"berkas": SimpleUploadedFile("kantor.xlsx", _book([HEADER, ROW]))},
    )
    item = BerkasImpor.objects.get()
    url = reverse("rencana_aksi:impor_pratinjau", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"aksi": "tulis"})
    # Meanwhile the plan was adopted: the worker refuses, and nothing is written.
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=RencanaAksi.Status.DITETAPKAN)
    call_command("tulis_impor", item.pk, admin.pk)
    item.refresh_from_db()
    assert item.status == BerkasImpor.Status.GAGAL and "sudah ditetapkan" in item.pesan
    page = client.get(url).content.decode()
    assert "Tidak ada yang ditulis. Rencana ini sudah ditetapkan" in page
    assert not Indikator.objects.filter(komponen__area__rencana=rencana).exists()
    # Back to draft, the same preview can be confirmed again.
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=RencanaAksi.Status.DRAF)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"aksi": "tulis"})
    call_command("tulis_impor", item.pk, admin.pk)
    assert "Lampiran diimpor" in client.get(url, follow=True).content.decode()
    assert len(spawned) == 2


def test_an_adopted_plan_refuses_imports(client, plan_a, member_of):
    client.force_login(member_of(Role.ADMIN))
    response = client.post(
        reverse("rencana_aksi:impor", args=[plan_a.pk]),
        {"berkas": SimpleUploadedFile("a.xlsx", _book([HEADER, ROW]))},
    )
    assert response.status_code == 400 and "sudah ditetapkan" in response.content.decode()
    with pytest.raises(services.PertukaranError):
        services.rencana_isi_replace(plan_a, [], user=None)


def test_exchange_pages_four_ways(client, plan_a, office_a, outsider, member_of):
    draft_plan = services.rencana_draft_for(office_a, 2027)
    get_urls = [
        reverse("rencana_aksi:ekspor", args=[plan_a.pk]),
        reverse("rencana_aksi:impor", args=[draft_plan.pk]),
    ]
    post_urls = [
        (reverse("rencana_aksi:tahun_berikut", args=[plan_a.pk]), {}),
        (reverse("rencana_aksi:tetapkan", args=[draft_plan.pk]), {}),
        (reverse("rencana_aksi:rencana_baru"), {"satker": office_a.pk, "tahun": 2030}),
    ]
    for url in get_urls:
        assert login_redirect(client.get(url))
    for url, data in post_urls:
        assert login_redirect(client.post(url, data))
    client.force_login(outsider)
    for url in get_urls:
        assert client.get(url).status_code == 404
    for url, data in post_urls:
        assert client.post(url, data).status_code == 404
    for role in (Role.ANGGOTA, Role.PIMPINAN, Role.KETUA_TIM):
        client.force_login(member_of(role))
        for url in get_urls:
            assert client.get(url).status_code == 403, (role, url)
        for url, data in post_urls:
            assert client.post(url, data).status_code == 403, (role, url)
    assert RencanaAksi.objects.filter(satker=office_a).count() == 2
    client.force_login(member_of(Role.SEKRETARIAT))
    assert client.get(get_urls[0]).status_code == 200  # prints the decree, may export it
    assert client.get(get_urls[1]).status_code == 403
    client.force_login(member_of(Role.ADMIN))
    response = client.get(get_urls[0])
    assert response.status_code == 200 and response["Content-Type"] == excel.CONTENT_TYPE
    assert client.get(get_urls[1]).status_code == 200
    assert client.post(*post_urls[2]).status_code == 302
    assert RencanaAksi.objects.filter(satker=office_a, tahun=2030, status="draf").exists()
    template = client.get(reverse("rencana_aksi:templat"))
    assert template.status_code == 200 and template["Content-Type"] == excel.CONTENT_TYPE


# ---- next year's plan


def test_next_years_plan_then_adoption(client, seed_plan):
    from .evidence import first_bukti, upload

    madiun = seed_plan("kpu-kab-madiun")
    admin = MembershipFactory(satker=madiun.satker, role=Role.ADMIN).user
    anggota = MembershipFactory(satker=madiun.satker, role=Role.KETUA_TIM).user
    upload(first_bukti(madiun), "2026-01", anggota)
    client.force_login(admin)
    response = client.post(reverse("rencana_aksi:tahun_berikut", args=[madiun.pk]))
    nxt = RencanaAksi.objects.get(satker=madiun.satker, tahun=2027)
    assert response["Location"] == reverse("rencana_aksi:detail", args=[nxt.pk])
    assert (nxt.status, nxt.mencabut, nxt.nomor) == ("draf", madiun, "")
    old_tree, new_tree = rencana_data(madiun), rencana_data(nxt)
    first_old = old_tree["area"][0]["komponen"][0]["indikator"][0]
    first_new = new_tree["area"][0]["komponen"][0]["indikator"][0]
    assert (first_old["target_waktu"], first_new["target_waktu"]) == ("Jan 2026", "Jan 2027")
    assert new_tree["area"][0]["komponen"][0]["indikator"][0]["nama"] == first_old["nama"]
    assert not Indikator.objects.filter(komponen__area__rencana=nxt, slot__isnull=False).exists()
    diktum = [teks for _, teks in new_tree["diktum"]]
    assert any(
        "Nomor 7 Tahun 2026" in t and "dicabut dan dinyatakan tidak berlaku" in t for t in diktum
    )
    assert [label for label, _ in new_tree["diktum"]][:2] == ["KESATU", "KEDUA"]
    assert (
        client.post(reverse("rencana_aksi:tahun_berikut", args=[madiun.pk]), follow=True)
        .content.decode()
        .count("sudah ada")
    )

    refused = client.post(reverse("rencana_aksi:tetapkan", args=[nxt.pk]), follow=True)
    assert "Isi nomor dan tanggal penetapan" in refused.content.decode()
    RencanaAksi.objects.filter(pk=nxt.pk).update(nomor="3", tanggal_penetapan="2027-01-05")
    client.post(reverse("rencana_aksi:tetapkan", args=[nxt.pk]))
    madiun.refresh_from_db()
    nxt.refresh_from_db()
    assert (madiun.status, nxt.status) == ("dicabut", "ditetapkan")
    # The old plan stays readable, with its evidence.
    assert client.get(reverse("rencana_aksi:detail", args=[madiun.pk])).status_code == 200
    indikator = Indikator.objects.filter(komponen__area__rencana=madiun).first()
    assert client.get(reverse("bukti_fisik:indikator", args=[indikator.pk])).status_code == 200


# ---- commands


def test_export_and_import_commands(seed_plan, tmp_path):
    seed_plan("kpu-kab-merangin")
    target = SatkerFactory(slug="kpu-kab-salinan")
    out = tmp_path / "merangin.xlsx"
    call_command(
        "export_rencana", satker="kpu-kab-merangin", tahun=2026, output=str(out), stdout=StringIO()
    )
    text = StringIO()
    call_command(
        "import_rencana", str(out), satker="kpu-kab-salinan", tahun=2026, dry_run=True, stdout=text
    )
    assert (
        "70 indikator" in text.getvalue() and not RencanaAksi.objects.filter(satker=target).exists()
    )
    call_command("import_rencana", str(out), satker="kpu-kab-salinan", tahun=2026, stdout=text)
    copy = RencanaAksi.objects.get(satker=target, tahun=2026)
    assert _tree(rencana_data(copy)["area"]) == _tree(_fixture("merangin")["area"])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_book([HEADER, ["1", "K", "", "", "", ""]]))
    errors = StringIO()
    with pytest.raises(CommandError, match="masalah"):
        call_command(
            "import_rencana", str(bad), satker="kpu-kab-salinan", tahun=2028, stderr=errors
        )
    assert "kolom INDIKATOR kosong" in errors.getvalue()
    mapped = tmp_path / "mapped.xlsx"
    mapped.write_bytes(
        _book([["NO", "KOMPONEN", "INDIKATOR", "URAIAN", "BUKTI FISIK", "WAKTU"], ROW])
    )
    call_command(
        "import_rencana",
        str(mapped),
        satker="kpu-kab-salinan",
        tahun=2029,
        mapping='{"uraian": "LANGKAH AKSI"}',
        stdout=StringIO(),
    )
    made = RencanaAksi.objects.get(satker=target, tahun=2029)
    assert rencana_data(made)["area"][0]["komponen"][0]["indikator"][0]["langkah_aksi"] == [
        ["-", "Menyusun SK"]
    ]


def test_a_sheet_without_a_known_header_reaches_the_mapping_in_the_command(db, tmp_path):
    SatkerFactory(slug="kpu-kab-tanpa-judul")
    sheet = tmp_path / "tanpa-judul.xlsx"
    rows = [
        ["I. MANAJEMEN PERUBAHAN"],
        ["#", "Apa yang diukur", "Dokumen", "Kapan"],
        ["1", "Tim ZI terbentuk", "SK Tim", "Januari 2026"],
        ["2", "Rencana kerja ditetapkan", "Notulen rapat", "Februari 2026"],
    ]
    sheet.write_bytes(_book(rows, title="Data", heading=None))
    out = StringIO()
    with pytest.raises(CommandError, match="Baris judul kolom tidak ditemukan"):
        call_command(
            "import_rencana", str(sheet), satker="kpu-kab-tanpa-judul", tahun=2026, stdout=out
        )
    shown = out.getvalue()
    assert (
        "2. A: # | B: Apa yang diukur | C: Dokumen | D: Kapan" in shown and "baris_judul" in shown
    )
    with pytest.raises(CommandError, match="Baris judul kolom tidak ditemukan"):
        call_command(  # a header row the sheet does not have
            "import_rencana",
            str(sheet),
            satker="kpu-kab-tanpa-judul",
            tahun=2026,
            mapping='{"baris_judul": 99}',
            stdout=StringIO(),
        )
    for bad in ('{"baris_judul": "dua"}', '{"B": "BUKAN KOLOM"}', "[1]"):
        with pytest.raises(CommandError, match="--mapping bukan JSON yang sah"):
            call_command(
                "import_rencana", str(sheet), satker="kpu-kab-tanpa-judul", tahun=2026, mapping=bad
            )
    mapping = (
        '{"baris_judul": 2, "A": "NO", "B": "INDIKATOR", "KOLOM C": "BUKTI FISIK", '
        '"Kapan": "TARGET WAKTU"}'
    )
    done = StringIO()
    call_command(
        "import_rencana",
        str(sheet),
        satker="kpu-kab-tanpa-judul",
        tahun=2026,
        mapping=mapping,
        stdout=done,
    )
    assert "1 area, 1 komponen, 2 indikator, 0 langkah aksi, 2 bukti fisik" in done.getvalue()
    plan = RencanaAksi.objects.get(satker__slug="kpu-kab-tanpa-judul")
    second = rencana_data(plan)["area"][0]["komponen"][0]["indikator"][1]
    assert (second["nama"], second["bukti_fisik"], second["target_waktu"]) == (
        "Rencana kerja ditetapkan",
        [["", "Notulen rapat"]],
        "Februari 2026",
    )


def test_a_sheet_keyed_by_lke_criterion(draft):
    rows = [
        ["KODE", "KRITERIA", "RENCANA AKSI", "OUTPUT", "WAKTU"],
        ["A.", "Pengungkit", "", "", ""],
        ["I.", "Pemenuhan", "", "", ""],
        ["1.", "Manajemen Perubahan", "", "", ""],
        ["a.", "Tim Kerja", "", "", ""],
        [
            "A.1.I.a.1",
            "Unit kerja telah membentuk tim",
            "- Menyusun SK\n- Rapat",
            "SK Tim",
            "Jan 2026",
        ],
        [
            "A.1.I.a.2",
            "Tim telah ditentukan anggotanya",
            "- Memilih anggota",
            "Notulen",
            "Maret 2026",
        ],
        ["2.", "Penataan Tatalaksana", "", "", ""],
        ["a.", "SOP", "", "", ""],
        ["A.2.I.a.1", "SOP mengacu pada peta proses bisnis", "- Menyusun SOP", "SOP", "Triwulan"],
        ["II.", "Reform", "", "", ""],
        ["1.", "Manajemen Perubahan", "", "", ""],
        ["a.", "Komitmen dalam perubahan", "", "", ""],
        [
            "A.1.II.a.1",
            "Agen perubahan telah ditetapkan",
            "- Menetapkan agen",
            "SK Agen",
            "Mei 2026",
        ],
    ]
    copy = _import(draft, _book(rows, title="LKE", heading=None))
    areas = rencana_data(copy)["area"]
    # Areas and sub-komponen are the worksheet's, in its order; pemenuhan and reform of one
    # area stay one area, the komponen grouped by half; each row names its question.
    assert [(a["nomor"], a["nama"]) for a in areas] == [
        ("I", "Manajemen Perubahan"),
        ("II", "Penataan Tatalaksana"),
    ]
    komponen = [
        (k["kelompok"], k["nama"], [(i["nomor"], i["lke_kode"]) for i in k["indikator"]])
        for k in areas[0]["komponen"]
    ]
    assert komponen == [
        ("Pemenuhan", "Penyusunan Tim Kerja", [("A.1.I.a.1", "PPA1A"), ("A.1.I.a.2", "PPA1B")]),
        ("Reform", "Komitmen dalam Perubahan", [("A.1.II.a.1", "PRA1A")]),
    ]
    first = areas[0]["komponen"][0]["indikator"][0]
    assert first["nama"] == "Unit kerja telah membentuk tim"  # the criterion as the office wrote it
    assert first["langkah_aksi"] == [["-", "Menyusun SK"], ["-", "Rapat"]]
    assert first["bukti_fisik"] == [["", "SK Tim"]] and first["target_waktu"] == "Jan 2026"


def test_an_abandoned_upload_is_kept_a_day_then_swept(client, office_a, member_of):
    from datetime import timedelta

    from django.utils import timezone

    rencana = services.rencana_draft_for(office_a, 2027)
    client.force_login(member_of(Role.ADMIN))
    client.post(
        reverse("rencana_aksi:impor", args=[rencana.pk]),
        {"berkas": SimpleUploadedFile("a.xlsx", _book([HEADER, ROW]))},
    )
    item = BerkasImpor.objects.get()
    path = Path(item.berkas.path)
    out = StringIO()
    call_command("sweep_orphan_files", hapus=True, stdout=out)
    assert path.exists() and BerkasImpor.objects.exists()  # still waiting for its preview
    BerkasImpor.objects.update(dibuat=timezone.now() - timedelta(days=2))
    call_command("sweep_orphan_files", hapus=True, stdout=out)
    assert not path.exists() and not BerkasImpor.objects.exists()
    url = reverse("rencana_aksi:impor_pratinjau", args=[item.pk])
    assert client.get(url).status_code == 404


def test_an_area_column_names_the_areas(draft):
    rows = [
        ["Area", "No", "Komponen", "Indikator", "Langkah Aksi", "Bukti Fisik", "Target Waktu"],
        ["I. Manajemen Perubahan", "1", "Tim", "Tim ZI terbentuk", "- SK", "SK", "Jan 2026"],
        ["", "2", "Tim", "Rencana kerja ada", "- Rapat", "Notulen", "Feb 2026"],
        ["II. Penataan Tatalaksana", "1", "SOP", "SOP tersusun", "- Menyusun", "SOP", "Mar 2026"],
    ]
    copy = _import(draft, _book(rows, title="Rencana", heading=None))
    areas = rencana_data(copy)["area"]
    assert [(a["nomor"], a["nama"]) for a in areas] == [
        ("I", "Manajemen Perubahan"),
        ("II", "Penataan Tatalaksana"),
    ]
    assert [len(k["indikator"]) for a in areas for k in a["komponen"]] == [2, 1]


@pytest.mark.parametrize("how", ["blank", "merged"])
def test_a_komponen_left_blank_or_merged_changes_no_other_row(draft, how):
    """Madiun repeats its komponen on every row. One cell left blank, or a komponen merged
    down over its rows, reads as the same plan: no row moves to another komponen."""
    data = _fixture("madiun")
    area = data["area"][1]
    header = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]

    def book(blank=None, merge=False):
        sheet_book = openpyxl.Workbook()
        sheet = sheet_book.active
        sheet.title = "II"
        sheet.append([f"II. {area['nama']}"])
        sheet.append(header)
        for n, ind in enumerate(i for k in area["komponen"] for i in k["indikator"]):
            komponen = area["komponen"][0]["nama"]
            shown = "" if n == blank or (merge and n > 0) else komponen
            sheet.append(
                [
                    ind["nomor"],
                    shown,
                    ind["nama"],
                    items_join(ind["langkah_aksi"]),
                    items_join(ind["bukti_fisik"]),
                    ind["target_waktu"],
                ]
            )
        if merge:
            sheet.merge_cells(f"B3:B{sheet.max_row}")
        out = io.BytesIO()
        sheet_book.save(out)
        return out.getvalue()

    plain = pratinjau(book(), "xlsx", draft.satker)
    other = pratinjau(book(blank=3) if how == "blank" else book(merge=True), "xlsx", draft.satker)
    assert plain.bisa_ditulis and other.bisa_ditulis
    assert _tree(other.areas) == _tree(plain.areas)
    assert [len(k["indikator"]) for k in other.areas[0]["komponen"]] == [6]


def test_a_column_of_members_names_is_read_as_the_pic(draft):
    member = MembershipFactory(satker=draft.satker, role=Role.ANGGOTA, user__username="sari")
    member.user.first_name, member.user.last_name = "Sari", "Wulandari"
    member.user.save()
    rows = [
        ["NO", "INDIKATOR", "BUKTI FISIK", "TARGET WAKTU", "Siapa"],
        ["1", "Tim ZI terbentuk", "SK Tim", "Jan 2026", "Sari Wulandari"],
        ["2", "Rencana kerja ada", "Notulen", "Feb 2026", "sari"],
        ["3", "Monev berjalan", "Laporan", "Triwulan", "Kasubbag Umum"],
    ]
    preview = pratinjau(_book(rows), "xlsx", draft.satker)
    guess = {t.judul: (t.peran, t.alasan) for t in preview.tebakan}
    assert guess["Siapa"] == ("PIC", "isinya nama anggota satker")
    assert preview.pic_tertulis == [("Kasubbag Umum", 1)]
    copy = _import(draft, _book(rows))
    pics = [
        (i.pic_id, i.pic_teks)
        for i in Indikator.objects.filter(komponen__area__rencana=copy).order_by("urutan")
    ]
    assert pics == [(member.user_id, ""), (member.user_id, ""), (None, "Kasubbag Umum")]
