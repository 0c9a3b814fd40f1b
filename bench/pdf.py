"""Benchmark of the Keputusan + Lampiran PDF: pages, wall time and peak RSS for the Madiun plan
and a generated 300-indikator plan, each beside the same HTML rendered by bare WeasyPrint.

    .venv/bin/python bench/pdf.py            # prints a table; goals in the last column

Every render runs in a fresh process of its own, so peak RSS is that render's alone. The data
lives in a throwaway SQLite database under bench/out/.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DB = OUT / "bench.sqlite3"


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zi_tracker.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    import django

    django.setup()


def _generated_plan(slug):
    """300 indikator with text as long as a real decree's, under Madiun's Keputusan."""
    from demo.generate import plan_data

    madiun = json.loads((ROOT / "fixtures" / "kpu-kab-madiun-7-2026.json").read_text())
    keputusan = {k: v for k, v in madiun.items() if k not in ("satker", "tahun", "area")}
    return plan_data(
        slug,
        areas=6,
        komponen=5,
        indikator=10,
        langkah=5,
        bukti=2,
        jadwal=("Triwulan", "Maret 2026", "Januari - Desember 2026"),
        wordy=True,
        **{**keputusan, "nomor": "99"},
    )


def prepare():
    """Fresh database with the Madiun plan and a 300-indikator plan; HTML written for the bare
    runs with our zistatic: URLs turned into file:// URLs."""
    OUT.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    _django()
    from django.core.management import call_command

    from rencana_aksi import pdf
    from rencana_aksi.models import RencanaAksi, Satker
    from rencana_aksi.services import rencana_aksi_import, satker_create

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    parent = Satker.objects.get(slug="kpu-prov-jawa-timur")
    satker_create(
        slug="kpu-kab-bench",
        nama="KPU Kabupaten Bench",
        parent=parent,
        tingkat="kabkota",
        nama_lengkap="Komisi Pemilihan Umum Kabupaten Bench",
        wilayah="Kabupaten Bench",
        kota="Bench",
    )
    rencana_aksi_import(_generated_plan("kpu-kab-bench"))
    static = (ROOT / "static").as_uri() + "/"
    css = (ROOT / "static" / "pdf" / "dokumen.css").read_text().replace("zistatic:", static)
    (OUT / "dokumen.css").write_text(css)
    for slug in ("kpu-kab-madiun", "kpu-kab-bench"):
        rencana = RencanaAksi.objects.get(satker__slug=slug, tahun=2026)
        for i, html in enumerate(pdf.render_html(rencana, "salinan")):
            html = html.replace("zistatic:pdf/dokumen.css", (OUT / "dokumen.css").as_uri())
            html = re.sub(r"zistatic:", static, html)
            (OUT / f"{slug}-{i}.html").write_text(html)


def run_app(slug):
    _django()
    from rencana_aksi import pdf
    from rencana_aksi.models import RencanaAksi

    rencana = RencanaAksi.objects.select_related("satker").get(satker__slug=slug, tahun=2026)
    started = time.perf_counter()
    data = pdf.render_pdf(rencana, "salinan")
    return time.perf_counter() - started, data


def run_bare(slug):
    from weasyprint import HTML

    started = time.perf_counter()
    parts = [HTML(filename=str(OUT / f"{slug}-{i}.html")).render() for i in (0, 1)]
    data = parts[0].copy([p for part in parts for p in part.pages]).write_pdf()
    return time.perf_counter() - started, data


def child(kind, slug):
    """Run one render in this process and print its time and page count as JSON."""
    seconds, data = (run_app if kind == "app" else run_bare)(slug)
    (OUT / f"{slug}-{kind}.pdf").write_bytes(data)
    import io

    from pypdf import PdfReader

    print(json.dumps({"seconds": seconds, "pages": len(PdfReader(io.BytesIO(data)).pages)}))


def measure(kind, slug):
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, slug], stdout=subprocess.PIPE, text=True
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{kind} {slug} gagal")
    return {**json.loads(output), "rss_mb": usage.ru_maxrss / 1024}


def main():
    prepare()
    print(
        f"{'plan':<16}{'pages':>6}{'app s':>9}{'bare s':>9}{'ratio':>7}"
        f"{'app MB':>9}{'bare MB':>9}{'s/60 pages':>11}   goal"
    )
    goals = {
        "kpu-kab-madiun": "≤ 3 s, ratio ≤ 1.1",
        "kpu-kab-bench": "60 pages ≤ 8 s, ≤ 300 MB, ratio ≤ 1.1",
    }
    for slug in ("kpu-kab-madiun", "kpu-kab-bench"):
        app = min((measure("app", slug) for _ in range(3)), key=lambda r: r["seconds"])
        bare = min((measure("bare", slug) for _ in range(3)), key=lambda r: r["seconds"])
        print(
            f"{slug:<16}{app['pages']:>6}{app['seconds']:>9.2f}{bare['seconds']:>9.2f}"
            f"{app['seconds'] / bare['seconds']:>7.2f}{app['rss_mb']:>9.0f}"
            f"{bare['rss_mb']:>9.0f}{app['seconds'] * 60 / app['pages']:>11.2f}"
            f"   {goals[slug]}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
