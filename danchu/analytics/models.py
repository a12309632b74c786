"""What analytics keeps to answer fast: flow values summed onto every unit above their own."""

from __future__ import annotations

import datetime as dt

from django.db import models

from danchu.catalog.models import DataElement
from danchu.units.models import Unit

# A unit still in force has no end date; the rollup keys need a real value there, because
# unique constraints treat NULLs as all different and an upsert would never find its row.
NO_END = dt.date(9999, 12, 31)


class FlowRollup(models.Model):
    """The sum of the flow values of every unit strictly below `ancestor`, by the tier and end of
    validity of the unit they belong to, for each element, dimension key and stored period.

    Kept in step by `values.services.write` (the one write path) and rebuilt whole by
    `danchu rebuild_rollup`; it lets a country's sums read thousands of rows instead of millions.
    """

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=10)
    unit_valid_to = models.DateField(default=NO_END)
    element = models.ForeignKey(DataElement, on_delete=models.CASCADE, related_name="+")
    dimensions = models.CharField(max_length=200, blank=True, default="")
    start = models.DateField()
    end = models.DateField()
    total = models.FloatField(default=0.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ancestor", "start", "end", "tier", "unit_valid_to", "element", "dimensions"],
                name="flowrollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id}/{self.tier}/{self.element_id}/{self.dimensions}/{self.start}–{self.end}"
