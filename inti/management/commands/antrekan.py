from django.core.management.base import BaseCommand, CommandError

from inti import antrean


class Command(BaseCommand):
    help = (
        "Memasukkan satu tugas latar ke antrean (mis. send_reminders, snapshot_progress); "
        "dipanggil oleh timer harian. Tanpa ZI_QUEUE_URL tugas langsung dijalankan di proses anak."
    )

    def add_arguments(self, parser):
        parser.add_argument("tugas", help=", ".join(sorted(antrean.TUGAS)))
        parser.add_argument("argumen", nargs="*")

    def handle(self, *args, tugas, argumen, **options):
        try:
            job = antrean.enqueue(tugas, *argumen)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{tugas} diantrekan ({getattr(job, 'id', 'proses anak')}).")
