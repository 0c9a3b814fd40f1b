"""Journeys in a real browser: Playwright driving Debian's Chromium (never a downloaded one)."""

import os

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    # Playwright runs an event loop in this thread; the ORM calls made by fixtures are still
    # ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_server(live_server, transactional_db, monkeypatch):
    monkeypatch.setenv("ZI_DEMO_PASSWORD", "sandi-browser-uji")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


def _login(page, base, username, password="sandi-browser-uji"):
    page.goto(f"{base}/")
    assert "/masuk/" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "salah")
    page.click("button[type=submit]")
    assert (
        page.locator(".alert-danger").inner_text().startswith("Nama pengguna/email atau kata sandi")
    )
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_login_and_open_the_madiun_plan(browser, demo_server, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _login(page, demo_server.url, "madiun.anggota")
    page.wait_for_selector("h1:has-text('Tugas saya')")  # an Anggota lands on its tasks
    page.get_by_role("link", name="Rencana aksi").first.click()
    page.get_by_role("link", name="KPU Kabupaten Madiun · Tahun 2026").click()
    page.wait_for_selector("h1")
    assert "Rencana Aksi KPU Kabupaten Madiun Tahun 2026" in page.locator("h1").inner_text()
    # Areas come closed; opening one loads its rows, with their evidence state.
    assert page.locator("details.area-lampiran").count() == 7
    assert page.locator("table.lampiran").count() == 0
    page.locator("details.area-lampiran summary").nth(1).click()
    page.wait_for_selector("details.area-lampiran[open] table.lampiran")
    page.wait_for_selector("details.area-lampiran[open] [data-testid=keadaan]")
    assert page.locator("table.lampiran").count() == 1
    # Every area at once, for searching the page.
    page.get_by_test_id("semua-area").click()
    page.wait_for_selector("table.lampiran")
    assert page.locator("table.lampiran").count() == 7
    assert page.locator("table.lampiran tbody tr").count() == 48
    assert page.get_by_text("Nilai SKM ≥ 85").is_visible()
    page.screenshot(path=str(tmp_path / "madiun-desktop.png"), full_page=False)

    # The Merangin plan belongs to another office: not listed and not reachable.
    assert page.get_by_text("KPU Kabupaten Merangin").count() == 0

    page.get_by_role("link", name="Pengukuran kinerja dilakukan secara berkala dan akurat").click()
    page.wait_for_selector("text=Bukti fisik per periode")
    assert page.get_by_text("Triwulan II 2026").first.is_visible()
    assert page.get_by_text("jatuh tempo 30 Juni 2026").first.is_visible()
    page.go_back()
    page.wait_for_selector("details.area-lampiran")
    # An address naming an area (the indikator page's breadcrumb) opens it.
    third = page.locator("details.area-lampiran").nth(2).get_attribute("id")
    page.goto(page.url.split("?")[0] + f"#{third}")
    page.wait_for_selector(f"details#{third}[open] table.lampiran")
    assert page.locator("table.lampiran").count() == 1


def test_phone_width_stacks_the_lampiran_into_cards(browser, demo_server, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _login(page, demo_server.url, "merangin.pimpinan")
    page.wait_for_selector("text=Cara menghitung")  # a pimpinan lands on the dashboard
    page.goto(f"{demo_server.url}/rencana/")
    page.get_by_role("link", name="KPU Kabupaten Merangin · Tahun 2026").click()
    page.locator("details.area-lampiran summary").first.click()
    page.wait_for_selector("table.lampiran")
    cell = page.locator("table.lampiran tbody tr").first.locator("td").nth(2)
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "merangin-phone.png"))
    context.close()


def test_evidence_journey_upload_send_back_reupload_verify(browser, demo_server, tmp_path):
    """Anggota uploads two files for a Triwulan slot, the Ketua Tim sends one back with a note,
    the Anggota uploads a new version, the Ketua Tim verifies, and the timeline shows it all."""
    from rencana_aksi.models import Indikator

    from . import samples

    indikator = Indikator.objects.get(
        komponen__area__rencana__satker__slug="kpu-kab-madiun",
        nama__startswith="Program kerja pembangunan ZI terinternalisasi",
    )
    (tmp_path / "rencana kerja.pdf").write_bytes(samples.pdf_bytes(2))
    (tmp_path / "foto rapat.png").write_bytes(samples.image_bytes("PNG", (800, 600)))
    (tmp_path / "foto rapat ulang.jpg").write_bytes(samples.image_bytes("JPEG", (800, 600)))
    base = demo_server.url
    indikator_url = f"{base}/indikator/{indikator.pk}/"

    anggota = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    a = anggota.new_page()
    _login(a, base, "madiun.anggota")
    a.goto(indikator_url)
    a.get_by_role("link", name="Triwulan I 2026").first.click()
    a.wait_for_selector("#form-unggah[data-siap]")
    assert a.locator("#kamera").get_attribute("capture") == "environment"
    a.fill("#id_tanggal_dokumen", "2026-03-20")
    a.fill("#id_catatan", "Rapat penyusunan program kerja")
    a.set_input_files("#berkas", [tmp_path / "rencana kerja.pdf", tmp_path / "foto rapat.png"])
    assert a.locator("#antrian li").count() == 2
    a.click("#tombol-unggah")
    a.wait_for_selector('article[data-versi="2"]')
    slot_url = a.url
    a.screenshot(path=str(tmp_path / "slot-anggota.png"), full_page=True)

    ketua = browser.new_context(viewport={"width": 1366, "height": 900})
    k = ketua.new_page()
    _login(k, base, "madiun.ketua_tim")
    k.goto(f"{base}/tinjauan/")
    assert k.get_by_role("link", name="foto rapat.png").count() == 1
    k.goto(slot_url)
    v2 = k.locator('article[data-versi="2"]')
    v2.locator("textarea[name=catatan]").fill("Foto terlalu gelap, unggah ulang")
    v2.get_by_role("button", name="Kembalikan untuk perbaikan").click()
    k.wait_for_selector("text=dikembalikan untuk perbaikan")

    a.goto(slot_url)
    assert "Foto terlalu gelap, unggah ulang" in a.locator('article[data-versi="2"]').inner_text()
    a.fill("#id_tanggal_dokumen", "2026-03-21")
    a.set_input_files("#berkas", [tmp_path / "foto rapat ulang.jpg"])
    a.click("#tombol-unggah")
    a.wait_for_selector('article[data-versi="3"]')
    assert "sudah diganti" in a.locator('article[data-versi="2"]').inner_text()

    for versi in ("1", "3"):
        k.goto(slot_url)
        k.locator(f'article[data-versi="{versi}"]').get_by_role("button", name="Verifikasi").click()
        k.wait_for_selector("text=terverifikasi.")
    k.goto(indikator_url)
    timeline = k.get_by_test_id("timeline").inner_text()
    for text in ("Verifikasi bukti", "Bukti dikembalikan", "Foto terlalu gelap", "Unggah bukti"):
        assert text in timeline
    first_slot = k.locator(".slot-item").first
    assert first_slot.get_attribute("data-status") == "terverifikasi"
    k.screenshot(path=str(tmp_path / "indikator-ketua.png"), full_page=True)
    # The Anggota heard of the send-back and of both verifications.
    a.goto(f"{base}/notifikasi/")
    inbox = a.locator("main").inner_text()
    assert "Bukti Anda dikembalikan untuk diperbaiki" in inbox
    assert "Catatan peninjau: Foto terlalu gelap, unggah ulang" in inbox
    assert inbox.count("Bukti Anda terverifikasi") == 2
    assert "baru saja" in inbox
    anggota.close()
    ketua.close()


def _slot_page(browser, base, username="madiun.anggota", periode="Triwulan IV 2026"):
    from rencana_aksi.models import Indikator

    indikator = Indikator.objects.get(
        komponen__area__rencana__satker__slug="kpu-kab-madiun",
        nama__startswith="Program kerja pembangunan ZI terinternalisasi",
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _login(page, base, username)
    page.goto(f"{base}/indikator/{indikator.pk}/")
    page.get_by_role("link", name=periode).first.click()
    page.wait_for_selector("#form-unggah[data-siap]")
    page.fill("#id_tanggal_dokumen", "2026-03-20")
    return context, page


def _percent(page):
    return int(page.locator("#antrian [role=progressbar]").first.get_attribute("aria-valuenow"))


def _wait_for_percent(page, at_least):
    """Until the first file's bar shows `at_least` percent (the page's policy allows no
    evaluated strings, so it is read from here)."""
    for _ in range(600):
        if _percent(page) >= at_least:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the upload never reached {at_least}%")


def _slow_patches(page, seconds=0.25):
    """Each 2 MB request held back a little, as on a phone's link, so the test can act while
    the transfer is under way."""
    import time

    def hold(route):
        if route.request.method == "PATCH":
            time.sleep(seconds)
        route.continue_()

    page.route("**/unggah/tus/**", hold)


def test_each_file_goes_on_its_own_and_a_bad_one_is_refused_alone(browser, demo_server, tmp_path):
    """Two files chosen together travel as two resumable uploads; one is a program renamed
    .pdf: it is refused with the reason under its name, the other is kept as a version."""
    from bukti_fisik.models import TusUnggahan, Unggahan

    from . import samples

    (tmp_path / "baik.pdf").write_bytes(samples.pdf_bytes())
    (tmp_path / "program.pdf").write_bytes(samples.elf_bytes())
    before = Unggahan.objects.count()
    context, page = _slot_page(browser, demo_server.url)
    forms = []
    page.on("request", lambda r: forms.append(r.url) if "/unggah/" in r.url[-8:] else None)
    page.set_input_files("#berkas", [tmp_path / "baik.pdf", tmp_path / "program.pdf"])
    assert "baik.pdf (431 byte)" in page.locator("#antrian").inner_text()
    page.click("#tombol-unggah")
    page.wait_for_selector("#hasil-unggah.text-danger")
    assert page.locator("#hasil-unggah").inner_text().startswith("1 dari 2 berkas tidak tersimpan")
    items = page.locator("#antrian li")
    assert "Tersimpan sebagai versi" in items.nth(0).inner_text()
    assert "«program.pdf» bukan PDF: isinya program" in items.nth(1).inner_text()
    assert not forms  # nothing went through the one-request form
    assert Unggahan.objects.count() == before + 1
    assert not TusUnggahan.objects.exists()
    page.screenshot(path=str(tmp_path / "tolak-satu.png"), full_page=True)
    context.close()


def test_a_file_chosen_before_the_script_arrives_is_still_queued(browser, demo_server, tmp_path):
    """On a slow link the form shows before its script has come: a file chosen then is listed
    and sent once the script runs, not silently dropped."""
    from rencana_aksi.models import Indikator

    from . import samples

    indikator = Indikator.objects.get(
        komponen__area__rencana__satker__slug="kpu-kab-madiun",
        nama__startswith="Program kerja pembangunan ZI terinternalisasi",
    )
    (tmp_path / "lambat.pdf").write_bytes(samples.pdf_bytes())
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _login(page, demo_server.url, "madiun.anggota")
    page.goto(f"{demo_server.url}/indikator/{indikator.pk}/")
    held = []
    page.route("**/js/unggah.js", lambda route: held.append(route))
    page.get_by_role("link", name="Triwulan II 2026").first.click()
    page.wait_for_selector("#form-unggah")
    page.fill("#id_tanggal_dokumen", "2026-06-20")
    page.set_input_files("#berkas", [tmp_path / "lambat.pdf"])
    assert held and page.locator("#form-unggah[data-siap]").count() == 0
    held[0].continue_()
    page.wait_for_selector("#form-unggah[data-siap]")
    assert "lambat.pdf (" in page.locator("#antrian").inner_text()
    page.click("#tombol-unggah")
    page.wait_for_selector("article[data-versi]:has-text('lambat.pdf')")
    context.close()


def test_a_large_photo_is_scaled_down_unless_the_original_is_asked_for(
    browser, demo_server, tmp_path
):
    """A 3,000 × 2,250 photo from the camera goes as a JPEG of 2,000 px; ticked "send the
    original", the same photo is kept as it was; a HEIC photo is shown converted."""
    import io

    from PIL import Image

    from bukti_fisik.models import Unggahan

    from . import samples

    photo = tmp_path / "foto kegiatan.png"
    photo.write_bytes(samples.image_bytes("PNG", (3000, 2250)))
    context, page = _slot_page(browser, demo_server.url, periode="Triwulan III 2026")
    assert page.locator("#pilihan-foto").is_visible()
    page.set_input_files("#kamera", [photo])
    page.click("#tombol-unggah")
    page.wait_for_selector("article[data-versi]:has-text('foto kegiatan.jpg')", timeout=30_000)
    small = Unggahan.objects.get(nama_asli="foto kegiatan.jpg")
    assert small.jenis_konten == "image/jpeg"
    with small.berkas.open("rb") as f, Image.open(io.BytesIO(f.read())) as image:
        assert image.size == (2000, 1500)

    page.fill("#id_tanggal_dokumen", "2026-03-20")
    page.check("#foto-asli")
    page.set_input_files("#kamera", [photo])
    page.click("#tombol-unggah")
    page.wait_for_selector("article[data-versi]:has-text('foto kegiatan.png')", timeout=30_000)
    original = Unggahan.objects.get(nama_asli="foto kegiatan.png")
    assert original.ukuran == photo.stat().st_size and original.jenis_konten == "image/png"

    heic = tmp_path / "IMG_0042.HEIC"
    heic.write_bytes(samples.heic_bytes((2400, 1800)))
    page.fill("#id_tanggal_dokumen", "2026-03-20")
    page.set_input_files("#berkas", [heic])
    page.click("#tombol-unggah")
    page.wait_for_selector("article[data-versi]:has-text('IMG_0042.HEIC')", timeout=30_000)
    version = page.locator("article[data-versi]:has-text('IMG_0042.HEIC')")
    with page.expect_popup() as shown:
        version.get_by_role("link", name="Lihat").click()
    view = shown.value
    view.wait_for_load_state()
    width = view.evaluate("document.images[0] ? document.images[0].naturalWidth : 0")
    assert width == 2000
    view.screenshot(path=str(tmp_path / "heic-dilihat.png"))
    page.screenshot(path=str(tmp_path / "foto.png"), full_page=True)
    context.close()


def test_an_upload_survives_going_offline_and_a_reload(browser, demo_server, tmp_path):
    """A 20 MB scan: the phone goes offline at about a third and comes back, and the upload
    goes on by itself; then a second scan is cut by a page reload, the same file is chosen
    again and it continues from where the server got to. Both stored files hash as sent."""
    import hashlib

    from bukti_fisik.models import TusUnggahan, Unggahan

    from .test_tus import MB, _big_pdf

    first = _big_pdf(tmp_path / "scan pertama.pdf", 20 * MB)
    context, page = _slot_page(browser, demo_server.url)
    _slow_patches(page)
    page.set_input_files("#berkas", [first])
    page.click("#tombol-unggah")
    _wait_for_percent(page, 30)
    context.set_offline(True)
    page.wait_for_selector("#antrian .pesan:has-text('Tidak ada sambungan')")
    held = TusUnggahan.objects.get()
    assert 0 < held.offset < held.panjang
    page.screenshot(path=str(tmp_path / "luring.png"), full_page=True)
    context.set_offline(False)
    # Stored, the page reloads and lists the new version.
    page.wait_for_selector("article[data-versi]:has-text('scan pertama.pdf')", timeout=60_000)
    stored = Unggahan.objects.get(nama_asli="scan pertama.pdf")
    assert stored.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()

    second = _big_pdf(tmp_path / "scan kedua.pdf", 20 * MB)
    page.goto(page.url)
    _slow_patches(page)
    page.fill("#id_tanggal_dokumen", "2026-03-21")
    page.set_input_files("#berkas", [second])
    page.click("#tombol-unggah")
    _wait_for_percent(page, 40)
    page.reload()
    page.wait_for_selector("#form-unggah[data-siap]")
    cut = TusUnggahan.objects.get().offset
    assert 0 < cut < 20 * MB
    resumed_from = []
    page.on(
        "request",
        lambda r: (
            resumed_from.append(r.headers.get("upload-offset")) if r.method == "PATCH" else None
        ),
    )
    page.fill("#id_tanggal_dokumen", "2026-03-21")
    page.set_input_files("#berkas", [second])
    page.click("#tombol-unggah")
    page.wait_for_selector("#antrian .pesan:has-text('Melanjutkan unggahan yang terputus')")
    page.wait_for_selector("article[data-versi]:has-text('scan kedua.pdf')", timeout=60_000)
    # The first request after the reload starts at the server's offset, not at zero.
    assert int(resumed_from[0]) >= cut > 0
    stored = Unggahan.objects.get(nama_asli="scan kedua.pdf")
    assert stored.sha256 == hashlib.sha256(second.read_bytes()).hexdigest()
    assert not TusUnggahan.objects.exists()
    context.close()


def test_pimpinan_lands_on_the_dashboard_and_drills_down(browser, demo_server, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _login(page, demo_server.url, "madiun.pimpinan")
    page.wait_for_selector("text=Cara menghitung")
    assert "/dasbor/" in page.url
    assert page.locator(".area-kartu").count() == 7
    page.locator(".area-kartu").nth(1).get_by_role("link").first.click()
    page.wait_for_url("**/dasbor/?area=*")
    assert page.locator(".area-kartu").count() == 1
    figure = page.get_by_test_id("terlambat").inner_text().split()[0]
    page.get_by_test_id("terlambat").click()
    page.wait_for_selector("[data-testid=jumlah]")
    assert page.get_by_test_id("jumlah").inner_text() == figure
    assert page.locator("[data-testid=baris]").count() == int(figure)
    page.screenshot(path=str(tmp_path / "drilldown.png"), full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    _login(phone, demo_server.url, "madiun.pimpinan")
    phone.wait_for_selector("text=Cara menghitung")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)


def _next_person(browser, page):
    """The next person of a journey, on a browser of their own: clearing the cookies of the
    same page raced a request of the page before still setting its CSRF cookie."""
    page.context.close()
    return browser.new_page(viewport={"width": 1280, "height": 900})


def test_a_province_brings_in_a_district_that_runs_its_own_team(browser, demo_server, tmp_path):
    """The Jawa Timur admin creates a district and invites its admin; the invitee opens the link
    from the email, sets a password, invites an Anggota and gives it an area; the Anggota opens
    its own invitation, and sees that area's tasks."""
    import re

    from django.core import mail

    from rencana_aksi.models import Membership, Role, Satker

    from .factories import plan_create

    base = demo_server.url
    jatim = Satker.objects.get(slug="kpu-prov-jawa-timur")
    assert Membership.objects.filter(user__username="jatim.admin", satker=jatim, role=Role.ADMIN)

    def link(to):
        [message] = [m for m in mail.outbox if m.to == [to]]
        return re.search(r"http\S+", message.body).group(0).replace("http://127.0.0.1:8000", base)

    p = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(p, base, "jatim.admin@demo.zi-tracker.test")  # by email
    p.goto(f"{base}/akun/")
    p.get_by_role("link", name="Satker di bawah").click()
    p.fill("#id_slug", "kpu-kab-magetan")
    p.fill("#id_nama", "KPU Kabupaten Magetan")
    p.fill("#id_nama_lengkap", "Komisi Pemilihan Umum Kabupaten Magetan")
    p.fill("#id_kota", "Magetan")
    p.fill("#id_email_admin", "admin.magetan@kpu.test")
    p.get_by_role("button", name="Buat satker").click()
    p.wait_for_selector("text=KPU Kabupaten Magetan dibuat")
    p.screenshot(path=str(tmp_path / "bawahan.png"), full_page=True)
    magetan = Satker.objects.get(slug="kpu-kab-magetan")
    plan_create(magetan)  # its plan, as the plan-exchange import would bring it
    p = _next_person(browser, p)

    p.goto(link("admin.magetan@kpu.test"))
    p.fill("#id_first_name", "Admin Magetan")
    p.fill("#id_username", "admin.magetan")
    p.fill("#id_password1", "Magetan-Kuat-2026")
    p.fill("#id_password2", "Magetan-Kuat-2026")
    p.get_by_role("button", name="Buat akun dan bergabung").click()
    p.wait_for_selector("text=Selamat bergabung di KPU Kabupaten Magetan")
    p.goto(f"{base}/satker/{magetan.pk}/anggota/")
    p.fill("#id_email", "anggota.magetan@kpu.test")
    p.select_option("#id_role", Role.ANGGOTA)
    p.get_by_role("button", name="Kirim undangan").click()
    p.wait_for_selector("text=Undangan untuk anggota.magetan@kpu.test")
    p = _next_person(browser, p)

    p.goto(link("anggota.magetan@kpu.test"))
    p.fill("#id_first_name", "Sri Anggota")
    p.fill("#id_username", "sri")
    p.fill("#id_password1", "Sri-Kuat-2026!")
    p.fill("#id_password2", "Sri-Kuat-2026!")
    p.get_by_role("button", name="Buat akun dan bergabung").click()
    p.wait_for_selector("h1:has-text('Tugas saya')")
    assert p.get_by_text("Belum ada area yang ditugaskan").is_visible()
    p = _next_person(browser, p)

    _login(p, base, "admin.magetan", "Magetan-Kuat-2026")
    p.goto(f"{base}/satker/{magetan.pk}/anggota/")
    p.get_by_label("Pilih Sri Anggota").check()
    area = magetan.rencana_aksi.get().areas.get(urutan=1)
    p.select_option("#id_area", str(area.pk))
    p.get_by_role("button", name="Tugaskan ke area").click()
    p.wait_for_selector("text=Area tugas 1 peran diperbarui")
    p.screenshot(path=str(tmp_path / "anggota.png"), full_page=True)
    assert "Anggota Tim ZI: I" in p.get_by_test_id("anggota").inner_text()
    p = _next_person(browser, p)

    _login(p, base, "sri", "Sri-Kuat-2026!")
    p.wait_for_selector("h1:has-text('Tugas saya')")
    assert p.get_by_text("Area tugas: I. AREA 1").is_visible()
    assert p.get_by_test_id("tugas-bukti").locator("li").count() >= 1
    assert p.get_by_text("Indikator 1.1.1").first.is_visible()
    p.screenshot(path=str(tmp_path / "tugas.png"), full_page=True)
    # The Anggota cannot open the members page of its own office.
    assert p.goto(f"{base}/satker/{magetan.pk}/anggota/").status == 403


def test_import_a_lampiran_map_a_column_preview_and_confirm(browser, demo_server, tmp_path):
    """The Madiun admin starts a 2027 draft and uploads the office's own workbook, whose
    header names none of the usual columns: the page shows its first rows, the admin picks
    the header row and says what each column is, sees the preview and confirms."""
    import openpyxl

    from rencana_aksi.models import Indikator, RencanaAksi

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "I"
    sheet.append(["I. MANAJEMEN PERUBAHAN"])
    sheet.append(["#", "Apa yang diukur", "Langkahnya", "Berkas", "Kapan"])
    for n in range(1, 4):
        sheet.append([str(n), f"Indikator impor {n}", "- Rapat\n- Laporan", "SK", "Triwulan"])
    path = tmp_path / "rencana kantor.xlsx"
    book.save(path)

    base = demo_server.url
    p = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(p, base, "madiun.admin")
    p.goto(f"{base}/rencana/")
    p.fill("#baru-tahun", "2027")
    p.get_by_role("button", name="Buat draf").click()
    p.wait_for_selector("h1:has-text('Impor lampiran')")
    p.set_input_files("#id_berkas", path)
    p.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    p.wait_for_selector("h1:has-text('Pratinjau impor')")
    assert (
        p.get_by_test_id("galat")
        .inner_text()
        .startswith("Tidak ada yang ditulis. Baris judul kolom tidak ditemukan")
    )
    # Its first rows are shown, and the mapping form is open.
    assert p.get_by_test_id("contoh-baris").get_by_text("Apa yang diukur").is_visible()
    assert p.get_by_test_id("pemetaan").get_attribute("open") is not None
    p.screenshot(path=str(tmp_path / "tanpa-judul.png"), full_page=True)
    p.select_option("#baris-judul", "2")
    for column, ours in (("0", "NO"), ("1", "INDIKATOR"), ("2", "LANGKAH AKSI")):
        p.select_option(f"#k{column}", ours)
    p.select_option("#k3", "BUKTI FISIK")
    p.select_option("#k4", "TARGET WAKTU")
    p.get_by_role("button", name="Simpan pemetaan dan baca ulang").click()
    p.wait_for_selector("text=Pemetaan kolom disimpan")
    assert (
        p.get_by_test_id("ringkasan")
        .inner_text()
        .startswith("1 area, 1 komponen, 3 indikator, 6 langkah aksi, 3 bukti fisik")
    )
    # The header row is now read by its names, and the choices said why.
    assert p.locator("label[for=k1]").text_content() == "Apa yang diukur"
    assert "dipilih untuk berkas ini" in p.get_by_test_id("kolom-1").text_content()
    p.screenshot(path=str(tmp_path / "pratinjau.png"), full_page=True)
    p.get_by_test_id("tulis").click()
    p.wait_for_selector("text=Lampiran diimpor: 1 area, 3 indikator")
    rencana = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2027)
    steps = Indikator.objects.filter(komponen__area__rencana=rencana).first().langkah_aksi.count()
    assert steps == 2
    p.screenshot(path=str(tmp_path / "setelah-impor.png"), full_page=False)


def test_edit_a_draft_in_place_and_make_next_years_plan(browser, demo_server, tmp_path):
    """The Madiun admin makes the 2027 draft from the adopted 2026 plan, opens the editor,
    types a target waktu and sees how it reads, saves it, adds a step and deletes another."""
    from rencana_aksi.models import Indikator, RencanaAksi

    base = demo_server.url
    madiun = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2026)
    p = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    _login(p, base, "madiun.admin")
    p.goto(f"{base}/rencana/{madiun.pk}/")
    with p.expect_download() as download:
        p.get_by_role("link", name="Unduh Excel").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    import openpyxl

    assert openpyxl.load_workbook(saved).sheetnames[:2] == ["I", "II"]
    p.get_by_role("button", name="Buat rencana 2027").click()
    p.wait_for_selector("text=Draf rencana aksi 2027 dibuat")
    draft = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2027)
    p.get_by_role("link", name="Ubah lampiran").click()
    indikator = Indikator.objects.filter(komponen__area__rencana=draft).order_by("pk").first()
    item = p.locator(f"#indikator-{indikator.pk}")
    item.locator("summary").first.click()
    field = item.locator("input[name=target_waktu]")
    field.fill("")
    field.type("Maret, Juni 2027", delay=10)
    p.wait_for_selector(f"#indikator-{indikator.pk} .jadwal-baca:has-text('2 periode')")
    item.get_by_role("button", name="Simpan").click()
    p.wait_for_selector("#editor .alert-success")
    indikator.refresh_from_db()
    assert (
        indikator.target_waktu.teks == "Maret, Juni 2027"
        and indikator.target_waktu.jenis == "daftar"
    )
    steps = indikator.langkah_aksi.count()
    add = p.locator(f"#blok-indikator-{indikator.pk}").get_by_text("Tambah langkah aksi")
    add.click()
    form = add.locator("xpath=..").locator("form")
    form.locator("textarea").fill("Langkah tambahan dari editor")
    form.get_by_role("button", name="Tambah").click()
    p.wait_for_selector("text=Langkah tambahan dari editor")
    assert indikator.langkah_aksi.count() == steps + 1
    first_step = indikator.langkah_aksi.order_by("urutan").first()
    p.on("dialog", lambda dialog: dialog.accept())
    p.locator(f"#langkah-{first_step.pk}").get_by_role("button", name="Hapus").click()
    p.wait_for_selector(f"#langkah-{first_step.pk}", state="detached")
    assert indikator.langkah_aksi.count() == steps
    p.screenshot(path=str(tmp_path / "editor.png"), full_page=False)
    assert p.evaluate("document.documentElement.scrollWidth") <= 390


def test_lke_journey_links_answers_projection_and_tpi(browser, demo_server, tmp_path):
    """The Ketua Tim of a plan without LKE links asks for suggestions, confirms them, answers
    two sub-komponen and sees the projection move; the Penilai scores one with a note, and
    the Ketua Tim is notified."""
    from lke.models import Tautan
    from rencana_aksi.models import RencanaAksi

    plan = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2026)
    Tautan.objects.filter(indikator__komponen__area__rencana=plan).delete()
    base = demo_server.url
    k = browser.new_page(viewport={"width": 1366, "height": 900})
    _login(k, base, "madiun.ketua_tim")
    k.goto(f"{base}/rencana/{plan.pk}/lke/")
    blind_before = k.get_by_test_id("titik-buta").locator("li").count()
    k.get_by_role("link", name="Tautan indikator ke LKE").click()
    k.get_by_role("button", name="Buat saran untuk indikator yang belum bertaut").click()
    k.wait_for_selector("text=tautan disarankan")
    assert k.locator(".badge:has-text('saran')").count() > 40
    k.get_by_role("button", name="Konfirmasi semua tautan").click()
    k.wait_for_selector("text=tautan indikator ke LKE dikonfirmasi")
    k.goto(f"{base}/rencana/{plan.pk}/lke/")
    assert k.get_by_test_id("titik-buta").locator("li").count() < blind_before
    before = float(k.get_by_test_id("lke-total").first.inner_text().replace(",", "."))
    k.get_by_role("link", name="Penilaian mandiri dan TPI").click()
    for name in ("Penerapan SPIP", "Whistle-blowing system"):
        card = k.locator(f'article[data-sub="{name}"]')
        card.locator("select[name=jawaban]").select_option("A")
        card.get_by_role("button", name="Simpan jawaban").click()
        k.wait_for_selector(f"text=Penilaian mandiri «{name}» disimpan.")
    k.goto(f"{base}/rencana/{plan.pk}/lke/")
    after = float(k.get_by_test_id("lke-total").first.inner_text().replace(",", "."))
    assert after > before
    k.screenshot(path=str(tmp_path / "lke-proyeksi.png"), full_page=True)

    p = browser.new_page(viewport={"width": 1366, "height": 900})
    _login(p, base, "madiun.penilai")
    p.goto(f"{base}/rencana/{plan.pk}/lke/penilaian/")
    card = p.locator('article[data-sub="Penerapan SPIP"]')
    card.locator("input[name=nilai]").fill("1")
    card.locator("input[name=catatan]").fill("Bukti penilaian risiko belum lengkap.")
    card.get_by_role("button", name="Simpan nilai TPI").click()
    p.wait_for_selector("text=Nilai TPI «Penerapan SPIP» disimpan.")
    assert p.locator('article[data-sub="Penerapan SPIP"]').get_by_test_id("selisih").inner_text()
    k.goto(f"{base}/notifikasi/")
    assert "Catatan TPI: Penerapan SPIP" in k.locator("main").inner_text()
    k.close()
    p.close()
