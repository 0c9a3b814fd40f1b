"""The plan catalogue: offices, members and their roles, and each office's yearly Rencana Aksi.

Every ordered thing carries `urutan` (the order, unique within its parent) and `nomor` (the number
exactly as printed: "I", "1", "1.", or empty). Text fields keep the decree's wording as adopted.
"""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .jadwal import Jadwal


class Berurutan(models.Model):
    """An item printed in order inside its parent: `urutan` is its place, unique within the
    parent (each model declares that rule with `urutan_unik`)."""

    urutan = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True


def urutan_unik(*parent_fields, name):
    """The database rule that no two items of one parent share an `urutan`."""
    return models.UniqueConstraint(fields=[*parent_fields, "urutan"], name=name)


class User(AbstractUser):
    """A person who signs in. Roles live in Membership, per office."""

    telepon = models.CharField("nomor telepon", max_length=30, blank=True)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def __str__(self):
        return self.get_full_name() or self.username


class Satker(models.Model):
    """One office (satuan kerja); offices form a tree KPU RI → Provinsi → Kabupaten/Kota."""

    class Tingkat(models.TextChoices):
        PUSAT = "pusat", "KPU RI"
        PROVINSI = "provinsi", "KPU Provinsi"
        KABKOTA = "kabkota", "KPU Kabupaten/Kota"

    slug = models.SlugField(unique=True)
    nama = models.CharField("nama singkat", max_length=150)
    nama_lengkap = models.CharField(
        max_length=200, help_text="Seperti pada kop: Komisi Pemilihan Umum Kabupaten Madiun"
    )
    wilayah = models.CharField(
        max_length=150, blank=True, help_text="Baris kedua kop, mis. Kabupaten Madiun"
    )
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="induk",
    )
    kota = models.CharField("kota penetapan", max_length=100, blank=True)
    logo = models.FileField(upload_to="logo/", blank=True)
    # Office settings: what a new Keputusan starts from, and when reminders go out.
    penandatangan_jabatan = models.CharField(
        "jabatan penandatangan", max_length=200, blank=True, help_text="Mis. KETUA KOMISI ..."
    )
    penandatangan_nama = models.CharField("nama penandatangan", max_length=150, blank=True)
    salinan_unit = models.CharField("unit pengesah salinan", max_length=200, blank=True)
    salinan_jabatan = models.CharField("jabatan pengesah salinan", max_length=200, blank=True)
    salinan_nama = models.CharField("nama pengesah salinan", max_length=150, blank=True)
    pengingat_hari = models.PositiveSmallIntegerField(
        "pengingat (hari sebelum jatuh tempo)",
        default=7,
        help_text="Bukti yang jatuh tempo dalam sekian hari dianggap segera dan diingatkan.",
    )
    # Materialised path of primary keys ("/1/4/9/"), so "this office and all below it" is one
    # indexed prefix filter instead of a recursive walk. Kept by services.satker_create and
    # services.satker_move, the only writers of `parent`.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "satker"
        verbose_name_plural = "satker"
        ordering = ["path"]

    def __str__(self):
        return self.nama


class Role(models.TextChoices):
    ADMIN = "admin", "Admin satker"
    KETUA_TIM = "ketua_tim", "Ketua Tim ZI"
    KOORDINATOR = "koordinator", "Koordinator area"
    ANGGOTA = "anggota", "Anggota Tim ZI"
    PIMPINAN = "pimpinan", "Pimpinan"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    PENILAI = "penilai", "Penilai (TPI)"


class AktifManager(models.Manager):
    """Only memberships in force: a deactivated member keeps its rows (its uploads and history
    stay attributed to it) but holds no role anywhere until reactivated."""

    def get_queryset(self):
        return super().get_queryset().filter(aktif=True)


class Membership(models.Model):
    """A user's role in one office; a user may hold several roles in several offices."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("peran", max_length=20, choices=Role.choices)
    # A Koordinator verifies, and an Anggota uploads for, the areas assigned here.
    areas = models.ManyToManyField(
        "Area", blank=True, related_name="penugasan", verbose_name="area tugas"
    )
    aktif = models.BooleanField(default=True)

    # The default manager (`objects`) answers every access question; `semua` also lists the
    # deactivated rows, for the members page and the services that reactivate.
    semua = models.Manager()
    objects = AktifManager()

    class Meta:
        default_manager_name = "objects"
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(fields=["user", "satker", "role"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} {self.satker}"


class StatusRencana(models.TextChoices):
    DRAF = "draf", "Draf"
    DITETAPKAN = "ditetapkan", "Ditetapkan"
    DICABUT = "dicabut", "Dicabut"


class RencanaAksiQuerySet(models.QuerySet):
    def berlaku(self):
        """Plans in force: drafts and adopted plans, not the revoked ones (at most one per
        office and year, enforced by the database)."""
        return self.exclude(status=RencanaAksi.Status.DICABUT)


class RencanaAksi(models.Model):
    """One office's action plan for one year, with the Keputusan that adopts it."""

    Status = StatusRencana

    class Susunan(models.TextChoices):
        PER_AREA = "per_area", "Satu tabel per area (dengan judul area)"
        SATU_TABEL = "satu_tabel", "Satu tabel dengan baris area"

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="rencana_aksi")
    tahun = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAF)

    nomor = models.CharField("nomor keputusan", max_length=50, blank=True)
    tentang = models.TextField(help_text="Judul keputusan sebagaimana ditetapkan")
    menetapkan = models.TextField(blank=True, help_text="Teks setelah 'Menetapkan :'")
    judul_lampiran = models.TextField(blank=True, help_text="Judul di atas tabel lampiran")
    tempat_penetapan = models.CharField(max_length=100, blank=True)
    tanggal_penetapan = models.DateField(null=True, blank=True)
    penandatangan_jabatan = models.CharField(max_length=200, blank=True)
    penandatangan_nama = models.CharField(max_length=150, blank=True)
    salinan_unit = models.CharField(
        "unit pengesah salinan",
        max_length=200,
        blank=True,
        help_text="Mis. Sekretariat Komisi Pemilihan Umum Kabupaten Merangin",
    )
    salinan_jabatan = models.CharField("jabatan pengesah salinan", max_length=200, blank=True)
    salinan_nama = models.CharField("nama pengesah salinan", max_length=150, blank=True)
    mencabut = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dicabut_oleh",
        verbose_name="keputusan yang dicabut",
    )

    kolom_target_capaian = models.BooleanField("kolom TARGET CAPAIAN", default=True)
    susunan_tabel = models.CharField(
        max_length=12, choices=Susunan.choices, default=Susunan.PER_AREA
    )
    baris_nomor_kolom = models.BooleanField("baris nomor kolom (1 … n)", default=False)
    komponen_diulang = models.BooleanField(
        "komponen dicetak di setiap baris",
        default=False,
        help_text="Mati: komponen yang mencakup beberapa indikator dicetak sekali",
    )

    objects = RencanaAksiQuerySet.as_manager()

    # The Keputusan's own text, and the Lampiran's layout options, as the editors show them.
    KEPUTUSAN_FIELDS = (
        "nomor",
        "tentang",
        "menetapkan",
        "judul_lampiran",
        "tempat_penetapan",
        "tanggal_penetapan",
        "penandatangan_jabatan",
        "penandatangan_nama",
        "salinan_unit",
        "salinan_jabatan",
        "salinan_nama",
    )
    LAYOUT_FIELDS = (
        "kolom_target_capaian",
        "susunan_tabel",
        "baris_nomor_kolom",
        "komponen_diulang",
    )

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["satker__path", "-tahun"]
        constraints = [
            # A revoked plan may stand beside its replacement of the same year.
            models.UniqueConstraint(
                fields=["satker", "tahun"],
                condition=~Q(status=StatusRencana.DICABUT),
                name="rencana_aksi_one_per_year",
            )
        ]

    def __str__(self):
        nomor = f"Nomor {self.nomor} " if self.nomor else ""
        return f"{self.satker.nama} — Keputusan {nomor}Tahun {self.tahun}"


class KeputusanButir(Berurutan):
    """An ordered item of the Keputusan: a Menimbang point, a Mengingat point or a diktum."""

    class Jenis(models.TextChoices):
        MENIMBANG = "menimbang", "Menimbang"
        MENGINGAT = "mengingat", "Mengingat"
        DIKTUM = "diktum", "Diktum"

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="butir")
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    label = models.CharField(max_length=20, help_text="a. / 1. / KESATU")
    teks = models.TextField()

    class Meta:
        verbose_name = "butir keputusan"
        verbose_name_plural = "butir keputusan"
        ordering = ["rencana", "jenis", "urutan"]
        constraints = [urutan_unik("rencana", "jenis", name="keputusan_butir_order")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.label}"


class Bab(Berurutan):
    """A narrative chapter printed in the Lampiran before the table (BAB I PENDAHULUAN …)."""

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="bab")
    nomor = models.CharField(max_length=20, help_text="BAB I")
    judul = models.TextField()
    isi = models.TextField(blank=True, help_text="Paragraf dipisah baris kosong")

    class Meta:
        verbose_name = "bab"
        verbose_name_plural = "bab"
        ordering = ["rencana", "urutan"]
        constraints = [urutan_unik("rencana", name="bab_order")]

    def __str__(self):
        return f"{self.nomor} {self.judul}"


class Area(Berurutan):
    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="areas")
    nomor = models.CharField(max_length=10, help_text="Angka romawi sebagaimana dicetak")
    nama = models.CharField(max_length=255)

    class Meta:
        verbose_name = "area"
        verbose_name_plural = "area"
        ordering = ["rencana", "urutan"]
        constraints = [urutan_unik("rencana", name="area_order")]

    def __str__(self):
        return f"{self.nomor}. {self.nama}"


class Komponen(Berurutan):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="komponen")
    nomor = models.CharField(max_length=30, blank=True)
    nama = models.TextField(blank=True)
    # A grouping above the komponen that a plan keeps: the LKE's "Pemenuhan" / "Reform".
    kelompok = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = "komponen"
        verbose_name_plural = "komponen"
        ordering = ["area", "urutan"]
        constraints = [urutan_unik("area", name="komponen_order")]

    def __str__(self):
        return self.nama or f"Komponen {self.nomor or self.urutan}"


class Indikator(Berurutan):
    """One row of the Lampiran: what is measured, its steps, evidence, schedule and target."""

    class Pembanding(models.TextChoices):
        GE = ">=", "≥"
        LE = "<=", "≤"
        GT = ">", ">"
        LT = "<", "<"
        EQ = "=", "="

    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="indikator")
    nomor = models.CharField(max_length=30, blank=True)
    nama = models.TextField()
    target_capaian = models.TextField(blank=True, help_text="Sebagaimana dicetak")
    capaian_pembanding = models.CharField(max_length=2, choices=Pembanding.choices, blank=True)
    capaian_nilai = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    capaian_satuan = models.CharField(max_length=20, blank=True)
    pic = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indikator_pic",
        verbose_name="PIC",
    )
    # A PIC as the office wrote it when it names no member ("Tim Pilar 1", "Kasubbag Umum"):
    # shown and printed as written until it is matched with a member.
    pic_teks = models.CharField("PIC sebagaimana ditulis", max_length=200, blank=True)
    bobot = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    lke_subkomponen = models.CharField("sub-komponen LKE", max_length=100, blank=True)
    # The LKE question the row answers, by the worksheet's code ("PPA1A"), when the plan came
    # from an LKE-keyed sheet or from the worksheet itself.
    lke_kode = models.CharField("kode pertanyaan LKE", max_length=12, blank=True)
    # Columns of an imported sheet that have no field of their own, kept as written:
    # [["KOORDINATOR", "Biro Umum"], …].
    keterangan = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["komponen", "urutan"]
        constraints = [
            urutan_unik("komponen", name="indikator_order"),
            models.CheckConstraint(
                condition=Q(capaian_pembanding="") | Q(capaian_nilai__isnull=False),
                name="indikator_capaian_has_value",
            ),
        ]

    def __str__(self):
        return self.nama[:80]

    @property
    def pic_tampil(self):
        """The PIC as shown and printed: the member, else the text the office wrote."""
        return str(self.pic) if self.pic_id else self.pic_teks


class TargetWaktu(models.Model):
    """When an indikator is due: the text as adopted, and the schedule read from it."""

    indikator = models.OneToOneField(
        Indikator, on_delete=models.CASCADE, related_name="target_waktu"
    )
    teks = models.CharField(max_length=255, help_text="Dicetak apa adanya")
    jenis = models.CharField(max_length=12)
    bulan = models.JSONField(default=list, blank=True, help_text="Bulan (1–12) jadwal")
    bawaan = models.BooleanField(
        default=False, help_text="Jadwal berasal dari nilai bawaan, bukan dari teks"
    )
    peringatan = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "target waktu"
        verbose_name_plural = "target waktu"

    def __str__(self):
        return self.teks

    @property
    def jadwal(self):
        return Jadwal(self.jenis, tuple(self.bulan), self.bawaan, tuple(self.peringatan))


class LangkahAksi(Berurutan):
    class Status(models.TextChoices):
        BELUM_MULAI = "belum_mulai", "Belum mulai"
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="langkah_aksi")
    penanda = models.CharField(max_length=10, blank=True, help_text="'-', '1)' atau kosong")
    uraian = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BELUM_MULAI)
    status_tanggal = models.DateField("tanggal status", null=True, blank=True)
    status_catatan = models.TextField("catatan status", blank=True)

    class Meta:
        verbose_name = "langkah aksi"
        verbose_name_plural = "langkah aksi"
        ordering = ["indikator", "urutan"]
        constraints = [urutan_unik("indikator", name="langkah_aksi_order")]
        # The dashboards count each indikator's finished langkah from the index alone.
        indexes = [models.Index(fields=["indikator", "status"], name="langkah_aksi_status")]

    def __str__(self):
        return self.uraian[:80]

    @property
    def teks(self):
        return self.uraian


class BuktiFisik(Berurutan):
    """A required evidence document of an indikator."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="bukti_fisik")
    penanda = models.CharField(max_length=10, blank=True, help_text="'1)' atau kosong")
    nama = models.TextField()

    class Meta:
        verbose_name = "bukti fisik"
        verbose_name_plural = "bukti fisik"
        ordering = ["indikator", "urutan"]
        constraints = [urutan_unik("indikator", name="bukti_fisik_order")]

    def __str__(self):
        return self.nama[:80]

    @property
    def teks(self):
        return self.nama


def _dokumen_token():
    return secrets.token_urlsafe(18)


class Dokumen(models.Model):
    """One rendering of a plan's Keputusan and Lampiran as PDF. Rendering runs in a child
    process; this row carries its progress. A TTE or salinan copy is an issued document: its
    PDF and sha256 are kept, and anyone may check a printout at its verification page."""

    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu giliran"
        PROSES = "proses", "Sedang dicetak"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    class Mode(models.TextChoices):
        DRAF = "draf", "Draf (bertanda air DRAF)"
        ASLI = "asli", "Asli (ruang tanda tangan basah)"
        SALINAN = "salinan", "Salinan (ttd. dan pengesahan salinan)"
        TTE = "tte", "TTE (kode QR dan catatan tanda tangan elektronik)"

    ISSUED_MODES = (Mode.SALINAN, Mode.TTE)

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.PROTECT, related_name="dokumen")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    persen = models.PositiveSmallIntegerField(default=0)
    tahap = models.CharField(max_length=100, blank=True)
    pesan_galat = models.TextField(blank=True)
    token = models.CharField(max_length=40, unique=True, default=_dokumen_token, editable=False)
    berkas = models.FileField(upload_to="dokumen/%Y/", blank=True)
    pratinjau = models.JSONField(default=list, blank=True, help_text="Gambar halaman pertama")
    sha256 = models.CharField(max_length=64, blank=True)
    ukuran = models.PositiveBigIntegerField(default=0)
    halaman = models.PositiveIntegerField(default=0)
    # What the verification page shows, as it stood when the document was issued.
    identitas = models.JSONField(default=dict, blank=True)
    dibuat_oleh = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "dokumen"
        verbose_name_plural = "dokumen"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.rencana} ({self.mode})"

    @property
    def diterbitkan(self):
        return self.mode in self.ISSUED_MODES


class Riwayat(models.Model):
    """One recorded change: who, when, what, from → to, and a note. Rows are kept
    indefinitely and outlive what they describe: links are set null, `objek` keeps the name."""

    class Jenis(models.TextChoices):
        UNGGAH = "unggah", "Unggah bukti"
        VERIFIKASI = "verifikasi", "Verifikasi bukti"
        PERBAIKAN = "perbaikan", "Bukti dikembalikan"
        LANGKAH = "langkah", "Status langkah aksi"
        KENDALA = "kendala", "Kendala dan tindak lanjut"
        ARAHAN = "arahan", "Arahan pimpinan"
        LKE = "lke", "Penilaian LKE"
        JADWAL = "jadwal", "Jadwal"
        KEPUTUSAN = "keputusan", "Keputusan"
        RENCANA = "rencana", "Isi rencana"
        DOKUMEN = "dokumen", "Dokumen"
        SATKER = "satker", "Satker"
        KEANGGOTAAN = "keanggotaan", "Keanggotaan"
        PENUGASAN = "penugasan", "Penugasan area dan PIC"

    waktu = models.DateTimeField(default=timezone.now, db_index=True)
    pelaku = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    satker = models.ForeignKey(
        Satker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rencana = models.ForeignKey(
        RencanaAksi, null=True, blank=True, on_delete=models.SET_NULL, related_name="riwayat"
    )
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.SET_NULL, related_name="riwayat"
    )
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    objek = models.CharField(max_length=255, blank=True)
    dari = models.TextField(blank=True)
    ke = models.TextField(blank=True)
    catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = "riwayat"
        verbose_name_plural = "riwayat"
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["indikator", "-waktu"], name="riwayat_indikator_waktu")]

    def __str__(self):
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.get_jenis_display()} {self.objek}"


class PemetaanKolom(models.Model):
    """An office's own column names mapped to ours, remembered from its last import
    ({"URAIAN KEGIATAN": "LANGKAH AKSI", "KETERANGAN": ""}; "" ignores a column)."""

    satker = models.OneToOneField(Satker, on_delete=models.CASCADE, related_name="pemetaan")
    kolom = models.JSONField(default=dict)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pemetaan kolom impor"
        verbose_name_plural = "pemetaan kolom impor"

    def __str__(self):
        return f"Pemetaan {self.satker}"


class BerkasImpor(models.Model):
    """An uploaded Excel or Word Lampiran between its preview and its confirmation. Once
    confirmed it is written as background work (status antri → proses → selesai or gagal);
    the row goes when its result has been shown, or with the orphan sweep after a day."""

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Menunggu konfirmasi"
        ANTRI = "antri", "Menunggu giliran"
        PROSES = "proses", "Sedang ditulis"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="+")
    berkas = models.FileField(upload_to="impor/%Y/")
    nama = models.CharField(max_length=255)
    jenis = models.CharField(max_length=4)  # "xlsx" or "docx"
    dibuat_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRATINJAU)
    pesan = models.TextField(blank=True)  # the outcome, as the user will read it
    # What the user chose for this file on the preview: the header row, what each column is,
    # the columns whose cells stay whole. The office's remembered mapping fills the rest.
    pemetaan = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "berkas impor"
        verbose_name_plural = "berkas impor"

    def __str__(self):
        return self.nama
