import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lke.lembar import kerangka_dengan_lembar, lembar_baca


class Command(BaseCommand):
    help = (
        "Tambahkan lembar kerja LKE per pertanyaan (folder CSV: pilar, subpilar, pertanyaan, "
        "opsi, dokumenlke) ke berkas kerangka JSON, lalu tulis hasilnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("kerangka", help="berkas kerangka JSON (bentuk fixtures/lke/*.json)")
        parser.add_argument("lembar", help="folder CSV lembar kerja, mis. ../shared/lke-2021")
        parser.add_argument("--output", help="tulis ke sini; tanpa ini, berkas kerangka ditimpa")

    def handle(self, *args, **options):
        source = Path(options["kerangka"])
        try:
            data = kerangka_dengan_lembar(
                json.loads(source.read_text(encoding="utf-8")), lembar_baca(options["lembar"])
            )
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Lembar kerja tidak dapat dibaca: {exc}") from None
        target = Path(options["output"] or source)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        count = sum(len(s["pertanyaan"]) for a in data["area"] for s in a["sub"])
        self.stdout.write(f"{target}: {count} pertanyaan pengungkit ditulis.")
