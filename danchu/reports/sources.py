"""Where a figure of a report comes from: which units and which stored values make it up.

`figure_sources()` answers the link behind every highlighted figure of the preview. It
uses the same engine as the compile (`analytics.engine.aggregate`) for the figure itself
and lists the `DataValue` rows of the subtree that feed it, restricted to what the user may
see (`danchu.accounts.permissions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q

from danchu.analytics.engine import aggregate
from danchu.catalog.expressions import Expression, parse_filter
from danchu.catalog.models import DataElement, DimensionOption, Indicator
from danchu.text import format_number, format_percent
from danchu.units.models import Tier, Unit
from danchu.values import periods
from danchu.values.models import DataValue

MAX_LINES = 2000


class SourceError(ValueError):
    """The figure asked for cannot be explained; the message says why, in Vietnamese."""


@dataclass
class SourceLine:
    unit_code: str
    unit_name: str
    tier: str
    period: str
    dimensions: str  # option names, "Bí thư; Kế hoạch"
    value: float
    updated_by: str
    updated_at: object
    unapproved: bool = False

    @property
    def value_text(self) -> str:
        return format_number(self.value, 0 if self.value == int(self.value) else 2)


@dataclass
class SourcePart:
    """One data element (with a dimension filter) and the stored values that make it up."""

    label: str
    code: str
    name: str
    filter: dict[str, str]
    stock: bool
    lines: list[SourceLine] = field(default_factory=list)
    total: float = 0.0
    truncated: bool = False

    @property
    def total_text(self) -> str:
        return format_number(self.total)


@dataclass
class FigureSource:
    code: str
    name: str
    kind: str  # element or indicator
    unit: Unit
    period: periods.Period
    tier: str | None
    dims: dict[str, str]
    dims_text: str
    value: float | None
    value_text: str
    parts: list[SourcePart]
    notes: list[str]

    @property
    def units_count(self) -> int:
        return len({ln.unit_code for p in self.parts for ln in p.lines})


def _option_names() -> dict[tuple[str, str], str]:
    return {
        (d, c): n
        for d, c, n in DimensionOption.objects.values_list("dimension__code", "code", "name").order_by()
    }


def _dims_text(dims: dict[str, str], names: dict[tuple[str, str], str]) -> str:
    return "; ".join(names.get((k, v), v) for k, v in sorted(dims.items()))


def figure_sources(
    user,
    root: Unit,
    code: str,
    period: str,
    unit_code: str | None = None,
    tier: str | None = None,
    dims: dict[str, str] | None = None,
    value_filter: Q | None = None,
    mark_unapproved: bool = False,
) -> FigureSource:
    """The figure `code` for `unit_code` (a unit of `root`'s subtree, default `root`), `period`,
    `tier` and dimension options `dims`, with every stored value of the subtree behind it.

    `value_filter` and `mark_unapproved` mean what they mean to `compile_report`: count only
    the values the filter keeps, or count every value and mark the lines it does not keep."""
    only = None if mark_unapproved else value_filter
    marks = value_filter if mark_unapproved else None
    dims = dict(dims or {})
    try:
        p = periods.parse(period)
    except periods.PeriodError as exc:
        raise SourceError(str(exc))
    tiers = [t for t in (tier or "").split(",") if t]  # "huyen,xa": several tiers added up
    if any(t not in Tier.values for t in tiers):
        raise SourceError(f"Cấp '{tier}' không có (chọn tinh, huyen, xa hoặc thon)")
    if len(tiers) > 1 and Indicator.objects.filter(code=code).exists():
        raise SourceError(f"Chỉ số {code} chỉ tính được cho một cấp")
    unit = root
    if unit_code and unit_code != root.code:
        found = Unit.objects.restrict(user).at(p.end).subtree(root).filter(code=unit_code).first()
        if found is None:
            raise SourceError(f"Đơn vị mã '{unit_code}' không thuộc {root.name} ngày {p.end:%d/%m/%Y}")
        unit = found
    element = DataElement.objects.filter(code=code).first()
    indicator = None if element else Indicator.objects.filter(code=code).first()
    if element is None and indicator is None:
        raise SourceError(f"Không có chỉ tiêu hay chỉ số mã '{code}'")
    result = aggregate(unit, p, by="tier" if tier else None, elements=[code], value_filter=only)
    value: float | None
    if len(tiers) > 1:
        value = sum(result.value(code, t, **dims) or 0.0 for t in tiers)
    else:
        value = result.value(code, tier or None, **({} if indicator else dims))
    names = _option_names()
    if indicator is not None:
        value_text = "–" if value is None else format_percent(value, indicator.decimals)
        parts = []
        for label, expr in (("Tử số", indicator.numerator), ("Mẫu số", indicator.denominator)):
            for ref in Expression(expr).refs():
                parts.append(
                    _part(user, unit, p, tier, ref.code, dict(ref.filter), f"{label}: {expr}", only, marks)
                )
        name = indicator.name
    else:
        value = value or 0.0
        value_text = format_number(value)
        parts = [_part(user, unit, p, tier, code, dims, "", only, marks)]
        assert element is not None  # neither an element nor an indicator was refused above
        name = element.name
    notes = list(result.notes)
    if any(part.stock for part in parts):
        notes.append("Chỉ tiêu thời điểm: mỗi đơn vị chỉ tính giá trị cuối cùng trong kỳ.")
    return FigureSource(
        code=code,
        name=name,
        kind="indicator" if indicator else "element",
        unit=unit,
        period=p,
        tier=tier or None,
        dims=dims,
        dims_text=_dims_text(dims, names),
        value=value,
        value_text=value_text,
        parts=parts,
        notes=notes,
    )


def _part(
    user, unit: Unit, p, tier, code: str, filt: dict[str, str], label: str, only: Q | None, marks: Q | None
) -> SourcePart:
    el = DataElement.objects.get(code=code)
    part = SourcePart(
        label=label,
        code=code,
        name=el.name,
        filter=filt,
        stock=el.time_aggregation == DataElement.TimeAggregation.STOCK,
    )
    qs = (
        DataValue.objects.filter(element=el, start__gte=p.start, end__lte=p.end)
        .filter(unit__path__startswith=unit.path)
        .restrict(user)
        .select_related("unit", "updated_by")
        .order_by("unit__path", "start", "dimensions")
    )
    if tier:
        qs = qs.filter(unit__tier__in=tier.split(","))
    for key, option in filt.items():  # dimensions are stored "key=option;key=option", keys sorted
        qs = qs.filter(dimensions__regex=rf"(^|;){re.escape(key)}={re.escape(option)}(;|$)")
    if only is not None:
        qs = qs.filter(only)
    kept = set(qs.filter(marks).values_list("pk", flat=True)) if marks is not None else None
    names = _option_names()
    for dv in qs.iterator():
        dims = parse_filter(dv.dimensions) if dv.dimensions else {}
        part.total += dv.value
        if len(part.lines) >= MAX_LINES:
            part.truncated = True
            continue
        part.lines.append(
            SourceLine(
                unit_code=dv.unit.code,
                unit_name=dv.unit.name,
                tier=dv.unit.get_tier_display(),
                period=dv.period,
                dimensions=_dims_text(dims, names),
                value=dv.value,
                updated_by=dv.updated_by.get_username() if dv.updated_by else "",
                updated_at=dv.updated_at,
                unapproved=kept is not None and dv.pk not in kept,
            )
        )
    return part
