"""Who may do what, and where: a role on a unit covers that unit's whole subtree."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from danchu.units.models import Unit


class Role(models.TextChoices):
    VIEW = "view", "Xem"
    ENTER = "enter", "Nhập số liệu"
    APPROVE = "approve", "Duyệt"
    ADMIN = "admin", "Quản trị"


# Each role includes the ones before it.
ROLE_RANK = {Role.VIEW: 1, Role.ENTER: 2, Role.APPROVE: 3, Role.ADMIN: 4}


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="membership_unique")]
        verbose_name = "phân quyền"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> tuple[ApiToken, str]:
        raw = "dc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], digest=cls.hash(raw))
        return token, raw
