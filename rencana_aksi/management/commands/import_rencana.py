import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rencana_aksi import services
from rencana_aksi.models import Satker
from rencana_aksi.pertukaran.impor import jenis_of, pratinjau
from rencana_aksi.pertukaran.pemetaan import (
    PILIHAN,
    ImporError,
    kolom_huruf,
    kolom_indeks,
    normal,
)


class Command(BaseCommand):
    help = (
        "Membaca lampiran rencana aksi dari .xlsx atau .docx ke rencana draf satker dan tahun "
        "itu (dibuat bila belum ada). Masalah dicetak seperti pada pratinjau; tidak ada yang "
        "ditulis selama ada masalah."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--satker", required=True)
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument(
            "--mapping",
            help='pemetaan kolom JSON: {"URAIAN KEGIATAN": "LANGKAH AKSI"} menurut judul, '
            '{"B": "INDIKATOR"} menurut huruf kolom, "baris_judul": 3 (0: tanpa baris judul); '
            '"" mengabaikan kolom',
        )
        parser.add_argument("--dry-run", action="store_true", help="hanya periksa, jangan tulis")

    def handle(self, *args, berkas, satker, tahun, mapping=None, dry_run=False, **options):
        office = Satker.objects.filter(slug=satker).first()
        if office is None:
            raise CommandError(f"Satker «{satker}» tidak ada.")
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        remembered = services.pemetaan_for(office)
        pilihan = {}
        if mapping:
            try:
                given = json.loads(mapping)
                if not isinstance(given, dict):
                    raise ValueError("harus berupa objek JSON")
                remembered, pilihan = _mapping(given, remembered)
            except (json.JSONDecodeError, ValueError, TypeError) as exc:
                raise CommandError(f"--mapping bukan JSON yang sah: {exc}") from None
        data = path.read_bytes()
        try:
            preview = pratinjau(data, jenis_of(path.name, data), office, remembered, pilihan)
        except ImporError as exc:
            raise CommandError(str(exc)) from None
        if preview.error:
            if preview.tanpa_judul:
                self._show_rows(preview)
            raise CommandError(preview.error)
        self._show_columns(preview)
        for problem in preview.masalah:
            self.stderr.write(problem)
        if preview.masalah:
            raise CommandError(f"{len(preview.masalah)} masalah; tidak ada yang ditulis.")
        summary = (
            f"{len(preview.areas)} area, {preview.jumlah_komponen} komponen, "
            f"{preview.jumlah_indikator} indikator, {preview.jumlah_langkah} langkah aksi, "
            f"{preview.jumlah_bukti} bukti fisik"
        )
        for warning in preview.peringatan:
            self.stdout.write(f"Peringatan: {warning}")
        if dry_run:
            self.stdout.write(f"Berkas dapat diimpor: {summary} (tidak ditulis: --dry-run).")
            return
        rencana = services.rencana_draft_for(office, tahun)
        try:
            services.rencana_isi_replace(rencana, preview.areas, user=None, layout=preview.layout)
        except services.PertukaranError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Diimpor ke rencana {rencana.pk}: {summary}."))

    def _show_rows(self, preview):
        """The first rows of a sheet whose header was not found, numbered, with the column
        letters --mapping takes."""
        table, rows = preview.tanpa_judul[0]
        self.stdout.write(f"Baris pertama {table} (kolom menurut huruf):")
        for n, row in enumerate(rows, 1):
            cells = " | ".join(f"{kolom_huruf(i)}: {str(v)[:30]}" for i, v in enumerate(row) if v)
            self.stdout.write(f"  {n}. {cells}")
        self.stdout.write(
            'Ulangi dengan --mapping \'{"baris_judul": N, "B": "INDIKATOR", …}\' '
            "(baris_judul 0: tanpa baris judul)."
        )

    def _show_columns(self, preview):
        for t in preview.tebakan:
            self.stdout.write(f"Kolom {t.judul}: {t.label} ({t.alasan or '—'})")


def _mapping(given, remembered):
    """--mapping as (remembered by header, this file's choice): "baris_judul", column letters
    ("B" or "KOLOM B"), "utuh", and header names."""
    remembered, pilihan = dict(remembered), {"kolom": {}}
    choices = dict(PILIHAN)
    for key, value in given.items():
        name = normal(key)
        if name in ("BARIS JUDUL",):
            if not isinstance(value, int) or not 0 <= value <= 1000:
                raise ValueError("baris_judul harus bilangan 0 … 1000")
            pilihan["baris_judul"] = value
        elif name == "UTUH":
            pilihan["utuh"] = [str(v) for v in value]
        elif value not in choices:
            raise ValueError(f"«{value}» bukan kolom rencana aksi yang dikenal")
        elif re.fullmatch(r"KOLOM [A-Z]{1,2}|[A-Z]", name):
            pilihan["kolom"][str(kolom_indeks(name.split()[-1]))] = value
        else:
            remembered[name] = value
    return remembered, pilihan
