"""Benchmark of the plan dashboard beside a trivial page under the same load: the app under
gunicorn on data set M (300 indikator, 1,000 langkah aksi, 5,000 uploads), 10 concurrent
connections, latency percentiles of both and their ratio.

    .venv/bin/python bench/dashboard.py                # 200 requests per connection
    .venv/bin/python bench/dashboard.py --requests 50  # quicker

Goals: dashboard p95 <= 150 ms and <= 1.5x the trivial page. Run twice: with the dashboard's
cache (the normal case: the plan changes far less often than it is looked at) and with the cache
switched off (CACHE_URL=dummycache://), so every request computes the numbers afresh.
The trivial page is the notification inbox: same session, login and base template, one query.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "dashboard"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "bench-dasbor-2026"


def _env(cache_url=None):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="zi_tracker.settings",
        DATABASE_URL=f"sqlite:///{OUT / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(OUT / "media"),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-use-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def _manage(*args):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port, method, path, cookies, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    all_headers.update(headers or {})
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    data = response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        for key, morsel in SimpleCookie(header).items():
            cookies[key] = morsel.value
    conn.close()
    return response.status, data


def _login(port, username):
    cookies = {}
    _, page = _request(port, "GET", "/masuk/", cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    status, _ = _request(
        port,
        "POST",
        "/masuk/",
        cookies,
        body,
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 302, f"login failed ({status})"
    return cookies


def _load(port, path, cookies, connections, per_connection):
    latencies, errors = [], []
    lock = threading.Lock()

    def run():
        own = []
        for _ in range(per_connection):
            start = time.perf_counter()
            status, _ = _request(port, "GET", path, dict(cookies))
            own.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
        with lock:
            latencies.extend(own)

    threads = [threading.Thread(target=run) for _ in range(connections)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    assert not errors, f"{path}: {len(errors)} errors, e.g. {errors[0]}"
    q = statistics.quantiles(latencies, n=100)
    return {
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "rps": len(latencies) / elapsed,
    }


def _serve(port, cache_url, workers):
    return subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "zi_tracker.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(cache_url),
    )


def _wait(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200, help="per connection")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    _manage("migrate", "--noinput", "-v0")
    _manage("generate_monev_data", "M")
    plan = _manage(
        "shell",
        "-c",
        "from rencana_aksi.models import *; from monev.services import snapshot_take;"
        "r=RencanaAksi.objects.get(satker__slug='kpu-kab-uji-m');"
        "u=User.objects.create(username='bench.pimpinan');"
        f"u.set_password('{PASSWORD}'); u.save();"
        "Membership.objects.create(user=u, satker=r.satker, role='pimpinan');"
        "snapshot_take(); print(r.pk)",
    ).split()[-1]
    pages = {"trivial": "/notifikasi/", "dasbor": f"/rencana/{plan}/dasbor/"}

    print(
        f"data set M, gunicorn {args.workers} sync workers, {args.connections} connections, "
        f"{args.requests} requests per connection"
    )
    print(f"{'cache':<8} {'page':<8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for label, cache_url in (("on", None), ("off", "dummycache://")):
        port = _free_port()
        server = _serve(port, cache_url, args.workers)
        try:
            _wait(port)
            cookies = _login(port, "bench.pimpinan")
            for path in pages.values():  # warm every worker's imports and cache
                _load(port, path, cookies, args.connections, 3)
            results = {}
            for name, path in pages.items():
                results[name] = _load(port, path, cookies, args.connections, args.requests)
                r = results[name]
                print(
                    f"{label:<8} {name:<8} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
                    f"{r['rps']:>8.0f}"
                )
            ratio = results["dasbor"]["p95"] / results["trivial"]["p95"]
            print(
                f"{label:<8} ratio p95 dasbor / trivial = {ratio:.2f} "
                f"(goal <= 1.5; dashboard p95 goal <= 150 ms)"
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
