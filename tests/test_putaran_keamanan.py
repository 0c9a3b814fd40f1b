"""The second security round: what an outsider's walk found getting in or breaking, each held
by a test that failed before its fix."""

import base64

import pytest
from axes.utils import reset as axes_reset
from django.conf import settings as conf
from django.urls import reverse

from rencana_aksi.models import Membership, Role

from .evidence import first_bukti
from .factories import MembershipFactory, signs_in


def test_an_empty_or_garbled_post_changes_no_members_status(client, office_a, member_of):
    admin_a = member_of(Role.ADMIN)
    member = MembershipFactory(satker=office_a, role=Role.ANGGOTA).user
    client.force_login(admin_a)
    url = reverse("tim:status", args=[office_a.pk, member.pk])
    for data in ({}, {"aktif": ""}, {"aktif": "ya"}, {"aktif": "00"}):
        page = client.post(url, data, follow=True)
        assert "Tidak ada yang diubah" in page.content.decode()
        assert Membership.objects.filter(user=member, satker=office_a).exists()
    client.post(url, {"aktif": "0"})
    assert not Membership.objects.filter(user=member, satker=office_a).exists()
    client.post(url, {"aktif": "1"})
    assert Membership.objects.filter(user=member, satker=office_a).exists()


def _tus_create(client, bukti, length=100):
    meta = {
        "bukti": str(bukti.pk),
        "periode": "2026-T1",
        "filename": "laporan.pdf",
        "tanggal_dokumen": "2026-03-10",
    }
    encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in meta.items())
    response = client.post(
        "/unggah/tus/",
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(length),
            "Upload-Metadata": encoded,
        },
    )
    assert response.status_code == 201, response.content
    return response["Location"]


def test_a_tus_offset_of_thousands_of_digits_is_a_conflict_not_an_error(
    client, plan_a, member_of, settings, tmp_path
):
    settings.ZI_TUS_ROOT = str(tmp_path / "tus")
    client.force_login(member_of(Role.ADMIN))
    location = _tus_create(client, first_bukti(plan_a))
    for offset in ("9" * 5000, "1" * 17, "-1", "１"):
        response = client.generic(
            "PATCH",
            location,
            b"x",
            content_type="application/offset+octet-stream",
            headers={"Tus-Resumable": "1.0.0", "Upload-Offset": offset},
        )
        assert response.status_code == 409, (offset[:20], response.status_code)


def test_a_locked_account_stays_locked_whatever_its_spelling(client, office_a):
    MembershipFactory(
        satker=office_a,
        role=Role.PIMPINAN,
        user__username="merangin.pimpinan",
        user__email="merangin.pimpinan@demo.zi-tracker.test",
    )
    for _ in range(conf.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "merangin.pimpinan", "password": "salah"},
            REMOTE_ADDR="10.0.0.5",
        )
    spellings = [
        "merangin.pimpinan",
        "MERANGIN.PIMPINAN",
        "Merangin.Pimpinan",
        "merangin.pimpinan@demo.zi-tracker.test",
        "MERANGIN.PIMPINAN@DEMO.ZI-TRACKER.TEST",
        "Merangin.Pimpinan@Demo.Zi-Tracker.Test",
        " merangin.pimpinan ",
    ]
    for spelling in spellings:
        assert not signs_in(client, spelling, "rahasia-uji-123", ip="10.0.0.5"), spelling
    # Locked by its email in upper case, the account is locked for its username too; from
    # another address it still signs in.
    axes_reset()
    for _ in range(conf.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "MERANGIN.PIMPINAN@DEMO.ZI-TRACKER.TEST", "password": "salah"},
            REMOTE_ADDR="10.0.0.6",
        )
    assert not signs_in(client, "merangin.pimpinan", "rahasia-uji-123", ip="10.0.0.6")
    assert signs_in(client, "merangin.pimpinan", "rahasia-uji-123", ip="10.0.0.7")


def _png_header(width, height):
    """A small PNG that says it is `width` × `height` (a decompression bomb: Pillow would need
    width × height bytes to decode it)."""
    import struct
    import zlib

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + (width + 7) // 8))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(20000, 20000), (65535, 65535), (14000, 14000)])
def test_an_image_bomb_is_refused_with_its_size_and_nothing_is_kept(plan_a, member_of, size):
    from bukti_fisik.models import Unggahan
    from bukti_fisik.services import EvidenceError
    from bukti_fisik.uploads import UploadRefused

    from .evidence import upload

    data = _png_header(*size)
    assert len(data) < 2_000_000
    with pytest.raises(
        (UploadRefused, EvidenceError), match="gambar terlalu besar: .* juta piksel"
    ):
        upload(first_bukti(plan_a), "2026-T1", member_of(Role.ADMIN), name="bom.png", data=data)
    assert not Unggahan.objects.exists()


def test_a_logo_bomb_is_refused_with_its_size():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tim.logo import LogoRefused, logo_check

    with pytest.raises(LogoRefused, match="gambar terlalu besar"):
        logo_check(SimpleUploadedFile("logo.png", _png_header(20000, 20000)))


def test_a_nul_byte_is_refused_with_a_reason_not_an_error(
    client, plan_a, member_of, settings, tmp_path
):
    from rencana_aksi.models import Indikator, RencanaAksi

    settings.ZI_TUS_ROOT = str(tmp_path / "tus")
    client.force_login(member_of(Role.ADMIN))
    RencanaAksi.objects.filter(pk=plan_a.pk).update(status="ditetapkan")
    second = Indikator.objects.filter(komponen__area__rencana=plan_a, urutan=2).first()
    url = reverse("rencana_aksi:sunting_geser", args=[plan_a.pk, "indikator", second.pk])
    for data in ({"arah": "naik", "alasan": "a\x00b"}, {"arah": "naik", "alasan": "a\x07b"}, {}):
        page = client.post(url, data, follow=True)
        assert page.status_code == 200 and "Tidak dipindah" in page.content.decode()
    assert Indikator.objects.get(pk=second.pk).urutan == second.urutan
    page = client.post(url, {"arah": "naik", "alasan": "Urutan sesuai LKE"}, follow=True)
    assert Indikator.objects.get(pk=second.pk).urutan == second.urutan - 1
    # The same in a resumable upload's metadata.
    meta = f"bukti {base64.b64encode(str(first_bukti(plan_a).pk).encode()).decode()},"
    nul_name = base64.b64encode(b"a\x00b.pdf").decode()
    meta += f"filename {nul_name}"
    response = client.post(
        "/unggah/tus/",
        headers={"Tus-Resumable": "1.0.0", "Upload-Length": "10", "Upload-Metadata": meta},
    )
    assert response.status_code == 400 and "karakter kendali" in response.content.decode()


@pytest.mark.parametrize("name", ["CON.pdf", "nul.pdf", "lpt1.pdf", "COM¹.pdf", "Aux.tar.pdf"])
def test_a_reserved_windows_name_is_stored_and_downloaded_rewritten(
    client, plan_a, member_of, name
):
    from .evidence import upload

    admin = member_of(Role.ADMIN)
    [version] = upload(first_bukti(plan_a), "2026-T1", admin, name=name)
    assert version.nama_asli == f"_{name}"
    client.force_login(admin)
    response = client.get(reverse("bukti_fisik:download", args=[version.pk]))
    assert response.status_code == 200
    assert f'filename="_{name}"' in response["Content-Disposition"] or (
        "filename*=utf-8''_" in response["Content-Disposition"]
    )


@pytest.mark.django_db(transaction=True)
def test_moves_at_once_all_land_and_none_errs(office_a):
    import threading

    from django.db import connection

    from rencana_aksi import services
    from rencana_aksi.models import Indikator

    from .factories import plan_create

    if connection.vendor != "postgresql":
        pytest.skip("row locks are what this proves; SQLite serialises every writer")
    plan = plan_create(office_a, areas=1, komponen=1, indikator=6, langkah=1, bukti=1)
    items = list(Indikator.objects.filter(komponen__area__rencana=plan).order_by("urutan"))
    barrier = threading.Barrier(12)
    errors = []

    def move(indikator, naik):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.isi_geser(
                Indikator.objects.get(pk=indikator.pk), naik, user=None, alasan="Urutan baru"
            )
        except Exception as exc:  # what the user would have met as a 500
            errors.append(repr(exc))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=move, args=(items[n % 6], n % 2 == 0)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    positions = sorted(
        Indikator.objects.filter(komponen__area__rencana=plan).values_list("urutan", flat=True)
    )
    assert positions == [1, 2, 3, 4, 5, 6]


def _pdf_with(action=None, embed=False, after=b"", comment=b""):
    """A one-page PDF that opens with `action` (a dictionary), embeds a file, carries bytes
    after its end, or has `comment` in a comment line."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if action:
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(
            DictionaryObject(
                {
                    NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v))
                    for k, v in action.items()
                }
            )
        )
    if embed:
        writer.add_attachment("evil.exe", b"MZ\x90\x00 program")
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    if comment:
        data = data.replace(b"\n", b"\n%" + comment + b"\n", 1)
    return data + after


@pytest.mark.parametrize(
    "kind,data,says",
    [
        ("uri", _pdf_with({"/S": "/URI", "/URI": "https://contoh.test/x"}), "alamat web"),
        ("submit", _pdf_with({"/S": "/SubmitForm", "/F": "https://contoh.test"}), "data luar"),
        ("gotor", _pdf_with({"/S": "/GoToR", "/F": "lain.pdf"}), "data luar"),
        ("import", _pdf_with({"/S": "/ImportData", "/F": "data.fdf"}), "data luar"),
        ("embedded", _pdf_with(embed=True), "disisipkan"),
        ("zip after", _pdf_with(after=b"PK\x03\x04" + b"\x00" * 64), "setelah akhir PDF"),
        ("html comment", _pdf_with(comment=b"<html><script>alert(1)</script>"), "HTML"),
    ],
)
def test_a_pdf_with_active_or_hidden_content_is_refused_with_a_reason(
    plan_a, member_of, kind, data, says
):
    from bukti_fisik.models import Unggahan
    from bukti_fisik.uploads import UploadRefused

    from .evidence import upload

    with pytest.raises(UploadRefused, match=says):
        upload(first_bukti(plan_a), "2026-T1", member_of(Role.ADMIN), name=f"{kind}.pdf", data=data)
    assert not Unggahan.objects.exists()


def test_a_word_document_with_macros_is_refused(plan_a, member_of):
    import io
    import zipfile

    from docx import Document

    from bukti_fisik.models import Unggahan
    from bukti_fisik.uploads import UploadRefused

    from .evidence import upload

    out = io.BytesIO()
    Document().save(out)
    with_macros = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(out.getvalue())) as source,
        zipfile.ZipFile(with_macros, "w") as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    with pytest.raises(UploadRefused, match="makro"):
        upload(
            first_bukti(plan_a),
            "2026-T1",
            member_of(Role.ADMIN),
            name="notulen.docx",
            data=with_macros.getvalue(),
        )
    assert not Unggahan.objects.exists()


@pytest.mark.parametrize(
    "data,says",
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/>'
            b"<text>Logo</text></a></svg>",
            "skrip|animasi",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="#x" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink"><set attributeName="xlink:href" '
            b'to="#y"/></a></svg>',
            "animasi",
        ),
        (None, "setelah akhirnya"),
    ],
)
def test_a_logo_that_hides_a_script_or_a_payload_is_refused(data, says):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tim.logo import LogoRefused, logo_check

    from . import samples

    if data is None:
        data = samples.image_bytes("PNG") + b"<html><script>alert(1)</script></html>"
    name = "logo.svg" if data.startswith(b"<svg") else "logo.png"
    with pytest.raises(LogoRefused, match=says):
        logo_check(SimpleUploadedFile(name, data))


def test_names_from_a_members_csv_never_become_formulas_in_an_export(
    client, plan_a, office_a, member_of
):
    """A members CSV whose cells start with =, +, - or @: the names as typed reach every
    Excel export (the Lampiran's PIC, the laporan monev's PIC table) as text, never as a
    formula."""
    import io

    import openpyxl

    from rencana_aksi.models import Indikator
    from tim.impor import members_read

    csv = (
        b"email,nama,peran,area\n"
        b'a@kpu.test,"=HYPERLINK(""http://evil.test"",""klik"")",Anggota Tim ZI,\n'
        b"b@kpu.test,+1+1,Anggota Tim ZI,\n"
        b"c@kpu.test,-2+3,Anggota Tim ZI,\n"
        b"d@kpu.test,@SUM(1),Anggota Tim ZI,\n"
    )
    rows = members_read(csv, office_a)
    assert not [r.masalah for r in rows if r.masalah]
    names = [r.nilai["nama"] for r in rows]
    indikator = list(Indikator.objects.filter(komponen__area__rencana=plan_a).order_by("pk"))
    for n, (row, name) in enumerate(zip(rows, names, strict=True)):
        # As the invitation's name becomes the account's when it is accepted.
        user = MembershipFactory(
            satker=office_a,
            role=Role.ANGGOTA,
            user__email=row.nilai["email"],
            user__first_name=name,
            user__last_name="",
        ).user
        indikator[n % len(indikator)].pic = user
        indikator[n % len(indikator)].save()
    Indikator.objects.filter(pk=indikator[-1].pk).update(pic=None, pic_teks="=1+1")
    client.force_login(member_of(Role.ADMIN))
    exports = [
        client.get(reverse("rencana_aksi:ekspor", args=[plan_a.pk])).content,
        client.get(reverse("monev:export_excel", args=[plan_a.pk])).content,
    ]
    expected = [{"=1+1"}, set(names)]  # the Lampiran's PIC as written; the monev PIC table
    for data, wanted in zip(exports, expected, strict=True):
        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = {str(c.value) for c in cells if c.value is not None}
        assert wanted <= texts, wanted - texts
