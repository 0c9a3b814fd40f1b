"""The LKE score of a plan, now and projected to year end, from plain facts (no database).

Per sub-komponen (lke.md, "Scoring"):
- an answer becomes a fraction on its scale (Ya/Tidak 1/0, A/B/C 1/0.5/0, A–D 1/0.67/0.33/0,
  A–E 1/0.75/0.5/0.25/0, a percentage capped at 1, a survey index ÷ 4);
- nilai sekarang = bobot × the self-assessed fraction where there is one, else × the verified
  ratio of its linked indikator (verified slots ÷ all their slots of the year);
- proyeksi akhir tahun = the same, with the slots already due counted as they stand and the
  slots not yet due at the office's on-time rate so far:
  bobot × (verified + rate × not-yet-due unverified) ÷ all slots.
Areas add their sub-komponen (pemenuhan + reform), pengungkit adds the areas, Hasil its lines,
and the total is pengungkit + hasil. A predicate is met when every one of its thresholds is.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

NOL = Decimal(0)
SATU = Decimal(1)

FRAKSI = {
    "ya_tidak": {"ya": SATU, "tidak": NOL},
    "abc": {"A": SATU, "B": Decimal("0.5"), "C": NOL},
    "ad": {"A": SATU, "B": Decimal("0.67"), "C": Decimal("0.33"), "D": NOL},
    "ae": {"A": SATU, "B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25"), "E": NOL},
}
INDEKS_MAKS = Decimal(4)  # survey indices are on a 4-point scale (an assumption; lke.md)


def fraksi(skala, jawaban="", angka=None):
    """The fraction (0..1) an answer is worth on its scale, or None when there is no answer."""
    if skala == "persen":
        return None if angka is None else max(NOL, min(SATU, Decimal(angka) / 100))
    if skala == "indeks":
        return None if angka is None else max(NOL, min(SATU, Decimal(angka) / INDEKS_MAKS))
    return FRAKSI.get(skala, {}).get(jawaban)


def pilihan(skala):
    """The answers a scale offers, best first: [(value, label)]."""
    if skala == "ya_tidak":
        return [("ya", "Ya"), ("tidak", "Tidak")]
    return [(k, f"{k} ({v:g})") for k, v in FRAKSI.get(skala, {}).items()]


def bulat(x, places="0.01"):
    return Decimal(x).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass
class Sub:
    """One sub-komponen's facts: its place, weight, the Tim's fraction (or None) and the
    slots of its linked indikator: all, verified, and not yet due and unverified."""

    pk: int
    nama: str
    bobot: Decimal
    jenis: str  # pemenuhan / reform / hasil
    area: str = ""  # LKE area name (pengungkit)
    kelompok: str = ""  # Hasil group
    kode: str = ""  # Hasil line: ipak, capaian, ipkp
    fraksi_tim: Decimal | None = None
    slot: int = 0
    terverifikasi: int = 0
    belum_jatuh_tempo: int = 0  # not yet due and not verified
    indikator: list = field(default_factory=list)  # linked indikator (for the gap list)
    nilai_tpi: Decimal | None = None

    nilai_akhir: Decimal = NOL  # proyeksi(laju), set by hitung for templates

    def nilai(self):
        if self.fraksi_tim is not None:
            return self.bobot * self.fraksi_tim
        if self.slot == 0:
            return NOL
        return self.bobot * self.terverifikasi / self.slot

    def proyeksi(self, laju):
        if self.fraksi_tim is not None or self.slot == 0:
            return self.nilai()
        return self.bobot * (self.terverifikasi + laju * self.belum_jatuh_tempo) / self.slot

    @property
    def selisih(self):
        """TPI score − the Tim's score, where the TPI has scored."""
        return None if self.nilai_tpi is None else self.nilai_tpi - self.nilai()

    @property
    def titik_buta(self):
        """Scored by the LKE, but the plan has nothing for it and the Tim has not answered."""
        return self.jenis != "hasil" and not self.indikator and self.fraksi_tim is None

    @property
    def per_dokumen(self):
        """Points one more verified document (slot) adds; 0 where the answer rules."""
        if self.fraksi_tim is not None or self.slot == 0 or self.terverifikasi >= self.slot:
            return NOL
        return self.bobot / self.slot


@dataclass
class Bagian:
    nama: str
    bobot: Decimal
    nilai: Decimal
    proyeksi: Decimal
    sub: list = field(default_factory=list)

    @property
    def label_syarat(self):
        """The label its area threshold carries (Syarat.label)."""
        return f"Area {self.nama} (% dari bobot {angka(self.bobot)})"

    @property
    def persen(self):
        return NOL if not self.bobot else self.nilai * 100 / self.bobot

    @property
    def persen_proyeksi(self):
        return NOL if not self.bobot else self.proyeksi * 100 / self.bobot


@dataclass
class Syarat:
    predikat: str
    kode: str
    label: str
    batas: Decimal
    nilai: Decimal
    proyeksi: Decimal

    @property
    def terpenuhi(self):
        return self.nilai >= self.batas

    @property
    def terpenuhi_proyeksi(self):
        return self.proyeksi >= self.batas


@dataclass
class Proyeksi:
    kerangka: str
    laju: Decimal
    area: list
    pengungkit: Bagian
    hasil: list  # Bagian per Hasil group
    total_bobot: Decimal
    total: Decimal
    total_proyeksi: Decimal
    syarat: list  # Syarat of both predicates
    predikat: str | None
    predikat_proyeksi: str | None
    kurang: list  # Syarat unmet (now) for the next predicate
    penutup: list  # Sub ranked by points per document
    titik_buta: list  # Sub


PREDIKAT = ("WBK", "WBBM")
URUTAN = ("total", "pengungkit", "area_persen", "bersih", "ipak", "capaian", "prima")


def angka(x):
    """A figure as written in a label: 60, 18,25."""
    return f"{Decimal(x).normalize():f}".replace(".", ",")


LABEL = {
    "total": "Total nilai LKE",
    "pengungkit": "Total pengungkit",
    "bersih": "Hasil: birokrasi bersih dan akuntabel",
    "ipak": "Hasil: IPAK",
    "capaian": "Hasil: capaian kinerja",
    "prima": "Hasil: pelayanan publik prima (IPKP)",
}


def hitung(kerangka, subs, ambang, laju, kelompok_hasil, sudah_wbk=False):
    """The Proyeksi of `subs` (Sub) under `ambang` ({predikat: {syarat: batas}}), with the
    office's on-time rate `laju` (0..1)."""
    laju = Decimal(laju)
    areas = {}
    for sub in subs:
        sub.nilai_akhir = sub.proyeksi(laju)
        if sub.jenis != "hasil":
            areas.setdefault(sub.area, []).append(sub)

    def bagian(nama, items):
        return Bagian(
            nama,
            sum((s.bobot for s in items), NOL),
            sum((s.nilai() for s in items), NOL),
            sum((s.proyeksi(laju) for s in items), NOL),
            items,
        )

    area = [bagian(nama, items) for nama, items in areas.items()]
    pengungkit = Bagian(
        "Pengungkit",
        sum((a.bobot for a in area), NOL),
        sum((a.nilai for a in area), NOL),
        sum((a.proyeksi for a in area), NOL),
    )
    hasil_subs = [s for s in subs if s.jenis == "hasil"]
    hasil = [
        bagian(kelompok_hasil.get(k, k), [s for s in hasil_subs if s.kelompok == k])
        for k in dict.fromkeys(s.kelompok for s in hasil_subs)
    ]
    by_kode = {s.kode: s for s in hasil_subs}
    by_kelompok = dict(zip(dict.fromkeys(s.kelompok for s in hasil_subs), hasil, strict=True))
    total = pengungkit.nilai + sum((h.nilai for h in hasil), NOL)
    total_proyeksi = pengungkit.proyeksi + sum((h.proyeksi for h in hasil), NOL)

    syarat = []
    for predikat in PREDIKAT:
        values = ambang.get(predikat, {})
        for kode in sorted(values, key=lambda k: URUTAN.index(k) if k in URUTAN else 99):
            batas = Decimal(values[kode])
            if kode == "area_persen":
                for a in area:
                    syarat.append(
                        Syarat(
                            predikat,
                            kode,
                            a.label_syarat,
                            batas,
                            a.persen,
                            a.persen_proyeksi,
                        )
                    )
                continue
            if kode == "total":
                now, later = total, total_proyeksi
            elif kode == "pengungkit":
                now, later = pengungkit.nilai, pengungkit.proyeksi
            elif kode in by_kelompok:
                now, later = by_kelompok[kode].nilai, by_kelompok[kode].proyeksi
            elif kode in by_kode:
                now, later = by_kode[kode].nilai(), by_kode[kode].proyeksi(laju)
            else:
                continue
            syarat.append(Syarat(predikat, kode, LABEL.get(kode, kode), batas, now, later))
    if "WBBM" in ambang:
        earlier = SATU if sudah_wbk else NOL
        syarat.append(Syarat("WBBM", "sudah_wbk", "Sudah berpredikat WBK", SATU, earlier, earlier))

    def met(predikat, attr):
        rows = [s for s in syarat if s.predikat == predikat]
        return bool(rows) and all(getattr(s, attr) for s in rows)

    def reached(attr):
        if met("WBBM", attr):
            return "WBBM"
        return "WBK" if met("WBK", attr) else None

    predikat = reached("terpenuhi")
    following = {None: "WBK", "WBK": "WBBM"}.get(predikat)
    kurang = [s for s in syarat if s.predikat == following and not s.terpenuhi]
    penutup = sorted((s for s in subs if s.per_dokumen > 0), key=lambda s: (-s.per_dokumen, s.nama))
    return Proyeksi(
        kerangka=kerangka,
        laju=laju,
        area=area,
        pengungkit=pengungkit,
        hasil=hasil,
        total_bobot=pengungkit.bobot + sum((h.bobot for h in hasil), NOL),
        total=total,
        total_proyeksi=total_proyeksi,
        syarat=syarat,
        predikat=predikat,
        predikat_proyeksi=reached("terpenuhi_proyeksi"),
        kurang=kurang,
        penutup=penutup,
        titik_buta=[s for s in subs if s.titik_buta],
    )
