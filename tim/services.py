"""Writes of the team: invitations and their acceptance, roles, deactivation, assignments,
offices below a parent office, and office settings. Each is one transaction and leaves history
rows (who, when, before → after) on the office."""

from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from rencana_aksi.models import (
    Area,
    Indikator,
    Membership,
    RencanaAksi,
    Riwayat,
    Role,
    Satker,
    User,
)
from rencana_aksi.services import riwayat_record, satker_create, satker_update

from .models import Undangan

UNDANGAN_HARI = 7
_SALT = "zi-tracker.undangan"
# Roles whose work is limited to assigned areas.
AREA_ROLES = frozenset({Role.KOORDINATOR, Role.ANGGOTA})
CHILD_LEVEL = {
    Satker.Tingkat.PUSAT: Satker.Tingkat.PROVINSI,
    Satker.Tingkat.PROVINSI: Satker.Tingkat.KABKOTA,
}


class TimError(Exception):
    """A refused team change; the message is meant for the user."""


def _record(satker, objek, *, user, dari="", ke="", catatan="", jenis=Riwayat.Jenis.KEANGGOTAAN):
    riwayat_record(
        jenis, pelaku=user, satker=satker, objek=objek[:255], dari=dari, ke=ke, catatan=catatan
    )


# ---- invitations


def undangan_link(undangan):
    """The signed address of an invitation, as mailed."""
    token = signing.TimestampSigner(salt=_SALT).sign(undangan.kunci)
    return settings.ZI_PUBLIC_URL.rstrip("/") + reverse("tim:undangan", args=[token])


def undangan_from_token(token):
    """The invitation a link names, or None when the link is forged, expired, used or
    cancelled."""
    try:
        kunci = signing.TimestampSigner(salt=_SALT).unsign(
            token, max_age=timedelta(days=UNDANGAN_HARI)
        )
    except signing.BadSignature:
        return None
    undangan = Undangan.objects.select_related("satker").filter(kunci=kunci).first()
    return undangan if undangan is not None and undangan.berlaku() else None


def _undangan_message(undangan):
    context = {
        "undangan": undangan,
        "tautan": undangan_link(undangan),
        "hari": UNDANGAN_HARI,
        "zi_public_url": settings.ZI_PUBLIC_URL,
    }
    return EmailMessage(
        f"[ZI Tracker] Undangan bergabung dengan {undangan.satker.nama}",
        render_to_string("tim/email/undangan.txt", context),
        None,
        [undangan.email],
    )


def _send_after_commit(undangan_list):
    """Mail the invitations once they are stored for good, over one connection."""
    ids = [u.pk for u in undangan_list]

    def send():
        items = Undangan.objects.filter(pk__in=ids).select_related("satker")
        get_connection().send_messages([_undangan_message(u) for u in items])

    transaction.on_commit(send)


def _areas_checked(satker, areas, role):
    areas = list(areas or ())
    if areas and role not in AREA_ROLES:
        raise TimError("Area tugas hanya untuk Koordinator area dan Anggota Tim ZI.")
    if any(a.rencana.satker_id != satker.pk for a in areas):
        raise TimError("Area yang dipilih bukan milik satker ini.")
    return areas


def undangan_check(satker, email, role):
    """Why `email` cannot be invited to `role` here, or None."""
    if role not in Role.values:
        return "Peran tidak dikenal."
    if Membership.objects.filter(satker=satker, role=role, user__email__iexact=email).exists():
        return f"{email} sudah menjadi {Role(role).label} di {satker.nama}."
    return None


@transaction.atomic
def undangan_create(satker, *, email, role, user, nama="", areas=()):
    """Invite an email address to a role in the office; a pending invitation of the same
    address and role is replaced (the old link stops working). Mailed after commit."""
    email = email.strip().lower()
    if problem := undangan_check(satker, email, role):
        raise TimError(problem)
    [undangan] = _undangan_bulk(
        satker, [(email, nama, role, _areas_checked(satker, areas, role))], user
    )
    return undangan


def _undangan_bulk(satker, rows, user):
    """Store invitations for (email, nama, role, areas) rows already checked; a few queries
    whatever the number of rows."""
    now = timezone.now()
    keys = Q()
    for email, _, role, _ in rows:
        keys |= Q(email=email, role=role)
    Undangan.objects.filter(keys, satker=satker, diterima=None, dibatalkan=None).update(
        dibatalkan=now
    )
    made = Undangan.objects.bulk_create(
        Undangan(
            satker=satker,
            email=email,
            nama=nama,
            role=role,
            dibuat_oleh=user,
            dibuat=now,
            kedaluwarsa=now + timedelta(days=UNDANGAN_HARI),
        )
        for email, nama, role, _ in rows
    )
    Undangan.areas.through.objects.bulk_create(
        Undangan.areas.through(undangan_id=u.pk, area_id=area.pk)
        for u, (_, _, _, areas) in zip(made, rows, strict=True)
        for area in areas
    )
    Riwayat.objects.bulk_create(
        Riwayat(
            jenis=Riwayat.Jenis.KEANGGOTAAN,
            pelaku=user,
            satker=satker,
            waktu=now,
            objek=f"Undangan {email}"[:255],
            ke=f"diundang sebagai {Role(role).label}",
        )
        for email, _, role, _ in rows
    )
    _send_after_commit(made)
    return made


@transaction.atomic
def undangan_bulk_create(satker, rows, *, user):
    """Invite every row of a checked import ((email, nama, role, areas) each) at once."""
    return _undangan_bulk(satker, rows, user)


@transaction.atomic
def undangan_cancel(undangan, *, user):
    """Withdraw a pending invitation; its link stops working."""
    if not undangan.berlaku():
        raise TimError("Undangan ini sudah tidak berlaku.")
    Undangan.objects.filter(pk=undangan.pk).update(dibatalkan=timezone.now())
    _record(undangan.satker, f"Undangan {undangan.email}", user=user, ke="dibatalkan")


def _membership_grant(user, satker, role, areas, *, pelaku):
    membership = Membership.semua.filter(user=user, satker=satker, role=role).first()
    if membership is None:
        membership = Membership.objects.create(user=user, satker=satker, role=role)
    elif not membership.aktif:
        Membership.semua.filter(pk=membership.pk).update(aktif=True)
    if areas:
        membership.areas.add(*areas)
    _record(satker, f"{user} — {Role(role).label}", user=pelaku, ke="bergabung")
    return membership


@transaction.atomic
def undangan_accept(undangan, *, user=None, akun=None):
    """Accept an invitation: as the signed-in `user` whose email it names, or by creating the
    account described by `akun` (username, first_name, password). Used once."""
    undangan = Undangan.objects.select_for_update().select_related("satker").get(pk=undangan.pk)
    if not undangan.berlaku():
        raise TimError("Undangan ini sudah dipakai, dibatalkan, atau kedaluwarsa.")
    if user is None:
        username = akun["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise TimError("Nama pengguna itu sudah dipakai; pilih yang lain.")
        if User.objects.filter(email__iexact=undangan.email).exists():
            raise TimError(
                "Alamat email ini sudah punya akun: masuk dulu, lalu buka tautannya lagi."
            )
        user = User(username=username, email=undangan.email, first_name=akun.get("first_name", ""))
        validate_password(akun["password"], user)
        user.set_password(akun["password"])
        user.save()
    elif user.email.lower() != undangan.email:
        raise TimError(f"Undangan ini untuk {undangan.email}; Anda masuk sebagai akun lain.")
    _membership_grant(user, undangan.satker, undangan.role, list(undangan.areas.all()), pelaku=user)
    Undangan.objects.filter(pk=undangan.pk).update(diterima=timezone.now(), diterima_oleh=user)
    return user


# ---- members


def _admins_left(satker, without_user):
    """Active Admin satker of the office other than `without_user`."""
    return (
        Membership.objects.filter(satker=satker, role=Role.ADMIN).exclude(user=without_user).count()
    )


@transaction.atomic
def member_roles_set(satker, member, roles, *, user):
    """Give a member exactly `roles` in the office: new roles are added, dropped ones removed
    (their rows go; the history keeps them). The last Admin satker stays."""
    roles = set(roles)
    if not roles:
        raise TimError("Pilih sedikitnya satu peran; untuk mengeluarkan anggota, nonaktifkan.")
    if unknown := roles - set(Role.values):
        raise TimError(f"Peran tidak dikenal: {', '.join(sorted(unknown))}.")
    current = {m.role: m for m in Membership.objects.filter(satker=satker, user=member)}
    if not current:
        raise TimError("Orang ini bukan anggota aktif satker ini.")
    if Role.ADMIN in current and Role.ADMIN not in roles and not _admins_left(satker, member):
        raise TimError("Satker harus tetap punya sedikitnya satu Admin satker.")
    for role in set(current) - roles:
        current[role].delete()
    for role in roles - set(current):
        Membership.semua.filter(user=member, satker=satker, role=role).delete()
        Membership.objects.create(user=member, satker=satker, role=role)
    before = ", ".join(sorted(Role(r).label for r in current))
    after = ", ".join(sorted(Role(r).label for r in roles))
    if before != after:
        _record(satker, f"{member} — peran", user=user, dari=before, ke=after)


@transaction.atomic
def member_set_active(satker, member, aktif, *, user):
    """Deactivate (or reactivate) a member in the office: every role of theirs stops (or
    starts) counting; their uploads and history stay attributed to them."""
    rows = Membership.semua.filter(satker=satker, user=member)
    if not rows.exists():
        raise TimError("Orang ini bukan anggota satker ini.")
    is_admin = rows.filter(role=Role.ADMIN, aktif=True).exists()
    if not aktif and is_admin and not _admins_left(satker, member):
        raise TimError("Admin satker terakhir tidak dapat dinonaktifkan.")
    changed = rows.exclude(aktif=aktif).update(aktif=aktif)
    if changed:
        _record(
            satker,
            f"{member} — status keanggotaan",
            user=user,
            dari="nonaktif" if aktif else "aktif",
            ke="aktif" if aktif else "nonaktif",
        )
    return changed


@transaction.atomic
def member_unlock(satker, member, *, user):
    """Lift the sign-in lockout of a member, from every address (its key is the account,
    whatever spelling was locked: zi_tracker.navbar.kunci_login)."""
    removed = axes_reset(username=member.username.lower())
    if removed:
        _record(satker, f"{member} — kunci masuk", user=user, dari="terkunci", ke="dibuka")
    return removed


@transaction.atomic
def areas_assign(satker, members, area, *, user, lepas=False):
    """Give one area to (or, with `lepas`, take it from) the Koordinator and Anggota roles of
    the chosen members."""
    if area.rencana.satker_id != satker.pk:
        raise TimError("Area yang dipilih bukan milik satker ini.")
    memberships = list(
        Membership.objects.filter(
            satker=satker, user__in=members, role__in=AREA_ROLES
        ).select_related("user")
    )
    if not memberships:
        raise TimError("Pilih anggota yang berperan Koordinator area atau Anggota Tim ZI.")
    for membership in memberships:
        if lepas:
            membership.areas.remove(area)
        else:
            membership.areas.add(area)
        _record(
            satker,
            f"{membership.user} — area tugas ({membership.get_role_display()})",
            jenis=Riwayat.Jenis.PENUGASAN,
            user=user,
            dari="" if not lepas else str(area),
            ke=str(area) if not lepas else "dilepas",
        )
    return len(memberships)


@transaction.atomic
def pic_assign(rencana, indikator_ids, pic, *, user):
    """Name one PIC (or none) for the chosen indikator of a plan; a PIC must be an active
    member of the plan's office. One history row per indikator whose PIC changed."""
    if (
        pic is not None
        and not Membership.objects.filter(satker=rencana.satker_id, user=pic).exists()
    ):
        raise TimError("PIC harus anggota aktif satker ini.")
    chosen = list(
        Indikator.objects.filter(
            pk__in=indikator_ids, komponen__area__rencana=rencana
        ).select_related("pic")
    )
    if len(chosen) != len(set(indikator_ids)) or not chosen:
        raise TimError("Pilih indikator dari rencana ini.")
    changed = [i for i in chosen if i.pic_id != (pic.pk if pic else None)]
    Riwayat.objects.bulk_create(
        Riwayat(
            jenis=Riwayat.Jenis.PENUGASAN,
            pelaku=user,
            satker_id=rencana.satker_id,
            rencana=rencana,
            indikator=i,
            objek=f"PIC: {i.nama[:200]}",
            dari=str(i.pic or ""),
            ke=str(pic or ""),
        )
        for i in changed
    )
    Indikator.objects.filter(pk__in=[i.pk for i in changed]).update(pic=pic)
    return len(changed)


# ---- offices


def satker_child_check(parent, slug):
    """Why an office with `slug` cannot be made below `parent`, or None."""
    if parent.tingkat not in CHILD_LEVEL:
        return "Satker ini tidak membawahi satker lain."
    if Satker.objects.filter(slug=slug).exists():
        return f"Slug «{slug}» sudah dipakai satker lain."
    return None


@transaction.atomic
def satker_child_create(parent, *, fields, admin_email, user):
    """Create an office below `parent` and invite its first Admin satker."""
    if problem := satker_child_check(parent, fields["slug"]):
        raise TimError(problem)
    satker = satker_create(parent=parent, tingkat=CHILD_LEVEL[parent.tingkat], user=user, **fields)
    _undangan_bulk(satker, [(admin_email.strip().lower(), "", Role.ADMIN, [])], user)
    return satker


@transaction.atomic
def satker_children_create(parent, rows, *, user):
    """Create every office of a checked import (fields, admin email) at once."""
    return [satker_child_create(parent, fields=f, admin_email=e, user=user) for f, e in rows]


@transaction.atomic
def pengaturan_update(satker, changes, *, user):
    """Save office settings (logo, city, default signatory and certifier, reminder lead
    time), already set on `satker` by the settings form; one history row per change."""
    return satker_update(satker, changes, user=user)


def rencana_berlaku(satker):
    """The office's plans in force, newest first (their areas are what members are given)."""
    return RencanaAksi.objects.berlaku().filter(satker=satker).order_by("-tahun")


def areas_of(satker):
    """Areas of the office's plans in force."""
    return Area.objects.filter(rencana__in=rencana_berlaku(satker)).select_related("rencana")
