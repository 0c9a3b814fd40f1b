from decimal import Decimal

import pytest

from rencana_aksi.capaian import parse_target_capaian


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("Nilai SKM ≥ 85", (">=", Decimal(85), "")),
        ("Sistem digunakan ≥ 80% pegawai", (">=", Decimal(80), "%")),
        ("Capaian ≥ 90% target", (">=", Decimal(90), "%")),
        ("100% pegawai berkomitmen", (">=", Decimal(100), "%")),
        ("Minimal 1 inovasi berjalan", (">=", Decimal(1), "")),
        ("Maksimal 2,5 hari", ("<=", Decimal("2.5"), "")),
        ("Roadmap dipahami seluruh pegawai", ("", None, "")),
        ("", ("", None, "")),
    ],
)
def test_parse_target_capaian(teks, expected):
    assert parse_target_capaian(teks) == expected
