import os

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.load import demo_load

DEFAULT_PASSWORD = "zi-demo-2026"


class Command(BaseCommand):
    help = "Memuat data demo: satker, dua rencana aksi dari keputusan nyata, dan pengguna demo."

    def handle(self, *args, **options):
        # The only default password in the project, and only for demo users.
        password = os.environ.get("ZI_DEMO_PASSWORD") or DEFAULT_PASSWORD
        logins = demo_load(settings.BASE_DIR / "fixtures", password)
        self.stdout.write(
            self.style.SUCCESS("Data demo siap. Login demo (kata sandi sama untuk semua):")
        )
        for username, satker, role in logins:
            self.stdout.write(f"  {username:<24} {role:<18} {satker}")
        shown = "dari ZI_DEMO_PASSWORD" if os.environ.get("ZI_DEMO_PASSWORD") else DEFAULT_PASSWORD
        self.stdout.write(f"Kata sandi: {shown}")
        self.stdout.write("Pengguna yang sudah ada tidak diubah kata sandinya.")
