"""The team: members, invitations, roles, deactivation, assignments, offices below a parent
office, office settings, accounts and password pages, each checked four ways."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rencana_aksi.models import Area, Indikator, Membership, Riwayat, Role, Satker, User
from tim import services
from tim.models import Undangan

from . import samples
from .factories import (
    MembershipFactory,
    SatkerFactory,
    UserFactory,
    login_redirect,
    plan_create,
    signs_in,
)

PASSWORD = "rahasia-uji-123"
NEW_PASSWORD = "Kuat-Sekali-2026!"


def _link(message):
    return re.search(r"http\S+", message.body).group(0)


def _path(url):
    return url.split("127.0.0.1:8000", 1)[-1]


@pytest.fixture
def admin_a(member_of):
    return member_of(Role.ADMIN)


@pytest.fixture
def area_a(plan_a):
    return Area.objects.filter(rencana=plan_a).order_by("urutan").first()


# ---- four ways on every page and action


def _posts(office, plan, invitation, member):
    """(url, data) of every team action in office A."""
    area = Area.objects.filter(rencana=plan).first()
    indikator = Indikator.objects.filter(komponen__area__rencana=plan).first()
    return {
        "undang": (
            reverse("tim:undang", args=[office.pk]),
            {"email": "baru@kpu.test", "role": Role.ANGGOTA},
        ),
        "peran": (
            reverse("tim:peran", args=[office.pk, member.pk]),
            {"roles": [Role.ANGGOTA, Role.SEKRETARIAT]},
        ),
        "status": (reverse("tim:status", args=[office.pk, member.pk]), {"aktif": "0"}),
        "area": (
            reverse("tim:area_tugas", args=[office.pk]),
            {"anggota": [member.pk], "area": area.pk},
        ),
        "batal": (reverse("tim:undangan_batal", args=[invitation.pk]), {}),
        "pic": (
            reverse("tim:pic", args=[plan.pk]),
            {"indikator": [indikator.pk], "pic": member.pk},
        ),
        "pengaturan": (
            reverse("tim:pengaturan", args=[office.pk]),
            {"kota": "Kota Baru", "pengingat_hari": 10},
        ),
    }


def _state(office, member):
    return (
        Undangan.objects.filter(satker=office, dibatalkan=None).count(),
        sorted(Membership.semua.filter(user=member).values_list("role", "aktif")),
        list(Membership.objects.filter(user=member).values_list("areas", flat=True)),
        Indikator.objects.filter(pic=member).count(),
        Satker.objects.get(pk=office.pk).kota,
    )


@pytest.fixture
def team(office_a, plan_a, admin_a):
    member = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    invitation = services.undangan_create(
        office_a, email="tunggu@kpu.test", role=Role.PIMPINAN, user=admin_a
    )
    return member, invitation


def test_team_actions_four_ways(client, office_a, plan_a, team, outsider, member_of, admin_a):
    member, invitation = team
    posts = _posts(office_a, plan_a, invitation, member)
    before = _state(office_a, member)
    for url, data in posts.values():
        assert login_redirect(client.post(url, data))
    client.force_login(outsider)  # Admin satker of office B
    for name, (url, data) in posts.items():
        assert client.post(url, data).status_code == 404, name
    for role in (Role.ANGGOTA, Role.PIMPINAN, Role.SEKRETARIAT, Role.KOORDINATOR):
        client.force_login(member_of(role))
        for name, (url, data) in posts.items():
            assert client.post(url, data).status_code == 403, (role, name)
    ketua = member_of(Role.KETUA_TIM)  # assigns, but does not manage members
    client.force_login(ketua)
    for name in ("undang", "peran", "status", "batal", "pengaturan"):
        url, data = posts[name]
        assert client.post(url, data).status_code == 403, name
    assert _state(office_a, member) == before

    for name in ("area", "pic"):
        url, data = posts[name]
        assert client.post(url, data).status_code == 302, name
    client.force_login(admin_a)
    for name in ("undang", "batal", "pengaturan", "peran", "status"):
        url, data = posts[name]
        assert client.post(url, data).status_code == 302, name
    after = _state(office_a, member)
    assert after[0] == before[0]  # one invitation more, one cancelled
    assert after[1] == [(Role.ANGGOTA, False), (Role.SEKRETARIAT, False)]
    assert after[3] == 1 and after[4] == "Kota Baru"
    assert Undangan.objects.filter(email="baru@kpu.test", satker=office_a).exists()


def test_team_pages_four_ways(client, office_a, plan_a, province, outsider, member_of, admin_a):
    pages = {
        "anggota": reverse("tim:anggota", args=[office_a.pk]),
        "impor": reverse("tim:impor_anggota", args=[office_a.pk]),
        "pic": reverse("tim:pic", args=[plan_a.pk]),
        "pengaturan": reverse("tim:pengaturan", args=[office_a.pk]),
    }
    for url in pages.values():
        assert login_redirect(client.get(url))
    client.force_login(outsider)
    for url in pages.values():
        assert client.get(url).status_code == 404
    # The province reads office A's plans, but does not run its team.
    client.force_login(MembershipFactory(satker=province, role=Role.ADMIN).user)
    for url in pages.values():
        assert client.get(url).status_code == 403
    client.force_login(member_of(Role.ANGGOTA))
    for url in pages.values():
        assert client.get(url).status_code == 403
    client.force_login(admin_a)
    for url in pages.values():
        assert client.get(url).status_code == 200
    client.force_login(member_of(Role.KETUA_TIM))
    assert client.get(pages["anggota"]).status_code == 200
    assert client.get(pages["pic"]).status_code == 200
    assert client.get(pages["pengaturan"]).status_code == 403


def test_members_page_lists_roles_last_login_and_history(client, office_a, team, admin_a):
    member, _ = team
    client.force_login(admin_a)
    client.post(reverse("tim:peran", args=[office_a.pk, member.pk]), {"roles": [Role.KOORDINATOR]})
    plan = office_a.rencana_aksi.get()
    indikator = Indikator.objects.filter(komponen__area__rencana=plan).first()
    client.post(reverse("tim:pic", args=[plan.pk]), {"indikator": [indikator.pk], "pic": member.pk})
    page = client.get(reverse("tim:anggota", args=[office_a.pk])).content.decode()
    assert f"PIC: {indikator.nama}: {member}" in page
    assert str(member) in page and "Koordinator area" in page and "belum pernah" in page
    assert "tunggu@kpu.test" in page  # pending invitation
    assert f"{member} — peran: Anggota Tim ZI → Koordinator area" in page


def test_crafted_posts_cannot_reach_another_office(client, office_a, office_b, plan_a, admin_a):
    plan_b = plan_create(office_b)
    area_b = Area.objects.filter(rencana=plan_b).first()
    stranger = MembershipFactory(satker=office_b, role=Role.ANGGOTA).user
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    client.force_login(admin_a)
    # Office B's area on office A's page; office B's member as a PIC in A; B's member's roles.
    response = client.post(
        reverse("tim:area_tugas", args=[office_a.pk]), {"anggota": [anggota.pk], "area": area_b.pk}
    )
    assert response.status_code == 302
    assert not Membership.objects.get(user=anggota).areas.exists()
    indikator = Indikator.objects.filter(komponen__area__rencana=plan_a).first()
    client.post(
        reverse("tim:pic", args=[plan_a.pk]), {"indikator": [indikator.pk], "pic": stranger.pk}
    )
    assert Indikator.objects.get(pk=indikator.pk).pic is None
    url = reverse("tim:peran", args=[office_a.pk, stranger.pk])
    assert client.post(url, {"roles": [Role.ADMIN]}).status_code == 404
    indikator_b = Indikator.objects.filter(komponen__area__rencana=plan_b).first()
    client.post(
        reverse("tim:pic", args=[plan_a.pk]), {"indikator": [indikator_b.pk], "pic": anggota.pk}
    )
    assert Indikator.objects.get(pk=indikator_b.pk).pic is None
    # An invitation into B through A's form names areas of A only.
    response = client.post(
        reverse("tim:undang", args=[office_a.pk]),
        {"email": "x@kpu.test", "role": Role.ANGGOTA, "areas": [area_b.pk]},
    )
    assert not Undangan.objects.filter(email="x@kpu.test").exists()


# ---- roles and the last Admin satker


def test_the_last_admin_satker_stays(client, office_a, admin_a):
    client.force_login(admin_a)
    client.post(reverse("tim:peran", args=[office_a.pk, admin_a.pk]), {"roles": [Role.ANGGOTA]})
    client.post(reverse("tim:status", args=[office_a.pk, admin_a.pk]), {"aktif": "0"})
    assert Membership.objects.filter(satker=office_a, role=Role.ADMIN, user=admin_a).exists()
    page = client.get(reverse("tim:anggota", args=[office_a.pk]), follow=True)
    second = MembershipFactory(satker=office_a, role=Role.ADMIN).user
    response = client.post(reverse("tim:status", args=[office_a.pk, admin_a.pk]), {"aktif": "0"})
    assert response.status_code == 302 and page.status_code == 200
    assert not Membership.objects.filter(user=admin_a).exists()  # another admin is left
    with pytest.raises(services.TimError):
        services.member_set_active(office_a, second, False, user=second)


def test_a_deactivated_member_loses_access_and_keeps_its_history(client, office_a, plan_a, admin_a):
    from .evidence import first_bukti, upload

    member = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    [version] = upload(first_bukti(plan_a), "2026-T1", member)
    url = reverse("rencana_aksi:detail", args=[plan_a.pk])
    client.force_login(member)
    assert client.get(url).status_code == 200
    services.member_set_active(office_a, member, False, user=admin_a)
    assert client.get(url).status_code == 404
    assert client.get(reverse("bukti_fisik:review_queue")).status_code == 403
    version.refresh_from_db()
    assert version.diunggah_oleh == member
    services.member_set_active(office_a, member, True, user=admin_a)
    assert client.get(url).status_code == 200
    rows = Riwayat.objects.filter(satker=office_a, objek__endswith="status keanggotaan")
    assert [r.ke for r in rows.order_by("waktu", "pk")] == ["nonaktif", "aktif"]


# ---- invitations


def test_invitation_creates_an_account_and_works_once(
    client, office_a, area_a, admin_a, django_capture_on_commit_callbacks
):
    client.force_login(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("tim:undang", args=[office_a.pk]),
            {"email": "Sari@KPU.test", "nama": "Sari", "role": Role.ANGGOTA, "areas": [area_a.pk]},
        )
    [message] = mail.outbox
    assert message.to == ["sari@kpu.test"] and "Undangan" in message.subject
    link = _link(message)
    assert link.startswith("http://127.0.0.1:8000/undangan/") and "Anggota Tim ZI" in message.body
    client.logout()
    page = client.get(_path(link))
    assert page.status_code == 200 and "Buat akun" in page.content.decode()
    weak = client.post(
        _path(link),
        {"first_name": "Sari", "username": "sari", "password1": "123", "password2": "123"},
    )
    assert weak.status_code == 400 and not User.objects.filter(username="sari").exists()
    data = {
        "first_name": "Sari",
        "username": "sari",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    response = client.post(_path(link), data)
    assert response.status_code == 302
    sari = User.objects.get(username="sari")
    membership = Membership.objects.get(user=sari, satker=office_a)
    assert membership.role == Role.ANGGOTA and list(membership.areas.all()) == [area_a]
    assert client.get(reverse("rencana_aksi:list")).status_code == 200  # signed in
    client.logout()
    assert client.get(_path(link)).status_code == 404  # used once
    assert signs_in(client, "sari@kpu.test", NEW_PASSWORD)  # email sign-in


def test_an_existing_account_accepts_while_signed_in(client, office_a, office_b, admin_a):
    other = MembershipFactory(satker=office_b, role=Role.ANGGOTA, user__email="budi@kpu.test").user
    invitation = services.undangan_create(
        office_a, email="budi@kpu.test", role=Role.KOORDINATOR, user=admin_a
    )
    url = _path(services.undangan_link(invitation))
    page = client.get(url).content.decode()
    assert "sudah punya akun" in page and "Buat akun" not in page
    assert client.post(url).status_code == 400
    client.force_login(admin_a)  # someone else
    assert client.post(url).status_code == 400
    assert not Membership.objects.filter(user=other, satker=office_a).exists()
    client.force_login(other)
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(user=other, satker=office_a, role=Role.KOORDINATOR).exists()


def test_expired_forged_and_cancelled_links_are_refused(client, office_a, admin_a):
    invitation = services.undangan_create(
        office_a, email="c@kpu.test", role=Role.ANGGOTA, user=admin_a
    )
    url = _path(services.undangan_link(invitation))
    assert client.get(url[:-3] + "xyz/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(url).status_code == 404
    services.undangan_cancel(invitation, user=admin_a)
    assert client.get(url).status_code == 404


def test_inviting_an_existing_member_role_is_refused(office_a, admin_a):
    MembershipFactory(satker=office_a, role=Role.ANGGOTA, user__email="d@kpu.test")
    with pytest.raises(services.TimError, match="sudah menjadi Anggota Tim ZI"):
        services.undangan_create(office_a, email="D@kpu.test", role=Role.ANGGOTA, user=admin_a)
    # The same person may still be invited to another role.
    services.undangan_create(office_a, email="d@kpu.test", role=Role.KOORDINATOR, user=admin_a)


# ---- CSV of members


def _members_csv(n, bad=()):
    lines = ["email;nama;peran;area"]
    for i in range(n):
        if i in bad:
            lines.append(f"bukan-email-{i};Orang {i};Anggota Tim ZI;I")
        else:
            lines.append(
                f"orang{i}@kpu.test;Orang {i};{'Anggota Tim ZI' if i % 2 else 'koordinator'};A1"
            )
    return "\n".join(lines).encode()


def test_members_csv_names_every_problem_then_writes_all(
    client, office_a, plan_a, admin_a, django_capture_on_commit_callbacks
):
    Area.objects.filter(rencana=plan_a, urutan=1).update(nomor="A1")
    bad = set(range(5, 600, 30))
    assert len(bad) == 20
    url = reverse("tim:impor_anggota", args=[office_a.pk])
    client.force_login(admin_a)
    upload = SimpleUploadedFile("anggota.csv", _members_csv(600, bad), content_type="text/csv")
    response = client.post(url, {"berkas": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "20 dari 600 baris bermasalah" in page
    for i in bad:
        assert f"<td>{i + 2}</td>" in page  # the line in the file (header is line 1)
    assert page.count("tidak sah") == 20 and "area «I» tidak ada" in page
    assert Undangan.objects.count() == 0

    upload = SimpleUploadedFile("anggota.csv", _members_csv(600), content_type="text/csv")
    preview = client.post(url, {"berkas": upload})
    assert preview.status_code == 200 and "600 baris siap ditulis" in preview.content.decode()
    isi = preview.context["isi"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"isi": isi, "konfirmasi": "1"})
    assert done.status_code == 302
    assert Undangan.objects.filter(satker=office_a).count() == 600
    assert Undangan.areas.through.objects.count() == 600
    assert len(mail.outbox) == 600
    # A second confirmation of the same file invites nobody twice: it replaces the pending ones.
    assert Undangan.objects.filter(satker=office_a, dibatalkan=None).count() == 600


def test_members_csv_unreadable_files_are_refused(client, office_a, admin_a):
    client.force_login(admin_a)
    url = reverse("tim:impor_anggota", args=[office_a.pk])
    for data, says in [
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"nama;peran\nA;anggota", "Kolom wajib tidak ada: email"),
        (b"", "Pilih berkas"),
        (b"email,peran\n", "tidak berisi baris"),
    ]:
        upload = SimpleUploadedFile("a.csv", data, content_type="text/csv")
        response = client.post(url, {"berkas": upload} if data else {})
        assert response.status_code == 400 and says in response.content.decode(), says
    assert Undangan.objects.count() == 0


# ---- offices below a parent office


def test_province_admin_creates_a_district_and_invites_its_admin(
    client, province, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(satker=province, role=Role.ADMIN).user
    client.force_login(admin)
    url = reverse("tim:bawahan", args=[province.pk])
    data = {
        "slug": "kpu-kab-baru",
        "nama": "KPU Kabupaten Baru",
        "nama_lengkap": "Komisi Pemilihan Umum Kabupaten Baru",
        "wilayah": "Kabupaten Baru",
        "kota": "Baru",
        "email_admin": "admin.baru@kpu.test",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    baru = Satker.objects.get(slug="kpu-kab-baru")
    assert baru.parent == province and baru.path == f"{province.path}{baru.pk}/"
    assert baru.tingkat == Satker.Tingkat.KABKOTA
    [message] = mail.outbox
    assert message.to == ["admin.baru@kpu.test"] and "Admin satker" in message.body
    assert client.post(url, data).status_code == 400  # the slug is taken now
    # A district has no offices below it; a district admin cannot make any.
    district_admin = MembershipFactory(satker=baru, role=Role.ADMIN).user
    client.force_login(district_admin)
    assert client.get(reverse("tim:bawahan", args=[baru.pk])).status_code == 403
    assert client.get(url).status_code == 404  # the province is above, not visible


def test_offices_csv_preview_then_one_write(client, province, django_capture_on_commit_callbacks):
    admin = MembershipFactory(satker=province, role=Role.ADMIN).user
    SatkerFactory(slug="kpu-kab-ada", parent=province)
    client.force_login(admin)
    url = reverse("tim:impor_bawahan", args=[province.pk])
    rows = ["slug,nama,nama_lengkap,kota,email_admin"]
    rows += [
        f"kpu-kab-{i},KPU Kab {i},Komisi Pemilihan Umum Kabupaten {i},Kota {i},adm{i}@kpu.test"
        for i in range(10)
    ]
    good = "\n".join(rows)
    bad = good + "\nkpu-kab-ada,KPU Ada,,Ada,adm@kpu.test\nBukan Slug!,,,,x"
    response = client.post(url, {"berkas": SimpleUploadedFile("s.csv", bad.encode())})
    page = response.content.decode()
    assert response.status_code == 400 and "2 dari 12 baris bermasalah" in page
    assert "sudah dipakai" in page and "nama kosong" in page and "email admin" in page
    assert Satker.objects.filter(parent=province).count() == 1
    preview = client.post(url, {"berkas": SimpleUploadedFile("s.csv", good.encode())})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"isi": preview.context["isi"], "konfirmasi": "1"})
    assert Satker.objects.filter(parent=province).count() == 11
    assert len(mail.outbox) == 10


# ---- office settings and the logo


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">%s</svg>'
SVG_OK = SVG % b'<rect width="10" height="10" fill="#a00"/><use xlink:href="#r"/>'
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SVG_ONLOAD = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
SVG_EXTERNAL = SVG % b'<image xlink:href="http://evil.test/x.png"/>'


@pytest.mark.parametrize(
    "name,data,ok",
    [
        ("logo.png", samples.image_bytes("PNG"), True),
        ("logo.svg", SVG_OK, True),
        ("logo.svg", SVG_SCRIPT, False),
        ("logo.svg", SVG_ONLOAD, False),
        ("logo.svg", SVG_EXTERNAL, False),
        ("logo.png", samples.image_bytes("JPEG"), False),
        ("logo.png", samples.pdf_bytes(), False),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, False),
    ],
)
def test_logo_is_judged_by_content(client, office_a, admin_a, name, data, ok):
    client.force_login(admin_a)
    url = reverse("tim:pengaturan", args=[office_a.pk])
    response = client.post(
        url, {"logo": SimpleUploadedFile(name, data), "kota": "Uji", "pengingat_hari": 7}
    )
    office_a.refresh_from_db()
    assert bool(office_a.logo) == ok, response.content.decode()[-2000:]
    if ok:
        logo = client.get(reverse("tim:logo", args=[office_a.pk]))
        assert logo.status_code == 200 and b"".join(logo.streaming_content) == data
        assert "sandbox" in logo["Content-Security-Policy"]
        row = Riwayat.objects.get(satker=office_a, objek__endswith="logo")
        assert row.pelaku == admin_a
    else:
        assert response.status_code == 400 and "Logo tidak disimpan" in response.content.decode()


def test_the_office_logo_is_printed_in_the_pdf(office_a, plan_a, admin_a):
    from rencana_aksi.pdf import render_pdf

    from .pdftools import image_count

    before = image_count(render_pdf(plan_a, "draf"))
    office_a.logo.save(
        "logo.png", SimpleUploadedFile("x.png", samples.image_bytes("PNG", (200, 200)))
    )
    plan_a.satker.refresh_from_db()
    assert image_count(render_pdf(plan_a, "draf")) > before


def test_settings_fill_the_keputusan_editor_and_the_segera_window(
    client, office_a, plan_a, admin_a, member_of
):
    client.force_login(admin_a)
    client.post(
        reverse("tim:pengaturan", args=[office_a.pk]),
        {
            "kota": "Caruban",
            "penandatangan_nama": "Dr. Uji",
            "penandatangan_jabatan": "KETUA",
            "pengingat_hari": 21,
        },
    )
    plan_a.penandatangan_nama = ""
    plan_a.save()
    sekretariat = member_of(Role.SEKRETARIAT)
    client.force_login(sekretariat)
    form = client.get(reverse("rencana_aksi:keputusan_edit", args=[plan_a.pk])).context["form"]
    assert form.initial["penandatangan_nama"] == "Dr. Uji"
    page = client.get(reverse("monev:dashboard", args=[plan_a.pk])).content.decode()
    assert "jatuh tempo ≤ 21 hari" in page


# ---- accounts


def test_password_reset_end_to_end_and_once(db, client, settings):
    settings.ZI_PUBLIC_URL = "https://zi.kpu.test"
    user = UserFactory(username="rina", email="rina@kpu.test")
    unknown = client.post(reverse("password_reset"), {"email": "tidak.ada@kpu.test"})
    known = client.post(reverse("password_reset"), {"email": "RINA@kpu.test"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    [message] = mail.outbox
    assert message.to == ["rina@kpu.test"] and "kata sandi" in message.subject.lower()
    link = _link(message)
    assert link.startswith("https://zi.kpu.test/masuk/sandi-baru/")
    path = link.removeprefix("https://zi.kpu.test")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert signs_in(client, "rina", NEW_PASSWORD)
    client.logout()
    again = client.get(path, follow=True).content.decode()
    assert "tidak berlaku lagi" in again
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_and_profile(client, office_a, member_of):
    user = member_of(Role.ANGGOTA)
    assert login_redirect(client.get(reverse("password_change")))
    assert login_redirect(client.get(reverse("tim:profil")))
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.force_login(user)
    taken = UserFactory(email="dipakai@kpu.test")
    bad = client.post(reverse("tim:profil"), {"first_name": "A", "email": taken.email})
    assert bad.status_code == 400 and "sudah dipakai" in bad.content.decode()
    ok = client.post(
        reverse("tim:profil"),
        {"first_name": "Ani", "last_name": "S", "email": "ani@kpu.test", "telepon": "0812"},
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.telepon) == ("Ani", "0812")
    page = client.get(reverse("tim:profil")).content.decode()
    assert office_a.nama in page and "Anggota Tim ZI" in page


def test_switching_office(client, office_a, office_b, plan_a):
    user = MembershipFactory(satker=office_a, role=Role.PIMPINAN).user
    MembershipFactory(satker=office_b, role=Role.PIMPINAN, user=user)
    plan_b = plan_create(office_b)
    client.force_login(user)
    first = client.get(reverse("monev:home"))["Location"]
    assert first == reverse("monev:dashboard", args=[plan_a.pk])
    assert client.post(reverse("tim:pilih_satker"), {"satker": office_b.pk}).status_code == 302
    assert client.get(reverse("monev:home"))["Location"] == reverse(
        "monev:dashboard", args=[plan_b.pk]
    )
    stranger = SatkerFactory()
    assert client.post(reverse("tim:pilih_satker"), {"satker": stranger.pk}).status_code == 404
    assert client.post(reverse("tim:pilih_satker"), {"satker": "x"}).status_code == 404


# ---- Tugas saya, and constant queries


def test_tugas_lists_the_members_area_work(client, office_a, plan_a, area_a, member_of):
    from .evidence import first_bukti, upload

    assert login_redirect(client.get(reverse("bukti_fisik:tugas")))
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA)
    anggota.areas.add(area_a)
    client.force_login(anggota.user)
    assert client.get(reverse("monev:home"))["Location"] == reverse("bukti_fisik:tugas")
    with time_machine.travel("2026-04-02 09:00 +0700", tick=False):
        page = client.get(reverse("bukti_fisik:tugas")).content.decode()
        assert f"Area tugas: {area_a.nomor}. {area_a.nama}" in page
        assert "Triwulan I 2026" in page and "terlambat" in page
        bukti = first_bukti(plan_a)
        [version] = upload(bukti, "2026-T1", anggota.user)
        ketua = member_of(Role.KETUA_TIM)
        from bukti_fisik.services import bukti_review

        bukti_review(version, user=ketua, setuju=False, catatan="Tanda tangan belum ada", revisi=1)
        page = client.get(reverse("bukti_fisik:tugas")).content.decode()
        assert "Tanda tangan belum ada" in page
    # Another office's member sees none of it.
    client.force_login(MembershipFactory(role=Role.ANGGOTA).user)
    page = client.get(reverse("bukti_fisik:tugas")).content.decode()
    assert area_a.nama not in page and "Tanda tangan belum ada" not in page


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_team_pages_use_a_constant_number_of_queries(client, office_a, office_b, admin_a):
    small_plan = plan_create(office_a, areas=1, komponen=1, indikator=1)
    big_plan = plan_create(office_b, areas=6, komponen=5, indikator=10)
    admin_b = MembershipFactory(satker=office_b, role=Role.ADMIN).user
    # One pending invitation in the small office too (Django skips a prefetch of nothing).
    services.undangan_create(office_a, email="satu@kpu.test", role=Role.ANGGOTA, user=admin_a)
    for n in range(40):
        m = MembershipFactory(satker=office_b, role=(Role.ANGGOTA, Role.KOORDINATOR)[n % 2])
        m.areas.add(*Area.objects.filter(rencana=big_plan)[:2])
        services.undangan_create(office_b, email=f"u{n}@kpu.test", role=Role.ANGGOTA, user=admin_b)
    counts = []
    for office, plan, admin in ((office_a, small_plan, admin_a), (office_b, big_plan, admin_b)):
        client.force_login(admin)
        counts.append(
            [
                _queries(client, reverse("tim:anggota", args=[office.pk])),
                _queries(client, reverse("tim:pic", args=[plan.pk])),
                _queries(client, reverse("tim:profil")),
            ]
        )
        anggota = Membership.objects.filter(satker=office, role=Role.ANGGOTA).first() or (
            MembershipFactory(satker=office, role=Role.ANGGOTA)
        )
        anggota.areas.add(*Area.objects.filter(rencana=plan))
        client.force_login(anggota.user)
        counts[-1].append(_queries(client, reverse("bukti_fisik:tugas")))
    assert counts[0] == counts[1], counts
    # The members page: 12, one for sign-in locks, one for the navbar (made only where drawn).
    assert max(counts[0]) <= 14, counts


def test_the_navbar_logo_is_the_current_offices(client, office_a, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("tim:logo_aktif")).status_code == 404  # no logo yet
    client.post(
        reverse("tim:pengaturan", args=[office_a.pk]),
        {"logo": SimpleUploadedFile("l.svg", SVG_OK), "kota": "Uji", "pengingat_hari": 7},
    )
    response = client.get(reverse("tim:logo_aktif"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert 'src="/akun/logo/"' in client.get(reverse("tim:profil")).content.decode()


def test_every_team_url_sends_anonymous_visitors_to_login(client, office_a, plan_a, province):
    urls = [
        reverse("tim:bawahan", args=[province.pk]),
        reverse("tim:impor_bawahan", args=[province.pk]),
        reverse("tim:logo", args=[office_a.pk]),
        reverse("tim:logo_aktif"),
        reverse("tim:profil"),
        reverse("bukti_fisik:tugas"),
    ]
    for url in urls:
        assert login_redirect(client.get(url)), url
    assert login_redirect(client.post(reverse("tim:pilih_satker"), {"satker": office_a.pk}))
    # A visitor can open an invitation link (it is how they join), but a wrong one says so.
    assert client.get(reverse("tim:undangan", args=["palsu"])).status_code == 404
