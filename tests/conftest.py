"""Personas: a member of office A with each role, a pimpinan of A's province, a member of
office B (an outsider to A), and the anonymous visitor."""

import pytest

from rencana_aksi.models import Role, Satker

from .factories import MembershipFactory, SatkerFactory, plan_create


@pytest.fixture
def province(db):
    return SatkerFactory(
        slug="kpu-prov-uji", nama="KPU Provinsi Uji", tingkat=Satker.Tingkat.PROVINSI
    )


@pytest.fixture
def office_a(province):
    return SatkerFactory(slug="kpu-kab-a", nama="KPU Kabupaten A", parent=province)


@pytest.fixture
def office_b(db):
    return SatkerFactory(slug="kpu-kab-b", nama="KPU Kabupaten B")


@pytest.fixture
def plan_a(office_a):
    return plan_create(office_a)


@pytest.fixture
def member_of(office_a):
    """A user holding `role` in office A."""

    def make(role):
        return MembershipFactory(satker=office_a, role=role).user

    return make


@pytest.fixture
def outsider(office_b):
    return MembershipFactory(satker=office_b, role=Role.ADMIN).user


@pytest.fixture
def province_pimpinan(province):
    return MembershipFactory(satker=province, role=Role.PIMPINAN).user
