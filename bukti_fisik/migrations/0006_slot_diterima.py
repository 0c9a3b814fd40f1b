from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone


def fill(apps, schema_editor):
    """Every stored slot's `diterima` from its versions, as bukti_fisik.models.tanggal_diterima
    derives it: the local date of the earliest current verified upload."""
    Slot = apps.get_model("bukti_fisik", "Slot")
    Unggahan = apps.get_model("bukti_fisik", "Unggahan")
    earliest = (
        Unggahan.objects.filter(slot=OuterRef("pk"), diganti=False, status="terverifikasi")
        .order_by()
        .values("slot")
        .annotate(t=Min("diunggah"))
        .values("t")
    )
    changed = []
    for slot in Slot.objects.annotate(t=Subquery(earliest)).filter(t__isnull=False).iterator():
        slot.diterima = timezone.localdate(slot.t)
        changed.append(slot)
    Slot.objects.bulk_update(changed, ["diterima"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("bukti_fisik", "0005_tusunggahan_catatan")]

    operations = [
        migrations.AddField(
            model_name="slot",
            name="diterima",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
