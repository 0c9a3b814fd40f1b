from django.core.management.base import BaseCommand

from bukti_fisik.services import reminders_send


class Command(BaseCommand):
    help = (
        "Kirim pengingat bukti yang jatuh tempo dalam 7 hari atau terlambat, dan bukti yang "
        "menunggu verifikasi lebih dari 3 hari. Aman dijalankan berkali-kali: pengingat yang "
        "sama tidak dikirim dua kali."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        items = sum(sent.values())
        self.stdout.write(f"{items} pengingat baru untuk {len(sent)} orang.")
