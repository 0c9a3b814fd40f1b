from django.urls import path

from . import views

app_name = "lke"

urlpatterns = [
    path("rencana/<int:pk>/lke/", views.proyeksi_page, name="proyeksi"),
    path("rencana/<int:pk>/lke/ringkas/", views.ringkas, name="ringkas"),
    path("rencana/<int:pk>/lke/lke.xlsx", views.unduh_excel, name="excel"),
    path("rencana/<int:pk>/lke/lke.pdf", views.unduh_pdf, name="pdf"),
    path("rencana/<int:pk>/lke/tautan/", views.tautan_page, name="tautan"),
    path("rencana/<int:pk>/lke/penilaian/", views.penilaian_page, name="penilaian"),
    path("rencana/<int:pk>/lke/tpi/", views.tpi_save, name="tpi"),
    path("rencana/<int:pk>/lke/kesiapan/", views.kesiapan_save, name="kesiapan"),
]
