"""Who reads the dashboards. Every member of an office (and of the offices above it) reads its
plan dashboard; the roll-up over the offices below is for those who lead or assess."""

from rencana_aksi.models import Membership, Role

ROLLUP_ROLES = frozenset({Role.PIMPINAN, Role.ADMIN, Role.KETUA_TIM, Role.PENILAI})


def can_read_rollup(user, satker):
    """Pimpinan, Admin satker, Ketua Tim and Penilai of this office or of an office above it."""
    above = [int(pk) for pk in satker.path.strip("/").split("/") if pk]
    return Membership.objects.filter(user=user, satker_id__in=above, role__in=ROLLUP_ROLES).exists()
