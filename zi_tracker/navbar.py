"""What the navbar shows on every page (unread notifications; for reviewers, the link to the
review queue and how many versions wait for them), loaded with the signed-in user's own row by
the authentication backend: one query instead of four on every request. A user loaded
otherwise (a test handing a user object to the request) falls back to a query each."""

from functools import cached_property

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from bukti_fisik.models import Notifikasi
from bukti_fisik.permissions import (
    BATAS_HITUNG,
    REVIEWER_ROLES,
    is_reviewer,
    reviewable_count,
    unggahan_reviewable_by,
)
from rencana_aksi.models import Membership, User


def with_nav(users):
    """Users annotated with the navbar's numbers."""
    unread = (
        Notifikasi.objects.filter(penerima=OuterRef("pk"), dibaca__isnull=True)
        .order_by()
        .values("penerima")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return users.annotate(
        nav_belum_dibaca=Subquery(unread),
        nav_peninjau=Exists(
            Membership.objects.filter(user=OuterRef("pk"), role__in=REVIEWER_ROLES)
        ),
        nav_tinjauan=reviewable_count(),
    )


class Backend(ModelBackend):
    """Django's own backend, signing in by username or by email address; the user row comes
    with the navbar's numbers."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            # An address held by exactly one account signs in as that account.
            matches = list(
                User._default_manager.filter(email__iexact=username.strip()).values_list(
                    "username", flat=True
                )[:2]
            )
            if len(matches) == 1:
                username = matches[0]
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        try:
            user = with_nav(User._default_manager.filter(Q(pk=user_id))).get()
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class Nav:
    batas = BATAS_HITUNG

    def __init__(self, user):
        self.user = user

    @cached_property
    def belum_dibaca(self):
        if hasattr(self.user, "nav_belum_dibaca"):
            return self.user.nav_belum_dibaca or 0
        return Notifikasi.objects.filter(penerima=self.user, dibaca__isnull=True).count()

    @cached_property
    def peninjau(self):
        return is_reviewer(self.user)

    @cached_property
    def tinjauan(self):
        """Versions waiting for this user's decision."""
        if hasattr(self.user, "nav_tinjauan"):
            return self.user.nav_tinjauan
        return unggahan_reviewable_by(self.user)[:BATAS_HITUNG].count()


def navbar(request):
    """Template context processor: `zi_nav` for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"zi_nav": Nav(user)}
