from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rencana_aksi.models import RencanaAksi
from rencana_aksi.pdf import MODES, render_pdf


class Command(BaseCommand):
    help = "Mencetak Keputusan dan Lampiran rencana aksi sebagai PDF."

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="slug satker, mis. kpu-kab-madiun")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--mode", required=True, choices=MODES)
        parser.add_argument("--output", required=True, help="berkas PDF tujuan")

    def handle(self, *args, satker, tahun, mode, output, **options):
        rencana = (
            RencanaAksi.objects.berlaku()
            .select_related("satker")
            .filter(satker__slug=satker, tahun=tahun)
            .first()
        )
        if rencana is None:
            raise CommandError(f"Tidak ada rencana aksi {satker} tahun {tahun}.")
        Path(output).write_bytes(render_pdf(rencana, mode))
        self.stdout.write(self.style.SUCCESS(f"PDF ditulis ke {output}"))
