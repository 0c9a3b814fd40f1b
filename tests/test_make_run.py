"""`make run` as a newcomer meets it: the Makefile's own recipe (migrate, the demo, collectstatic,
the server with DEBUG off) on a port of its own, and the first page looked at in Chromium. The
page must be styled and htmx loaded: with Django's static handler in front, every hashed file
answered 404 and the newcomer saw a bare page."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from django.conf import settings

from .test_browser import CHROMIUM

pytestmark = pytest.mark.browser
PASSWORD = "sandi-make-run"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url, process, log, seconds=240):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make run stopped (exit {process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"make run did not answer in {seconds} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def make_run(tmp_path):
    """`make run PORT=…` with its database, static and media folders in tmp_path."""
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        # The outer make's and pytest's own settings are not the newcomer's.
        if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        ZI_DEMO_PASSWORD=PASSWORD,
        ZI_QUEUE_URL="",
    )
    env.pop("ZI_PUBLIC_URL", None)
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/masuk/", process, log)
        yield base, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_make_run_serves_styled_pages_with_htmx(make_run, tmp_path):
    from playwright.sync_api import sync_playwright

    base, log = make_run
    printed = log.read_text()
    assert f"ZI Tracker berjalan di {base}/" in printed  # the public address follows PORT
    assert "madiun.admin" in printed  # the demo logins are printed

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            failed = []
            page.on(
                "response",
                lambda r: (
                    failed.append(f"{r.status} {r.url}")
                    if r.status >= 400 and "/static/" in r.url
                    else None
                ),
            )
            page.goto(f"{base}/")
            page.fill("input[name=username]", "madiun.ketua_tim")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("nav.zi-nav .navbar-nav")
            page.wait_for_load_state("networkidle")
            # Bootstrap and app.css applied: the navbar is the app's red, the button Bootstrap's.
            nav = page.eval_on_selector("nav.zi-nav", "e => getComputedStyle(e).backgroundColor")
            assert nav == "rgb(139, 26, 26)", nav
            button_radius = page.eval_on_selector(
                "nav.zi-nav button[type=submit]", "e => getComputedStyle(e).borderRadius"
            )
            assert button_radius not in ("", "0px"), button_radius
            assert page.evaluate("typeof window.htmx === 'object' && !!htmx.version")
            hashed = page.eval_on_selector_all(
                "link[rel=stylesheet], script[src]",
                "els => els.map(e => e.href || e.src)",
            )
            assert any(re.search(r"/static/css/app\.[0-9a-f]{12}\.css$", url) for url in hashed)
            assert all("/static/" in url for url in hashed)
            assert not failed, failed
            page.screenshot(path=str(tmp_path / "make-run.png"))
        finally:
            browser.close()
