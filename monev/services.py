"""Writes of the monitoring app: the daily snapshot of the four numbers."""

from django.db import transaction
from django.utils import timezone

from rencana_aksi.models import RencanaAksi

from .models import Snapshot
from .progress import rollup, weight_of
from .selectors import plan_facts


def _values(progres):
    return {
        "terkumpul": progres["terkumpul"].persen,
        "terverifikasi": progres["terverifikasi"].persen,
        "tepat_waktu": progres["tepat_waktu"].persen,
        "langkah": progres["langkah"].persen,
        "terlambat": progres.terlambat,
    }


@transaction.atomic
def snapshot_take(today=None):
    """Record today's four numbers for every plan in force and each of its areas; running it
    again the same day replaces that day's values. Returns the number of rows written."""
    today = today or timezone.localdate()
    plans = list(RencanaAksi.objects.exclude(status=RencanaAksi.Status.DICABUT))
    facts = plan_facts(plans, today)
    written = 0
    for rencana in plans:
        items = [i for i in facts.indikator if i.komponen.area.rencana_id == rencana.pk]
        plan_progres = rollup([(i.progres, weight_of(i)) for i in items])
        Snapshot.objects.update_or_create(
            tanggal=today, rencana=rencana, area=None, defaults=_values(plan_progres)
        )
        written += 1
        for area in {i.komponen.area for i in items}:
            area_items = [i for i in items if i.komponen.area_id == area.pk]
            Snapshot.objects.update_or_create(
                tanggal=today,
                rencana=rencana,
                area=area,
                defaults=_values(rollup([(i.progres, weight_of(i)) for i in area_items])),
            )
            written += 1
    return written
