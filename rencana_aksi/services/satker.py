"""Writes to the office tree. `Satker.path` ("/1/4/9/") is written only here: an office gets its
path when it is created, and moving an office rewrites the paths of every office below it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from ..models import Riwayat, Satker
from .riwayat import changes_record, riwayat_record


class SatkerError(Exception):
    """A refused change to the office tree; the message is meant for the user."""


def _path_below(parent, pk):
    return f"{parent.path if parent else '/'}{pk}/"


@transaction.atomic
def satker_create(*, user=None, **fields):
    """Create an office below `fields["parent"]` (or as a root) with its path."""
    satker = Satker.objects.create(**fields)
    satker.path = _path_below(satker.parent, satker.pk)
    Satker.objects.filter(pk=satker.pk).update(path=satker.path)
    if user is not None:
        riwayat_record(
            Riwayat.Jenis.SATKER, pelaku=user, satker=satker, objek=satker.nama, ke="dibuat"
        )
    return satker


@transaction.atomic
def satker_update(satker, changes, *, user):
    """Save the office fields named in `changes` ({field: (before, after)}), already set on
    `satker` as a model form sets them, with a history row each. Its place in the tree is
    changed only by satker_move."""
    if {"parent", "path"} & set(changes):
        raise SatkerError("Induk satker hanya dapat diubah dengan memindahkan satker.")
    if changes:
        satker.save(update_fields=list(changes))
    changes_record(
        Riwayat.Jenis.SATKER, changes, pelaku=user, objek=satker.nama, model=Satker, satker=satker
    )
    return satker


@transaction.atomic
def satker_move(satker, parent, *, user):
    """Put an office (and everything below it) under another parent; superusers only, since
    it changes who reads the office's plans and evidence. Returns the offices rewritten."""
    if not user.is_superuser:
        raise PermissionDenied("Hanya superuser yang dapat memindahkan satker.")
    satker = Satker.objects.select_for_update().get(pk=satker.pk)
    if parent is not None:
        parent = Satker.objects.get(pk=parent.pk)
        if parent.path.startswith(satker.path):
            raise SatkerError("Satker tidak dapat dipindah ke bawah dirinya sendiri.")
    before = satker.parent
    if before == parent:
        return 0
    old_path, new_path = satker.path, _path_below(parent, satker.pk)
    Satker.objects.filter(pk=satker.pk).update(parent=parent)
    moved = Satker.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
    riwayat_record(
        Riwayat.Jenis.SATKER,
        pelaku=user,
        satker=satker,
        objek=f"{satker.nama} — induk",
        dari=before.nama if before else "(tanpa induk)",
        ke=parent.nama if parent else "(tanpa induk)",
    )
    satker.refresh_from_db()
    return moved
