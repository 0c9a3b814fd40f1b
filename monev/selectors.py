"""Reads for the dashboards, each with a fixed number of queries whatever the plan's size:
indikator (with their langkah aksi counts), bukti fisik, and stored slots, one query each."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from bukti_fisik.models import Slot
from bukti_fisik.selectors import merge_slots
from inti.ekspresi import Banyaknya
from rencana_aksi import prepared
from rencana_aksi.forms import QueryForm, id_field
from rencana_aksi.jadwal import Jadwal, periods_of
from rencana_aksi.models import BuktiFisik, Indikator, LangkahAksi, RencanaAksi, Riwayat, Satker
from rencana_aksi.permissions import rencana_read_by

from .progress import (
    Bulanan,
    Kosong,
    SlotFact,
    Tally,
    indikator_progress,
    indikator_rollup,
    kedudukan,
    periode_months,
    plan_rollup,
)

SLOT_STATUSES = [(value, label) for value, label in Slot.Status.choices]


class FilterForm(QueryForm):
    area = id_field()
    pic = forms.CharField(required=False, max_length=12)
    status = forms.ChoiceField(required=False, choices=[("", ""), *SLOT_STATUSES])
    periode = forms.CharField(required=False, max_length=3)


@dataclass(frozen=True)
class Filter:
    """The dashboard's filters, as kept in the URL."""

    area: int | None = None
    pic: str = ""  # a user id, "tanpa" (no PIC), or "" (all)
    status: str = ""
    periode: str = ""

    @classmethod
    def from_query(cls, query):
        values = FilterForm.values(query)
        pic = values["pic"]
        return cls(
            area=values["area"],
            pic=pic
            if (pic.isascii() and pic.isdigit() and len(pic) < 10) or pic == "tanpa"
            else "",
            status=values["status"],
            periode=values["periode"] if periode_months(values["periode"]) else "",
        )

    def query(self, **extra):
        """URL query of these filters (empty ones left out), plus `extra`."""
        return _filter_query(self, tuple(extra.items()))

    @property
    def key(self):
        return f"{self.area}|{self.pic}|{self.status}|{self.periode}"

    def keeps_indikator(self, indikator):
        if self.area and indikator.komponen.area_id != self.area:
            return False
        if self.pic == "tanpa":
            return indikator.pic_id is None
        return not self.pic or str(indikator.pic_id) == self.pic

    @cached_property
    def months(self):
        return periode_months(self.periode)

    @property
    def per_slot(self):
        """Whether it leaves out some slots (by status or period), not only indikator."""
        return bool(self.status or self.months)

    def keeps_slot(self, fact):
        if self.status and fact.status != self.status:
            return False
        return self.months is None or fact.jatuh_tempo.month in self.months


@lru_cache(maxsize=4096)
def _filter_query(filtr, extra):
    """Filter.query, remembered: a dashboard writes some 150 links from a handful of filters."""
    values = {
        "area": filtr.area or "",
        "pic": filtr.pic,
        "status": filtr.status,
        "periode": filtr.periode,
        **dict(extra),
    }
    return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _count(model_qs):
    return Banyaknya(model_qs.order_by().values("pk"))


@dataclass(eq=False)
class AreaRow:
    """An area as the dashboards read it (a plain row, not a model instance)."""

    pk: int
    rencana_id: int
    nomor: str
    nama: str
    urutan: int


@dataclass(eq=False)
class KomponenRow:
    area: AreaRow

    @property
    def area_id(self):
        return self.area.pk


@dataclass(eq=False)
class PicRow:
    """A PIC, named as User.__str__ names a person."""

    pk: int
    nama: str

    def __str__(self):
        return self.nama


@dataclass(eq=False)
class TargetRow:
    jadwal: Jadwal


@dataclass(eq=False)
class IndikatorRow:
    """An indikator as the dashboards read it: the fields they show, its area, PIC and
    schedule, and its langkah aksi counts."""

    pk: int
    nomor: str
    nama: str
    bobot: object
    pic: PicRow | None
    komponen: KomponenRow
    target_waktu: TargetRow | None
    langkah_total: int
    langkah_selesai: int
    bukti_total: int

    @property
    def pic_id(self):
        return None if self.pic is None else self.pic.pk


INDIKATOR_FIELDS = (
    "pk",
    "nomor",
    "nama",
    "bobot_teks",
    "pic_id",
    "pic__username",
    "pic__first_name",
    "pic__last_name",
    "komponen__area_id",
    "komponen__area__rencana_id",
    "komponen__area__nomor",
    "komponen__area__nama",
    "komponen__area__urutan",
    "target_waktu__jenis",
    "bulan_teks",
    "target_waktu__bawaan",
    "peringatan_teks",
    "langkah_total",
    "langkah_selesai",
    "bukti_total",
)


def _indikator_query(rencana_ids):
    langkah = LangkahAksi.objects.filter(indikator=OuterRef("pk"))
    return (
        Indikator.objects.filter(komponen__area__rencana__in=rencana_ids)
        .annotate(
            langkah_total=_count(langkah),
            langkah_selesai=_count(langkah.filter(status=LangkahAksi.Status.SELESAI)),
            bukti_total=_count(BuktiFisik.objects.filter(indikator=OuterRef("pk"))),
            # Read as text and decoded here, once per distinct value.
            bobot_teks=Cast("bobot", CharField()),
            bulan_teks=Cast("target_waktu__bulan", CharField()),
            peringatan_teks=Cast("target_waktu__peringatan", CharField()),
        )
        .order_by(
            "komponen__area__rencana_id", "komponen__area__urutan", "komponen__urutan", "urutan"
        )
        .values_list(*INDIKATOR_FIELDS)
    )


BOBOT_EXP = Decimal(10) ** -Indikator._meta.get_field("bobot").decimal_places


def _indikator_rows(rencana_ids):
    """The plans' indikator as plain rows in plan order: one query, and no model instances
    (building some 1,500 of them was most of an uncached dashboard's time)."""
    areas, pics, komponen, targets, result = {}, {}, {}, {}, []
    for row in prepared.rows(_indikator_query, list(rencana_ids)):
        (
            pk,
            nomor,
            nama,
            bobot,
            pic_id,
            username,
            first,
            last,
            area_id,
            rencana_id,
            area_nomor,
            area_nama,
            area_urutan,
            jenis,
            bulan,
            bawaan,
            peringatan,
            total,
            done,
            bukti_total,
        ) = row
        place = komponen.get(area_id)
        if place is None:
            area = areas[area_id] = AreaRow(area_id, rencana_id, area_nomor, area_nama, area_urutan)
            place = komponen[area_id] = KomponenRow(area)
        pic = None
        if pic_id is not None:
            pic = pics.get(pic_id)
            if pic is None:
                pic = pics[pic_id] = PicRow(pic_id, f"{first} {last}".strip() or username)
        target = None
        if jenis is not None:
            key = (jenis, bulan, bool(bawaan), peringatan)
            target = targets.get(key)
            if target is None:
                target = targets[key] = TargetRow(
                    Jadwal(
                        jenis,
                        tuple(json.loads(bulan) or ()) if bulan else (),
                        bool(bawaan),
                        tuple(json.loads(peringatan) or ()) if peringatan else (),
                    )
                )
        if bobot is not None:
            bobot = Decimal(bobot).quantize(BOBOT_EXP)
        result.append(
            IndikatorRow(pk, nomor, nama, bobot, pic, place, target, total, done, bukti_total)
        )
    return result


@dataclass
class PlanFacts:
    """The indikator of one or more plans, each with `.slots` (SlotFact) and `.progres`."""

    indikator: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    pics: list = field(default_factory=list)  # every PIC of the plans, whatever the filter
    bulanan: dict = field(default_factory=dict)  # plan id: Bulanan (plan_counts only)


def plan_facts(rencana_list, today, filtr=Filter()):
    """Indikator and slots of these plans under `filtr`, with per-indikator progress."""
    tahun = {r.pk: r.tahun for r in rencana_list}
    # Each office's own "segera" window (plans come with their satker).
    hari = {r.pk: r.satker.pengingat_hari for r in rencana_list}
    ids = list(tahun)
    indikator_all = _indikator_rows(ids)
    hari_of = {i.pk: hari[i.komponen.area.rencana_id] for i in indikator_all}
    bukti_of, names = {}, {}
    for pk, indikator_id, nama in (
        BuktiFisik.objects.filter(indikator__komponen__area__rencana__in=ids)
        .values_list("pk", "indikator_id", "nama")
        .order_by("indikator_id", "urutan")
    ):
        bukti_of.setdefault(indikator_id, []).append(pk)
        names[pk] = nama
    stored_of = {}
    for row in Slot.objects.filter(indikator__komponen__area__rencana__in=ids).values_list(
        "pk",
        "bukti_fisik_id",
        "indikator_id",
        "kode",
        "label",
        "jatuh_tempo",
        "status",
        "ada_bukti",
        "diterima",
    ):
        pk, bukti_id, indikator_id, kode, label, due, status, ada, diterima = row
        stored_of.setdefault(indikator_id, []).append(
            SlotFact(
                indikator_id,
                kode,
                label,
                due,
                status,
                ada,
                bukti_id,
                names.get(bukti_id, ""),
                pk,
                segera_hari=hari_of[indikator_id],
                diterima=diterima,
            )
        )

    def fill(indikator, area):
        def empty(bukti_id, p):
            return SlotFact(
                indikator.pk,
                p.kode,
                p.label,
                p.jatuh_tempo,
                bukti_fisik_id=bukti_id,
                bukti_nama=names.get(bukti_id, ""),
                segera_hari=hari_of[indikator.pk],
            )

        slots = merge_slots(
            periods_of(indikator, tahun[area.rencana_id]),
            bukti_of.get(indikator.pk, []),
            stored_of.get(indikator.pk, []),
            empty,
        )
        indikator.slots = [s for s in slots if filtr.keeps_slot(s)] if filtr.per_slot else slots
        indikator.progres = indikator_progress(
            indikator.slots, indikator.langkah_total, indikator.langkah_selesai, today
        )

    return _kept(indikator_all, filtr, fill)


def _slot_query(rencana_ids, status):
    """The stored slots of these plans counted per indikator and period (see _slot_counts)."""
    verified = Q(status=Slot.Status.TERVERIFIKASI)
    on_time = verified & Q(diterima__lte=F("jatuh_tempo"))  # SlotFact.diterima_tepat
    held = Q(ada_bukti=True)
    n = Count("pk")
    if status:
        kept = Q(status=status)
        verified, on_time, held = kept & verified, kept & on_time, kept & held
        n = Count("pk", filter=kept)
    return (
        Slot.objects.filter(indikator__komponen__area__rencana__in=rencana_ids)
        .order_by()
        .values_list("indikator_id", "kode", Cast("jatuh_tempo", CharField()))
        .annotate(
            semua=Count("pk"),
            n=n,
            terkumpul=Count("pk", filter=held),
            terverifikasi=Count("pk", filter=verified),
            tepat=Count("pk", filter=on_time),
        )
    )


def _slot_counts(rencana_ids, status):
    """Stored slots counted per indikator and period, in SQL: rows of (indikator id, period
    code, due date as ISO text, all slots, then of those with `status` (any when ""): how
    many, how many hold evidence, are verified, were verified on time). The caller decodes
    each distinct date once (plan_counts)."""
    return prepared.rows(_slot_query, list(rencana_ids), status)


def plan_counts(rencana_list, today, filtr=Filter()):
    """What plan_facts gives, counted instead of listed: each indikator with `.progres`, and
    `bulanan` per plan (Bulanan), from two queries. The stored slots come counted per
    indikator and period from the database, straight into each indikator's Tally; the
    schedule's periods then add the bukti fisik that have no stored slot yet. The dashboard,
    the roll-ups and the snapshots read this; the drill-down lists, which name each slot, read
    plan_facts (a test holds both to the same numbers under every filter)."""
    tahun = {r.pk: r.tahun for r in rencana_list}
    hari = {r.pk: r.satker.pengingat_hari for r in rencana_list}
    indikator_all = _indikator_rows(list(tahun))
    facts = _kept(indikator_all, filtr, lambda indikator, area: None)
    tallies = {i.pk: Tally(today) for i in facts.indikator}
    bulanan = {pk: Bulanan(year) for pk, year in tahun.items()}
    plan_of = {i.pk: i.komponen.area.rencana_id for i in facts.indikator}
    months = filtr.months
    stored = {}  # indikator id: {period code: stored slots, whatever the status filter}
    # The monthly chart, per plan: {due date: [slots, verified]}, added to Bulanan at the end.
    per_due = {pk: defaultdict(lambda: [0, 0]) for pk in tahun}
    # (due date as ISO text, plan id): (the date, where it stands today), each worked out once.
    places = {}
    for indikator_id, kode, due, semua, n, terkumpul, verified, tepat in _slot_counts(
        tahun, filtr.status
    ):
        tally = tallies.get(indikator_id)
        if tally is None:
            continue
        codes = stored.setdefault(indikator_id, {})
        codes[kode] = codes.get(kode, 0) + semua
        if not n:
            continue
        rencana_id = plan_of[indikator_id]
        place = places.get((due, rencana_id))
        if place is None:
            day = date.fromisoformat(due)
            place = places[(due, rencana_id)] = (day, kedudukan(day, today, hari[rencana_id]))
        due, kind = place
        if months and due.month not in months:
            continue
        tally.add_di(kind, due, n, terkumpul, verified, tepat)
        chart = per_due[rencana_id][due]
        chart[0] += n
        chart[1] += verified
    # The schedule's slots not stored yet are empty (belum ada): every bukti fisik owes one
    # slot per period, and a stored one takes an empty one's place (one whose period the
    # schedule no longer has was counted above besides). Worked out once per schedule.
    empty_kept = filtr.status in ("", Slot.Status.BELUM_ADA)
    kosong, shares = {}, {}  # (schedule, plan): Kosong; and its bukti fisik in all
    for indikator in facts.indikator:
        tally = tallies[indikator.pk]
        rencana_id = plan_of[indikator.pk]
        if empty_kept and indikator.bukti_total:
            key = (indikator.target_waktu, rencana_id)
            empty = kosong.get(key)
            if empty is None:
                periode = periods_of(indikator, tahun[rencana_id])
                empty = kosong[key] = Kosong.of(periode, today, hari[rencana_id], months)
            tally.add_kosong(
                empty, indikator.bukti_total, stored.get(indikator.pk, {}), per_due[rencana_id]
            )
            shares[key] = shares.get(key, 0) + indikator.bukti_total
        indikator.progres = tally.progres(indikator.langkah_total, indikator.langkah_selesai)
    for key, bukti in shares.items():
        for due, count in kosong[key].per_due:
            per_due[key[1]][due][0] += count * bukti
    for rencana_id, chart in per_due.items():
        for due, (n, verified) in chart.items():
            bulanan[rencana_id].add(due, n, verified)
    facts.bulanan = bulanan
    return facts


def _kept(indikator_all, filtr, fill):
    """PlanFacts of the indikator rows `filtr` keeps, each completed by `fill(indikator,
    area)`; the areas and PICs of the plans whatever the filter (the filter's choices)."""
    facts = PlanFacts()
    seen_areas = {}
    for indikator in indikator_all:
        area = indikator.komponen.area
        seen_areas.setdefault(area.pk, area)
        if filtr.keeps_indikator(indikator):
            fill(indikator, area)
            facts.indikator.append(indikator)
    facts.areas = list(seen_areas.values())
    facts.pics = sorted({i.pic.pk: i.pic for i in indikator_all if i.pic}.values(), key=str)
    return facts


def by_rencana(facts):
    """The indikator of PlanFacts grouped by plan id."""
    groups = {}
    for indikator in facts.indikator:
        groups.setdefault(indikator.komponen.area.rencana_id, []).append(indikator)
    return groups


def rollup_rows(satker, tahun, today):
    """One row per office below `satker`: the office, its depth below `satker`, its plan of
    `tahun` (or None) and that plan's progress."""
    below = list(
        Satker.objects.filter(path__startswith=satker.path).exclude(pk=satker.pk).order_by("path")
    )
    plans = {
        plan.satker_id: plan
        for plan in with_versi(
            RencanaAksi.objects.berlaku().filter(satker__in=below, tahun=tahun)
        ).select_related("satker")
    }
    progres = plan_progress(list(plans.values()), today)
    rows = []
    for office in below:
        plan = plans.get(office.pk)
        rows.append(
            {
                "satker": office,
                "tingkat": office.path.count("/") - satker.path.count("/"),
                "rencana": plan,
                "progres": progres[plan.pk] if plan else None,
            }
        )
    return rows


def with_versi(plans):
    """Plans annotated with `versi`: their latest history row, which changes whenever anything
    that moves their numbers changes. It keys the cached figures."""
    latest = Riwayat.objects.filter(rencana=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    return plans.annotate(versi=Subquery(latest))


def _plan_of_reader(ids):
    user_id, pk = ids
    return with_versi(rencana_read_by(user_id)).select_related("satker").filter(pk=pk)


def plan_read_by(user, pk):
    """Plan `pk` with its satker and `versi` (with_versi) if `user` (signed in) reads it, else
    None. Every dashboard request asks this; compiled once (rencana_aksi.prepared), it no
    longer costs as much as the database's answer ten times over."""
    found = prepared.objects(_plan_of_reader, [user.pk, pk])
    return found[0] if found else None


# Figures of a plan that has not changed are kept for the day (their key names it); a change
# makes new ones.
PROGRES_TTL = 24 * 3600
PROGRES_FORM = 3  # Progres and Angka keep their fields in slots (no __dict__)


def progress_key(plan, today):
    """Where a plan's figures of `today` are cached (the plan annotated by with_versi)."""
    # PROGRES_FORM names the shape of the stored Progres: figures kept by an older release
    # are not read back into a newer one.
    hari = plan.satker.pengingat_hari
    return f"progres:{PROGRES_FORM}:{plan.pk}:{plan.versi}:{today.isoformat()}:{hari}"


def plan_progress(plans, today):
    """{plan id: its progress} for plans annotated by with_versi: from the cache for each plan
    unchanged since its figures were computed, and in one pass for the rest. A roll-up of 600
    offices recomputes only the plans that moved since it was last opened."""
    keys = {p.pk: progress_key(p, today) for p in plans}
    found = cache.get_many(list(keys.values()))
    result = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [p for p in plans if p.pk not in result]
    if missing:
        groups = by_rencana(plan_counts(missing, today))
        fresh = {p.pk: indikator_rollup(groups.get(p.pk, [])) for p in missing}
        cache.set_many({keys[pk]: value for pk, value in fresh.items()}, PROGRES_TTL)
        result.update(fresh)
    return result


def dashboard(rencana, today, filtr):
    """Everything the plan dashboard shows, from one plan_counts."""
    facts = plan_counts([rencana], today, filtr)
    by_area = {}
    for indikator in facts.indikator:
        by_area.setdefault(indikator.komponen.area_id, []).append(indikator)
    areas = []
    for area in facts.areas:
        items = by_area.get(area.pk, [])
        if filtr.area and area.pk != filtr.area:
            continue
        area.progres = indikator_rollup(items)
        area.jumlah_indikator = len(items)
        areas.append(area)
    pics = {}
    for indikator in facts.indikator:
        key = indikator.pic_id or "tanpa"
        row = pics.setdefault(
            key,
            {"pic": indikator.pic, "kunci": key, "slot": 0, "terverifikasi": 0, "terlambat": 0},
        )
        progres = indikator.progres
        row["slot"] += progres.jumlah_slot
        row["terverifikasi"] += progres.bagian("terverifikasi")[0]
        row["terlambat"] += progres.terlambat
    late = [i for i in facts.indikator if i.progres.terlambat]
    soon = [i for i in facts.indikator if i.progres.segera]
    return {
        "progres": plan_rollup(
            [area.progres for area in areas if area.jumlah_indikator], facts.indikator
        ),
        "areas": areas,
        "area_choices": facts.areas,
        "pic_choices": facts.pics,
        "bulanan": facts.bulanan[rencana.pk].rows(),
        "pic_rows": sorted(pics.values(), key=lambda r: (r["pic"] is None, str(r["pic"]))),
        "terlambat": sorted(late, key=lambda i: -i.progres.terlambat),
        "segera": sorted(soon, key=lambda i: i.progres.segera_pertama),
        "jumlah_indikator": len(facts.indikator),
        "indikator": facts.indikator,
    }


# Drill-down lists: what each figure counts.
SLOT_LISTS = {
    "semua": ("Semua slot bukti", lambda s, today: True),
    "terkumpul": ("Slot dengan bukti terkumpul", lambda s, today: s.ada_bukti),
    "terverifikasi": ("Slot terverifikasi", lambda s, today: s.terverifikasi),
    "jatuh_tempo": ("Slot yang jatuh temponya sudah lewat", lambda s, today: s.lewat_tempo(today)),
    "jatuh_tempo_terverifikasi": (
        "Slot jatuh tempo yang terverifikasi",
        lambda s, today: s.lewat_tempo(today) and s.terverifikasi,
    ),
    "tepat_waktu": (
        "Slot yang buktinya diterima tepat waktu (diunggah paling lambat pada jatuh tempo)",
        lambda s, today: s.tepat_waktu(today),
    ),
    "terlambat": (
        "Slot terlambat (jatuh tempo lewat, belum ada bukti yang menunggu atau terverifikasi)",
        lambda s, today: s.terlambat(today),
    ),
    "segera": (
        "Slot yang segera jatuh tempo (belum ada bukti yang menunggu atau terverifikasi)",
        lambda s, today: s.segera(today),
    ),
}
LANGKAH_LISTS = {
    "langkah": ("Semua langkah aksi", Q()),
    "langkah_selesai": ("Langkah aksi selesai", Q(status=LangkahAksi.Status.SELESAI)),
}


def drilldown(rencana, today, filtr, jenis):
    """(title, rows) behind one figure: slots (indikator, bukti, period) or langkah aksi."""
    facts = plan_facts([rencana], today, filtr)
    if jenis in LANGKAH_LISTS:
        title, condition = LANGKAH_LISTS[jenis]
        by_id = {i.pk: i for i in facts.indikator}
        rows = list(
            LangkahAksi.objects.filter(condition, indikator_id__in=by_id).order_by(
                "indikator__komponen__area__urutan",
                "indikator__komponen__urutan",
                "indikator__urutan",
                "urutan",
            )
        )
        for langkah in rows:
            langkah.indikator_row = by_id[langkah.indikator_id]
        return title, "langkah", rows
    title, keep = SLOT_LISTS[jenis]
    rows = []
    for indikator in facts.indikator:
        for slot in indikator.slots:
            if keep(slot, today):
                slot.indikator = indikator
                rows.append(slot)
    rows.sort(key=lambda s: (s.jatuh_tempo, s.indikator.komponen.area.urutan))
    return title, "slot", rows
