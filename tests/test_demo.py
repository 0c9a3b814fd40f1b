import pytest
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from rencana_aksi import services
from rencana_aksi.models import (
    Area,
    Indikator,
    LangkahAksi,
    Membership,
    RencanaAksi,
    Riwayat,
    Satker,
    User,
)
from rencana_aksi.permissions import rencana_visible_to

from .factories import admin_form_data, signs_in

SLUGS = {
    "kpu-ri",
    "kpu-prov-jawa-timur",
    "kpu-kab-madiun",
    "kpu-kab-ngawi",
    "kpu-prov-jambi",
    "kpu-kab-merangin",
}


def _counts():
    return [m.objects.count() for m in (Satker, User, Membership, RencanaAksi, Indikator)]


def test_load_demo_is_idempotent(demo):
    before = _counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == before


def test_demo_offices_plans_and_users(demo):
    assert set(Satker.objects.values_list("slug", flat=True)) == SLUGS
    madiun = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2026)
    assert Area.objects.filter(rencana=madiun).count() == 7
    assert Indikator.objects.filter(komponen__area__rencana=madiun).count() == 48
    assert LangkahAksi.objects.filter(indikator__komponen__area__rencana=madiun).count() == 240
    merangin = RencanaAksi.objects.get(satker__slug="kpu-kab-merangin", tahun=2026)
    assert merangin.mencabut.nomor == "19" and merangin.mencabut.status == "dicabut"
    assert Indikator.objects.filter(komponen__area__rencana=merangin).count() == 70
    # One user per role per district office, plus a pimpinan and an admin per province.
    assert Membership.objects.filter(satker__slug="kpu-kab-madiun").count() == 7
    assert Membership.objects.filter(satker__slug="kpu-prov-jambi", role="pimpinan").count() == 1
    assert Membership.objects.filter(satker__slug="kpu-prov-jambi", role="admin").count() == 1


def test_demo_password_comes_from_the_environment(demo, client):
    assert signs_in(client, "madiun.anggota", "sandi-demo-uji")
    client.logout()
    assert not signs_in(client, "madiun.anggota", "zi-demo-2026")


def test_demo_target_waktu_typos_are_flagged(demo):
    flagged = Indikator.objects.filter(
        komponen__area__rencana__satker__slug="kpu-kab-merangin",
        target_waktu__teks__in=["Januari 2016", "Januari 202"],
    )
    assert flagged.count() == 2
    assert all(i.target_waktu.peringatan for i in flagged)


def test_province_pimpinan_sees_its_districts_and_nothing_else(demo):
    jatim = User.objects.get(username="jatim.pimpinan")
    slugs = set(rencana_visible_to(jatim).values_list("satker__slug", flat=True))
    assert slugs == {"kpu-kab-madiun", "kpu-kab-ngawi"}
    merangin_admin = User.objects.get(username="merangin.admin")
    assert set(rencana_visible_to(merangin_admin).values_list("satker__slug", flat=True)) == {
        "kpu-kab-merangin"
    }


def test_the_province_compares_two_districts(demo, client):
    """Ngawi took Madiun's plan as its own: the same content under its own name, and the
    seed fixture is left as it was."""
    ngawi = RencanaAksi.objects.get(satker__slug="kpu-kab-ngawi", tahun=2026)
    madiun = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2026)
    assert "NGAWI" in ngawi.tentang and "MADIUN" not in ngawi.tentang
    assert ngawi.penandatangan_nama.startswith("(Contoh)")
    assert madiun.penandatangan_nama == "Nur Anwar"
    count = Indikator.objects.filter(komponen__area__rencana=ngawi).count()
    assert count == Indikator.objects.filter(komponen__area__rencana=madiun).count() == 48
    jatim = Satker.objects.get(slug="kpu-prov-jawa-timur")
    client.force_login(User.objects.get(username="jatim.pimpinan"))
    page = client.get(reverse("monev:rollup", args=[jatim.pk])).content.decode()
    assert 'data-satker="kpu-kab-madiun"' in page and 'data-satker="kpu-kab-ngawi"' in page
    assert "2 rencana aksi dari 2 satker" in page


def test_only_superusers_reach_the_django_admin(demo, client):
    for username in ("madiun.admin", "madiun.ketua_tim", "jatim.pimpinan"):
        client.force_login(User.objects.get(username=username))
        for name in ("admin:index", "admin:rencana_aksi_satker_changelist"):
            response = client.get(reverse(name))
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        madiun = Satker.objects.get(slug="kpu-kab-madiun")
        url = reverse("admin:rencana_aksi_satker_change", args=[madiun.pk])
        assert client.post(url, {"kota": "Pindah"}).status_code == 302
        assert Satker.objects.get(pk=madiun.pk).kota == "Madiun"
    client.force_login(User.objects.create_superuser("root", "root@kpu.test", "x-sandi-9"))
    assert client.get(reverse("admin:rencana_aksi_satker_changelist")).status_code == 200


def test_admin_edit_of_target_waktu_rereads_the_schedule(demo, client):
    superuser = User.objects.create_superuser("root", "root@kpu.test", "x-sandi-9")
    client.force_login(superuser)
    # A draft: an adopted plan is not changed in the admin (the next test).
    RencanaAksi.objects.filter(satker__slug="kpu-kab-madiun").update(status="draf")
    indikator = Indikator.objects.filter(
        komponen__area__rencana__satker__slug="kpu-kab-madiun", target_waktu__teks="Jan 2026"
    ).first()
    url = reverse("admin:rencana_aksi_indikator_change", args=[indikator.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = admin_form_data(page, target_capaian="Nilai SKM ≥ 90")
    data["target_waktu-0-teks"] = "Triwulan"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in [response.context["adminform"].form]
    ]
    indikator.refresh_from_db()
    indikator.target_waktu.refresh_from_db()
    assert (indikator.target_waktu.teks, indikator.target_waktu.jenis) == ("Triwulan", "triwulanan")
    assert (indikator.capaian_pembanding, int(indikator.capaian_nilai)) == (">=", 90)
    # Both edits went through the services: one history row each, with who and before → after.
    madiun_admin = superuser
    capaian = Riwayat.objects.get(jenis=Riwayat.Jenis.RENCANA, indikator=indikator)
    assert capaian.pelaku == madiun_admin and capaian.ke == "Nilai SKM ≥ 90"
    assert capaian.objek.endswith("target capaian") and capaian.dari != capaian.ke
    jadwal = Riwayat.objects.get(jenis=Riwayat.Jenis.JADWAL, indikator=indikator)
    assert (jadwal.dari, jadwal.ke, jadwal.pelaku) == ("Jan 2026", "Triwulan", madiun_admin)


def test_the_admin_cannot_skip_the_amendment_rule(demo, client):
    """An adopted plan changes only by an amendment with its reason, on the editor's pages:
    in the admin its content is read-only, and the services refuse a change without one."""
    client.force_login(User.objects.create_superuser("root", "root@kpu.test", "x-sandi-9"))
    plan = RencanaAksi.objects.get(satker__slug="kpu-kab-madiun", tahun=2026)
    indikator = Indikator.objects.filter(komponen__area__rencana=plan).first()
    url = reverse("admin:rencana_aksi_indikator_change", args=[indikator.pk])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    data = admin_form_data(page, nama="Diubah tanpa amandemen")
    assert client.post(url, {**data, "nama": "Diubah tanpa amandemen"}).status_code == 403
    delete = reverse("admin:rencana_aksi_indikator_delete", args=[indikator.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    plan_url = reverse("admin:rencana_aksi_rencanaaksi_change", args=[plan.pk])
    assert 'name="status"' not in client.get(plan_url).content.decode()
    indikator.refresh_from_db()
    assert indikator.nama != "Diubah tanpa amandemen"
    before = Riwayat.objects.count()
    indikator.nama = "Diubah tanpa amandemen"
    with pytest.raises(services.SuntingError, match="amandemen"):
        services.isi_save(indikator, user=None, changes={"nama": ("a", "b")})
    with pytest.raises(services.SuntingError, match="amandemen"):
        services.isi_delete(indikator.langkah_aksi.first(), user=None)
    assert Riwayat.objects.count() == before
    # With the reason, the same write goes through and says why.
    services.isi_save(indikator, user=None, changes={"nama": ("a", "b")}, alasan="Salah ketik")
    assert Riwayat.objects.latest("pk").catatan == "Amandemen: Salah ketik"


def test_demo_evidence_shows_a_plan_at_work_and_loads_once(demo):
    from datetime import date
    from io import StringIO

    from bukti_fisik.models import Slot, Unggahan
    from demo.load import demo_evidence_load
    from rencana_aksi.models import Riwayat

    made = demo_evidence_load(today=date(2026, 11, 22))
    assert made > 50
    statuses = set(Slot.objects.values_list("status", flat=True))
    assert {"terverifikasi", "menunggu", "perlu_perbaikan"} <= statuses
    # Only the Koordinator's areas, only slots already due, uploaders never verify their own.
    assert not Slot.objects.filter(jatuh_tempo__gte=date(2026, 11, 22)).exists()
    assert (
        not Unggahan.objects.exclude(ditinjau_oleh=None)
        .filter(ditinjau_oleh_id=models.F("diunggah_oleh_id"))
        .exists()
    )
    assert Riwayat.objects.filter(jenis="unggah").count() == made
    # A year at work: uploads spread over the months, each at the moment its history row says,
    # and reviews after their uploads.
    months = {d.month for d in Unggahan.objects.values_list("diunggah", flat=True)}
    assert len(months) >= 9, months
    assert sorted(Unggahan.objects.values_list("diunggah", flat=True)) == sorted(
        Riwayat.objects.filter(jenis="unggah").values_list("waktu", flat=True)
    )
    assert not Unggahan.objects.filter(ditinjau__lte=models.F("diunggah")).exists()
    assert sorted(Unggahan.objects.exclude(ditinjau=None).values_list("ditinjau", flat=True)) == (
        sorted(
            Riwayat.objects.filter(jenis__in=["verifikasi", "perbaikan"]).values_list(
                "waktu", flat=True
            )
        )
    )
    # Some came after their due date: verified, but not on time.
    late = Unggahan.objects.filter(
        status="terverifikasi", diunggah__date__gt=models.F("slot__jatuh_tempo")
    )
    assert late.exists()
    # The trend was taken week by week along the way, and it rises.
    from monev.models import Snapshot

    for slug in ("kpu-kab-madiun", "kpu-kab-merangin", "kpu-kab-ngawi"):
        line = list(
            Snapshot.objects.filter(rencana__satker__slug=slug, area=None)
            .order_by("tanggal")
            .values_list("terkumpul", flat=True)
        )
        assert len(line) >= 40, slug
        assert line[-1] > line[len(line) // 4] > 0, slug
    out = StringIO()
    call_command("load_demo_evidence", stdout=out)
    assert out.getvalue().startswith("0 ")
    assert Unggahan.objects.count() == made


def test_demo_plans_have_confirmed_lke_links_and_a_projection(demo, client):
    from lke.models import Tautan

    for slug, share in (("kpu-kab-merangin", 0.9), ("kpu-kab-madiun", 0.9)):
        plan = RencanaAksi.objects.get(satker__slug=slug, tahun=2026)
        total = Indikator.objects.filter(komponen__area__rencana=plan).count()
        linked = (
            Tautan.objects.filter(indikator__komponen__area__rencana=plan, dikonfirmasi=True)
            .values("indikator")
            .distinct()
            .count()
        )
        assert linked >= share * total, (slug, linked, total)
        client.force_login(User.objects.get(username=f"{slug.split('-')[-1]}.pimpinan"))
        panel = client.get(reverse("lke:ringkas", args=[plan.pk])).content.decode()
        assert "Proyeksi nilai LKE" in panel and 'data-testid="lke-total"' in panel
        dashboard = client.get(reverse("monev:dashboard", args=[plan.pk])).content.decode()
        assert reverse("lke:ringkas", args=[plan.pk]) in dashboard
    # Merangin's komponen carry sub-komponen names: its links are found by name.
    merangin = Tautan.objects.filter(
        indikator__komponen__area__rencana__satker__slug="kpu-kab-merangin",
        indikator__komponen__nama__in=["Tim Kerja", "Penerapan SPIP", "Pola Mutasi Internal"],
    ).select_related("sub", "indikator__komponen")
    assert merangin
    expected = {"Tim Kerja": "Tim Kerja", "Penerapan SPIP": "Penerapan SPIP"}
    expected["Pola Mutasi Internal"] = "Pola mutasi internal"
    assert all(t.sub.nama == expected[t.indikator.komponen.nama] for t in merangin)
