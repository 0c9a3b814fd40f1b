from django.urls import path

from . import views

app_name = "tim"

urlpatterns = [
    path("satker/<int:pk>/anggota/", views.anggota, name="anggota"),
    path("satker/<int:pk>/anggota/undang/", views.undang, name="undang"),
    path("satker/<int:pk>/anggota/impor/", views.impor_anggota, name="impor_anggota"),
    path("satker/<int:pk>/anggota/area/", views.area_tugas, name="area_tugas"),
    path("satker/<int:pk>/anggota/<int:user_pk>/peran/", views.peran, name="peran"),
    path("satker/<int:pk>/anggota/<int:user_pk>/status/", views.status_anggota, name="status"),
    path("satker/<int:pk>/anggota/<int:user_pk>/buka-kunci/", views.buka_kunci, name="buka_kunci"),
    path("satker/<int:pk>/bawahan/", views.bawahan, name="bawahan"),
    path("satker/<int:pk>/bawahan/impor/", views.impor_bawahan, name="impor_bawahan"),
    path("satker/<int:pk>/pengaturan/", views.pengaturan, name="pengaturan"),
    path("satker/<int:pk>/logo/", views.logo, name="logo"),
    path("undangan/<int:pk>/batal/", views.undangan_batal, name="undangan_batal"),
    path("undangan/<str:token>/", views.undangan, name="undangan"),
    path("rencana/<int:pk>/pic/", views.pic, name="pic"),
    path("akun/", views.profil, name="profil"),
    path("akun/satker/", views.pilih_satker, name="pilih_satker"),
    path("akun/logo/", views.logo_aktif, name="logo_aktif"),
]
