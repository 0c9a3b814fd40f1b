"""Benchmark of one large evidence upload through the running server (gunicorn, one sync
worker, loopback): throughput and the worker's peak memory growth.

    .venv/bin/python bench/upload.py            # 50 MB, 3 rounds
    .venv/bin/python bench/upload.py --mb 20 --rounds 5

Goals: memory growth < 20 MB, throughput >= 100 MB/s. The data lives in a throwaway SQLite
database and media folder under bench/out/upload/. The client streams the body from memory in
1 MB pieces, so its own cost is small beside the server's.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import sys
import threading
import time
import uuid
from pathlib import Path

from appserver import ROOT, App, Session

OUT = ROOT / "bench" / "out" / "upload"
PASSWORD = "bench-upload-2026"


def _worker_pid(master):
    deadline = time.time() + 20
    while time.time() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn worker did not start")


def _status(pid, field):
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1)) * 1024


def _upload(session, path, token, payload, name):
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="tanggal_dokumen"\r\n\r\n'
        f"2026-03-10\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="{name}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + len(payload) + len(tail)
    conn = http.client.HTTPConnection("127.0.0.1", session.port, timeout=300)
    conn.putrequest("POST", path)
    for key, value in session.headers(
        {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(length),
            "Accept": "application/json",
        }
    ).items():
        conn.putheader(key, value)
    conn.endheaders()
    start = time.perf_counter()
    conn.send(head)
    view = memoryview(payload)
    for offset in range(0, len(payload), 1 << 20):
        conn.send(view[offset : offset + (1 << 20)])
    conn.send(tail)
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    conn.close()
    assert response.status == 201, body[:300]
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    app = App(OUT, ZI_DEMO_PASSWORD=PASSWORD, DJANGO_DEBUG="1")
    app.manage("migrate", "--noinput", "-v0")
    app.manage("load_demo")
    target = app.manage(
        "shell",
        "-c",
        "from rencana_aksi.models import BuktiFisik;"
        "b=BuktiFisik.objects.filter(indikator__komponen__area__rencana__satker__slug="
        "'kpu-kab-madiun', indikator__target_waktu__jenis='triwulanan').first();"
        "print(b.pk)",
    ).split()[-1]
    slot_path = f"/bukti/{target}/2026-T1/"

    server, port = app.serve(workers=1)
    try:
        worker = _worker_pid(server.pid)
        session = Session(port).login("madiun.anggota", PASSWORD)
        token = session.csrf(slot_path)
        payload = b"%PDF-1.7\n%" + os.urandom(args.mb * 1024 * 1024 - 10)
        # Warm-up: imports, first queries and libmagic load before measuring.
        _upload(session, slot_path + "unggah/", token, b"%PDF-1.7\n%" + os.urandom(4096), "a.pdf")

        print(f"{args.mb} MB upload through gunicorn (1 sync worker), loopback")
        print(f"{'round':>5} {'seconds':>8} {'MB/s':>8} {'RSS before':>11} {'peak growth':>12}")
        results = []
        for n in range(1, args.rounds + 1):
            before = _status(worker, "VmRSS")
            peak = [before]
            stop = threading.Event()

            def watch(stop=stop, peak=peak):
                while not stop.is_set():
                    peak[0] = max(peak[0], _status(worker, "VmRSS"))
                    time.sleep(0.005)

            watcher = threading.Thread(target=watch)
            watcher.start()
            seconds = _upload(session, slot_path + "unggah/", token, payload, f"besar-{n}.pdf")
            stop.set()
            watcher.join()
            growth = peak[0] - before
            rate = args.mb / seconds
            results.append((seconds, rate, growth))
            print(
                f"{n:>5} {seconds:>8.3f} {rate:>8.1f} {before / 2**20:>9.1f}MB "
                f"{growth / 2**20:>10.1f}MB"
            )
        best = max(r[1] for r in results)
        worst_growth = max(r[2] for r in results)
        print(
            f"best throughput {best:.1f} MB/s (goal >= 100), "
            f"largest memory growth {worst_growth / 2**20:.1f} MB (goal < 20)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
