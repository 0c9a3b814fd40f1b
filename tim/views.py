"""Team, account and office-settings pages. Offices load through satker_visible_to (outsider →
404); actions check the user's roles in that very office (wrong role → 403)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rencana_aksi.forms import next_url
from rencana_aksi.models import Membership, Role, User
from rencana_aksi.permissions import rencana_visible_to, require, satker_visible_to
from rencana_aksi.selectors import rencana_lampiran

from . import impor, selectors, services
from .forms import (
    PENGATURAN_FIELDS,
    AkunBaruForm,
    AreaTugasForm,
    ImporForm,
    PengaturanForm,
    PeranForm,
    PicForm,
    PilihSatkerForm,
    ProfilForm,
    SatkerBaruForm,
    StatusAnggotaForm,
    UndangForm,
)
from .models import Undangan
from .permissions import (
    can_assign,
    can_create_offices,
    can_manage_members,
    team_rights,
)


def _satker(request, pk, allowed):
    satker = get_object_or_404(satker_visible_to(request.user), pk=pk)
    require(allowed(request.user, satker))
    return satker


def _errors(form):
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _member(satker, user_pk):
    if not Membership.semua.filter(satker=satker, user_id=user_pk).exists():
        raise Http404("Anggota tidak ditemukan.")
    return User.objects.get(pk=user_pk)


def _members_url(satker):
    return reverse("tim:anggota", args=[satker.pk])


@login_required
@require_GET
def anggota(request, pk):
    satker = get_object_or_404(satker_visible_to(request.user), pk=pk)
    rights = team_rights(request.user, satker)
    require(rights.read)
    return render(
        request,
        "tim/anggota.html",
        {
            "satker": satker,
            "members": selectors.members_of(satker),
            "invitations": selectors.invitations_pending(satker),
            "history": selectors.team_history(satker),
            "can_manage": rights.manage,
            "undang_form": UndangForm(satker=satker),
            "area_form": AreaTugasForm(satker=satker),
            "area_roles": services.AREA_ROLES,
            "role_choices": Role.choices,
            "plans": services.rencana_berlaku(satker),
            "can_create_offices": rights.create_offices,
        },
    )


@login_required
@require_POST
def undang(request, pk):
    satker = _satker(request, pk, can_manage_members)
    form = UndangForm(request.POST, satker=satker)
    if not form.is_valid():
        messages.error(request, f"Undangan tidak dikirim. {_errors(form)}")
        return redirect(_members_url(satker))
    try:
        undangan = services.undangan_create(satker, user=request.user, **form.cleaned_data)
    except services.TimError as exc:
        messages.error(request, f"Undangan tidak dikirim. {exc}")
    else:
        messages.success(
            request,
            f"Undangan untuk {undangan.email} ({undangan.get_role_display()}) dikirim; "
            f"tautannya berlaku {services.UNDANGAN_HARI} hari.",
        )
    return redirect(_members_url(satker))


def _impor(request, satker, *, read, write, template, back):
    """Shared flow of a CSV import: upload → preview with every problem by row → confirm,
    which checks the same content again and writes it in one transaction."""
    posted = request.method == "POST"
    form = ImporForm(request.POST if posted else None, request.FILES if posted else None)
    context = {"satker": satker, "form": form, "back": back}
    if request.method == "POST" and form.is_valid():
        data = form.content()
        try:
            rows = read(data, satker)
        except impor.ImporError as exc:
            context["error"] = str(exc)
            return render(request, template, context, status=400)
        bad = impor.problems(rows)
        context.update(rows=rows, bad=bad, isi=data.decode("utf-8-sig"))
        if bad:
            return render(request, template, context, status=400)
        if request.POST.get("konfirmasi") == "1":
            made = write(rows)
            messages.success(request, f"{made} baris ditulis.")
            return redirect(back)
    elif request.method == "POST":
        context["error"] = _errors(form)
        return render(request, template, context, status=400)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def impor_anggota(request, pk):
    satker = _satker(request, pk, can_manage_members)

    def write(rows):
        items = [
            (r.nilai["email"], r.nilai["nama"], r.nilai["role"], r.nilai["areas"]) for r in rows
        ]
        return len(services.undangan_bulk_create(satker, items, user=request.user))

    return _impor(
        request,
        satker,
        read=impor.members_read,
        write=write,
        template="tim/impor_anggota.html",
        back=_members_url(satker),
    )


@login_required
@require_POST
def peran(request, pk, user_pk):
    satker = _satker(request, pk, can_manage_members)
    member = _member(satker, user_pk)
    form = PeranForm(request.POST)
    try:
        if not form.is_valid():
            raise services.TimError(_errors(form) or "Pilih sedikitnya satu peran.")
        services.member_roles_set(satker, member, form.cleaned_data["roles"], user=request.user)
    except services.TimError as exc:
        messages.error(request, f"Peran tidak diubah. {exc}")
    else:
        messages.success(request, f"Peran {member} disimpan.")
    return redirect(_members_url(satker))


@login_required
@require_POST
def status_anggota(request, pk, user_pk):
    satker = _satker(request, pk, can_manage_members)
    member = _member(satker, user_pk)
    form = StatusAnggotaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tidak ada yang diubah: pilih aktifkan atau nonaktifkan.")
        return redirect(_members_url(satker))
    aktif = bool(form.cleaned_data["aktif"])
    try:
        services.member_set_active(satker, member, aktif, user=request.user)
    except services.TimError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{member} {'diaktifkan' if aktif else 'dinonaktifkan'}.")
    return redirect(_members_url(satker))


@login_required
@require_POST
def buka_kunci(request, pk, user_pk):
    satker = _satker(request, pk, can_manage_members)
    member = _member(satker, user_pk)
    if services.member_unlock(satker, member, user=request.user):
        messages.success(request, f"Kunci masuk {member} dibuka; ia dapat masuk lagi sekarang.")
    else:
        messages.info(request, f"{member} tidak sedang terkunci.")
    return redirect(_members_url(satker))


@login_required
@require_POST
def area_tugas(request, pk):
    satker = _satker(request, pk, can_assign)
    form = AreaTugasForm(request.POST, satker=satker)
    back = next_url(request, _members_url(satker))
    try:
        if not form.is_valid():
            raise services.TimError(_errors(form))
        data = form.cleaned_data
        count = services.areas_assign(
            satker, data["anggota"], data["area"], user=request.user, lepas=data["lepas"]
        )
    except services.TimError as exc:
        messages.error(request, f"Area tugas tidak diubah. {exc}")
    else:
        messages.success(request, f"Area tugas {count} peran diperbarui.")
    return redirect(back)


@login_required
@require_POST
def undangan_batal(request, pk):
    undangan = get_object_or_404(
        Undangan.objects.filter(satker__in=satker_visible_to(request.user)), pk=pk
    )
    require(can_manage_members(request.user, undangan.satker))
    try:
        services.undangan_cancel(undangan, user=request.user)
    except services.TimError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Undangan untuk {undangan.email} dibatalkan.")
    return redirect(_members_url(undangan.satker))


@login_required
@require_http_methods(["GET", "POST"])
def pic(request, pk):
    rencana = get_object_or_404(rencana_visible_to(request.user).select_related("satker"), pk=pk)
    require(can_assign(request.user, rencana.satker))
    form = PicForm(request.POST if request.method == "POST" else None, rencana=rencana)
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.pic_assign(
                    rencana,
                    [i.pk for i in form.cleaned_data["indikator"]],
                    form.cleaned_data["pic"],
                    user=request.user,
                )
            except services.TimError as exc:
                messages.error(request, f"PIC tidak diubah. {exc}")
            else:
                messages.success(request, f"PIC {count} indikator diperbarui.")
                return redirect("tim:pic", pk=rencana.pk)
        else:
            messages.error(request, f"PIC tidak diubah. {_errors(form)}")
    return render(
        request,
        "tim/pic.html",
        {
            "rencana": rencana,
            "areas": rencana_lampiran(rencana),
            "form": form,
            "area_form": AreaTugasForm(satker=rencana.satker),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bawahan(request, pk):
    parent = _satker(request, pk, can_create_offices)
    form = SatkerBaruForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        email = data.pop("email_admin")
        try:
            child = services.satker_child_create(
                parent, fields=data, admin_email=email, user=request.user
            )
        except services.TimError as exc:
            form.add_error("slug", str(exc))
        else:
            messages.success(
                request, f"{child.nama} dibuat; undangan Admin satker dikirim ke {email}."
            )
            return redirect("tim:bawahan", pk=parent.pk)
    return render(
        request,
        "tim/bawahan.html",
        {"satker": parent, "form": form, "children": parent.children.order_by("nama")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor_bawahan(request, pk):
    parent = _satker(request, pk, can_create_offices)

    def write(rows):
        items = [
            (
                {k: r.nilai[k] for k in ("slug", "nama", "nama_lengkap", "kota")}
                | {"nama_lengkap": r.nilai["nama_lengkap"] or r.nilai["nama"]},
                r.nilai["email_admin"],
            )
            for r in rows
        ]
        return len(services.satker_children_create(parent, items, user=request.user))

    return _impor(
        request,
        parent,
        read=impor.offices_read,
        write=write,
        template="tim/impor_bawahan.html",
        back=reverse("tim:bawahan", args=[parent.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request, pk):
    satker = _satker(request, pk, can_manage_members)
    original = {name: getattr(satker, name) for name in PENGATURAN_FIELDS}
    posted = request.method == "POST"
    form = PengaturanForm(
        request.POST if posted else None, request.FILES if posted else None, instance=satker
    )
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        changes = {
            name: (original[name], getattr(satker, name))
            for name in form.changed_data
            if name in PENGATURAN_FIELDS
        }
        services.pengaturan_update(satker, changes, user=request.user)
        messages.success(request, "Pengaturan satker disimpan.")
        return redirect("tim:pengaturan", pk=satker.pk)
    if request.method == "POST":
        satker.refresh_from_db()
    return render(
        request,
        "tim/pengaturan.html",
        {"satker": satker, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _send_logo(satker):
    if not satker.logo:
        raise Http404("Satker ini belum punya logo.")
    svg = satker.logo.name.endswith(".svg")
    response = FileResponse(
        satker.logo.open("rb"), content_type="image/svg+xml" if svg else "image/png"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def logo(request, pk):
    return _send_logo(get_object_or_404(satker_visible_to(request.user), pk=pk))


@login_required
@require_GET
def logo_aktif(request):
    """The logo of the office the user works in now, for the navbar (its own request, so no
    page pays a query for it)."""
    satker = selectors.satker_aktif(request.user, request.session)
    if satker is None:
        raise Http404("Belum menjadi anggota satker mana pun.")
    return _send_logo(satker)


@require_http_methods(["GET", "POST"])
def undangan(request, token):
    """Public: the invitation link. An address without an account sets its name, username
    and password here; an existing account accepts while signed in as itself."""
    item = services.undangan_from_token(token)
    if item is None:
        return render(request, "tim/undangan_tidak_berlaku.html", status=404)
    existing = User.objects.filter(email__iexact=item.email).first()
    signed_in = request.user.is_authenticated
    form = None
    if existing is None and not signed_in:
        form = AkunBaruForm(
            request.POST if request.method == "POST" else None,
            email=item.email,
            initial={"username": item.email.split("@")[0], "first_name": item.nama},
        )
    context = {"undangan": item, "form": form, "existing": existing}
    if request.method == "POST":
        try:
            if form is not None:
                if not form.is_valid():
                    return render(request, "tim/undangan.html", context, status=400)
                data = form.cleaned_data
                akun = {
                    "username": data["username"],
                    "first_name": data["first_name"],
                    "password": data["password1"],
                }
                user = services.undangan_accept(item, akun=akun)
                login(request, user, backend="zi_tracker.navbar.Backend")
            elif signed_in:
                user = services.undangan_accept(item, user=request.user)
            else:
                raise services.TimError("Masuk dulu dengan akun email ini untuk menerima.")
        except services.TimError as exc:
            context["error"] = str(exc)
            return render(request, "tim/undangan.html", context, status=400)
        request.session["satker_aktif"] = item.satker_id
        messages.success(
            request, f"Selamat bergabung di {item.satker.nama} sebagai {item.get_role_display()}."
        )
        return redirect("monev:home")
    return render(request, "tim/undangan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profil(request):
    form = ProfilForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profil disimpan.")
        return redirect("tim:profil")
    offices = {}
    for membership in (
        Membership.objects.filter(user=request.user)
        .select_related("satker")
        .prefetch_related("areas")
        .order_by("satker__path", "role")
    ):
        offices.setdefault(membership.satker, []).append(membership)
    rows = [
        {
            "satker": satker,
            "memberships": memberships,
            "rights": team_rights(request.user, satker, roles={m.role for m in memberships}),
        }
        for satker, memberships in offices.items()
    ]
    return render(
        request,
        "tim/profil.html",
        {
            "form": form,
            "offices": rows,
            "aktif": selectors.satker_aktif(request.user, request.session),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def pilih_satker(request):
    """Switch the office the user works in now (one of the offices they hold a role in)."""
    form = PilihSatkerForm(request.POST)
    if not form.is_valid():
        raise Http404("Satker tidak ditemukan.")
    satker = get_object_or_404(selectors.satker_of(request.user), pk=form.cleaned_data["satker"])
    request.session["satker_aktif"] = satker.pk
    messages.info(request, f"Sekarang bekerja di {satker.nama}.")
    return redirect("monev:home")


class LupaSandiView(auth_views.PasswordResetView):
    """Django's reset by email, in Indonesian; the link carries ZI_PUBLIC_URL, never the Host
    header, and the answer is the same whether or not the address has an account."""

    template_name = "akun/lupa_sandi.html"
    email_template_name = "akun/email/lupa_sandi.txt"
    subject_template_name = "akun/email/lupa_sandi_judul.txt"

    def form_valid(self, form):
        self.extra_email_context = {"zi_public_url": settings.ZI_PUBLIC_URL.rstrip("/")}
        return super().form_valid(form)
