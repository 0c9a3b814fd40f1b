"""Reads of the LKE for a plan, with a fixed number of queries whatever its size: the plan's
settings and framework, sub-komponen, thresholds, links, answers, and the plan's slots (the
dashboard's own read, monev.selectors.plan_facts)."""

from decimal import Decimal

from django.db.models import Prefetch

from bukti_fisik.models import Unggahan
from monev.progress import indikator_rollup
from monev.selectors import plan_facts
from rencana_aksi.models import Indikator

from .models import Ambang, Jawaban, SubKomponen, Tautan
from .services import lke_of
from .skor import Sub, fraksi, hitung


def proyeksi(rencana, today):
    """(settings, Proyeksi, subs by id, links by indikator id) of one plan."""
    settings = lke_of(rencana)
    kerangka = settings.kerangka
    subs = list(kerangka.sub.select_related("area").order_by("urutan"))
    ambang = {}
    for row in Ambang.objects.filter(kerangka=kerangka):
        ambang.setdefault(row.predikat, {})[row.syarat] = row.batas
    links = {}
    for indikator_id, sub_id in Tautan.objects.filter(
        indikator__komponen__area__rencana=rencana, dikonfirmasi=True
    ).values_list("indikator_id", "sub_id"):
        links.setdefault(sub_id, []).append(indikator_id)
    answers = {
        a.sub_id: a
        for a in Jawaban.objects.filter(rencana=rencana).prefetch_related(
            Prefetch(
                "bukti", queryset=Unggahan.objects.select_related("slot"), to_attr="bukti_list"
            )
        )
    }
    facts = plan_facts([rencana], today)
    by_id = {i.pk: i for i in facts.indikator}
    laju_angka = indikator_rollup(facts.indikator)["tepat_waktu"]
    laju = (
        Decimal(laju_angka.pembilang) / laju_angka.penyebut if laju_angka.penyebut else Decimal(0)
    )
    rows = []
    for sub in subs:
        answer = answers.get(sub.pk)
        linked = [by_id[i] for i in links.get(sub.pk, []) if i in by_id]
        slots = [s for i in linked for s in i.slots]
        row = Sub(
            pk=sub.pk,
            nama=sub.nama,
            bobot=sub.bobot,
            jenis=sub.jenis,
            area=sub.area.nama if sub.area else "",
            kelompok=sub.kelompok,
            kode=sub.kode,
            fraksi_tim=None if answer is None else fraksi(sub.skala, answer.jawaban, answer.angka),
            slot=len(slots),
            terverifikasi=sum(s.terverifikasi for s in slots),
            belum_jatuh_tempo=sum(not s.terverifikasi and not s.lewat_tempo(today) for s in slots),
            indikator=linked,
            nilai_tpi=None if answer is None else answer.nilai_tpi,
        )
        row.model = sub
        row.jawaban = answer
        row.terbuka = [s for s in slots if not s.terverifikasi]
        rows.append(row)
    result = hitung(kerangka.nama, rows, ambang, laju, kerangka.kelompok_hasil, settings.sudah_wbk)
    return settings, result


def tautan_rows(rencana):
    """The plan's indikator (with komponen and area) and their links, for the links page."""
    indikator = list(
        Indikator.objects.filter(komponen__area__rencana=rencana)
        .select_related("komponen__area")
        .prefetch_related(
            Prefetch("tautan_lke", queryset=Tautan.objects.all(), to_attr="tautan_list")
        )
        .order_by("komponen__area__urutan", "komponen__urutan", "urutan")
    )
    return indikator


def subs_of(kerangka):
    return list(
        SubKomponen.objects.filter(kerangka=kerangka).select_related("area").order_by("urutan")
    )


def terverifikasi(rencana):
    """The plan's verified versions, newest first, with their slot: what an answer or a
    readiness item may cite as its evidence."""
    return (
        Unggahan.objects.filter(
            slot__indikator__komponen__area__rencana=rencana,
            status=Unggahan.Status.TERVERIFIKASI,
        )
        .select_related("slot")
        .order_by("-diunggah")
    )
