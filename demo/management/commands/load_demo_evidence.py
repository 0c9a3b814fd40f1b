from django.core.management.base import BaseCommand

from demo.load import demo_evidence_load


class Command(BaseCommand):
    help = (
        "Isi contoh bukti pada rencana demo (setelah load_demo): unggahan, verifikasi, "
        "pengembalian dan status langkah aksi. Satker yang sudah punya bukti tidak diubah."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{demo_evidence_load()} unggahan contoh dibuat.")
