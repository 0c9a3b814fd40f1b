"""Dashboards: the plan dashboard with its drill-down lists, trend and exports, the roll-up over
the offices below a parent office, and the landing page that sends each user to theirs."""

import hashlib

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from rencana_aksi.forms import QueryForm
from rencana_aksi.models import Membership, RencanaAksi, Role
from rencana_aksi.permissions import require, satker_visible_to

from . import excel, selectors
from .models import Snapshot
from .permissions import ROLLUP_ROLES, can_read_rollup
from .progress import METRIC_LABELS, PERIODE_CHOICES, offices_rollup
from .selectors import SLOT_STATUSES, Filter


def _rencana(request, pk):
    """A plan the user reads (else 404), with `versi`: its latest history row, which changes
    whenever anything that moves the numbers changes (it keys the dashboard cache)."""
    rencana = selectors.plan_read_by(request.user, pk)
    if rencana is None:
        raise Http404("Rencana aksi tidak ditemukan.")
    return rencana


def _context(rencana, filtr, today):
    return {
        "rencana": rencana,
        "filter": filtr,
        "today": today,
        "metric_labels": METRIC_LABELS,
        "periode_choices": PERIODE_CHOICES,
        "status_choices": SLOT_STATUSES,
        "segera_hari": rencana.satker.pengingat_hari,
    }


@login_required
@require_GET
def dashboard(request, pk):
    rencana = _rencana(request, pk)
    filtr = Filter.from_query(request.GET)
    today = timezone.localdate()
    context = _context(rencana, filtr, today)
    # Computed only if the cached fragment of the page is missing or stale.
    context["data"] = SimpleLazyObject(lambda: selectors.dashboard(rencana, today, filtr))
    # The office's "segera" window is part of the figures, so of the key too.
    hari = rencana.satker.pengingat_hari
    context["cache_key"] = f"{rencana.versi}|{today.isoformat()}|{filtr.key}|{hari}"
    return render(request, "monev/dashboard.html", context)


DAFTAR_PER_HALAMAN = 200


@login_required
@require_GET
def drilldown(request, pk):
    rencana = _rencana(request, pk)
    filtr = Filter.from_query(request.GET)
    jenis = request.GET.get("jenis", "semua")
    if jenis not in selectors.SLOT_LISTS and jenis not in selectors.LANGKAH_LISTS:
        raise Http404("Daftar tidak dikenal.")
    today = timezone.localdate()
    title, kind, rows = selectors.drilldown(rencana, today, filtr, jenis)
    # A late list on a big plan runs to thousands of slots: shown a page at a time.
    page = Paginator(rows, DAFTAR_PER_HALAMAN).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = _context(rencana, filtr, today)
    context.update(title=title, kind=kind, page=page, jenis=jenis, query=query.urlencode())
    return render(request, "monev/drilldown.html", context)


@login_required
@require_GET
def trend(request, pk):
    rencana = _rencana(request, pk)
    filtr = Filter.from_query(request.GET)
    snapshots = list(
        Snapshot.objects.filter(
            rencana=rencana, area_id=filtr.area, tanggal__year=rencana.tahun
        ).order_by("tanggal")
    )
    # The last snapshot of each month, in date order (snapshots come sorted by date).
    month_end = {snap.tanggal.month: snap for snap in snapshots}
    series = {
        "tanggal": [s.tanggal.isoformat() for s in snapshots],
        # Axis labels in Indonesian, as every other date on the site.
        "label_tanggal": [date_format(s.tanggal, "j M") for s in snapshots],
        **{
            metric: [
                None if getattr(s, metric) is None else float(getattr(s, metric)) for s in snapshots
            ]
            for metric in METRIC_LABELS
        },
        "label": METRIC_LABELS,
    }
    # The dashboard loads the panel with htmx; opened by its address (or without script), the
    # trend is a page of its own, with its title and the site's layout.
    fragment = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "monev/_tren.html" if fragment else "monev/tren.html",
        {
            "rencana": rencana,
            "series": series,
            "month_end": [
                (s.tanggal, [getattr(s, m) for m in METRIC_LABELS], s.terlambat)
                for s in month_end.values()
            ],
            "metric_labels": METRIC_LABELS,
        },
    )


def _export(request, pk, build, content_type, ext):
    """The laporan monev of the page's filters, built by `build`, as a download."""
    rencana = _rencana(request, pk)
    filtr = Filter.from_query(request.GET)
    today = timezone.localdate()
    body = build(rencana, filtr, today, selectors.dashboard(rencana, today, filtr))
    name = f"laporan-monev-{rencana.satker.slug}-{rencana.tahun}-{today.isoformat()}.{ext}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def export_excel(request, pk):
    return _export(request, pk, excel.laporan_monev, excel.CONTENT_TYPE, "xlsx")


@login_required
@require_GET
def export_pdf(request, pk):
    from . import pdf  # WeasyPrint is loaded only by the view that renders

    return _export(request, pk, pdf.laporan_monev, "application/pdf", "pdf")


ROLLUP_SORTS = ("nama", *METRIC_LABELS, "terlambat")


class RekapForm(QueryForm):
    tahun = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    urut = forms.ChoiceField(required=False, choices=[(s, s) for s in ROLLUP_SORTS])
    arah = forms.ChoiceField(required=False, choices=[("naik", "naik"), ("turun", "turun")])


@login_required
@require_GET
def rollup_page(request, pk):
    satker = get_object_or_404(satker_visible_to(request.user), pk=pk)
    require(can_read_rollup(request.user, satker))
    today = timezone.localdate()
    query = RekapForm.values(request.GET)
    tahun = query["tahun"] or today.year
    rows = selectors.rollup_rows(satker, tahun, today)
    total = offices_rollup([r["progres"] for r in rows if r["progres"]])
    fingerprint = _fingerprint(rows)
    jumlah_rencana, jumlah_satker = sum(1 for r in rows if r["rencana"]), len(rows)
    per_cabang = len(rows) > ROLLUP_FLAT_MAX
    if per_cabang:
        rows = _per_child(rows)
    urut = query["urut"] or "nama"
    turun = query["arah"] == "turun"
    with_plan = [r for r in rows if r["progres"]]
    if urut != "nama":

        def value(row):
            if urut == "terlambat":
                return row["progres"].terlambat
            persen = row["progres"][urut].persen
            return -1 if persen is None else persen

        with_plan.sort(key=value, reverse=turun)
        rows = with_plan + [r for r in rows if not r["progres"]]
    elif turun:
        rows.reverse()
    return render(
        request,
        "monev/rollup.html",
        {
            "cache_key": f"{fingerprint}|{today.isoformat()}|{tahun}|{urut}|{turun}|{per_cabang}",
            "satker": satker,
            "rows": rows,
            "total": total,
            "tahun": tahun,
            "urut": urut,
            "turun": turun,
            "metric_labels": METRIC_LABELS,
            "sort_columns": [
                ("nama", "Satker"),
                *METRIC_LABELS.items(),
                ("terlambat", "Terlambat"),
            ],
            "jumlah_rencana": jumlah_rencana,
            "jumlah_satker": jumlah_satker,
            "per_cabang": per_cabang,
        },
    )


# Above this many offices (KPU RI over 514 districts), the roll-up lists the offices right
# below, each with the figures of its whole branch and a link to the branch's own roll-up.
ROLLUP_FLAT_MAX = 100


def _per_child(rows):
    children = []
    for row in rows:
        if row["tingkat"] == 1:
            branch = {**row, "cabang": [], "rencana": None}
            children.append(branch)
        if children and row["satker"].path.startswith(children[-1]["satker"].path):
            children[-1]["cabang"].append(row)
    for branch in children:
        progres = [r["progres"] for r in branch["cabang"] if r["progres"]]
        branch["progres"] = offices_rollup(progres) if progres else None
        branch["jumlah_rencana"] = len(progres)
    return children


def _fingerprint(rows):
    """What the drawn table depends on: every office, plan and plan version in it. The table
    is kept under it (600 rows take half a second to draw)."""
    return hashlib.sha256(
        repr(
            [
                (r["satker"].pk, r["satker"].nama, r["satker"].pengingat_hari, r["tingkat"])
                + ((r["rencana"].pk, r["rencana"].versi) if r["rencana"] else ())
                for r in rows
            ]
        ).encode()
    ).hexdigest()


@login_required
@require_GET
def home(request):
    """Pimpinan land on their dashboard (a district) or roll-up (a parent office), Koordinator
    and Anggota on their tasks; everyone else on the plan list."""
    memberships = list(
        Membership.objects.filter(user=request.user, role__in=ROLLUP_ROLES)
        .select_related("satker")
        .order_by("satker__path")
    )
    # The office chosen on the account page comes first.
    chosen = request.session.get("satker_aktif")
    pimpinan = sorted(
        (m for m in memberships if m.role == Role.PIMPINAN), key=lambda m: m.satker_id != chosen
    )
    if pimpinan:
        satker = pimpinan[0].satker
        if satker.children.exists():
            return redirect("monev:rollup", pk=satker.pk)
        plan = RencanaAksi.objects.berlaku().filter(satker=satker).order_by("-tahun").first()
        if plan:
            return redirect("monev:dashboard", pk=plan.pk)
    if Membership.objects.filter(
        user=request.user, role__in=[Role.KOORDINATOR, Role.ANGGOTA]
    ).exists():
        return redirect("bukti_fisik:tugas")
    return redirect("rencana_aksi:list")
