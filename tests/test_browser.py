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


def _login(page, base, username):
    page.goto(f"{base}/")
    assert "/masuk/" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "salah")
    page.click("button[type=submit]")
    assert (
        page.locator(".alert-danger").inner_text().startswith("Nama pengguna atau kata sandi salah")
    )
    page.fill("input[name=password]", "sandi-browser-uji")
    page.click("button[type=submit]")


def test_login_and_open_the_madiun_plan(browser, demo_server, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _login(page, demo_server.url, "madiun.anggota")
    page.get_by_role("link", name="KPU Kabupaten Madiun · Tahun 2026").click()
    page.wait_for_selector("h1")
    assert "Rencana Aksi KPU Kabupaten Madiun Tahun 2026" in page.locator("h1").inner_text()
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


def test_phone_width_stacks_the_lampiran_into_cards(browser, demo_server, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _login(page, demo_server.url, "merangin.pimpinan")
    page.get_by_role("link", name="KPU Kabupaten Merangin · Tahun 2026").click()
    page.wait_for_selector("table.lampiran")
    cell = page.locator("table.lampiran tbody tr").first.locator("td").nth(2)
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "merangin-phone.png"))
    context.close()
