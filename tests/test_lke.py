"""The LKE projection: scoring proven on hand-computed figures (every threshold just under and
just over), the plan's evidence feeding it, links suggested and confirmed, the Tim's answers
and the TPI's scores, the pages four ways, constant queries, and the command."""

import io
import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bukti_fisik import services as evidence
from bukti_fisik.models import Notifikasi, Slot
from demo.generate import plan_create
from lke import services
from lke.apps import BAWAAN
from lke.models import Jawaban, Kerangka, SubKomponen, Tautan
from lke.selectors import proyeksi
from lke.skor import Sub, fraksi, hitung
from rencana_aksi.models import Indikator, Role

from .evidence import first_bukti, upload
from .factories import MembershipFactory, login_redirect

WIB = ZoneInfo("Asia/Jakarta")
D = Decimal

AMBANG = {
    "WBK": {
        "total": 75,
        "pengungkit": 40,
        "area_persen": 60,
        "bersih": 18.25,
        "ipak": 15.75,
        "capaian": 2.5,
        "prima": 14,
    },
    "WBBM": {
        "total": 85,
        "pengungkit": 48,
        "area_persen": 75,
        "bersih": 19.5,
        "ipak": 15.75,
        "capaian": 3.75,
        "prima": 15.75,
    },
}
AREAS = {  # area → weight (lke.md): one sub-komponen per area carries it all here
    "Manajemen Perubahan": 8,
    "Penataan Tatalaksana": 7,
    "Penataan Sistem Manajemen SDM": 10,
    "Penguatan Akuntabilitas": 10,
    "Penguatan Pengawasan": 15,
    "Peningkatan Kualitas Pelayanan Publik": 10,
}


def _plan(area_fraksi, ipak, capaian, ipkp, override=None):
    """Subs with the Tim's answers: each area at `area_fraksi` (or `override[area]`), the
    survey indices and the capaian percentage as given."""
    override = override or {}
    subs = [
        Sub(
            n,
            nama,
            D(bobot),
            "pemenuhan",
            area=nama,
            fraksi_tim=D(str(override.get(nama, area_fraksi))),
        )
        for n, (nama, bobot) in enumerate(AREAS.items())
    ]
    subs += [
        Sub(
            10,
            "IPAK",
            D("17.5"),
            "hasil",
            kelompok="bersih",
            kode="ipak",
            fraksi_tim=fraksi("indeks", angka=D(str(ipak))),
        ),
        Sub(
            11,
            "Capaian",
            D(5),
            "hasil",
            kelompok="bersih",
            kode="capaian",
            fraksi_tim=fraksi("persen", angka=D(str(capaian))),
        ),
        Sub(
            12,
            "IPKP",
            D("17.5"),
            "hasil",
            kelompok="prima",
            kode="ipkp",
            fraksi_tim=fraksi("indeks", angka=D(str(ipkp))),
        ),
    ]
    return subs


def _score(subs, sudah_wbk=False):
    return hitung("uji", subs, AMBANG, D(0), {"bersih": "Bersih", "prima": "Prima"}, sudah_wbk)


def test_fractions_on_every_scale():
    assert fraksi("ya_tidak", "ya") == 1 and fraksi("ya_tidak", "tidak") == 0
    assert [fraksi("abc", x) for x in "ABC"] == [1, D("0.5"), 0]
    assert [fraksi("ad", x) for x in "ABCD"] == [1, D("0.67"), D("0.33"), 0]
    assert [fraksi("ae", x) for x in "ABCDE"] == [1, D("0.75"), D("0.5"), D("0.25"), 0]
    assert fraksi("persen", angka=D("80.67")) == D("0.8067")
    assert fraksi("persen", angka=D(130)) == 1
    assert fraksi("indeks", angka=D("3.60")) * D("17.5") == D("15.75")
    assert fraksi("indeks", angka=D("3.20")) * D("17.5") == D("14")
    assert fraksi("ae", "F") is None and fraksi("persen") is None
    # SOP 1.00 at 80.67 % → 0.81 (lke.md)
    assert round(D(1) * fraksi("persen", angka=D("80.67")), 2) == D("0.81")


def test_a_hand_computed_plan_reaches_wbk():
    p = _score(_plan("0.72", ipak="3.6", capaian=60, ipkp="3.2"))
    # Every area at 72 % of its weight; pengungkit 0.72 × 60 = 43.2.
    assert [(a.nama, a.nilai) for a in p.area] == [
        (nama, D(w) * D("0.72")) for nama, w in AREAS.items()
    ]
    assert p.pengungkit.nilai == D("43.20")
    bersih, prima = p.hasil
    assert bersih.nilai == D("15.75") + D("3.00") and prima.nilai == D("14.0")
    assert p.total == D("43.20") + D("18.75") + D("14.0") == D("75.95")
    assert p.predikat == "WBK"
    # The next predicate's unmet thresholds (WBBM); already-WBK is one of them.
    kurang = {s.kode for s in p.kurang}
    assert {"total", "pengungkit", "area_persen", "capaian", "prima", "sudah_wbk"} <= kurang
    assert "ipak" not in kurang  # 15.75 meets both


# Each WBK threshold: a plan meeting all others just over, and this one just under.
JUST = [
    ("total", _plan("0.70", "3.6", 60, "3.2")),  # 42 + 18.75 + 14 = 74.75
    ("pengungkit", _plan("0.665", "4", 100, "4")),  # 39.9, total 79.9
    ("area_persen", _plan("0.8", "3.6", 60, "3.2", {"Penguatan Pengawasan": "0.599"})),
    ("ipak", _plan("0.9", "3.59", 100, "3.2")),  # 15.7063 < 15.75, bersih 20.7
    ("capaian", _plan("0.9", "4", "49.9", "3.2")),  # 2.495 < 2.5
    ("bersih", _plan("0.9", "3.6", "49.99", "4")),  # capaian 2.4995: bersih 18.2495 < 18.25
    ("prima", _plan("0.9", "3.6", 100, "3.19")),  # 13.95625 < 14
]


@pytest.mark.parametrize(("kode", "subs"), JUST, ids=[j[0] for j in JUST])
def test_each_wbk_threshold_just_under(kode, subs):
    p = _score(subs)
    assert p.predikat is None
    assert {s.kode for s in p.kurang} >= {kode}
    if kode != "bersih":  # bersih under 18.25 also takes capaian under 2.5
        assert {s.kode for s in p.kurang} == {kode}, [(s.kode, s.nilai) for s in p.kurang]


def test_wbbm_needs_its_thresholds_and_an_earlier_wbk():
    top = _plan("0.8", "3.6", 80, "3.6")  # 48 + 19.75 + 15.75 = 83.5 < 85
    assert _score(top, sudah_wbk=True).predikat == "WBK"
    best = _plan("0.85", "3.6", 80, "3.6")  # 51 + 19.75 + 15.75 = 86.5
    assert _score(best, sudah_wbk=False).predikat == "WBK"
    p = _score(best, sudah_wbk=True)
    assert p.predikat == "WBBM" and p.kurang == []
    under = _plan("0.85", "3.6", 80, "3.6", {"Penataan Tatalaksana": "0.749"})
    assert _score(under, sudah_wbk=True).predikat == "WBK"


def test_projection_counts_due_slots_as_they_stand_and_the_rest_at_the_rate():
    sub = Sub(1, "SOP", D(1), "pemenuhan", area="A", slot=8, terverifikasi=2, belum_jatuh_tempo=4)
    sub.indikator = [object()]
    assert sub.nilai() == D("0.25")
    assert sub.proyeksi(D("0.5")) == D(1) * (2 + D("0.5") * 4) / 8 == D("0.5")
    assert sub.per_dokumen == D("0.125")
    answered = Sub(2, "SPBE", D(2), "pemenuhan", area="A", fraksi_tim=D("0.75"), slot=8)
    assert answered.nilai() == answered.proyeksi(D(1)) == D("1.5")
    assert answered.per_dokumen == 0


# ---- with the database


@pytest.fixture
def plan(plan_a, office_a):
    """plan_a with its suggested links confirmed; the first bukti fisik's indikator linked
    to SOP only, for a figure computed by hand."""
    services.tautan_sarankan(plan_a)
    Tautan.objects.update(dikonfirmasi=True)
    return plan_a


def test_the_framework_is_loaded_with_its_weights(db):
    kerangka = Kerangka.objects.get(kode="permenpanrb-90-2021-5-2024")
    subs = SubKomponen.objects.filter(kerangka=kerangka)
    assert sum(s.bobot for s in subs.exclude(jenis="hasil")) == 60
    assert sum(s.bobot for s in subs.filter(jenis="hasil")) == 40
    assert kerangka.areas.count() == 6
    assert kerangka.ambang.get(predikat="WBBM", syarat="total").batas == 85


def test_evidence_and_answers_move_the_projection(plan, office_a, member_of):
    anggota = member_of(Role.ANGGOTA)
    ketua = member_of(Role.KETUA_TIM)
    bukti = first_bukti(plan)
    sop = SubKomponen.objects.get(nama="SOP")
    Tautan.objects.filter(indikator=bukti.indikator).delete()
    Tautan.objects.filter(sub=sop).delete()
    Tautan.objects.create(indikator=bukti.indikator, sub=sop, dikonfirmasi=True)
    slots = bukti.indikator.bukti_fisik.count() * 4  # triwulanan
    today = datetime(2026, 5, 15, 9, tzinfo=WIB)
    with time_machine.travel(datetime(2026, 3, 20, 9, tzinfo=WIB), tick=False):
        [t1] = upload(bukti, "2026-T1", anggota)
        evidence.bukti_review(
            t1, user=ketua, setuju=True, revisi=Slot.objects.get(pk=t1.slot_id).revisi
        )
    with time_machine.travel(today, tick=False):
        _, p = proyeksi(plan, today.date())
    row = next(s for a in p.area for s in a.sub if s.nama == "SOP")
    assert (row.slot, row.terverifikasi) == (slots, 1)
    assert row.nilai() == D(1) / slots
    # Laju: the T1 slot (due 31 March) came on 20 March, on time: the plan's on-time rate.
    from monev.selectors import Filter, dashboard

    on_time = dashboard(plan, today.date(), Filter())["progres"]["tepat_waktu"]
    assert p.laju == D(on_time.pembilang) / on_time.penyebut > 0
    assert row.proyeksi(p.laju) == (1 + p.laju * row.belum_jatuh_tempo) / slots
    # The Tim's answer overrides the evidence ratio.
    services.jawaban_simpan(plan, sop, user=ketua, jawaban="B")
    _, p = proyeksi(plan, today.date())
    row = next(s for a in p.area for s in a.sub if s.nama == "SOP")
    assert row.nilai() == row.proyeksi(p.laju) == D("0.75")


def test_suggestions_by_name_and_by_area(plan_a):
    sop = SubKomponen.objects.get(nama="SOP")
    indikator = Indikator.objects.filter(komponen__area__rencana=plan_a).first()
    indikator.nama = "SOP pelayanan tersusun dan diterapkan"
    indikator.save()
    Tautan.objects.all().delete()
    services.tautan_sarankan(plan_a)
    assert Tautan.objects.filter(indikator=indikator, sub=sop, dikonfirmasi=False).exists()
    # Nothing is confirmed by a suggestion.
    _, p = proyeksi(plan_a, datetime(2026, 5, 15).date())
    assert all(not s.indikator for a in p.area for s in a.sub)


def _name_areas(plan):
    """The generated plan's areas under the names offices give them."""
    names = ["MANAJEMEN PERUBAHAN", "PENATAAN TATA LAKSANA", "PENGUATAN PENGAWASAN"]
    for area, name in zip(plan.areas.order_by("urutan"), names, strict=False):
        area.nama = name
        area.save()
        first = Indikator.objects.filter(komponen__area=area).order_by("komponen__urutan", "urutan")
        first = first.first()
        first.nama = "Penyusunan rencana kerja tim yang disepakati"
        first.save()


def test_suggestions_by_area_words(plan_a):
    _name_areas(plan_a)
    services.tautan_sarankan(plan_a)
    chosen = {
        (t.indikator.komponen.area.nama, t.sub.nama)
        for t in Tautan.objects.select_related("indikator__komponen__area", "sub")
    }
    # "rencana kerja" is a keyword of Rencana Pembangunan ZI; in Tatalaksana and Pengawasan
    # the words point inside their own LKE area or nowhere.
    assert ("MANAJEMEN PERUBAHAN", "Rencana Pembangunan ZI") in chosen
    assert all(
        sub
        in {
            s.nama
            for s in SubKomponen.objects.filter(
                area__nama__in=[
                    "Manajemen Perubahan",
                    "Penataan Tatalaksana",
                    "Penguatan Pengawasan",
                ]
            )
        }
        for _, sub in chosen
    )


def test_ketua_tim_confirms_links_and_answers_in_the_pages(client, plan_a, member_of):
    _name_areas(plan_a)
    ketua = member_of(Role.KETUA_TIM)
    client.force_login(ketua)
    url = reverse("lke:tautan", args=[plan_a.pk])
    assert client.post(url, {"aksi": "sarankan"}).status_code == 302
    suggested = {t.indikator_id: t.sub_id for t in Tautan.objects.all()}
    assert suggested
    data = {f"t-{i}": [str(s)] for i, s in suggested.items()}
    assert client.post(url, data).status_code == 302
    assert Tautan.objects.filter(dikonfirmasi=True).count() == len(suggested)
    # A foreign sub-komponen id changes nothing.
    before = Tautan.objects.count()
    bad = client.post(url, {f"t-{next(iter(suggested))}": ["999999"]}, follow=True)
    assert "Tidak ada yang disimpan" in bad.content.decode()
    assert Tautan.objects.count() == before
    sop = SubKomponen.objects.get(nama="SOP")
    page = reverse("lke:penilaian", args=[plan_a.pk])
    assert client.post(page, {"sub": sop.pk, "jawaban": "A"}).status_code == 302
    assert Jawaban.objects.get(sub=sop).jawaban == "A"
    wrong = client.post(page, {"sub": sop.pk, "jawaban": "Z"}, follow=True)
    assert "tidak ada pada skala" in wrong.content.decode()
    assert Jawaban.objects.get(sub=sop).jawaban == "A"
    assert client.post(page, {"sub": "x²"}).status_code == 302


def test_a_tpi_note_reaches_the_ketua_tim(client, plan_a, member_of):
    ketua = member_of(Role.KETUA_TIM)
    penilai = member_of(Role.PENILAI)
    sop = SubKomponen.objects.get(nama="SOP")
    services.jawaban_simpan(plan_a, sop, user=ketua, jawaban="A")
    client.force_login(penilai)
    response = client.post(
        reverse("lke:tpi", args=[plan_a.pk]),
        {"sub": sop.pk, "nilai": "0.5", "catatan": "SOP belum ditandatangani pimpinan."},
    )
    assert response.status_code == 302
    note = Notifikasi.objects.get(penerima=ketua)
    assert note.judul == "Catatan TPI: SOP" and "SOP belum ditandatangani" in note.isi
    page = client.get(reverse("lke:penilaian", args=[plan_a.pk])).content.decode()
    assert 'data-testid="selisih">-0.50<' in page or 'data-testid="selisih">-0,50<' in page
    too_much = client.post(
        reverse("lke:tpi", args=[plan_a.pk]), {"sub": sop.pk, "nilai": "3"}, follow=True
    )
    assert "harus antara 0 dan 1" in too_much.content.decode()


PAGES = ["proyeksi", "ringkas", "tautan", "penilaian", "excel", "pdf"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_four_ways(client, plan_a, outsider, member_of, office_b, name):
    url = reverse(f"lke:{name}", args=[plan_a.pk])
    assert login_redirect(client.get(url))
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(satker=office_b, role=Role.PENILAI).user)
    assert client.get(url).status_code == 404  # a Penilai of another office
    for role in Role.values:
        client.force_login(member_of(role))
        assert client.get(url).status_code == 200, role


def test_writes_four_ways(client, plan_a, outsider, member_of):
    sop = SubKomponen.objects.get(nama="SOP")
    writes = [
        (
            reverse("lke:tautan", args=[plan_a.pk]),
            {"aksi": "sarankan"},
            {Role.KETUA_TIM, Role.ADMIN},
        ),
        (
            reverse("lke:penilaian", args=[plan_a.pk]),
            {"sub": sop.pk, "jawaban": "A"},
            {Role.KETUA_TIM, Role.ADMIN},
        ),
        (
            reverse("lke:proyeksi", args=[plan_a.pk]),
            {"sudah_wbk": "on"},
            {Role.KETUA_TIM, Role.ADMIN},
        ),
        (reverse("lke:tpi", args=[plan_a.pk]), {"sub": sop.pk, "nilai": "1"}, {Role.PENILAI}),
        (
            reverse("lke:kesiapan", args=[plan_a.pk]),
            {"nomor": 0, "ya": "on"},
            {Role.KETUA_TIM, Role.ADMIN},
        ),
    ]
    for url, data, allowed in writes:
        client.logout()
        assert login_redirect(client.post(url, data))
        client.force_login(outsider)
        assert client.post(url, data).status_code == 404
        for role in Role.values:
            client.force_login(member_of(role))
            expected = 302 if role in allowed else 403
            assert client.post(url, data).status_code == expected, (url, role)


def test_the_projection_page_costs_the_same_queries_at_any_size(client, office_a, office_b):
    user = MembershipFactory(satker=office_a, role=Role.PIMPINAN).user
    MembershipFactory(satker=office_b, role=Role.PIMPINAN, user=user)
    small = plan_create(office_a)
    big = plan_create(office_b, areas=6, indikator=10)
    for p in (small, big):
        services.tautan_sarankan(p)
    Tautan.objects.update(dikonfirmasi=True)
    client.force_login(user)
    counts = []
    for p in (small, big):
        client.get(reverse("lke:proyeksi", args=[p.pk]))  # settings made on first read
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("lke:proyeksi", args=[p.pk])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 14, counts


def test_the_command_prints_the_projection_as_json(plan, office_a):
    out = io.StringIO()
    call_command(
        "lke_proyeksi",
        satker=office_a.slug,
        tahun=2026,
        json=True,
        tanggal="2026-05-15",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["kerangka"] == "PermenPANRB 90/2021 jo. 5/2024"
    assert [a["nama"] for a in data["area"]] == list(AREAS)
    assert [a["bobot"] for a in data["area"]] == [float(w) for w in AREAS.values()]
    assert data["pengungkit"]["bobot"] == 60.0 and data["hasil"]["bobot"] == 40.0
    assert data["predikat"] is None
    assert {"syarat", "batas", "nilai"} == set(data["kurang"][0])
    assert any(k["batas"] == 75.0 for k in data["kurang"])


def test_the_workbook_has_the_worksheet_shape_and_no_formula(client, plan, member_of):
    import openpyxl

    ketua = member_of(Role.KETUA_TIM)
    sop = SubKomponen.objects.get(nama="SOP")
    services.jawaban_simpan(plan, sop, user=ketua, jawaban="B", catatan='=HYPERLINK("x")')
    services.tpi_simpan(plan, sop, user=member_of(Role.PENILAI), nilai=D("0.5"), catatan="+1")
    client.force_login(member_of(Role.PIMPINAN))
    response = client.get(reverse("lke:excel", args=[plan.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["LKE"]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    areas = [r[1] for r in rows if r[0] == "Pengungkit" and r[3] is None]
    assert areas == list(AREAS)
    subs = [r for r in rows if r[3]]
    assert (
        len(subs) == SubKomponen.objects.filter(kerangka__kode="permenpanrb-90-2021-5-2024").count()
    )
    sop_row = next(r for r in subs if r[3] == "SOP")
    assert sop_row[1:7] == ("Penataan Tatalaksana", "Pemenuhan", "SOP", 1.0, "B", 0.75)
    assert sop_row[7] == '=HYPERLINK("x")' and sop_row[8] == 0.5 and sop_row[10] == -0.25
    # Text that looks like a formula stays text.
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert rows[-2][0] == "Total" and rows[-1][:2] == ("Predikat", "belum ada")


def test_the_readiness_checklist_with_evidence(client, plan, member_of, outsider, office_b):
    anggota = member_of(Role.ANGGOTA)
    ketua = member_of(Role.KETUA_TIM)
    [version] = upload(first_bukti(plan), "2026-T1", anggota)
    evidence.bukti_review(
        version, user=ketua, setuju=True, revisi=Slot.objects.get(pk=version.slot_id).revisi
    )
    url = reverse("lke:kesiapan", args=[plan.pk])
    client.force_login(ketua)
    data = {"nomor": 4, "ya": "on", "catatan": "LHKPN 2025 lengkap", "bukti": version.pk}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("lke:proyeksi", args=[plan.pk])).content.decode()
    assert "Kepatuhan LHKPN/LHKASN pada unit 100%" in page and "LHKPN 2025 lengkap" in page
    assert f"Bukti: {version.nama_asli}" in page
    # Another plan's version, or an item that does not exist, changes nothing.
    other = plan_create(office_b)
    foreign = upload(
        first_bukti(other), "2026-T1", MembershipFactory(satker=office_b, role=Role.ANGGOTA).user
    )[0]
    for bad in ({**data, "bukti": foreign.pk}, {**data, "nomor": 40}):
        assert "Tidak ada yang disimpan" in client.post(url, bad, follow=True).content.decode()
    client.force_login(anggota)
    assert client.post(url, data).status_code == 403
    client.force_login(outsider)
    assert client.post(url, data).status_code == 404


def test_the_pdf_reads_back_with_the_same_figures(client, plan, member_of, tmp_path):
    import subprocess

    ketua = member_of(Role.KETUA_TIM)
    sop = SubKomponen.objects.get(nama="SOP")
    services.jawaban_simpan(plan, sop, user=ketua, jawaban="B", catatan="SOP <b>utama</b>")
    client.force_login(member_of(Role.PIMPINAN))
    response = client.get(reverse("lke:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "lke.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())  # cells wrap: read the words in order
    assert "LEMBAR KERJA EVALUASI ZONA INTEGRITAS" in text
    for name in AREAS:
        assert f"Pengungkit · {name}" in text
    assert "SOP <b>utama" in text  # escaped in HTML, read back as typed (the cell wraps at "/")
    assert "Penyampaian LHKPN/LHKASN" in text and "titik buta" in text
    # SOP answered B: 0.75 now and at year end, on its row of the table.
    import re

    layout = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    row = next(line for line in layout.splitlines() if re.search(r"Pemenuhan\s+SOP\s", line))
    assert re.search(r"SOP\s+1\s+B\s+0,75\s+0,75", row), row


def test_an_answer_carries_its_evidence(client, plan, office_a, member_of, office_b):
    anggota = member_of(Role.ANGGOTA)
    ketua = member_of(Role.KETUA_TIM)
    bukti = first_bukti(plan)
    [version] = upload(bukti, "2026-T1", anggota, name="sk-tim.pdf")
    evidence.bukti_review(
        version, user=ketua, setuju=True, revisi=Slot.objects.get(pk=version.slot_id).revisi
    )
    sub = SubKomponen.objects.get(nama="SOP")
    Tautan.objects.create(indikator=bukti.indikator, sub=sub, dikonfirmasi=True)
    other = plan_create(office_b)
    [foreign] = upload(
        first_bukti(other), "2026-T1", MembershipFactory(satker=office_b, role=Role.ANGGOTA).user
    )
    client.force_login(ketua)
    page = reverse("lke:penilaian", args=[plan.pk])
    assert "sk-tim.pdf" in client.get(page).content.decode()  # offered for its sub-komponen
    data = {"sub": sub.pk, "jawaban": "A", "bukti": [version.pk, foreign.pk]}
    assert client.post(page, data).status_code == 302
    assert list(Jawaban.objects.get(sub=sub).bukti.all()) == [version]  # not another plan's
    assert 'data-testid="bukti-jawaban">Bukti pendukung: <a' in client.get(page).content.decode()


def test_a_plan_chooses_its_framework(client, plan, member_of, tmp_path):
    data = json.loads(BAWAAN.read_text(encoding="utf-8"))
    data.update(kode="kerangka-uji-2027", nama="Kerangka uji 2027")
    data["ambang"]["WBK"]["total"] = 70
    path = tmp_path / "k.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("load_lke", str(path), stdout=out)
    assert "dimuat" in out.getvalue()
    call_command("load_lke", str(path), stdout=out)  # again: left as it is
    assert "sudah ada" in out.getvalue()
    new = Kerangka.objects.get(kode="kerangka-uji-2027")
    client.force_login(member_of(Role.KETUA_TIM))
    url = reverse("lke:proyeksi", args=[plan.pk])
    assert "Kerangka uji 2027" in client.get(url).content.decode()
    assert client.post(url, {"kerangka": new.pk}).status_code == 302
    settings, p = proyeksi(plan, datetime(2026, 5, 15).date())
    assert settings.kerangka == new and p.kerangka == "Kerangka uji 2027"
    assert any(s.kode == "total" and s.batas == 70 for s in p.syarat)
    assert not Tautan.objects.filter(indikator__komponen__area__rencana=plan).exists()
    bad = client.post(url, {"kerangka": 99999}, follow=True)
    assert "Tidak ada yang disimpan" in bad.content.decode()
