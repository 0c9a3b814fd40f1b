from django.urls import path

from . import views

app_name = "rencana_aksi"

urlpatterns = [
    path("", views.rencana_list, name="list"),
    path("rencana/<int:pk>/", views.rencana_detail, name="detail"),
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator"),
    path("indikator/<int:pk>/jadwal/", views.jadwal_edit, name="jadwal_edit"),
]
