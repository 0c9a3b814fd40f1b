"""The LKE worksheet question by question as data: every database holds the 2021 worksheet's
42 sub-komponen, 110 questions, their 391 options and 244 supporting documents, read from
`../shared/lke-2021/`; a database made before the questions were data gets them."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from lke.apps import BAWAAN, kerangka_bawaan
from lke.lembar import kerangka_dengan_lembar, lembar_baca
from lke.models import AreaLke, DokumenLke, Kerangka, Opsi, Pertanyaan, SubKomponen

LEMBAR = Path(settings.BASE_DIR).parent / "shared" / "lke-2021"
pytestmark = pytest.mark.django_db


def test_every_database_holds_the_worksheet():
    kerangka = Kerangka.objects.get(kode="permenpanrb-90-2021-5-2024")
    pengungkit = Pertanyaan.objects.filter(kerangka=kerangka).exclude(sub__jenis="hasil")
    assert pengungkit.count() == 110
    assert Opsi.objects.filter(pertanyaan__kerangka=kerangka).count() == 391
    assert DokumenLke.objects.filter(pertanyaan__kerangka=kerangka).count() == 244
    subs = SubKomponen.objects.filter(kerangka=kerangka).exclude(jenis="hasil")
    assert subs.count() == 42 and not subs.filter(kode_lke="").exists()
    # Codes nest: PPA1A is a question of PPA1, a sub-komponen of the area whose halves are
    # PPA and PRA.
    q = Pertanyaan.objects.get(kerangka=kerangka, kode="PPA1A")
    assert q.sub.kode_lke == "PPA1" and q.sub.nama_lengkap == "Penyusunan Tim Kerja"
    assert q.sub.area.kode_lke == {"pemenuhan": "PPA", "reform": "PRA"}
    assert [(o.teks[:5], o.nilai) for o in q.opsi.all()] == [("Ya, j", 1), ("Tidak", 0)]
    assert list(q.dokumen.values_list("teks", flat=True))[0].startswith("SK Tim Kerja")
    # A reform question scored from numbers the office enters.
    agen = Pertanyaan.objects.get(kerangka=kerangka, kode="PRA1A")
    assert agen.jenis == "angka"
    assert [o.teks for o in agen.opsi.all()] == [
        "Jumlah Agen Perubahan",
        "Jumlah Perubahan yang dibuat",
    ]
    # The source files PRB3B and PRB3C under PRB4 and PRB5, which do not exist: by their code
    # they are questions of PRB3.
    assert Pertanyaan.objects.get(kerangka=kerangka, kode="PRB3C").sub.kode_lke == "PRB3"
    # Every sub-komponen's questions are there, and the half minimums, with the PPF slip read
    # as 3.75.
    area = AreaLke.objects.get(kerangka=kerangka, kode_lke__pemenuhan="PPF")
    assert area.minimum["pemenuhan"] == {"WBK": 3.0, "WBBM": 3.75}
    assert not subs.filter(pertanyaan__isnull=True).exists()
    ipak = Pertanyaan.objects.get(kerangka=kerangka, kode="HBA")
    assert ipak.sub.kode == "ipak"
    assert [o.nilai for o in ipak.opsi.all()] == [
        Decimal("1.00"),
        Decimal("0.67"),
        Decimal("0.33"),
        Decimal("0.00"),
    ]


def test_the_framework_file_is_the_shared_worksheet():
    """The fixture is what `manage.py lke_lembar` makes of the worksheet's CSV files."""
    data = json.loads(BAWAAN.read_text(encoding="utf-8"))
    assert kerangka_dengan_lembar(data, lembar_baca(LEMBAR)) == data


def test_a_database_without_the_questions_gets_them():
    Pertanyaan.objects.all().delete()
    SubKomponen.objects.update(kode_lke="", nama_lengkap="")
    kerangka_bawaan(sender=None)
    assert Pertanyaan.objects.exclude(sub__jenis="hasil").count() == 110
    assert SubKomponen.objects.get(kode_lke="PPE4").nama == "Whistle-blowing system"
    kerangka_bawaan(sender=None)  # again: nothing doubled
    assert Pertanyaan.objects.count() == 113


def test_a_worksheet_that_does_not_fit_the_framework_is_refused():
    data = json.loads(BAWAAN.read_text(encoding="utf-8"))
    data["area"][0]["sub"][0]["bobot"] = 0.75
    with pytest.raises(ValueError, match="PPA1: bobot"):
        kerangka_dengan_lembar(data, lembar_baca(LEMBAR))
