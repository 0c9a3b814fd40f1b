"""Reminders (due soon, late, waiting for review) are given once each; orphan files are found
and, only when asked, removed."""

import os
import time
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from bukti_fisik.models import Notifikasi
from bukti_fisik.services import reminders_send
from rencana_aksi.models import Role

from .evidence import first_bukti, upload
from .factories import MembershipFactory

WIB = ZoneInfo("Asia/Jakarta")


def at(day, month, hour=7):
    return time_machine.travel(datetime(2026, month, day, hour, tzinfo=WIB), tick=False)


@pytest.fixture
def team(plan_a, office_a):
    bukti = first_bukti(plan_a)  # a Triwulan schedule: Triwulan I is due 31 March 2026
    area = bukti.indikator.komponen.area
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA, user__email="a@kpu.test")
    anggota.areas.add(area)
    koordinator = MembershipFactory(satker=office_a, role=Role.KOORDINATOR)
    koordinator.areas.add(area)
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    bukti.indikator.pic = anggota.user
    bukti.indikator.save()
    bukti.nama = "Daftar hadir rapat ZI"
    bukti.save()
    return bukti, anggota.user, koordinator.user, ketua


def _texts(user):
    return "\n".join(Notifikasi.objects.filter(penerima=user).values_list("isi", flat=True))


def test_due_and_late_reminders_are_given_once_each(team, django_capture_on_commit_callbacks):
    bukti, anggota, _, ketua = team
    with at(25, 3), django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send()
    line = f"Jatuh tempo 31 Maret 2026: {bukti.nama}"
    assert line in _texts(anggota)
    assert sent[anggota.pk] >= 1
    # Indikator without a PIC remind the Ketua Tim; the PIC's own are not sent to the Ketua.
    assert sent[ketua.pk] >= 1 and line not in _texts(ketua)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@kpu.test"]
    assert "/bukti/" in mail.outbox[0].body

    with at(25, 3, hour=16), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == {}  # the second run of the day gives nothing new
    assert len(mail.outbox) == 1

    with at(2, 4):
        reminders_send()
    assert f"TERLAMBAT 31 Maret 2026: {bukti.nama}" in _texts(anggota)
    with at(3, 4):
        again = reminders_send()
    assert anggota.pk not in again


def test_slot_with_evidence_waiting_reminds_reviewers_not_the_uploader(team):
    bukti, anggota, koordinator, ketua = team
    with at(25, 3):
        upload(bukti, "2026-T1", anggota, name="absensi.pdf")
    with at(27, 3):
        reminders_send()
    assert "absensi.pdf" not in _texts(ketua)  # waiting two days only
    with at(29, 3):
        reminders_send()
    for reviewer in (ketua, koordinator):
        assert "Menunggu verifikasi sejak 25 Maret 2026: absensi.pdf" in _texts(reviewer)
    assert "absensi.pdf" not in _texts(anggota)
    # The slot with evidence is not "due" for its PIC; the indikator's other, empty one is.
    other = bukti.indikator.bukti_fisik.exclude(pk=bukti.pk).get()
    assert f"Jatuh tempo 31 Maret 2026: {bukti.nama}" not in _texts(anggota)
    assert f"Jatuh tempo 31 Maret 2026: {other.nama}" in _texts(anggota)


def test_send_reminders_command_reports_counts(team):
    out = StringIO()
    with at(25, 3):
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=out)
    first, second = out.getvalue().strip().splitlines()
    assert not first.startswith("0 ")
    assert second == "0 pengingat baru untuk 0 orang."


def test_sweep_reports_then_removes_only_old_unreferenced_files(
    team, settings, tmp_path, bukti_root
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    bukti, anggota, _, _ = team
    [kept] = upload(bukti, "2026-T1", anggota)
    old = time.time() - 3 * 3600
    orphan = bukti_root / "2026" / "01" / "sisa-unggahan-gagal"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x" * 10)
    young = bukti_root / "baru-saja"
    young.write_bytes(b"y")
    stale_pdf = tmp_path / "media" / "dokumen" / "2026" / "draf-lama.pdf"
    stale_pdf.parent.mkdir(parents=True)
    stale_pdf.write_bytes(b"%PDF-")
    for path in (orphan, stale_pdf, bukti_root / kept.berkas.name):
        os.utime(path, (old, old))

    out = StringIO()
    call_command("sweep_orphan_files", stdout=out)
    report = out.getvalue()
    assert str(orphan) in report and str(stale_pdf) in report
    assert "2 berkas yatim, 15 byte, ditemukan" in report
    assert orphan.exists() and stale_pdf.exists()

    call_command("sweep_orphan_files", "--hapus", stdout=StringIO())
    assert not orphan.exists() and not stale_pdf.exists()
    assert young.exists() and (bukti_root / kept.berkas.name).exists()
