"""Who may see or do what. Views load objects through the visible-to querysets, so an outsider
gets 404 without learning that an object exists, and check a can-do predicate for 403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith

from .models import Dokumen, Indikator, Membership, RencanaAksi, Role, Satker

# Roles that may correct an indikator's schedule (the printed text itself never changes here).
JADWAL_EDITORS = frozenset({Role.ADMIN, Role.KETUA_TIM})


def satker_visible_to(user):
    """Offices a user reads: those they belong to, and every office below them. One subquery
    (an office is visible when its path starts with the path of an office of the user), so
    every page pays no extra query for it."""
    if not user.is_authenticated:
        return Satker.objects.none()
    member_of = Membership.objects.filter(user=user).filter(
        StartsWith(OuterRef("path"), F("satker__path"))
    )
    return Satker.objects.filter(Exists(member_of))


def rencana_visible_to(user):
    """Plans of the offices a user reads (the same rule as satker_visible_to, applied to the
    plan's office directly: one subquery less to build on every page)."""
    if not user.is_authenticated:
        return RencanaAksi.objects.none()
    member_of = Membership.objects.filter(user=user).filter(
        StartsWith(OuterRef("satker__path"), F("satker__path"))
    )
    return RencanaAksi.objects.filter(Exists(member_of))


def indikator_visible_to(user):
    """Indikator of the plans a user reads."""
    return Indikator.objects.filter(komponen__area__rencana__in=rencana_visible_to(user))


def roles_in(user, satker):
    """The roles a user holds in this very office (not inherited from a parent office)."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        Membership.objects.filter(user=user, satker=satker).values_list("role", flat=True)
    )


def can_edit_jadwal(user, satker):
    """Admin satker and Ketua Tim ZI of the office may correct an indikator's schedule."""
    return bool(roles_in(user, satker) & JADWAL_EDITORS)


def require(allowed):
    """Raise 403 unless `allowed`; for members who may read but not act."""
    if not allowed:
        raise PermissionDenied("Peran Anda di satker ini tidak mengizinkan tindakan ini.")


# Roles that edit the Keputusan text and print the documents.
DOKUMEN_ROLES = frozenset({Role.ADMIN, Role.SEKRETARIAT})


def can_print(user, satker):
    """Sekretariat and Admin satker of the office edit the Keputusan and print its documents."""
    return bool(roles_in(user, satker) & DOKUMEN_ROLES)


def dokumen_visible_to(user):
    """Documents of the plans a user reads (printing rights are checked with can_print)."""
    return Dokumen.objects.filter(rencana__in=rencana_visible_to(user))
