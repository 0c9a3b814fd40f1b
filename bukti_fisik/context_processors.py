"""What the navbar shows on every page: unread notifications and the review queue link."""

from functools import cached_property

from rencana_aksi.models import Role

from .models import Notifikasi


class Nav:
    """Read lazily, at most once per page, and only if the template asks."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def belum_dibaca(self):
        return Notifikasi.objects.filter(penerima=self.user, dibaca__isnull=True).count()

    @cached_property
    def peninjau(self):
        return self.user.memberships.filter(role__in=[Role.KETUA_TIM, Role.KOORDINATOR]).exists()


def notifikasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"zi_nav": Nav(user)}
