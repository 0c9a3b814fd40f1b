"""Background work on the real queue: Redis at 127.0.0.1:6379 (a database of the tests' own)
and a real `rqworker` process that renders the PDF, as on a server with ZI_QUEUE_URL set."""

import os
import subprocess
import sys

import django_rq
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from inti import antrean
from rencana_aksi.models import Dokumen, Role
from rencana_aksi.services import dokumen_request

from .factories import MembershipFactory, SatkerFactory, plan_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    settings.ZI_QUEUE_URL = settings.RQ_QUEUES["default"]["URL"]
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


def _worker():
    """One worker in burst mode: it runs what is queued, then exits."""
    env = {
        **os.environ,
        "DATABASE_URL": antrean._database_url(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "zi_tracker.settings_test",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "rqworker", "default", "--burst"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_worker_process_renders_the_queued_pdf(queue):
    office = SatkerFactory(nama="KPU Kabupaten Antrean")
    plan = plan_create(office)
    user = MembershipFactory(satker=office, role=Role.SEKRETARIAT).user
    dokumen = dokumen_request(plan, "draf", user)  # queued once the transaction commits
    assert queue.count == 1
    job = queue.jobs[0]
    assert job.func_name == "inti.antrean.run"
    assert job.args == ("render_dokumen", str(dokumen.pk))
    dokumen.refresh_from_db()
    assert dokumen.status == Dokumen.Status.ANTRI

    out = _worker()
    assert out.returncode == 0, out.stderr[-3000:]
    dokumen.refresh_from_db()
    assert dokumen.status == Dokumen.Status.SELESAI, (dokumen.pesan_galat, out.stderr[-3000:])
    with dokumen.berkas.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(f).pages)
    assert "KOMISI PEMILIHAN UMUM KABUPATEN ANTREAN" in text
    assert queue.count == 0 and queue.finished_job_registry.count == 1


def test_a_worker_process_writes_a_confirmed_import(queue, client):
    """The Lampiran import confirmed on its page is written by the worker, not the web
    process; the waiting page then moves on to the plan with the outcome."""
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from rencana_aksi.models import BerkasImpor, Indikator
    from rencana_aksi.services import rencana_draft_for

    office = SatkerFactory(nama="KPU Kabupaten Impor")
    admin = MembershipFactory(satker=office, role=Role.ADMIN).user
    rencana = rencana_draft_for(office, 2027)
    book = openpyxl.Workbook()
    book.active.append(["I. MANAJEMEN PERUBAHAN"])
    book.active.append(
        ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
    )
    book.active.append(
        ["1", "Penyusunan Tim", "Tim ZI terbentuk", "- Menyusun SK", "SK", "Jan 2026"]
    )
    data = io.BytesIO()
    book.save(data)
    client.force_login(admin)
    client.post(
        reverse("rencana_aksi:impor", args=[rencana.pk]),
        {"berkas": SimpleUploadedFile("lampiran.xlsx", data.getvalue())},
    )
    item = BerkasImpor.objects.get()
    url = reverse("rencana_aksi:impor_pratinjau", args=[item.pk])
    assert client.post(url, {"aksi": "tulis"})["Location"] == url
    assert [j.args for j in queue.jobs] == [("tulis_impor", str(item.pk), str(admin.pk))]
    assert not Indikator.objects.filter(komponen__area__rencana=rencana).exists()

    out = _worker()
    assert out.returncode == 0, out.stderr[-3000:]
    item.refresh_from_db()
    assert (item.status, item.pesan) == ("selesai", "Lampiran diimpor: 1 area, 1 indikator.")
    assert Indikator.objects.get(komponen__area__rencana=rencana).nama == "Tim ZI terbentuk"
    assert client.get(reverse("rencana_aksi:impor_status", args=[item.pk]))["HX-Redirect"] == url
    assert client.get(url)["Location"] == reverse("rencana_aksi:detail", args=[rencana.pk])


def test_daily_work_is_queued_by_name_and_unknown_names_are_refused(queue):
    call_command("antrekan", "send_reminders", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert [j.args for j in queue.jobs] == [("send_reminders",)]
    with pytest.raises(CommandError, match="bukan tugas latar"):
        call_command("antrekan", "flush")
    assert queue.count == 1
    out = _worker()
    assert out.returncode == 0, out.stderr[-3000:]
    assert queue.finished_job_registry.count == 1


def test_a_worker_refuses_a_job_that_is_not_ours(queue):
    with pytest.raises(ValueError, match="bukan tugas latar"):
        antrean.run("flush")
