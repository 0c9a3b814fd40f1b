"""The four progress numbers of design.md §8, computed from plain facts (no database here).

Per indikator:
1. bukti terkumpul     = slots with an upload not sent back / all slots of the year
2. bukti terverifikasi = verified slots / all slots
3. terverifikasi dari yang jatuh tempo
                       = verified slots whose due date has passed / slots whose due date has passed
4. tepat waktu         = slots due whose accepted upload came by the due date / slots due
5. langkah selesai     = langkah aksi selesai / all langkah aksi

A group (area, plan, office) where no indikator has a bobot takes the pooled ratio: the sum of
the numerators over the sum of the denominators, so the percentage is exactly the "x dari y"
written under it. Where any bobot is set, it takes the mean of its indikator's ratios weighted
by bobot (1 where unset), leaving out a ratio with nothing to divide by, and says so
(`Angka.cara`). A parent office pools its offices the same way, or takes their plain mean when
any of them is weighted.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from bukti_fisik.models import Slot
from rencana_aksi.jadwal import (
    BULAN,
    LEWAT,
    SEGERA,
    SEGERA_HARI,
    TERLAMBAT,
    desakan,
    kedudukan,
    lewat_tempo,
)

METRICS = ("terkumpul", "terverifikasi", "jatuh_tempo_terverifikasi", "tepat_waktu", "langkah")
METRIC_LABELS = {
    "terkumpul": "Bukti terkumpul",
    "terverifikasi": "Bukti terverifikasi",
    "jatuh_tempo_terverifikasi": "Terverifikasi dari yang jatuh tempo",
    "tepat_waktu": "Tepat waktu",
    "langkah": "Langkah aksi selesai",
}

# How a group's percentage was formed from its parts (Angka.cara).
GABUNGAN = "gabungan"  # pooled: sum of numerators / sum of denominators
BERBOBOT = "berbobot"  # mean of the indikator's ratios weighted by bobot
RATA_RATA = "rata-rata"  # plain mean of the offices' percentages


@dataclass
class SlotFact:
    """One slot of the year, stored (`slot_id`) or still empty."""

    indikator_id: int
    kode: str
    label: str
    jatuh_tempo: date
    status: str = Slot.Status.BELUM_ADA
    ada_bukti: bool = False
    bukti_fisik_id: int | None = None
    bukti_nama: str = ""
    slot_id: int | None = None
    di_luar_jadwal: bool = False
    segera_hari: int = SEGERA_HARI  # the office's "segera" window
    # Local date of the earliest verified current version, or None.
    diterima: date | None = None

    @property
    def terverifikasi(self):
        return self.status == Slot.Status.TERVERIFIKASI

    def lewat_tempo(self, today):
        """Its due date has passed."""
        return lewat_tempo(self.jatuh_tempo, today)

    @property
    def diterima_tepat(self):
        """Verified, and its accepted upload came by the due date (the SQL count of
        selectors._slot_query says the same)."""
        return (
            self.terverifikasi and self.diterima is not None and self.diterima <= self.jatuh_tempo
        )

    def tepat_waktu(self, today):
        """Due, verified, and its accepted upload came by the due date."""
        return self.lewat_tempo(today) and self.diterima_tepat

    def terlambat(self, today):
        """Late by the one rule (jadwal.desakan): due, and no evidence waiting or verified."""
        return desakan(self.jatuh_tempo, today, self.segera_hari, self.ada_bukti) == TERLAMBAT

    def segera(self, today):
        """Due soon by the one rule (jadwal.desakan)."""
        return desakan(self.jatuh_tempo, today, self.segera_hari, self.ada_bukti) == SEGERA


@dataclass(slots=True)
class Angka:
    """One number: a ratio with its parts, or a weighted mean of ratios with its counts."""

    pembilang: int = 0  # numerator count (slots or langkah)
    penyebut: int = 0  # denominator count
    cara: str = GABUNGAN
    # A mean's parts, when it is not pooled: Σ percentage × bobot and Σ bobot (each part
    # weighing 1 in a plain mean), so that means of groups combine into the mean of all.
    berbobot: Decimal = Decimal(0)
    bobot: Decimal = Decimal(0)

    @property
    def gabungan(self):
        return self.cara == GABUNGAN

    @property
    def persen(self):
        """The percentage: pooled from the counts, or the mean (computed when read: many
        of a dashboard's 1,500 numbers are only summed, never shown)."""
        if self.cara == GABUNGAN:
            return _percent(self.pembilang, self.penyebut)
        return None if self.bobot == 0 else self.berbobot / self.bobot

    @property
    def teks(self):
        return "—" if self.persen is None else f"{self.persen:.0f}%".replace(".", ",")


@dataclass(slots=True)
class Progres:
    """The four numbers of an area, plan or office, plus overdue and soon counts (an
    indikator's are its Tally, read the same way)."""

    angka: dict = field(default_factory=dict)
    terlambat: int = 0
    segera: int = 0
    jumlah_slot: int = 0
    segera_pertama: date | None = None  # the earliest due date among the "segera" slots

    def __getitem__(self, metric):
        return self.angka[metric]

    def bagian(self, metric):
        """(numerator, denominator) of one number."""
        angka = self.angka[metric]
        return angka.pembilang, angka.penyebut

    def persen(self, metric):
        return self.angka[metric].persen

    def semua_bagian(self):
        """Every number's (numerator, denominator), in METRICS order, as one flat tuple."""
        return tuple(part for metric in METRICS for part in self.bagian(metric))

    def semua_persen(self):
        """Every number's percentage, in METRICS order."""
        return tuple(self.angka[metric].persen for metric in METRICS)


@lru_cache(maxsize=8192)
def _percent(num, den):
    # Decimal(num) * 100 / Decimal(den), with one conversion fewer: the same exact value.
    # Remembered: a dashboard asks for some 1,500 percentages, mostly of the same few hundred
    # pairs of counts, and a division of decimals costs more than finding its result.
    return None if den == 0 else Decimal(num * 100) / den


# Each number of a Tally: (numerator field, denominator field).
TALLY_PARTS = {
    "terkumpul": ("terkumpul", "slot"),
    "terverifikasi": ("terverifikasi", "slot"),
    "jatuh_tempo_terverifikasi": ("jatuh_tempo_terverifikasi", "jatuh_tempo"),
    "tepat_waktu": ("tepat_waktu", "jatuh_tempo"),
    "langkah": ("langkah_selesai", "langkah"),
}
# A Tally's numerators and denominators, in METRICS order, read at once.
_TALLY_SEMUA = attrgetter(*(part for metric in METRICS for part in TALLY_PARTS[metric]))


@dataclass(slots=True)
class Tally:
    """The counts behind one indikator's numbers, added one slot or one group at a time: the
    single place that says which slot counts toward what. Once its langkah aksi are counted
    in (`progres`), it is the indikator's progress and reads like a Progres: `tally[metric]`
    is that number's Angka, made when asked (a dashboard keeps 300 of these, and 1,500 kept
    Angka were most of what its garbage collector walked)."""

    today: date
    slot: int = 0
    terkumpul: int = 0
    terverifikasi: int = 0
    jatuh_tempo: int = 0
    jatuh_tempo_terverifikasi: int = 0
    tepat_waktu: int = 0
    terlambat: int = 0
    segera: int = 0
    segera_pertama: date | None = None
    langkah: int = 0
    langkah_selesai: int = 0

    def add(self, jatuh_tempo, segera_hari, n, terkumpul, terverifikasi, tepat):
        """`n` slots due `jatuh_tempo`: `terkumpul` of them hold evidence not sent back,
        `terverifikasi` are verified, `tepat` of those were received by the due date."""
        kind = kedudukan(jatuh_tempo, self.today, segera_hari)
        self.add_di(kind, jatuh_tempo, n, terkumpul, terverifikasi, tepat)

    def add_di(self, kind, jatuh_tempo, n, terkumpul, terverifikasi, tepat):
        """As `add`, where the due date stands (`kind`, kedudukan) being known already."""
        self.slot += n
        self.terkumpul += terkumpul
        self.terverifikasi += terverifikasi
        # Late and due soon are the slots without evidence waiting or verified (desakan).
        if kind == LEWAT:
            self.jatuh_tempo += n
            self.jatuh_tempo_terverifikasi += terverifikasi
            self.tepat_waktu += tepat
            self.terlambat += n - terkumpul
        elif kind == SEGERA and terkumpul < n:
            self.segera += n - terkumpul
            if self.segera_pertama is None or jatuh_tempo < self.segera_pertama:
                self.segera_pertama = jatuh_tempo

    def add_kosong(self, kosong, bukti, stored, chart):
        """The empty slots of an indikator with `bukti` bukti fisik under `kosong` (its
        schedule's periods, one slot per bukti fisik in each), less those `stored` ({period
        code: stored slots}, counted by `add`); `chart` ({due date: [slots, verified]}) takes
        the corrections, its full share being added once per plan (Kosong.per_due)."""
        slot, lewat, soon = kosong.jumlah * bukti, kosong.lewat * bukti, kosong.segera * bukti
        for kode, n in stored.items():
            place = kosong.periode.get(kode)
            if place is None:  # a period the schedule (or the filter) does not have
                continue
            due, kind = place
            taken = min(n, bukti)
            slot -= taken
            if kind == LEWAT:
                lewat -= taken
            elif kind == SEGERA:
                soon -= taken
            chart[due][0] -= taken
        self.slot += slot
        self.jatuh_tempo += lewat
        self.terlambat += lewat
        if soon:
            self.segera += soon
            first = next(due for due, kode in kosong.segera_urut if stored.get(kode, 0) < bukti)
            if self.segera_pertama is None or first < self.segera_pertama:
                self.segera_pertama = first

    def add_slot(self, fact):
        """One slot (SlotFact)."""
        self.add(
            fact.jatuh_tempo,
            fact.segera_hari,
            1,
            int(fact.ada_bukti),
            int(fact.terverifikasi),
            int(fact.diterima_tepat),
        )

    def progres(self, langkah_total, langkah_selesai):
        """This tally with the indikator's langkah aksi counted in: its progress."""
        self.langkah = langkah_total
        self.langkah_selesai = langkah_selesai
        return self

    def __getitem__(self, metric):
        return Angka(*self.bagian(metric))

    def bagian(self, metric):
        """(numerator, denominator) of one number, as Progres.bagian."""
        numerator, denominator = TALLY_PARTS[metric]
        return getattr(self, numerator), getattr(self, denominator)

    def persen(self, metric):
        return _percent(*self.bagian(metric))

    def semua_bagian(self):
        """As Progres.semua_bagian."""
        return _TALLY_SEMUA(self)

    def semua_persen(self):
        parts = _TALLY_SEMUA(self)
        return tuple(_percent(parts[i], parts[i + 1]) for i in range(0, len(parts), 2))

    @property
    def jumlah_slot(self):
        return self.slot


@dataclass(eq=False)
class Kosong:
    """The slots one bukti fisik owes under a schedule while none is stored, as `Tally.add`
    would count them one by one: how many, how many are past due and how many due soon, and
    where each period stands. An indikator's empty slots are then these times its bukti fisik,
    less the stored ones (Tally.add_kosong)."""

    periode: dict  # period code: (due date, LEWAT, SEGERA or NANTI)
    jumlah: int
    lewat: int
    segera: int
    segera_urut: tuple  # (due date, code) of the periods due soon, earliest first
    per_due: tuple  # (due date, periods due then), for the monthly chart

    @classmethod
    def of(cls, periode, today, segera_hari, months=None):
        """Of the periods `periode` (those in `months` when given) on `today`."""
        places, per_due = {}, {}
        for p in periode:
            if months and p.jatuh_tempo.month not in months:
                continue
            places[p.kode] = (p.jatuh_tempo, kedudukan(p.jatuh_tempo, today, segera_hari))
            per_due[p.jatuh_tempo] = per_due.get(p.jatuh_tempo, 0) + 1
        kinds = [kind for _, kind in places.values()]
        return cls(
            places,
            len(places),
            kinds.count(LEWAT),
            kinds.count(SEGERA),
            tuple(sorted((due, kode) for kode, (due, kind) in places.items() if kind == SEGERA)),
            tuple(per_due.items()),
        )


def indikator_progress(slots, langkah_total, langkah_selesai, today):
    """The ratios and counts of one indikator from its slots (SlotFact), one by one."""
    tally = Tally(today)
    for s in slots:
        tally.add_slot(s)
    return tally.progres(langkah_total, langkah_selesai)


def rollup(items, cara=GABUNGAN, parts_weighted=False):
    """(Progres, weight) pairs rolled into one: counts summed; the percentage pooled from them
    (GABUNGAN) or the weighted mean of the parts' percentages (otherwise). With
    `parts_weighted`, the parts are weighted means themselves, combined by their own weights
    (the weight given here is not used): the mean of all the indikator under them."""
    result = Progres(angka={})
    # Column by column: every part's (numerator, denominator) of every number, then, for a
    # weighted mean of percentages, every part's percentages.
    counts = _columns((p.semua_bagian() for p, _ in items), 2 * len(METRICS))
    percentages = None
    if cara != GABUNGAN and not parts_weighted:
        percentages = _columns((p.semua_persen() for p, _ in items), len(METRICS))
    for index, metric in enumerate(METRICS):
        total_weight = weighted = Decimal(0)
        if percentages is not None:
            for (_, weight), persen in zip(items, percentages[index], strict=True):
                if persen is not None:
                    weighted += persen * weight
                    total_weight += weight
        elif parts_weighted:
            for progres, _ in items:
                angka = progres[metric]
                weighted += angka.berbobot
                total_weight += angka.bobot
        result.angka[metric] = Angka(
            sum(counts[2 * index]), sum(counts[2 * index + 1]), cara, weighted, total_weight
        )
    result.terlambat = sum(p.terlambat for p, _ in items)
    result.segera = sum(p.segera for p, _ in items)
    result.segera_pertama = min(
        (p.segera_pertama for p, _ in items if p.segera_pertama), default=None
    )
    result.jumlah_slot = sum(p.jumlah_slot for p, _ in items)
    return result


def _columns(rows, width):
    """The columns of equally long tuples (`width` empty ones when there are none)."""
    return list(zip(*rows, strict=True)) or [()] * width


def indikator_rollup(indikator_list):
    """The progress of a group of indikator: pooled, or where any has a bobot, their mean
    weighted by bobot (1 where unset)."""
    cara = BERBOBOT if any(i.bobot is not None for i in indikator_list) else GABUNGAN
    return rollup([(i.progres, i.bobot or Decimal(1)) for i in indikator_list], cara)


def plan_rollup(area_progres, indikator_list):
    """The progress of a plan (or of its kept indikator) from its areas' indikator_rollup:
    what indikator_rollup(indikator_list) gives, at a tenth of the work. Pooled counts add up;
    a weighted mean combines the areas' weighted sums when every area is weighted, and is
    taken over the indikator again when one is not."""
    if not any(i.bobot is not None for i in indikator_list):
        return rollup([(p, 1) for p in area_progres])
    if all(a.cara == BERBOBOT for p in area_progres for a in p.angka.values()):
        return rollup([(p, 1) for p in area_progres], BERBOBOT, parts_weighted=True)
    return indikator_rollup(indikator_list)


def offices_rollup(progres_list):
    """A parent office's progress: its offices pooled, or their plain mean when any of them
    is weighted (a pooled count would then disagree with the offices' own figures)."""
    weighted = any(not a.gabungan for p in progres_list for a in p.angka.values())
    return rollup([(p, Decimal(1)) for p in progres_list], RATA_RATA if weighted else GABUNGAN)


@dataclass(slots=True)
class Bulanan:
    """Per month of the plan year `tahun`: the slots due that month and how many of them are
    verified, added a slot or a group of alike slots at a time."""

    tahun: int
    due: list = field(default_factory=lambda: [0] * 13)
    verified: list = field(default_factory=lambda: [0] * 13)

    def add(self, jatuh_tempo, n, terverifikasi):
        if jatuh_tempo.year == self.tahun:
            self.due[jatuh_tempo.month] += n
            self.verified[jatuh_tempo.month] += terverifikasi

    def rows(self):
        largest = max(self.due) or 1
        return [
            {
                "bulan": month,
                "periode": f"b{month}",
                "nama": BULAN[month - 1],
                "jatuh_tempo": self.due[month],
                "terverifikasi": self.verified[month],
                "maks": largest,
            }
            for month in range(1, 13)
        ]


# Filter values for a period of the year: b1..b12 (months), t1..t4 (quarters).
PERIODE_CHOICES = [(f"b{m}", f"{BULAN[m - 1]}") for m in range(1, 13)] + [
    (f"t{q}", f"Triwulan {r}") for q, r in zip(range(1, 5), ("I", "II", "III", "IV"), strict=True)
]


def periode_months(value):
    """The months (1..12) a period filter value covers, or None for no filter."""
    if not value or len(value) < 2 or not value[1:].isdigit():
        return None
    n = int(value[1:])
    if value[0] == "b" and 1 <= n <= 12:
        return {n}
    if value[0] == "t" and 1 <= n <= 4:
        return {3 * n - 2, 3 * n - 1, 3 * n}
    return None
