from django.apps import AppConfig


class BuktiFisikConfig(AppConfig):
    name = "bukti_fisik"
    verbose_name = "Bukti fisik"
