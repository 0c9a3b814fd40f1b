from django.urls import path

from . import tus, views

app_name = "bukti_fisik"

urlpatterns = [
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator"),
    path("indikator/<int:pk>/kendala/", views.kendala_add, name="kendala_add"),
    path("indikator/<int:pk>/arahan/", views.arahan_indikator, name="arahan_indikator"),
    path("rencana/<int:pk>/keadaan-bukti/", views.keadaan_rencana, name="keadaan_rencana"),
    path("rencana/<int:pk>/arahan/", views.arahan_area, name="arahan_area"),
    path("bukti/<int:bukti_pk>/<str:kode>/", views.slot_detail, name="slot"),
    path("bukti/<int:bukti_pk>/<str:kode>/unggah/", views.slot_upload, name="upload"),
    path("unggahan/<int:pk>/unduh/", views.unggahan_download, name="download"),
    path("unggahan/<int:pk>/lihat/", views.unggahan_preview, name="preview"),
    path("unggahan/<int:pk>/tinjau/", views.unggahan_review, name="review"),
    path("tugas/", views.tugas, name="tugas"),
    path("unggah/tus/", tus.tus_create, name="tus_create"),
    path("unggah/tus/<uuid:upload_id>/", tus.tus_upload, name="tus_upload"),
    path("tinjauan/", views.review_queue, name="review_queue"),
    path("tinjauan/verifikasi/", views.review_bulk_verify, name="review_bulk_verify"),
    path("langkah/<int:pk>/status/", views.langkah_status, name="langkah_status"),
    path("notifikasi/", views.notifikasi_list, name="notifikasi"),
    path("notifikasi/<int:pk>/buka/", views.notifikasi_open, name="notifikasi_open"),
    path("notifikasi/baca-semua/", views.notifikasi_read_all, name="notifikasi_read_all"),
]
