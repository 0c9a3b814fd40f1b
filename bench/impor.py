"""Benchmark of the Lampiran import: a 300-indikator workbook (1,500 langkah aksi, text as long
as a real decree's) read, previewed and written into a draft plan, as the import page does.

    .venv/bin/python bench/impor.py          # prints seconds per step; goal: under 5 s in all

Runs on a throwaway SQLite database under bench/out/ (set DATABASE_URL for PostgreSQL).
"""

import io
import time

import openpyxl
from appserver import django_here


def main():
    django_here("impor")

    from demo.generate import plan_data
    from rencana_aksi import services
    from rencana_aksi.models import Indikator, LangkahAksi, Satker
    from rencana_aksi.pertukaran import excel
    from rencana_aksi.pertukaran.impor import pratinjau

    satker = Satker.objects.filter(slug="kpu-kab-bench-impor").first() or services.satker_create(
        slug="kpu-kab-bench-impor",
        nama="KPU Kabupaten Bench",
        nama_lengkap="Komisi Pemilihan Umum Kabupaten Bench",
        tingkat=Satker.Tingkat.KABKOTA,
    )
    data = plan_data(satker.slug, areas=6, komponen=5, indikator=10, langkah=5, wordy=True)
    layout = {"susunan_tabel": "per_area", "komponen_diulang": True, "kolom_target_capaian": True}
    workbook = excel.workbook_bytes(data, layout)
    rencana = services.rencana_draft_for(satker, 2027)

    # The same plan as another office's workbook: no layout sheet of ours, so every column is
    # judged and every list written on one line is split.
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    del book[excel.META_SHEET]
    foreign = io.BytesIO()
    book.save(foreign)
    started = time.perf_counter()
    other = pratinjau(foreign.getvalue(), "xlsx", satker)
    read_foreign = time.perf_counter() - started
    assert other.bisa_ditulis and other.jumlah_indikator == 300, other.masalah[:3]

    started = time.perf_counter()
    preview = pratinjau(workbook, "xlsx", satker)
    read = time.perf_counter() - started
    assert preview.bisa_ditulis, preview.masalah[:3]
    started = time.perf_counter()
    services.rencana_isi_replace(rencana, preview.areas, user=None, layout=preview.layout)
    written = time.perf_counter() - started
    indikator = Indikator.objects.filter(komponen__area__rencana=rencana).count()
    langkah = LangkahAksi.objects.filter(indikator__komponen__area__rencana=rencana).count()
    print(
        f"{'indikator':>10}{'langkah':>9}{'KB':>7}{'read s':>9}{'write s':>9}{'total s':>9}   goal"
    )
    print(
        f"{indikator:>10}{langkah:>9}{len(workbook) // 1024:>7}{read:>9.2f}{written:>9.2f}"
        f"{read + written:>9.2f}   < 5 s"
    )
    print(f"another office's shape (no layout sheet): read and preview {read_foreign:.2f} s")


if __name__ == "__main__":
    main()
