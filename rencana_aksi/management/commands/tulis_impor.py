from django.core.management.base import BaseCommand

from rencana_aksi.pertukaran.impor import impor_tulis


class Command(BaseCommand):
    help = "Menulis satu impor lampiran yang sudah dikonfirmasi (tugas latar)."

    def add_arguments(self, parser):
        parser.add_argument("impor_id", type=int)
        parser.add_argument("user_id", type=int)

    def handle(self, *args, impor_id, user_id, **options):
        impor_tulis(impor_id, user_id)
