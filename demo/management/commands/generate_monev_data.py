from django.core.management.base import BaseCommand, CommandError

from demo.generate import SIZES, dataset_generate
from rencana_aksi.models import Satker


class Command(BaseCommand):
    help = (
        "Buat data uji dasbor: satu satker dengan rencana 300 indikator; ukuran M (1.000 "
        "langkah aksi, 5.000 unggahan) atau L (10.000 langkah aksi, 50.000 unggahan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("ukuran", choices=sorted(SIZES))
        parser.add_argument("--slug", help="slug satker baru (bawaan kpu-kab-uji-m / -l)")
        parser.add_argument("--induk", help="slug satker induk, mis. kpu-prov-jawa-timur")

    def handle(self, *args, ukuran, slug=None, induk=None, **options):
        parent = None
        if induk:
            parent = Satker.objects.filter(slug=induk).first()
            if parent is None:
                raise CommandError(f"Satker induk «{induk}» tidak ada.")
        rencana = dataset_generate(ukuran, slug=slug, parent=parent)
        self.stdout.write(f"Rencana {rencana.pk} untuk {rencana.satker.nama} dibuat.")
