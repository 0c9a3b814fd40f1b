"""Evidence pages: the indikator page with its slots and timeline, a slot with its versions,
uploads, reviews, the review queue, langkah aksi status, the kendala log and notifications.

Objects are loaded through the visible-to querysets (outsider → 404), actions check the
user's roles in the object's own office (wrong role → 403)."""

import os
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rencana_aksi.forms import next_url
from rencana_aksi.jadwal import Periode, periods_of
from rencana_aksi.models import Indikator, LangkahAksi
from rencana_aksi.permissions import (
    JADWAL_EDITORS,
    indikator_visible_to,
    rencana_visible_to,
    require,
)

from . import selectors, services
from .forms import (
    ArahanAreaForm,
    ArahanForm,
    AreaQuery,
    KendalaForm,
    LangkahStatusForm,
    TinjauForm,
    UnggahForm,
)
from .models import Notifikasi, Slot
from .permissions import (
    akses_for,
    bukti_visible_to,
    can_give_arahan,
    is_reviewer,
    unggahan_reviewable_by,
    unggahan_visible_to,
)
from .uploads import ACCEPT, HEIF_TYPES, UploadRefused, heif_jpeg, parse_upload


def _htmx(request):
    return request.headers.get("HX-Request") == "true"


def _rencana_of(indikator):
    return indikator.komponen.area.rencana


@login_required
@require_GET
def indikator_detail(request, pk):
    try:
        indikator = selectors.indikator_evidence(indikator_visible_to(request.user), pk)
    except Indikator.DoesNotExist:
        raise Http404("Indikator tidak ditemukan.") from None
    rencana = _rencana_of(indikator)
    akses = akses_for(request.user, rencana.satker)
    return render(
        request,
        "bukti_fisik/indikator_detail.html",
        {
            "indikator": indikator,
            "rencana": rencana,
            "can_upload": akses.can_upload(indikator),
            "can_review": akses.can_review(indikator),
            "can_update_langkah": akses.can_update_langkah(indikator),
            "can_edit_jadwal": bool(akses.roles & JADWAL_EDITORS),
            "kendala_form": KendalaForm(),
            "can_give_arahan": can_give_arahan(request.user, rencana.satker),
            "arahan_form": ArahanForm(),
        },
    )


def _slot_target(request, bukti_pk, kode):
    """The bukti fisik (404 unless readable) and the period named by `kode`: a period of the
    current schedule, or a stored slot kept from an earlier schedule."""
    bukti = get_object_or_404(
        bukti_visible_to(request.user).select_related(
            "indikator__target_waktu", "indikator__komponen__area__rencana__satker"
        ),
        pk=bukti_pk,
    )
    indikator = bukti.indikator
    for periode in periods_of(indikator, _rencana_of(indikator).tahun):
        if periode.kode == kode:
            return bukti, periode
    slot = Slot.objects.filter(bukti_fisik=bukti, kode=kode).first()
    if slot is None:
        raise Http404("Periode bukti tidak ditemukan.")
    return bukti, Periode(slot.kode, slot.label, slot.mulai, slot.jatuh_tempo)


@login_required
@require_GET
def slot_detail(request, bukti_pk, kode):
    bukti, periode = _slot_target(request, bukti_pk, kode)
    indikator = bukti.indikator
    akses = akses_for(request.user, _rencana_of(indikator).satker)
    slot = (
        Slot.objects.filter(bukti_fisik=bukti, kode=kode)
        .prefetch_related("unggahan__diunggah_oleh", "unggahan__ditinjau_oleh")
        .first()
    )
    versions = sorted(slot.unggahan.all(), key=lambda u: -u.versi) if slot else []
    return render(
        request,
        "bukti_fisik/slot_detail.html",
        {
            "bukti": bukti,
            "indikator": indikator,
            "rencana": _rencana_of(indikator),
            "periode": periode,
            "slot": slot,
            "versions": versions,
            "can_upload": akses.can_upload(indikator),
            "can_review": akses.can_review(indikator),
            "form": UnggahForm(),
            "accept": ACCEPT,
            "max_bytes": settings.ZI_UPLOAD_MAX_BYTES,
        },
    )


@csrf_exempt
@login_required
@require_POST
def slot_upload(request, bukti_pk, kode):
    # Office and role are checked before the body is read, so a refused user never gets a
    # file parsed; the CSRF check follows the strict parse (see _slot_upload_checked).
    bukti, periode = _slot_target(request, bukti_pk, kode)
    akses = akses_for(request.user, _rencana_of(bukti.indikator).satker)
    require(akses.can_upload(bukti.indikator))
    parse_upload(request)
    return _slot_upload_checked(request, bukti, periode)


@csrf_protect
def _slot_upload_checked(request, bukti, periode):
    wants_json = "application/json" in request.headers.get("Accept", "")
    slot_url = reverse("bukti_fisik:slot", args=[bukti.pk, periode.kode])
    form = UnggahForm(request.POST)
    files = request.FILES.getlist("berkas")
    error = None
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    elif not files:
        error = "Pilih sedikitnya satu berkas untuk diunggah."
    else:
        try:
            created = services.bukti_upload(
                bukti,
                periode,
                files,
                user=request.user,
                tanggal_dokumen=form.cleaned_data["tanggal_dokumen"],
                catatan=form.cleaned_data["catatan"],
            )
        except (UploadRefused, services.EvidenceError) as exc:
            error = str(exc)
    if error:
        error = f"Tidak ada yang tersimpan: {error}"
        if wants_json:
            return JsonResponse({"ok": False, "pesan": error}, status=400)
        messages.error(request, error)
        return redirect(slot_url)
    names = ", ".join(u.nama_asli for u in created)
    text = f"Tersimpan sebagai versi {', '.join(str(u.versi) for u in created)}: {names}."
    if wants_json:
        return JsonResponse({"ok": True, "pesan": text}, status=201)
    messages.success(request, text)
    return redirect(slot_url)


def _send(unggahan, *, inline):
    """The file through this checked view, through nginx with X-Accel-Redirect, or, on object
    storage, as a redirect to a link signed for a short while (the checks are already done)."""
    if settings.ZI_S3_BUCKET:
        disposition = content_disposition_header(not inline, unggahan.nama_asli)
        url = unggahan.berkas.storage.url(
            unggahan.berkas.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": unggahan.jenis_konten,
                "ResponseCacheControl": "private, no-cache",
            },
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    if settings.ZI_X_ACCEL_PREFIX:
        response = HttpResponse(content_type=unggahan.jenis_konten)
        response["X-Accel-Redirect"] = settings.ZI_X_ACCEL_PREFIX + unggahan.berkas.name
    else:
        response = FileResponse(unggahan.berkas.open("rb"), content_type=unggahan.jenis_konten)
    response["Content-Disposition"] = content_disposition_header(not inline, unggahan.nama_asli)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    if unggahan.jenis_konten.startswith("image/"):
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def _visible_unggahan(request, pk):
    return get_object_or_404(
        unggahan_visible_to(request.user).select_related(
            "slot__indikator__komponen__area__rencana__satker"
        ),
        pk=pk,
    )


@login_required
@require_GET
def unggahan_download(request, pk):
    return _send(_visible_unggahan(request, pk), inline=False)


@login_required
@require_GET
def unggahan_preview(request, pk):
    unggahan = _visible_unggahan(request, pk)
    if unggahan.jenis_konten in HEIF_TYPES:
        return _heif_view(unggahan)
    return _send(unggahan, inline=unggahan.bisa_dilihat)


def _heif_view(unggahan):
    """A HEIC photo as a JPEG the browser can show (the download stays the original)."""
    with unggahan.berkas.open("rb") as source:
        data = heif_jpeg(source)
    name = os.path.splitext(unggahan.nama_asli)[0] + ".jpg"
    response = HttpResponse(data, content_type="image/jpeg")
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@login_required
@require_POST
def unggahan_review(request, pk):
    unggahan = _visible_unggahan(request, pk)
    indikator = unggahan.slot.indikator
    akses = akses_for(request.user, _rencana_of(indikator).satker)
    require(akses.can_review(indikator))
    slot = unggahan.slot
    back = next_url(request, reverse("bukti_fisik:slot", args=[slot.bukti_fisik_id, slot.kode]))
    form = TinjauForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Tidak ada yang disimpan. "
            + " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
        return redirect(back)
    setuju = form.cleaned_data["keputusan"] == "setujui"
    try:
        services.bukti_review(
            unggahan,
            user=request.user,
            setuju=setuju,
            catatan=form.cleaned_data["catatan"],
            revisi=form.cleaned_data["revisi"],
        )
    except services.EvidenceError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    done = f"«{unggahan.nama_asli}» " + (
        "terverifikasi." if setuju else "dikembalikan untuk perbaikan."
    )
    return _next_in_queue(request, done, back)


def _next_in_queue(request, done, back):
    """After a decision the reviewer goes on to the oldest version still waiting for them
    (the queue's order), unless they came from somewhere else than a slot page."""
    waiting = unggahan_reviewable_by(request.user).select_related("slot").order_by("diunggah", "pk")
    following = waiting.first()
    if following is None:
        messages.success(request, f"{done} Antrean tinjauan Anda sudah kosong.")
        return redirect(back)
    if not back.startswith("/bukti/"):
        messages.success(request, done)
        return redirect(back)
    left = waiting.count()
    messages.success(
        request,
        f"{done} Berikutnya di antrean: «{following.nama_asli}» ({left} menunggu keputusan Anda).",
    )
    slot = following.slot
    target = reverse("bukti_fisik:slot", args=[slot.bukti_fisik_id, slot.kode])
    return redirect(f"{target}#versi-{following.versi}")


def _require_reviewer(user):
    require(is_reviewer(user))


@login_required
@require_GET
def review_queue(request):
    _require_reviewer(request.user)
    page = selectors.review_queue_for(request.user, request.GET.get("halaman") or 1)
    return render(request, "bukti_fisik/review_queue.html", {"page": page})


@login_required
@require_POST
def review_bulk_verify(request):
    """Verify the chosen versions together; each is applied on its own, so one that changed
    meanwhile is reported and the others still go through."""
    _require_reviewer(request.user)
    chosen = {}
    for value in request.POST.getlist("pilih"):
        pk, _, revisi = value.partition(":")
        if not (
            re.fullmatch(r"\d{1,9}", pk, re.ASCII) and re.fullmatch(r"\d{1,9}", revisi, re.ASCII)
        ):
            messages.error(request, "Pilihan tidak dikenali; tidak ada yang disimpan.")
            return redirect("bukti_fisik:review_queue")
        chosen[int(pk)] = int(revisi)
    if not chosen:
        messages.error(request, "Pilih sedikitnya satu bukti untuk diverifikasi.")
        return redirect("bukti_fisik:review_queue")
    items = list(
        unggahan_visible_to(request.user)
        .filter(pk__in=chosen)
        .select_related("slot__indikator__komponen__area__rencana__satker")
    )
    if len(items) != len(chosen):
        raise Http404("Sebagian bukti tidak ditemukan.")
    reviewable = set(
        unggahan_reviewable_by(request.user).filter(pk__in=chosen).values_list("pk", flat=True)
    )
    akses = {}
    for unggahan in items:
        if unggahan.pk in reviewable:
            continue
        # Not (or no longer) the user's to decide: a version of an area the user does not
        # review is refused outright; one decided meanwhile, or their own, is reported.
        satker = _rencana_of(unggahan.slot.indikator).satker
        akses.setdefault(satker.pk, akses_for(request.user, satker))
        require(akses[satker.pk].can_review(unggahan.slot.indikator))
    done, refused = [], []
    for unggahan in items:
        if unggahan.pk not in reviewable:
            refused.append(f"«{unggahan.nama_asli}»: {services.NOT_YOURS}")
            continue
        try:
            with transaction.atomic():
                services.bukti_review(
                    unggahan, user=request.user, setuju=True, revisi=chosen[unggahan.pk]
                )
            done.append(unggahan.nama_asli)
        except services.EvidenceError as exc:
            refused.append(f"«{unggahan.nama_asli}»: {exc}")
    if done:
        messages.success(request, f"{len(done)} bukti terverifikasi.")
    for text in refused:
        messages.warning(request, text)
    return redirect("bukti_fisik:review_queue")


def _langkah_for_update(request, pk):
    langkah = get_object_or_404(
        LangkahAksi.objects.filter(indikator__in=indikator_visible_to(request.user)).select_related(
            "indikator__komponen__area__rencana__satker"
        ),
        pk=pk,
    )
    indikator = langkah.indikator
    require(akses_for(request.user, _rencana_of(indikator).satker).can_update_langkah(indikator))
    return langkah


@login_required
@require_http_methods(["GET", "POST"])
def langkah_status(request, pk):
    """The status form of one langkah aksi, swapped in place by htmx; the row comes back."""
    langkah = _langkah_for_update(request, pk)
    if request.method == "GET":
        if request.GET.get("batal"):
            return render(
                request, "bukti_fisik/_langkah_row.html", {"langkah": langkah, "can_update": True}
            )
        form = LangkahStatusForm(instance=langkah, auto_id=f"l{langkah.pk}_%s")
        return render(request, "bukti_fisik/_langkah_form.html", {"langkah": langkah, "form": form})
    form = LangkahStatusForm(
        request.POST, instance=LangkahAksi.objects.get(pk=langkah.pk), auto_id=f"l{langkah.pk}_%s"
    )
    if not form.is_valid():
        return render(
            request,
            "bukti_fisik/_langkah_form.html",
            {"langkah": langkah, "form": form},
            status=200 if _htmx(request) else 400,
        )
    services.langkah_status_update(
        langkah,
        user=request.user,
        status=form.cleaned_data["status"],
        tanggal=form.cleaned_data["status_tanggal"],
        catatan=form.cleaned_data["status_catatan"],
    )
    if not _htmx(request):
        messages.success(request, "Status langkah aksi disimpan.")
        return redirect("bukti_fisik:indikator", pk=langkah.indikator_id)
    return render(
        request, "bukti_fisik/_langkah_row.html", {"langkah": langkah, "can_update": True}
    )


@login_required
@require_POST
def kendala_add(request, pk):
    indikator = get_object_or_404(
        indikator_visible_to(request.user).select_related("komponen__area__rencana__satker"),
        pk=pk,
    )
    require(akses_for(request.user, _rencana_of(indikator).satker).can_update_langkah(indikator))
    form = KendalaForm(request.POST)
    if form.is_valid():
        services.kendala_add(indikator, user=request.user, **form.cleaned_data)
        messages.success(request, "Kendala dicatat.")
    else:
        messages.error(request, "Tidak ada yang disimpan: isi uraian kendalanya.")
    return redirect(reverse("bukti_fisik:indikator", args=[indikator.pk]) + "#kendala")


def _arahan_save(request, form, back, target):
    """Save the arahan of a valid form on `target(cleaned_data)` ({"area": …} or
    {"indikator": …}), or say why nothing was saved."""
    if form.is_valid():
        services.arahan_add(
            user=request.user, teks=form.cleaned_data["teks"], **target(form.cleaned_data)
        )
        messages.success(request, "Arahan disimpan dan disampaikan kepada PIC.")
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, f"Tidak ada yang disimpan: {errors[0]}")
    return redirect(back)


@login_required
@require_POST
def arahan_indikator(request, pk):
    indikator = get_object_or_404(
        indikator_visible_to(request.user).select_related("komponen__area__rencana__satker"),
        pk=pk,
    )
    require(can_give_arahan(request.user, _rencana_of(indikator).satker))
    back = reverse("bukti_fisik:indikator", args=[indikator.pk]) + "#arahan"
    return _arahan_save(
        request, ArahanForm(request.POST), back, lambda data: {"indikator": indikator}
    )


@login_required
@require_http_methods(["GET", "POST"])
def arahan_area(request, pk):
    """The plan's arahan (of one area with ?area=), loaded into the dashboard; a POST gives
    an arahan on one area."""
    rencana = get_object_or_404(rencana_visible_to(request.user).select_related("satker"), pk=pk)
    allowed = can_give_arahan(request.user, rencana.satker)
    if request.method == "GET":
        area = AreaQuery.values(request.GET)["area"]
        condition = Q(rencana=rencana)
        if area:
            condition &= Q(area_id=area) | Q(indikator__komponen__area_id=area)
        return render(
            request,
            "bukti_fisik/_arahan.html",
            {
                "arahan_list": selectors.arahan_of(condition, limit=20),
                "can_give_arahan": allowed,
                "aksi": request.path,
                "pilih_area": list(rencana.areas.all()) if allowed else [],
                "area_terpilih": area,
            },
        )
    require(allowed)
    form = ArahanAreaForm(request.POST, rencana=rencana)
    back = reverse("monev:dashboard", args=[rencana.pk]) + "#arahan"
    return _arahan_save(request, form, back, lambda data: {"area": data["area"]})


@login_required
@require_GET
def keadaan_rencana(request, pk):
    """The evidence state of every indikator of a plan, swapped into the plan page's rows
    (htmx out-of-band) once the page is shown."""
    rencana = get_object_or_404(rencana_visible_to(request.user).select_related("satker"), pk=pk)
    return render(
        request,
        "bukti_fisik/_keadaan.html",
        {
            "items": selectors.rencana_keadaan(
                rencana, timezone.localdate(), AreaQuery.values(request.GET)["area"]
            )
        },
    )


@login_required
@require_GET
def tugas(request):
    """Tugas saya: what is the member's to do, soonest due first, each row linked to the page
    where it is done."""
    return render(
        request,
        "bukti_fisik/tugas.html",
        {"tugas": selectors.tugas_for(request.user, timezone.localdate())},
    )


@login_required
@require_GET
def notifikasi_list(request):
    items = Notifikasi.objects.filter(penerima=request.user)[:200]
    return render(request, "bukti_fisik/notifikasi.html", {"items": items})


@login_required
@require_POST
def notifikasi_open(request, pk):
    notifikasi = get_object_or_404(Notifikasi, penerima=request.user, pk=pk)
    services.notifikasi_mark_read(request.user, notifikasi.pk)
    if notifikasi.tautan and url_has_allowed_host_and_scheme(
        notifikasi.tautan, {request.get_host()}
    ):
        return redirect(notifikasi.tautan)
    return redirect("bukti_fisik:notifikasi")


@login_required
@require_POST
def notifikasi_read_all(request):
    count = services.notifikasi_mark_read(request.user)
    messages.info(request, f"{count} notifikasi ditandai sudah dibaca.")
    return redirect("bukti_fisik:notifikasi")
