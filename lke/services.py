"""Writes of the LKE: loading a framework, the plan's links (suggested, then confirmed), the
Tim's answers and the TPI's scores. Each is one transaction; answers and scores leave a
history row, and a TPI note reaches the Ketua Tim."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bukti_fisik.services import notifikasi_kirim
from rencana_aksi.kata import kata, normal, paling_cocok
from rencana_aksi.models import Indikator, Membership, Riwayat, Role, User
from rencana_aksi.services import riwayat_record

from .models import (
    Ambang,
    AreaLke,
    DokumenLke,
    Jawaban,
    Kerangka,
    LkeRencana,
    Opsi,
    Pertanyaan,
    SubKomponen,
    Tautan,
)
from .skor import angka, fraksi


class LkeError(Exception):
    """A refused change; the message is for the user."""


@transaction.atomic
def kerangka_load(data):
    """Create a framework from its data (the shape of fixtures/lke/*.json). One already loaded
    under the same kode keeps its structure and weights; only the worksheet's questions it
    lacks are added (a database made before they were data). Returns (kerangka, created)."""
    existing = Kerangka.objects.filter(kode=data["kode"]).first()
    if existing:
        lembar_lengkapi(existing, data)
        return existing, False
    kerangka = Kerangka.objects.create(
        kode=data["kode"],
        nama=data["nama"],
        catatan=data.get("catatan", ""),
        kelompok_hasil=data.get("kelompok_hasil", {}),
        kesiapan=data.get("kesiapan", []),
    )
    urutan = 0
    for n, area in enumerate(data["area"], 1):
        row = AreaLke.objects.create(
            kerangka=kerangka, urutan=n, nama=area["nama"], kata_kunci=area.get("kata_kunci", [])
        )
        for sub in area["sub"]:
            urutan += 1
            SubKomponen.objects.create(
                kerangka=kerangka,
                area=row,
                jenis=sub["jenis"],
                urutan=urutan,
                nama=sub["nama"],
                bobot=Decimal(str(sub["bobot"])),
                skala=sub.get("skala", SubKomponen.Skala.AE),
                kata_kunci=sub.get("kata_kunci", []),
            )
    for sub in data.get("hasil", []):
        urutan += 1
        SubKomponen.objects.create(
            kerangka=kerangka,
            jenis=SubKomponen.Jenis.HASIL,
            kelompok=sub["kelompok"],
            kode=sub.get("kode", ""),
            urutan=urutan,
            nama=sub["nama"],
            bobot=Decimal(str(sub["bobot"])),
            skala=sub["skala"],
        )
    for predikat, values in data.get("ambang", {}).items():
        for syarat, batas in values.items():
            Ambang.objects.create(
                kerangka=kerangka, predikat=predikat, syarat=syarat, batas=Decimal(str(batas))
            )
    lembar_lengkapi(kerangka, data)
    return kerangka, True


def lembar_lengkapi(kerangka, data):
    """Give a framework the worksheet of its data, question by question, when it has none
    yet: the halves' codes and minimums on its areas, the codes and full names on its
    sub-komponen (matched by their order), and every question with its options and
    documents."""
    if Pertanyaan.objects.filter(kerangka=kerangka).exists():
        return
    if not any(sub.get("pertanyaan") for area in data["area"] for sub in area["sub"]):
        return
    areas = list(kerangka.areas.order_by("urutan"))
    for area, given in zip(areas, data["area"], strict=True):
        area.kode_lke, area.minimum = given.get("kode_lke", {}), given.get("minimum", {})
    AreaLke.objects.bulk_update(areas, ["kode_lke", "minimum"])
    subs = list(kerangka.sub.order_by("urutan"))
    given_subs = [s for area in data["area"] for s in area["sub"]] + data.get("hasil", [])
    questions, options, documents = [], [], []
    for sub, given in zip(subs, given_subs, strict=True):
        sub.kode_lke, sub.nama_lengkap = given.get("kode_lke", ""), given.get("nama_lengkap", "")
        for q in given.get("pertanyaan", []):
            question = Pertanyaan(
                kerangka=kerangka,
                sub=sub,
                urutan=len(questions) + 1,
                kode=q["kode"],
                teks=q["teks"],
                bobot=Decimal(str(q["bobot"])),
                jenis=q["jenis"],
            )
            questions.append(question)
            options += [(question, n, o) for n, o in enumerate(q["opsi"], 1)]
            documents += [(question, n, d) for n, d in enumerate(q["dokumen"], 1)]
    SubKomponen.objects.bulk_update(subs, ["kode_lke", "nama_lengkap"])
    Pertanyaan.objects.bulk_create(questions)
    Opsi.objects.bulk_create(
        Opsi(
            pertanyaan=q,
            urutan=n,
            kode=o["kode"],
            teks=o["teks"],
            nilai=Decimal(str(o["nilai"])),
            jenis=o["jenis"],
        )
        for q, n, o in options
    )
    DokumenLke.objects.bulk_create(
        DokumenLke(pertanyaan=q, urutan=n, kode=d["kode"], teks=d["teks"]) for q, n, d in documents
    )


def lke_of(rencana):
    """The plan's LKE settings, made with the newest framework the first time; then too the
    indikator that name their LKE question (a plan from an LKE-keyed sheet) are linked."""
    settings = LkeRencana.objects.filter(rencana=rencana).select_related("kerangka").first()
    if settings is None:
        kerangka = Kerangka.objects.order_by("-dimuat", "-id").first()
        if kerangka is None:
            raise LkeError("Belum ada kerangka LKE yang dimuat (manage.py load_lke).")
        settings, created = LkeRencana.objects.get_or_create(
            rencana=rencana, defaults={"kerangka": kerangka}
        )
        if created:
            tautan_dari_kode(rencana, settings.kerangka)
    return settings


def tautan_dari_kode(rencana, kerangka):
    """Confirmed links for the plan's indikator that carry an LKE question's code, to that
    question's sub-komponen in `kerangka`: the office named the question itself, so no one
    has to confirm it. Returns how many were made."""
    subs = dict(Pertanyaan.objects.filter(kerangka=kerangka).values_list("kode", "sub_id"))
    rows = [
        Tautan(indikator_id=pk, sub_id=subs[kode], dikonfirmasi=True)
        for pk, kode in Indikator.objects.filter(komponen__area__rencana=rencana)
        .exclude(lke_kode="")
        .values_list("pk", "lke_kode")
        if kode in subs
    ]
    Tautan.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


# ---- suggestions


def _area_match(plan_area_name, areas):
    """The LKE area whose name or keyword the plan area's name holds (longest match)."""
    return paling_cocok(plan_area_name, [(a, [a.nama, *a.kata_kunci]) for a in areas])


def _named_in(text, subs):
    text = f" {normal(text)} "
    return [
        sub
        for sub in subs
        if any(normal(k) and f" {normal(k)} " in text for k in [sub.nama, *sub.kata_kunci])
    ]


def saran_for(indikator, areas, subs):
    """The sub-komponen suggested for one indikator (which comes with komponen and area):
    those named in its komponen's name (Merangin's komponen are sub-komponen names), else
    those named in the indikator's own name, else, within the LKE area matching the plan area,
    the one sharing the most words with it. Among named ones, those of the indikator's own
    LKE area are preferred."""
    area = _area_match(indikator.komponen.area.nama, areas)
    for text in (indikator.komponen.nama, indikator.nama):
        named = _named_in(text, subs)
        if named:
            inside = [s for s in named if area is not None and s.area_id == area.pk]
            return inside or named[:1]
    if area is None:
        return []
    words = kata(f"{indikator.komponen.nama} {indikator.nama}")
    scored = [
        (len(words & kata(" ".join([sub.nama, *sub.kata_kunci]))), -sub.urutan, sub)
        for sub in subs
        if sub.area_id == area.pk
    ]
    scored = [row for row in scored if row[0] > 0]
    return [max(scored)[2]] if scored else []


@transaction.atomic
def tautan_sarankan(rencana):
    """Store suggested (unconfirmed) links for every indikator of the plan that has no link
    yet. Returns the number of links suggested."""
    settings = lke_of(rencana)
    areas = list(settings.kerangka.areas.all())
    subs = list(settings.kerangka.sub.exclude(jenis=SubKomponen.Jenis.HASIL))
    linked = set(
        Tautan.objects.filter(indikator__komponen__area__rencana=rencana).values_list(
            "indikator_id", flat=True
        )
    )
    rows = []
    for indikator in Indikator.objects.filter(komponen__area__rencana=rencana).select_related(
        "komponen__area"
    ):
        if indikator.pk in linked:
            continue
        rows += [Tautan(indikator=indikator, sub=sub) for sub in saran_for(indikator, areas, subs)]
    Tautan.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def tautan_simpan(rencana, pilihan, *, user):
    """Set the confirmed links of the plan: `pilihan` maps indikator id → sub-komponen ids
    (of the plan's framework). Links not chosen go. Returns the number of confirmed links."""
    settings = lke_of(rencana)
    valid_subs = set(settings.kerangka.sub.values_list("pk", flat=True))
    indikator_ids = set(
        Indikator.objects.filter(komponen__area__rencana=rencana).values_list("pk", flat=True)
    )
    if not set(pilihan) <= indikator_ids:
        raise LkeError("Sebagian indikator bukan milik rencana ini.")
    if not {s for subs in pilihan.values() for s in subs} <= valid_subs:
        raise LkeError("Sebagian sub-komponen bukan bagian kerangka LKE rencana ini.")
    Tautan.objects.filter(indikator_id__in=indikator_ids).delete()
    Tautan.objects.bulk_create(
        [
            Tautan(indikator_id=i, sub_id=s, dikonfirmasi=True)
            for i, subs in pilihan.items()
            for s in subs
        ]
    )
    total = sum(len(v) for v in pilihan.values())
    riwayat_record(
        Riwayat.Jenis.LKE,
        pelaku=user,
        rencana=rencana,
        objek="Tautan indikator ke LKE",
        ke=f"{total} tautan dikonfirmasi",
    )
    return total


# ---- answers and TPI scores


@transaction.atomic
def jawaban_simpan(rencana, sub, *, user, jawaban="", angka=None, catatan="", sumber="", bukti=()):
    """The Tim's answer for one sub-komponen; an empty answer clears it."""
    if (jawaban or angka is not None) and fraksi(sub.skala, jawaban, angka) is None:
        raise LkeError(f"Jawaban «{jawaban}» tidak ada pada skala {sub.get_skala_display()}.")
    row, _ = Jawaban.objects.get_or_create(rencana=rencana, sub=sub)
    before = row.jawaban or ("" if row.angka is None else f"{row.angka:g}")
    row.jawaban, row.angka, row.catatan, row.sumber, row.oleh = (
        jawaban,
        angka,
        catatan,
        sumber,
        user,
    )
    row.save()
    row.bukti.set(bukti)
    after = jawaban or ("" if angka is None else f"{angka:g}")
    if before != after:
        riwayat_record(
            Riwayat.Jenis.LKE,
            pelaku=user,
            rencana=rencana,
            objek=f"Penilaian mandiri: {sub.nama}"[:255],
            dari=before,
            ke=after,
            catatan=catatan,
        )
    return row


@transaction.atomic
def tpi_simpan(rencana, sub, *, user, nilai, catatan=""):
    """The Penilai's score (0..bobot) and note for one sub-komponen; a note reaches the
    office's Ketua Tim."""
    if nilai is not None and not (0 <= nilai <= sub.bobot):
        raise LkeError(f"Nilai TPI untuk «{sub.nama}» harus antara 0 dan {sub.bobot:g}.")
    row, _ = Jawaban.objects.get_or_create(rencana=rencana, sub=sub)
    row.nilai_tpi, row.catatan_tpi, row.penilai, row.dinilai = (
        nilai,
        catatan,
        user,
        timezone.now(),
    )
    row.save()
    riwayat_record(
        Riwayat.Jenis.LKE,
        pelaku=user,
        rencana=rencana,
        objek=f"Nilai TPI: {sub.nama}"[:255],
        ke="" if nilai is None else f"{nilai:g}",
        catatan=catatan,
    )
    if catatan.strip():
        ketua = User.objects.filter(
            pk__in=Membership.objects.filter(
                satker_id=rencana.satker_id, role=Role.KETUA_TIM
            ).values("user_id")
        )
        notifikasi_kirim(
            ketua,
            kunci=f"tpi:{row.pk}:{row.dinilai.isoformat()}",
            judul=f"Catatan TPI: {sub.nama}"[:200],
            isi=f"{user} memberi nilai {'' if nilai is None else angka(nilai) + ' '}"
            f"dari {angka(sub.bobot)}:\n{catatan}",
            tautan=reverse("lke:penilaian", args=[rencana.pk]) + f"#sub-{sub.pk}",
        )
    return row


@transaction.atomic
def kesiapan_simpan(rencana, nomor, *, user, ya, catatan="", bukti=None):
    """One item of the readiness checklist (PermenPANRB 5/2024): met or not, a note, and the
    uploaded version that shows it (one of this plan's)."""
    settings = lke_of(rencana)
    items = settings.kerangka.kesiapan
    if not 0 <= nomor < len(items):
        raise LkeError("Butir kesiapan tidak dikenali.")
    if bukti is not None and bukti.slot.indikator.komponen.area.rencana_id != rencana.pk:
        raise LkeError("Bukti itu bukan milik rencana ini.")
    settings.kesiapan[str(nomor)] = {
        "ya": bool(ya),
        "catatan": catatan,
        "bukti": None if bukti is None else bukti.pk,
    }
    settings.save(update_fields=["kesiapan"])
    riwayat_record(
        Riwayat.Jenis.LKE,
        pelaku=user,
        rencana=rencana,
        objek=f"Kesiapan: {items[nomor]}"[:255],
        ke="terpenuhi" if ya else "belum",
        catatan=catatan,
    )


@transaction.atomic
def pengaturan_simpan(rencana, *, user, sudah_wbk, kerangka=None):
    """The plan's framework (the links and answers belong to a framework: changing it starts
    the links afresh) and whether the office is already WBK."""
    settings = lke_of(rencana)
    changed = kerangka is not None and kerangka.pk != settings.kerangka_id
    if changed:
        Tautan.objects.filter(indikator__komponen__area__rencana=rencana).delete()
        settings.kerangka = kerangka
        tautan_dari_kode(rencana, kerangka)
    settings.sudah_wbk = sudah_wbk
    settings.save(update_fields=["kerangka", "sudah_wbk"])
    riwayat_record(
        Riwayat.Jenis.LKE,
        pelaku=user,
        rencana=rencana,
        objek="Pengaturan LKE",
        ke=f"{settings.kerangka.nama}; {'sudah' if sudah_wbk else 'belum'} WBK",
    )
    return settings
