import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lke.selectors import proyeksi
from rencana_aksi.models import RencanaAksi


def _n(x):
    return round(float(x), 2)


class Command(BaseCommand):
    help = "Proyeksi nilai LKE satu rencana aksi: nilai sekarang, proyeksi akhir tahun, predikat."

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="slug satker")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--tanggal", help="hari penilaian (YYYY-MM-DD), bawaan hari ini")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args, **options):
        plan = (
            RencanaAksi.objects.berlaku()
            .select_related("satker")
            .filter(satker__slug=options["satker"], tahun=options["tahun"])
            .first()
        )
        if plan is None:
            raise CommandError(
                f"Tidak ada rencana aksi {options['tahun']} untuk satker «{options['satker']}»."
            )
        try:
            today = (
                date.fromisoformat(options["tanggal"])
                if options["tanggal"]
                else timezone.localdate()
            )
        except ValueError:
            raise CommandError("Tanggal harus berbentuk YYYY-MM-DD.") from None
        _, p = proyeksi(plan, today)
        hasil_bobot = sum(h.bobot for h in p.hasil)
        hasil_nilai = sum(h.nilai for h in p.hasil)
        data = {
            "kerangka": p.kerangka,
            "area": [
                {
                    "nama": a.nama,
                    "bobot": _n(a.bobot),
                    "nilai": _n(a.nilai),
                    "proyeksi": _n(a.proyeksi),
                }
                for a in p.area
            ],
            "pengungkit": {
                "bobot": _n(p.pengungkit.bobot),
                "nilai": _n(p.pengungkit.nilai),
                "proyeksi": _n(p.pengungkit.proyeksi),
            },
            "hasil": {"bobot": _n(hasil_bobot), "nilai": _n(hasil_nilai)},
            "total": {"nilai": _n(p.total), "proyeksi": _n(p.total_proyeksi)},
            "predikat": p.predikat,
            "kurang": [
                {"syarat": s.label, "batas": _n(s.batas), "nilai": _n(s.nilai)} for s in p.kurang
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{plan.satker.nama} {plan.tahun} · {p.kerangka}")
        for a in data["area"]:
            self.stdout.write(
                f"  {a['nama']:<40} {a['nilai']:6.2f} → {a['proyeksi']:6.2f} / {a['bobot']:g}"
            )
        self.stdout.write(f"  Total {data['total']['nilai']:.2f} → {data['total']['proyeksi']:.2f}")
        self.stdout.write(f"  Predikat: {p.predikat or 'belum ada'}")
