"""Who is asking, as far as the network can tell."""

from django.conf import settings


def client_ip(request):
    """The client's address: the one nginx puts in X-Real-IP when the site runs behind it
    (DJANGO_BEHIND_PROXY), else the connection's own. Used to count failed sign-ins."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
