from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from inti.cadangan import CadanganError, restore


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan `backup` ke basis data yang kosong: memeriksa setiap berkas "
        "terhadap manifest sebelum dan sesudah ditulis."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(folder, progress=self.stderr.write)
        except CadanganError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["jumlah_baris"].values())
        self.stdout.write(
            f"Dipulihkan: {rows} baris, {len(manifest['berkas'])} berkas, semuanya cocok "
            "dengan manifest."
        )
