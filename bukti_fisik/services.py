"""Writes to the evidence: upload, review, langkah aksi status, kendala, notifications.

Each function is one business action in one transaction and leaves a history row.
"""

from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from rencana_aksi.models import Riwayat
from rencana_aksi.services import riwayat_record

from .models import Kendala, Notifikasi, Slot, Unggahan
from .uploads import file_digest, inspect_upload, original_name


class EvidenceError(Exception):
    """A refused action; the message is meant for the user."""


class SlotChanged(EvidenceError):
    """The slot changed after the user loaded it (another reviewer or a new upload)."""


SLOT_CHANGED = (
    "Slot bukti ini sudah berubah sejak halaman Anda dibuka (ada peninjau lain atau unggahan "
    "baru). Tidak ada yang disimpan; periksa keadaan terbaru lalu ulangi bila perlu."
)


def _slot_for_update(bukti, periode):
    """The slot row of bukti × periode, created on first use and locked for this transaction."""
    defaults = {
        "indikator_id": bukti.indikator_id,
        "label": periode.label,
        "mulai": periode.mulai,
        "jatuh_tempo": periode.jatuh_tempo,
    }
    try:
        with transaction.atomic():
            slot, _ = Slot.objects.get_or_create(
                bukti_fisik=bukti, kode=periode.kode, defaults=defaults
            )
    except IntegrityError:
        # Another upload created it at the same moment.
        pass
    return Slot.objects.select_for_update().get(bukti_fisik=bukti, kode=periode.kode)


def _slot_refresh(slot, *, bump=True):
    """Derive the slot's status from its current versions: any version sent back and not
    replaced → perlu perbaikan; else any waiting → menunggu; else all verified."""
    statuses = list(
        Unggahan.objects.filter(slot=slot, diganti=False).values_list("status", flat=True)
    )
    if not statuses:
        status = Slot.Status.BELUM_ADA
    elif Unggahan.Status.PERLU_PERBAIKAN in statuses:
        status = Slot.Status.PERLU_PERBAIKAN
    elif Unggahan.Status.MENUNGGU in statuses:
        status = Slot.Status.MENUNGGU
    else:
        status = Slot.Status.TERVERIFIKASI
    now = timezone.now()
    slot.status = status
    slot.ada_bukti = any(s != Unggahan.Status.PERLU_PERBAIKAN for s in statuses)
    if status == Slot.Status.TERVERIFIKASI:
        slot.terverifikasi_pada = slot.terverifikasi_pada or now
    else:
        slot.terverifikasi_pada = None
    slot.diubah = now
    fields = ["status", "ada_bukti", "terverifikasi_pada", "diubah"]
    if bump:
        slot.revisi += 1
        fields.append("revisi")
    slot.save(update_fields=fields)
    return slot


def _slot_objek(slot, unggahan=None):
    name = f"{slot.bukti_fisik.nama[:80]} — {slot.label}"
    if unggahan is not None:
        name += f" — versi {unggahan.versi}: {unggahan.nama_asli}"
    return name[:255]


@transaction.atomic
def bukti_upload(bukti, periode, files, *, user, tanggal_dokumen, catatan=""):
    """Store each file as a new version of the slot bukti × periode. Every file is checked by
    content first; if any is refused, nothing is stored and UploadRefused says why. A new
    upload replaces the versions that were sent back for correction."""
    if not files:
        raise EvidenceError("Pilih sedikitnya satu berkas.")
    checked = [(uploaded, inspect_upload(uploaded)) for uploaded in files]
    slot = _slot_for_update(bukti, periode)
    status_before = slot.status
    versi = (slot.unggahan.aggregate(last=Max("versi"))["last"] or 0) + 1
    storage = storages["bukti"]
    saved, created = [], []
    try:
        for offset, (uploaded, mime) in enumerate(checked):
            unggahan = Unggahan(
                slot=slot,
                versi=versi + offset,
                nama_asli=original_name(uploaded),
                ukuran=uploaded.size,
                sha256=file_digest(uploaded),
                jenis_konten=mime,
                tanggal_dokumen=tanggal_dokumen,
                catatan=catatan,
                diunggah_oleh=user,
            )
            unggahan.berkas.save("bukti", uploaded, save=False)
            saved.append(unggahan.berkas.name)
            unggahan.save()
            created.append(unggahan)
        Unggahan.objects.filter(
            slot=slot, status=Unggahan.Status.PERLU_PERBAIKAN, diganti=False
        ).exclude(pk__in=[u.pk for u in created]).update(diganti=True)
        _slot_refresh(slot)
    except Exception:
        # The rows roll back with the transaction; the files must go by hand.
        for name in saved:
            storage.delete(name)
        raise
    indikator = bukti.indikator
    for unggahan in created:
        riwayat_record(
            Riwayat.Jenis.UNGGAH,
            pelaku=user,
            indikator=indikator,
            objek=_slot_objek(slot, unggahan),
            dari=Slot.Status(status_before).label,
            ke=slot.get_status_display(),
            catatan=catatan,
        )
    return created


@transaction.atomic
def bukti_review(unggahan, *, user, setuju, catatan="", revisi):
    """Verify a version (setuju) or send it back with a required note. Applies only if the
    slot is still at `revisi`, the state the reviewer saw: of two reviewers acting at once,
    exactly one wins and the other gets SlotChanged."""
    catatan = catatan.strip()
    if not setuju and not catatan:
        raise EvidenceError("Tuliskan catatan perbaikan: apa yang harus diperbaiki pengunggah.")
    if unggahan.diunggah_oleh_id == user.pk:
        raise EvidenceError("Bukti yang Anda unggah sendiri harus diverifikasi orang lain.")
    now = timezone.now()
    won = Slot.objects.filter(pk=unggahan.slot_id, revisi=revisi).update(
        revisi=F("revisi") + 1, diubah=now
    )
    if not won:
        raise SlotChanged(SLOT_CHANGED)
    status = Unggahan.Status.TERVERIFIKASI if setuju else Unggahan.Status.PERLU_PERBAIKAN
    changed = Unggahan.objects.filter(
        pk=unggahan.pk, status=Unggahan.Status.MENUNGGU, diganti=False
    ).update(status=status, ditinjau_oleh=user, ditinjau=now, catatan_tinjauan=catatan)
    if not changed:
        raise SlotChanged(SLOT_CHANGED)
    slot = Slot.objects.select_related("bukti_fisik").get(pk=unggahan.slot_id)
    before = slot.get_status_display()
    _slot_refresh(slot, bump=False)
    unggahan.refresh_from_db()
    riwayat_record(
        Riwayat.Jenis.VERIFIKASI if setuju else Riwayat.Jenis.PERBAIKAN,
        pelaku=user,
        indikator=slot.indikator,
        objek=_slot_objek(slot, unggahan),
        dari=before,
        ke=slot.get_status_display(),
        catatan=catatan,
    )
    return unggahan


@transaction.atomic
def langkah_status_update(langkah, *, user, status, tanggal, catatan=""):
    """Set a langkah aksi's status with its date and note; the change goes to the history."""
    before = langkah.get_status_display()
    langkah.status = status
    langkah.status_tanggal = tanggal
    langkah.status_catatan = catatan
    langkah.save(update_fields=["status", "status_tanggal", "status_catatan"])
    riwayat_record(
        Riwayat.Jenis.LANGKAH,
        pelaku=user,
        indikator=langkah.indikator,
        objek=f"Langkah aksi: {langkah.uraian[:200]}",
        dari=before,
        ke=langkah.get_status_display(),
        catatan=catatan,
    )
    return langkah


@transaction.atomic
def kendala_add(indikator, *, user, kendala, tindak_lanjut=""):
    """Add an entry to the indikator's log of kendala and tindak lanjut."""
    entry = Kendala.objects.create(
        indikator=indikator, kendala=kendala, tindak_lanjut=tindak_lanjut, penulis=user
    )
    riwayat_record(
        Riwayat.Jenis.KENDALA,
        pelaku=user,
        indikator=indikator,
        objek="Kendala",
        ke=kendala,
        catatan=tindak_lanjut,
    )
    return entry


def notifikasi_mark_read(user, pk=None):
    """Mark one notification (or, without pk, all) of this user as read."""
    unread = Notifikasi.objects.filter(penerima=user, dibaca__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(dibaca=timezone.now())
