"""Reads compiled once (rencana_aksi.prepared) give what the ORM gives, for other values too,
and a value no row can hold finds nothing instead of failing."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.selectors import plan_read_by, with_versi
from rencana_aksi import prepared
from rencana_aksi.models import Indikator, Riwayat, Role
from rencana_aksi.permissions import rencana_visible_to

from .factories import MembershipFactory, plan_create


def _fields(obj):
    """Each field's value with its type (0 == False, and a float may equal a Decimal)."""
    return {
        f.attname: (type(getattr(obj, f.attname)), getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
    }


def test_a_plan_read_compiled_once_is_the_plan_the_orm_reads(plan_a, office_b, member_of):
    """Compiled for one user and plan, the read gives another user's other plan with the same
    fields, converted values (dates, booleans), satker and `versi` as the ORM gives them, in
    one query, and nothing for a plan the user does not read."""
    reader = member_of(Role.PIMPINAN)
    other = MembershipFactory(satker=office_b, role=Role.ADMIN).user
    plan_b = plan_create(office_b)
    Riwayat.objects.create(rencana=plan_b, jenis=Riwayat.Jenis.RENCANA, objek="uji")
    for user, plan in ((reader, plan_a), (other, plan_b)):
        expected = with_versi(rencana_visible_to(user)).select_related("satker").get(pk=plan.pk)
        with CaptureQueriesContext(connection) as queries:
            found = plan_read_by(user, plan.pk)
            assert _fields(found) == _fields(expected)
            assert _fields(found.satker) == _fields(expected.satker)
            assert found.versi == expected.versi
        assert len(queries) == 1
        assert not found._state.adding and found._state.db == "default"
    assert plan_read_by(other, plan_b.pk).versi is not None
    assert isinstance(plan_read_by(reader, plan_a.pk).satker.pengingat_hari, int)
    assert plan_read_by(reader, plan_b.pk) is None
    assert plan_read_by(other, plan_a.pk) is None


def test_compiled_objects_come_converted_as_the_orm_converts_them(plan_a):
    """A decimal and an aware date and time come back as the ORM gives them on each database
    (SQLite hands the driver's float and naive text to the field converters)."""
    indikator = Indikator.objects.filter(komponen__area__rencana=plan_a).first()
    indikator.bobot = Decimal("2.5")
    indikator.save()
    riwayat = Riwayat.objects.create(rencana=plan_a, jenis=Riwayat.Jenis.RENCANA, objek="uji")

    def indikator_read(ids):
        return Indikator.objects.filter(pk=ids[0])

    def riwayat_read(ids):
        return Riwayat.objects.select_related("rencana").filter(pk=ids[0])

    (found,) = prepared.objects(indikator_read, [indikator.pk])
    assert _fields(found) == _fields(Indikator.objects.get(pk=indikator.pk))
    assert found.bobot == Decimal("2.50") and isinstance(found.bobot, Decimal)
    (found,) = prepared.objects(riwayat_read, [riwayat.pk])
    assert _fields(found) == _fields(Riwayat.objects.get(pk=riwayat.pk))
    assert found.waktu.tzinfo is not None
    assert _fields(found.rencana) == _fields(type(plan_a).objects.get(pk=plan_a.pk))


def test_an_id_no_column_holds_finds_nothing(plan_a, member_of, client):
    """Beyond 64 bits SQLite would refuse the value; the read finds nothing, and the
    dashboard answers 404 as for any plan that is not there."""
    reader = member_of(Role.PIMPINAN)
    assert plan_read_by(reader, 2**63) is None
    assert plan_read_by(reader, -(2**63) - 1) is None
    assert prepared.rows(lambda ids: None, []) == []
    client.force_login(reader)
    for pk in (2**63, 10**30, plan_a.pk + 1000):
        assert client.get(f"/rencana/{pk}/dasbor/").status_code == 404
    assert client.get(reverse("monev:dashboard", args=[plan_a.pk])).status_code == 200


def test_a_read_whose_id_reaches_the_sql_twice_is_refused(plan_a):
    """The values are placed by where the stand-in ids came out in the SQL; a read that uses
    one twice (or drops one) would put values in the wrong places, so it is not run."""
    import pytest

    from rencana_aksi.models import RencanaAksi

    def twice(ids):
        return RencanaAksi.objects.filter(pk=ids[0]) | RencanaAksi.objects.filter(pk=ids[0])

    def dropped(ids):
        return RencanaAksi.objects.filter(pk=ids[0])

    with pytest.raises(RuntimeError):
        prepared.rows(twice, [plan_a.pk])
    with pytest.raises(RuntimeError):
        prepared.rows(dropped, [plan_a.pk, plan_a.pk])
