from django.core.management.base import BaseCommand, CommandError

from inti.cadangan import CadanganError, backup


class Command(BaseCommand):
    help = (
        "Mencadangkan seluruh data dan berkas (lokal atau object storage) ke satu folder baru, "
        "dengan manifest sha256."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="folder baru atau kosong")

    def handle(self, *args, output, **options):
        try:
            manifest = backup(output, progress=self.stderr.write)
        except CadanganError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["jumlah_baris"].values())
        size = sum(f["size"] for f in manifest["berkas"])
        self.stdout.write(
            f"Cadangan di {output}: {rows} baris, {len(manifest['berkas'])} berkas "
            f"({size / 1e6:.1f} MB)."
        )
        for name in manifest["berkas_hilang"]:
            self.stderr.write(f"Peringatan: berkas {name} dirujuk basis data tetapi tidak ada.")
