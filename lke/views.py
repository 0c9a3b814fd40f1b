"""LKE pages: the projection (and its summary on the dashboard), the links between the plan and
the worksheet, the self-assessment with the TPI's scores beside it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bukti_fisik.models import Unggahan
from rencana_aksi.permissions import rencana_visible_to, require

from . import excel, selectors, services
from .forms import JawabanForm, KesiapanForm, PengaturanForm, TpiForm
from .models import Kerangka
from .permissions import lke_rights
from .skor import pilihan


def _rencana(request, pk):
    return get_object_or_404(rencana_visible_to(request.user).select_related("satker"), pk=pk)


def _context(request, rencana):
    settings, result = selectors.proyeksi(rencana, timezone.localdate())
    can_keep, can_score = lke_rights(request.user, rencana.satker)
    return {
        "rencana": rencana,
        "pengaturan": settings,
        "p": result,
        "can_keep": can_keep,
        "can_score": can_score,
    }


def _posted_sub(form, rencana):
    """The sub-komponen a valid form names, in the plan's framework, or None."""
    if not form.is_valid():
        return None
    return services.lke_of(rencana).kerangka.sub.filter(pk=form.cleaned_data["sub"]).first()


def _kesiapan(settings, rencana, can_keep):
    """The checklist rows with their state, and the plan's verified versions to choose from
    (one query, for those who keep it)."""
    verified = list(selectors.terverifikasi(rencana)[:300]) if can_keep else []
    by_id = {u.pk: u for u in verified}
    rows = []
    for n, text in enumerate(settings.kerangka.kesiapan):
        state = settings.kesiapan.get(str(n), {})
        rows.append({"nomor": n, "teks": text, **state, "bukti_obj": by_id.get(state.get("bukti"))})
    return rows, verified


@login_required
@require_http_methods(["GET", "POST"])
def proyeksi_page(request, pk):
    rencana = _rencana(request, pk)
    if request.method == "POST":
        can_keep, _ = lke_rights(request.user, rencana.satker)
        require(can_keep)
        form = PengaturanForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Tidak ada yang disimpan: kerangka LKE tidak dikenali.")
            return redirect("lke:proyeksi", pk=rencana.pk)
        services.pengaturan_simpan(rencana, user=request.user, **form.cleaned_data)
        messages.success(request, "Pengaturan LKE disimpan.")
        return redirect("lke:proyeksi", pk=rencana.pk)
    context = _context(request, rencana)
    context["kerangka_list"] = list(Kerangka.objects.order_by("-dimuat", "-id"))
    context["kesiapan"], context["terverifikasi"] = _kesiapan(
        context["pengaturan"], rencana, context["can_keep"]
    )
    return render(request, "lke/proyeksi.html", context)


@login_required
@require_POST
def kesiapan_save(request, pk):
    rencana = _rencana(request, pk)
    can_keep, _ = lke_rights(request.user, rencana.satker)
    require(can_keep)
    form = KesiapanForm(request.POST)
    back = reverse("lke:proyeksi", args=[rencana.pk]) + "#kesiapan"
    if not form.is_valid():
        messages.error(request, "Tidak ada yang disimpan: isian kesiapan tidak dikenali.")
        return redirect(back)
    data = form.cleaned_data
    bukti = None
    if data["bukti"]:
        bukti = (
            Unggahan.objects.filter(pk=data["bukti"])
            .select_related("slot__indikator__komponen__area")
            .first()
        )
    try:
        services.kesiapan_simpan(
            rencana,
            data["nomor"],
            user=request.user,
            ya=data["ya"],
            catatan=data["catatan"],
            bukti=bukti,
        )
    except services.LkeError as exc:
        messages.error(request, f"Tidak ada yang disimpan: {exc}")
    else:
        messages.success(request, "Butir kesiapan disimpan.")
    return redirect(back)


@login_required
@require_GET
def unduh_excel(request, pk):
    """The LKE with the Tim's answers, the TPI's scores and the evidence, as a workbook."""
    rencana = _rencana(request, pk)
    _, result = selectors.proyeksi(rencana, timezone.localdate())
    response = HttpResponse(excel.lke_workbook(rencana, result), content_type=excel.CONTENT_TYPE)
    name = f"lke-{rencana.satker.slug}-{rencana.tahun}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def unduh_pdf(request, pk):
    from . import pdf  # WeasyPrint is loaded only by the view that renders

    rencana = _rencana(request, pk)
    today = timezone.localdate()
    _, result = selectors.proyeksi(rencana, today)
    response = HttpResponse(pdf.lke_pdf(rencana, result, today), content_type="application/pdf")
    name = f"lke-{rencana.satker.slug}-{rencana.tahun}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def ringkas(request, pk):
    rencana = _rencana(request, pk)
    return render(request, "lke/_ringkas.html", _context(request, rencana))


@login_required
@require_http_methods(["GET", "POST"])
def tautan_page(request, pk):
    rencana = _rencana(request, pk)
    can_keep, _ = lke_rights(request.user, rencana.satker)
    settings = services.lke_of(rencana)
    if request.method == "POST":
        require(can_keep)
        if request.POST.get("aksi") == "sarankan":
            n = services.tautan_sarankan(rencana)
            messages.success(request, f"{n} tautan disarankan; periksa lalu simpan.")
            return redirect("lke:tautan", pk=rencana.pk)
        pilihan_ = {}
        for key in request.POST:
            if key.startswith("t-") and key[2:].isascii() and key[2:].isdigit():
                values = request.POST.getlist(key)
                if not all(v.isascii() and v.isdigit() and len(v) < 10 for v in values):
                    messages.error(request, "Pilihan tidak dikenali; tidak ada yang disimpan.")
                    return redirect("lke:tautan", pk=rencana.pk)
                pilihan_[int(key[2:][:9])] = {int(v) for v in values if v != "0"}
        try:
            n = services.tautan_simpan(rencana, pilihan_, user=request.user)
        except services.LkeError as exc:
            messages.error(request, f"Tidak ada yang disimpan: {exc}")
        else:
            messages.success(request, f"{n} tautan indikator ke LKE dikonfirmasi.")
        return redirect("lke:tautan", pk=rencana.pk)
    subs = [s for s in selectors.subs_of(settings.kerangka) if s.jenis != "hasil"]
    indikator = selectors.tautan_rows(rencana)
    for i in indikator:
        i.dipilih = {t.sub_id for t in i.tautan_list}
        i.saran = any(not t.dikonfirmasi for t in i.tautan_list)
    return render(
        request,
        "lke/tautan.html",
        {
            "rencana": rencana,
            "pengaturan": settings,
            "indikator": indikator,
            "subs": subs,
            "can_keep": can_keep,
            "jumlah_saran": sum(i.saran for i in indikator),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def penilaian_page(request, pk):
    rencana = _rencana(request, pk)
    if request.method == "POST":
        can_keep, _ = lke_rights(request.user, rencana.satker)
        require(can_keep)
        form = JawabanForm(request.POST)
        sub = _posted_sub(form, rencana)
        if sub is None:
            messages.error(request, "Tidak ada yang disimpan: sub-komponen tidak dikenali.")
            return redirect("lke:penilaian", pk=rencana.pk)
        data = form.cleaned_data
        ids = [
            int(v)
            for v in request.POST.getlist("bukti")
            if v.isascii() and v.isdigit() and len(v) < 10
        ]
        bukti = Unggahan.objects.filter(
            pk__in=ids, slot__indikator__komponen__area__rencana=rencana
        )
        try:
            services.jawaban_simpan(
                rencana,
                sub,
                user=request.user,
                jawaban=data["jawaban"],
                angka=data["angka"],
                catatan=data["catatan"],
                sumber=data["sumber"],
                bukti=list(bukti),
            )
        except services.LkeError as exc:
            messages.error(request, f"Tidak ada yang disimpan: {exc}")
        else:
            messages.success(request, f"Penilaian mandiri «{sub.nama}» disimpan.")
        return redirect(reverse("lke:penilaian", args=[rencana.pk]) + f"#sub-{sub.pk}")
    context = _context(request, rencana)
    rows = [s for a in context["p"].area for s in a.sub]
    rows += [s for h in context["p"].hasil for s in h.sub]
    # The verified versions of each linked indikator, offered as the answer's evidence.
    verified = {}
    if context["can_keep"]:
        for version in selectors.terverifikasi(rencana):
            verified.setdefault(version.slot.indikator_id, []).append(version)
    for row in rows:
        row.pilihan = pilihan(row.model.skala)
        row.pilihan_bukti = [v for i in row.indikator for v in verified.get(i.pk, [])][:60]
        row.bukti_dipilih = {b.pk for b in getattr(row.jawaban, "bukti_list", [])}
    context["rows"] = rows
    return render(request, "lke/penilaian.html", context)


@login_required
@require_POST
def tpi_save(request, pk):
    rencana = _rencana(request, pk)
    _, can_score = lke_rights(request.user, rencana.satker)
    require(can_score)
    form = TpiForm(request.POST)
    sub = _posted_sub(form, rencana)
    if sub is None:
        messages.error(request, "Tidak ada yang disimpan: isian nilai TPI tidak dikenali.")
        return redirect("lke:penilaian", pk=rencana.pk)
    try:
        services.tpi_simpan(
            rencana,
            sub,
            user=request.user,
            nilai=form.cleaned_data["nilai"],
            catatan=form.cleaned_data["catatan"],
        )
    except services.LkeError as exc:
        messages.error(request, f"Tidak ada yang disimpan: {exc}")
    else:
        messages.success(request, f"Nilai TPI «{sub.nama}» disimpan.")
    return redirect(reverse("lke:penilaian", args=[rencana.pk]) + f"#sub-{sub.pk}")
