"""An uploaded Lampiran read into a preview: the plan it would make and every problem, named by
sheet, row and column. The same reading serves the import page and the import command."""

from dataclasses import dataclass, field

from ..models import BerkasImpor, User
from ..services.pertukaran import (
    PertukaranError,
    pemetaan_for,
    pic_lookup,
    pic_unknown,
    rencana_isi_replace,
)
from . import excel, word
from .lampiran import Cara, by_area_column, romawi, rows_to_plan
from .pemetaan import ImporError
from .struktur import baca_lke, by_code_tree, lke_to_plan
from .tabel import chosen_of

READERS = {"xlsx": excel.read_workbook, "docx": word.read_document}
# A column with text in at least this many rows that the import drops opens the mapping panel.
KOLOM_BERISI = 3


def jenis_of(name, data):
    """ "xlsx" or "docx" from the file's content (its name only breaks the tie)."""
    if data[:2] != b"PK":
        raise ImporError("Berkas harus berupa buku kerja Excel (.xlsx) atau dokumen Word (.docx).")
    if b"word/document.xml" in data[:200_000] or name.lower().endswith(".docx"):
        return "docx"
    return "xlsx"


@dataclass
class Pratinjau:
    areas: list = field(default_factory=list)
    masalah: list = field(default_factory=list)  # strings, each naming where; block writing
    peringatan: list = field(default_factory=list)  # strings; said, do not block
    layout: dict = field(default_factory=dict)
    tebakan: list = field(default_factory=list)  # [Tebakan] of the first table read
    judul_baris: int = 0  # that table's header row (1-based; 0: none)
    tanpa_judul: list = field(default_factory=list)  # [(table, first rows)] with no header
    pic_tertulis: list = field(default_factory=list)  # PIC texts naming no member, once each
    dibuang: dict = field(default_factory=dict)  # column → rows with text, dropped
    catatan: dict = field(default_factory=dict)  # column → rows with text, kept as notes
    lke: bool = False  # keyed by LKE criterion
    error: str = ""

    @property
    def jumlah_indikator(self):
        return sum(len(k["indikator"]) for a in self.areas for k in a["komponen"])

    def jumlah(self, key):
        return sum(len(i[key]) for a in self.areas for k in a["komponen"] for i in k["indikator"])

    @property
    def jumlah_komponen(self):
        return sum(len(a["komponen"]) for a in self.areas)

    @property
    def jumlah_langkah(self):
        return self.jumlah("langkah_aksi")

    @property
    def jumlah_bukti(self):
        return self.jumlah("bukti_fisik")

    @property
    def perlu_pemetaan(self):
        """The mapping panel opens: no header found, a problem, or text that is dropped."""
        return bool(
            self.tanpa_judul
            and not self.areas
            or self.masalah
            or any(n >= KOLOM_BERISI for n in self.dibuang.values())
        )

    @property
    def bisa_ditulis(self):
        return not self.error and not self.masalah and bool(self.areas)


def pratinjau(data, jenis, satker, remembered=None, pilihan=None):
    """The preview of an uploaded file for an office: the plan it makes, its problems and
    warnings, and how each column was read. `remembered` is the office's mapping, `pilihan`
    what the user chose for this file (BerkasImpor.pemetaan)."""
    chosen = chosen_of(pilihan)
    # The office's members, read once: for a column of their names, and for the PICs that
    # name nobody.
    names = pic_lookup(satker)
    try:
        blocks, layout, bacaan = READERS[jenis](data, remembered, chosen, frozenset(names))
    except ImporError as exc:
        return Pratinjau(error=str(exc))
    preview = Pratinjau(
        tebakan=bacaan.tebakan,
        judul_baris=bacaan.judul_baris,
        tanpa_judul=bacaan.tanpa_judul,
        dibuang=bacaan.diabaikan,
        catatan=bacaan.catatan,
    )
    if not bacaan.terbaca:
        preview.error = (
            "Baris judul kolom tidak ditemukan. Pilih baris judulnya (atau «tanpa baris "
            "judul») dan arti tiap kolom di bawah."
            if bacaan.tanpa_judul
            else "Berkas ini tidak berisi baris rencana aksi."
        )
        return preview
    cara = Cara(
        utuh=frozenset((pilihan or {}).get("utuh", [])),
        inline=not layout,  # our own export writes an item a line
    )
    blocks = by_area_column(blocks)
    lke = baca_lke(blocks)
    if lke is not None:
        areas, problems = lke_to_plan(*lke, cara)
        preview.lke, diulang = True, True
    else:
        named = any(b.nomor or b.nama for b in blocks)
        blocks, notes = by_code_tree(blocks, named)
        preview.peringatan += notes
        areas, problems, diulang = rows_to_plan(blocks, layout.get("komponen_diulang"), cara)
    preview.areas = areas
    # Our own export records its layout; another file's is read from how it looks.
    preview.layout = {**bacaan.layout(), **layout, "komponen_diulang": diulang}
    preview.masalah = [str(p) for p in problems]
    for area in areas:
        if not area["nomor"] and not area["nama"]:
            preview.masalah.append(
                "Nomor dan nama area tidak ditemukan: tulis judul seperti «I. MANAJEMEN "
                "PERUBAHAN» di atas tabelnya, baris area di dalam tabel, atau kolom AREA."
            )
        elif not area["nomor"]:
            area["nomor"] = romawi(areas.index(area) + 1)
    indikator = [i for a in areas for k in a["komponen"] for i in k["indikator"]]
    tanpa_waktu = [i for i in indikator if not i["target_waktu"]]
    if tanpa_waktu:
        preview.peringatan.append(
            f"{len(tanpa_waktu)} indikator tanpa target waktu: dipakai jadwal bawaan (tahunan) "
            "yang dapat disesuaikan di halaman indikator."
        )
    preview.pic_tertulis = pic_unknown(areas, satker, names)
    for table, _ in bacaan.tanpa_judul:
        preview.peringatan.append(f"{table} tidak berbaris judul kolom; dilewati.")
    for label, count in bacaan.diabaikan.items():
        preview.peringatan.append(
            f"Kolom {label} berisi teks di {count} baris tetapi diabaikan (dipilih «abaikan»)."
        )
    return preview


def impor_tulis(item_pk, user_pk):
    """Write a confirmed import, as background work: the stored file read again with the
    office's column mapping, written all or nothing, and the outcome left on the row for the
    page that waits for it. A job whose import is no longer waiting (run twice, or already
    done) does nothing."""
    if not BerkasImpor.objects.filter(pk=item_pk, status=BerkasImpor.Status.ANTRI).update(
        status=BerkasImpor.Status.PROSES
    ):
        return
    item = BerkasImpor.objects.select_related("rencana__satker").get(pk=item_pk)
    satker = item.rencana.satker
    try:
        try:
            with item.berkas.open("rb") as stored:
                data = stored.read()
        except FileNotFoundError:
            raise ImporError("Berkas impor ini sudah tidak ada; unggah ulang.") from None
        preview = pratinjau(data, item.jenis, satker, pemetaan_for(satker), item.pemetaan)
        if not preview.bisa_ditulis:
            raise ImporError("Masih ada masalah pada berkas; lihat pratinjaunya.")
        rencana_isi_replace(
            item.rencana,
            preview.areas,
            user=User.objects.filter(pk=user_pk).first(),
            layout=preview.layout,
        )
    except (ImporError, PertukaranError) as exc:
        _selesai(item, BerkasImpor.Status.GAGAL, f"Tidak ada yang ditulis. {exc}")
        return
    except Exception:
        _selesai(
            item,
            BerkasImpor.Status.GAGAL,
            "Tidak ada yang ditulis: terjadi kesalahan tak terduga. Coba sekali lagi; bila "
            "berulang, hubungi pengelola aplikasi.",
        )
        raise  # the worker records it
    item.berkas.delete(save=False)
    _selesai(
        item,
        BerkasImpor.Status.SELESAI,
        f"Lampiran diimpor: {len(preview.areas)} area, {preview.jumlah_indikator} indikator.",
    )


def _selesai(item, status, pesan):
    item.status, item.pesan = status, pesan
    item.save(update_fields=["status", "pesan", "berkas"])
