"""What the navbar shows (unread notifications; for reviewers, the link to the review queue and
how many versions wait for them): one query, made only when a page draws the navbar, so a
resumable upload's chunks, downloads and htmx fragments pay nothing for it."""

from functools import cached_property

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, Exists, OuterRef, Subquery

from bukti_fisik.models import Notifikasi
from bukti_fisik.permissions import (
    BATAS_HITUNG,
    REVIEWER_ROLES,
    reviewable_count,
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


def akun_login(login):
    """The username of the account a sign-in name stands for: the username as typed, in any
    case, or an email address held by exactly one account; None when it names nobody."""
    login = (login or "").strip()
    if not login:
        return None
    field = "email__iexact" if "@" in login else "username__iexact"
    matches = list(
        User._default_manager.filter(**{field: login}).values_list("username", flat=True)[:2]
    )
    if "@" not in login and login in matches:
        return login
    return matches[0] if len(matches) == 1 else None


def kunci_login(request, credentials):
    """The sign-in lockout's key (django-axes' AXES_USERNAME_CALLABLE): the account a name
    stands for, however it is spelled (username or email, any case), so a lock on one
    spelling holds for all; a name that is nobody's counts under its own lower-case form."""
    login = (credentials or {}).get("username") or ""
    return (akun_login(login) or login.strip()).lower()


class Backend(ModelBackend):
    """Django's own backend, signing in by username or by email address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            # An address held by exactly one account signs in as that account.
            username = akun_login(username) or username
        return super().authenticate(request, username=username, password=password, **kwargs)


class Nav:
    """The navbar's numbers for one user, read together the first time a template asks."""

    batas = BATAS_HITUNG

    def __init__(self, user):
        self.user = user

    @cached_property
    def _angka(self):
        return (
            with_nav(User._default_manager.filter(pk=self.user.pk))
            .values("nav_belum_dibaca", "nav_peninjau", "nav_tinjauan")
            .get()
        )

    @property
    def belum_dibaca(self):
        return self._angka["nav_belum_dibaca"] or 0

    @property
    def peninjau(self):
        return self._angka["nav_peninjau"]

    @property
    def tinjauan(self):
        """Versions waiting for this user's decision."""
        return self._angka["nav_tinjauan"]


def navbar(request):
    """Template context processor: `zi_nav` for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"zi_nav": Nav(user)}
