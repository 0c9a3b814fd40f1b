"""The LKE ZI worksheet as data (a versioned framework: areas, sub-komponen, weights,
thresholds), the plan's links to it, the Tim's self-assessment and the TPI's scores.

Nothing here is a constant in code: a new regulation is a new Kerangka loaded beside the old
one (`manage.py load_lke`), and each plan says which one it is scored by."""

from django.db import models
from django.utils import timezone

from bukti_fisik.models import Unggahan
from rencana_aksi.models import Indikator, RencanaAksi, User


class Kerangka(models.Model):
    """One version of the worksheet, e.g. PermenPANRB 90/2021 jo. 5/2024."""

    kode = models.SlugField(max_length=80, unique=True)
    nama = models.CharField(max_length=200)
    catatan = models.TextField(blank=True)
    # Names of the two Hasil groups: {"bersih": "...", "prima": "..."}.
    kelompok_hasil = models.JSONField(default=dict)
    # The readiness checklist of the regulation (texts, in order).
    kesiapan = models.JSONField(default=list)
    dimuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kerangka LKE"
        verbose_name_plural = "kerangka LKE"
        ordering = ["-dimuat", "-id"]

    def __str__(self):
        return self.nama


class AreaLke(models.Model):
    """One of the six pengungkit areas; `kata_kunci` are the names plans give it."""

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="areas")
    urutan = models.PositiveSmallIntegerField()
    nama = models.CharField(max_length=120)
    kata_kunci = models.JSONField(default=list)
    # The worksheet's codes of the area's two halves: {"pemenuhan": "PPA", "reform": "PRA"},
    # and each half's minimum score per predicate: {"pemenuhan": {"WBK": 2.4, "WBBM": 3.0}, …}.
    kode_lke = models.JSONField(default=dict, blank=True)
    minimum = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "area LKE"
        verbose_name_plural = "area LKE"
        ordering = ["kerangka", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "urutan"], name="area_lke_urutan")
        ]

    def __str__(self):
        return self.nama


class SubKomponen(models.Model):
    """A scored line of the worksheet: a pengungkit sub-komponen (pemenuhan or reform, in an
    area) or a Hasil figure (in a Hasil group, without area)."""

    class Jenis(models.TextChoices):
        PEMENUHAN = "pemenuhan", "Pemenuhan"
        REFORM = "reform", "Reform"
        HASIL = "hasil", "Hasil"

    class Skala(models.TextChoices):
        YA_TIDAK = "ya_tidak", "Ya/Tidak"
        ABC = "abc", "A/B/C"
        AD = "ad", "A–D"
        AE = "ae", "A–E"
        PERSEN = "persen", "Persentase"
        INDEKS = "indeks", "Indeks survei (skala 4)"

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="sub")
    area = models.ForeignKey(
        AreaLke, null=True, blank=True, on_delete=models.CASCADE, related_name="sub"
    )
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    kelompok = models.CharField(max_length=10, blank=True)  # Hasil group: bersih / prima
    kode = models.CharField(max_length=20, blank=True)  # Hasil lines: ipak, capaian, ipkp
    urutan = models.PositiveSmallIntegerField()
    nama = models.CharField(max_length=200)
    # The worksheet's own code and name: "PPA1", "Penyusunan Tim Kerja"; "HBA" for a Hasil line.
    kode_lke = models.CharField("kode lembar kerja", max_length=10, blank=True)
    nama_lengkap = models.CharField(max_length=300, blank=True)
    bobot = models.DecimalField(max_digits=5, decimal_places=2)
    skala = models.CharField(max_length=10, choices=Skala.choices, default=Skala.AE)
    kata_kunci = models.JSONField(default=list)

    class Meta:
        verbose_name = "sub-komponen LKE"
        verbose_name_plural = "sub-komponen LKE"
        ordering = ["kerangka", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "urutan"], name="sub_lke_urutan")
        ]

    def __str__(self):
        return self.nama


class Pertanyaan(models.Model):
    """One question of the worksheet ("PPA1A: Unit kerja telah membentuk tim …"), answered on
    its own options; a sub-komponen scores its bobot × the mean of its questions' values. A
    Hasil line is one question of its own (its code, e.g. HBA, and the survey's options)."""

    class Jenis(models.TextChoices):
        PILIHAN = "pilihan", "Pilihan jawaban"
        ANGKA = "angka", "Isian angka"

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="pertanyaan")
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="pertanyaan")
    urutan = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=12)
    teks = models.TextField()
    bobot = models.DecimalField(max_digits=5, decimal_places=2, default=1)
    jenis = models.CharField(max_length=8, choices=Jenis.choices, default=Jenis.PILIHAN)

    class Meta:
        verbose_name = "pertanyaan LKE"
        verbose_name_plural = "pertanyaan LKE"
        ordering = ["kerangka", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "kode"], name="pertanyaan_lke_kode"),
            models.UniqueConstraint(fields=["kerangka", "urutan"], name="pertanyaan_lke_urutan"),
        ]

    def __str__(self):
        return f"{self.kode} {self.teks[:60]}"


class Opsi(models.Model):
    """An answer option of a question: a choice with its value (Ya 1, B 0.5 …), or a number the
    office enters (`angka`), from which the question's value is computed."""

    pertanyaan = models.ForeignKey(Pertanyaan, on_delete=models.CASCADE, related_name="opsi")
    urutan = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=14)
    teks = models.TextField()
    nilai = models.DecimalField(max_digits=4, decimal_places=2)
    jenis = models.CharField(
        max_length=8, choices=Pertanyaan.Jenis.choices, default=Pertanyaan.Jenis.PILIHAN
    )

    class Meta:
        verbose_name = "opsi jawaban LKE"
        verbose_name_plural = "opsi jawaban LKE"
        ordering = ["pertanyaan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pertanyaan", "urutan"], name="opsi_lke_urutan")
        ]

    def __str__(self):
        return f"{self.kode} {self.teks[:60]}"


class DokumenLke(models.Model):
    """A supporting document (bukti dukung) the worksheet names for a question."""

    pertanyaan = models.ForeignKey(Pertanyaan, on_delete=models.CASCADE, related_name="dokumen")
    urutan = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=14)
    teks = models.TextField()

    class Meta:
        verbose_name = "bukti dukung LKE"
        verbose_name_plural = "bukti dukung LKE"
        ordering = ["pertanyaan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pertanyaan", "urutan"], name="dokumen_lke_urutan")
        ]

    def __str__(self):
        return f"{self.kode} {self.teks[:60]}"


class Ambang(models.Model):
    """One predicate threshold, editable by an administrator (lke.md: the sources differ)."""

    class Predikat(models.TextChoices):
        WBK = "WBK", "Menuju WBK"
        WBBM = "WBBM", "Menuju WBBM"

    class Syarat(models.TextChoices):
        TOTAL = "total", "Total nilai LKE"
        PENGUNGKIT = "pengungkit", "Total pengungkit"
        AREA_PERSEN = "area_persen", "Setiap area (% dari bobotnya)"
        BERSIH = "bersih", "Hasil: birokrasi bersih dan akuntabel"
        IPAK = "ipak", "Hasil: IPAK"
        CAPAIAN = "capaian", "Hasil: capaian kinerja"
        PRIMA = "prima", "Hasil: pelayanan publik prima (IPKP)"

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="ambang")
    predikat = models.CharField(max_length=4, choices=Predikat.choices)
    syarat = models.CharField(max_length=12, choices=Syarat.choices)
    batas = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "ambang predikat"
        verbose_name_plural = "ambang predikat"
        ordering = ["kerangka", "predikat", "syarat"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "predikat", "syarat"], name="ambang_sekali")
        ]

    def __str__(self):
        return f"{self.predikat} {self.get_syarat_display()} ≥ {self.batas}"


class LkeRencana(models.Model):
    """The LKE settings of one plan: its framework and whether the office is already WBK."""

    rencana = models.OneToOneField(RencanaAksi, on_delete=models.CASCADE, related_name="lke")
    kerangka = models.ForeignKey(Kerangka, on_delete=models.PROTECT, related_name="+")
    sudah_wbk = models.BooleanField(
        "sudah berpredikat WBK",
        default=False,
        help_text="Syarat Menuju WBBM: unit sudah meraih predikat WBK sebelumnya.",
    )
    kesiapan = models.JSONField(default=dict)  # checklist text → {"ya": bool, "catatan": str}

    class Meta:
        verbose_name = "penilaian LKE rencana"
        verbose_name_plural = "penilaian LKE rencana"

    def __str__(self):
        return f"{self.rencana} · {self.kerangka}"


class Tautan(models.Model):
    """An indikator of the plan linked to a sub-komponen; suggested by the app, confirmed by
    the Ketua Tim (only confirmed links count)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="tautan_lke")
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="tautan")
    dikonfirmasi = models.BooleanField(default=False)

    class Meta:
        verbose_name = "tautan LKE"
        verbose_name_plural = "tautan LKE"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "sub"], name="tautan_lke_sekali")
        ]

    def __str__(self):
        return f"{self.indikator_id} → {self.sub}"


class Jawaban(models.Model):
    """The Tim's self-assessment of one sub-komponen (or a Hasil figure with its source),
    and beside it the TPI's score and note."""

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="jawaban_lke")
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="jawaban")
    # The answer on the sub-komponen's scale ("A", "ya", …), or a figure (percent, index).
    jawaban = models.CharField(max_length=10, blank=True)
    angka = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    catatan = models.TextField(blank=True)
    sumber = models.CharField(max_length=300, blank=True)  # Hasil: where the figure comes from
    bukti = models.ManyToManyField(Unggahan, blank=True, related_name="+")
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    diubah = models.DateTimeField(default=timezone.now)
    # TPI (Penilai): a score in points (0..bobot) and a note.
    nilai_tpi = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    catatan_tpi = models.TextField(blank=True)
    penilai = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dinilai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        constraints = [
            models.UniqueConstraint(fields=["rencana", "sub"], name="jawaban_lke_sekali")
        ]

    def __str__(self):
        return f"{self.sub}: {self.jawaban or self.angka}"
