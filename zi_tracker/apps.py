from django.contrib.admin.apps import AdminConfig as BaseAdminConfig


class AdminConfig(BaseAdminConfig):
    """The Django admin, for superusers only: everything an office does has an app page."""

    default_site = "zi_tracker.admin.SuperuserAdminSite"
