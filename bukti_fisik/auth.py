"""Authentication backend that loads, with the signed-in user's own row, what the navbar shows
on every page (unread notifications, whether the user reviews evidence): one query instead of
three on every request."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from rencana_aksi.models import Membership, User

from .models import Notifikasi
from .permissions import REVIEWER_ROLES


def with_nav(users):
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
    )


class Backend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = with_nav(User._default_manager.filter(Q(pk=user_id))).get()
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
