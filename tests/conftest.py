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


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached figures are keyed by row ids, which a rolled-back test may hand out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def bukti_root(settings, tmp_path_factory, monkeypatch):
    """Evidence files of each test in a folder of its own, so a test sees only its files."""
    from django.core.files.storage import storages

    from bukti_fisik.models import Unggahan

    root = tmp_path_factory.mktemp("bukti")
    settings.ZI_BUKTI_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "bukti": {**settings.STORAGES["bukti"], "OPTIONS": {"location": str(root)}},
    }
    # A FileField resolves its storage once, at import; point it at this test's folder.
    monkeypatch.setattr(Unggahan._meta.get_field("berkas"), "storage", storages["bukti"])
    return root


@pytest.fixture(autouse=True)
def fail_on_weasyprint_warnings():
    """WeasyPrint ignores unsupported CSS and unreachable resources with a mere WARNING: any
    such warning fails the test."""
    import logging

    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert not records, [r.getMessage() for r in records]


SEED_SATKER = {
    "kpu-kab-madiun": (
        "KPU Kabupaten Madiun",
        "Komisi Pemilihan Umum Kabupaten Madiun",
        "Kabupaten Madiun",
        "Madiun",
    ),
    "kpu-kab-merangin": (
        "KPU Kabupaten Merangin",
        "Komisi Pemilihan Umum Kabupaten Merangin",
        "Kabupaten Merangin",
        "Bangko",
    ),
}


@pytest.fixture
def seed_plan(db):
    """Load one of the two real decrees into an office of its own."""
    import json
    from pathlib import Path

    from rencana_aksi.services import rencana_aksi_import

    def load(slug):
        nama, lengkap, wilayah, kota = SEED_SATKER[slug]
        SatkerFactory(slug=slug, nama=nama, nama_lengkap=lengkap, wilayah=wilayah, kota=kota)
        name = {
            "kpu-kab-madiun": "kpu-kab-madiun-7-2026.json",
            "kpu-kab-merangin": "kpu-kab-merangin-9-2026.json",
        }[slug]
        path = Path(__file__).resolve().parent.parent / "fixtures" / name
        rencana, _ = rencana_aksi_import(json.loads(path.read_text(encoding="utf-8")))
        return rencana

    return load


@pytest.fixture
def demo(db, monkeypatch):
    """The demo offices, both seed plans and one user per role (`make run`'s data)."""
    from django.core.management import call_command

    monkeypatch.setenv("ZI_DEMO_PASSWORD", "sandi-demo-uji")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
