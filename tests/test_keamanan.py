"""Every URL of the site, walked as the anonymous visitor, as an outsider (an Admin satker of
another office), as a pimpinan of the province above, and as each role of the office that owns
the objects: the expected answer for each, and the security headers on every one of them.

A pattern added to the URLconf without a row in EXPECTED fails test_every_url_has_an_entry."""

import re
import uuid

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bukti_fisik.models import Notifikasi
from rencana_aksi.jadwal import periods
from rencana_aksi.models import BerkasImpor, LangkahAksi, Role
from rencana_aksi.services import dokumen_render, dokumen_request
from tim import services as tim_services

from . import samples
from .evidence import first_bukti, upload

ROLES = [r.value for r in Role]
PERSONAS = ["anon", "luar", "provinsi", *ROLES]

# The answer of each persona, in the order of PERSONAS:
#   anonymous, outsider, province pimpinan, admin, ketua_tim, koordinator, anggota, pimpinan,
#   sekretariat, penilai.
# 302 for the anonymous visitor is the login page; 302 for a member is the action done (or
# refused with a message) and the way back. Views that change something are sent an empty POST,
# inside a transaction rolled back after each request.
EXPECTED = {
    "login": "200 200 200 200 200 200 200 200 200 200",
    "logout": "302 302 302 302 302 302 302 302 302 302",
    "password_reset": "200 200 200 200 200 200 200 200 200 200",
    "password_reset_done": "200 200 200 200 200 200 200 200 200 200",
    "password_reset_confirm": "200 200 200 200 200 200 200 200 200 200",
    "password_reset_complete": "200 200 200 200 200 200 200 200 200 200",
    "password_change": "302 200 200 200 200 200 200 200 200 200",
    "password_change_done": "302 200 200 200 200 200 200 200 200 200",
    "verifikasi": "200 200 200 200 200 200 200 200 200 200",
    "tim:anggota": "302 404 403 200 200 403 403 403 403 403",
    "tim:undang": "302 404 403 302 403 403 403 403 403 403",
    "tim:impor_anggota": "302 404 403 200 403 403 403 403 403 403",
    "tim:area_tugas": "302 404 403 302 302 403 403 403 403 403",
    "tim:peran": "302 404 403 302 403 403 403 403 403 403",
    "tim:status": "302 404 403 302 403 403 403 403 403 403",
    "tim:buka_kunci": "302 404 403 302 403 403 403 403 403 403",
    "tim:bawahan": "302 404 403 403 403 403 403 403 403 403",
    "tim:impor_bawahan": "302 404 403 403 403 403 403 403 403 403",
    "tim:pengaturan": "302 404 403 200 403 403 403 403 403 403",
    "tim:logo": "302 404 200 200 200 200 200 200 200 200",
    "tim:undangan_batal": "302 404 403 302 403 403 403 403 403 403",
    "tim:undangan": "200 200 200 200 200 200 200 200 200 200",
    "tim:pic": "302 404 403 200 200 403 403 403 403 403",
    "tim:profil": "302 200 200 200 200 200 200 200 200 200",
    "tim:pilih_satker": "302 404 404 404 404 404 404 404 404 404",
    "tim:logo_aktif": "302 404 404 200 200 200 200 200 200 200",
    "lke:proyeksi": "302 404 200 200 200 200 200 200 200 200",
    "lke:ringkas": "302 404 200 200 200 200 200 200 200 200",
    "lke:excel": "302 404 200 200 200 200 200 200 200 200",
    "lke:pdf": "302 404 200 200 200 200 200 200 200 200",
    "lke:tautan": "302 404 200 200 200 200 200 200 200 200",
    "lke:penilaian": "302 404 200 200 200 200 200 200 200 200",
    "lke:tpi": "302 404 403 403 403 403 403 403 403 302",
    "lke:kesiapan": "302 404 403 302 302 403 403 403 403 403",
    "bukti_fisik:indikator": "302 404 200 200 200 200 200 200 200 200",
    "bukti_fisik:kendala_add": "302 404 403 302 302 403 403 403 403 403",
    "bukti_fisik:arahan_indikator": "302 404 302 403 403 403 403 302 403 403",
    "bukti_fisik:keadaan_rencana": "302 404 200 200 200 200 200 200 200 200",
    "bukti_fisik:arahan_area": "302 404 200 200 200 200 200 200 200 200",
    "bukti_fisik:slot": "302 404 200 200 200 200 200 200 200 200",
    "bukti_fisik:upload": "302 404 403 302 302 403 403 403 403 403",
    "bukti_fisik:download": "302 404 200 200 200 200 200 200 200 200",
    "bukti_fisik:preview": "302 404 200 200 200 200 200 200 200 200",
    "bukti_fisik:review": "302 404 403 403 302 403 403 403 403 403",
    "bukti_fisik:tugas": "302 200 200 200 200 200 200 200 200 200",
    "bukti_fisik:tus_create": "401 412 412 412 412 412 412 412 412 412",
    "bukti_fisik:tus_upload": "401 404 404 404 404 404 404 404 404 404",
    "bukti_fisik:review_queue": "302 403 403 403 200 200 403 403 403 403",
    "bukti_fisik:review_bulk_verify": "302 403 403 403 302 302 403 403 403 403",
    "bukti_fisik:langkah_status": "302 404 403 200 200 403 403 403 403 403",
    "bukti_fisik:notifikasi": "302 200 200 200 200 200 200 200 200 200",
    "bukti_fisik:notifikasi_open": "302 404 404 404 302 404 404 404 404 404",
    "bukti_fisik:notifikasi_read_all": "302 302 302 302 302 302 302 302 302 302",
    "monev:home": "302 302 302 302 302 302 302 302 302 302",
    "monev:dashboard": "302 404 200 200 200 200 200 200 200 200",
    "monev:drilldown": "302 404 200 200 200 200 200 200 200 200",
    "monev:trend": "302 404 200 200 200 200 200 200 200 200",
    "monev:export_excel": "302 404 200 200 200 200 200 200 200 200",
    "monev:export_pdf": "302 404 200 200 200 200 200 200 200 200",
    "monev:rollup": "302 404 200 200 200 403 403 200 403 200",
    "rencana_aksi:list": "302 200 200 200 200 200 200 200 200 200",
    "rencana_aksi:detail": "302 404 200 200 200 200 200 200 200 200",
    "rencana_aksi:area": "302 404 200 200 200 200 200 200 200 200",
    "rencana_aksi:keputusan_edit": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:keputusan_preview": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:dokumen": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:dokumen_create": "302 404 403 302 403 403 403 403 302 403",
    "rencana_aksi:dokumen_status": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:dokumen_download": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:dokumen_preview": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:jadwal_edit": "302 404 403 200 200 403 403 403 403 403",
    "rencana_aksi:rencana_baru": "302 404 404 404 404 404 404 404 404 404",
    "rencana_aksi:sunting": "302 404 403 200 403 403 403 403 403 403",
    "rencana_aksi:sunting_tambah": "302 404 403 302 403 403 403 403 403 403",
    "rencana_aksi:sunting_simpan": "302 404 403 302 403 403 403 403 403 403",
    "rencana_aksi:sunting_hapus": "302 404 403 302 403 403 403 403 403 403",
    "rencana_aksi:sunting_geser": "302 404 403 302 403 403 403 403 403 403",
    "rencana_aksi:jadwal_pratinjau": "302 200 200 200 200 200 200 200 200 200",
    "rencana_aksi:templat": "302 200 200 200 200 200 200 200 200 200",
    "rencana_aksi:ekspor": "302 404 403 200 403 403 403 403 200 403",
    "rencana_aksi:impor": "302 404 403 200 403 403 403 403 403 403",
    "rencana_aksi:impor_pratinjau": "302 404 403 200 403 403 403 403 403 403",
    "rencana_aksi:impor_status": "302 404 403 204 403 403 403 403 403 403",
    "rencana_aksi:tahun_berikut": "302 404 403 302 403 403 403 403 403 403",
    "rencana_aksi:tetapkan": "302 404 403 302 403 403 403 403 403 403",
}


@pytest.fixture
def objects(
    plan_a, office_a, member_of, outsider, province_pimpinan, django_capture_on_commit_callbacks
):
    people = {role: member_of(role) for role in ROLES}
    people["luar"] = outsider
    people["provinsi"] = province_pimpinan
    office_a.logo.save("logo.png", ContentFile(samples.image_bytes("PNG")))
    bukti = first_bukti(plan_a)
    periode = periods(bukti.indikator.target_waktu.jadwal, plan_a.tahun)[0]
    unggahan = upload(bukti, periode.kode, people[Role.ANGGOTA])[0]
    dokumen = dokumen_request(plan_a, "tte", people[Role.SEKRETARIAT])
    dokumen_render(dokumen.pk)
    dokumen.refresh_from_db()
    undangan = tim_services.undangan_create(
        office_a, email="baru@kpu.test", role=Role.ANGGOTA, user=people[Role.ADMIN]
    )
    notifikasi = Notifikasi.objects.create(
        penerima=people[Role.KETUA_TIM], kunci="uji", judul="Uji", tautan="/"
    )
    langkah = LangkahAksi.objects.filter(indikator__komponen__area__rencana=plan_a).first()
    area = plan_a.areas.order_by("urutan").first()
    admin = Client()
    admin.force_login(people[Role.ADMIN])
    lampiran = admin.get(reverse("rencana_aksi:ekspor", args=[plan_a.pk])).getvalue()
    impor = BerkasImpor.objects.create(
        rencana=plan_a,
        berkas=ContentFile(lampiran, "lampiran.xlsx"),
        nama="lampiran.xlsx",
        jenis="xlsx",
        dibuat_oleh=people[Role.ADMIN],
    )
    return {
        "people": people,
        "plan": plan_a,
        "office": office_a,
        "bukti": bukti,
        "kode": periode.kode,
        "unggahan": unggahan,
        "dokumen": dokumen,
        "undangan": undangan,
        "notifikasi": notifikasi,
        "langkah": langkah,
        "area": area,
        "impor": impor.pk,
    }


def _patterns(resolver=None, ns=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            if inner == "admin":
                yield "admin", p
                continue
            yield from _patterns(p, inner)
        elif isinstance(p, URLPattern):
            yield (f"{ns}:{p.name}" if ns else p.name), p


POST = "post"
GET = "get"
METHODS = {
    name: POST
    for name in [
        "logout",
        "bukti_fisik:upload",
        "bukti_fisik:review",
        "bukti_fisik:review_bulk_verify",
        "bukti_fisik:kendala_add",
        "bukti_fisik:arahan_indikator",
        "bukti_fisik:notifikasi_open",
        "bukti_fisik:notifikasi_read_all",
        "bukti_fisik:tus_create",
        "lke:kesiapan",
        "lke:tpi",
        "rencana_aksi:keputusan_preview",
        "rencana_aksi:dokumen_create",
        "rencana_aksi:sunting_tambah",
        "rencana_aksi:sunting_simpan",
        "rencana_aksi:sunting_hapus",
        "rencana_aksi:sunting_geser",
        "rencana_aksi:rencana_baru",
        "rencana_aksi:tahun_berikut",
        "rencana_aksi:tetapkan",
        "tim:undang",
        "tim:area_tugas",
        "tim:peran",
        "tim:status",
        "tim:buka_kunci",
        "tim:undangan_batal",
        "tim:pilih_satker",
    ]
}
METHODS["bukti_fisik:tus_upload"] = "head"


def args_of(name, o):
    plan, unggahan, dokumen = o["plan"], o["unggahan"], o["dokumen"]
    member = o["people"][Role.ANGGOTA]
    by_name = {
        "password_reset_confirm": ["MQ", "bukan-token"],
        "verifikasi": [dokumen.token],
        "tim:anggota tim:undang tim:impor_anggota tim:area_tugas tim:bawahan tim:impor_bawahan "
        "tim:pengaturan tim:logo monev:rollup": [o["office"].pk],
        "tim:peran tim:status tim:buka_kunci": [o["office"].pk, member.pk],
        "tim:undangan_batal": [o["undangan"].pk],
        "tim:undangan": [tim_services.undangan_link(o["undangan"]).rstrip("/").rsplit("/", 1)[1]],
        "bukti_fisik:indikator bukti_fisik:kendala_add bukti_fisik:arahan_indikator "
        "rencana_aksi:jadwal_edit": [o["bukti"].indikator_id],
        "bukti_fisik:slot bukti_fisik:upload": [o["bukti"].pk, o["kode"]],
        "bukti_fisik:download bukti_fisik:preview bukti_fisik:review": [unggahan.pk],
        "bukti_fisik:tus_upload": [uuid.uuid4()],
        "bukti_fisik:langkah_status": [o["langkah"].pk],
        "bukti_fisik:notifikasi_open": [o["notifikasi"].pk],
        "rencana_aksi:area": [plan.pk, o["area"].pk],
        "rencana_aksi:dokumen_status rencana_aksi:dokumen_download": [dokumen.pk],
        "rencana_aksi:dokumen_preview": [dokumen.pk, 1],
        "rencana_aksi:sunting_tambah": [plan.pk, "area"],
        "rencana_aksi:sunting_simpan rencana_aksi:sunting_hapus rencana_aksi:sunting_geser": [
            plan.pk,
            "area",
            o["area"].pk,
        ],
        "rencana_aksi:impor_pratinjau": [o["impor"]],
        "rencana_aksi:impor_status": [o["impor"]],
    }
    for names, args in by_name.items():
        if name in names.split():
            return args
    return None


def walk(objects):
    """Every URL name to {persona: response}."""
    answers = {}
    for name in EXPECTED:
        method = METHODS.get(name, GET)
        args = args_of(name, objects)
        if args is None:
            pattern = dict(_patterns())[name]
            args = [objects["plan"].pk] if "<int:pk>" in str(pattern.pattern) else []
        url = reverse(name, args=args)
        answers[name] = {}
        for persona in PERSONAS:
            client = Client()
            if persona != "anon":
                client.force_login(objects["people"][persona])
            with transaction.atomic():
                answers[name][persona] = getattr(client, method)(url)
                transaction.set_rollback(True)
    return answers


def test_every_url_has_an_entry():
    names = {name for name, _ in _patterns() if name not in ("admin", None)}
    assert names - EXPECTED.keys() == set(), "a new URL needs its row in EXPECTED"
    assert EXPECTED.keys() - names == set(), "a row in EXPECTED names no URL"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle=[\"']", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=[\"']", re.I), "event handler attribute"),
]


def _header_problems(response):
    problems = []
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options")
    if response.get("X-Frame-Options") != "DENY":
        problems.append("X-Frame-Options")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append("Referrer-Policy")
    if response.get("Content-Type", "").startswith("text/html"):
        policy = response.get("Content-Security-Policy", "")
        for part in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
            if part not in policy:
                problems.append(f"CSP without {part}")
        if "unsafe-inline" in policy or "unsafe-eval" in policy:
            problems.append("CSP allows inline code")
        body = response.content.decode()
        problems += [what for pattern, what in INLINE if pattern.search(body)]
    return problems


def test_every_url_answers_each_persona_as_expected_with_the_headers(objects):
    answers = walk(objects)
    wrong, headers = [], []
    for name, row in answers.items():
        got = " ".join(str(row[p].status_code) for p in PERSONAS)
        if got != EXPECTED[name]:
            wrong.append(f"{name}: expected {EXPECTED[name]}, got {got}")
        for persona, response in row.items():
            if problems := _header_problems(response):
                headers.append(f"{name} as {persona}: {', '.join(problems)}")
    assert wrong == [], "\n".join(wrong)
    assert headers == [], "\n".join(headers)
    # The walk can fail: the outsider really is refused a page the office reads.
    assert answers["rencana_aksi:detail"]["luar"].status_code == 404
    assert b"Kabupaten A" in answers["rencana_aksi:detail"][Role.ANGGOTA].content


def test_https_settings_redirect_and_send_hsts(settings, plan_a):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    plain = client.get("/masuk/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/masuk/"
    secure = client.get("/masuk/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "script-src 'self'" in secure["Content-Security-Policy"]
