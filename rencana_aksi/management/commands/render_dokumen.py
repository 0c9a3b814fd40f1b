from django.core.management.base import BaseCommand

from rencana_aksi.services import dokumen_render


class Command(BaseCommand):
    help = "Mencetak satu dokumen yang sudah diantrekan (dipanggil sebagai proses anak)."

    def add_arguments(self, parser):
        parser.add_argument("dokumen_id", type=int)

    def handle(self, *args, dokumen_id, **options):
        dokumen_render(dokumen_id)
