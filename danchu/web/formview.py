"""A form (biểu mẫu) filled with a subtree's aggregates by tier, for the unit page.

The layout is the catalogue's (`danchu.catalog.layout`); `aggregate_grid()` makes one
`engine.aggregate` call and puts each figure in its cell.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from danchu.analytics import engine
from danchu.catalog.layout import INDICATOR, Column, LayoutRow, LayoutSection, layout
from danchu.catalog.models import Form
from danchu.text import format_number, format_percent
from danchu.units.models import Tier, Unit
from danchu.values.periods import Period

TIER_ORDER = [t.value for t in Tier]
TIER_LABELS = dict(Tier.choices)


@dataclass
class TierColumn:
    group: str | None  # a tier code, or None for the whole subtree
    label: str


@dataclass
class AggCell:
    tier: str  # tier code, "" for the total over tiers
    option: str  # column option, "" for the row's total
    text: str


@dataclass
class AggregateGrid:
    unit: Unit
    period: Period
    tiers: list[TierColumn]
    sections: list[LayoutSection]
    notes: list[str]
    form_name: str = ""


class _Index:
    """The aggregate's rows by element and group, so a cell is a small scan, not a query."""

    def __init__(self, result: engine.Result):
        self.rows: dict[tuple[str, str | None], list[engine.Row]] = defaultdict(list)
        for r in result.rows:
            self.rows[(r.element, r.group)].append(r)
        self.groups = {r.group for r in result.rows}

    def element(self, row: LayoutRow, column: Column, group: str | None) -> float | None:
        groups = [group] if group is not None else list(self.groups)
        total, found = 0.0, False
        for g in groups:
            for r in self.rows.get((row.code, g), []):
                if row.selects(column, r.dimensions):
                    total += r.value or 0.0
                    found = True
        return total if found else None

    def indicator(self, row: LayoutRow, group: str | None) -> float | None:
        """A rate from summed numerator and denominator (over every tier for the total)."""
        groups = [group] if group is not None else list(self.groups)
        num = den = None
        for g in groups:
            for r in self.rows.get((row.code, g), []):
                if r.numerator is not None:
                    num = (num or 0.0) + r.numerator
                if r.denominator is not None:
                    den = (den or 0.0) + r.denominator
        if num is None or not den:
            return None
        return round(num / den * row.factor, row.decimals)


def tiers_present(unit: Unit, at, result: engine.Result) -> list[TierColumn]:
    present = set(Unit.objects.at(at).subtree(unit).values_list("tier", flat=True).order_by().distinct())
    present |= {g for g in result.groups if g}
    tiers = [TierColumn(t, _(TIER_LABELS.get(t, t))) for t in TIER_ORDER if t in present]
    return tiers + [TierColumn(None, _("Tổng"))]


def aggregate_grid(
    unit: Unit, period: Period, form: Form | str = "QCDC", at: dt.date | None = None
) -> AggregateGrid:
    """The form filled with `unit`'s subtree figures for `period` on the tree of `at` (default: the
    period's end), a column group per tier plus total.

    Each row's `cells` is a list over tiers of lists over the section's columns of `AggCell`
    (text "" where there is no figure; None where the row has no such column).
    """
    sections = layout(form)
    result = engine.aggregate(unit, period, by="tier", elements=sections.codes(), at=at)
    index = _Index(result)
    tiers = tiers_present(result.unit, at or period.end, result)
    for section in sections:
        for row in section.rows:
            row.cells = []
            for tier in tiers:
                line: list[AggCell | None] = []
                for col in section.columns:
                    if not row.takes(col):
                        line.append(None)
                        continue
                    if row.kind == INDICATOR:
                        text = format_percent(index.indicator(row, tier.group), row.decimals)
                    else:
                        text = format_number(index.element(row, col, tier.group))
                    line.append(AggCell(tier.group or "", col.option, text))
                row.cells.append(line)
    return AggregateGrid(result.unit, period, tiers, sections.sections, result.notes, sections.form.name)
