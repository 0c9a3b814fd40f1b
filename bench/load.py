"""A realistic mix under load: the app under gunicorn as deployed (PostgreSQL, the Redis cache,
the production settings), data set M (300 indikator, 1,000 langkah aksi, 5,000 uploads), and 30
users at once for 60 seconds who browse the plan, open the dashboard, upload evidence and
review it. Prints throughput, p50/p95/p99 per page and every error.

    .venv/bin/python bench/load.py                   # data set M in its own office
    .venv/bin/python bench/load.py --kantor 600      # and 600 offices in the database: KPU RI,
                                                     # 38 provinces, the districts, each with a
                                                     # plan and evidence; the leaders also open
                                                     # the national and provincial roll-ups

PostgreSQL at 127.0.0.1:5432 (user postgres; the database zi_bench_load is dropped and made
anew) and Redis at 127.0.0.1:6379 (database 2, emptied) must be running.
"""

import argparse
import io
import json
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import urlencode

from appserver import ROOT, App, Session
from pypdf import PdfWriter

OUT = ROOT / "bench" / "out" / "load"
PASSWORD = "bench-beban-2026"
DATABASE = "zi_bench_load"


def _pdf():
    """A real one-page PDF, as a scan would be (the upload checks read it)."""
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


PDF = _pdf()

SETUP = """
import json, random
from demo.generate import plan_create, plan_evidence
from monev.services import snapshot_take
from rencana_aksi.jadwal import periods
from rencana_aksi.models import BuktiFisik, Membership, RencanaAksi, Role, Satker, User
from rencana_aksi.services import satker_create

KANTOR = {kantor}
users = []

def person(name, satker, role):
    u = User.objects.create(username=name, first_name=name)
    u.set_password("{password}")
    u.save()
    Membership.objects.create(user=u, satker=satker, role=role)
    users.append((name, role, satker.pk))
    return u

m = RencanaAksi.objects.get(satker__slug="kpu-kab-uji-m")
pusat = None
if KANTOR:
    pusat = satker_create(slug="kpu-ri", nama="KPU RI", nama_lengkap="Komisi Pemilihan Umum",
                          tingkat=Satker.Tingkat.PUSAT, parent=None, kota="Jakarta")
provinces = []
for n in range(38 if KANTOR else 1):
    provinces.append(satker_create(
        slug=f"kpu-prov-uji-{{n}}", nama=f"KPU Provinsi Uji {{n}}",
        nama_lengkap=f"Komisi Pemilihan Umum Provinsi Uji {{n}}",
        tingkat=Satker.Tingkat.PROVINSI, parent=pusat, kota=f"Kota {{n}}"))
from rencana_aksi.services import satker_move
root = User.objects.create(username="beban.root", is_superuser=True)
satker_move(m.satker, provinces[0], user=root)
rng = random.Random(7)
for n in range(max(0, KANTOR - 1 - len(provinces) - 1)):
    office = satker_create(
        slug=f"kpu-kab-uji-{{n}}", nama=f"KPU Kabupaten Uji {{n}}",
        nama_lengkap=f"Komisi Pemilihan Umum Kabupaten Uji {{n}}",
        tingkat=Satker.Tingkat.KABKOTA, parent=provinces[n % len(provinces)], kota=f"Kab {{n}}")
    plan = plan_create(office, areas=6, komponen=2, indikator=4, bukti=1)
    uploader = User.objects.create(username=f"uji{{n}}.anggota")
    plan_evidence(plan, [uploader], rng.randint(5, 40), seed=n, slot_share=0.8)

for n in range(10):
    person(f"beban.tim{{n}}", m.satker, Role.KETUA_TIM)
for n in range(5):
    person(f"beban.peninjau{{n}}", m.satker, Role.KETUA_TIM)
for n in range(13):
    person(f"beban.pimpinan{{n}}", m.satker, Role.PIMPINAN)
person("beban.provinsi", provinces[0], Role.PIMPINAN)
person("beban.pusat", pusat or provinces[0], Role.PIMPINAN)
snapshot_take()
slots = []
for b in BuktiFisik.objects.filter(indikator__komponen__area__rencana=m).select_related(
        "indikator__target_waktu"):
    for p in periods(b.indikator.target_waktu.jadwal, m.tahun):
        slots.append((b.pk, p.kode))
areas = list(m.areas.values_list("pk", flat=True))
indikator = list(m.areas.values_list("komponen__indikator", flat=True))
print(json.dumps({{"plan": m.pk, "satker": m.satker_id, "province": provinces[0].pk,
                  "pusat": pusat.pk if pusat else None, "users": users, "slots": slots,
                  "areas": areas, "indikator": [i for i in indikator if i],
                  "offices": Satker.objects.count()}}))
"""


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.errors = defaultdict(list)
        self.sample = {}

    def add(self, page, seconds, status, ok, data=b""):
        with self.lock:
            self.latency[page].append(seconds)
            if status not in ok:
                self.errors[page].append(status)
                self.sample.setdefault(page, data[:300])


def _timed(stats, session, page, method, path, ok=(200,), body=None, headers=None):
    start = time.perf_counter()
    try:
        status, data = session.request(method, path, body, headers)
    except OSError as exc:
        status, data = f"{type(exc).__name__}", b""
    stats.add(page, time.perf_counter() - start, status, ok, data)
    return status, data


def _csrf(session):
    return session.cookies.get("csrftoken", "")


def _post(session, fields):
    body = urlencode({"csrfmiddlewaretoken": _csrf(session), **fields})
    return body, {"Content-Type": "application/x-www-form-urlencoded"}


def _multipart(session, fields, filename, data):
    boundary = f"----zi{random.getrandbits(64):x}"
    parts = []
    for name, value in {"csrfmiddlewaretoken": _csrf(session), **fields}.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    head = (
        "".join(parts).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
    )
    body = head + data + f"\r\n--{boundary}--\r\n".encode()
    return body, {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Accept": "application/json",
    }


def browse(stats, s, world, rng):
    plan = world["plan"]
    choice = rng.random()
    if choice < 0.3:
        _timed(stats, s, "rencana", "GET", f"/rencana/{plan}/")
        _timed(stats, s, "area", "GET", f"/rencana/{plan}/area/{rng.choice(world['areas'])}/")
    elif choice < 0.55:
        _timed(stats, s, "indikator", "GET", f"/indikator/{rng.choice(world['indikator'])}/")
    elif choice < 0.7:
        _timed(stats, s, "tugas", "GET", "/tugas/")
    else:
        _timed(stats, s, "notifikasi", "GET", "/notifikasi/")


def dashboard(stats, s, world, rng):
    plan = world["plan"]
    _timed(stats, s, "dasbor", "GET", f"/rencana/{plan}/dasbor/")
    if rng.random() < 0.3:
        _timed(stats, s, "dasbor-daftar", "GET", f"/rencana/{plan}/dasbor/daftar/?status=terlambat")
    if rng.random() < 0.2:
        _timed(stats, s, "lke", "GET", f"/rencana/{plan}/lke/")


def upload(stats, s, world, rng):
    bukti, kode = rng.choice(world["slots"])
    _timed(stats, s, "slot", "GET", f"/bukti/{bukti}/{kode}/")
    body, headers = _multipart(
        s, {"tanggal_dokumen": "2026-06-10", "catatan": "uji beban"}, "bukti.pdf", PDF
    )
    # 201 stored; 409 the slot is already verified (another user got there first).
    _timed(stats, s, "unggah", "POST", f"/bukti/{bukti}/{kode}/unggah/", (201, 409), body, headers)


def review(stats, s, world, rng):
    _, page = _timed(stats, s, "antrean", "GET", "/tinjauan/")
    waiting = re.findall(rb'name="pilih" value="(\d+):(\d+)"', page)
    if not waiting:
        return
    pk, revisi = rng.choice(waiting[:20])
    body, headers = _post(s, {"keputusan": "setujui", "revisi": revisi.decode(), "catatan": ""})
    # 302 done (or the slot changed meanwhile, said in a message), 403 the reviewer's own upload.
    _timed(
        stats, s, "tinjau", "POST", f"/unggahan/{pk.decode()}/tinjau/", (302, 403), body, headers
    )


def rollup(stats, s, world, rng):
    national = s.role == "pusat" and world["pusat"]
    office = world["pusat"] if national else world["province"]
    page = "rekap-pusat" if national else "rekap-provinsi"
    _timed(stats, s, page, "GET", f"/satker/{office}/rekap/")


def user_loop(stats, s, kind, world, until, seed, think):
    rng = random.Random(seed)
    actions = {
        "tim": [(browse, 4), (upload, 3), (dashboard, 1)],
        "peninjau": [(review, 3), (browse, 1)],
        "pimpinan": [(dashboard, 3), (browse, 2)],
        "provinsi": [(rollup, 2), (dashboard, 1)],
        "pusat": [(rollup, 2), (dashboard, 1)],
    }[kind]
    funcs, weights = zip(*actions, strict=True)
    while time.perf_counter() < until:
        rng.choices(funcs, weights)[0](stats, s, world, rng)
        time.sleep(rng.uniform(*think))  # a person reads the page before the next click


def _kind(name):
    for kind in ("tim", "peninjau", "pimpinan", "provinsi", "pusat"):
        if name.startswith(f"beban.{kind}"):
            return kind
    raise ValueError(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--workers", type=int, default=5)  # 2 × cores + 1 here, as deployed
    parser.add_argument("--kantor", type=int, default=0, help="offices in the database")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.5, 2.0),
        metavar=("MIN", "MAX"),
        help="seconds a user reads a page before the next click",
    )
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    app = App(
        OUT,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        CACHE_URL="redis://127.0.0.1:6379/2",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-use-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(OUT / "static"),
        # The lockout counts failures only; 30 users signing in from one address is fine.
        ZI_LOGIN_FAILURE_LIMIT="1000",
    )
    started = time.perf_counter()
    app.manage("migrate", "--noinput", "-v0")
    app.manage("collectstatic", "--noinput", "-v0")
    app.manage("generate_monev_data", "M")
    # An empty cache; the setup ends with the daily snapshot, which leaves the roll-up its
    # figures as on a server in the morning.
    subprocess.run(["redis-cli", "-n", "2", "flushdb"], check=True, capture_output=True)
    world = json.loads(
        app.manage("shell", "-c", SETUP.format(kantor=args.kantor, password=PASSWORD))
        .strip()
        .splitlines()[-1]
    )
    print(
        f"data set M and {world['offices']} offices in the database (built in "
        f"{time.perf_counter() - started:.0f} s); gunicorn {args.workers} sync workers; "
        f"{args.users} users for {args.seconds} s, each reading "
        f"{args.think[0]:g}-{args.think[1]:g} s between clicks"
    )
    server, port = app.serve(workers=args.workers)
    try:
        stats = Stats()
        people = world["users"][: args.users]
        # Everyone signs in first (a slow password hash by design), outside the measured minute.
        sessions = []
        for name, _, _ in people:
            s = Session(port).login(name, PASSWORD)
            s.role = _kind(name)
            sessions.append(s)
        until = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=user_loop, args=(stats, s, s.role, world, until, n, args.think))
            for n, s in enumerate(sessions)
        ]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    total = sum(len(v) for v in stats.latency.values())
    errors = sum(len(v) for v in stats.errors.values())
    print(f"{total} requests in {elapsed:.1f} s: {total / elapsed:.1f} req/s, {errors} errors")
    print(f"{'page':<14} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for page in sorted(stats.latency):
        values = sorted(stats.latency[page])
        q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(
            f"{page:<14} {len(values):>6} {q[49] * 1000:>8.1f} {q[94] * 1000:>8.1f} "
            f"{q[98] * 1000:>8.1f} {len(stats.errors.get(page, ())):>7}"
        )
    for page, codes in stats.errors.items():
        print(f"  errors on {page}: {sorted(set(map(str, codes)))} {stats.sample[page]!r}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
