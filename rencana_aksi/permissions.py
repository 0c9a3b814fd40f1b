"""Who may see or do what. Views load objects through the visible-to querysets, so an outsider
gets 404 without learning that an object exists, and check a can-do predicate for 403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith

from .models import Dokumen, Indikator, Membership, RencanaAksi, Role, Satker

# Roles that may correct an indikator's schedule (the printed text itself never changes here).
JADWAL_EDITORS = frozenset({Role.ADMIN, Role.KETUA_TIM})
# Roles that give members their areas and name the PIC of indikator.
ASSIGNERS = frozenset({Role.ADMIN, Role.KETUA_TIM})


def _in_offices_read_by(user, path):
    """Condition on a row whose office path is `path` (a lookup from the row): the office is
    one of the user's, or below one. One subquery, so every page pays no extra query for it."""
    return Exists(
        Membership.objects.filter(user=user).filter(StartsWith(OuterRef(path), F("satker__path")))
    )


def satker_visible_to(user):
    """Offices a user reads: those they belong to, and every office below them."""
    if not user.is_authenticated:
        return Satker.objects.none()
    return Satker.objects.filter(_in_offices_read_by(user, "path"))


def rencana_visible_to(user):
    """Plans of the offices a user reads (the rule applied to the plan's office directly)."""
    if not user.is_authenticated:
        return RencanaAksi.objects.none()
    return rencana_read_by(user.pk)


def rencana_read_by(user_id):
    """rencana_visible_to for a signed-in user known by id (the form a compiled read takes,
    rencana_aksi.prepared)."""
    return RencanaAksi.objects.filter(_in_offices_read_by(user_id, "satker__path"))


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


# Roles that keep the plan's content: import, next year's plan, adoption.
PLAN_EDITORS = frozenset({Role.ADMIN})


def can_edit_plan(user, satker):
    """Admin satker of the office imports its Lampiran, makes next year's plan, adopts it."""
    return bool(roles_in(user, satker) & PLAN_EDITORS)


# Admin satker and Sekretariat (who print the decree) download the Lampiran as Excel.
EXPORTERS = PLAN_EDITORS | DOKUMEN_ROLES


def can_export_plan(user, satker):
    """Admin satker and Sekretariat download the Lampiran as Excel."""
    return bool(roles_in(user, satker) & EXPORTERS)


def satker_plan_editable_by(user):
    """Offices where the user may start and import a plan (Admin satker there)."""
    return Satker.objects.filter(
        pk__in=Membership.objects.filter(user=user, role__in=PLAN_EDITORS).values("satker_id")
    )
