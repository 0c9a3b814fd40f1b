from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from rencana_aksi.views import verifikasi

urlpatterns = [
    path("admin/", admin.site.urls),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("verifikasi/<str:token>/", verifikasi, name="verifikasi"),
    path("", include("bukti_fisik.urls")),
    path("", include("monev.urls")),
    path("", include("rencana_aksi.urls")),
]
