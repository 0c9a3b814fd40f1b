"""Reads built for one page each, with a fixed number of queries whatever the plan's size."""

from django.db.models import Count, Prefetch

from .jadwal import periods_of
from .models import Area, Indikator, KeputusanButir, Komponen, RencanaAksi
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


def rencana_lampiran(rencana, terbuka=None):
    """The plan's areas → komponen → indikator, with steps, evidence and schedule, each
    indikator carrying `periode` (its evidence periods in the plan year). With `terbuka` (a
    set of area ids), only those areas get their rows; every area comes with
    `jumlah_indikator` and `terbuka`. The same number of queries either way."""
    komponen = Komponen.objects.order_by("urutan")
    if terbuka is not None:
        komponen = komponen.filter(area_id__in=terbuka)
    areas = list(
        Area.objects.filter(rencana=rencana)
        .annotate(jumlah_indikator=Count("komponen__indikator"))
        .order_by("urutan")
        .prefetch_related(
            Prefetch(
                "komponen",
                queryset=komponen.prefetch_related(
                    Prefetch("indikator", queryset=_indikator_queryset())
                ),
            )
        )
    )
    for area in areas:
        area.terbuka = terbuka is None or area.pk in terbuka
        for komponen_row in area.komponen.all():
            for indikator in komponen_row.indikator.all():
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


def rencana_data(rencana):
    """A plan's Lampiran and Keputusan in the fixtures' shape (what rencana_aksi_import
    reads), with each indikator's PIC by username: the one form plans travel in."""
    butir = keputusan_butir(rencana)
    data = {
        "satker": rencana.satker.slug,
        "tahun": rencana.tahun,
        "status": rencana.status,
        **{name: getattr(rencana, name) for name in RencanaAksi.KEPUTUSAN_FIELDS},
        "tanggal_penetapan": rencana.tanggal_penetapan.isoformat()
        if rencana.tanggal_penetapan
        else "",
        "layout": {name: getattr(rencana, name) for name in RencanaAksi.LAYOUT_FIELDS},
        **{jenis: [[b.label, b.teks] for b in items] for jenis, items in butir.items()},
        "bab": [{"nomor": b.nomor, "judul": b.judul, "isi": b.isi} for b in rencana.bab.all()],
        "area": [],
    }
    for area in rencana_lampiran(rencana):
        data["area"].append(
            {
                "nomor": area.nomor,
                "nama": area.nama,
                "komponen": [
                    {
                        "nomor": komponen.nomor,
                        "nama": komponen.nama,
                        **({"kelompok": komponen.kelompok} if komponen.kelompok else {}),
                        "indikator": [
                            {
                                "nomor": ind.nomor,
                                "nama": ind.nama,
                                "langkah_aksi": [
                                    [s.penanda, s.uraian] for s in ind.langkah_aksi.all()
                                ],
                                "bukti_fisik": [[b.penanda, b.nama] for b in ind.bukti_fisik.all()],
                                "target_waktu": ind.target_waktu.teks,
                                "target_capaian": ind.target_capaian,
                                "pic": ind.pic.username if ind.pic else ind.pic_teks,
                                **({"lke_kode": ind.lke_kode} if ind.lke_kode else {}),
                                **({"keterangan": ind.keterangan} if ind.keterangan else {}),
                            }
                            for ind in komponen.indikator.all()
                        ],
                    }
                    for komponen in area.komponen.all()
                ],
            }
        )
    return data
