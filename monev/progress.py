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

from bukti_fisik.models import Slot
from rencana_aksi.jadwal import BULAN, SEGERA_HARI, lewat_tempo, segera

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

    def tepat_waktu(self, today):
        """Due, verified, and its accepted upload came by the due date."""
        return (
            self.lewat_tempo(today)
            and self.terverifikasi
            and self.diterima is not None
            and self.diterima <= self.jatuh_tempo
        )

    def terlambat(self, today):
        """Due and not verified."""
        return self.lewat_tempo(today) and not self.terverifikasi

    def segera(self, today):
        """Not verified and due within the office's "segera" window (jadwal.segera)."""
        return not self.terverifikasi and segera(self.jatuh_tempo, today, self.segera_hari)


@dataclass
class Angka:
    """One number: a ratio with its parts, or a weighted mean of ratios with its counts."""

    pembilang: int = 0  # numerator count (slots or langkah)
    penyebut: int = 0  # denominator count
    persen: Decimal | None = None
    cara: str = GABUNGAN

    @property
    def gabungan(self):
        return self.cara == GABUNGAN

    @property
    def teks(self):
        return "—" if self.persen is None else f"{self.persen:.0f}%".replace(".", ",")


@dataclass
class Progres:
    """The four numbers of one indikator, area, plan or office, plus overdue and soon counts."""

    angka: dict = field(default_factory=dict)
    terlambat: int = 0
    segera: int = 0
    jumlah_slot: int = 0
    segera_pertama: date | None = None  # the earliest due date among the "segera" slots

    def __getitem__(self, metric):
        return self.angka[metric]


def _percent(num, den):
    return None if den == 0 else Decimal(num) * 100 / Decimal(den)


@dataclass
class SlotGroup:
    """`n` alike slots of one indikator, counted together: the same period, due date, status
    and "terkumpul"; `tepat` of them received by their due date. The dashboard counts these
    (grouped in SQL, the empty slots of the schedule added per period) instead of slots."""

    indikator_id: int
    kode: str
    jatuh_tempo: date
    status: str = Slot.Status.BELUM_ADA
    ada_bukti: bool = False
    n: int = 1
    tepat: int = 0

    @property
    def terverifikasi(self):
        return self.status == Slot.Status.TERVERIFIKASI


@dataclass
class Tally:
    """The counts behind one indikator's numbers, added one slot or one group at a time: the
    single place that says which slot counts toward what."""

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

    def add(self, jatuh_tempo, status, ada_bukti, segera_hari, n=1, tepat=0):
        """`n` slots due `jatuh_tempo` with `status`; `tepat` of them were received by then."""
        verified = status == Slot.Status.TERVERIFIKASI
        self.slot += n
        self.terkumpul += n if ada_bukti else 0
        self.terverifikasi += n if verified else 0
        if lewat_tempo(jatuh_tempo, self.today):
            self.jatuh_tempo += n
            if verified:
                self.jatuh_tempo_terverifikasi += n
                self.tepat_waktu += tepat
            else:
                self.terlambat += n
        elif not verified and segera(jatuh_tempo, self.today, segera_hari):
            self.segera += n
            if self.segera_pertama is None or jatuh_tempo < self.segera_pertama:
                self.segera_pertama = jatuh_tempo

    def progres(self, langkah_total, langkah_selesai):
        parts = {
            "terkumpul": (self.terkumpul, self.slot),
            "terverifikasi": (self.terverifikasi, self.slot),
            "jatuh_tempo_terverifikasi": (self.jatuh_tempo_terverifikasi, self.jatuh_tempo),
            "tepat_waktu": (self.tepat_waktu, self.jatuh_tempo),
            "langkah": (langkah_selesai, langkah_total),
        }
        return Progres(
            angka={m: Angka(num, den, _percent(num, den)) for m, (num, den) in parts.items()},
            terlambat=self.terlambat,
            segera=self.segera,
            jumlah_slot=self.slot,
            segera_pertama=self.segera_pertama,
        )


def indikator_progress(slots, langkah_total, langkah_selesai, today):
    """The ratios and counts of one indikator from its slots (SlotFact), one by one."""
    tally = Tally(today)
    for s in slots:
        on_time = s.diterima is not None and s.diterima <= s.jatuh_tempo
        tally.add(s.jatuh_tempo, s.status, s.ada_bukti, s.segera_hari, tepat=int(on_time))
    return tally.progres(langkah_total, langkah_selesai)


def group_progress(groups, langkah_total, langkah_selesai, today, segera_hari):
    """The same from SlotGroup counts: what the dashboard reads."""
    tally = Tally(today)
    for g in groups:
        tally.add(g.jatuh_tempo, g.status, g.ada_bukti, segera_hari, n=g.n, tepat=g.tepat)
    return tally.progres(langkah_total, langkah_selesai)


def rollup(items, cara=GABUNGAN):
    """(Progres, weight) pairs rolled into one: counts summed; the percentage pooled from them
    (GABUNGAN) or the weighted mean of the parts' percentages (otherwise)."""
    result = Progres(angka={})
    for metric in METRICS:
        total_weight = Decimal(0)
        weighted = Decimal(0)
        num = den = 0
        for progres, weight in items:
            angka = progres[metric]
            num += angka.pembilang
            den += angka.penyebut
            if angka.persen is not None:
                weighted += angka.persen * weight
                total_weight += weight
        if cara == GABUNGAN:
            persen = _percent(num, den)
        else:
            persen = None if total_weight == 0 else weighted / total_weight
        result.angka[metric] = Angka(num, den, persen, cara)
    result.terlambat = sum(p.terlambat for p, _ in items)
    result.segera = sum(p.segera for p, _ in items)
    result.segera_pertama = min(
        (p.segera_pertama for p, _ in items if p.segera_pertama), default=None
    )
    result.jumlah_slot = sum(p.jumlah_slot for p, _ in items)
    return result


def indikator_rollup(indikator_list):
    """The progress of a group of indikator: pooled, or where any has a bobot, their mean
    weighted by bobot (1 where unset)."""
    cara = BERBOBOT if any(i.bobot is not None for i in indikator_list) else GABUNGAN
    return rollup([(i.progres, i.bobot or Decimal(1)) for i in indikator_list], cara)


def offices_rollup(progres_list):
    """A parent office's progress: its offices pooled, or their plain mean when any of them
    is weighted (a pooled count would then disagree with the offices' own figures)."""
    weighted = any(not a.gabungan for p in progres_list for a in p.angka.values())
    return rollup([(p, Decimal(1)) for p in progres_list], RATA_RATA if weighted else GABUNGAN)


def monthly(groups, tahun):
    """Per month of the plan year: slots due that month and how many of them are verified
    (from SlotGroup counts)."""
    due, verified = [0] * 13, [0] * 13
    for g in groups:
        if g.jatuh_tempo.year == tahun:
            due[g.jatuh_tempo.month] += g.n
            verified[g.jatuh_tempo.month] += g.n if g.terverifikasi else 0
    rows = [
        {
            "bulan": month,
            "periode": f"b{month}",
            "nama": BULAN[month - 1],
            "jatuh_tempo": due[month],
            "terverifikasi": verified[month],
        }
        for month in range(1, 13)
    ]
    largest = max(row["jatuh_tempo"] for row in rows) or 1
    for row in rows:
        row["maks"] = largest
    return rows


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
