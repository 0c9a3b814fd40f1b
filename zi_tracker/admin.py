from django.contrib import admin


class SuperuserAdminSite(admin.AdminSite):
    site_header = "ZI Tracker: administrasi sistem"
    site_title = "ZI Tracker"

    def has_permission(self, request):
        """Only superusers: offices run their team, plan and settings from the app's pages."""
        return request.user.is_active and request.user.is_superuser
