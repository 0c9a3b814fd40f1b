"""The people behind the work hear of it at once: the uploader of a reviewed version gets the
decision and the reviewer's note, and a pimpinan's arahan on an area or indikator reaches its
PIC and shows on the indikator page and the dashboard."""

import pytest
from django.core import mail
from django.urls import reverse

from bukti_fisik import services
from bukti_fisik.models import Arahan, Notifikasi, Slot
from rencana_aksi.models import Indikator, Riwayat, Role

from .evidence import first_bukti, upload
from .factories import MembershipFactory


@pytest.fixture
def work(plan_a, office_a):
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA, user__email="a@kpu.test").user
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    bukti = first_bukti(plan_a)
    Indikator.objects.filter(pk=bukti.indikator_id).update(pic=anggota)
    return bukti, anggota, ketua


def _review(unggahan, ketua, setuju, catatan=""):
    revisi = Slot.objects.get(pk=unggahan.slot_id).revisi
    return services.bukti_review(
        unggahan, user=ketua, setuju=setuju, catatan=catatan, revisi=revisi
    )


def test_the_uploader_hears_of_each_decision_with_the_note(
    work, django_capture_on_commit_callbacks
):
    bukti, anggota, ketua = work
    [first] = upload(bukti, "2026-T1", anggota)
    with django_capture_on_commit_callbacks(execute=True):
        _review(first, ketua, False, "Belum ditandatangani kepala")
    [note] = Notifikasi.objects.filter(penerima=anggota)
    assert note.judul == "Bukti Anda dikembalikan untuk diperbaiki"
    assert "Catatan peninjau: Belum ditandatangani kepala" in note.isi
    assert note.tautan == reverse("bukti_fisik:slot", args=[bukti.pk, "2026-T1"])
    [second] = upload(bukti, "2026-T1", anggota)
    with django_capture_on_commit_callbacks(execute=True):
        _review(second, ketua, True)
    assert list(Notifikasi.objects.filter(penerima=anggota).values_list("judul", flat=True)) == [
        "Bukti Anda terverifikasi",
        "Bukti Anda dikembalikan untuk diperbaiki",
    ]
    # The reviewer gets nothing; the uploader one email per decision, with the link.
    assert not Notifikasi.objects.filter(penerima=ketua).exists()
    assert [m.to for m in mail.outbox] == [["a@kpu.test"], ["a@kpu.test"]]
    assert "Belum ditandatangani kepala" in mail.outbox[0].body
    assert f"/bukti/{bukti.pk}/2026-T1/" in mail.outbox[0].body


def test_a_review_from_the_queue_notifies_too(client, work):
    bukti, anggota, ketua = work
    [version] = upload(bukti, "2026-T1", anggota)
    client.force_login(ketua)
    revisi = Slot.objects.get(pk=version.slot_id).revisi
    response = client.post(
        reverse("bukti_fisik:review_bulk_verify"), {"pilih": f"{version.pk}:{revisi}"}
    )
    assert response.status_code == 302
    assert Notifikasi.objects.get(penerima=anggota).judul == "Bukti Anda terverifikasi"


def test_pimpinan_gives_arahan_on_an_indikator(client, work, member_of):
    bukti, anggota, _ = work
    pimpinan = member_of(Role.PIMPINAN)
    client.force_login(pimpinan)
    url = reverse("bukti_fisik:arahan_indikator", args=[bukti.indikator_id])
    response = client.post(url, {"teks": "Segera lengkapi <b>notulen</b> rapat."})
    assert response.status_code == 302
    arahan = Arahan.objects.get()
    assert (arahan.indikator_id, arahan.area_id, arahan.penulis) == (
        bukti.indikator_id,
        None,
        pimpinan,
    )
    note = Notifikasi.objects.get(penerima=anggota)
    assert note.judul.startswith("Arahan pimpinan: Indikator")
    assert "Segera lengkapi <b>notulen</b> rapat." in note.isi
    assert Riwayat.objects.filter(jenis=Riwayat.Jenis.ARAHAN, indikator=bukti.indikator).exists()
    # On the indikator page, escaped, for everyone who reads it.
    client.force_login(anggota)
    page = client.get(reverse("bukti_fisik:indikator", args=[bukti.indikator_id])).content.decode()
    assert "Segera lengkapi &lt;b&gt;notulen&lt;/b&gt; rapat." in page
    assert 'id="form-arahan"' not in page  # only pimpinan get the form


def test_arahan_on_an_area_reaches_its_pic_and_koordinator(client, work, office_a, plan_a):
    bukti, anggota, ketua = work
    area = bukti.indikator.komponen.area
    koordinator = MembershipFactory(satker=office_a, role=Role.KOORDINATOR)
    koordinator.areas.add(area)
    other_area = plan_a.areas.exclude(pk=area.pk).first()
    client.force_login(MembershipFactory(satker=office_a.parent, role=Role.PIMPINAN).user)
    url = reverse("bukti_fisik:arahan_area", args=[plan_a.pk])
    assert client.post(url, {"teks": "Percepat area ini.", "area": area.pk}).status_code == 302
    assert set(
        Notifikasi.objects.filter(kunci__startswith="arahan:").values_list("penerima", flat=True)
    ) == {anggota.pk, koordinator.user_id}
    # An area without PIC or Koordinator: the Ketua Tim hears of it.
    client.post(url, {"teks": "Area ini belum bergerak.", "area": other_area.pk})
    assert Notifikasi.objects.filter(penerima=ketua, kunci__startswith="arahan:").count() == 1
    # The dashboard's arahan panel lists both, and one area's only its own.
    panel = client.get(url).content.decode()
    assert "Percepat area ini." in panel and "Area ini belum bergerak." in panel
    panel = client.get(url + f"?area={area.pk}").content.decode()
    assert "Percepat area ini." in panel and "Area ini belum bergerak." not in panel


def test_arahan_is_for_pimpinan_of_the_office_or_above(client, work, plan_a, member_of, outsider):
    bukti, anggota, ketua = work
    url = reverse("bukti_fisik:arahan_indikator", args=[bukti.indikator_id])
    area_url = reverse("bukti_fisik:arahan_area", args=[plan_a.pk])
    client.force_login(outsider)
    assert client.post(url, {"teks": "x"}).status_code == 404
    assert client.get(area_url).status_code == 404
    for user in (anggota, ketua, member_of(Role.ADMIN)):
        client.force_login(user)
        assert client.post(url, {"teks": "x"}).status_code == 403
        assert client.get(area_url).status_code == 200  # every member reads them
    assert not Arahan.objects.exists()


def test_bad_arahan_changes_nothing(client, work, plan_a, member_of, office_b):
    bukti, _, _ = work
    client.force_login(member_of(Role.PIMPINAN))
    url = reverse("bukti_fisik:arahan_area", args=[plan_a.pk])
    foreign = plan_a.areas.first().pk + 10_000
    for data in ({"teks": "   ", "area": plan_a.areas.first().pk}, {"teks": "x", "area": foreign}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "Tidak ada yang disimpan" in response.content.decode()
    assert not Arahan.objects.exists()
    assert not Notifikasi.objects.exists()
