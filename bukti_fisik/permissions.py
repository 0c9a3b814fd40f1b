"""Who may upload, review and update evidence. Reading follows the plan: whoever reads an
indikator (rencana_aksi.permissions) reads its evidence. Acting depends on the roles held in the
indikator's own office and, for Koordinator and Anggota, on the areas assigned to them."""

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from inti.ekspresi import Banyaknya
from rencana_aksi.models import BuktiFisik, Membership, Role
from rencana_aksi.permissions import indikator_visible_to, satker_visible_to

from .models import Unggahan

# Roles that review evidence (Ketua Tim everywhere in the office, Koordinator in its areas).
REVIEWER_ROLES = (Role.KETUA_TIM, Role.KOORDINATOR)

# Roles that upload anywhere in their office; a Koordinator or Anggota only in the areas
# assigned to it and for the indikator where it is the PIC.
UPLOADERS = frozenset({Role.ADMIN, Role.KETUA_TIM})
AREA_WORKERS = frozenset({Role.KOORDINATOR, Role.ANGGOTA})


@dataclass(frozen=True)
class Akses:
    """A user's roles in one office and the areas assigned to them there (one query)."""

    user_id: int | None
    roles: frozenset
    areas: frozenset

    def can_upload(self, indikator):
        """Admin satker and Ketua Tim upload anywhere in the office; a Koordinator or Anggota
        in its assigned areas and for the indikator it is PIC of."""
        if self.roles & UPLOADERS:
            return True
        return bool(self.roles & AREA_WORKERS) and (
            indikator.komponen.area_id in self.areas or indikator.pic_id == self.user_id
        )

    def can_review(self, indikator):
        """Ketua Tim verifies everything in the office, a Koordinator its areas: the area rule
        of unggahan_reviewable_by, for one indikator already loaded (which versions of it the
        user may decide, the queryset says)."""
        if Role.KETUA_TIM in self.roles:
            return True
        return Role.KOORDINATOR in self.roles and indikator.komponen.area_id in self.areas

    # Langkah aksi and the kendala log are kept by the people who carry the work.
    can_update_langkah = can_upload


def can_give_arahan(user, satker):
    """Pimpinan of the office, or of an office above it, leave arahan on its plan."""
    if not user.is_authenticated:
        return False
    above = [int(pk) for pk in satker.path.strip("/").split("/") if pk]
    return Membership.objects.filter(user=user, satker_id__in=above, role=Role.PIMPINAN).exists()


def akses_for(user, satker):
    """The user's roles and assigned areas in this very office."""
    if not user.is_authenticated:
        return Akses(None, frozenset(), frozenset())
    rows = Membership.objects.filter(user=user, satker=satker).values_list("role", "areas")
    return Akses(
        user.pk,
        frozenset(role for role, _ in rows),
        frozenset(area for _, area in rows if area is not None),
    )


def _reviewable(user_id, member_id):
    """Versions waiting for a decision, in an office where `member_id` is Ketua Tim or in an
    area assigned to `member_id` as Koordinator, and not uploaded by `user_id`. Both name the
    same user; they differ only as expressions when this is a subquery (see
    reviewable_count)."""
    memberships = Membership.objects.filter(user_id=member_id)
    ketua_of = memberships.filter(role=Role.KETUA_TIM).values("satker_id")
    koordinator_of = memberships.filter(role=Role.KOORDINATOR).values("areas")
    return (
        Unggahan.objects.filter(status=Unggahan.Status.MENUNGGU, diganti=False)
        .filter(
            Q(slot__indikator__komponen__area__rencana__satker__in=ketua_of)
            | Q(slot__indikator__komponen__area__in=koordinator_of)
        )
        .exclude(diunggah_oleh_id=user_id)
    )


def unggahan_reviewable_by(user):
    """Who may decide on an upload, as the versions this user may verify or send back now:
    waiting and not replaced; in an office where the user is Ketua Tim, or in an area assigned
    to the user as Koordinator; and not uploaded by the user (nobody verifies their own work).
    The review queue, bulk verification, the navbar count and the reminders all read it."""
    if not user.is_authenticated:
        return Unggahan.objects.none()
    return _reviewable(user.pk, user.pk)


# The navbar counts a reviewer's queue up to here and shows "99+" beyond: a long queue is not
# counted in full on every page (the queue page itself gives the exact number).
BATAS_HITUNG = 100


def reviewable_count():
    """An annotation for a User queryset: how many versions each user may decide now
    (unggahan_reviewable_by, counted in the same query as the user row, up to BATAS_HITUNG),
    and 0 without reading the versions for a user who reviews nowhere."""
    # Unordered: the count needs none of the joins the queue's order takes.
    waiting = _reviewable(OuterRef("pk"), OuterRef(OuterRef("pk"))).order_by().values("pk")
    return Case(
        When(
            Exists(Membership.objects.filter(user=OuterRef("pk"), role__in=REVIEWER_ROLES)),
            then=Banyaknya(waiting[:BATAS_HITUNG]),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def is_reviewer(user):
    """The user reviews evidence somewhere (has a review queue). The answer usually comes with
    the user row (zi_tracker.navbar.Backend); otherwise one query."""
    if hasattr(user, "nav_peninjau"):
        return user.nav_peninjau
    return user.memberships.filter(role__in=REVIEWER_ROLES).exists()


def bukti_visible_to(user):
    """Required evidence documents of the indikator a user reads."""
    return BuktiFisik.objects.filter(indikator__in=indikator_visible_to(user))


def unggahan_visible_to(user):
    """Uploaded versions in the offices a user reads."""
    return Unggahan.objects.filter(
        slot__indikator__komponen__area__rencana__satker__in=satker_visible_to(user)
    )
