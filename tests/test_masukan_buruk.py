"""No input reaches a 500: every page and action of the app, GET and POST, is sent generated
query strings and form fields (the names the app reads, with hostile values) by a member who
holds every role, so each request gets past the access checks to the parsing."""

import pytest
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bukti_fisik.models import Notifikasi
from rencana_aksi import services
from rencana_aksi.models import Role
from tim.services import undangan_create

from .evidence import first_bukti, upload
from .factories import MembershipFactory

FIELDS = [
    "area",
    "pic",
    "status",
    "periode",
    "jenis",
    "tahun",
    "urut",
    "arah",
    "halaman",
    "next",
    "pilih",
    "keputusan",
    "catatan",
    "revisi",
    "tanggal_dokumen",
    "status_tanggal",
    "status_catatan",
    "kendala",
    "tindak_lanjut",
    "mode",
    "lihat",
    "batal",
    "email",
    "nama",
    "role",
    "roles",
    "areas",
    "anggota",
    "lepas",
    "aktif",
    "indikator",
    "satker",
    "induk",
    "uraian",
    "penanda",
    "nomor",
    "target_waktu",
    "target_capaian",
    "alasan",
    "aksi",
    "isi",
    "konfirmasi",
    "teks",
    "kota",
    "pengingat_hari",
    "slug",
    "email_admin",
    "first_name",
    "username",
    "telepon",
    "jenis_jadwal",
    "bulan",
    "mulai",
    "selesai",
    "menimbang_items",
    "tentang",
]
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "²",
            "²:1",
            "1:²",
            "null",
            "",
            "0",
            "-1",
            "9" * 23,
            "1:1",
            "../../etc",
            "<script>x</script>",
            "=1+1",
            "2026-13-45",
            "t9",
            "b0",
            "tanpa",
            "semua",
            "turun",
            "setujui",
            "kembalikan",
            "tulis",
            "petakan",
            "naik",
            "\x00",
            "a\x00b",
            "\x07\x1b[31m",
            "a\x7fb",
            "\r\nX-Injected: 1",
            "a" * 3000,
            "http://evil.test/",
            "//evil.test",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
)
SKIP = {"logout", "verifikasi", "password_reset_confirm"}  # no object, or ends the session


def _urls(ids):
    """Every named URL of the app with the ids of real objects of office A."""

    def walk(patterns, namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                if getattr(p, "app_name", "") != "admin":
                    yield from walk(p.url_patterns, p.namespace or namespace)
            elif p.name and p.name not in SKIP:
                name = f"{namespace}:{p.name}" if namespace else p.name
                params = list(p.pattern.converters)
                yield name, reverse(name, kwargs={k: ids(name, k) for k in params})

    return dict(walk(get_resolver().url_patterns))


@pytest.fixture
def world(office_a, plan_a, client):
    user = MembershipFactory(satker=office_a, role=Role.ADMIN).user
    for role in Role.values:
        if role != Role.ADMIN:
            MembershipFactory(satker=office_a, role=role, user=user)
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    bukti = first_bukti(plan_a)
    [version] = upload(bukti, "2026-T1", anggota)
    draft = services.rencana_draft_for(office_a, 2027)
    invitation = undangan_create(office_a, email="u@kpu.test", role=Role.ANGGOTA, user=user)
    note = Notifikasi.objects.create(penerima=user, kunci="x", judul="x", tautan="/")
    indikator = bukti.indikator
    values = {
        "pk": plan_a.pk,
        "bukti_pk": bukti.pk,
        "kode": "2026-T1",
        "user_pk": anggota.pk,
        "area_pk": plan_a.areas.first().pk,
        "upload_id": "00000000-0000-4000-8000-000000000000",
        "obj_pk": indikator.pk,
        "jenis": "indikator",
        "n": 1,
        "token": "x",
        "uidb64": "x",
    }
    by_name = {
        "tim:anggota": office_a.pk,
        "tim:undang": office_a.pk,
        "tim:impor_anggota": office_a.pk,
        "tim:area_tugas": office_a.pk,
        "tim:peran": office_a.pk,
        "tim:status": office_a.pk,
        "tim:bawahan": office_a.pk,
        "tim:impor_bawahan": office_a.pk,
        "tim:pengaturan": office_a.pk,
        "tim:logo": office_a.pk,
        "monev:rollup": office_a.pk,
        "tim:undangan_batal": invitation.pk,
        "bukti_fisik:indikator": indikator.pk,
        "bukti_fisik:kendala_add": indikator.pk,
        "bukti_fisik:arahan_indikator": indikator.pk,
        "rencana_aksi:jadwal_edit": indikator.pk,
        "bukti_fisik:download": version.pk,
        "bukti_fisik:preview": version.pk,
        "bukti_fisik:review": version.pk,
        "bukti_fisik:notifikasi_open": note.pk,
        "bukti_fisik:langkah_status": indikator.langkah_aksi.first().pk,
        "rencana_aksi:impor": draft.pk,
        "rencana_aksi:sunting": draft.pk,
        "rencana_aksi:sunting_tambah": draft.pk,
        "rencana_aksi:sunting_simpan": draft.pk,
        "rencana_aksi:sunting_hapus": draft.pk,
        "rencana_aksi:sunting_geser": draft.pk,
        "rencana_aksi:tetapkan": draft.pk,
    }

    def ids(name, key):
        if key == "pk" and name in by_name:
            return by_name[name]
        return values[key]

    client.force_login(user)
    return client, _urls(ids)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), HOSTILE, max_size=6), post=st.booleans())
def test_no_input_reaches_a_500(world, data, post):
    client, urls = world
    for url in sorted(set(urls.values())):
        response = client.post(url, data) if post else client.get(url, data)
        assert response.status_code < 500, (url, post, data)


HEADERS = [
    "Upload-Offset",
    "Upload-Length",
    "Upload-Metadata",
    "Tus-Resumable",
    "Content-Type",
    "Range",
    "If-Modified-Since",
    "If-None-Match",
    "If-Match",
    "HX-Request",
    "HX-Target",
    "Accept",
    "X-Forwarded-For",
]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    headers=st.dictionaries(st.sampled_from(HEADERS), HOSTILE, min_size=1, max_size=4),
    method=st.sampled_from(["get", "post", "patch", "head", "delete", "options"]),
)
def test_no_hostile_header_reaches_a_500(world, headers, method):
    """The same walk with hostile request headers: tus's, Range, the If-* family, htmx's."""
    client, urls = world
    clean = {k.lower().replace("-", "_"): v for k, v in headers.items()}
    for url in sorted(set(urls.values())):
        response = getattr(client, method)(url, headers=clean)
        assert response.status_code < 500, (url, method, headers)


@pytest.mark.parametrize(
    "method,name,data",
    [
        ("get", "monev:dashboard", {"area": "²"}),
        ("get", "monev:dashboard", {"pic": "²"}),
        ("get", "monev:trend", {"area": "9" * 23}),
        ("get", "monev:drilldown", {"area": "9" * 23, "jenis": "terlambat"}),
        ("get", "monev:rollup", {"tahun": "²"}),
        ("post", "bukti_fisik:review_bulk_verify", {"pilih": "²:1"}),
        ("post", "bukti_fisik:review", {"keputusan": "setujui", "revisi": "0", "next": "null"}),
        ("post", "tim:area_tugas", {"next": "²"}),
    ],
)
def test_the_inputs_that_once_gave_500(world, method, name, data):
    client, urls = world
    response = getattr(client, method)(urls[name], data)
    assert response.status_code < 500


# ---- error pages


def test_error_pages_are_indonesian_in_the_apps_layout(client, plan_a, outsider, member_of):
    from django.template.loader import render_to_string
    from django.test import Client

    client.force_login(outsider)
    page = client.get(reverse("rencana_aksi:detail", args=[plan_a.pk]))
    body = page.content.decode()
    assert page.status_code == 404 and "Halaman tidak ditemukan" in body
    assert "ZI Tracker" in body and "Ke halaman awal" in body and "matches the given" not in body
    client.force_login(member_of(Role.ANGGOTA))
    page = client.get(reverse("rencana_aksi:dokumen", args=[plan_a.pk]))
    assert page.status_code == 403 and "tidak mengizinkan tindakan ini" in page.content.decode()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member_of(Role.ADMIN))
    page = strict.post(reverse("tim:undang", args=[plan_a.satker_id]), {"email": "a@b.test"})
    assert page.status_code == 403 and "Formulir ini sudah kedaluwarsa" in page.content.decode()
    assert "Terjadi kesalahan di server" in render_to_string("500.html")
    assert "tidak dapat dibaca" in render_to_string("400.html")
