from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rencana_aksi.models import RencanaAksi
from rencana_aksi.pertukaran import excel
from rencana_aksi.selectors import rencana_data


class Command(BaseCommand):
    help = "Menulis lampiran rencana aksi sebagai buku kerja Excel (tata letak lampiran)."

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="slug satker, mis. kpu-kab-madiun")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--output", required=True, help="berkas .xlsx tujuan")

    def handle(self, *args, satker, tahun, output, **options):
        rencana = (
            RencanaAksi.objects.berlaku()
            .select_related("satker")
            .filter(satker__slug=satker, tahun=tahun)
            .first()
        )
        if rencana is None:
            raise CommandError(f"Tidak ada rencana aksi {satker} tahun {tahun}.")
        data = rencana_data(rencana)
        Path(output).write_bytes(excel.workbook_bytes(data, data["layout"]))
        self.stdout.write(self.style.SUCCESS(f"Lampiran ditulis ke {output}"))
