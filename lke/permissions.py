"""Who keeps the LKE of a plan. Everyone who reads the plan reads its LKE; the Tim's side (links,
self-assessment, the office's settings) is kept by the Ketua Tim and the Admin satker; the TPI
score by the office's Penilai."""

from rencana_aksi.models import Role
from rencana_aksi.permissions import roles_in

TIM_LKE = frozenset({Role.KETUA_TIM, Role.ADMIN})


def lke_rights(user, satker):
    """(may keep the Tim's side, may score as TPI) in this office (one query)."""
    roles = roles_in(user, satker)
    return bool(roles & TIM_LKE), Role.PENILAI in roles
