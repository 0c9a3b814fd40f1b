from django.urls import path

from . import views

app_name = "monev"

urlpatterns = [
    path("", views.home, name="home"),
    path("rencana/<int:pk>/dasbor/", views.dashboard, name="dashboard"),
    path("rencana/<int:pk>/dasbor/daftar/", views.drilldown, name="drilldown"),
    path("rencana/<int:pk>/dasbor/tren/", views.trend, name="trend"),
    path("rencana/<int:pk>/dasbor/laporan.xlsx", views.export_excel, name="export_excel"),
    path("rencana/<int:pk>/dasbor/laporan.pdf", views.export_pdf, name="export_pdf"),
    path("satker/<int:pk>/rekap/", views.rollup_page, name="rollup"),
]
