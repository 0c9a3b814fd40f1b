"""Daily snapshots of the four progress numbers, for the trend chart of the year."""

from django.db import models
from django.db.models import Q

from rencana_aksi.models import Area, RencanaAksi


class Snapshot(models.Model):
    """The four numbers of a plan (area empty) or one of its areas on one day."""

    tanggal = models.DateField()
    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="snapshot")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="snapshot"
    )
    terkumpul = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    terverifikasi = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    jatuh_tempo_terverifikasi = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    tepat_waktu = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    langkah = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    terlambat = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "potret harian"
        verbose_name_plural = "potret harian"
        ordering = ["rencana", "area", "tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["tanggal", "rencana"],
                condition=Q(area__isnull=True),
                name="snapshot_rencana_per_hari",
            ),
            models.UniqueConstraint(
                fields=["tanggal", "area"],
                condition=Q(area__isnull=False),
                name="snapshot_area_per_hari",
            ),
        ]

    def __str__(self):
        return f"{self.rencana} {self.area or ''} {self.tanggal}"
