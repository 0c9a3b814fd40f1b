from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from rencana_aksi.views import verifikasi
from tim.forms import MasukForm
from tim.views import LupaSandiView

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says; the icon is an SVG among the statics.
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}img/favicon.svg")),
    path("admin/", admin.site.urls),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=MasukForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("masuk/lupa-sandi/", LupaSandiView.as_view(), name="password_reset"),
    path(
        "masuk/lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="akun/lupa_sandi_terkirim.html"),
        name="password_reset_done",
    ),
    path(
        "masuk/sandi-baru/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="akun/sandi_baru.html"),
        name="password_reset_confirm",
    ),
    path(
        "masuk/sandi-baru/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="akun/sandi_baru_selesai.html"),
        name="password_reset_complete",
    ),
    path(
        "akun/sandi/",
        auth_views.PasswordChangeView.as_view(template_name="akun/ganti_sandi.html"),
        name="password_change",
    ),
    path(
        "akun/sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="akun/ganti_sandi_selesai.html"),
        name="password_change_done",
    ),
    path("verifikasi/<str:token>/", verifikasi, name="verifikasi"),
    path("", include("tim.urls")),
    path("", include("lke.urls")),
    path("", include("bukti_fisik.urls")),
    path("", include("monev.urls")),
    path("", include("rencana_aksi.urls")),
]
