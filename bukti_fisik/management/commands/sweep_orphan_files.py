from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from bukti_fisik.models import Unggahan
from rencana_aksi.models import Dokumen, Satker

# A file younger than this may belong to an upload whose row is not committed yet.
GRACE = timedelta(hours=1)


class Command(BaseCommand):
    help = (
        "Laporkan (dan dengan --hapus, hapus) berkas tersimpan yang tidak dirujuk oleh unggahan, "
        "dokumen, atau logo mana pun. Tanpa --hapus tidak ada yang dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hapus", action="store_true", help="Benar-benar hapus berkasnya.")

    def handle(self, *args, hapus=False, **options):
        roots = {Path(settings.ZI_BUKTI_ROOT): _names(Unggahan, "berkas")}
        media = Path(settings.MEDIA_ROOT)
        used = _names(Dokumen, "berkas") | _names(Satker, "logo")
        for pages in Dokumen.objects.values_list("pratinjau", flat=True):
            used |= set(pages or [])
        roots.setdefault(media, set()).update(used)
        cutoff = (timezone.now() - GRACE).timestamp()
        orphans, size = [], 0
        for root, referenced in roots.items():
            if not root.exists():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if any(
                    path.is_relative_to(other)
                    for other in roots
                    if other != root and other.is_relative_to(root)
                ):
                    continue  # a nested root is swept with its own references
                name = path.relative_to(root).as_posix()
                if name in referenced or path.stat().st_mtime > cutoff:
                    continue
                orphans.append(path)
                size += path.stat().st_size
        for path in orphans:
            self.stdout.write(str(path))
            if hapus:
                path.unlink()
        verb = "dihapus" if hapus else "ditemukan (jalankan dengan --hapus untuk menghapus)"
        self.stdout.write(f"{len(orphans)} berkas yatim, {size} bita, {verb}.")


def _names(model, field):
    return set(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
