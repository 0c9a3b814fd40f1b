"""Writes to the evidence: upload, review, langkah aksi status, kendala, notifications.

Each function is one business action in one transaction and leaves a history row.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from rencana_aksi.jadwal import SEGERA, TERLAMBAT
from rencana_aksi.models import (
    Indikator,
    Membership,
    RencanaAksi,
    Riwayat,
    Role,
    User,
)
from rencana_aksi.services import riwayat_record

from .models import (
    Arahan,
    Kendala,
    Notifikasi,
    Pengingat,
    Slot,
    Unggahan,
    slot_desakan,
    slot_status,
    tanggal_diterima,
)
from .permissions import REVIEWER_ROLES, unggahan_reviewable_by
from .selectors import slot_rows, slots_of
from .uploads import file_digest, inspect_upload, nama_aman, original_name


class EvidenceError(Exception):
    """A refused action; the message is meant for the user."""


class SlotChanged(EvidenceError):
    """The slot changed after the user loaded it (another reviewer or a new upload)."""


NOT_YOURS = (
    "tidak lagi menunggu keputusan Anda (sudah diputuskan peninjau lain, atau Anda sendiri "
    "pengunggahnya); tidak ada yang diubah."
)
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


def _slot_refresh(slot, *, bump=True, now=None):
    """Store the slot's status as derived from its current versions (slot_status)."""
    current = list(
        Unggahan.objects.filter(slot=slot, diganti=False).values_list("status", "diunggah")
    )
    status, slot.ada_bukti = slot_status(s for s, _ in current)
    slot.diterima = tanggal_diterima(current)
    now = now or timezone.now()
    slot.status = status
    if status == Slot.Status.TERVERIFIKASI:
        slot.terverifikasi_pada = slot.terverifikasi_pada or now
    else:
        slot.terverifikasi_pada = None
    slot.diubah = now
    fields = ["status", "ada_bukti", "diterima", "terverifikasi_pada", "diubah"]
    if bump:
        slot.revisi += 1
        fields.append("revisi")
    slot.save(update_fields=fields)
    return slot


def notifikasi_kirim(
    penerima, *, kunci, judul, isi="", tautan="", dibuat=None, surel=None, kirim_surel=True
):
    """One in-app notification per person of `penerima` (users), and, with `kirim_surel`, one
    email to those with an address (`surel`, else the text and its link), sent once the
    transaction commits. `kunci` names the event: the same event is never notified twice to
    the same person."""
    dibuat = dibuat or timezone.now()
    people = {user.pk: user for user in penerima if user is not None and user.is_active}
    Notifikasi.objects.bulk_create(
        [
            Notifikasi(
                penerima_id=pk, kunci=kunci, judul=judul, isi=isi, tautan=tautan, dibuat=dibuat
            )
            for pk in people
        ],
        ignore_conflicts=True,
    )
    body = surel or isi + (f"\n\n{settings.ZI_PUBLIC_URL}{tautan}" if tautan else "")
    for user in people.values() if kirim_surel else ():
        if user.email:
            transaction.on_commit(
                lambda to=user.email: send_mail(f"[ZI Tracker] {judul}", body, None, [to])
            )


def _slot_objek(slot, unggahan=None):
    name = f"{slot.bukti_fisik.nama[:80]} — {slot.label}"
    if unggahan is not None:
        name += f" — versi {unggahan.versi}: {unggahan.nama_asli}"
    return name[:255]


@transaction.atomic
def bukti_upload(bukti, periode, files, *, user, tanggal_dokumen, catatan="", pada=None):
    """Store each file as a new version of the slot bukti × periode. Every file is checked by
    content first; if any is refused, nothing is stored and UploadRefused says why. A new
    upload replaces the versions that were sent back for correction. `pada` records it as
    made at that moment (now by default)."""
    pada = pada or timezone.now()
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
                nama_asli=nama_aman(original_name(uploaded)),
                ukuran=uploaded.size,
                sha256=file_digest(uploaded),
                jenis_konten=mime,
                tanggal_dokumen=tanggal_dokumen,
                catatan=catatan,
                diunggah_oleh=user,
                diunggah=pada,
            )
            unggahan.berkas.save("bukti", uploaded, save=False)
            saved.append(unggahan.berkas.name)
            unggahan.save()
            created.append(unggahan)
        Unggahan.objects.filter(
            slot=slot, status=Unggahan.Status.PERLU_PERBAIKAN, diganti=False
        ).exclude(pk__in=[u.pk for u in created]).update(diganti=True)
        _slot_refresh(slot, now=pada)
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
            waktu=pada,
        )
    return created


@transaction.atomic
def bukti_review(unggahan, *, user, setuju, catatan="", revisi, pada=None):
    """Verify a version (setuju) or send it back with a required note. Applies only if the
    slot is still at `revisi`, the state the reviewer saw: of two reviewers acting at once,
    exactly one wins and the other gets SlotChanged. `pada` as in bukti_upload."""
    catatan = catatan.strip()
    if not setuju and not catatan:
        raise EvidenceError("Tuliskan catatan perbaikan: apa yang harus diperbaiki pengunggah.")
    if unggahan.diunggah_oleh_id == user.pk:
        raise EvidenceError("Bukti yang Anda unggah sendiri harus diverifikasi orang lain.")
    now = pada or timezone.now()
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
    slot = Slot.objects.select_related("bukti_fisik", "indikator__komponen__area__rencana").get(
        pk=unggahan.slot_id
    )
    before = slot.get_status_display()
    _slot_refresh(slot, bump=False, now=now)
    unggahan.refresh_from_db()
    riwayat_record(
        Riwayat.Jenis.VERIFIKASI if setuju else Riwayat.Jenis.PERBAIKAN,
        pelaku=user,
        indikator=slot.indikator,
        objek=_slot_objek(slot, unggahan),
        dari=before,
        ke=slot.get_status_display(),
        catatan=catatan,
        waktu=now,
    )
    _review_notify(unggahan, slot, user, setuju, catatan, now, recorded_now=pada is None)
    return unggahan


def _review_notify(unggahan, slot, reviewer, setuju, catatan, now, recorded_now=True):
    """The uploader hears of the decision at once, with the reviewer's note."""
    if unggahan.diunggah_oleh_id is None:
        return
    judul = "Bukti Anda terverifikasi" if setuju else "Bukti Anda dikembalikan untuk diperbaiki"
    lines = [
        f"{unggahan.nama_asli} (versi {unggahan.versi}) — {slot.bukti_fisik.nama[:120]}, "
        f"{slot.label}.",
        f"Ditinjau oleh {reviewer}.",
    ]
    if catatan:
        lines.append(f"Catatan peninjau: {catatan}")
    if not setuju:
        lines.append("Unggah versi perbaikan pada halaman slot bukti ini.")
    notifikasi_kirim(
        [User.objects.get(pk=unggahan.diunggah_oleh_id)],
        kunci=f"tinjauan:{unggahan.pk}",
        judul=judul,
        isi="\n".join(lines),
        tautan=reverse("bukti_fisik:slot", args=[slot.bukti_fisik_id, slot.kode]),
        dibuat=now,
        # Mail says what just happened; a review recorded at an earlier moment is not mailed.
        kirim_surel=recorded_now,
    )


@transaction.atomic
def langkah_status_update(langkah, *, user, status, tanggal, catatan="", pada=None):
    """Set a langkah aksi's status with its date and note; the change goes to the history
    (at `pada`, now by default)."""
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
        waktu=pada,
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


def _arahan_penerima(rencana, area=None, indikator=None):
    """Who an arahan is for: the PIC of the indikator; for an area, the PIC of each of its
    indikator and its Koordinator. The office's Ketua Tim when nobody is named."""
    if indikator is not None:
        ids = {indikator.pic_id} - {None}
    else:
        ids = set(
            Indikator.objects.filter(komponen__area=area, pic__isnull=False).values_list(
                "pic_id", flat=True
            )
        ) | set(
            Membership.objects.filter(
                satker_id=rencana.satker_id, role=Role.KOORDINATOR, areas=area
            ).values_list("user_id", flat=True)
        )
    if not ids:
        ids = set(
            Membership.objects.filter(satker_id=rencana.satker_id, role=Role.KETUA_TIM).values_list(
                "user_id", flat=True
            )
        )
    return User.objects.filter(pk__in=ids, is_active=True)


@transaction.atomic
def arahan_add(*, user, teks, area=None, indikator=None):
    """Record a leader's direction on an area or an indikator and notify those it is for."""
    teks = teks.strip()
    if not teks:
        raise EvidenceError("Tuliskan arahannya.")
    if (area is None) == (indikator is None):
        raise EvidenceError("Arahan ditujukan ke satu area atau satu indikator.")
    rencana = (indikator.komponen.area if indikator else area).rencana
    arahan = Arahan.objects.create(
        rencana=rencana, area=area, indikator=indikator, teks=teks, penulis=user
    )
    sasaran = (
        f"Indikator {indikator.nomor} {indikator.nama[:120]}".replace("  ", " ")
        if indikator
        else f"Area {area.nomor}. {area.nama}"
    )
    riwayat_record(
        Riwayat.Jenis.ARAHAN,
        pelaku=user,
        indikator=indikator,
        rencana=rencana,
        objek=sasaran[:255],
        ke=teks,
    )
    tautan = (
        reverse("bukti_fisik:indikator", args=[indikator.pk]) + "#arahan"
        if indikator
        else reverse("monev:dashboard", args=[rencana.pk]) + f"?area={area.pk}#arahan"
    )
    notifikasi_kirim(
        [p for p in _arahan_penerima(rencana, area, indikator) if p.pk != user.pk],
        kunci=f"arahan:{arahan.pk}",
        judul=f"Arahan pimpinan: {sasaran[:150]}",
        isi=f"{user} memberi arahan:\n{teks}",
        tautan=tautan,
    )
    return arahan


def notifikasi_mark_read(user, pk=None):
    """Mark one notification (or, without pk, all) of this user as read."""
    unread = Notifikasi.objects.filter(penerima=user, dibaca__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(dibaca=timezone.now())


REVIEW_WAIT_DAYS = 3


def _due_reminders(today, ketua):
    """(recipient id, key, line, link) for each slot without accepted evidence that is due
    soon (jadwal.segera, in the office's window) or already late: to the PIC and everyone who
    uploaded to it, or to the office's Ketua Tim when nobody is named."""
    indikator_list = list(
        Indikator.objects.filter(komponen__area__rencana__in=RencanaAksi.objects.berlaku())
        .select_related("target_waktu", "komponen__area__rencana__satker")
        .prefetch_related("bukti_fisik")
    )
    rows = slot_rows([i.pk for i in indikator_list])
    uploaders = defaultdict(set)
    for slot_id, user_id in Unggahan.objects.filter(
        slot__indikator__in=indikator_list, diunggah_oleh__isnull=False
    ).values_list("slot_id", "diunggah_oleh_id"):
        uploaders[slot_id].add(user_id)
    for indikator in indikator_list:
        rencana = indikator.komponen.area.rencana
        for slot in slots_of(indikator, rencana.tahun, rows):
            desakan = slot_desakan(slot, today, rencana.satker.pengingat_hari)
            if desakan not in (TERLAMBAT, SEGERA):
                continue
            late = desakan == TERLAMBAT
            people = set(uploaders.get(slot.pk, ())) | {indikator.pic_id} - {None}
            people = people or ketua.get(rencana.satker_id, set())
            when = date_format(slot.jatuh_tempo, "j F Y")
            line = (
                f"{'TERLAMBAT' if late else 'Jatuh tempo'} {when}: {slot.bukti_fisik.nama[:90]} "
                f"({slot.label}) — {slot.get_status_display().lower()}"
            )
            link = reverse("bukti_fisik:slot", args=[slot.bukti_fisik_id, slot.kode])
            key = f"{'terlambat' if late else 'jatuh-tempo'}:{slot.bukti_fisik_id}:{slot.kode}"
            for person in people:
                yield person, key, line, link


def _review_reminders(now):
    """Reminders to each reviewer of the versions they may decide (unggahan_reviewable_by)
    that have waited longer than REVIEW_WAIT_DAYS: one query per reviewer."""
    reviewers = User.objects.filter(
        pk__in=Membership.objects.filter(role__in=REVIEWER_ROLES).values("user_id"),
        is_active=True,
    )
    for reviewer in reviewers:
        waiting = (
            unggahan_reviewable_by(reviewer)
            .filter(
                diunggah__lte=now - timedelta(days=REVIEW_WAIT_DAYS),
                slot__indikator__komponen__area__rencana__in=RencanaAksi.objects.berlaku(),
            )
            .select_related("slot__bukti_fisik")
        )
        for unggahan in waiting:
            slot = unggahan.slot
            since = date_format(timezone.localtime(unggahan.diunggah), "j F Y")
            line = (
                f"Menunggu verifikasi sejak {since}: {unggahan.nama_asli} — "
                f"{slot.bukti_fisik.nama[:80]} ({slot.label})"
            )
            link = reverse("bukti_fisik:slot", args=[slot.bukti_fisik_id, slot.kode])
            yield reviewer.pk, f"tinjau:{unggahan.pk}", line, link


def _ketua_by_satker():
    ketua = defaultdict(set)
    for user_id, satker_id in Membership.objects.filter(role=Role.KETUA_TIM).values_list(
        "user_id", "satker_id"
    ):
        ketua[satker_id].add(user_id)
    return ketua


@transaction.atomic
def reminders_send(now=None):
    """Give every reminder that is due and was not given before: one notification (and one
    email, where the person has an address) per person per run, listing the new items. Safe
    to run as often as wanted. Returns {user id: number of new items}."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    fresh = defaultdict(list)
    candidates = [*_due_reminders(today, _ketua_by_satker()), *_review_reminders(now)]
    given = set(
        Pengingat.objects.filter(kunci__in={key for _, key, _, _ in candidates}).values_list(
            "penerima_id", "kunci"
        )
    )
    for person, key, line, link in candidates:
        if (person, key) in given:
            continue
        given.add((person, key))
        fresh[person].append((key, line, link))
    Pengingat.objects.bulk_create(
        [
            Pengingat(penerima_id=p, kunci=k, dikirim=now)
            for p, items in fresh.items()
            for k, _, _ in items
        ],
        ignore_conflicts=True,
    )
    users = User.objects.in_bulk(list(fresh))
    for person, items in fresh.items():
        notifikasi_kirim(
            [users.get(person)],
            kunci=f"pengingat:{now.isoformat()}",
            judul=f"{len(items)} pengingat bukti fisik",
            isi="\n".join(line for _, line, _ in items),
            tautan=items[0][2] if len(items) == 1 else reverse("bukti_fisik:notifikasi"),
            dibuat=now,
            surel="\n".join(
                f"- {line}\n  {settings.ZI_PUBLIC_URL}{link}" for _, line, link in items
            ),
        )
    return {person: len(items) for person, items in fresh.items()}
