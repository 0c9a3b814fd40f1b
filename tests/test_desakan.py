"""One rule for "late" and "due soon" (jadwal.desakan): the dashboard, Tugas saya and the
reminders read a slot the same way. A slot waiting for review after its due date is not late;
one sent back is late again."""

from datetime import date, timedelta

import pytest
import time_machine

from bukti_fisik import services as evidence
from bukti_fisik.selectors import tugas_for
from monev.selectors import Filter, dashboard
from rencana_aksi.jadwal import NANTI, SEGERA, TERLAMBAT, desakan, periods_of
from rencana_aksi.models import BuktiFisik, Indikator, Role

from .evidence import upload
from .factories import MembershipFactory

TODAY = date(2026, 5, 15)


@pytest.mark.parametrize(
    "due,ada_bukti,expected",
    [
        (TODAY - timedelta(days=1), False, TERLAMBAT),
        (TODAY - timedelta(days=1), True, None),  # waiting for review, or verified
        (TODAY, False, SEGERA),  # due today is not yet late
        (TODAY + timedelta(days=7), False, SEGERA),
        (TODAY + timedelta(days=8), False, NANTI),
        (TODAY + timedelta(days=3), True, None),
    ],
)
def test_the_rule(due, ada_bukti, expected):
    assert desakan(due, TODAY, 7, ada_bukti) == expected


@time_machine.travel("2026-05-15 10:00 +0700", tick=False)
def test_the_dashboards_late_list_and_tugas_saya_agree(seed_plan):
    plan = seed_plan("kpu-kab-madiun")
    office = plan.satker
    anggota = MembershipFactory(satker=office, role=Role.ANGGOTA).user
    ketua = MembershipFactory(satker=office, role=Role.KETUA_TIM).user
    mine = list(
        Indikator.objects.filter(komponen__area__rencana=plan)
        .select_related("target_waktu")
        .order_by("komponen__area__urutan", "komponen__urutan", "urutan")[:12]
    )
    Indikator.objects.filter(pk__in=[i.pk for i in mine]).update(pic=anggota)
    due = [
        (bukti, p.kode)
        for i in mine
        for bukti in BuktiFisik.objects.filter(indikator=i)
        for p in periods_of(i, plan.tahun)
        if p.jatuh_tempo < TODAY
    ]
    assert len(due) >= 4
    # One waiting past its due date, one verified, one sent back, the rest never uploaded.
    upload(*due[0], anggota)
    verified = upload(*due[1], anggota)[0]
    evidence.bukti_review(verified, user=ketua, setuju=True, revisi=verified.slot.revisi)
    sent_back = upload(*due[2], anggota)[0]
    evidence.bukti_review(
        sent_back,
        user=ketua,
        setuju=False,
        catatan="Tanda tangan kurang",
        revisi=sent_back.slot.revisi,
    )

    board = dashboard(plan, TODAY, Filter(pic=str(anggota.pk)))
    on_board = {i.pk: i.progres.terlambat for i in board["terlambat"]}
    tasks = tugas_for(anggota, TODAY)
    in_tasks = {}
    for slot in tasks.slots:
        if slot.terlambat:
            in_tasks[slot.indikator_row.pk] = in_tasks.get(slot.indikator_row.pk, 0) + 1
    assert on_board == in_tasks and on_board
    # The waiting and the verified slot are not late; the one sent back is.
    late_slots = {(s.bukti_fisik_id, s.kode) for s in tasks.slots if s.terlambat}
    assert (due[0][0].pk, due[0][1]) not in late_slots
    assert (due[1][0].pk, due[1][1]) not in late_slots
    assert (due[2][0].pk, due[2][1]) in late_slots
    assert sum(on_board.values()) == len(due) - 2
