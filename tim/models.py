"""Invitations: how a person joins an office. The link in the email is signed and expires; an
invitation is used once. Members, roles and offices themselves live in rencana_aksi."""

import secrets

from django.db import models
from django.utils import timezone

from rencana_aksi.models import Area, Role, Satker, User


def _kunci():
    return secrets.token_urlsafe(24)


class Undangan(models.Model):
    """An invitation of an email address to a role in an office (with areas, for Koordinator
    and Anggota). Accepting it creates the membership; an address without an account sets its
    password on the invitation page, an existing account must accept while signed in."""

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="undangan")
    email = models.EmailField()
    nama = models.CharField(max_length=150, blank=True)
    role = models.CharField("peran", max_length=20, choices=Role.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name="area tugas")
    kunci = models.CharField(max_length=64, unique=True, default=_kunci, editable=False)
    dibuat_oleh = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)
    kedaluwarsa = models.DateTimeField()
    diterima = models.DateTimeField(null=True, blank=True)
    diterima_oleh = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="undangan_diterima"
    )
    dibatalkan = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "undangan"
        verbose_name_plural = "undangan"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["satker", "email"], name="undangan_satker_email")]

    def __str__(self):
        return f"{self.email} — {self.get_role_display()} {self.satker}"

    def berlaku(self, now=None):
        """Not yet used, cancelled or expired."""
        now = now or timezone.now()
        return self.diterima is None and self.dibatalkan is None and now < self.kedaluwarsa
