from django.apps import AppConfig


class MonevConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monev"
    verbose_name = "Monitoring dan evaluasi"
