"""WCAG 2.2 AA in a real browser: axe-core (vendored from npm under tests/vendor/axe-core) run by
Playwright in Debian's Chromium on every page a member opens, as each role of the demo office
and as the province; no serious or critical violation may be left. And the upload, review and
dashboard journeys done with the keyboard alone."""

import json
from pathlib import Path

import pytest

from .test_browser import _login, browser, demo_server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ROLES = ["admin", "ketua_tim", "koordinator", "anggota", "pimpinan", "sekretariat", "penilai"]


def _pages():
    """The pages of the demo's Madiun office and its province, by path."""
    from rencana_aksi.jadwal import periods_of
    from rencana_aksi.models import RencanaAksi, Satker

    plan = RencanaAksi.objects.berlaku().get(satker__slug="kpu-kab-madiun", tahun=2026)
    area = plan.areas.order_by("urutan").first()
    indikator = area.komponen.order_by("urutan").first().indikator.order_by("urutan").first()
    bukti = indikator.bukti_fisik.order_by("urutan").first()
    kode = periods_of(indikator, plan.tahun)[0].kode
    office = plan.satker
    province = Satker.objects.get(pk=office.parent_id)
    p = f"/rencana/{plan.pk}"
    pages = [
        "/rencana/",
        f"{p}/",
        f"{p}/area/{area.pk}/",
        f"/indikator/{indikator.pk}/",
        f"/bukti/{bukti.pk}/{kode}/",
        "/tugas/",
        "/tinjauan/",
        "/notifikasi/",
        f"{p}/dasbor/",
        f"{p}/dasbor/daftar/?jenis=terlambat",
        f"{p}/lke/",
        f"{p}/lke/tautan/",
        f"{p}/lke/penilaian/",
        f"{p}/dokumen/",
        f"{p}/keputusan/",
        f"{p}/pic/",
        f"/satker/{office.pk}/anggota/",
        f"/satker/{office.pk}/pengaturan/",
        f"/satker/{province.pk}/rekap/",
        f"/satker/{province.pk}/bawahan/",
        "/akun/",
    ]
    return pages


def _violations(page):
    """Serious and critical axe violations on the page as it is now: [(rule, impact, nodes)]."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}); "
        "return r.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ') + ' :: ' + n.failureSummary)]); }",
        RULES,
    )
    return [v for v in result if v[1] in ("serious", "critical")]


def test_every_page_as_every_role_has_no_serious_axe_violation(browser, demo_server):  # noqa: F811
    pages = _pages()
    found, checked = {}, 0
    people = [f"madiun.{role}" for role in ROLES] + ["jatim.pimpinan", "jatim.admin"]
    for username in people:
        # The site's policy allows no injected script; the checker alone is let in.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        _login(page, demo_server.url, username)
        for path in pages:
            response = page.goto(demo_server.url + path)
            if response.status != 200 or "text/html" not in response.headers["content-type"]:
                continue
            assert page.locator("html").get_attribute("lang") == "id", path
            checked += 1
            for rule, impact, nodes in _violations(page):
                found.setdefault(f"{rule} ({impact}) {path}", set()).update(nodes)
        context.close()
    anonymous = browser.new_context(bypass_csp=True).new_page()
    for path in ("/masuk/", "/masuk/lupa-sandi/"):
        anonymous.goto(demo_server.url + path)
        checked += 1
        for rule, impact, nodes in _violations(anonymous):
            found.setdefault(f"{rule} ({impact}) {path}", set()).update(nodes)
    assert checked > 100
    assert not found, json.dumps({k: sorted(v) for k, v in found.items()}, indent=1)[:6000]


# The keyboard alone: Tab moves the focus, Enter or Space acts, and each stop shows its focus.

FOCUS_RING = """(el) => {
  const ring = (e) => {
    const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
      || s.boxShadow !== 'none';
  };
  if (ring(el)) return true;
  const label = el.id && document.querySelector('label[for="' + el.id + '"]');
  return Boolean(label && ring(label));
}"""


def _tab_to(page, selector, limit=250):
    """Press Tab until the element matching `selector` has the focus, checking on the way that
    every stop shows where the focus is. Returns how many presses it took."""
    target = page.locator(selector).first
    target.wait_for(state="attached")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.locator("*:focus")
        if not focused.count():
            continue
        assert focused.evaluate(FOCUS_RING), focused.evaluate("e => e.outerHTML.slice(0, 200)")
        if target.evaluate("e => e === document.activeElement"):
            return presses
    raise AssertionError(f"{selector} cannot be reached with Tab ({limit} presses)")


def _keyboard_login(page, base, username):
    page.goto(f"{base}/masuk/")
    _tab_to(page, "input[name=username]")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("sandi-browser-uji")
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_upload_review_and_dashboard_by_keyboard_alone(browser, demo_server, tmp_path):  # noqa: F811
    from bukti_fisik.models import Unggahan
    from rencana_aksi.models import BuktiFisik

    from . import samples

    bukti = BuktiFisik.objects.filter(
        indikator__komponen__area__rencana__satker__slug="kpu-kab-madiun",
        indikator__nama__startswith="Program kerja pembangunan ZI terinternalisasi",
    ).order_by("urutan")[0]
    scan = tmp_path / "notulen rapat.pdf"
    scan.write_bytes(samples.pdf_bytes(2))
    base = demo_server.url

    # The Anggota: from the tasks page to the slot, picks the file, dates it and sends it.
    anggota = browser.new_context(viewport={"width": 1280, "height": 900})
    a = anggota.new_page()
    # File choosers are intercepted from the start: the interception is switched on without
    # waiting for the browser, and on a loaded machine the key press could come first (the
    # chooser then opened unseen, once in CI).
    a.on("filechooser", lambda chooser: None)
    _keyboard_login(a, base, "madiun.anggota")
    a.wait_for_selector("h1:has-text('Tugas saya')")
    _tab_to(a, f"[data-testid=tugas-bukti] a[href^='/bukti/{bukti.pk}/']")
    a.keyboard.press("Enter")
    a.wait_for_selector("#form-unggah[data-siap]")
    kode = a.url.rstrip("/").split("/")[-1]
    _tab_to(a, "#berkas")
    a.locator("#dropzone").screenshot(path=str(tmp_path / "fokus-pilih-berkas.png"))
    with a.expect_file_chooser() as chooser:
        a.keyboard.press("Space")
    chooser.value.set_files(scan)
    assert "notulen rapat.pdf" in a.locator("#antrian").inner_text()
    _tab_to(a, "#id_tanggal_dokumen")
    # Headless Chromium lays its date field out month first whatever the page's locale.
    a.keyboard.type("03202026")
    _tab_to(a, "#id_catatan")
    a.keyboard.type("Notulen rapat tim ZI")
    _tab_to(a, "#tombol-unggah")
    a.keyboard.press("Enter")
    a.wait_for_selector("article[data-versi]:has-text('notulen rapat.pdf')", timeout=30_000)
    sent = Unggahan.objects.get(nama_asli="notulen rapat.pdf")
    assert str(sent.tanggal_dokumen) == "2026-03-20" and sent.catatan == "Notulen rapat tim ZI"
    anggota.close()

    # The Ketua Tim: the review queue from the navbar, the slot, and Verifikasi.
    ketua = browser.new_context(viewport={"width": 1280, "height": 900})
    k = ketua.new_page()
    _keyboard_login(k, base, "madiun.ketua_tim")
    _tab_to(k, "nav a[href='/tinjauan/']")
    k.keyboard.press("Enter")
    k.wait_for_selector("h1")
    _tab_to(k, f"main a[href='/bukti/{bukti.pk}/{kode}/']")
    k.keyboard.press("Enter")
    version = f"article[data-versi='{sent.versi}']"
    k.wait_for_selector(version)
    _tab_to(k, f"{version} button[value=setujui]")
    k.keyboard.press("Enter")
    k.wait_for_selector("text=terverifikasi.")
    sent.refresh_from_db()
    assert sent.status == "terverifikasi"
    ketua.close()

    # The Pimpinan: lands on the dashboard, opens the late slots, reads the trend as a table.
    pimpinan = browser.new_context(viewport={"width": 1280, "height": 900})
    p = pimpinan.new_page()
    _keyboard_login(p, base, "madiun.pimpinan")
    p.wait_for_selector("text=Cara menghitung")
    figure = p.get_by_test_id("terlambat").inner_text().split()[0]
    _tab_to(p, "[data-testid=terlambat]")
    p.keyboard.press("Enter")
    p.wait_for_selector("[data-testid=jumlah]")
    assert p.get_by_test_id("jumlah").inner_text() == figure
    p.go_back()
    p.wait_for_selector("text=Cara menghitung")
    for chart in p.locator("canvas").all():
        assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
    if p.locator(".tren-tabel").count():
        assert p.locator(".tren-tabel table tbody tr").count() >= 1
    p.screenshot(path=str(tmp_path / "dasbor-keyboard.png"))
    pimpinan.close()


def test_the_import_preview_has_no_serious_axe_violation(browser, demo_server, tmp_path):  # noqa: F811
    """The preview of an office's own workbook, with and without a header the reader knows:
    the first rows, the mapping form, the kept notes and the PICs as written."""
    import openpyxl

    from rencana_aksi import services
    from rencana_aksi.models import Satker

    from . import korpus

    office = Satker.objects.get(slug="kpu-kab-madiun")
    draft = services.rencana_draft_for(office, 2027)
    unknown = openpyxl.Workbook()
    unknown.active.append(["#", "Apa yang diukur", "Kapan"])
    unknown.active.append(["1", "Tim ZI terbentuk", "Januari 2026"])
    files = ["tanpa-judul.xlsx", "pilar.xlsx"]
    (tmp_path / "tanpa-judul.xlsx").write_bytes(korpus._save(unknown))
    (tmp_path / "pilar.xlsx").write_bytes(korpus.pilar_xlsx().data)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    _login(page, demo_server.url, "madiun.admin")
    found = {}
    for name in files:
        page.goto(f"{demo_server.url}/rencana/{draft.pk}/impor/")
        page.set_input_files("#id_berkas", tmp_path / name)
        page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
        page.wait_for_selector("h1:has-text('Pratinjau impor')")
        page.eval_on_selector("details[data-testid=pemetaan]", "d => { d.open = true; }")
        for rule, impact, nodes in _violations(page):
            found.setdefault(f"{rule} ({impact}) {name}", set()).update(nodes)
    context.close()
    assert not found, json.dumps({k: sorted(v) for k, v in found.items()}, indent=1)[:6000]
