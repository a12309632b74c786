"""What every register shares: a unit keeps it from a date, and its records carry a unit, their
own dates and one change log. A register's own app (petitions, reception, …) defines its record
models on `Record` and declares itself in a `Register` (danchu/registers/kinds.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from danchu.text import fold
from danchu.units.models import Unit
from danchu.units.scope import ScopedQuerySet


class Keeping(models.Model):
    """`unit` keeps register `kind` from `since` (the first day of a Decree 09 month): its
    figures come from the register from then on, and hand entry of them is refused."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="register_keepings")
    kind = models.CharField("sổ", max_length=40)
    since = models.DateField("giữ sổ từ")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    set_at = models.DateTimeField(auto_now=True)
    # "first record", "import", "admin"
    reason = models.CharField("lý do", max_length=200, blank=True, default="")
    # the last day every month from `since` has been written up to (zeros included); months
    # after it are written at the next change or `danchu register refresh`
    computed_to = models.DateField("đã tính tới", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="keeping_unit_kind")]
        verbose_name = "đơn vị giữ sổ"

    def __str__(self) -> str:
        return f"{self.unit} giữ sổ {self.kind} từ {self.since:%d/%m/%Y}"


class Record(models.Model):
    """Base of every register's records: the unit it belongs to, when it was entered and
    changed, and a folded text for search that ignores diacritics (`search_words`)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ScopedQuerySet.as_manager()  # restrict(user, role): the records of the user's subtrees

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(w for w in self.search_words() if w))
        super().save(*args, **kwargs)

    def search_words(self) -> list[str]:
        """What search should find this record by; subclasses list their fields."""
        return []

    def snapshot(self) -> dict:
        """The record as the change log keeps it (before/after)."""
        out = {}
        for f in self._meta.concrete_fields:
            if f.name in ("search_text", "created_at", "updated_at"):
                continue
            value = getattr(self, f.attname)
            out[f.attname] = value.isoformat() if hasattr(value, "isoformat") else value
        return out
