from django.core.management.base import BaseCommand

from monev.services import snapshot_take


class Command(BaseCommand):
    help = (
        "Catat potret harian empat angka kemajuan untuk setiap rencana aksi yang berlaku dan "
        "setiap areanya (jalankan sekali sehari; menjalankan ulang di hari yang sama "
        "menimpa potret hari itu)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{snapshot_take()} potret dicatat.")
