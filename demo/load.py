"""The demo: the offices of the two seed decrees with their provinces, both plans, one user per
role, and example evidence so that a fresh `make run` shows a plan at work. It writes only
through the services, as a user would."""

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from bukti_fisik.models import Slot, Unggahan
from bukti_fisik.selectors import slot_rows, slots_of
from bukti_fisik.services import bukti_review, bukti_upload, langkah_status_update
from lke.models import Tautan
from lke.services import tautan_sarankan
from monev.services import snapshot_take
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
        "kpu-kab-ngawi",
        "KPU Kabupaten Ngawi",
        "Komisi Pemilihan Umum Kabupaten Ngawi",
        "Kabupaten Ngawi",
        "kabkota",
        "kpu-prov-jawa-timur",
        "Ngawi",
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
    "kpu-kab-ngawi": "ngawi",
    "kpu-prov-jawa-timur": "jatim",
    "kpu-prov-jambi": "jambi",
}
DEMO_PLANS = ("kpu-kab-madiun-7-2026.json", "kpu-kab-merangin-9-2026.json")
DEMO_DISTRICTS = ("kpu-kab-madiun", "kpu-kab-merangin", "kpu-kab-ngawi")


def _ngawi_plan(madiun):
    """A second district of Jawa Timur for the provincial roll-up to compare: it took
    Madiun's plan as its own, as neighbouring offices do. The seed fixtures stay as they are;
    the office's name is its own and the signatories are marked as example data."""
    text = json.dumps(madiun).replace("MADIUN", "NGAWI").replace("Madiun", "Ngawi")
    data = json.loads(text)
    data.update(
        satker="kpu-kab-ngawi",
        nomor="4",
        tanggal_penetapan="2026-04-20",
        penandatangan_nama="(Contoh) Ketua KPU Kabupaten Ngawi",
        salinan_nama="(Contoh) Kepala Subbagian",
    )
    return data


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
            data = json.load(f)
        rencana_aksi_import(data)
        if data["satker"] == "kpu-kab-madiun":
            rencana_aksi_import(_ngawi_plan(data))

    for slug in DEMO_DISTRICTS:
        _demo_lke_links(by_slug[slug])

    logins = []
    wanted = [(s, role) for s in DEMO_DISTRICTS for role in Role.values]
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
        for membership in Membership.objects.filter(role=role, satker__slug__in=DEMO_DISTRICTS):
            _demo_assign(membership, count)
    return logins


def _demo_lke_links(satker):
    """The suggested LKE links of the office's plan, confirmed as a Ketua Tim would (Merangin's
    komponen carry sub-komponen names; Madiun's plan is matched by its areas)."""
    for rencana in RencanaAksi.objects.berlaku().filter(satker=satker):
        if not Tautan.objects.filter(indikator__komponen__area__rencana=rencana).exists():
            tautan_sarankan(rencana)
            Tautan.objects.filter(indikator__komponen__area__rencana=rencana).update(
                dikonfirmasi=True
            )


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


# The districts that get example evidence, each working at its own pace: the chance a slot
# gets an upload, and the chance an upload comes after its due date.
DEMO_OFFICES = {
    "kpu-kab-madiun": ("madiun", 0.8, 0.2),
    "kpu-kab-merangin": ("merangin", 0.7, 0.35),
    "kpu-kab-ngawi": ("ngawi", 0.5, 0.5),
}
WIB = ZoneInfo("Asia/Jakarta")
SNAPSHOT_EVERY = timedelta(days=7)


def _demo_pdf(title):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = BytesIO()
    writer.write(out)
    name = title.replace("/", "-")[:60].strip()
    return SimpleUploadedFile(f"{name}.pdf", out.getvalue())


def _moment(day, rng):
    """A working-hours moment of `day` in Jakarta time."""
    return datetime.combine(day, time(rng.randint(8, 15), rng.randint(0, 59)), WIB)


@dataclass(order=True)
class _Kejadian:
    """One thing a demo member does at `pada`; `lakukan()` does it through the services."""

    pada: datetime
    urutan: int
    lakukan: object = field(compare=False)


def _slot_story(slot, people, today, rng, late_share, push):
    """The events of one slot: an upload around its due date (late for some), a review a few
    days later (verified, sent back, or still waiting), and after a send-back, the corrected
    version and its verification."""
    uploader, ketua = people
    periode = Periode(slot.kode, slot.label, slot.mulai, slot.jatuh_tempo)
    late = rng.random() < late_share
    span = max(0, (slot.jatuh_tempo - slot.mulai).days)
    offset = rng.randint(1, 25) if late else -rng.randint(0, span)
    day = slot.jatuh_tempo + timedelta(days=offset)
    day = max(slot.mulai, min(day, today - timedelta(days=1)))
    uploaded = _moment(day, rng)
    state = {}

    def upload(at, note="Data contoh"):
        def run():
            [state["unggahan"]] = bukti_upload(
                slot.bukti_fisik,
                periode,
                [_demo_pdf(f"{slot.bukti_fisik.nama} {slot.label}")],
                user=uploader,
                tanggal_dokumen=at.date() - timedelta(days=rng.randint(0, 5)),
                catatan=note,
                pada=at,
            )

        push(at, run)

    def review(at, setuju, catatan=""):
        def run():
            unggahan = state["unggahan"]
            revisi = Slot.objects.get(pk=unggahan.slot_id).revisi
            bukti_review(
                unggahan, user=ketua, setuju=setuju, catatan=catatan, revisi=revisi, pada=at
            )

        push(at, run)

    upload(uploaded)
    reviewed = uploaded + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5))
    roll = rng.random()
    if roll < 0.15 or reviewed.date() >= today:
        return  # still waiting for review
    if roll < 0.35:
        review(reviewed, False, "Contoh: lampirkan daftar hadir yang ditandatangani.")
        again = reviewed + timedelta(days=rng.randint(2, 10))
        if rng.random() < 0.6 and again.date() < today:
            upload(again, "Data contoh: perbaikan, daftar hadir dilampirkan")
            verified = again + timedelta(days=rng.randint(1, 4))
            if verified.date() < today:
                review(verified, True)
        return
    review(reviewed, True)


@transaction.atomic
def demo_evidence_load(today=None, seed=7):
    """A year at work in the demo district plans, so pages, dashboards and the trend show a
    plan in use: in the areas of each office's Koordinator, most slots already due get an
    upload around their due date, reviewed a few days later (most verified, some sent back
    and corrected, some still waiting), and langkah aksi move along. Everything happens in
    date order through the services, recorded at its own moment, so the history rows, the
    upload and review times and the on-time figure agree; a snapshot of the figures is taken
    every week along the way, so the trend draws the year as it went. An office that already
    holds evidence is left as it is. Returns the uploads made."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    events = []

    def push(at, run):
        events.append(_Kejadian(at, len(events), run))

    offices = []
    for slug, (prefix, share, late_share) in DEMO_OFFICES.items():
        if Unggahan.objects.filter(slot__indikator__komponen__area__rencana__satker__slug=slug):
            continue
        users = User.objects.in_bulk(
            [f"{prefix}.anggota", f"{prefix}.koordinator", f"{prefix}.ketua_tim"],
            field_name="username",
        )
        if len(users) < 3:
            continue
        offices.append(slug)
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
            rencana = indikator.komponen.area.rencana
            for slot in slots_of(indikator, rencana.tahun, rows):
                if slot.jatuh_tempo < today and rng.random() < share:
                    _slot_story(slot, (uploader, ketua), today, rng, late_share, push)
            for langkah in LangkahAksi.objects.filter(indikator=indikator):
                _langkah_story(langkah, uploader, date(rencana.tahun, 1, 2), today, rng, push)
    if not events:
        return 0
    events.sort()
    boundary = datetime.combine(events[0].pada.date(), time(23, 59), WIB) + SNAPSHOT_EVERY
    for event in events:
        while event.pada > boundary:
            snapshot_take(boundary.date())
            boundary += SNAPSHOT_EVERY
        event.lakukan()
    while boundary.date() < today:
        snapshot_take(boundary.date())
        boundary += SNAPSHOT_EVERY
    snapshot_take(today)
    made = Unggahan.objects.filter(
        slot__indikator__komponen__area__rencana__satker__slug__in=offices
    ).count()
    return made


def _langkah_story(langkah, user, start, today, rng, push):
    """A langkah aksi started some day of the year and, for some, finished weeks later."""
    roll = rng.random()
    if roll < 0.25:
        return
    begun = start + timedelta(days=rng.randint(0, max(1, (today - start).days - 30)))

    def step(day, status):
        at = _moment(day, rng)

        def run():
            langkah_status_update(langkah, user=user, status=status, tanggal=day, pada=at)

        push(at, run)

    step(begun, LangkahAksi.Status.BERJALAN)
    finished = begun + timedelta(days=rng.randint(7, 90))
    if roll > 0.55 and finished < today:
        step(finished, LangkahAksi.Status.SELESAI)
