import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rencana_aksi import services
from rencana_aksi.models import Satker
from rencana_aksi.pertukaran.impor import jenis_of, pratinjau
from rencana_aksi.pertukaran.pemetaan import ImporError, normal


class Command(BaseCommand):
    help = (
        "Membaca lampiran rencana aksi dari .xlsx atau .docx ke rencana draf satker dan tahun "
        "itu (dibuat bila belum ada). Masalah dicetak seperti pada pratinjau; tidak ada yang "
        "ditulis selama ada masalah."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--satker", required=True)
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument(
            "--mapping",
            help='pemetaan kolom JSON: {"URAIAN KEGIATAN": "LANGKAH AKSI"}; "" mengabaikan',
        )
        parser.add_argument("--dry-run", action="store_true", help="hanya periksa, jangan tulis")

    def handle(self, *args, berkas, satker, tahun, mapping=None, dry_run=False, **options):
        office = Satker.objects.filter(slug=satker).first()
        if office is None:
            raise CommandError(f"Satker «{satker}» tidak ada.")
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        remembered = services.pemetaan_for(office)
        if mapping:
            try:
                given = json.loads(mapping)
            except json.JSONDecodeError as exc:
                raise CommandError(f"--mapping bukan JSON yang sah: {exc}") from None
            remembered = {**remembered, **{normal(k): v for k, v in given.items()}}
        data = path.read_bytes()
        try:
            preview = pratinjau(data, jenis_of(path.name, data), office, remembered)
        except ImporError as exc:
            raise CommandError(str(exc)) from None
        if preview.error:
            raise CommandError(preview.error)
        for problem in preview.masalah:
            self.stderr.write(problem)
        if preview.masalah:
            raise CommandError(f"{len(preview.masalah)} masalah; tidak ada yang ditulis.")
        summary = f"{len(preview.areas)} area, {preview.jumlah_indikator} indikator"
        if dry_run:
            self.stdout.write(f"Berkas dapat diimpor: {summary} (tidak ditulis: --dry-run).")
            return
        rencana = services.rencana_draft_for(office, tahun)
        try:
            services.rencana_isi_replace(rencana, preview.areas, user=None, layout=preview.layout)
        except services.PertukaranError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Diimpor ke rencana {rencana.pk}: {summary}."))
