"""Rules with one home each: who may decide on an upload, the office tree and who may change
it, the admin as a client of the services, the generator following the app's own rules, and
web workers without WeasyPrint."""

import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bukti_fisik.models import Notifikasi, Slot, Unggahan, slot_status
from bukti_fisik.permissions import unggahan_reviewable_by
from bukti_fisik.services import reminders_send
from demo.generate import dataset_generate, plan_evidence
from rencana_aksi.models import RencanaAksi, Riwayat, Role, Satker, User
from rencana_aksi.permissions import rencana_visible_to
from rencana_aksi.services import SatkerError, satker_move

from .evidence import first_bukti, upload
from .factories import MembershipFactory, SatkerFactory, UserFactory, admin_form_data, plan_create

WIB = ZoneInfo("Asia/Jakarta")


# ---- who may decide on an upload


@pytest.fixture
def uploads(plan_a, office_a):
    """In one area: two versions the Ketua Tim uploaded, one of the Koordinator's, one of an
    Anggota's; a Koordinator of that area and a Ketua Tim."""
    bukti = first_bukti(plan_a)
    area = bukti.indikator.komponen.area
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    koordinator = MembershipFactory(satker=office_a, role=Role.KOORDINATOR)
    koordinator.areas.add(area)
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA)
    anggota.areas.add(area)
    own = upload(bukti, "2026-T1", ketua, name="punya-ketua-1.pdf")
    own += upload(bukti, "2026-T2", ketua, name="punya-ketua-2.pdf")
    by_koordinator = upload(bukti, "2026-T3", koordinator.user, name="punya-koordinator.pdf")
    by_anggota = upload(bukti, "2026-T4", anggota.user, name="punya-anggota.pdf")
    return ketua, koordinator.user, own, by_koordinator, by_anggota


def test_ketua_queue_lists_and_counts_only_what_it_may_decide(client, uploads):
    ketua, _, own, by_koordinator, by_anggota = uploads
    assert set(unggahan_reviewable_by(ketua)) == {*by_koordinator, *by_anggota}
    client.force_login(ketua)
    page = client.get(reverse("bukti_fisik:review_queue")).content.decode()
    assert "(2 berkas)" in page
    assert "punya-anggota.pdf" in page and "punya-koordinator.pdf" in page
    assert "punya-ketua-1.pdf" not in page and "punya-ketua-2.pdf" not in page
    # Every row listed can be acted on, and the navbar counts the same two.
    assert page.count('name="pilih"') == 2
    assert 'data-testid="tinjauan">2<' in page


def test_koordinator_queue_leaves_out_its_own_uploads(client, uploads):
    _, koordinator, _, by_koordinator, by_anggota = uploads
    client.force_login(koordinator)
    page = client.get(reverse("bukti_fisik:review_queue")).content.decode()
    assert "(3 berkas)" in page  # both of the Ketua Tim's and the Anggota's
    assert "punya-koordinator.pdf" not in page and "punya-anggota.pdf" in page


def test_bulk_verify_reports_an_own_upload_and_verifies_the_rest(client, uploads):
    ketua, _, own, _, by_anggota = uploads
    chosen = [f"{u.pk}:{Slot.objects.get(pk=u.slot_id).revisi}" for u in (*own, *by_anggota)]
    client.force_login(ketua)
    page = client.post(
        reverse("bukti_fisik:review_bulk_verify"), {"pilih": chosen}, follow=True
    ).content.decode()
    assert "1 bukti terverifikasi" in page and "tidak lagi menunggu keputusan Anda" in page
    statuses = dict(Unggahan.objects.values_list("nama_asli", "status"))
    assert statuses["punya-anggota.pdf"] == Unggahan.Status.TERVERIFIKASI
    assert statuses["punya-ketua-1.pdf"] == Unggahan.Status.MENUNGGU


def test_review_reminders_go_to_those_who_may_decide(uploads):
    ketua, koordinator, own, _, _ = uploads
    later = datetime.now(WIB) + timedelta(days=4)
    with time_machine.travel(later, tick=False):
        reminders_send()
    ketua_text = "\n".join(Notifikasi.objects.filter(penerima=ketua).values_list("isi", flat=True))
    koordinator_text = "\n".join(
        Notifikasi.objects.filter(penerima=koordinator).values_list("isi", flat=True)
    )
    assert "punya-anggota.pdf" in ketua_text and "punya-koordinator.pdf" in ketua_text
    assert "punya-ketua-1.pdf" not in ketua_text
    assert "punya-ketua-1.pdf" in koordinator_text
    assert "punya-koordinator.pdf" not in koordinator_text


# ---- the office tree


@pytest.fixture
def tree(db):
    """KPU RI → two provinces; province A → district → a unit below it (three levels)."""
    root = SatkerFactory(slug="ri", nama="KPU RI", tingkat=Satker.Tingkat.PUSAT)
    prov_a = SatkerFactory(slug="prov-a", parent=root, tingkat=Satker.Tingkat.PROVINSI)
    prov_b = SatkerFactory(slug="prov-b", parent=root, tingkat=Satker.Tingkat.PROVINSI)
    kab = SatkerFactory(slug="kab", parent=prov_a)
    unit = SatkerFactory(slug="unit", parent=kab)
    return root, prov_a, prov_b, kab, unit


def _paths():
    return dict(Satker.objects.values_list("slug", "path"))


def test_satker_move_rewrites_every_path_below(tree):
    root, prov_a, prov_b, kab, unit = tree
    plan = plan_create(unit, areas=1, komponen=1, indikator=1)
    pimpinan_a = MembershipFactory(satker=prov_a, role=Role.PIMPINAN).user
    pimpinan_b = MembershipFactory(satker=prov_b, role=Role.PIMPINAN).user
    assert _paths()["unit"] == f"/{root.pk}/{prov_a.pk}/{kab.pk}/{unit.pk}/"
    superuser = UserFactory(is_superuser=True)

    assert satker_move(kab, prov_b, user=superuser) == 2
    paths = _paths()
    assert paths["kab"] == f"/{root.pk}/{prov_b.pk}/{kab.pk}/"
    assert paths["unit"] == f"/{root.pk}/{prov_b.pk}/{kab.pk}/{unit.pk}/"
    assert paths["prov-a"] == f"/{root.pk}/{prov_a.pk}/"
    assert Satker.objects.get(pk=kab.pk).parent == prov_b
    # Reading follows the tree at once.
    assert plan in rencana_visible_to(pimpinan_b) and plan not in rencana_visible_to(pimpinan_a)
    entry = Riwayat.objects.get(jenis=Riwayat.Jenis.SATKER, satker=kab)
    assert (entry.dari, entry.ke, entry.pelaku) == (prov_a.nama, prov_b.nama, superuser)


def test_satker_move_refuses_a_cycle_and_a_non_superuser(tree):
    _, prov_a, prov_b, kab, unit = tree
    before = _paths()
    with pytest.raises(SatkerError):
        satker_move(prov_a, unit, user=UserFactory(is_superuser=True))
    admin = MembershipFactory(satker=prov_b, role=Role.ADMIN, user__is_staff=True).user
    with pytest.raises(PermissionDenied):
        satker_move(kab, prov_b, user=admin)
    assert _paths() == before


def test_superuser_edits_and_moves_an_office_through_the_admin_form(demo, client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    madiun = Satker.objects.get(slug="kpu-kab-madiun")
    jambi = Satker.objects.get(slug="kpu-prov-jambi")
    url = reverse("admin:rencana_aksi_satker_change", args=[madiun.pk])
    data = admin_form_data(client.get(url), parent=jambi.pk, kota="Caruban")
    assert client.post(url, data).status_code == 302
    madiun.refresh_from_db()
    assert madiun.path == f"{jambi.path}{madiun.pk}/" and madiun.kota == "Caruban"
    rows = {r.objek: r for r in Riwayat.objects.filter(jenis=Riwayat.Jenis.SATKER, satker=madiun)}
    assert (
        rows["KPU Kabupaten Madiun — induk"].ke,
        rows["KPU Kabupaten Madiun — kota penetapan"].ke,
    ) == (jambi.nama, "Caruban")
    plan = RencanaAksi.objects.berlaku().get(satker=madiun)
    assert plan in rencana_visible_to(User.objects.get(username="jambi.pimpinan"))


# ---- the generator follows the app's rules


def test_generated_evidence_is_a_state_the_app_can_produce(office_a):
    plan = plan_create(office_a, areas=2, komponen=2, indikator=3, bukti=2)
    uploader = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    reviewer = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    plan_evidence(plan, [uploader], 400, seed=3, reviewer=reviewer)
    seen = set()
    for slot in Slot.objects.prefetch_related("unggahan"):
        versions = sorted(slot.unggahan.all(), key=lambda v: v.versi)
        current = [v.status for v in versions if not v.diganti]
        assert (slot.status, slot.ada_bukti) == slot_status(current)
        for earlier, later in zip(versions, versions[1:], strict=False):
            # Sent back and followed by another upload → replaced; nothing else is replaced.
            assert earlier.diganti == (earlier.status == Unggahan.Status.PERLU_PERBAIKAN)
            assert earlier.diunggah < later.diunggah
        assert not versions[-1].diganti
        for v in versions:
            assert (v.ditinjau_oleh is None) == (v.status == Unggahan.Status.MENUNGGU)
        seen.add(slot.status)
    assert seen >= {"menunggu", "terverifikasi", "perlu_perbaikan"}


def test_dashboard_data_set_holds_only_derivable_slot_states(province):
    plan = dataset_generate("M", parent=province)
    for slot in Slot.objects.filter(indikator__komponen__area__rencana=plan).prefetch_related(
        "unggahan"
    ):
        current = [v.status for v in slot.unggahan.all() if not v.diganti]
        assert (slot.status, slot.ada_bukti) == slot_status(current)


# ---- web workers never load WeasyPrint


def test_url_conf_and_views_load_without_weasyprint():
    code = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; "
        "resolver = get_resolver(); "
        "[p.callback for p in resolver.url_patterns if hasattr(p, 'callback')]; "
        "import zi_tracker.urls, monev.views, rencana_aksi.views, bukti_fisik.views; "
        "print('weasyprint' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "zi_tracker.settings_test", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False", out.stderr
