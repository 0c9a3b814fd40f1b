"""The plan editor: a draft edited in place, an adopted plan only by an amendment with its
reason, nothing holding evidence deleted, order kept unique; four ways on every action."""

from django.urls import reverse

from rencana_aksi import services
from rencana_aksi.models import Area, Indikator, LangkahAksi, RencanaAksi, Riwayat, Role

from .evidence import first_bukti, upload
from .factories import login_redirect, plan_create


def _first(plan):
    return (
        Indikator.objects.filter(komponen__area__rencana=plan)
        .order_by("komponen__area__urutan", "komponen__urutan", "urutan")
        .first()
    )


def test_editor_four_ways(client, office_a, outsider, member_of):
    draft = services.rencana_draft_for(office_a, 2027)
    services.rencana_isi_replace(draft, _areas(), user=None)
    indikator = Indikator.objects.get(komponen__area__rencana=draft)
    page = reverse("rencana_aksi:sunting", args=[draft.pk])
    edit = reverse("rencana_aksi:sunting_simpan", args=[draft.pk, "indikator", indikator.pk])
    data = {"nomor": "1", "nama": "Nama baru", "target_waktu": "Triwulan", "target_capaian": "100%"}
    assert login_redirect(client.get(page)) and login_redirect(client.post(edit, data))
    client.force_login(outsider)
    assert client.get(page).status_code == 404 and client.post(edit, data).status_code == 404
    for role in (Role.KETUA_TIM, Role.SEKRETARIAT, Role.ANGGOTA):
        client.force_login(member_of(role))
        assert client.get(page).status_code == 403 and client.post(edit, data).status_code == 403
    assert Indikator.objects.get(pk=indikator.pk).nama == "Indikator uji"
    client.force_login(member_of(Role.ADMIN))
    assert client.get(page).status_code == 200
    assert client.post(edit, data).status_code == 302
    indikator.refresh_from_db()
    assert (indikator.nama, indikator.target_waktu.jenis) == ("Nama baru", "triwulanan")
    assert (indikator.capaian_pembanding, indikator.capaian_satuan) == (
        "",
        "%",
    ) or indikator.capaian_nilai


def _areas():
    return [
        {
            "nomor": "I",
            "nama": "AREA",
            "komponen": [
                {
                    "nomor": "",
                    "nama": "K",
                    "indikator": [
                        {
                            "nomor": "1",
                            "nama": "Indikator uji",
                            "langkah_aksi": [["-", "Satu"], ["-", "Dua"]],
                            "bukti_fisik": [["", "SK"]],
                            "target_waktu": "Jan 2027",
                            "target_capaian": "",
                        }
                    ],
                }
            ],
        }
    ]


def test_add_move_and_delete_in_a_draft(client, office_a, member_of):
    draft = services.rencana_draft_for(office_a, 2027)
    services.rencana_isi_replace(draft, _areas(), user=None)
    indikator = Indikator.objects.get(komponen__area__rencana=draft)
    client.force_login(member_of(Role.ADMIN))
    add = reverse("rencana_aksi:sunting_tambah", args=[draft.pk, "langkah"])
    client.post(
        add, {"induk": indikator.pk, "penanda": "-", "uraian": "Tiga"}, HTTP_HX_REQUEST="true"
    )
    steps = list(indikator.langkah_aksi.order_by("urutan").values_list("uraian", flat=True))
    assert steps == ["Satu", "Dua", "Tiga"]
    third = indikator.langkah_aksi.get(uraian="Tiga")
    client.post(
        reverse("rencana_aksi:sunting_geser", args=[draft.pk, "langkah", third.pk]),
        {"arah": "naik"},
    )
    client.post(
        reverse("rencana_aksi:sunting_geser", args=[draft.pk, "langkah", third.pk]),
        {"arah": "naik"},
    )
    client.post(
        reverse("rencana_aksi:sunting_geser", args=[draft.pk, "langkah", third.pk]),
        {"arah": "naik"},
    )
    steps = list(indikator.langkah_aksi.order_by("urutan").values_list("uraian", flat=True))
    assert steps == ["Tiga", "Satu", "Dua"]
    client.post(reverse("rencana_aksi:sunting_hapus", args=[draft.pk, "langkah", third.pk]))
    assert not LangkahAksi.objects.filter(pk=third.pk).exists()
    # A new indikator gets its target waktu read at once.
    komponen = indikator.komponen
    client.post(
        reverse("rencana_aksi:sunting_tambah", args=[draft.pk, "indikator"]),
        {"induk": komponen.pk, "nomor": "2", "nama": "Baru", "target_waktu": "Semesteran"},
    )
    baru = Indikator.objects.get(komponen=komponen, nama="Baru")
    assert baru.target_waktu.jenis == "semesteran" and baru.urutan == 2
    # Another plan's object through this plan's URL: not found.
    other = plan_create(office_a, tahun=2030)
    stranger = LangkahAksi.objects.filter(indikator__komponen__area__rencana=other).first()
    url = reverse("rencana_aksi:sunting_hapus", args=[draft.pk, "langkah", stranger.pk])
    assert client.post(url).status_code == 404
    assert (
        client.post(reverse("rencana_aksi:sunting_tambah", args=[draft.pk, "apa"])).status_code
        == 404
    )


def test_an_adopted_plan_changes_only_by_amendment(client, plan_a, member_of):
    indikator = _first(plan_a)
    client.force_login(member_of(Role.ADMIN))
    url = reverse("rencana_aksi:sunting_simpan", args=[plan_a.pk, "indikator", indikator.pk])
    data = {"nomor": indikator.nomor, "nama": "Diubah", "target_waktu": indikator.target_waktu.teks}
    refused = client.post(url, data, follow=True).content.decode()
    assert "tulis alasan perubahannya" in refused
    assert Indikator.objects.get(pk=indikator.pk).nama != "Diubah"
    client.post(url, {**data, "alasan": "Hasil reviu TPI 3 Juni"})
    assert Indikator.objects.get(pk=indikator.pk).nama == "Diubah"
    row = Riwayat.objects.get(
        indikator=indikator, jenis=Riwayat.Jenis.RENCANA, objek__endswith="— nama"
    )
    assert row.catatan == "Amandemen: Hasil reviu TPI 3 Juni" and row.ke == "Diubah"


def test_nothing_holding_evidence_is_deleted(client, plan_a, member_of):
    bukti = first_bukti(plan_a)
    upload(bukti, "2026-T1", member_of(Role.KETUA_TIM))
    client.force_login(member_of(Role.ADMIN))
    RencanaAksi.objects.filter(pk=plan_a.pk).update(status="draf")
    area = bukti.indikator.komponen.area
    for jenis, obj in (("bukti", bukti), ("indikator", bukti.indikator), ("area", area)):
        page = client.post(
            reverse("rencana_aksi:sunting_hapus", args=[plan_a.pk, jenis, obj.pk]), follow=True
        ).content.decode()
        assert "sudah ada bukti" in page
    assert Area.objects.filter(pk=area.pk).exists()


def test_revoked_plans_are_not_edited_and_the_schedule_reads_as_typed(client, plan_a, member_of):
    RencanaAksi.objects.filter(pk=plan_a.pk).update(status="dicabut")
    client.force_login(member_of(Role.ADMIN))
    indikator = _first(plan_a)
    url = reverse("rencana_aksi:sunting_simpan", args=[plan_a.pk, "indikator", indikator.pk])
    page = client.post(url, {"nama": "X", "target_waktu": "Jan 2026", "alasan": "x"}, follow=True)
    assert "sudah dicabut" in page.content.decode()
    preview = client.get(
        reverse("rencana_aksi:jadwal_pratinjau"), {"target_waktu": "Januari 2016", "tahun": "2026"}
    )
    text = preview.content.decode()
    assert "1 periode" in text and "2016" in text
    assert client.get(reverse("rencana_aksi:jadwal_pratinjau"), {"tahun": "²"}).status_code == 200


def test_forms_load_on_demand_and_the_editor_queries_stay_constant(
    client, office_a, office_b, member_of
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import MembershipFactory

    small = plan_create(office_a, areas=1, komponen=1, indikator=1)
    big = plan_create(office_b, areas=6, komponen=5, indikator=10, langkah=5)
    counts = []
    for plan in (small, big):
        client.force_login(MembershipFactory(satker=plan.satker, role=Role.ADMIN).user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("rencana_aksi:sunting", args=[plan.pk])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] and counts[0] <= 14, counts
    indikator = _first(big)
    form = client.get(
        reverse("rencana_aksi:sunting_simpan", args=[big.pk, "indikator", indikator.pk])
    )
    body = form.content.decode()
    assert indikator.nama in body and indikator.target_waktu.teks in body and "<form" in body
    blank = client.get(
        reverse("rencana_aksi:sunting_tambah", args=[big.pk, "langkah"]), {"induk": indikator.pk}
    ).content.decode()
    assert f'name="induk" value="{indikator.pk}"' in blank
