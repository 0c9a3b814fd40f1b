"""An uploaded Lampiran read into a preview: the plan it would make and every problem, named by
sheet, row and column. The same reading serves the import page and the import command."""

from dataclasses import dataclass, field

from ..models import BerkasImpor, User
from ..services.pertukaran import PertukaranError, pemetaan_for, pic_problems, rencana_isi_replace
from . import excel, word
from .lampiran import by_area_column, is_lke, lke_to_plan, rows_to_plan
from .pemetaan import ImporError

READERS = {"xlsx": excel.read_workbook, "docx": word.read_document}


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
    masalah: list = field(default_factory=list)  # strings, each naming where
    layout: dict = field(default_factory=dict)
    headers: list = field(default_factory=list)
    error: str = ""

    @property
    def jumlah_indikator(self):
        return sum(len(k["indikator"]) for a in self.areas for k in a["komponen"])

    @property
    def bisa_ditulis(self):
        return not self.error and not self.masalah and bool(self.areas)


def pratinjau(data, jenis, satker, remembered=None):
    """The preview of an uploaded file for an office (its PIC names checked against its
    members)."""
    try:
        blocks, layout, headers = READERS[jenis](data, remembered)
    except ImporError as exc:
        return Pratinjau(error=str(exc))
    blocks = by_area_column(blocks)
    if is_lke(blocks):
        areas, problems, diulang = lke_to_plan(blocks)
    else:
        areas, problems, diulang = rows_to_plan(blocks, layout.get("komponen_diulang"))
    layout = {**layout, "komponen_diulang": diulang}
    masalah = [str(p) for p in problems]
    for area in areas:
        if not area["nomor"]:
            masalah.append(
                "Nomor dan nama area tidak ditemukan: tulis judul seperti «I. MANAJEMEN "
                "PERUBAHAN» di atas tabelnya, atau baris area di dalam tabel."
            )
    masalah += [
        f"PIC «{pic}» pada indikator «{nama[:60]}» bukan anggota satker ini."
        for nama, pic in pic_problems(areas, satker)
    ]
    return Pratinjau(
        areas=areas, masalah=masalah, layout=layout, headers=[h for h in headers or []]
    )


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
        preview = pratinjau(data, item.jenis, satker, pemetaan_for(satker))
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
