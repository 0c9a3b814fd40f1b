"""Document page, printing in a child process, downloads, previews, the public verification
page and the Keputusan editor."""

import hashlib
import re
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rencana_aksi.models import Dokumen, KeputusanButir, RencanaAksi, Role
from rencana_aksi.services import dokumen_render, dokumen_request

from .factories import login_redirect

PRINTERS = [Role.ADMIN, Role.SEKRETARIAT]
NOT_PRINTERS = [Role.KETUA_TIM, Role.KOORDINATOR, Role.ANGGOTA, Role.PIMPINAN, Role.PENILAI]


@pytest.fixture
def issued(plan_a, member_of, django_capture_on_commit_callbacks):
    """A TTE document of plan A, rendered in this process (the child runs the same function)."""
    dokumen = dokumen_request(plan_a, "tte", member_of(Role.SEKRETARIAT))
    dokumen_render(dokumen.pk)
    dokumen.refresh_from_db()
    return dokumen


def _urls(plan, dokumen):
    return {
        "page": reverse("rencana_aksi:dokumen", args=[plan.pk]),
        "edit": reverse("rencana_aksi:keputusan_edit", args=[plan.pk]),
        "status": reverse("rencana_aksi:dokumen_status", args=[dokumen.pk]),
        "download": reverse("rencana_aksi:dokumen_download", args=[dokumen.pk]),
        "preview": reverse("rencana_aksi:dokumen_preview", args=[dokumen.pk, 1]),
    }


def test_render_stores_pdf_hash_pages_and_previews(issued):
    assert issued.status == "selesai" and issued.persen == 100
    data = issued.berkas.read()
    assert data.startswith(b"%PDF") and issued.sha256 == hashlib.sha256(data).hexdigest()
    assert issued.halaman >= 2 and len(issued.pratinjau) == 2
    assert issued.identitas["nomor"] == "1"


def test_anonymous_goes_to_login_everywhere(client, plan_a, issued):
    for name, url in _urls(plan_a, issued).items():
        assert login_redirect(client.get(url)), name
    create = reverse("rencana_aksi:dokumen_create", args=[plan_a.pk])
    assert login_redirect(client.post(create, {"mode": "draf"}))


def test_outsider_gets_404_everywhere(client, plan_a, issued, outsider):
    client.force_login(outsider)
    for name, url in _urls(plan_a, issued).items():
        assert client.get(url).status_code == 404, name
    create = reverse("rencana_aksi:dokumen_create", args=[plan_a.pk])
    assert client.post(create, {"mode": "draf"}).status_code == 404
    assert Dokumen.objects.count() == 1


@pytest.mark.parametrize("role", NOT_PRINTERS)
def test_wrong_role_gets_403_everywhere(client, plan_a, issued, member_of, role):
    client.force_login(member_of(role))
    for name, url in _urls(plan_a, issued).items():
        assert client.get(url).status_code == 403, name
    create = reverse("rencana_aksi:dokumen_create", args=[plan_a.pk])
    assert client.post(create, {"mode": "draf"}).status_code == 403
    assert Dokumen.objects.count() == 1


def test_province_pimpinan_reads_the_plan_but_cannot_print(
    client, plan_a, issued, province_pimpinan
):
    client.force_login(province_pimpinan)
    assert client.get(_urls(plan_a, issued)["download"]).status_code == 403


@pytest.mark.parametrize("role", PRINTERS)
def test_printers_see_previews_and_download_the_same_bytes(client, plan_a, issued, member_of, role):
    client.force_login(member_of(role))
    urls = _urls(plan_a, issued)
    page = client.get(urls["page"])
    assert page.status_code == 200 and urls["download"] in page.content.decode()
    response = client.get(urls["download"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "keputusan-kpu-kab-a-2026-tte.pdf" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == issued.sha256
    preview = client.get(urls["preview"])
    assert preview.status_code == 200 and b"".join(preview.streaming_content)[:4] == b"\x89PNG"
    assert (
        client.get(reverse("rencana_aksi:dokumen_preview", args=[issued.pk, 9])).status_code == 404
    )


def test_create_queues_a_document_and_refuses_an_unknown_mode(
    client, plan_a, member_of, django_capture_on_commit_callbacks
):
    client.force_login(member_of(Role.SEKRETARIAT))
    create = reverse("rencana_aksi:dokumen_create", args=[plan_a.pk])
    response = client.post(create, {"mode": "palsu"}, follow=True)
    assert "Mode dokumen tidak dikenal" in response.content.decode()
    assert Dokumen.objects.count() == 0
    spawned = []
    from inti import antrean

    original, antrean._spawn = antrean._spawn, lambda *job: spawned.append(job)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(create, {"mode": "draf"})
    finally:
        antrean._spawn = original
    dokumen = Dokumen.objects.get()
    assert (dokumen.mode, dokumen.status) == ("draf", "antri")
    assert spawned == [("render_dokumen", [str(dokumen.pk)])]
    status = client.get(reverse("rencana_aksi:dokumen_status", args=[dokumen.pk])).content
    assert b'hx-trigger="every 1s"' in status and b"Menunggu giliran" in status


@pytest.mark.django_db(transaction=True)
def test_printing_runs_in_a_child_process_and_finishes(client, office_a):
    """The real path: the request commits, a child process renders into the same database."""
    from .factories import MembershipFactory, plan_create

    plan = plan_create(office_a, areas=1, komponen=1, indikator=3)
    client.force_login(MembershipFactory(satker=office_a, role=Role.SEKRETARIAT).user)
    client.post(
        reverse("rencana_aksi:dokumen_create", args=[plan.pk]),
        {"mode": "salinan", "tanpa_logo": "1"},
    )
    dokumen = Dokumen.objects.get()
    deadline = time.monotonic() + 120
    while dokumen.status in ("antri", "proses") and time.monotonic() < deadline:
        time.sleep(0.3)
        dokumen.refresh_from_db()
    assert dokumen.status == "selesai", dokumen.pesan_galat
    response = client.get(reverse("rencana_aksi:dokumen_download", args=[dokumen.pk]))
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == dokumen.sha256


# ---- public verification


def test_verification_page_is_public_and_shows_only_the_identity(client, issued, plan_a):
    page = client.get(reverse("verifikasi", args=[issued.token]))
    assert page.status_code == 200
    body = page.content.decode()
    for needle in (
        "KPU Kabupaten A".replace("KPU", "Komisi Pemilihan Umum"),
        "Tahun 2026",
        plan_a.tentang,
        issued.sha256,
    ):
        assert needle in body
    for secret in ("Indikator 1.1.1", "Langkah", "Bukti", "Menetapkan uji"):
        assert secret not in body


def test_verification_confirms_the_genuine_pdf_and_rejects_a_changed_one(client, issued):
    url = reverse("verifikasi", args=[issued.token])
    data = issued.berkas.read()
    genuine = client.post(url, {"berkas": SimpleUploadedFile("a.pdf", data)})
    assert "Cocok." in genuine.content.decode()
    changed = data.replace(b"Indikator 1.1.1", b"Indikator 9.9.9", 1)
    if changed == data:
        changed = data + b"\n%"
    forged = client.post(url, {"berkas": SimpleUploadedFile("a.pdf", changed)})
    assert "Tidak cocok." in forged.content.decode()
    assert client.post(url, {}).status_code == 400


def test_draft_and_unknown_tokens_have_no_verification_page(client, plan_a, member_of):
    draf = dokumen_request(plan_a, "draf", member_of(Role.SEKRETARIAT))
    dokumen_render(draf.pk)
    assert client.get(reverse("verifikasi", args=[draf.token])).status_code == 404
    assert client.get(reverse("verifikasi", args=["tidak-ada"])).status_code == 404


# ---- Keputusan editor


def _form_data(plan, **changes):
    data = {
        "nomor": plan.nomor,
        "tentang": plan.tentang,
        "menetapkan": "KEPUTUSAN UJI",
        "judul_lampiran": "",
        "tempat_penetapan": "Uji",
        "tanggal_penetapan": "2026-04-16",
        "penandatangan_jabatan": "Ketua Komisi Pemilihan Umum Kabupaten A",
        "penandatangan_nama": "Nama Ketua",
        "salinan_unit": "",
        "salinan_jabatan": "",
        "salinan_nama": "",
        "susunan_tabel": "per_area",
        "kolom_target_capaian": "on",
        "menimbang": "bahwa satu;\n\nbahwa dua;",
        "mengingat": "Undang-Undang satu;\n\nUndang-Undang dua;\n\nPeraturan tiga;",
        "diktum": "Menetapkan uji.\n\nKeputusan ini berlaku.",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", NOT_PRINTERS)
def test_keputusan_edit_wrong_role_403(client, plan_a, member_of, role):
    client.force_login(member_of(role))
    url = reverse("rencana_aksi:keputusan_edit", args=[plan_a.pk])
    assert client.post(url, _form_data(plan_a, nomor="99")).status_code == 403
    assert RencanaAksi.objects.get(pk=plan_a.pk).nomor == "1"


def test_keputusan_edit_saves_and_numbers_the_items(client, plan_a, member_of):
    client.force_login(member_of(Role.SEKRETARIAT))
    url = reverse("rencana_aksi:keputusan_edit", args=[plan_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(plan_a, nomor="12"))
    assert response.status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.nomor == "12" and plan_a.penandatangan_nama == "Nama Ketua"
    items = list(
        KeputusanButir.objects.filter(rencana=plan_a).values_list("jenis", "label", "teks")
    )
    assert ("menimbang", "b.", "bahwa dua;") in items
    assert ("mengingat", "3.", "Peraturan tiga;") in items
    assert ("diktum", "KEDUA", "Keputusan ini berlaku.") in items


def test_keputusan_edit_bad_input_changes_nothing(client, plan_a, member_of):
    client.force_login(member_of(Role.ADMIN))
    url = reverse("rencana_aksi:keputusan_edit", args=[plan_a.pk])
    before = list(KeputusanButir.objects.filter(rencana=plan_a).values_list("teks", flat=True))
    response = client.post(
        url, _form_data(plan_a, nomor="55", menimbang="  ", tanggal_penetapan="x")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Isi paling sedikit satu butir." in body
    plan_a.refresh_from_db()
    assert plan_a.nomor == "1"
    assert (
        list(KeputusanButir.objects.filter(rencana=plan_a).values_list("teks", flat=True)) == before
    )


def test_live_preview_renders_the_unsaved_text_escaped(client, plan_a, member_of):
    client.force_login(member_of(Role.SEKRETARIAT))
    url = reverse("rencana_aksi:keputusan_preview", args=[plan_a.pk])
    response = client.post(url, _form_data(plan_a, menimbang="bahwa <b>tebal</b> pratinjau;"))
    assert response.status_code == 200
    body = response.content.decode()
    # The preview document sits in srcdoc, escaped once more: no live markup from user text.
    assert "bahwa &amp;lt;b&amp;gt;tebal&amp;lt;/b&amp;gt; pratinjau;" in body
    assert RencanaAksi.objects.get(pk=plan_a.pk).nomor == "1"


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.SEKRETARIAT, True), (Role.ADMIN, True), (Role.ANGGOTA, False), (Role.PIMPINAN, False)],
)
def test_plan_page_links_to_documents_only_for_printers(client, plan_a, member_of, role, shown):
    client.force_login(member_of(role))
    body = client.get(reverse("rencana_aksi:detail", args=[plan_a.pk])).content.decode()
    assert (reverse("rencana_aksi:dokumen", args=[plan_a.pk]) in body) is shown


def test_issued_prints_wait_for_a_logo_or_a_clear_choice(
    client, plan_a, member_of, django_capture_on_commit_callbacks, monkeypatch
):
    from inti import antrean

    monkeypatch.setattr(antrean, "_spawn", lambda *job: None)
    client.force_login(member_of(Role.SEKRETARIAT))
    page = client.get(reverse("rencana_aksi:dokumen", args=[plan_a.pk])).content.decode()
    assert 'data-testid="tanpa-logo"' in page and "belum mempunyai logo" in page
    create = reverse("rencana_aksi:dokumen_create", args=[plan_a.pk])
    refused = client.post(create, {"mode": "salinan"}, follow=True).content.decode()
    assert "Tidak dicetak: satker ini belum mempunyai logo" in refused
    assert not Dokumen.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        # A draft never needs one; an issued print goes once the choice is made.
        client.post(create, {"mode": "draf"})
        response = client.post(create, {"mode": "salinan", "tanpa_logo": "1"}, follow=True)
    assert sorted(Dokumen.objects.values_list("mode", flat=True)) == ["draf", "salinan"]
    # No banner that outlives the printing: the card's own progress shows the state.
    assert "sedang dicetak" not in response.content.decode()


def test_printed_time_reads_like_every_other_page(client, issued, member_of):
    client.force_login(member_of(Role.SEKRETARIAT))
    status = client.get(reverse("rencana_aksi:dokumen_status", args=[issued.pk])).content.decode()
    from inti.tampil import waktu

    assert f"dicetak {waktu(issued.selesai)}" in status
    assert re.search(r"dicetak \d{1,2} \w+ \d{4} \d{2}\.\d{2}", status)


def test_live_preview_uses_the_print_fonts_and_margins(client, plan_a, member_of):
    client.force_login(member_of(Role.SEKRETARIAT))
    url = reverse("rencana_aksi:keputusan_preview", args=[plan_a.pk])
    body = client.post(url, _form_data(plan_a)).content.decode()
    # Same-origin (no scripts) so the fonts load; the preview stylesheet declares them.
    assert 'sandbox="allow-same-origin"' in body
    assert "/static/pdf/pratinjau.css" in body
    css = (settings.BASE_DIR / "static/pdf/pratinjau.css").read_text()
    for font in ("texgyrebonum-regular.otf", "texgyrebonum-bold.otf", "texgyreheros-regular.otf"):
        assert f'url("../fonts/tex-gyre/{font}")' in css
        assert (settings.BASE_DIR / "static/fonts/tex-gyre" / font).is_file()
    # The sheet's padding is the printed page's margin, whatever that is set to.
    printed = (settings.BASE_DIR / "templates/pdf/keputusan.html").read_text()
    margin = re.search(r"size: 215mm 330mm; margin: ([^;]+);", printed).group(1)
    assert f"padding: {margin};" in css
