"""Reads built for one page each, with a fixed number of queries whatever the plan's size."""

from django.db.models import Count, Prefetch

from .jadwal import periods_of
from .models import Area, Indikator, KeputusanButir, Komponen
from .permissions import rencana_visible_to


def rencana_list_for(user):
    """The plans a user may see, newest year first, with their size."""
    return (
        rencana_visible_to(user)
        .select_related("satker")
        .annotate(jumlah_area=Count("areas", distinct=True))
        .order_by("satker__path", "-tahun", "status")
    )


def _indikator_queryset():
    return (
        Indikator.objects.select_related("target_waktu", "pic")
        .prefetch_related("langkah_aksi", "bukti_fisik")
        .order_by("urutan")
    )


def rencana_lampiran(rencana):
    """The plan's areas → komponen → indikator, with steps, evidence and schedule, each
    indikator carrying `periode` (its evidence periods in the plan year)."""
    areas = list(
        Area.objects.filter(rencana=rencana)
        .order_by("urutan")
        .prefetch_related(
            Prefetch(
                "komponen",
                queryset=Komponen.objects.order_by("urutan").prefetch_related(
                    Prefetch("indikator", queryset=_indikator_queryset())
                ),
            )
        )
    )
    for area in areas:
        for komponen in area.komponen.all():
            for indikator in komponen.indikator.all():
                indikator.periode = periods_of(indikator, rencana.tahun)
    return areas


def keputusan_butir(rencana):
    """Menimbang, Mengingat and diktum of the Keputusan, each in order."""
    butir = {jenis: [] for jenis in KeputusanButir.Jenis.values}
    for item in KeputusanButir.objects.filter(rencana=rencana).order_by("jenis", "urutan"):
        butir[item.jenis].append(item)
    return butir


def indikator_detail(indikator_qs, pk):
    """One indikator with its place in the plan, its steps, evidence and periods."""
    indikator = (
        indikator_qs.select_related("target_waktu", "pic", "komponen__area__rencana__satker")
        .prefetch_related("langkah_aksi", "bukti_fisik")
        .get(pk=pk)
    )
    indikator.periode = periods_of(indikator, indikator.komponen.area.rencana.tahun)
    return indikator
