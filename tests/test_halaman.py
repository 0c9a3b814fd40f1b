"""Small things users see on every page: the favicon, one word for the password, breadcrumbs
from "Rencana aksi", and the next version in the queue after a review decision."""

import re

import pytest
from django.urls import reverse

from bukti_fisik.models import Slot
from rencana_aksi.models import Role

from .evidence import first_bukti, upload
from .factories import MembershipFactory
from .test_masukan_buruk import world  # noqa: F401  (every named URL with real ids)

REMAH = re.compile(
    r'<nav aria-label="Remah roti"><ol class="breadcrumb small">\s*<li class="breadcrumb-item'
    r'[^>]*>(?:<a href="/rencana/">)?Rencana aksi<'
)


def test_every_full_page_starts_its_breadcrumb_at_rencana_aksi(world):  # noqa: F811
    client, urls = world
    pages = 0
    for name, url in sorted(urls.items()):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        if "<!doctype html>" not in body.lower() or '<nav class="navbar' not in body:
            continue  # a fragment, or the print preview
        pages += 1
        assert REMAH.search(body), name
    assert pages >= 20, pages


def test_the_favicon_is_there(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, "/static/img/favicon.svg")
    assert "<svg" in open(finders.find("img/favicon.svg")).read()  # noqa: SIM115
    assert '<link rel="icon"' in client.get(reverse("login")).content.decode()


def _words(html):
    text = re.sub(r"<[^>]+>", " ", html)
    return re.findall(r"\b(?:[Kk]ata )?[Ss]andi\b", text)


@pytest.mark.parametrize("name", ["login", "password_reset", "password_change"])
def test_one_word_for_the_password(client, member_of, name):
    if name == "password_change":
        client.force_login(member_of(Role.ANGGOTA))
    body = client.get(reverse(name)).content.decode()
    words = _words(body)
    assert words, name
    assert all(w.lower() == "kata sandi" for w in words), words


def test_validator_messages_say_kata_sandi(client, member_of):
    client.force_login(member_of(Role.ANGGOTA))
    response = client.post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": "123", "new_password2": "123"},
    )
    body = response.content.decode()
    assert "Kata sandi lama yang Anda ketik salah" in body
    assert all(w.lower() == "kata sandi" for w in _words(body))


def test_after_a_decision_the_next_in_queue_opens(client, plan_a, office_a):
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    bukti = first_bukti(plan_a)
    [first] = upload(bukti, "2026-T1", anggota, name="pertama.pdf")
    [second] = upload(bukti, "2026-T2", anggota, name="kedua.pdf")
    client.force_login(ketua)
    slot = Slot.objects.get(pk=first.slot_id)
    here = reverse("bukti_fisik:slot", args=[bukti.pk, "2026-T1"])
    response = client.post(
        reverse("bukti_fisik:review", args=[first.pk]),
        {"keputusan": "setujui", "revisi": slot.revisi, "next": here},
        follow=True,
    )
    target = reverse("bukti_fisik:slot", args=[bukti.pk, "2026-T2"])
    assert response.redirect_chain[-1][0] == f"{target}#versi-{second.versi}"
    assert "Berikutnya di antrean: «kedua.pdf» (1 menunggu keputusan Anda)" in (
        response.content.decode()
    )
    slot = Slot.objects.get(pk=second.slot_id)
    response = client.post(
        reverse("bukti_fisik:review", args=[second.pk]),
        {"keputusan": "setujui", "revisi": slot.revisi, "next": target},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == target
    assert "Antrean tinjauan Anda sudah kosong" in response.content.decode()


def test_a_long_queue_shows_99_plus_and_a_non_reviewer_costs_nothing(client, plan_a, office_a):
    from bukti_fisik.models import Unggahan

    from .evidence import bulk_evidence

    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    bulk_evidence(plan_a, anggota, 600)
    waiting = Unggahan.objects.filter(status="menunggu", diganti=False).count()
    assert waiting >= 100
    client.force_login(ketua)
    page = client.get(reverse("bukti_fisik:notifikasi")).content.decode()
    assert 'data-testid="tinjauan">99+<' in page
    assert "lebih dari 99 menunggu keputusan Anda" in page
    queue = client.get(reverse("bukti_fisik:review_queue")).content.decode()
    assert f"({waiting} berkas)" in queue  # the queue page counts them all
    client.force_login(anggota)
    page = client.get(reverse("bukti_fisik:notifikasi")).content.decode()
    assert 'data-testid="tinjauan"' not in page
