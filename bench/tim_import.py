"""Benchmark of the members CSV import: 600 rows checked (preview) and written (600 invitations
with their areas, history rows and emails, in one transaction), through the real views.

    .venv/bin/python bench/tim_import.py            # prints seconds per step; goal < 10 s

Runs on a throwaway SQLite database under bench/out/ (set DATABASE_URL for PostgreSQL) in
Django's test environment: the emails are built and "sent" to memory, and go nowhere.
"""

import time

from appserver import django_here

ROWS = 600


def main():
    django_here("tim")
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the client then keeps each response's context
    from django.core import mail
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from demo.generate import plan_create
    from rencana_aksi.models import Membership, Role, Satker, User
    from rencana_aksi.services import satker_create
    from tim.models import Undangan

    satker = Satker.objects.filter(slug="kpu-kab-bench-tim").first() or satker_create(
        slug="kpu-kab-bench-tim",
        nama="KPU Kabupaten Bench",
        nama_lengkap="Komisi Pemilihan Umum Kabupaten Bench",
        tingkat=Satker.Tingkat.KABKOTA,
    )
    plan_create(satker, areas=6)
    admin = User.objects.create_user("bench.admin", "bench.admin@kpu.test", "x")
    Membership.objects.create(user=admin, satker=satker, role=Role.ADMIN)
    lines = ["email;nama;peran;area"] + [
        f"orang{i}@kpu.test;Orang {i};{'Anggota Tim ZI' if i % 3 else 'Koordinator area'};"
        f"{('I', 'II', 'III+IV', 'V', 'VI')[i % 5]}"
        for i in range(ROWS)
    ]
    data = "\n".join(lines).encode()
    client = Client()
    client.force_login(admin)
    url = reverse("tim:impor_anggota", args=[satker.pk])

    started = time.perf_counter()
    preview = client.post(url, {"berkas": SimpleUploadedFile("a.csv", data)})
    checked = time.perf_counter() - started
    assert preview.status_code == 200, preview.content[-500:]
    started = time.perf_counter()
    done = client.post(url, {"isi": preview.context["isi"], "konfirmasi": "1"})
    written = time.perf_counter() - started
    assert done.status_code == 302
    count = Undangan.objects.filter(satker=satker).count()
    print(f"{'rows':>6}{'check s':>10}{'write s':>10}{'total s':>10}{'emails':>8}   goal")
    print(
        f"{count:>6}{checked:>10.2f}{written:>10.2f}{checked + written:>10.2f}"
        f"{len(mail.outbox):>8}   < 10 s for {ROWS} rows"
    )


if __name__ == "__main__":
    main()
