"""The demo: the offices of the two seed decrees with their provinces, both plans, one user per
role, and example evidence so that a fresh `make run` shows a plan at work. It writes only
through the services, as a user would."""

import json
import random
from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from bukti_fisik.models import Slot, Unggahan
from bukti_fisik.selectors import slot_rows, slots_of
from bukti_fisik.services import bukti_review, bukti_upload, langkah_status_update
from rencana_aksi.jadwal import Periode
from rencana_aksi.models import Indikator, LangkahAksi, Membership, RencanaAksi, Role, Satker, User
from rencana_aksi.services import rencana_aksi_import, satker_create

DEMO_SATKER = (
    # slug, nama, nama lengkap, wilayah, tingkat, parent, kota
    (
        "kpu-ri",
        "KPU RI",
        "Komisi Pemilihan Umum Republik Indonesia",
        "Republik Indonesia",
        "pusat",
        None,
        "Jakarta",
    ),
    (
        "kpu-prov-jawa-timur",
        "KPU Provinsi Jawa Timur",
        "Komisi Pemilihan Umum Provinsi Jawa Timur",
        "Provinsi Jawa Timur",
        "provinsi",
        "kpu-ri",
        "Surabaya",
    ),
    (
        "kpu-kab-madiun",
        "KPU Kabupaten Madiun",
        "Komisi Pemilihan Umum Kabupaten Madiun",
        "Kabupaten Madiun",
        "kabkota",
        "kpu-prov-jawa-timur",
        "Madiun",
    ),
    (
        "kpu-prov-jambi",
        "KPU Provinsi Jambi",
        "Komisi Pemilihan Umum Provinsi Jambi",
        "Provinsi Jambi",
        "provinsi",
        "kpu-ri",
        "Jambi",
    ),
    (
        "kpu-kab-merangin",
        "KPU Kabupaten Merangin",
        "Komisi Pemilihan Umum Kabupaten Merangin",
        "Kabupaten Merangin",
        "kabkota",
        "kpu-prov-jambi",
        "Bangko",
    ),
)
# Login prefix of each office's demo users: madiun.ketua_tim, jatim.pimpinan …
DEMO_PREFIX = {
    "kpu-kab-madiun": "madiun",
    "kpu-kab-merangin": "merangin",
    "kpu-prov-jawa-timur": "jatim",
    "kpu-prov-jambi": "jambi",
}
DEMO_PLANS = ("kpu-kab-madiun-7-2026.json", "kpu-kab-merangin-9-2026.json")


@transaction.atomic
def demo_load(fixtures_dir, password):
    """Create the demo offices, both seed plans and one user per role per district office
    (plus a pimpinan and an Admin satker per province, who brings its districts in); safe to
    run again. Returns the logins made or kept."""
    by_slug = {}
    for slug, nama, lengkap, wilayah, tingkat, parent, kota in DEMO_SATKER:
        satker = Satker.objects.filter(slug=slug).first() or satker_create(
            slug=slug,
            nama=nama,
            nama_lengkap=lengkap,
            wilayah=wilayah,
            tingkat=tingkat,
            parent=by_slug.get(parent),
            kota=kota,
        )
        by_slug[slug] = satker

    for name in DEMO_PLANS:
        with open(fixtures_dir / name, encoding="utf-8") as f:
            rencana_aksi_import(json.load(f))

    logins = []
    wanted = [(s, role) for s in ("kpu-kab-madiun", "kpu-kab-merangin") for role in Role.values]
    wanted += [
        (province, role)
        for province in ("kpu-prov-jawa-timur", "kpu-prov-jambi")
        for role in (Role.PIMPINAN, Role.ADMIN)
    ]
    for slug, role in wanted:
        username = f"{DEMO_PREFIX[slug]}.{role}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": f"Demo {Role(role).label}", "last_name": by_slug[slug].nama},
        )
        if created:
            user.set_password(password)
            user.email = f"{username}@demo.zi-tracker.test"
            user.save()
        Membership.objects.get_or_create(user=user, satker=by_slug[slug], role=role)
        logins.append((username, by_slug[slug].nama, Role(role).label))
    # The Anggota first, so it becomes PIC of its own areas' indikator.
    for role, count in DEMO_AREAS.items():
        for membership in Membership.objects.filter(
            role=role, satker__slug__in=("kpu-kab-madiun", "kpu-kab-merangin")
        ):
            _demo_assign(membership, count)
    return logins


# How many of the plan's first areas the demo Koordinator and Anggota are assigned to.
DEMO_AREAS = {Role.ANGGOTA: 2, Role.KOORDINATOR: 4}


def _demo_assign(membership, count):
    """Assign the first areas of the office's plans, and make the member the PIC of their
    indikator that have none (a later choice made in the app is kept)."""
    areas = [
        area
        for rencana in RencanaAksi.objects.berlaku().filter(satker=membership.satker)
        for area in rencana.areas.order_by("urutan")[:count]
    ]
    membership.areas.add(*areas)
    Indikator.objects.filter(komponen__area__in=areas, pic__isnull=True).update(pic=membership.user)


DEMO_OFFICES = {"kpu-kab-madiun": "madiun", "kpu-kab-merangin": "merangin"}


def _demo_pdf(title):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = BytesIO()
    writer.write(out)
    return SimpleUploadedFile(f"{title[:60]}.pdf", out.getvalue())


@transaction.atomic
def demo_evidence_load(today=None, seed=7):
    """Evidence in the two demo district plans, so pages and dashboards show a plan at work:
    in the areas of each office's Koordinator, most slots already due get an upload; most of
    those are verified, some sent back, some still waiting; their langkah aksi move along.
    An office that already holds evidence is left as it is. Returns the uploads made."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    made = 0
    for slug, prefix in DEMO_OFFICES.items():
        if Unggahan.objects.filter(slot__indikator__komponen__area__rencana__satker__slug=slug):
            continue
        users = User.objects.in_bulk(
            [f"{prefix}.anggota", f"{prefix}.koordinator", f"{prefix}.ketua_tim"],
            field_name="username",
        )
        if len(users) < 3:
            continue
        anggota, koordinator, ketua = (
            users[f"{prefix}.{r}"] for r in ("anggota", "koordinator", "ketua_tim")
        )
        areas = Membership.objects.filter(user=koordinator, role=Role.KOORDINATOR).values("areas")
        indikator_list = list(
            Indikator.objects.filter(
                komponen__area__in=areas,
                komponen__area__rencana__in=RencanaAksi.objects.berlaku(),
            )
            .select_related("target_waktu", "komponen__area__rencana")
            .prefetch_related("bukti_fisik")
        )
        rows = slot_rows([i.pk for i in indikator_list])
        for indikator in indikator_list:
            uploader = anggota if indikator.pic_id == anggota.pk else koordinator
            for slot in slots_of(indikator, indikator.komponen.area.rencana.tahun, rows):
                if slot.jatuh_tempo >= today or rng.random() > 0.75:
                    continue
                periode = Periode(slot.kode, slot.label, slot.mulai, slot.jatuh_tempo)
                [unggahan] = bukti_upload(
                    slot.bukti_fisik,
                    periode,
                    [_demo_pdf(f"{slot.bukti_fisik.nama} {slot.label}")],
                    user=uploader,
                    tanggal_dokumen=min(slot.jatuh_tempo, today)
                    - timedelta(days=rng.randint(0, 20)),
                    catatan="Data contoh",
                )
                made += 1
                roll = rng.random()
                if roll < 0.2:
                    continue  # still waiting for review
                revisi = Slot.objects.get(pk=unggahan.slot_id).revisi
                if roll < 0.3:
                    bukti_review(
                        unggahan,
                        user=ketua,
                        setuju=False,
                        revisi=revisi,
                        catatan="Contoh: lampirkan daftar hadir yang ditandatangani.",
                    )
                else:
                    bukti_review(unggahan, user=ketua, setuju=True, revisi=revisi)
            for langkah in LangkahAksi.objects.filter(indikator=indikator):
                status = rng.choice(LangkahAksi.Status.values)
                if status != LangkahAksi.Status.BELUM_MULAI:
                    langkah_status_update(
                        langkah,
                        user=uploader,
                        status=status,
                        tanggal=today - timedelta(days=rng.randint(1, 120)),
                    )
    return made
