"""Pages of plan exchange: the Lampiran as Excel, the blank template, import with its column
mapping and preview, next year's plan and adoption. Plans load through rencana_visible_to
(outsider → 404); acting needs the Admin satker role in the plan's office (else 403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti import antrean

from .. import permissions, services
from ..forms import BarisJudulForm, RencanaBaruForm
from ..models import BerkasImpor, RencanaAksi
from ..selectors import rencana_data
from . import excel
from .impor import jenis_of, pratinjau
from .pemetaan import BARIS_JUDUL, MAX_BYTES, PILIHAN, ImporError, normal, tebak

MAX_UPLOAD = MAX_BYTES


def _rencana(request, pk, allowed):
    rencana = get_object_or_404(
        permissions.rencana_visible_to(request.user).select_related("satker"), pk=pk
    )
    permissions.require(allowed(request.user, rencana.satker))
    return rencana


def _xlsx(data, name):
    response = HttpResponse(data, content_type=excel.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def ekspor(request, pk):
    rencana = _rencana(request, pk, permissions.can_export_plan)
    data = rencana_data(rencana)
    layout = data["layout"]
    return _xlsx(
        excel.workbook_bytes(data, layout), f"lampiran-{rencana.satker.slug}-{rencana.tahun}.xlsx"
    )


@login_required
@require_GET
def templat(request):
    return _xlsx(excel.template_bytes(), "templat-lampiran-rencana-aksi.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def impor(request, pk):
    """Step 1: upload the workbook or document; it is kept until the preview is confirmed."""
    rencana = _rencana(request, pk, permissions.can_edit_plan)
    error = ""
    if request.method == "POST":
        berkas = request.FILES.get("berkas")
        try:
            if rencana.status != RencanaAksi.Status.DRAF:
                raise ImporError("Rencana ini sudah ditetapkan; impor hanya ke rencana draf.")
            if berkas is None:
                raise ImporError("Pilih berkas .xlsx atau .docx.")
            if berkas.size > MAX_UPLOAD:
                raise ImporError("Berkas terlalu besar: paling besar 10 MB.")
            data = b"".join(berkas.chunks())
            jenis = jenis_of(berkas.name, data)
        except ImporError as exc:
            error = str(exc)
        else:
            item = BerkasImpor(
                rencana=rencana, nama=berkas.name[:255], jenis=jenis, dibuat_oleh=request.user
            )
            item.berkas.save(f"impor-{rencana.pk}.{jenis}", ContentFile(data), save=False)
            item.save()
            return redirect("rencana_aksi:impor_pratinjau", pk=item.pk)
    return render(
        request,
        "rencana_aksi/impor.html",
        {"rencana": rencana, "error": error},
        status=400 if error else 200,
    )


def _impor_item(request, pk):
    item = get_object_or_404(
        BerkasImpor.objects.filter(
            rencana__in=permissions.rencana_visible_to(request.user)
        ).select_related("rencana__satker"),
        pk=pk,
    )
    permissions.require(permissions.can_edit_plan(request.user, item.rencana.satker))
    return item


MENUNGGU = (BerkasImpor.Status.ANTRI, BerkasImpor.Status.PROSES)


@login_required
@require_http_methods(["GET", "POST"])
def impor_pratinjau(request, pk):
    """Step 2: the column mapping and the preview; step 3: confirm, which queues the writing
    (a large Lampiran takes a while) and waits on this page until it is done."""
    item = _impor_item(request, pk)
    rencana = item.rencana
    if item.status in MENUNGGU:
        return render(
            request, "rencana_aksi/impor_menulis.html", {"rencana": rencana, "item": item}
        )
    if item.status == BerkasImpor.Status.SELESAI:
        messages.success(request, item.pesan)
        item.delete()
        return redirect("rencana_aksi:detail", pk=rencana.pk)
    if item.status == BerkasImpor.Status.GAGAL:
        messages.error(request, item.pesan)
        BerkasImpor.objects.filter(pk=item.pk).update(status=BerkasImpor.Status.PRATINJAU)
    satker = rencana.satker
    remembered = services.pemetaan_for(satker)
    action = request.POST.get("aksi")
    try:
        with item.berkas.open("rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        raise Http404("Berkas impor ini sudah tidak ada; unggah ulang.") from None
    if request.method == "POST" and action == "petakan":
        _petakan(request, item, remembered, data)
        messages.info(request, "Pemetaan kolom disimpan; berkas dibaca ulang.")
        return redirect("rencana_aksi:impor_pratinjau", pk=item.pk)
    preview = pratinjau(data, item.jenis, satker, remembered, item.pemetaan)
    if request.method == "POST" and action == "tulis":
        if not preview.bisa_ditulis:
            messages.error(request, "Tidak ada yang ditulis: masih ada masalah pada berkas.")
        else:
            _antrekan(item, request.user)
            return redirect("rencana_aksi:impor_pratinjau", pk=item.pk)
    return render(
        request,
        "rencana_aksi/impor_pratinjau.html",
        {
            "rencana": rencana,
            "item": item,
            "preview": preview,
            "kolom": _kolom_form(preview),
            "utuh": item.pemetaan.get("utuh", []),
            "pilihan": PILIHAN,
            "baris_pilihan": range(1, 21),
        },
        status=200 if preview.bisa_ditulis else 400,
    )


def _kolom_form(preview):
    """The columns the mapping form offers: the reading's guesses, or, for a sheet whose
    header was not found, its columns by letter with a sample of what they hold."""
    if preview.tebakan:
        return preview.tebakan
    if preview.tanpa_judul:
        _, rows = preview.tanpa_judul[0]
        return tebak([], rows)
    return []


def _petakan(request, item, remembered, data):
    """Keep what the user chose on the mapping form: the header row and each column for this
    file, the columns of a named header also for the office's next imports."""
    pemetaan = {"kolom": {}}
    row = BarisJudulForm(request.POST)
    if row.is_valid() and row.cleaned_data["baris_judul"] is not None:
        pemetaan["baris_judul"] = row.cleaned_data["baris_judul"]
    # The header's names as the chosen header row gives them.
    header = pratinjau(
        data,
        item.jenis,
        item.rencana.satker,
        remembered,
        {"baris_judul": pemetaan.get("baris_judul")},
    )
    names = {t.indeks: t.judul for t in _kolom_form(header)}
    choices, mapping = dict(PILIHAN), dict(remembered)
    for key, value in request.POST.items():
        index = key.removeprefix("kolom:")
        if key.startswith("kolom:") and index.isdigit() and value in choices:
            pemetaan["kolom"][index] = value
            name = names.get(int(index), "")
            if name and not name.startswith("Kolom "):
                mapping[normal(name)] = value
    if request.POST.get("daftar") == "1":  # the form's list checkboxes were sent
        pemetaan["utuh"] = [
            column
            for column in ("LANGKAH AKSI", "BUKTI FISIK")
            if request.POST.get(f"pisah:{column}") != "1"
        ]
    else:
        pemetaan["utuh"] = item.pemetaan.get("utuh", [])
    item.pemetaan = pemetaan
    item.save(update_fields=["pemetaan"])
    mapping.pop(BARIS_JUDUL, None)
    services.pemetaan_save(item.rencana.satker, mapping)


def _antrekan(item, user):
    """Queue the writing once: a second click (or a second tab) finds it queued already."""
    with transaction.atomic():
        queued = BerkasImpor.objects.filter(
            pk=item.pk, status__in=[BerkasImpor.Status.PRATINJAU, BerkasImpor.Status.GAGAL]
        ).update(status=BerkasImpor.Status.ANTRI, pesan="")
        if queued:
            transaction.on_commit(lambda: antrean.enqueue("tulis_impor", item.pk, user.pk))


@login_required
@require_GET
def impor_status(request, pk):
    """What the waiting page polls: the same box while the writing goes on, then a move to
    the outcome (htmx follows HX-Redirect)."""
    item = _impor_item(request, pk)
    if item.status in MENUNGGU:
        return render(request, "rencana_aksi/_impor_status.html", {"item": item})
    response = HttpResponse(status=204)
    response["HX-Redirect"] = reverse("rencana_aksi:impor_pratinjau", args=[item.pk])
    return response


@login_required
@require_POST
def tahun_berikut(request, pk):
    rencana = _rencana(request, pk, permissions.can_edit_plan)
    try:
        draft = services.rencana_tahun_berikut(rencana, user=request.user)
    except services.PertukaranError as exc:
        messages.error(request, str(exc))
        return redirect("rencana_aksi:detail", pk=rencana.pk)
    messages.success(
        request,
        f"Draf rencana aksi {draft.tahun} dibuat dari rencana {rencana.tahun}, tanpa bukti. "
        "Periksa Keputusannya lalu tetapkan.",
    )
    return redirect("rencana_aksi:detail", pk=draft.pk)


@login_required
@require_POST
def tetapkan(request, pk):
    rencana = _rencana(request, pk, permissions.can_edit_plan)
    try:
        services.rencana_tetapkan(rencana, user=request.user)
    except services.PertukaranError as exc:
        messages.error(request, f"Belum ditetapkan. {exc}")
    else:
        messages.success(request, "Rencana aksi ditetapkan.")
    return redirect("rencana_aksi:detail", pk=rencana.pk)


@login_required
@require_POST
def rencana_baru(request):
    """A new draft plan for one of the user's offices and a year, ready for an import."""
    form = RencanaBaruForm(request.POST)
    valid = form.is_valid()
    satker = get_object_or_404(
        permissions.satker_visible_to(request.user), pk=form.cleaned_data.get("satker") or 0
    )
    permissions.require(permissions.can_edit_plan(request.user, satker))
    if not valid:
        messages.error(request, "Tahun rencana tidak sah.")
        return redirect("rencana_aksi:list")
    rencana = services.rencana_draft_for(satker, form.cleaned_data["tahun"], user=request.user)
    return redirect("rencana_aksi:impor", pk=rencana.pk)
