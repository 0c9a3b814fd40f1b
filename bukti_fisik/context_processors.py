"""What the navbar shows on every page: unread notifications and the review-queue link. The
values come with the user row (bukti_fisik.auth.Backend); a user loaded otherwise (tests that
hand a user object to the request) falls back to one query each."""

from functools import cached_property

from .models import Notifikasi
from .permissions import is_reviewer


class Nav:
    def __init__(self, user):
        self.user = user

    @cached_property
    def belum_dibaca(self):
        if hasattr(self.user, "nav_peninjau"):
            return self.user.nav_belum_dibaca or 0
        return Notifikasi.objects.filter(penerima=self.user, dibaca__isnull=True).count()

    @cached_property
    def peninjau(self):
        return is_reviewer(self.user)


def notifikasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"zi_nav": Nav(user)}
