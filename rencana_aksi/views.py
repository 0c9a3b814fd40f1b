from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import permissions, selectors, services
from .forms import JadwalForm
from .models import Indikator


@login_required
def rencana_list(request):
    return render(
        request,
        "rencana_aksi/rencana_list.html",
        {"rencana_list": selectors.rencana_list_for(request.user)},
    )


@login_required
def rencana_detail(request, pk):
    rencana = get_object_or_404(
        permissions.rencana_visible_to(request.user).select_related("satker", "mencabut"), pk=pk
    )
    areas = selectors.rencana_lampiran(rencana)
    return render(
        request,
        "rencana_aksi/rencana_detail.html",
        {
            "rencana": rencana,
            "areas": areas,
            "butir": selectors.keputusan_butir(rencana),
            "bab_list": rencana.bab.all(),
            "jumlah_indikator": sum(
                len(k.indikator.all()) for a in areas for k in a.komponen.all()
            ),
        },
    )


@login_required
def indikator_detail(request, pk):
    try:
        indikator = selectors.indikator_detail(permissions.indikator_visible_to(request.user), pk)
    except Indikator.DoesNotExist:
        raise Http404("Indikator tidak ditemukan.") from None
    rencana = indikator.komponen.area.rencana
    return render(
        request,
        "rencana_aksi/indikator_detail.html",
        {
            "indikator": indikator,
            "rencana": rencana,
            "can_edit_jadwal": permissions.can_edit_jadwal(request.user, rencana.satker),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def jadwal_edit(request, pk):
    indikator = get_object_or_404(
        permissions.indikator_visible_to(request.user).select_related(
            "target_waktu", "komponen__area__rencana__satker"
        ),
        pk=pk,
    )
    rencana = indikator.komponen.area.rencana
    permissions.require(permissions.can_edit_jadwal(request.user, rencana.satker))
    jadwal = indikator.target_waktu.jadwal
    form = JadwalForm(
        request.POST or None,
        initial={
            "jenis": jadwal.jenis,
            "bulan": list(jadwal.bulan) if jadwal.jenis in ("bulan", "daftar") else [],
            "mulai": jadwal.bulan[0] if jadwal.jenis == "rentang" else None,
            "selesai": jadwal.bulan[1] if jadwal.jenis == "rentang" else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.jadwal_set(indikator, form.cleaned_data["jenis"], form.cleaned_data["nilai_bulan"])
        messages.success(
            request, "Jadwal bukti disimpan. Teks target waktu tetap seperti ditetapkan."
        )
        return redirect("rencana_aksi:indikator", pk=indikator.pk)
    return render(
        request,
        "rencana_aksi/jadwal_form.html",
        {"indikator": indikator, "rencana": rencana, "form": form},
        status=400 if request.method == "POST" else 200,
    )
