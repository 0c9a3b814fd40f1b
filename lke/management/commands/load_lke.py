import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lke.services import kerangka_load


class Command(BaseCommand):
    help = (
        "Muat kerangka LKE baru dari berkas JSON (bentuk lke/fixtures/*.json) di samping yang ada."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")

    def handle(self, *args, **options):
        path = Path(options["berkas"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            kerangka, created = kerangka_load(data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"Kerangka tidak dapat dimuat dari {path}: {exc}") from None
        verb = "dimuat" if created else "sudah ada; tidak diubah"
        self.stdout.write(f"Kerangka «{kerangka.nama}» {verb}.")
