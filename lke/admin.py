"""The LKE frameworks in the Django admin (superusers only): read the structure, correct a
predicate threshold (lke.md: the sources differ on some). A new framework is loaded whole with
`manage.py load_lke`, never assembled by hand here."""

from django.contrib import admin

from .models import Ambang, Kerangka, SubKomponen


class AmbangInline(admin.TabularInline):
    model = Ambang
    extra = 0
    fields = ["predikat", "syarat", "batas"]
    readonly_fields = ["predikat", "syarat"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SubInline(admin.TabularInline):
    model = SubKomponen
    extra = 0
    fields = ["urutan", "area", "jenis", "nama", "bobot", "skala"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Kerangka)
class KerangkaAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "dimuat"]
    readonly_fields = ["kode", "dimuat"]
    fields = ["nama", "kode", "catatan", "dimuat"]
    inlines = [AmbangInline, SubInline]

    def has_add_permission(self, request):
        return False
