"""Writes of the monitoring app: the daily snapshot of the four numbers."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from rencana_aksi.models import RencanaAksi

from .models import Snapshot
from .progress import METRICS, indikator_rollup
from .selectors import PROGRES_TTL, by_rencana, plan_counts, progress_key, with_versi


def _values(progres):
    return {
        **{metric: progres[metric].persen for metric in METRICS},
        "terlambat": progres.terlambat,
    }


@transaction.atomic
def snapshot_take(today=None):
    """Record today's four numbers for every plan in force and each of its areas; running it
    again the same day replaces that day's values. Returns the number of rows written."""
    today = today or timezone.localdate()
    plans = list(with_versi(RencanaAksi.objects.berlaku()).select_related("satker"))
    groups = by_rencana(plan_counts(plans, today))
    written, computed = 0, {}
    for rencana in plans:
        items = groups.get(rencana.pk, [])
        by_area = {}
        for indikator in items:
            by_area.setdefault(indikator.komponen.area_id, []).append(indikator)
        for area_id, group in [(None, items), *by_area.items()]:
            progres = indikator_rollup(group)
            if area_id is None:
                computed[progress_key(rencana, today)] = progres
            Snapshot.objects.update_or_create(
                tanggal=today, rencana=rencana, area_id=area_id, defaults=_values(progres)
            )
            written += 1
    # The day's roll-ups then start from these figures instead of computing them all again.
    cache.set_many(computed, PROGRES_TTL)
    return written
