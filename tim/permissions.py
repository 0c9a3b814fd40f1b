"""Who runs an office's team. Roles count in the office itself (roles_in), never inherited from
a parent office: a province's Admin satker creates the districts below it and invites their
first Admin satker, but does not run their teams."""

from dataclasses import dataclass

from rencana_aksi.models import Role, Satker
from rencana_aksi.permissions import ASSIGNERS, roles_in

# Roles that read the members page: Admin satker manages it, Ketua Tim ZI assigns work.
MEMBER_READERS = ASSIGNERS
# Offices that have offices below them.
PARENT_LEVELS = frozenset({Satker.Tingkat.PUSAT, Satker.Tingkat.PROVINSI})


@dataclass(frozen=True)
class TeamRights:
    """What a user may do with one office's team, from their roles there (one query)."""

    read: bool  # see the members page: Admin satker, Ketua Tim ZI
    manage: bool  # invite, change roles, deactivate, keep the settings: Admin satker
    assign: bool  # give areas and name PICs: Ketua Tim ZI and Admin satker
    create_offices: bool  # make offices below: Admin satker of KPU RI or a KPU Provinsi


def team_rights(user, satker, roles=None):
    roles = roles_in(user, satker) if roles is None else roles
    manage = Role.ADMIN in roles
    return TeamRights(
        read=bool(roles & MEMBER_READERS),
        manage=manage,
        assign=bool(roles & ASSIGNERS),
        create_offices=manage and satker.tingkat in PARENT_LEVELS,
    )


def can_read_members(user, satker):
    return team_rights(user, satker).read


def can_manage_members(user, satker):
    return team_rights(user, satker).manage


def can_assign(user, satker):
    return team_rights(user, satker).assign


def can_create_offices(user, satker):
    return team_rights(user, satker).create_offices
