from django.apps import AppConfig


class RencanaAksiConfig(AppConfig):
    name = "rencana_aksi"
    verbose_name = "Rencana aksi"
