"""Reads for the team pages, each with a fixed number of queries whatever the team's size."""

from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from rencana_aksi.models import Area, Membership, Riwayat, Role, Satker

from .models import Undangan

HISTORY_LIMIT = 100


@dataclass
class Anggota:
    """One person of the office with their roles (active ones first) and areas."""

    user: object
    aktif: bool = False
    terkunci: bool = False  # signing in is locked somewhere after too many wrong passwords
    peran: list = field(default_factory=list)  # (role value, label, [areas])

    @property
    def role_values(self):
        return [value for value, _, _ in self.peran]


def members_of(satker):
    """Everyone who holds or held a role in the office, active members first."""
    rows = (
        Membership.semua.filter(satker=satker)
        .select_related("user")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("urutan")))
        .order_by("user__first_name", "user__username", "role")
    )
    people = {}
    for membership in rows:
        person = people.setdefault(membership.user_id, Anggota(membership.user))
        person.aktif = person.aktif or membership.aktif
        person.peran.append(
            (membership.role, Role(membership.role).label, list(membership.areas.all()))
        )
    locked = locked_logins([person.user for person in people.values()])
    for person in people.values():
        person.terkunci = person.user.username.lower() in locked
    return sorted(people.values(), key=lambda p: (not p.aktif, str(p.user).lower()))


def locked_logins(users):
    """The usernames (lower case, the lockout's key) of these users that are locked out now
    from at least one address: one query."""
    names = {u.username.lower() for u in users}
    if not names:
        return set()
    return {
        name.lower()
        for name in AccessAttempt.objects.filter(
            username__in=names,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        ).values_list("username", flat=True)
    }


def invitations_pending(satker):
    """Invitations not yet accepted or cancelled, newest first (expired ones included, marked
    by Undangan.berlaku, so the admin can send them again)."""
    return list(
        Undangan.objects.filter(satker=satker, diterima=None, dibatalkan=None)
        .select_related("dibuat_oleh")
        .prefetch_related("areas")
    )


def team_history(satker):
    """The office's membership, role, assignment (areas, PIC) and settings changes, newest
    first."""
    return list(
        Riwayat.objects.filter(
            satker=satker,
            jenis__in=[Riwayat.Jenis.KEANGGOTAAN, Riwayat.Jenis.PENUGASAN, Riwayat.Jenis.SATKER],
        ).select_related("pelaku")[:HISTORY_LIMIT]
    )


def satker_of(user):
    """The offices a user holds a role in, in tree order."""
    return Satker.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("satker_id")
    ).order_by("path")


def satker_aktif(user, session):
    """The office the user works in now: the one chosen on the account page, else the first
    of theirs (None for a user without an office)."""
    offices = satker_of(user)
    chosen = session.get("satker_aktif")
    return (offices.filter(pk=chosen).first() if chosen else None) or offices.first()
