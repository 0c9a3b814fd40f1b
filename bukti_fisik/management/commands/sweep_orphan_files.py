from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from bukti_fisik.models import Unggahan
from bukti_fisik.tus import sweep_expired
from inti.tampil import ukuran_berkas
from rencana_aksi.models import BerkasImpor, Dokumen, Satker

# A file younger than this may belong to an upload whose row is not committed yet.
GRACE = timedelta(hours=1)
# An uploaded Lampiran not confirmed within this long was abandoned.
IMPOR_KEPT = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Laporkan (dan dengan --hapus, hapus) berkas tersimpan yang tidak dirujuk oleh unggahan, "
        "dokumen, logo, atau impor yang belum dikonfirmasi; dengan --hapus, impor lampiran yang "
        "ditinggalkan lebih dari sehari ikut dihapus. Tanpa --hapus tidak ada yang dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hapus", action="store_true", help="Benar-benar hapus berkasnya.")

    def handle(self, *args, hapus=False, **options):
        bukti_root = Path(settings.ZI_BUKTI_ROOT)
        tus_root = Path(settings.ZI_TUS_ROOT)
        abandoned = BerkasImpor.objects.filter(dibuat__lt=timezone.now() - IMPOR_KEPT)
        if hapus:
            for item in abandoned:
                item.berkas.delete(save=False)
            abandoned.delete()
        used = _names(Dokumen, "berkas") | _names(Satker, "logo") | _names(BerkasImpor, "berkas")
        for pages in Dokumen.objects.values_list("pratinjau", flat=True):
            used |= set(pages or [])
        # Evidence is checked against the versions; the rest of the media folder (which may
        # hold the evidence folder) against documents and logos.
        roots = [(bukti_root, _names(Unggahan, "berkas")), (Path(settings.MEDIA_ROOT), used)]
        cutoff = (timezone.now() - GRACE).timestamp()
        orphans, size = [], 0
        for root, referenced in roots:
            if not root.exists():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if root != bukti_root and path.is_relative_to(bukti_root):
                    continue
                if path.is_relative_to(tus_root):
                    continue  # resumable uploads in progress: they expire on their own terms
                stat = path.stat()
                if path.relative_to(root).as_posix() in referenced or stat.st_mtime > cutoff:
                    continue
                orphans.append(path)
                size += stat.st_size
        for path in orphans:
            self.stdout.write(str(path))
            if hapus:
                path.unlink()
        verb = "dihapus" if hapus else "ditemukan (jalankan dengan --hapus untuk menghapus)"
        self.stdout.write(f"{len(orphans)} berkas yatim, {ukuran_berkas(size)}, {verb}.")
        if hapus:
            self.stdout.write(f"{sweep_expired()} unggahan bertahap kedaluwarsa dihapus.")


def _names(model, field):
    return set(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
