"""Reads for the evidence pages, each with a fixed number of queries whatever the plan's size."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q

from rencana_aksi.jadwal import NANTI, TERLAMBAT, periods_of
from rencana_aksi.models import Area, Indikator, LangkahAksi, Membership, RencanaAksi, Riwayat, Role
from rencana_aksi.selectors import indikator_detail

from .models import Arahan, Kendala, Slot, Unggahan, slot_desakan
from .permissions import unggahan_reviewable_by


def merge_slots(periode, bukti_ids, stored, empty):
    """The slots of one indikator: for each current period and each bukti fisik its stored
    slot or `empty(bukti_id, periode)`, then the stored slots whose period the schedule no
    longer has (they hold evidence and are kept, marked `di_luar_jadwal`). `stored` items have
    `bukti_fisik_id` and `kode`."""
    by_key = {(slot.bukti_fisik_id, slot.kode): slot for slot in stored}
    result = []
    for p in periode:
        for bukti_id in bukti_ids:
            slot = by_key.pop((bukti_id, p.kode), None) or empty(bukti_id, p)
            slot.di_luar_jadwal = False
            result.append(slot)
    for slot in by_key.values():
        slot.di_luar_jadwal = True
        result.append(slot)
    return result


def slots_of(indikator, tahun, rows):
    """The slots of one indikator as Slot objects (unsaved where still empty), also set on
    each of its bukti fisik as `.slots` in date order."""
    periode = periods_of(indikator, tahun)
    bukti_list = list(indikator.bukti_fisik.all())
    by_id = {bukti.pk: bukti for bukti in bukti_list}

    def empty(bukti_id, p):
        return Slot(
            bukti_fisik=by_id[bukti_id],
            indikator=indikator,
            kode=p.kode,
            label=p.label,
            mulai=p.mulai,
            jatuh_tempo=p.jatuh_tempo,
        )

    stored = [slot for bukti in bukti_list for slot in rows.get(bukti.pk, ())]
    result = merge_slots(periode, list(by_id), stored, empty)
    for bukti in bukti_list:
        bukti.slots = sorted(
            (s for s in result if s.bukti_fisik_id == bukti.pk),
            key=lambda s: (s.mulai, s.jatuh_tempo),
        )
    return [slot for bukti in bukti_list for slot in bukti.slots]


def slot_rows(indikator_ids, *, with_versions=False):
    """Stored slots of these indikator grouped by bukti fisik id (one or two queries)."""
    qs = Slot.objects.filter(indikator_id__in=indikator_ids)
    if with_versions:
        qs = qs.prefetch_related(
            Prefetch(
                "unggahan",
                queryset=Unggahan.objects.select_related("diunggah_oleh", "ditinjau_oleh").order_by(
                    "-versi"
                ),
            )
        )
    rows = {}
    for slot in qs:
        rows.setdefault(slot.bukti_fisik_id, []).append(slot)
    return rows


TIMELINE_LIMIT = 300


def indikator_evidence(indikator_qs, pk):
    """One indikator with its steps, bukti fisik (each with `.slots` and their versions), the
    kendala log and the history timeline."""
    indikator = indikator_detail(indikator_qs, pk)
    rows = slot_rows([indikator.pk], with_versions=True)
    indikator.slots = slots_of(indikator, indikator.komponen.area.rencana.tahun, rows)
    indikator.kendala_list = list(
        Kendala.objects.filter(indikator=indikator).select_related("penulis")
    )
    indikator.timeline = list(
        Riwayat.objects.filter(indikator=indikator).select_related("pelaku")[:TIMELINE_LIMIT]
    )
    indikator.arahan_list = arahan_of(
        Q(indikator=indikator) | Q(area_id=indikator.komponen.area_id)
    )
    return indikator


def arahan_of(condition, limit=50):
    """Arahan matching `condition`, newest first, with their authors (one query)."""
    return list(
        Arahan.objects.filter(condition)
        .select_related("penulis", "area", "indikator")
        .order_by("-dibuat", "-id")[:limit]
    )


def review_queue_for(user, page=1, per_page=50):
    """Versions waiting for this user's decision (unggahan_reviewable_by), oldest first."""
    qs = (
        unggahan_reviewable_by(user)
        .select_related(
            "diunggah_oleh",
            "slot__bukti_fisik",
            "slot__indikator__komponen__area__rencana__satker",
        )
        .order_by("diunggah", "pk")
    )
    return Paginator(qs, per_page).get_page(page)


@dataclass
class Keadaan:
    """The evidence state of one indikator, for its row on the plan page."""

    indikator_id: int
    slot: int = 0
    terverifikasi: int = 0
    menunggu: int = 0
    perbaikan: int = 0
    terlambat: int = 0


def rencana_keadaan(rencana, today, area=None):
    """Per indikator of the plan (or of one of its areas), how many of its slots are verified,
    waiting, sent back and late (slot_desakan): three queries whatever the plan's size."""
    qs = Indikator.objects.filter(komponen__area__rencana=rencana)
    if area:
        qs = qs.filter(komponen__area_id=area)
    indikator_list = list(qs.select_related("target_waktu").prefetch_related("bukti_fisik"))
    hari = rencana.satker.pengingat_hari
    rows = slot_rows([i.pk for i in indikator_list])
    result = []
    for indikator in indikator_list:
        keadaan = Keadaan(indikator.pk)
        for slot in slots_of(indikator, rencana.tahun, rows):
            keadaan.slot += 1
            keadaan.terverifikasi += slot.status == Slot.Status.TERVERIFIKASI
            keadaan.menunggu += slot.status == Slot.Status.MENUNGGU
            keadaan.perbaikan += slot.status == Slot.Status.PERLU_PERBAIKAN
            keadaan.terlambat += slot_desakan(slot, today, hari) == TERLAMBAT
        result.append(keadaan)
    return result


@dataclass
class Tugas:
    """What is one member's to do now, soonest due first."""

    slots: list = field(default_factory=list)  # due or late, without accepted evidence
    nanti: int = 0  # slots of theirs due later
    diperbaiki: list = field(default_factory=list)  # versions sent back, not yet replaced
    tinjauan: int = 0  # versions waiting for this user's decision
    langkah: list = field(default_factory=list)  # (indikator, steps not done)
    areas: list = field(default_factory=list)


def tugas_for(user, today):
    """A member's tasks over the plans in force: the indikator of the areas assigned to them
    (Koordinator, Anggota) and those they are PIC of; slots due or due soon (the office's
    window) still waiting for an upload or sent back; their uploads sent back for repair;
    reviews waiting for them; langkah aksi not done. A fixed number of queries."""
    memberships = Membership.objects.filter(user=user, role__in=[Role.KOORDINATOR, Role.ANGGOTA])
    areas = list(
        Area.objects.filter(
            penugasan__in=memberships, rencana__in=RencanaAksi.objects.berlaku()
        ).distinct()
    )
    indikator_list = list(
        Indikator.objects.filter(
            Q(komponen__area__in=areas) | Q(pic=user),
            komponen__area__rencana__in=RencanaAksi.objects.berlaku(),
        )
        .distinct()
        .select_related("target_waktu", "komponen__area__rencana__satker")
        .prefetch_related("bukti_fisik", "langkah_aksi")
        .order_by(
            "komponen__area__rencana_id", "komponen__area__urutan", "komponen__urutan", "urutan"
        )
    )
    tugas = Tugas(areas=areas)
    rows = slot_rows([i.pk for i in indikator_list])
    for indikator in indikator_list:
        rencana = indikator.komponen.area.rencana
        for slot in slots_of(indikator, rencana.tahun, rows):
            desakan = slot_desakan(slot, today, rencana.satker.pengingat_hari)
            if desakan == NANTI:
                tugas.nanti += 1
            elif desakan:
                slot.terlambat = desakan == TERLAMBAT
                slot.indikator_row = indikator
                tugas.slots.append(slot)
        open_steps = [
            step
            for step in indikator.langkah_aksi.all()
            if step.status != LangkahAksi.Status.SELESAI
        ]
        if open_steps:
            tugas.langkah.append((indikator, len(open_steps)))
    tugas.slots.sort(key=lambda s: (s.jatuh_tempo, s.bukti_fisik_id))
    tugas.diperbaiki = list(
        Unggahan.objects.filter(
            diunggah_oleh=user, status=Unggahan.Status.PERLU_PERBAIKAN, diganti=False
        )
        .select_related("slot__bukti_fisik", "ditinjau_oleh")
        .order_by("slot__jatuh_tempo")
    )
    tugas.tinjauan = unggahan_reviewable_by(user).count()
    return tugas
