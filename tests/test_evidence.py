"""Evidence workflow: services, the four access checks on every page and action, concurrency
of reviewers, and constant query counts."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bukti_fisik import services
from bukti_fisik.models import Kendala, Notifikasi, Slot, Unggahan
from bukti_fisik.selectors import slot_rows, slots_of
from rencana_aksi.models import LangkahAksi, Riwayat, Role
from rencana_aksi.services import jadwal_set

from . import samples
from .evidence import bulk_evidence, first_bukti, post_upload, upload
from .factories import MembershipFactory, login_redirect, plan_create

KODE = "2026-T1"


@pytest.fixture
def bukti(plan_a):
    return first_bukti(plan_a)


@pytest.fixture
def area_member(office_a, bukti):
    """A user holding `role` in office A with the bukti's area assigned."""

    def make(role):
        membership = MembershipFactory(satker=office_a, role=role)
        membership.areas.add(bukti.indikator.komponen.area)
        return membership.user

    return make


@pytest.fixture
def pending(bukti, area_member):
    """One version waiting for review, uploaded by an assigned Anggota."""
    anggota = area_member(Role.ANGGOTA)
    [unggahan] = upload(bukti, KODE, anggota, name="daftar hadir.pdf")
    return unggahan


# ---- services


def test_upload_send_back_reupload_verify(bukti, area_member):
    anggota, ketua = area_member(Role.ANGGOTA), area_member(Role.KETUA_TIM)
    first, second = upload(bukti, KODE, anggota, name="a.pdf") + upload(
        bukti, KODE, anggota, name="b.pdf"
    )
    slot = Slot.objects.get()
    assert (slot.status, slot.ada_bukti, [first.versi, second.versi]) == ("menunggu", True, [1, 2])

    with pytest.raises(services.EvidenceError, match="catatan"):
        services.bukti_review(first, user=ketua, setuju=False, catatan=" ", revisi=slot.revisi)
    services.bukti_review(
        first, user=ketua, setuju=False, catatan="Tanda tangan kurang", revisi=slot.revisi
    )
    slot.refresh_from_db()
    assert slot.status == Slot.Status.PERLU_PERBAIKAN

    [third] = upload(bukti, KODE, anggota, name="a-perbaikan.pdf")
    first.refresh_from_db()
    slot.refresh_from_db()
    assert third.versi == 3 and first.diganti and first.status == "perlu_perbaikan"
    assert slot.status == Slot.Status.MENUNGGU

    for version in (second, third):
        slot.refresh_from_db()
        services.bukti_review(version, user=ketua, setuju=True, revisi=slot.revisi)
    slot.refresh_from_db()
    assert slot.status == Slot.Status.TERVERIFIKASI and slot.terverifikasi_pada
    kinds = list(
        Riwayat.objects.filter(indikator=bukti.indikator).order_by("id").values_list("jenis", "ke")
    )
    assert kinds == [
        ("unggah", "Menunggu verifikasi"),
        ("unggah", "Menunggu verifikasi"),
        ("perbaikan", "Perlu perbaikan"),
        ("unggah", "Menunggu verifikasi"),
        ("verifikasi", "Menunggu verifikasi"),
        ("verifikasi", "Terverifikasi"),
    ]
    assert Riwayat.objects.filter(jenis="perbaikan").get().catatan == "Tanda tangan kurang"


def test_uploader_never_verifies_own_version(bukti, area_member):
    ketua = area_member(Role.KETUA_TIM)
    [unggahan] = upload(bukti, KODE, ketua)
    with pytest.raises(services.EvidenceError, match="orang lain"):
        services.bukti_review(unggahan, user=ketua, setuju=True, revisi=unggahan.slot.revisi)
    assert Unggahan.objects.get().status == "menunggu"


def test_stale_review_is_refused(pending, area_member):
    ketua = area_member(Role.KETUA_TIM)
    seen = pending.slot.revisi
    upload(pending.slot.bukti_fisik, KODE, area_member(Role.ANGGOTA), name="baru.pdf")
    with pytest.raises(services.SlotChanged):
        services.bukti_review(pending, user=ketua, setuju=True, revisi=seen)
    assert Unggahan.objects.get(pk=pending.pk).status == "menunggu"


def test_schedule_change_keeps_slots_with_evidence_and_drops_only_empty_ones(pending, bukti):
    indikator = bukti.indikator
    jadwal_set(indikator, "semesteran", [])
    indikator.refresh_from_db()
    rows = slot_rows([indikator.pk])
    kodes = {(s.bukti_fisik_id, s.kode, s.di_luar_jadwal) for s in slots_of(indikator, 2026, rows)}
    assert (bukti.pk, KODE, True) in kodes  # kept: it holds evidence
    assert (bukti.pk, "2026-S1", False) in kodes
    assert not any(k == "2026-T2" for _, k, _ in kodes)  # empty quarterly slots are gone
    assert Slot.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_exactly_one_wins(office_a):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are what this proves; SQLite serialises every writer")
    plan = plan_create(office_a, areas=1, komponen=1, indikator=1, langkah=1, bukti=1)
    bukti = first_bukti(plan)
    anggota = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    ketua = MembershipFactory(satker=office_a, role=Role.KETUA_TIM).user
    koordinator_m = MembershipFactory(satker=office_a, role=Role.KOORDINATOR)
    koordinator_m.areas.add(bukti.indikator.komponen.area)
    [unggahan] = upload(bukti, KODE, anggota)
    revisi = Slot.objects.get().revisi
    barrier = threading.Barrier(2)
    results = {}

    def review(user, setuju):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.bukti_review(
                Unggahan.objects.get(pk=unggahan.pk),
                user=user,
                setuju=setuju,
                catatan="" if setuju else "Kurang lengkap",
                revisi=revisi,
            )
            results[user.pk] = "menang"
        except services.SlotChanged:
            results[user.pk] = "kalah"
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=review, args=(ketua, True)),
        threading.Thread(target=review, args=(koordinator_m.user, False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results.values()) == ["kalah", "menang"]
    winner = next(pk for pk, r in results.items() if r == "menang")
    unggahan.refresh_from_db()
    assert unggahan.ditinjau_oleh_id == winner
    assert Riwayat.objects.filter(jenis__in=["verifikasi", "perbaikan"]).count() == 1


# ---- four ways: slot page, download, preview (reading)


@pytest.mark.parametrize("name", ["slot", "download", "preview"])
def test_reading_evidence_four_ways(client, pending, outsider, member_of, province_pimpinan, name):
    url = (
        reverse("bukti_fisik:slot", args=[pending.slot.bukti_fisik_id, KODE])
        if name == "slot"
        else reverse(f"bukti_fisik:{name}", args=[pending.pk])
    )
    assert login_redirect(client.get(url))
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    # Every role of the office reads evidence (no role is refused reading), and so does the
    # province's pimpinan.
    for user in [member_of(role) for role in Role.values] + [province_pimpinan]:
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_unknown_period_is_404(client, bukti, member_of):
    client.force_login(member_of(Role.ANGGOTA))
    url = reverse("bukti_fisik:slot", args=[bukti.pk, "2026-T9"])
    assert client.get(url).status_code == 404


# ---- four ways: upload


def _post_file(client, bukti):
    return post_upload(
        client, bukti, KODE, [("a.pdf", samples.pdf_bytes())], tanggal_dokumen="2026-03-01"
    )


def test_upload_four_ways(client, bukti, outsider, member_of, area_member):
    assert login_redirect(_post_file(client, bukti))
    client.force_login(outsider)
    assert _post_file(client, bukti).status_code == 404
    for role in (Role.PIMPINAN, Role.SEKRETARIAT, Role.PENILAI, Role.ANGGOTA, Role.KOORDINATOR):
        client.force_login(member_of(role))  # Anggota and Koordinator: only in their areas
        assert _post_file(client, bukti).status_code == 403
    assert Unggahan.objects.count() == 0
    for n, role in enumerate((Role.ANGGOTA, Role.KOORDINATOR, Role.KETUA_TIM, Role.ADMIN), 1):
        in_area = role in (Role.ANGGOTA, Role.KOORDINATOR)
        client.force_login(area_member(role) if in_area else member_of(role))
        assert _post_file(client, bukti).status_code == 201
        assert Unggahan.objects.count() == n


def test_anggota_uploads_for_the_indikator_it_is_pic_of(client, bukti, member_of):
    anggota = member_of(Role.ANGGOTA)
    bukti.indikator.pic = anggota
    bukti.indikator.save()
    client.force_login(anggota)
    assert _post_file(client, bukti).status_code == 201


# ---- four ways: review


def _review(client, unggahan, keputusan="setujui", catatan="", revisi=None):
    revisi = Slot.objects.get(pk=unggahan.slot_id).revisi if revisi is None else revisi
    return client.post(
        reverse("bukti_fisik:review", args=[unggahan.pk]),
        {"keputusan": keputusan, "catatan": catatan, "revisi": revisi},
        follow=True,
    )


def test_review_four_ways(client, pending, outsider, member_of, area_member):
    url = reverse("bukti_fisik:review", args=[pending.pk])
    assert login_redirect(client.post(url, {"keputusan": "setujui", "revisi": 0}))
    client.force_login(outsider)
    assert _review(client, pending).status_code == 404
    for role in (Role.ADMIN, Role.PIMPINAN, Role.ANGGOTA, Role.KOORDINATOR):
        client.force_login(member_of(role))  # a Koordinator of other areas may not verify
        assert _review(client, pending).status_code == 403
    assert Unggahan.objects.get().status == "menunggu"

    client.force_login(area_member(Role.KOORDINATOR))
    response = _review(client, pending, "kembalikan", "")
    assert "Catatan wajib diisi" in response.content.decode()
    assert Unggahan.objects.get().status == "menunggu"
    response = _review(client, pending, "kembalikan", "Foto buram")
    assert "dikembalikan untuk perbaikan" in response.content.decode()
    assert Unggahan.objects.get().status == "perlu_perbaikan"


def test_losing_reviewer_is_told_the_slot_changed(client, pending, area_member):
    seen = pending.slot.revisi
    client.force_login(area_member(Role.KETUA_TIM))
    _review(client, pending, revisi=seen)
    client.force_login(area_member(Role.KOORDINATOR))
    response = _review(client, pending, "kembalikan", "Kurang", revisi=seen)
    assert "sudah berubah" in response.content.decode()
    assert Unggahan.objects.get().status == "terverifikasi"


# ---- four ways: review queue and bulk verification


def test_review_queue_four_ways(client, pending, office_b, member_of, area_member):
    url = reverse("bukti_fisik:review_queue")
    assert login_redirect(client.get(url))
    client.force_login(member_of(Role.PIMPINAN))
    assert client.get(url).status_code == 403
    # A Ketua Tim of another office has a queue, but not office A's evidence in it.
    client.force_login(MembershipFactory(satker=office_b, role=Role.KETUA_TIM).user)
    assert pending.nama_asli not in client.get(url).content.decode()
    client.force_login(area_member(Role.KETUA_TIM))
    response = client.get(url)
    assert response.status_code == 200 and pending.nama_asli in response.content.decode()
    # The koordinator of other areas does not see it either.
    client.force_login(member_of(Role.KOORDINATOR))
    assert pending.nama_asli not in client.get(url).content.decode()


def test_bulk_verify_four_ways(client, pending, bukti, outsider, member_of, area_member):
    url = reverse("bukti_fisik:review_bulk_verify")
    [other] = upload(bukti, "2026-T2", area_member(Role.ANGGOTA), name="t2.pdf")
    chosen = [f"{u.pk}:{Slot.objects.get(pk=u.slot_id).revisi}" for u in (pending, other)]
    assert login_redirect(client.post(url, {"pilih": chosen}))
    client.force_login(
        MembershipFactory(satker=outsider.memberships.get().satker, role=Role.KETUA_TIM).user
    )
    assert client.post(url, {"pilih": chosen}).status_code == 404
    client.force_login(member_of(Role.ADMIN))
    assert client.post(url, {"pilih": chosen}).status_code == 403
    client.force_login(member_of(Role.KOORDINATOR))  # reviewer, but not of this area
    assert client.post(url, {"pilih": chosen}).status_code == 403
    assert set(Unggahan.objects.values_list("status", flat=True)) == {"menunggu"}

    client.force_login(area_member(Role.KETUA_TIM))
    stale = [chosen[0], f"{other.pk}:0"]
    response = client.post(url, {"pilih": stale}, follow=True)
    page = response.content.decode()
    assert "1 bukti terverifikasi" in page and "sudah berubah" in page
    assert Unggahan.objects.get(pk=pending.pk).status == "terverifikasi"
    assert Unggahan.objects.get(pk=other.pk).status == "menunggu"


# ---- four ways: langkah aksi status and kendala


def test_langkah_status_four_ways(client, bukti, outsider, member_of, area_member):
    langkah = LangkahAksi.objects.filter(indikator=bukti.indikator).first()
    url = reverse("bukti_fisik:langkah_status", args=[langkah.pk])
    data = {"status": "selesai", "status_tanggal": "2026-04-16", "status_catatan": "Rapat"}
    assert login_redirect(client.post(url, data))
    client.force_login(outsider)
    assert client.post(url, data).status_code == 404
    client.force_login(member_of(Role.PIMPINAN))
    assert client.post(url, data).status_code == 403
    client.force_login(area_member(Role.ANGGOTA))
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
    response = client.post(url, {"status": "selesai"}, HTTP_HX_REQUEST="true")
    assert "Isi tanggal" in response.content.decode()
    assert LangkahAksi.objects.get(pk=langkah.pk).status == "belum_mulai"
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert "16 April 2026" in response.content.decode()
    langkah.refresh_from_db()
    assert (langkah.status, langkah.status_tanggal) == ("selesai", date(2026, 4, 16))
    entry = Riwayat.objects.get(jenis="langkah")
    assert (entry.dari, entry.ke, entry.catatan) == ("Belum mulai", "Selesai", "Rapat")


def test_kendala_four_ways(client, bukti, outsider, member_of, area_member):
    url = reverse("bukti_fisik:kendala_add", args=[bukti.indikator_id])
    data = {"kendala": "Jaringan <b>putus</b>", "tindak_lanjut": "Pakai modem"}
    assert login_redirect(client.post(url, data))
    client.force_login(outsider)
    assert client.post(url, data).status_code == 404
    client.force_login(member_of(Role.PENILAI))
    assert client.post(url, data).status_code == 403
    client.force_login(area_member(Role.ANGGOTA))
    client.post(url, {"kendala": ""})
    assert Kendala.objects.count() == 0
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Jaringan &lt;b&gt;putus&lt;/b&gt;" in page  # user text is escaped
    assert Kendala.objects.get().tindak_lanjut == "Pakai modem"


# ---- notifications


def test_notifications_are_private_and_marked_read(client, member_of):
    mine, theirs = member_of(Role.ANGGOTA), member_of(Role.ANGGOTA)
    own = Notifikasi.objects.create(penerima=mine, kunci="a", judul="Untuk saya", tautan="/")
    other = Notifikasi.objects.create(penerima=theirs, kunci="a", judul="Bukan untuk saya")
    url = reverse("bukti_fisik:notifikasi")
    assert login_redirect(client.get(url))
    assert login_redirect(client.post(reverse("bukti_fisik:notifikasi_open", args=[own.pk])))
    assert login_redirect(client.post(reverse("bukti_fisik:notifikasi_read_all")))
    client.force_login(mine)
    page = client.get(url).content.decode()
    assert "Untuk saya" in page and "Bukan untuk saya" not in page
    assert 'data-testid="unread">1<' in page
    open_url = reverse("bukti_fisik:notifikasi_open", args=[other.pk])
    assert client.post(open_url).status_code == 404
    assert client.post(reverse("bukti_fisik:notifikasi_open", args=[own.pk])).status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.dibaca and other.dibaca is None
    client.post(reverse("bukti_fisik:notifikasi_read_all"))
    assert 'data-testid="unread"' not in client.get(url).content.decode()


# ---- indikator page and timeline


def test_indikator_page_shows_slots_and_timeline(client, pending, bukti, member_of):
    client.force_login(member_of(Role.PIMPINAN))
    page = client.get(reverse("bukti_fisik:indikator", args=[bukti.indikator_id])).content
    page = page.decode()
    assert "Triwulan I 2026" in page and "Menunggu verifikasi" in page
    assert "Unggah bukti" in page and "daftar hadir.pdf" in page


# ---- query counts


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_indikator_page_and_queue_queries_do_not_grow(client, office_a, office_b):
    small = plan_create(office_a, areas=1, komponen=1, indikator=1, langkah=1, bukti=1)
    big = plan_create(office_b, areas=6, komponen=5, indikator=10, langkah=5, bukti=3)
    uploader = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    bulk_evidence(small, uploader, uploads=3)
    bulk_evidence(big, uploader, uploads=5000)
    assert Unggahan.objects.filter(slot__indikator__komponen__area__rencana=big).count() == 5000
    counts = []
    for plan in (small, big):
        ketua = MembershipFactory(satker=plan.satker, role=Role.KETUA_TIM).user
        client.force_login(ketua)
        indikator = first_bukti(plan).indikator
        counts.append(
            (
                _queries(client, reverse("bukti_fisik:indikator", args=[indikator.pk])),
                _queries(client, reverse("bukti_fisik:review_queue")),
            )
        )
    assert counts[0] == counts[1], counts
    assert counts[0][0] <= 15 and counts[0][1] <= 9, counts


def test_plan_edits_are_recorded_in_the_history(plan_a, bukti, member_of):
    from rencana_aksi.selectors import keputusan_butir
    from rencana_aksi.services import keputusan_update

    ketua = member_of(Role.KETUA_TIM)
    jadwal_set(bukti.indikator, "semesteran", [], user=ketua)
    entry = Riwayat.objects.get(jenis="jadwal")
    assert (entry.pelaku, entry.indikator, entry.rencana) == (ketua, bukti.indikator, plan_a)
    assert entry.dari != entry.ke and "semester" in entry.ke.lower()

    sekretariat = member_of(Role.SEKRETARIAT)
    butir = {j: [b.teks for b in items] for j, items in keputusan_butir(plan_a).items()}
    butir["menimbang"] = [*butir["menimbang"], "bahwa perlu ditambah"]
    keputusan_update(plan_a, {"nomor": "99"}, butir, user=sekretariat)
    rows = {r.objek: r for r in Riwayat.objects.filter(jenis="keputusan")}
    assert (rows["nomor keputusan"].dari, rows["nomor keputusan"].ke) == ("1", "99")
    assert rows["Menimbang"].ke.endswith("bahwa perlu ditambah")
    assert all(r.pelaku == sekretariat and r.satker_id == plan_a.satker_id for r in rows.values())


def test_a_koordinator_works_only_in_its_areas(client, bukti, member_of, area_member):
    """Uploads, langkah aksi status and the kendala log, as its review, in its areas only."""
    langkah = bukti.indikator.langkah_aksi.first()
    actions = [
        lambda: _post_file(client, bukti),
        lambda: client.post(
            reverse("bukti_fisik:langkah_status", args=[langkah.pk]),
            {"status": "selesai", "status_tanggal": "2026-03-01", "status_catatan": ""},
        ),
        lambda: client.post(
            reverse("bukti_fisik:kendala_add", args=[bukti.indikator.pk]), {"kendala": "Hujan"}
        ),
    ]
    client.force_login(member_of(Role.KOORDINATOR))  # of other areas
    assert [action().status_code for action in actions] == [403, 403, 403]
    client.force_login(area_member(Role.KOORDINATOR))
    assert [action().status_code for action in actions] == [201, 302, 302]
    assert Kendala.objects.filter(indikator=bukti.indikator).count() == 1
