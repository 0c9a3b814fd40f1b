"""Django admin, for superusers only (zi_tracker.admin.SuperuserAdminSite): system upkeep, not
an office's daily work, which has the app's own pages. It is not a second write path: every
save and delete goes through the same services as those pages (history rows, target capaian
read from its text, schedules from the target waktu, office paths kept by satker_move)."""

from django import forms
from django.contrib import admin, messages
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
    Satker,
    TargetWaktu,
    User,
)


def _changes(form):
    """{field: (before, after)} of a bound, valid model form, for the history: a chosen
    object is named rather than given as its id."""
    changes = {}
    for name in form.changed_data:
        if name not in form.cleaned_data:
            continue
        before, field = form.initial.get(name), form.fields[name]
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            before = field.queryset.filter(pk=before).first() if before else None
        changes[name] = (before, form.cleaned_data[name])
    return changes


def _terkunci(obj):
    """Whether an object is content of a plan the admin may not change: adopted (changed only
    by an amendment with its reason, on the editor's pages) or revoked."""
    if obj is None or obj.pk is None:
        return False
    try:
        rencana, _ = services.isi_owners(obj)
    except TypeError:  # not plan content (an office, a membership)
        return False
    stored = RencanaAksi.objects.filter(pk=rencana.pk).values_list("status", flat=True).first()
    return stored in (RencanaAksi.Status.DITETAPKAN, RencanaAksi.Status.DICABUT)


class AmandemenInline:
    """An inline under an adopted plan's object is shown, not changed (see _terkunci)."""

    def has_change_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_delete_permission(request, obj)


class ServicesAdmin(admin.ModelAdmin):
    """Saves and deletes plan content, main form and inlines alike, through the services, so
    the amendment rule holds here as on the editor's pages: an adopted or revoked plan's
    content is shown read-only, and a change that reaches the services anyway is refused."""

    def has_change_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.isi_save(obj, user=request.user, changes=_changes(form))

    def delete_model(self, request, obj):
        services.isi_delete(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Each inline row through the services, so each leaves its history row."""
        # The admin's change message reads these three lists, as BaseModelFormSet.save fills.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms:
                if inline_form.instance.pk:
                    self.delete_inline(request, inline_form.instance)
                    formset.deleted_objects.append(inline_form.instance)
            elif inline_form.has_changed():
                obj = inline_form.save(commit=False)
                added = obj._state.adding
                setattr(obj, formset.fk.name, formset.instance)
                self.save_inline(request, obj, inline_form)
                inline_form.save_m2m()
                if added:
                    formset.new_objects.append(obj)
                else:
                    formset.changed_objects.append((obj, inline_form.changed_data))

    def save_inline(self, request, obj, inline_form):
        services.isi_save(obj, user=request.user, changes=_changes(inline_form))

    def delete_inline(self, request, obj):
        services.isi_delete(obj, user=request.user)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = [*BaseUserAdmin.fieldsets, ("Kontak", {"fields": ["telepon"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Satker)
class SatkerAdmin(ServicesAdmin):
    list_display = ["nama", "slug", "tingkat", "parent", "kota"]
    list_filter = ["tingkat"]
    search_fields = ["nama", "nama_lengkap", "slug"]
    prepopulated_fields = {"slug": ["nama"]}
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        changes = _changes(form)
        if not change:
            created = services.satker_create(user=request.user, **form.cleaned_data)
            obj.pk, obj.path, obj._state.adding = created.pk, created.path, False
            return
        parent = changes.pop("parent", None)
        original = Satker.objects.get(pk=obj.pk)
        obj.parent, obj.path = original.parent, original.path
        services.satker_update(obj, changes, user=request.user)
        if parent is not None:
            try:
                services.satker_move(obj, parent[1], user=request.user)
            except services.SatkerError as exc:
                messages.error(request, str(exc))

    def delete_model(self, request, obj):
        obj.delete()

    def save_inline(self, request, obj, inline_form):
        services.membership_save(obj, user=request.user, changes=_changes(inline_form))

    def delete_inline(self, request, obj):
        services.membership_delete(obj, user=request.user)


@admin.register(Membership)
class MembershipAdmin(ServicesAdmin):
    list_display = ["user", "satker", "role"]
    list_filter = ["role", "satker"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["areas"]

    def get_queryset(self, request):
        return Membership.semua.select_related("user", "satker")

    def save_model(self, request, obj, form, change):
        services.membership_save(obj, user=request.user, changes=_changes(form))

    def delete_model(self, request, obj):
        services.membership_delete(obj, user=request.user)


class KeputusanButirInline(AmandemenInline, admin.TabularInline):
    model = KeputusanButir
    extra = 0


class BabInline(AmandemenInline, admin.StackedInline):
    model = Bab
    extra = 0


class AreaInline(AmandemenInline, admin.TabularInline):
    model = Area
    extra = 0
    show_change_link = True


@admin.register(RencanaAksi)
class RencanaAksiAdmin(ServicesAdmin):
    list_display = ["satker", "tahun", "nomor", "status", "tanggal_penetapan"]
    list_filter = ["status", "tahun", "satker"]
    search_fields = ["satker__nama", "nomor", "tentang"]
    inlines = [KeputusanButirInline, BabInline, AreaInline]
    # A plan is adopted and revoked by its services (rencana_tetapkan), never by a field.
    readonly_fields = ["status"]
    fieldsets = [
        (None, {"fields": ["satker", "tahun", "status", "mencabut"]}),
        ("Keputusan", {"fields": RencanaAksi.KEPUTUSAN_FIELDS}),
        ("Tata letak lampiran", {"fields": RencanaAksi.LAYOUT_FIELDS}),
    ]


class KomponenInline(AmandemenInline, admin.TabularInline):
    model = Komponen
    extra = 0
    show_change_link = True


@admin.register(Area)
class AreaAdmin(ServicesAdmin):
    list_display = ["__str__", "rencana"]
    list_filter = ["rencana__satker"]
    inlines = [KomponenInline]


class IndikatorInline(AmandemenInline, admin.StackedInline):
    model = Indikator
    extra = 0
    show_change_link = True
    fields = ["urutan", "nomor", "nama", "target_capaian", "pic", "bobot"]


@admin.register(Komponen)
class KomponenAdmin(ServicesAdmin):
    list_display = ["__str__", "area"]
    inlines = [IndikatorInline]


class TargetWaktuInline(AmandemenInline, admin.StackedInline):
    model = TargetWaktu
    fields = ["teks", "jenis", "bulan", "bawaan", "peringatan"]
    readonly_fields = ["jenis", "bulan", "bawaan", "peringatan"]
    can_delete = False


class LangkahAksiInline(AmandemenInline, admin.TabularInline):
    model = LangkahAksi
    extra = 0


class BuktiFisikInline(AmandemenInline, admin.TabularInline):
    model = BuktiFisik
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(ServicesAdmin):
    list_display = ["__str__", "komponen", "target_capaian"]
    search_fields = ["nama"]
    list_filter = ["komponen__area__rencana__satker"]
    inlines = [TargetWaktuInline, LangkahAksiInline, BuktiFisikInline]
    exclude = ["capaian_pembanding", "capaian_nilai", "capaian_satuan"]

    def save_inline(self, request, obj, inline_form):
        if isinstance(obj, TargetWaktu):
            # The schedule is always re-read from the adopted text, never typed in by hand.
            services.target_waktu_update(
                obj.indikator, inline_form.cleaned_data["teks"], user=request.user
            )
        else:
            super().save_inline(request, obj, inline_form)
