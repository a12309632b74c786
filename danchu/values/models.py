"""Entered figures: one narrow table, with every change kept in the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from danchu.catalog.models import DataElement
from danchu.units.models import Unit
from danchu.units.scope import ScopedQuerySet


class DataValue(models.Model):
    element = models.ForeignKey(DataElement, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="values")
    period = models.CharField("kỳ", max_length=30)
    start = models.DateField()
    end = models.DateField()
    # "key=option;key=option", keys sorted; "" for an element without dimensions
    dimensions = models.CharField(max_length=200, blank=True, default="")
    value = models.FloatField()
    comment = models.CharField("ghi chú", max_length=1000, blank=True, default="")
    # "" for figures people enter; otherwise the register that computed it ("registers.petitions")
    source = models.CharField("nguồn", max_length=60, blank=True, default="")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["element", "unit", "start", "end", "dimensions"], name="value_unique_key"
            )
        ]
        indexes = [
            models.Index(fields=["start", "end", "element"], name="value_period_idx"),
            # Covers the sums of a subtree: the rows of its units are read from the index alone.
            models.Index(
                fields=["unit", "start", "end", "element", "dimensions", "value"], name="value_unit_cover_idx"
            ),
        ]
        verbose_name = "số liệu"

    def __str__(self) -> str:
        dims = f" [{self.dimensions}]" if self.dimensions else ""
        return f"{self.element.code}{dims} {self.unit.code} {self.period} = {self.value:g}"
