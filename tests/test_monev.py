"""Dashboards: the figures on a small plan computed by hand, drill-down lists that show the
same counts, exports with the same numbers, access, roll-up, trend, and query counts on the
generated data sets M and L."""

import io
import json
import subprocess
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bukti_fisik import services
from bukti_fisik.models import Slot
from demo.generate import dataset_generate
from monev.models import Snapshot
from monev.progress import METRICS
from monev.selectors import Filter, dashboard, drilldown
from rencana_aksi.models import Indikator, LangkahAksi, RencanaAksi, Role, Satker
from rencana_aksi.services import rencana_aksi_import, target_waktu_update

from .evidence import upload
from .factories import MembershipFactory, SatkerFactory, login_redirect

WIB = ZoneInfo("Asia/Jakarta")
TODAY = datetime(2026, 5, 15, 9, tzinfo=WIB)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def _indikator(nomor, nama, target, bukti, langkah):
    return {
        "nomor": nomor,
        "nama": nama,
        "target_waktu": target,
        "target_capaian": "100%",
        "bukti_fisik": [["", b] for b in bukti],
        "langkah_aksi": [["-", step] for step in langkah],
    }


@pytest.fixture
def small(office_a):
    """The hand-computed plan (see the expected numbers in the tests):
    area I:  ind 1 Triwulan, 1 bukti, 2 langkah (1 selesai); T1 verified, T2 waiting
             ind 2 "Jan 2026", 2 bukti, bobot 3, no langkah; one Jan slot sent back
    area II: ind 3 "Mei 2026", 1 bukti, 1 langkah (berjalan); nothing uploaded
    Today is 15 May 2026."""
    data = {
        "satker": office_a.slug,
        "tahun": 2026,
        "status": "ditetapkan",
        "tentang": "RENCANA AKSI UJI",
        "area": [
            {
                "nomor": "I",
                "nama": "MANAJEMEN PERUBAHAN",
                "komponen": [
                    {
                        "nama": "K",
                        "indikator": [
                            _indikator(
                                "1", "Rapat berkala", "Triwulan", ["Notulen"], ["Jadwal", "Rapat"]
                            ),
                            _indikator(
                                "2", "Survei internal", "Jan 2026", ["Kuesioner", "Rekap"], []
                            ),
                        ],
                    }
                ],
            },
            {
                "nomor": "II",
                "nama": "PELAYANAN PUBLIK",
                "komponen": [
                    {
                        "nama": "K",
                        "indikator": [
                            _indikator(
                                "1", "Maklumat layanan", "Mei 2026", ["Foto maklumat"], ["Cetak"]
                            ),
                        ],
                    }
                ],
            },
        ],
    }
    rencana, _ = rencana_aksi_import(data)
    ind1, ind2, ind3 = Indikator.objects.filter(komponen__area__rencana=rencana).order_by(
        "komponen__area__urutan", "urutan"
    )
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    Indikator.objects.filter(pk__in=[ind1.pk, ind3.pk]).update(pic=anggota)
    Indikator.objects.filter(pk=ind2.pk).update(bobot=3)
    LangkahAksi.objects.filter(indikator=ind1, urutan=1).update(status="selesai")
    LangkahAksi.objects.filter(indikator=ind3).update(status="berjalan")
    notulen = ind1.bukti_fisik.get()
    kuesioner = ind2.bukti_fisik.get(urutan=1)
    with time_machine.travel(datetime(2026, 1, 20, 9, tzinfo=WIB), tick=False):
        [jan] = upload(kuesioner, "2026-01", anggota)
        services.bukti_review(
            jan,
            user=ketua,
            setuju=False,
            catatan="Belum ditandatangani",
            revisi=Slot.objects.get(pk=jan.slot_id).revisi,
        )
    with time_machine.travel(datetime(2026, 3, 25, 9, tzinfo=WIB), tick=False):
        [t1] = upload(notulen, "2026-T1", anggota)
        services.bukti_review(
            t1, user=ketua, setuju=True, revisi=Slot.objects.get(pk=t1.slot_id).revisi
        )
    with time_machine.travel(datetime(2026, 5, 2, 9, tzinfo=WIB), tick=False):
        upload(notulen, "2026-T2", anggota)
    return RencanaAksi.objects.select_related("satker").get(pk=rencana.pk), anggota


def _numbers(progres):
    return {
        m: (
            None if progres[m].persen is None else progres[m].persen.quantize(Decimal("0.01")),
            progres[m].pembilang,
            progres[m].penyebut,
        )
        for m in METRICS
    }


EXPECTED_PLAN = {
    "terkumpul": (Decimal("10.00"), 2, 7),
    "terverifikasi": (Decimal("5.00"), 1, 7),
    "jatuh_tempo_terverifikasi": (Decimal("25.00"), 1, 3),
    "tepat_waktu": (Decimal("25.00"), 1, 3),
    "langkah": (Decimal("25.00"), 1, 3),
}
EXPECTED_AREA_I = {
    "terkumpul": (Decimal("12.50"), 2, 6),
    "terverifikasi": (Decimal("6.25"), 1, 6),
    "jatuh_tempo_terverifikasi": (Decimal("25.00"), 1, 3),
    "tepat_waktu": (Decimal("25.00"), 1, 3),
    "langkah": (Decimal("50.00"), 1, 2),
}
EXPECTED_AREA_II = {
    "terkumpul": (Decimal("0.00"), 0, 1),
    "terverifikasi": (Decimal("0.00"), 0, 1),
    "jatuh_tempo_terverifikasi": (None, 0, 0),
    "tepat_waktu": (None, 0, 0),
    "langkah": (Decimal("0.00"), 0, 1),
}


def test_the_four_numbers_match_the_hand_computation(small):
    rencana, anggota = small
    with time_machine.travel(TODAY, tick=False):
        data = dashboard(rencana, date(2026, 5, 15), Filter())
    assert _numbers(data["progres"]) == EXPECTED_PLAN
    area_i, area_ii = data["areas"]
    assert _numbers(area_i.progres) == EXPECTED_AREA_I
    assert _numbers(area_ii.progres) == EXPECTED_AREA_II
    # Nothing falls due within the segera window (7 days) of 15 May; from 24 May, the slot due
    # 31 May does.
    assert (data["progres"].terlambat, data["progres"].segera) == (2, 0)
    assert dashboard(rencana, date(2026, 5, 24), Filter())["progres"].segera == 1
    assert dashboard(rencana, date(2026, 5, 23), Filter())["progres"].segera == 0
    months = {m["bulan"]: (m["jatuh_tempo"], m["terverifikasi"]) for m in data["bulanan"]}
    assert months == {
        1: (2, 0),
        2: (0, 0),
        3: (1, 1),
        4: (0, 0),
        5: (1, 0),
        6: (1, 0),
        7: (0, 0),
        8: (0, 0),
        9: (1, 0),
        10: (0, 0),
        11: (0, 0),
        12: (1, 0),
    }
    pics = {
        str(r["pic"] or "-"): (r["slot"], r["terverifikasi"], r["terlambat"])
        for r in data["pic_rows"]
    }
    assert pics == {str(anggota): (5, 1, 0), "-": (2, 0, 2)}
    # Before anything is due, "tepat waktu" has nothing to divide by.
    early = dashboard(rencana, date(2026, 1, 10), Filter())
    assert early["progres"]["tepat_waktu"].persen is None
    assert early["progres"].terlambat == 0


def test_without_weights_each_figure_is_its_counts(small):
    """No bobot anywhere: the headline is the pooled ratio, exactly "x dari y"."""
    rencana, _ = small
    Indikator.objects.filter(komponen__area__rencana=rencana).update(bobot=None)
    data = dashboard(rencana, date(2026, 5, 15), Filter())
    for progres in [data["progres"], *(a.progres for a in data["areas"])]:
        for metric in METRICS:
            angka = progres[metric]
            assert angka.gabungan, metric
            if angka.penyebut:
                assert angka.persen == Decimal(angka.pembilang) * 100 / angka.penyebut
            else:
                assert angka.persen is None
    # 2 of 7 slots collected: 28.57 %, where the weighted mean gave 10 %.
    assert data["progres"]["terkumpul"].persen.quantize(Decimal("0.01")) == Decimal("28.57")


def test_verified_late_is_not_on_time(small):
    """A slot due 31 March whose upload came on 10 April and was verified counts among the
    verified of the slots due, but not as on time."""
    rencana, anggota = small
    ketua = MembershipFactory(satker=rencana.satker, role=Role.KETUA_TIM).user
    maklumat = Indikator.objects.get(komponen__area__rencana=rencana, nama="Maklumat layanan")
    target_waktu_update(maklumat, "Maret 2026", user=ketua)
    foto = maklumat.bukti_fisik.get()
    with time_machine.travel(datetime(2026, 4, 10, 9, tzinfo=WIB), tick=False):
        [late] = upload(foto, "2026-03", anggota)
        services.bukti_review(
            late, user=ketua, setuju=True, revisi=Slot.objects.get(pk=late.slot_id).revisi
        )
    data = dashboard(rencana, date(2026, 5, 15), Filter())
    area_ii = data["areas"][1].progres
    verified, on_time = area_ii["jatuh_tempo_terverifikasi"], area_ii["tepat_waktu"]
    assert (verified.pembilang, verified.penyebut, verified.persen) == (1, 1, 100)
    assert (on_time.pembilang, on_time.penyebut, on_time.persen) == (0, 1, 0)
    # Plan-wide: T1 of indikator 1 came on 25 March for 31 March, the only one on time.
    assert data["progres"]["tepat_waktu"].pembilang == 1
    assert data["progres"]["jatuh_tempo_terverifikasi"].pembilang == 2
    _, _, rows = drilldown(rencana, date(2026, 5, 15), Filter(), "tepat_waktu")
    assert [r.kode for r in rows] == ["2026-T1"]


def test_filters_narrow_the_numbers(small):
    rencana, anggota = small
    today = date(2026, 5, 15)
    area_i = rencana.areas.get(urutan=1)
    assert _numbers(dashboard(rencana, today, Filter(area=area_i.pk))["progres"]) == EXPECTED_AREA_I
    only_pic = dashboard(rencana, today, Filter(pic=str(anggota.pk)))
    assert only_pic["progres"]["terkumpul"].penyebut == 5
    march = dashboard(rencana, today, Filter(periode="t1"))
    assert march["progres"]["terkumpul"].penyebut == 3  # Jan × 2, Triwulan I
    waiting = dashboard(rencana, today, Filter(status="menunggu"))
    assert waiting["progres"]["terkumpul"].pembilang == 1


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_figure_drills_down_to_a_list_of_the_same_count(client, small, member_of):
    import re

    rencana, _ = small
    client.force_login(member_of(Role.PIMPINAN))
    with time_machine.travel(TODAY, tick=False):
        page = _page(client, reverse("monev:dashboard", args=[rencana.pk]))
        links = re.findall(
            r'<a href="(/rencana/\d+/dasbor/daftar/\?[^"]+)"[^>]*>(\d+)[^<]*</a>', page
        )
        assert len(links) > 40
        for url, figure in links:
            listed = _page(client, url.replace("&amp;", "&"))
            count = re.search(r'data-testid="jumlah">(\d+)<', listed).group(1)
            assert count == figure, url
            assert listed.count('data-testid="baris"') == int(figure), url


def test_a_long_list_comes_a_page_at_a_time_with_its_filters_kept(
    client, small, member_of, monkeypatch
):
    import re

    from monev import views

    rencana, _ = small
    client.force_login(member_of(Role.PIMPINAN))
    monkeypatch.setattr(views, "DAFTAR_PER_HALAMAN", 3)
    url = reverse("monev:drilldown", args=[rencana.pk]) + "?jenis=semua"
    with time_machine.travel(TODAY, tick=False):
        first = _page(client, url)
        total = int(re.search(r'data-testid="jumlah">(\d+)<', first).group(1))
        assert total > 6
        assert first.count('data-testid="baris"') == 3
        assert "Halaman 1 dari" in first
        following = re.search(r'href="\?([^"]*halaman=2)"', first).group(1).replace("&amp;", "&")
        assert "jenis=semua" in following
        seen = 3
        last = -(-total // 3)
        for n in range(2, last + 1):
            page = _page(client, f"{url}&halaman={n}")
            assert f'data-testid="jumlah">{total}<' in page
            seen += page.count('data-testid="baris"')
        assert seen == total
        # Past the end or not a number: the nearest page, never an error.
        assert _page(client, f"{url}&halaman=999").count('data-testid="baris"') == total - 3 * (
            last - 1
        )
        assert _page(client, f"{url}&halaman=abc").count('data-testid="baris"') == 3


def test_page_shows_the_numbers_and_the_formula(client, small, member_of):
    rencana, _ = small
    client.force_login(member_of(Role.ANGGOTA))
    with time_machine.travel(TODAY, tick=False):
        page = _page(client, reverse("monev:dashboard", args=[rencana.pk]))
    assert 'data-testid="persen-terkumpul">10%<' in page
    assert 'data-testid="persen-tepat_waktu">25%<' in page
    assert "2 slot terlambat" in page and "0 slot jatuh tempo ≤ 7 hari" in page
    # Indikator 2 has a bobot: the figures are weighted, and say so beside the counts.
    assert 'data-testid="cara-terkumpul">rata-rata berbobot<' in page
    assert "Σ (angka indikator × bobot) ÷ Σ bobot" in page


def test_names_the_dashboard_draws_in_its_tags_are_escaped(client, small, member_of):
    """Area, indikator and PIC names reach the page through the dashboard's own tags (filter
    options, late list, per-PIC rows): markup in them is shown as text, never run."""
    from rencana_aksi.models import Area

    rencana, anggota = small
    Area.objects.filter(rencana=rencana, nomor="I").update(nama='<b>Area</b> & "satu"')
    Indikator.objects.filter(komponen__area__rencana=rencana).update(
        nama="<img src=x onerror=alert(1)> Survei", pic=anggota
    )
    anggota.first_name, anggota.last_name = "<i>Budi</i>", ""
    anggota.save()
    client.force_login(member_of(Role.PIMPINAN))
    with time_machine.travel(TODAY, tick=False):
        page = _page(client, reverse("monev:dashboard", args=[rencana.pk]))
    assert "<img src=x" not in page and "<i>Budi</i>" not in page and "<b>Area</b>" not in page
    assert "I. &lt;b&gt;Area&lt;/b&gt; &amp; &quot;satu&quot;</option>" in page
    assert "&lt;i&gt;Budi&lt;/i&gt;</option>" in page  # the PIC filter
    assert '<span class="text-body-secondary">&lt;i&gt;Budi&lt;/i&gt;</span></li>' in page
    assert "&lt;img src=x onerror=alert(1)&gt; Survei</a>" in page  # the late list
    assert 'fw-normal"><a href="/rencana/' in page and "&lt;i&gt;Budi&lt;/i&gt;</a></th>" in page


def test_exports_show_the_same_numbers_as_the_page(client, small, member_of, tmp_path):
    rencana, _ = small
    client.force_login(member_of(Role.PIMPINAN))
    with time_machine.travel(TODAY, tick=False):
        response = client.get(reverse("monev:export_excel", args=[rencana.pk]))
        pdf = client.get(reverse("monev:export_pdf", args=[rencana.pk]) + "?periode=t2")
    assert response["Content-Disposition"].startswith("attachment")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", "I MANAJEMEN PERUBAHAN", "II PELAYANAN PUBLIK"]
    summary = [list(r) for r in book["Ringkasan"].iter_rows(min_row=6, max_row=8, values_only=True)]
    assert summary[0] == ["Seluruh rencana", 10, 2, 7, 5, 1, 7, 25, 1, 3, 25, 1, 3, 25, 1, 3, 2]
    assert summary[1][:4] == ["I. MANAJEMEN PERUBAHAN", 12.5, 2, 6]
    assert summary[2][7:10] == [None, 0, 0]
    area_sheet = list(book["I MANAJEMEN PERUBAHAN"].iter_rows(min_row=4, values_only=True))
    assert area_sheet[0][:4] == ("1", "Rapat berkala", str(small[1]), 50)

    path = tmp_path / "laporan.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "LAPORAN MONITORING DAN EVALUASI" in text
    assert "periode Triwulan II 2026" in text
    # In Triwulan II: T2 (waiting) and the May slot: 1 of 2 collected, nothing verified.
    with time_machine.travel(TODAY, tick=False):
        expected = dashboard(rencana, date(2026, 5, 15), Filter(periode="t2"))["progres"]
    assert expected["terkumpul"].penyebut == 2
    assert "1 dari 2" in text and "0 dari 2" in text


# ---- access


DASHBOARD_URLS = ["dashboard", "drilldown", "trend", "export_excel", "export_pdf"]


@pytest.mark.parametrize("name", DASHBOARD_URLS)
def test_dashboard_urls_four_ways(client, plan_a, outsider, member_of, province_pimpinan, name):
    url = reverse(f"monev:{name}", args=[plan_a.pk])
    assert login_redirect(client.get(url))
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    # Every member of the office reads its dashboard, and so does the province's pimpinan.
    for user in [member_of(role) for role in Role.values] + [province_pimpinan]:
        client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_unknown_drilldown_list_is_404(client, plan_a, member_of):
    client.force_login(member_of(Role.PIMPINAN))
    url = reverse("monev:drilldown", args=[plan_a.pk]) + "?jenis=rahasia"
    assert client.get(url).status_code == 404


def test_rollup_four_ways_and_province_sees_only_its_districts(
    client, province, office_a, plan_a, office_b, member_of
):
    other_province = SatkerFactory(slug="kpu-prov-lain", tingkat=Satker.Tingkat.PROVINSI)
    other_district = SatkerFactory(slug="kpu-kab-lain", parent=other_province)
    url = reverse("monev:rollup", args=[province.pk])
    assert login_redirect(client.get(url))
    client.force_login(MembershipFactory(satker=other_province, role=Role.PIMPINAN).user)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(satker=province, role=Role.ANGGOTA).user)
    assert client.get(url).status_code == 403
    pimpinan = MembershipFactory(satker=province, role=Role.PIMPINAN).user
    client.force_login(pimpinan)
    page = _page(client, url)
    assert f'data-satker="{office_a.slug}"' in page
    assert office_b.slug not in page and other_district.slug not in page
    assert reverse("monev:dashboard", args=[plan_a.pk]) in page
    # Read-only inside a district: the dashboard opens, uploading does not.
    assert client.get(reverse("monev:dashboard", args=[plan_a.pk])).status_code == 200
    other_plan = RencanaAksi.objects.create(satker=other_district, tahun=2026, tentang="X")
    assert client.get(reverse("monev:dashboard", args=[other_plan.pk])).status_code == 404
    # A district pimpinan may not open its province's roll-up.
    client.force_login(member_of(Role.PIMPINAN))
    assert client.get(url).status_code == 404


def test_rollup_sorts_and_averages_offices(client, province, small, office_a):
    rencana, _ = small
    second = SatkerFactory(slug="kpu-kab-kedua", parent=province)
    client.force_login(MembershipFactory(satker=province, role=Role.PIMPINAN).user)
    with time_machine.travel(TODAY, tick=False):
        page = _page(
            client,
            reverse("monev:rollup", args=[province.pk]) + "?tahun=2026&urut=terkumpul&arah=turun",
        )
    assert page.index(office_a.slug) < page.index(second.slug)
    assert "Belum ada rencana aksi 2026" in page
    assert "10%" in page


def test_rollup_figures_come_from_the_cache_until_the_plan_changes(province, small):
    from monev.selectors import rollup_rows

    rencana, anggota = small
    kuesioner = Indikator.objects.get(komponen__area__rencana=rencana, nama="Survei internal")
    rekap = kuesioner.bukti_fisik.get(urutan=2)

    def collected():
        [row] = [r for r in rollup_rows(province, 2026, TODAY.date()) if r["rencana"]]
        return row["progres"]["terkumpul"].persen

    with time_machine.travel(TODAY, tick=False):
        before = collected()
        with CaptureQueriesContext(connection) as cached:
            assert collected() == before
        # Read from the cache: no slot or version is read again.
        assert not [q for q in cached.captured_queries if "bukti_fisik_slot" in q["sql"]]
        upload(rekap, "2026-01", anggota)
        after = collected()
    assert after > before


def test_the_drawn_rollup_changes_with_its_offices_and_figures(client, province, small, office_a):
    rencana, anggota = small
    client.force_login(MembershipFactory(satker=province, role=Role.PIMPINAN).user)
    url = reverse("monev:rollup", args=[province.pk])
    rekap = Indikator.objects.get(komponen__area__rencana=rencana, nama="Survei internal")
    with time_machine.travel(TODAY, tick=False):
        first = _page(client, url)
        assert "10%" in first
        office_a.nama = "KPU Kabupaten Berganti Nama"
        office_a.save()
        assert "KPU Kabupaten Berganti Nama" in _page(client, url)
        before = _first_figure(_page(client, url), office_a.slug)
        upload(rekap.bukti_fisik.get(urutan=2), "2026-01", anggota)
        assert _first_figure(_page(client, url), office_a.slug) != before


def _first_figure(page, slug):
    import re

    row = page[page.index(f'data-satker="{slug}"') :]
    return re.search(r'<span class="fw-semibold">([^<]+)</span>', row).group(1)


def test_a_national_rollup_lists_the_branches_with_their_figures(client, monkeypatch, db):
    from monev import views

    from .factories import plan_create

    pusat = SatkerFactory(slug="kpu-ri-uji", nama="KPU RI Uji", tingkat=Satker.Tingkat.PUSAT)
    jatim = SatkerFactory(nama="KPU Provinsi Satu", tingkat=Satker.Tingkat.PROVINSI, parent=pusat)
    jambi = SatkerFactory(nama="KPU Provinsi Dua", tingkat=Satker.Tingkat.PROVINSI, parent=pusat)
    for n in range(3):
        plan_create(SatkerFactory(nama=f"KPU Kabupaten Satu {n}", parent=jatim))
    SatkerFactory(nama="KPU Kabupaten Dua Tanpa Rencana", parent=jambi)
    client.force_login(MembershipFactory(satker=pusat, role=Role.PIMPINAN).user)
    url = reverse("monev:rollup", args=[pusat.pk])
    flat = _page(client, url)
    assert "KPU Kabupaten Satu 2" in flat and "3 rencana aksi dari 6 satker" in flat
    monkeypatch.setattr(views, "ROLLUP_FLAT_MAX", 4)
    grouped = _page(client, url)
    assert "3 rencana aksi dari 6 satker" in grouped
    assert "KPU Kabupaten Satu" not in grouped
    assert grouped.count("<tr data-satker=") == 2
    assert "KPU Provinsi Satu</a> <span" in grouped and "· 4 satker, 3 rencana" in grouped
    assert f'href="/satker/{jatim.pk}/rekap/?tahun=' in grouped
    assert "· 2 satker, 0 rencana" in grouped and "Belum ada rencana aksi" in grouped
    # The branch's figures are its offices pooled, as the total is when there is one branch.
    jatim_row = _first_figure(grouped, jatim.slug)
    assert jatim_row == _page(client, url).split("<tfoot>")[1].split("<td>")[1].split("<")[0]


def test_the_daily_snapshot_leaves_the_rollup_its_figures(province, small):
    from monev.selectors import rollup_rows
    from monev.services import snapshot_take

    with time_machine.travel(TODAY, tick=False):
        snapshot_take()
        with CaptureQueriesContext(connection) as read:
            [row] = [r for r in rollup_rows(province, 2026, TODAY.date()) if r["rencana"]]
    assert not [q for q in read.captured_queries if "bukti_fisik_slot" in q["sql"]]
    assert row["progres"]["terkumpul"].persen == Snapshot.objects.get(area=None).terkumpul


def test_home_sends_pimpinan_to_their_dashboard_or_rollup(client, province, plan_a, member_of):
    assert login_redirect(client.get(reverse("monev:home")))
    client.force_login(member_of(Role.PIMPINAN))
    assert client.get(reverse("monev:home"))["Location"] == reverse(
        "monev:dashboard", args=[plan_a.pk]
    )
    client.force_login(MembershipFactory(satker=province, role=Role.PIMPINAN).user)
    assert client.get(reverse("monev:home"))["Location"] == reverse(
        "monev:rollup", args=[province.pk]
    )
    client.force_login(member_of(Role.ANGGOTA))
    assert client.get(reverse("monev:home"))["Location"] == reverse("bukti_fisik:tugas")
    client.force_login(member_of(Role.SEKRETARIAT))
    assert client.get(reverse("monev:home"))["Location"] == reverse("rencana_aksi:list")


# ---- trend


def test_snapshots_are_daily_and_drawn_with_their_numbers(client, small, member_of):
    rencana, _ = small
    # The last day twice: the second run replaces that day's values, never doubles them.
    for day in (date(2026, 4, 30), date(2026, 5, 14), date(2026, 5, 15), date(2026, 5, 15)):
        with time_machine.travel(datetime.combine(day, datetime.min.time(), WIB), tick=False):
            call_command("snapshot_progress", stdout=io.StringIO())
    assert Snapshot.objects.filter(rencana=rencana, area=None).count() == 3
    snap = Snapshot.objects.get(rencana=rencana, area=None, tanggal=date(2026, 5, 15))
    assert (snap.terkumpul, snap.jatuh_tempo_terverifikasi, snap.tepat_waktu, snap.terlambat) == (
        10,
        25,
        25,
        2,
    )
    assert Snapshot.objects.filter(rencana=rencana, tanggal=date(2026, 5, 15)).count() == 3
    client.force_login(member_of(Role.PIMPINAN))
    page = _page(client, reverse("monev:trend", args=[rencana.pk]))
    assert 'id="tren-data"' in page and "2026-05-15" in page
    assert "30 April 2026" in page and "15 Mei 2026" in page  # month-end rows in text
    # Opened by its address it is a page of its own (title, lang, the site's layout); the
    # dashboard's htmx request gets the panel alone.
    assert '<html lang="id">' in page and "<title>Tren " in page and "chart.umd" in page
    panel = client.get(reverse("monev:trend", args=[rencana.pk]), headers={"HX-Request": "true"})
    assert 'id="tren-data"' in panel.content.decode() and b"<html" not in panel.content


# ---- query counts on the generated data sets


def _count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_dashboards_use_a_constant_number_of_queries_on_m_and_l(client, province):
    pimpinan = MembershipFactory(satker=province, role=Role.PIMPINAN).user
    client.force_login(pimpinan)
    rollup_url = reverse("monev:rollup", args=[province.pk])
    counts, rollup_counts = [], []
    for size in ("M", "L"):
        plan = dataset_generate(size, parent=province)
        urls = [
            reverse("monev:dashboard", args=[plan.pk]),
            reverse("monev:dashboard", args=[plan.pk]) + "?periode=t2&status=menunggu",
            reverse("monev:drilldown", args=[plan.pk]) + "?jenis=terlambat",
            reverse("monev:drilldown", args=[plan.pk]) + "?jenis=langkah_selesai",
            reverse("monev:trend", args=[plan.pk]),
        ]
        counts.append([_count(client, url) for url in urls])
        # The roll-up first over M alone, then over M and L together.
        rollup_counts.append(_count(client, rollup_url))
    assert LangkahAksi.objects.filter(indikator__komponen__area__rencana=plan).count() == 10000
    assert counts[0] == counts[1], counts
    assert counts[0][0] <= 6, counts
    assert rollup_counts[0] == rollup_counts[1] <= 9, rollup_counts


def test_the_monev_workbook_never_carries_a_formula(client, small, member_of):
    import zipfile

    rencana, _ = small
    names = ['=HYPERLINK("http://evil.test","klik")', "+1+2", "-3", "@SUM(A1)", "\tcmd"]
    for indikator, name in zip(
        Indikator.objects.filter(komponen__area__rencana=rencana), names, strict=False
    ):
        indikator.nama = name
        indikator.save()
    client.force_login(member_of(Role.PIMPINAN))
    body = client.get(reverse("monev:export_excel", args=[rencana.pk])).content
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [c for sheet in book.worksheets[1:] for row in sheet.iter_rows() for c in row]
    written = {c.value: c for c in cells if c.value in names}
    assert written and all(c.data_type == "s" for c in written.values())


def test_chart_lines_take_the_bars_colours_and_indonesian_dates(client, small, member_of):
    """Each figure has one colour, defined once in app.css and read by the chart; the axis
    reads Indonesian dates."""
    import re

    from django.conf import settings as dj

    from monev.progress import METRIC_LABELS

    css = (dj.BASE_DIR / "static/css/app.css").read_text()
    js = (dj.BASE_DIR / "static/js/tren.js").read_text()
    assert not re.search(r"#[0-9a-fA-F]{6}", js)  # no colour of its own
    for metric in METRIC_LABELS:
        assert re.search(rf"--warna-{metric}: #[0-9a-f]{{6}};", css), metric
        assert f".progress-bar.warna-{metric} {{ background-color: var(--warna-{metric}); }}" in css
    rencana, _ = small
    for day in (date(2026, 4, 30), date(2026, 5, 15)):
        with time_machine.travel(datetime.combine(day, datetime.min.time(), WIB), tick=False):
            call_command("snapshot_progress", stdout=io.StringIO())
    client.force_login(member_of(Role.PIMPINAN))
    page = _page(client, reverse("monev:trend", args=[rencana.pk]))
    series = json.loads(re.search(r'id="tren-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert series["label_tanggal"] == ["30 Apr", "15 Mei"]
    dashboard_page = _page(client, reverse("monev:dashboard", args=[rencana.pk]))
    assert 'class="progress-bar warna-tepat_waktu lebar-' in dashboard_page


def test_counting_in_sql_gives_the_numbers_of_the_slot_by_slot_read(province):
    """plan_counts (grouped in SQL, what the dashboard and roll-ups read) and plan_facts (each
    slot listed, what the drill-down lists read) agree on every indikator under each filter,
    also once a schedule changed and left stored slots outside it."""
    from monev.selectors import plan_counts, plan_facts

    plan = dataset_generate("M", parent=province)
    plan = RencanaAksi.objects.select_related("satker").get(pk=plan.pk)
    moved = Indikator.objects.filter(
        komponen__area__rencana=plan, slot__status=Slot.Status.TERVERIFIKASI
    ).first()
    target_waktu_update(moved, "Desember")
    area = plan.areas.order_by("urutan")[1]
    filters = [
        Filter(),
        Filter(status=Slot.Status.TERVERIFIKASI),
        Filter(status=Slot.Status.BELUM_ADA, periode="t2"),
        Filter(periode="b6"),
        Filter(area=area.pk),
        Filter(pic="tanpa"),
    ]
    today = date(2026, 7, 27)  # month-end periods fall within the 7-day window
    for filtr in filters:
        facts = plan_facts([plan], today, filtr)
        counts = plan_counts([plan], today, filtr)
        listed = {i.pk: i.progres for i in facts.indikator}
        counted = {i.pk: i.progres for i in counts.indikator}
        assert listed.keys() == counted.keys() and listed, filtr
        assert listed == counted, filtr
        # The monthly chart: each listed slot of the plan's year under its due month.
        months = {m: [0, 0] for m in range(1, 13)}
        for indikator in facts.indikator:
            for slot in indikator.slots:
                if slot.jatuh_tempo.year == plan.tahun:
                    months[slot.jatuh_tempo.month][0] += 1
                    months[slot.jatuh_tempo.month][1] += slot.terverifikasi
        chart = counts.bulanan[plan.pk]
        assert [chart.due[1:], chart.verified[1:]] == [
            [months[m][0] for m in months],
            [months[m][1] for m in months],
        ], filtr
        assert sum(chart.due) > 0, filtr
        if filtr == Filter():
            assert sum(p.terlambat for p in counted.values()) > 0
            assert sum(p.segera for p in counted.values()) > 0
            assert sum(p["tepat_waktu"].pembilang for p in counted.values()) > 0


def test_the_reads_compiled_once_give_what_the_orm_gives(province, small):
    """The dashboard's two reads are compiled once per shape and then run with other values:
    for other plans, other numbers of plans and a status or none, they return the rows the
    ORM returns for the same query, and the indikator rows carry the models' bobot and
    schedule."""
    from monev.selectors import _indikator_query, _indikator_rows, _slot_query
    from rencana_aksi.prepared import rows as _prepared_rows

    small, _ = small
    big = dataset_generate("M", parent=province)
    weighted = Indikator.objects.filter(komponen__area__rencana=big).first()
    weighted.bobot = Decimal("2.5")
    weighted.save()
    shapes = [[big.pk], [small.pk], [small.pk, big.pk], [big.pk + 1000]]
    seen = 0
    for ids in shapes:
        for status in ("", Slot.Status.TERVERIFIKASI, Slot.Status.PERLU_PERBAIKAN):
            compiled = _prepared_rows(_slot_query, ids, status)
            assert sorted(compiled) == sorted(_slot_query(ids, status)), (ids, status)
            seen += len(compiled)
        assert _prepared_rows(_indikator_query, ids) == [tuple(r) for r in _indikator_query(ids)]
    assert seen > 1000
    rows = _indikator_rows([small.pk, big.pk])
    models = Indikator.objects.select_related("target_waktu").in_bulk([r.pk for r in rows])
    assert len(rows) == len(models) > 300
    for row in rows:
        model = models[row.pk]
        assert row.bobot == model.bobot and row.nama == model.nama
        assert row.target_waktu.jadwal == model.target_waktu.jadwal
    assert {r.bobot for r in rows} >= {Decimal("2.5"), Decimal("3"), None}


def test_a_plan_taken_from_its_areas_gives_the_numbers_taken_over_its_indikator(province, small):
    """The dashboard's whole-plan numbers come from its areas' rollups; they equal the rollup
    over the indikator themselves when the plan is pooled, weighted in every area (data set
    M) or weighted in some areas only (the small plan), under filters too."""
    from monev.progress import BERBOBOT, GABUNGAN, indikator_rollup
    from monev.selectors import plan_counts

    small, _ = small
    big = RencanaAksi.objects.select_related("satker").get(
        pk=dataset_generate("M", parent=province).pk
    )
    today = date(2026, 7, 27)
    ways = set()
    for plan in (small, big, "pooled"):
        if plan == "pooled":
            Indikator.objects.filter(komponen__area__rencana=big).update(bobot=None)
            plan = big
        for filtr in (Filter(), Filter(status=Slot.Status.TERVERIFIKASI), Filter(pic="tanpa")):
            whole = dashboard(plan, today, filtr)["progres"]
            over = indikator_rollup(plan_counts([plan], today, filtr).indikator)
            assert _numbers(whole) == _numbers(over), (plan, filtr)
            assert whole.terlambat == over.terlambat and whole.segera == over.segera
            ways.add(whole["terkumpul"].cara)
    assert ways == {BERBOBOT, GABUNGAN}


def test_empty_slots_worked_out_per_schedule_count_as_one_by_one():
    """Tally.add_kosong (a schedule's empty slots times the bukti fisik, less the stored ones)
    gives what adding each empty slot by itself gives, for every way two bukti fisik may have
    filled four periods: one past due, two due soon, one later; the monthly chart likewise."""
    import itertools

    from monev.progress import Kosong, Tally
    from rencana_aksi.jadwal import Periode

    today = date(2026, 7, 27)
    periode = [
        Periode("a", "A", date(2026, 7, 1), date(2026, 7, 20)),
        Periode("b", "B", date(2026, 7, 1), date(2026, 7, 28)),
        Periode("c", "C", date(2026, 7, 1), date(2026, 7, 31)),
        Periode("d", "D", date(2026, 8, 1), date(2026, 8, 31)),
    ]
    empty = Kosong.of(periode, today, 7)
    assert (empty.jumlah, empty.lewat, empty.segera) == (4, 1, 2)
    cases = 0
    for filled in itertools.product(range(3), repeat=4):
        stored = {p.kode: n for p, n in zip(periode, filled, strict=True) if n}
        expected, expected_chart = Tally(today), {}
        for p in periode:
            for _ in range(2 - stored.get(p.kode, 0)):
                expected.add(p.jatuh_tempo, 7, 1, 0, 0, 0)
                expected_chart[p.jatuh_tempo] = expected_chart.get(p.jatuh_tempo, 0) + 1
        tally = Tally(today)
        chart = {p.jatuh_tempo: [0, 0] for p in periode}
        tally.add_kosong(empty, 2, stored, chart)
        for due, count in empty.per_due:
            chart[due][0] += 2 * count
        assert tally == expected, stored
        assert {due: n for due, (n, _) in chart.items() if n} == expected_chart, stored
        cases += 1
    assert cases == 81
