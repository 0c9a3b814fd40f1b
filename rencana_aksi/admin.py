"""Django admin for entering a whole plan by hand. A staff user who is not a superuser sees and
edits only the offices where they hold the Admin satker role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import (
    Area,
    Bab,
    BuktiFisik,
    Indikator,
    KeputusanButir,
    Komponen,
    LangkahAksi,
    Membership,
    RencanaAksi,
    Riwayat,
    Role,
    Satker,
    TargetWaktu,
    User,
)


def _owners(obj):
    """The plan and, below it, the indikator an admin-edited object belongs to."""
    if isinstance(obj, RencanaAksi):
        return obj, None
    if isinstance(obj, (LangkahAksi, BuktiFisik, TargetWaktu)):
        obj = obj.indikator
    if isinstance(obj, Indikator):
        return obj.komponen.area.rencana, obj
    if isinstance(obj, Komponen):
        return obj.area.rencana, None
    if isinstance(obj, (Area, Bab, KeputusanButir)):
        return obj.rencana, None
    return None, None


def _record_form(user, obj, form, *, added):
    """One history row per changed field of a plan object edited in the admin."""
    rencana, indikator = _owners(obj)
    if rencana is None or isinstance(obj, TargetWaktu):
        return  # the target waktu records itself through services.target_waktu_update
    label = f"{obj._meta.verbose_name}: {str(obj)[:120]}"
    if added:
        services.riwayat_record(
            Riwayat.Jenis.RENCANA,
            pelaku=user,
            rencana=rencana,
            indikator=indikator,
            objek=label,
            ke="ditambahkan",
        )
        return
    for name in form.changed_data:
        services.riwayat_record(
            Riwayat.Jenis.RENCANA,
            pelaku=user,
            rencana=rencana,
            indikator=indikator,
            objek=f"{label} — {form.fields[name].label or name}",
            dari=form.initial.get(name, ""),
            ke=form.cleaned_data.get(name, ""),
        )


def _admin_satker_ids(user):
    return Membership.objects.filter(user=user, role=Role.ADMIN).values("satker_id")


class OfficeScopedAdmin(admin.ModelAdmin):
    """Limits rows and foreign-key choices to the user's offices; `satker_path` names the
    lookup from this model to its Satker."""

    satker_path = "satker"

    def _scope(self, qs, path, request):
        if request.user.is_superuser:
            return qs
        return (
            qs.filter(**{f"{path}__in": _admin_satker_ids(request.user)})
            if path
            else qs.filter(pk__in=_admin_satker_ids(request.user))
        )

    def get_queryset(self, request):
        return self._scope(super().get_queryset(request), self.satker_path, request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _record_form(request.user, obj, form, added=not change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if inline_form.has_changed() and inline_form.instance.pk:
                _record_form(
                    request.user, inline_form.instance, inline_form, added=not inline_form.initial
                )
        for obj in formset.deleted_objects:
            rencana, indikator = _owners(obj)
            services.riwayat_record(
                Riwayat.Jenis.RENCANA,
                pelaku=request.user,
                rencana=rencana,
                indikator=indikator,
                objek=f"{obj._meta.verbose_name}: {str(obj)[:120]}",
                dari=str(obj),
                ke="dihapus",
            )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        paths = {
            Satker: "",
            RencanaAksi: "satker",
            Area: "rencana__satker",
            Komponen: "area__rencana__satker",
            Indikator: "komponen__area__rencana__satker",
        }
        if db_field.related_model in paths and db_field.related_model is not self.model:
            kwargs["queryset"] = self._scope(
                db_field.related_model.objects.all(), paths[db_field.related_model], request
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Satker)
class SatkerAdmin(OfficeScopedAdmin):
    satker_path = ""
    list_display = ["nama", "slug", "tingkat", "parent", "kota"]
    list_filter = ["tingkat"]
    search_fields = ["nama", "nama_lengkap", "slug"]
    prepopulated_fields = {"slug": ["nama"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(OfficeScopedAdmin):
    list_display = ["user", "satker", "role"]
    list_filter = ["role", "satker"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["areas"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "areas":
            kwargs["queryset"] = self._scope(
                Area.objects.select_related("rencana"), "rencana__satker", request
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class KeputusanButirInline(admin.TabularInline):
    model = KeputusanButir
    extra = 0


class BabInline(admin.StackedInline):
    model = Bab
    extra = 0


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0
    show_change_link = True


@admin.register(RencanaAksi)
class RencanaAksiAdmin(OfficeScopedAdmin):
    list_display = ["satker", "tahun", "nomor", "status", "tanggal_penetapan"]
    list_filter = ["status", "tahun"]
    search_fields = ["satker__nama", "nomor", "tentang"]
    inlines = [KeputusanButirInline, BabInline, AreaInline]
    fieldsets = [
        (None, {"fields": ["satker", "tahun", "status", "mencabut"]}),
        ("Keputusan", {"fields": RencanaAksi.KEPUTUSAN_FIELDS}),
        ("Tata letak lampiran", {"fields": RencanaAksi.LAYOUT_FIELDS}),
    ]


class KomponenInline(admin.TabularInline):
    model = Komponen
    extra = 0
    show_change_link = True


@admin.register(Area)
class AreaAdmin(OfficeScopedAdmin):
    satker_path = "rencana__satker"
    list_display = ["__str__", "rencana"]
    list_filter = ["rencana__satker"]
    inlines = [KomponenInline]


class IndikatorInline(admin.StackedInline):
    model = Indikator
    extra = 0
    show_change_link = True
    fields = ["urutan", "nomor", "nama", "target_capaian", "pic", "bobot"]


@admin.register(Komponen)
class KomponenAdmin(OfficeScopedAdmin):
    satker_path = "area__rencana__satker"
    list_display = ["__str__", "area"]
    inlines = [IndikatorInline]


class TargetWaktuInline(admin.StackedInline):
    model = TargetWaktu
    fields = ["teks", "jenis", "bulan", "bawaan", "peringatan"]
    readonly_fields = ["jenis", "bulan", "bawaan", "peringatan"]
    can_delete = False


class LangkahAksiInline(admin.TabularInline):
    model = LangkahAksi
    extra = 0


class BuktiFisikInline(admin.TabularInline):
    model = BuktiFisik
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(OfficeScopedAdmin):
    satker_path = "komponen__area__rencana__satker"
    list_display = ["__str__", "komponen", "target_capaian"]
    search_fields = ["nama"]
    list_filter = ["komponen__area__rencana__satker"]
    inlines = [TargetWaktuInline, LangkahAksiInline, BuktiFisikInline]
    exclude = ["capaian_pembanding", "capaian_nilai", "capaian_satuan"]

    def save_model(self, request, obj, form, change):
        for field, value in services.indikator_capaian_values(obj.target_capaian).items():
            setattr(obj, field, value)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is TargetWaktu:
            # The schedule is always re-read from the adopted text, never typed in by hand.
            for inline_form in formset.forms:
                teks = inline_form.cleaned_data.get("teks")
                if teks and inline_form.has_changed():
                    services.target_waktu_update(form.instance, teks, user=request.user)
