from datetime import date
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from . import permissions, selectors, services
from .forms import JadwalForm, KeputusanForm, QueryForm, VerifikasiForm, id_field
from .models import Dokumen, KeputusanButir, Role


@login_required
def rencana_list(request):
    return render(
        request,
        "rencana_aksi/rencana_list.html",
        {
            "rencana_list": selectors.rencana_list_for(request.user),
            "satker_baru": permissions.satker_plan_editable_by(request.user),
        },
    )


@login_required
def rencana_detail(request, pk):
    rencana = get_object_or_404(
        permissions.rencana_visible_to(request.user).select_related("satker", "mencabut"), pk=pk
    )
    # Areas start closed and load their rows when opened; ?semua=1 shows every area (to
    # search the page or print it), ?area=<id> one area (the same without JavaScript).
    query = LampiranQuery.values(request.GET)
    terbuka = None if query["semua"] else ({query["area"]} if query["area"] else set())
    areas = selectors.rencana_lampiran(rencana, terbuka)
    roles = permissions.roles_in(request.user, rencana.satker)
    return render(
        request,
        "rencana_aksi/rencana_detail.html",
        {
            "rencana": rencana,
            "areas": areas,
            "semua": terbuka is None,
            "butir": selectors.keputusan_butir(rencana),
            "bab_list": rencana.bab.all(),
            "jumlah_indikator": sum(a.jumlah_indikator for a in areas),
            "can_print": bool(roles & permissions.DOKUMEN_ROLES),
            "can_assign": bool(roles & permissions.ASSIGNERS),
            "can_edit_plan": bool(roles & permissions.PLAN_EDITORS),
            "can_export": bool(roles & permissions.EXPORTERS),
        },
    )


class LampiranQuery(QueryForm):
    semua = forms.BooleanField(required=False)
    area = id_field()


@login_required
def lampiran_area(request, pk, area_pk):
    """One area's rows of the plan page, loaded when the area is opened."""
    rencana = get_object_or_404(
        permissions.rencana_visible_to(request.user).select_related("satker"), pk=pk
    )
    found = [a for a in selectors.rencana_lampiran(rencana, {area_pk}) if a.pk == area_pk]
    if not found:
        raise Http404("Area tidak ditemukan.")
    area = found[0]
    # The rows alone for the plan page's htmx; opened as a page (a bookmark, a shared link),
    # the same rows in the site's layout.
    template = "_lampiran_area.html" if request.headers.get("HX-Request") == "true" else "area.html"
    return render(request, f"rencana_aksi/{template}", {"rencana": rencana, "area": area})


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
        services.jadwal_set(
            indikator,
            form.cleaned_data["jenis"],
            form.cleaned_data["nilai_bulan"],
            user=request.user,
        )
        messages.success(
            request, "Jadwal bukti disimpan. Teks target waktu tetap seperti ditetapkan."
        )
        return redirect("bukti_fisik:indikator", pk=indikator.pk)
    return render(
        request,
        "rencana_aksi/jadwal_form.html",
        {"indikator": indikator, "rencana": rencana, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# ---- Keputusan and its documents


def _printable_rencana(request, pk):
    """A plan the user reads (else 404) and may print (else 403)."""
    rencana = get_object_or_404(
        permissions.rencana_visible_to(request.user).select_related("satker"), pk=pk
    )
    permissions.require(permissions.can_print(request.user, rencana.satker))
    return rencana


def _printable_dokumen(request, pk):
    dokumen = get_object_or_404(
        permissions.dokumen_visible_to(request.user).select_related("rencana__satker"), pk=pk
    )
    permissions.require(permissions.can_print(request.user, dokumen.rencana.satker))
    return dokumen


@login_required
@require_http_methods(["GET", "POST"])
def keputusan_edit(request, pk):
    rencana = _printable_rencana(request, pk)
    form = KeputusanForm(
        request.POST or None,
        instance=rencana,
        butir=selectors.keputusan_butir(rencana),
        initial=_office_defaults(rencana),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.keputusan_update(
            rencana,
            {name: data[name] for name in KeputusanForm.Meta.fields},
            {jenis: data[f"{jenis}_items"] for jenis in ("menimbang", "mengingat", "diktum")},
            user=request.user,
        )
        messages.success(request, "Data Keputusan disimpan.")
        return redirect("rencana_aksi:dokumen", pk=rencana.pk)
    if request.method == "POST":
        # The form re-reads the instance's saved values on error; show what was typed.
        rencana.refresh_from_db()
    return render(
        request,
        "rencana_aksi/keputusan_form.html",
        {"rencana": rencana, "form": form, "preview": _keputusan_preview_html(rencana, form)},
        status=400 if request.method == "POST" else 200,
    )


# Keputusan fields an empty plan takes from its office's settings (field on the plan: on Satker).
OFFICE_DEFAULTS = {
    "tempat_penetapan": "kota",
    "penandatangan_jabatan": "penandatangan_jabatan",
    "penandatangan_nama": "penandatangan_nama",
    "salinan_unit": "salinan_unit",
    "salinan_jabatan": "salinan_jabatan",
    "salinan_nama": "salinan_nama",
}


def _office_defaults(rencana):
    """What the editor offers for the plan's empty signatory fields: the office's defaults."""
    satker = rencana.satker
    return {
        field: getattr(satker, source)
        for field, source in OFFICE_DEFAULTS.items()
        if not getattr(rencana, field) and getattr(satker, source)
    }


def _keputusan_preview_html(rencana, form):
    """The Keputusan part as HTML, from the form's values when they are valid, else as saved."""
    from . import pdf  # WeasyPrint is loaded only by the views that render

    butir = selectors.keputusan_butir(rencana)
    if form.is_bound and form.is_valid():
        rencana = form.save(commit=False)
        butir = {
            jenis: [
                KeputusanButir(jenis=jenis, label=label, teks=teks)
                for label, teks in zip(
                    services.butir_labels(jenis, len(form.cleaned_data[f"{jenis}_items"])),
                    form.cleaned_data[f"{jenis}_items"],
                    strict=True,
                )
            ]
            for jenis in ("menimbang", "mengingat", "diktum")
        }
    return pdf.render_preview_html(rencana, butir)


@login_required
@require_http_methods(["POST"])
def keputusan_preview(request, pk):
    rencana = _printable_rencana(request, pk)
    form = KeputusanForm(request.POST, instance=rencana)
    html = _keputusan_preview_html(rencana, form)
    return render(request, "rencana_aksi/_keputusan_preview.html", {"preview": html, "form": form})


@login_required
def dokumen_page(request, pk):
    rencana = _printable_rencana(request, pk)
    recent = list(rencana.dokumen.select_related("dibuat_oleh").order_by("-dibuat")[:20])
    latest = {}
    for dokumen in recent:
        latest.setdefault(dokumen.mode, dokumen)
    return render(
        request,
        "rencana_aksi/dokumen.html",
        {
            "rencana": rencana,
            "modes": [(mode, label, latest.get(mode)) for mode, label in Dokumen.Mode.choices],
            "recent": recent,
            "tanpa_logo": not rencana.satker.logo,
            "can_set_logo": bool(permissions.roles_in(request.user, rencana.satker) & {Role.ADMIN}),
        },
    )


@login_required
@require_http_methods(["POST"])
def dokumen_create(request, pk):
    rencana = _printable_rencana(request, pk)
    mode = request.POST.get("mode")
    if mode not in Dokumen.Mode.values:
        messages.error(request, "Mode dokumen tidak dikenal. Pilih draf, asli, salinan atau TTE.")
        return redirect("rencana_aksi:dokumen", pk=rencana.pk)
    if (
        mode != Dokumen.Mode.DRAF
        and not rencana.satker.logo
        and request.POST.get("tanpa_logo") != "1"
    ):
        messages.error(
            request,
            "Tidak dicetak: satker ini belum mempunyai logo, sehingga dokumen akan memuat tanda "
            "tempat bergaris putus-putus. Unggah logo di Pengaturan satker, atau centang "
            "“Cetak tanpa logo” bila memang dikehendaki.",
        )
        return redirect("rencana_aksi:dokumen", pk=rencana.pk)
    # No banner: the card's own progress bar tells the state and goes when printing ends.
    services.dokumen_request(rencana, mode, request.user)
    return redirect(reverse("rencana_aksi:dokumen", args=[rencana.pk]) + f"#mode-{mode}")


@login_required
def dokumen_status(request, pk):
    dokumen = _printable_dokumen(request, pk)
    return render(request, "rencana_aksi/_dokumen_status.html", {"dokumen": dokumen})


def _safe_download_name(dokumen):
    return f"keputusan-{dokumen.rencana.satker.slug}-{dokumen.rencana.tahun}-{dokumen.mode}.pdf"


@login_required
def dokumen_download(request, pk):
    dokumen = _printable_dokumen(request, pk)
    if dokumen.status != Dokumen.Status.SELESAI:
        raise Http404("Dokumen belum selesai dicetak.")
    return FileResponse(
        dokumen.berkas.open("rb"),
        as_attachment=request.GET.get("lihat") != "1",
        filename=_safe_download_name(dokumen),
        content_type="application/pdf",
    )


@login_required
def dokumen_preview(request, pk, n):
    dokumen = _printable_dokumen(request, pk)
    if not 1 <= n <= len(dokumen.pratinjau):
        raise Http404("Pratinjau tidak ada.")
    path = Path(settings.MEDIA_ROOT) / dokumen.pratinjau[n - 1]
    return FileResponse(path.open("rb"), content_type="image/png")


def _tanggal(iso):
    """An ISO date as printed in decrees: 16 April 2026."""
    if not iso:
        return ""
    with translation.override("id"):
        return date_format(date.fromisoformat(iso), "j F Y")


@require_http_methods(["GET", "POST"])
def verifikasi(request, token):
    """Public: anyone holding a printout checks it. Shows only the office, nomor, tanggal,
    tentang and the PDF's sha256, and compares an uploaded PDF with the issued one."""
    dokumen = get_object_or_404(
        Dokumen.objects.filter(mode__in=Dokumen.ISSUED_MODES, status=Dokumen.Status.SELESAI),
        token=token,
    )
    form = VerifikasiForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.dokumen_matches(dokumen, form.cleaned_data["berkas"])
    return render(
        request,
        "rencana_aksi/verifikasi.html",
        {
            "dokumen": dokumen,
            "identitas": dokumen.identitas,
            "tanggal": _tanggal(dokumen.identitas.get("tanggal")),
            "form": form,
            "result": result,
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
