from django.apps import AppConfig


class TimConfig(AppConfig):
    name = "tim"
    verbose_name = "Tim dan akun"
