"""Who runs an office's team. Roles count in the office itself (roles_in), never inherited from
a parent office: a province's Admin satker creates the districts below it and invites their
first Admin satker, but does not run their teams."""

from rencana_aksi.models import Role, Satker
from rencana_aksi.permissions import ASSIGNERS, roles_in

# Roles that read the members page; Admin satker manages it, Ketua Tim ZI assigns work.
MEMBER_READERS = ASSIGNERS
# Offices that have offices below them.
PARENT_LEVELS = frozenset({Satker.Tingkat.PUSAT, Satker.Tingkat.PROVINSI})


def can_read_members(user, satker):
    """Admin satker and Ketua Tim ZI of the office see its members."""
    return bool(roles_in(user, satker) & MEMBER_READERS)


def can_manage_members(user, satker):
    """Admin satker invites, changes roles, deactivates; and keeps the office's settings."""
    return Role.ADMIN in roles_in(user, satker)


def can_assign(user, satker):
    """Ketua Tim ZI (and Admin satker) give areas to members and name the PIC of indikator."""
    return bool(roles_in(user, satker) & ASSIGNERS)


def can_create_offices(user, satker):
    """Admin satker of a parent office (KPU RI, KPU Provinsi) creates the offices below it."""
    return satker.tingkat in PARENT_LEVELS and can_manage_members(user, satker)
