import json
from pathlib import Path

from django.apps import AppConfig
from django.db.models.signals import post_migrate

BAWAAN = (
    Path(__file__).resolve().parent.parent / "fixtures" / "lke" / "permenpanrb-90-2021-5-2024.json"
)


def kerangka_bawaan(sender, **kwargs):
    """Every database holds the framework in force (PermenPANRB 90/2021 jo. 5/2024): loaded
    after migrate (and after a test flush) when no framework is there yet; a database that has
    it without the worksheet's questions gets them."""
    from .services import kerangka_load

    kerangka_load(json.loads(BAWAAN.read_text(encoding="utf-8")))


class LkeConfig(AppConfig):
    name = "lke"
    verbose_name = "LKE Zona Integritas"

    def ready(self):
        post_migrate.connect(kerangka_bawaan, sender=self)
