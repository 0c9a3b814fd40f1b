"""Evidence: uploads per bukti fisik and period, their review, the kendala log and reminders.

A slot (one bukti fisik × one period of the plan year) is computed from the schedule; its row is
created by the first upload. So a schedule change adds or drops only slots without evidence,
and a slot that holds evidence is never deleted.
"""

import secrets

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from rencana_aksi.jadwal import desakan
from rencana_aksi.models import Area, BuktiFisik, Indikator, RencanaAksi, User


def bukti_storage():
    return storages["bukti"]


def bukti_path(instance, filename):
    # The name on disk is random and has no extension: nothing on disk says what the file is,
    # and nothing the uploader chose ends up in a path.
    now = timezone.now()
    return f"{now:%Y/%m}/{secrets.token_hex(16)}"


class Slot(models.Model):
    """The evidence of one bukti fisik for one period; `revisi` grows with every change so a
    reviewer's decision applies only to the state they saw."""

    class Status(models.TextChoices):
        BELUM_ADA = "belum_ada", "Belum ada"
        MENUNGGU = "menunggu", "Menunggu verifikasi"
        TERVERIFIKASI = "terverifikasi", "Terverifikasi"
        PERLU_PERBAIKAN = "perlu_perbaikan", "Perlu perbaikan"

    bukti_fisik = models.ForeignKey(BuktiFisik, on_delete=models.PROTECT, related_name="slot")
    # Copied from bukti_fisik so page and dashboard reads filter without a join.
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="slot")
    kode = models.CharField(max_length=40)
    label = models.CharField(max_length=80)
    mulai = models.DateField()
    jatuh_tempo = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BELUM_ADA)
    # True while a version that was not sent back is on file (the "bukti terkumpul" count).
    ada_bukti = models.BooleanField(default=False)
    terverifikasi_pada = models.DateTimeField(null=True, blank=True)
    # Local date of the earliest verified current version's upload (tanggal_diterima): the
    # "tepat waktu" count compares it with jatuh_tempo in SQL, without reading the versions.
    diterima = models.DateField(null=True, blank=True)
    revisi = models.PositiveIntegerField(default=0)
    diubah = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "slot bukti"
        verbose_name_plural = "slot bukti"
        ordering = ["bukti_fisik", "mulai"]
        constraints = [
            models.UniqueConstraint(fields=["bukti_fisik", "kode"], name="slot_per_periode")
        ]

    def __str__(self):
        return f"{self.bukti_fisik} — {self.label}"


class Unggahan(models.Model):
    """One uploaded file: a version of its slot. Never overwritten, never deleted."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu verifikasi"
        TERVERIFIKASI = "terverifikasi", "Terverifikasi"
        PERLU_PERBAIKAN = "perlu_perbaikan", "Perlu perbaikan"

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="unggahan")
    versi = models.PositiveIntegerField()
    berkas = models.FileField(storage=bukti_storage, upload_to=bukti_path, max_length=200)
    nama_asli = models.CharField(max_length=255)
    ukuran = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    jenis_konten = models.CharField(max_length=120)
    tanggal_dokumen = models.DateField()
    catatan = models.TextField(blank=True)
    diunggah_oleh = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="unggahan"
    )
    diunggah = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.MENUNGGU)
    # A version sent back for correction is replaced by the next upload to its slot.
    diganti = models.BooleanField(default=False)
    ditinjau_oleh = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditinjau = models.DateTimeField(null=True, blank=True)
    catatan_tinjauan = models.TextField(blank=True)

    class Meta:
        verbose_name = "unggahan"
        verbose_name_plural = "unggahan"
        ordering = ["slot", "versi"]
        constraints = [models.UniqueConstraint(fields=["slot", "versi"], name="unggahan_versi")]
        indexes = [models.Index(fields=["status", "diunggah"], name="unggahan_antrian")]

    def __str__(self):
        return f"{self.nama_asli} (versi {self.versi})"

    @property
    def bisa_dilihat(self):
        """Browsers show PDFs and the common image types inline (HEIC photos converted to
        JPEG for it); everything else downloads."""
        return self.jenis_konten in INLINE_TYPES


INLINE_TYPES = frozenset(
    {"application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"}
)


def slot_status(current):
    """A slot's status from the statuses of its current versions (those not replaced by a
    later upload), and whether it holds evidence: any sent back → perlu perbaikan; else any
    waiting → menunggu; else all verified; nothing → belum ada. It holds evidence ("bukti
    terkumpul") while a version that was not sent back is on file. The one derivation used by
    the services and by every data generator."""
    current = list(current)
    if not current:
        status = Slot.Status.BELUM_ADA
    elif Unggahan.Status.PERLU_PERBAIKAN in current:
        status = Slot.Status.PERLU_PERBAIKAN
    elif Unggahan.Status.MENUNGGU in current:
        status = Slot.Status.MENUNGGU
    else:
        status = Slot.Status.TERVERIFIKASI
    return status, any(s != Unggahan.Status.PERLU_PERBAIKAN for s in current)


def tanggal_diterima(current):
    """The local date the slot's evidence was received: the earliest upload among its current
    versions that are verified, or None. `current` holds (status, diunggah) pairs."""
    times = [diunggah for status, diunggah in current if status == Unggahan.Status.TERVERIFIKASI]
    return timezone.localdate(min(times)) if times else None


def slot_desakan(slot, today, hari):
    """jadwal.desakan of a slot (stored or still empty): its evidence is in when it is
    waiting for review or verified."""
    ada_bukti = slot.status in (Slot.Status.MENUNGGU, Slot.Status.TERVERIFIKASI)
    return desakan(slot.jatuh_tempo, today, hari, ada_bukti)


class TusUnggahan(models.Model):
    """A resumable upload in progress (bukti_fisik.tus): what it is for, how far it has come.
    Its bytes sit in a partial file until the last one arrives; then it becomes a version
    through the same checks as a form upload, or is refused and removed. Stale ones expire."""

    id = models.UUIDField(primary_key=True)
    pengguna = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    bukti_fisik = models.ForeignKey(BuktiFisik, on_delete=models.CASCADE, related_name="+")
    periode = models.CharField(max_length=40)
    nama = models.CharField(max_length=255)
    tanggal_dokumen = models.DateField()
    catatan = models.TextField(blank=True)  # the uploader's note, kept with the version
    panjang = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    dibuat = models.DateTimeField(default=timezone.now)
    kedaluwarsa = models.DateTimeField()

    class Meta:
        verbose_name = "unggahan bertahap"
        verbose_name_plural = "unggahan bertahap"

    def __str__(self):
        return f"{self.nama} ({self.offset}/{self.panjang})"


class Kendala(models.Model):
    """An obstacle met while carrying out an indikator, and what was done about it."""

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="kendala")
    kendala = models.TextField()
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)
    penulis = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kendala"
        verbose_name_plural = "kendala"
        ordering = ["-dibuat", "-id"]

    def __str__(self):
        return self.kendala[:80]


class Arahan(models.Model):
    """A direction from a leader (Pimpinan) on one area or one indikator of a plan."""

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="arahan")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="arahan"
    )
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.CASCADE, related_name="arahan"
    )
    teks = models.TextField()
    penulis = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "arahan"
        verbose_name_plural = "arahan"
        ordering = ["-dibuat", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__isnull=False, indikator__isnull=True)
                | models.Q(area__isnull=True, indikator__isnull=False),
                name="arahan_satu_sasaran",
            )
        ]

    def __str__(self):
        return self.teks[:80]


class Notifikasi(models.Model):
    """An in-app message; `kunci` names the reminder so the same one is never sent twice."""

    penerima = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifikasi")
    kunci = models.CharField(max_length=120)
    judul = models.CharField(max_length=200)
    isi = models.TextField(blank=True)
    tautan = models.CharField(max_length=300, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    dibaca = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"], name="notifikasi_sekali")
        ]
        indexes = [models.Index(fields=["penerima", "dibaca"], name="notifikasi_belum_dibaca")]

    def __str__(self):
        return self.judul


class Pengingat(models.Model):
    """A reminder already given to one person (a slot due or late, a version waiting): the
    reminder job skips what is recorded here, so running it often never repeats a reminder."""

    penerima = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kunci = models.CharField(max_length=120)
    dikirim = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"], name="pengingat_sekali")
        ]

    def __str__(self):
        return self.kunci
