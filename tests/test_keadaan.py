"""The plan page shows each indikator's evidence state, loaded in one request with a constant
number of queries, so the long Lampiran is not the only map."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bukti_fisik import services
from bukti_fisik.models import Slot
from demo.generate import plan_create
from rencana_aksi.models import Role

from .evidence import bulk_evidence, first_bukti, upload
from .factories import MembershipFactory

WIB = ZoneInfo("Asia/Jakarta")


def _states(page):
    return dict(
        re.findall(r'<span id="keadaan-(\d+)" hx-swap-oob="true"[^>]*>(.*?)</span>\n', page)
    )


def test_each_indikator_row_gets_its_state(client, plan_a, office_a, member_of):
    anggota = member_of(Role.ANGGOTA)
    ketua = member_of(Role.KETUA_TIM)
    bukti = first_bukti(plan_a)
    with time_machine.travel(datetime(2026, 5, 15, 9, tzinfo=WIB), tick=False):
        [t1] = upload(bukti, "2026-T1", anggota)
        upload(bukti, "2026-T2", anggota)
        services.bukti_review(
            t1, user=ketua, setuju=True, revisi=Slot.objects.get(pk=t1.slot_id).revisi
        )
        client.force_login(member_of(Role.PIMPINAN))
        page = client.get(
            reverse("rencana_aksi:detail", args=[plan_a.pk]) + "?semua=1"
        ).content.decode()
        fragment = client.get(
            reverse("bukti_fisik:keadaan_rencana", args=[plan_a.pk])
        ).content.decode()
    # The page holds an empty target per row and the request that fills them.
    assert f'id="keadaan-{bukti.indikator_id}"' in page
    assert reverse("bukti_fisik:keadaan_rencana", args=[plan_a.pk]) in page
    state = _states(fragment)[str(bukti.indikator_id)]
    slots = bukti.indikator.bukti_fisik.count() * 4  # triwulanan
    assert f"1/{slots} slot terverifikasi" in state
    assert "1 menunggu" in state
    assert len(_states(fragment)) == plan_a.areas.values("komponen__indikator").count()


def test_the_state_costs_the_same_queries_at_any_size(client, office_a, office_b):
    small = plan_create(office_a)
    user = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    big = plan_create(office_b, areas=6, indikator=10)
    MembershipFactory(satker=office_b, role=Role.ANGGOTA, user=user)
    bulk_evidence(big, user, 300)
    client.force_login(user)
    counts = []
    for plan in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("bukti_fisik:keadaan_rencana", args=[plan.pk]))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 7, counts


def test_outsider_gets_404(client, plan_a, outsider):
    client.force_login(outsider)
    assert client.get(reverse("bukti_fisik:keadaan_rencana", args=[plan_a.pk])).status_code == 404
