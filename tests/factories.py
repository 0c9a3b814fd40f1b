import factory
from django.urls import reverse

from rencana_aksi.models import Membership, Satker, User
from rencana_aksi.services import rencana_aksi_import


class SatkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Satker

    slug = factory.Sequence(lambda n: f"kpu-kab-uji-{n}")
    nama = factory.Sequence(lambda n: f"KPU Kabupaten Uji {n}")
    nama_lengkap = factory.LazyAttribute(lambda o: o.nama.replace("KPU", "Komisi Pemilihan Umum"))
    tingkat = Satker.Tingkat.KABKOTA
    kota = "Uji"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("rahasia-uji-123")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    satker = factory.SubFactory(SatkerFactory)
    role = "anggota"


def plan_data(satker, tahun=2026, areas=3, komponen=2, indikator=5, langkah=3, bukti=2):
    """Plan data in the fixtures' shape, of any size."""
    schedules = ["Jan 2026", "Triwulan", "Maret, Juni 2026", "Bulanan", "Februari - Desember 2026"]
    return {
        "satker": satker.slug,
        "tahun": tahun,
        "status": "ditetapkan",
        "nomor": "1",
        "tentang": "RENCANA AKSI UJI",
        "menimbang": [["a.", "bahwa uji"]],
        "mengingat": [["1.", "Undang-Undang Uji"]],
        "diktum": [["KESATU", "Menetapkan uji"]],
        "area": [
            {
                "nomor": f"A{a}",
                "nama": f"AREA {a}",
                "komponen": [
                    {
                        "nomor": "",
                        "nama": f"Komponen {a}.{k}",
                        "indikator": [
                            {
                                "nomor": str(i),
                                "nama": f"Indikator {a}.{k}.{i}",
                                "langkah_aksi": [["-", f"Langkah {x}"] for x in range(langkah)],
                                "bukti_fisik": [["", f"Bukti {x}"] for x in range(bukti)],
                                "target_waktu": schedules[i % len(schedules)],
                                "target_capaian": "Nilai ≥ 80",
                            }
                            for i in range(1, indikator + 1)
                        ],
                    }
                    for k in range(1, komponen + 1)
                ],
            }
            for a in range(1, areas + 1)
        ],
    }


def plan_create(satker, **size):
    rencana, _ = rencana_aksi_import(plan_data(satker, **size))
    return rencana


def login_redirect(response):
    """The response sends an anonymous visitor to the login page."""
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))
