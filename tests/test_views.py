import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rencana_aksi.models import Indikator, Role, TargetWaktu
from rencana_aksi.services import rencana_aksi_import

from .factories import SatkerFactory, login_redirect, plan_create

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
READERS = [r.value for r in Role]


def _first_indikator(plan):
    return Indikator.objects.filter(komponen__area__rencana=plan).order_by("pk").first()


# ---- plan list


def test_list_anonymous_goes_to_login(client, plan_a):
    assert login_redirect(client.get(reverse("rencana_aksi:list")))


def test_list_shows_only_the_offices_a_user_reads(client, plan_a, outsider, province_pimpinan):
    client.force_login(outsider)
    assert "KPU Kabupaten A" not in client.get(reverse("rencana_aksi:list")).content.decode()
    client.force_login(province_pimpinan)
    assert "KPU Kabupaten A" in client.get(reverse("rencana_aksi:list")).content.decode()


@pytest.mark.parametrize("role", READERS)
def test_list_every_role_sees_its_plan(client, plan_a, member_of, role):
    client.force_login(member_of(role))
    response = client.get(reverse("rencana_aksi:list"))
    assert response.status_code == 200
    assert reverse("rencana_aksi:detail", args=[plan_a.pk]) in response.content.decode()


# ---- plan page


def test_plan_anonymous_goes_to_login(client, plan_a):
    assert login_redirect(client.get(reverse("rencana_aksi:detail", args=[plan_a.pk])))


def test_plan_outsider_gets_404(client, plan_a, outsider):
    client.force_login(outsider)
    assert client.get(reverse("rencana_aksi:detail", args=[plan_a.pk])).status_code == 404


@pytest.mark.parametrize("role", READERS)
def test_plan_every_member_reads_it(client, plan_a, member_of, role):
    client.force_login(member_of(role))
    response = client.get(reverse("rencana_aksi:detail", args=[plan_a.pk]) + "?semua=1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Indikator 1.1.1" in body and "Langkah 2" in body and "Bukti 1" in body
    assert "Nilai ≥ 80" in body and "4 periode" in body


def test_plan_province_pimpinan_reads_the_district_below(client, plan_a, province_pimpinan):
    client.force_login(province_pimpinan)
    assert client.get(reverse("rencana_aksi:detail", args=[plan_a.pk])).status_code == 200


def test_plan_text_is_escaped(client, office_a, member_of):
    from .factories import plan_data

    data = plan_data(office_a, areas=1, komponen=1, indikator=1)
    data["area"][0]["komponen"][0]["indikator"][0]["nama"] = '<script>alert("x")</script>'
    rencana, _ = rencana_aksi_import(data)
    client.force_login(member_of(Role.ANGGOTA))
    url = reverse("rencana_aksi:detail", args=[rencana.pk])
    area = rencana.areas.get()
    for page in (url + "?semua=1", reverse("rencana_aksi:area", args=[rencana.pk, area.pk])):
        body = client.get(page).content.decode()
        assert '<script>alert("x")</script>' not in body
        assert "&lt;script&gt;" in body


def _plan_queries(client, plan, query=""):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("rencana_aksi:detail", args=[plan.pk]) + query)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_plan_page_opens_areas_one_at_a_time(client, plan_a, member_of, outsider, office_b):
    """The page lists the areas closed; an area's rows come when it is opened (or with
    ?area= without JavaScript), in the same few queries whatever the area's size."""
    from .factories import plan_create

    client.force_login(member_of(Role.ANGGOTA))
    url = reverse("rencana_aksi:detail", args=[plan_a.pk])
    body = client.get(url).content.decode()
    first, second = plan_a.areas.order_by("urutan")[:2]
    assert f'<details class="area-lampiran mt-3" id="area-{first.pk}">' in body
    assert "Indikator 1.1.1" not in body  # rows not loaded yet
    assert reverse("rencana_aksi:area", args=[plan_a.pk, first.pk]) in body
    fragment = client.get(reverse("rencana_aksi:area", args=[plan_a.pk, first.pk]))
    text = fragment.content.decode()
    assert "Indikator 1.1.1" in text and "Indikator 2.1.1" not in text
    assert f"keadaan-bukti/?area={first.pk}" in text
    one = client.get(url + f"?area={second.pk}").content.decode()
    assert f'id="area-{second.pk}" open>' in one and "Indikator 2.1.1" in one
    # An area of another plan, or of a plan the user cannot read.
    other = plan_create(office_b)
    assert (
        client.get(
            reverse("rencana_aksi:area", args=[plan_a.pk, other.areas.first().pk])
        ).status_code
        == 404
    )
    client.force_login(outsider)
    assert client.get(reverse("rencana_aksi:area", args=[plan_a.pk, first.pk])).status_code == 404


@pytest.mark.django_db
def test_plan_page_query_count_is_constant(client, django_assert_max_num_queries):
    madiun = SatkerFactory(slug="kpu-kab-madiun")
    data = json.loads((FIXTURES / "kpu-kab-madiun-7-2026.json").read_text(encoding="utf-8"))
    plan_madiun, _ = rencana_aksi_import(data)
    big_office = SatkerFactory()
    plan_big = plan_create(big_office, areas=6, komponen=5, indikator=10, langkah=5, bukti=3)
    assert Indikator.objects.filter(komponen__area__rencana=plan_big).count() == 300

    from .factories import MembershipFactory

    user = MembershipFactory(satker=madiun, role=Role.PIMPINAN).user
    MembershipFactory(user=user, satker=big_office, role=Role.PIMPINAN)
    client.force_login(user)
    # 14 for the page, 1 for the navbar (unread notifications, review-queue link, made where drawn).
    with django_assert_max_num_queries(16):
        client.get(reverse("rencana_aksi:detail", args=[plan_madiun.pk]))
    with django_assert_max_num_queries(16):
        client.get(reverse("rencana_aksi:detail", args=[plan_big.pk]))
    assert _plan_queries(client, plan_madiun) == _plan_queries(client, plan_big)
    assert _plan_queries(client, plan_madiun, "?semua=1") == _plan_queries(
        client, plan_big, "?semua=1"
    )
    # One area's rows: the same count for a 7-indikator area and a 50-indikator one.
    counts = []
    for plan in (plan_madiun, plan_big):
        area = plan.areas.order_by("urutan").first()
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get(reverse("rencana_aksi:area", args=[plan.pk, area.pk])).status_code == 200
            )
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


# ---- indikator page


def test_indikator_anonymous_goes_to_login(client, plan_a):
    url = reverse("bukti_fisik:indikator", args=[_first_indikator(plan_a).pk])
    assert login_redirect(client.get(url))


def test_indikator_outsider_gets_404(client, plan_a, outsider):
    client.force_login(outsider)
    url = reverse("bukti_fisik:indikator", args=[_first_indikator(plan_a).pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", READERS)
def test_indikator_members_read_it(client, plan_a, member_of, role):
    client.force_login(member_of(role))
    indikator = _first_indikator(plan_a)
    response = client.get(reverse("bukti_fisik:indikator", args=[indikator.pk]))
    assert response.status_code == 200
    assert indikator.nama in response.content.decode()
    shows_edit = (
        reverse("rencana_aksi:jadwal_edit", args=[indikator.pk]) in response.content.decode()
    )
    assert shows_edit is (role in (Role.ADMIN, Role.KETUA_TIM))


def test_indikator_page_query_count_is_constant(client, office_a, member_of):
    small = plan_create(office_a, tahun=2026, areas=1, komponen=1, indikator=1, langkah=1, bukti=1)
    big = plan_create(office_a, tahun=2027, areas=1, komponen=1, indikator=2, langkah=40, bukti=30)
    client.force_login(member_of(Role.ANGGOTA))
    counts = []
    for plan in (small, big):
        url = reverse("bukti_fisik:indikator", args=[_first_indikator(plan).pk])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 14, counts


# ---- schedule correction


def _jadwal_url(plan):
    return reverse("rencana_aksi:jadwal_edit", args=[_first_indikator(plan).pk])


def test_jadwal_anonymous_goes_to_login(client, plan_a):
    assert login_redirect(client.get(_jadwal_url(plan_a)))


def test_jadwal_outsider_gets_404(client, plan_a, outsider):
    client.force_login(outsider)
    assert client.get(_jadwal_url(plan_a)).status_code == 404
    assert client.post(_jadwal_url(plan_a), {"jenis": "tahunan"}).status_code == 404


@pytest.mark.parametrize(
    "role", [Role.KOORDINATOR, Role.ANGGOTA, Role.PIMPINAN, Role.SEKRETARIAT, Role.PENILAI]
)
def test_jadwal_wrong_role_gets_403_and_nothing_changes(client, plan_a, member_of, role):
    client.force_login(member_of(role))
    before = TargetWaktu.objects.get(indikator=_first_indikator(plan_a)).jenis
    assert client.get(_jadwal_url(plan_a)).status_code == 403
    assert client.post(_jadwal_url(plan_a), {"jenis": "tahunan"}).status_code == 403
    assert TargetWaktu.objects.get(indikator=_first_indikator(plan_a)).jenis == before


def test_jadwal_province_pimpinan_reads_but_cannot_change(client, plan_a, province_pimpinan):
    client.force_login(province_pimpinan)
    assert client.post(_jadwal_url(plan_a), {"jenis": "tahunan"}).status_code == 403


@pytest.mark.parametrize("role", [Role.ADMIN, Role.KETUA_TIM])
def test_jadwal_admin_and_ketua_tim_change_the_schedule_not_the_text(
    client, plan_a, member_of, role
):
    client.force_login(member_of(role))
    indikator = _first_indikator(plan_a)
    teks = indikator.target_waktu.teks
    assert client.get(_jadwal_url(plan_a)).status_code == 200
    response = client.post(_jadwal_url(plan_a), {"jenis": "daftar", "bulan": ["3", "9"]})
    assert response.status_code == 302
    tw = TargetWaktu.objects.get(indikator=indikator)
    assert (tw.jenis, tw.bulan, tw.teks, tw.bawaan) == ("daftar", [3, 9], teks, False)


def test_jadwal_bad_input_is_refused_with_a_message(client, plan_a, member_of):
    client.force_login(member_of(Role.ADMIN))
    indikator = _first_indikator(plan_a)
    before = TargetWaktu.objects.get(indikator=indikator)
    response = client.post(_jadwal_url(plan_a), {"jenis": "rentang", "mulai": "11", "selesai": "2"})
    assert response.status_code == 400
    assert "Bulan awal rentang harus sebelum bulan akhir" in response.content.decode()
    response = client.post(_jadwal_url(plan_a), {"jenis": "mingguan"})
    assert response.status_code == 400
    after = TargetWaktu.objects.get(indikator=indikator)
    assert (after.jenis, after.bulan) == (before.jenis, before.bulan)


def test_the_navbar_is_read_only_where_a_page_draws_it(client, plan_a, member_of):
    """The navbar's numbers are one query, made by a page that draws the navbar: a fragment,
    a download or a resumable upload's chunk pays nothing for them."""
    client.force_login(member_of(Role.KETUA_TIM))

    def navbar_queries(url, **headers):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, headers=headers)
        return response, [q["sql"] for q in ctx.captured_queries if "notifikasi" in q["sql"]]

    page, queries = navbar_queries(reverse("rencana_aksi:detail", args=[plan_a.pk]))
    assert page.status_code == 200 and len(queries) == 1
    area = plan_a.areas.first()
    fragment, queries = navbar_queries(
        reverse("rencana_aksi:area", args=[plan_a.pk, area.pk]), hx_request="true"
    )
    assert fragment.status_code == 200 and b"<nav" not in fragment.content and queries == []
