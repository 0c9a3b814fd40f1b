from django.urls import path

from . import sunting, views
from .pertukaran import views as pertukaran

app_name = "rencana_aksi"

urlpatterns = [
    path("rencana/", views.rencana_list, name="list"),
    path("rencana/<int:pk>/", views.rencana_detail, name="detail"),
    path("rencana/<int:pk>/area/<int:area_pk>/", views.lampiran_area, name="area"),
    path("rencana/<int:pk>/keputusan/", views.keputusan_edit, name="keputusan_edit"),
    path(
        "rencana/<int:pk>/keputusan/pratinjau/", views.keputusan_preview, name="keputusan_preview"
    ),
    path("rencana/<int:pk>/dokumen/", views.dokumen_page, name="dokumen"),
    path("rencana/<int:pk>/dokumen/buat/", views.dokumen_create, name="dokumen_create"),
    path("dokumen/<int:pk>/status/", views.dokumen_status, name="dokumen_status"),
    path("dokumen/<int:pk>/unduh/", views.dokumen_download, name="dokumen_download"),
    path("dokumen/<int:pk>/pratinjau/<int:n>/", views.dokumen_preview, name="dokumen_preview"),
    path("indikator/<int:pk>/jadwal/", views.jadwal_edit, name="jadwal_edit"),
    path("rencana/baru/", pertukaran.rencana_baru, name="rencana_baru"),
    path("rencana/<int:pk>/ubah/", sunting.editor, name="sunting"),
    path("rencana/<int:pk>/ubah/<str:jenis>/tambah/", sunting.tambah, name="sunting_tambah"),
    path("rencana/<int:pk>/ubah/<str:jenis>/<int:obj_pk>/", sunting.simpan, name="sunting_simpan"),
    path(
        "rencana/<int:pk>/ubah/<str:jenis>/<int:obj_pk>/hapus/", sunting.hapus, name="sunting_hapus"
    ),
    path(
        "rencana/<int:pk>/ubah/<str:jenis>/<int:obj_pk>/geser/", sunting.geser, name="sunting_geser"
    ),
    path("jadwal/pratinjau/", sunting.jadwal_pratinjau, name="jadwal_pratinjau"),
    path("rencana/templat.xlsx", pertukaran.templat, name="templat"),
    path("rencana/<int:pk>/lampiran.xlsx", pertukaran.ekspor, name="ekspor"),
    path("rencana/<int:pk>/impor/", pertukaran.impor, name="impor"),
    path("impor/<int:pk>/", pertukaran.impor_pratinjau, name="impor_pratinjau"),
    path("impor/<int:pk>/status/", pertukaran.impor_status, name="impor_status"),
    path("rencana/<int:pk>/tahun-berikut/", pertukaran.tahun_berikut, name="tahun_berikut"),
    path("rencana/<int:pk>/tetapkan/", pertukaran.tetapkan, name="tetapkan"),
]
