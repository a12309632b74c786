"""A form (biểu mẫu) laid out as tables, filled with a subtree's aggregates by tier.

Plain functions, so the reports and the reporting rounds lay out the same grid as the unit
page. `layout()` reads the form once; `aggregate_grid()` makes one `engine.aggregate` call.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from danchu.analytics import engine
from danchu.catalog.expressions import parse_filter
from danchu.catalog.models import DimensionOption, Form, FormRow, FormSection, Indicator
from danchu.text import format_number, format_percent
from danchu.units.models import Tier, Unit
from danchu.values.periods import Period

TIER_ORDER = [t.value for t in Tier]
TIER_LABELS = dict(Tier.choices)


@dataclass(frozen=True)
class Column:
    """One option of a dimension spread into columns; `option == ""` is the row's total."""

    dimension: str
    option: str
    label: str

    @property
    def is_total(self) -> bool:
        return not self.option


@dataclass
class GridRow:
    label: str
    code: str  # element or indicator code
    kind: str  # "element" or "indicator"
    filter: dict[str, str]
    column_dimension: str
    unit_of_measure: str = ""
    dimension_codes: list[str] = field(default_factory=list)
    decimals: int = 0
    factor: float = 100.0
    cells: list = field(default_factory=list)  # filled by the page that uses the layout

    @property
    def measure(self) -> str:
        """The unit of measure to print after the label; "" when the label already names it
        ("Tiếp dân (cuộc)") or the row is a rate."""
        uom = self.unit_of_measure.strip()
        if self.kind != "element" or not uom or f"({uom.lower()})" in self.label.lower():
            return ""
        return uom

    def takes(self, column: Column) -> bool:
        """Whether this row has a figure in `column`."""
        if self.kind == "indicator":
            return column.is_total
        return column.is_total or column.dimension == self.column_dimension

    def dims(self, column: Column) -> dict[str, str]:
        out = dict(self.filter)
        if not column.is_total:
            out[column.dimension] = column.option
        return out

    def key(self, column: Column) -> str:
        """The canonical dimensions key of the value this cell holds ("a=x;b=y", sorted)."""
        d = self.dims(column)
        return ";".join(f"{k}={d[k]}" for k in sorted(d))

    def complete(self, column: Column) -> bool:
        """True when the cell names one option of every dimension of the element (so it can be typed)."""
        return self.kind == "element" and set(self.dims(column)) == set(self.dimension_codes)


@dataclass
class GridSection:
    code: str
    title: str
    columns: list[Column]
    rows: list[GridRow]

    @property
    def spread(self) -> bool:
        return len(self.columns) > 1


def layout(form: Form | str = "QCDC") -> list[GridSection]:
    """Sections of `form`, each with its columns (options of the rows' column dimensions, then total)."""
    if isinstance(form, str):
        form = Form.objects.get(code=form)
    options: dict[str, list[DimensionOption]] = defaultdict(list)
    for opt in DimensionOption.objects.select_related("dimension").order_by("dimension__order", "order"):
        options[opt.dimension.code].append(opt)
    factors = {i.code: i.factor for i in Indicator.objects.all()}
    sections = FormSection.objects.filter(form=form).prefetch_related(
        Prefetch(
            "rows",
            queryset=FormRow.objects.select_related("element", "indicator")
            .prefetch_related("element__dimensions")
            .order_by("order"),
        )
    )
    out = []
    for section in sections.order_by("order"):
        rows: list[GridRow] = []
        columns: list[Column] = []
        for row in section.rows.all():
            if row.element is not None:
                grid_row = GridRow(
                    label=row.label,
                    code=row.element.code,
                    kind="element",
                    filter=parse_filter(row.filter),
                    column_dimension=row.column_dimension,
                    unit_of_measure=row.element.unit_of_measure,
                    dimension_codes=row.element.dimension_codes(),
                )
            elif row.indicator is not None:
                grid_row = GridRow(
                    label=row.label,
                    code=row.indicator.code,
                    kind="indicator",
                    filter={},
                    column_dimension="",
                    unit_of_measure=row.indicator.suffix,
                    decimals=row.indicator.decimals,
                    factor=factors.get(row.indicator.code, 100.0),
                )
            else:
                continue
            rows.append(grid_row)
            if grid_row.column_dimension:
                for opt in options[grid_row.column_dimension]:
                    col = Column(grid_row.column_dimension, opt.code, opt.name)
                    if col not in columns:
                        columns.append(col)
        total_label = _("Cộng") if columns else _("Số liệu")
        columns.append(Column("", "", total_label))
        out.append(GridSection(section.code, section.title, columns, rows))
    return out


# --- the unit page: aggregates by tier --------------------------------------------------


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
    sections: list[GridSection]
    notes: list[str]
    form_name: str = ""


class _Index:
    """The aggregate's rows by element and group, so a cell is a small scan, not a query."""

    def __init__(self, result: engine.Result):
        self.rows: dict[tuple[str, str | None], list[engine.Row]] = defaultdict(list)
        for r in result.rows:
            self.rows[(r.element, r.group)].append(r)
        self.groups = {r.group for r in result.rows}

    def element(self, code: str, group: str | None, dims: dict[str, str]) -> float | None:
        groups = [group] if group is not None else list(self.groups)
        total, found = 0.0, False
        for g in groups:
            for r in self.rows.get((code, g), []):
                if all(r.dimensions.get(k) == v for k, v in dims.items()):
                    total += r.value or 0.0
                    found = True
        return total if found else None

    def indicator(self, row: GridRow, group: str | None) -> float | None:
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
    if isinstance(form, str):
        form = Form.objects.get(code=form)
    sections = layout(form)
    codes = sorted({row.code for s in sections for row in s.rows})
    result = engine.aggregate(unit, period, by="tier", elements=codes, at=at)
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
                    if row.kind == "indicator":
                        text = format_percent(index.indicator(row, tier.group), row.decimals)
                    else:
                        text = format_number(index.element(row.code, tier.group, row.dims(col)))
                    line.append(AggCell(tier.group or "", col.option, text))
                row.cells.append(line)
    return AggregateGrid(result.unit, period, tiers, sections, result.notes, form.name)
