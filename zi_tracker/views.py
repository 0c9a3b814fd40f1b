"""Site-wide error pages: in Indonesian, in the app's layout, each saying what happened and
the way back. Django renders 400, 403, 404 and 500 from the templates of the same name; the
CSRF failure has a view of its own."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without (or with an old) security token: say so, and how to go on."""
    return render(request, "403_csrf.html", status=403)
