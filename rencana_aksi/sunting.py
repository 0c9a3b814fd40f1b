"""The plan editor's pages: the Lampiran as a tree of small forms, each change posted on its own
and the editor swapped in place by htmx (a plain POST and redirect without JavaScript). The
Admin satker edits a draft freely; an adopted plan takes changes only with an amendment
reason; nothing holding evidence is deleted."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import permissions, selectors, services
from .forms import AmandemenForm, GeserForm, tanpa_kendali
from .jadwal import parse_target_waktu, periods
from .models import Indikator, RencanaAksi

# The lookup from each kind of object to its plan.
PLAN_PATH = {
    "area": "rencana",
    "komponen": "area__rencana",
    "indikator": "komponen__area__rencana",
    "langkah": "indikator__komponen__area__rencana",
    "bukti": "indikator__komponen__area__rencana",
}
PARENT = {
    "area": None,
    "komponen": "area",
    "indikator": "komponen",
    "langkah": "indikator",
    "bukti": "indikator",
}


def _form_class(jenis):
    model, _, fields = services.JENIS[jenis]
    extra = {"alasan": forms.CharField(required=False, max_length=1000, validators=[tanpa_kendali])}
    if jenis == "indikator":
        extra["target_waktu"] = forms.CharField(max_length=255)
    return forms.modelform_factory(model, fields=fields, form=type("F", (forms.ModelForm,), extra))


def _rencana(request, pk):
    rencana = get_object_or_404(
        permissions.rencana_visible_to(request.user).select_related("satker"), pk=pk
    )
    permissions.require(permissions.can_edit_plan(request.user, rencana.satker))
    return rencana


def _object(rencana, jenis, obj_pk):
    if jenis not in services.JENIS:
        raise Http404("Jenis isi rencana tidak dikenal.")
    model = services.JENIS[jenis][0]
    return get_object_or_404(model.objects.filter(**{PLAN_PATH[jenis]: rencana}), pk=obj_pk)


def _back(rencana, jenis=None, obj=None):
    anchor = f"#{jenis}-{obj.pk}" if obj is not None and obj.pk else ""
    return redirect(reverse("rencana_aksi:sunting", args=[rencana.pk]) + anchor)


def _errors(form):
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
@require_GET
def editor(request, pk):
    rencana = _rencana(request, pk)
    areas = selectors.rencana_lampiran(rencana)
    with_evidence = set(
        Indikator.objects.filter(komponen__area__rencana=rencana, slot__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return render(
        request,
        "rencana_aksi/sunting.html",
        {
            "rencana": rencana,
            "areas": areas,
            "with_evidence": with_evidence,
            "amandemen": rencana.status == RencanaAksi.Status.DITETAPKAN,
        },
    )


def _form_partial(request, rencana, jenis, obj=None, induk=""):
    """One edit or add form, loaded when its item is opened (the page stays light)."""
    if obj is not None and jenis == "indikator":
        obj = Indikator.objects.select_related("target_waktu").get(pk=obj.pk)
    return render(
        request,
        "rencana_aksi/_sunting_form.html",
        {
            "rencana": rencana,
            "jenis": jenis,
            "obj": obj,
            "induk": induk,
            "amandemen": rencana.status == RencanaAksi.Status.DITETAPKAN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def simpan(request, pk, jenis, obj_pk):
    rencana = _rencana(request, pk)
    obj = _object(rencana, jenis, obj_pk)
    if request.method == "GET":
        return _form_partial(request, rencana, jenis, obj)
    form = _form_class(jenis)(
        request.POST, instance=services.JENIS[jenis][0].objects.get(pk=obj.pk)
    )
    if not form.is_valid():
        messages.error(request, f"Tidak disimpan. {_errors(form)}")
        return _back(rencana, jenis, obj)
    data = form.cleaned_data
    try:
        services.isi_ubah(
            obj,
            data,
            user=request.user,
            alasan=data.get("alasan", ""),
            target_waktu=data.get("target_waktu"),
        )
    except services.SuntingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Disimpan.")
    return _back(rencana, jenis, obj)


@login_required
@require_http_methods(["GET", "POST"])
def tambah(request, pk, jenis):
    rencana = _rencana(request, pk)
    if jenis not in services.JENIS:
        raise Http404("Jenis isi rencana tidak dikenal.")
    parent_jenis = PARENT[jenis]
    induk = (
        request.POST.get("induk", "") if request.method == "POST" else request.GET.get("induk", "")
    )
    if request.method == "GET":
        return _form_partial(
            request, rencana, jenis, induk=induk if induk.isascii() and induk.isdigit() else ""
        )
    if parent_jenis is None:
        parent = rencana
    else:
        parent = _object(
            rencana, parent_jenis, int(induk) if induk.isascii() and induk.isdigit() else 0
        )
    form = _form_class(jenis)(request.POST)
    if not form.is_valid():
        messages.error(request, f"Tidak ditambahkan. {_errors(form)}")
        return _back(rencana)
    data = form.cleaned_data
    try:
        obj = services.isi_tambah(
            parent,
            jenis,
            data,
            user=request.user,
            alasan=data.get("alasan", ""),
            target_waktu=data.get("target_waktu", ""),
        )
    except services.SuntingError as exc:
        messages.error(request, str(exc))
        return _back(rencana)
    messages.success(request, "Ditambahkan.")
    return _back(rencana, jenis, obj)


@login_required
@require_POST
def hapus(request, pk, jenis, obj_pk):
    rencana = _rencana(request, pk)
    obj = _object(rencana, jenis, obj_pk)
    form = AmandemenForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Tidak dihapus. {_errors(form)}")
        return _back(rencana, jenis, obj)
    try:
        services.isi_hapus(obj, user=request.user, alasan=form.cleaned_data["alasan"])
    except services.SuntingError as exc:
        messages.error(request, str(exc))
        return _back(rencana, jenis, obj)
    messages.success(request, "Dihapus.")
    return _back(rencana)


@login_required
@require_POST
def geser(request, pk, jenis, obj_pk):
    rencana = _rencana(request, pk)
    obj = _object(rencana, jenis, obj_pk)
    form = GeserForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Tidak dipindah. {_errors(form)}")
        return _back(rencana, jenis, obj)
    try:
        services.isi_geser(
            obj,
            form.cleaned_data["arah"] == "naik",
            user=request.user,
            alasan=form.cleaned_data["alasan"],
        )
    except services.SuntingError as exc:
        messages.error(request, str(exc))
    return _back(rencana, jenis, obj)


def _errors(form):
    return " ".join(e for errors in form.errors.values() for e in errors)


@login_required
@require_GET
def jadwal_pratinjau(request):
    """How a target waktu text reads, as it is typed: its schedule, periods and warnings."""
    teks = request.GET.get("target_waktu", "")[:255]
    tahun = request.GET.get("tahun", "")
    tahun = (
        int(tahun) if tahun.isascii() and tahun.isdigit() and 2000 <= int(tahun) <= 2100 else 2026
    )
    jadwal = parse_target_waktu(teks, tahun)
    return render(
        request,
        "rencana_aksi/_jadwal_pratinjau.html",
        {"jadwal": jadwal, "periode": periods(jadwal, tahun), "teks": teks},
    )
