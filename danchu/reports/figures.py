"""The figures a report states: each `{{CODE …}}` of the markup becomes a `Figure` with its
value from analytics, the comparison with the same period last year, and its text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from danchu.analytics.engine import Result, aggregate
from danchu.catalog.models import DataElement, Indicator
from danchu.text import format_number, format_percent
from danchu.units.models import Tier, Unit
from danchu.values import periods
from danchu.values.periods import Period

from . import markup


@dataclass
class Figure:
    """One number placed in the text, with where it comes from."""

    markup: str
    code: str
    kind: str  # "element" or "indicator"
    name: str
    unit_code: str
    unit_name: str
    tier: str | None
    dims: dict[str, str]
    period: str
    value: float | None
    text: str
    unit_of_measure: str = ""
    decimals: int = 0
    previous: float | None = None
    previous_period: str | None = None
    unapproved: bool = False

    @property
    def link(self) -> str:
        """The unit page behind the figure, under the active language's prefix (/en/… in English)."""
        tier = f"&cap={self.tier}" if self.tier else ""
        page = reverse("unit", kwargs={"code": self.unit_code})
        return f"{page}?ky={self.period}&chi_tieu={self.code}{tier}"


class Source:
    """Analytics answers cached per (unit, period, grouping) for one compile, every period laid
    on the tree of one date `at` (the report period's end by default), so that a comparison
    with last year counts last year's figures on this year's units."""

    def __init__(self, root: Unit, value_filter: Q | None, at: dt.date | None = None):
        self.root = root
        self.value_filter = value_filter
        self.at = at
        self.cache: dict[tuple[int, str, str | None, bool], Result] = {}
        self.units: dict[tuple[str, dt.date], Unit] = {}

    def result(self, unit: Unit, period: Period, by: str | None, filtered: bool = True) -> Result:
        key = (unit.pk, period.code, by, filtered)
        if key not in self.cache:
            vf = self.value_filter if filtered else None
            self.cache[key] = aggregate(unit, period, by=by, value_filter=vf, at=self.at)
        return self.cache[key]

    def unit(self, code: str | None, at: dt.date) -> Unit:
        if code is None:
            return self.root
        if (code, at) not in self.units:
            found = Unit.objects.at(at).filter(code=code, path__startswith=self.root.path).first()
            if found is None:
                raise ValueError(f"đơn vị mã '{code}' không thuộc {self.root.name} ngày {at:%d/%m/%Y}")
            self.units[(code, at)] = found
        return self.units[(code, at)]


class FigureMaker:
    """Turns the markup's figure references into `Figure`s for one report's unit and period."""

    def __init__(self, root: Unit, period: Period, src: Source, filtered: Source | None):
        self.root = root
        self.period = period
        self.src = src
        self.filtered = filtered
        self.elements = {e.code: e for e in DataElement.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}

    def figure_period(self, ref: markup.FigureRef) -> Period:
        if ref.period is None:
            return self.period
        if ref.period in ("truoc", "cung_ky"):
            return self.period.same_period_last_year()
        return periods.parse(ref.period)

    def tiers_of(self, ref: markup.FigureRef) -> list[str]:
        """The tiers a figure counts: `tinh`, `huyen,xa`, or relative to the report's unit
        (`rieng` its own tier, `duoi` every tier below it)."""
        if not ref.tier:
            return []
        order = [str(t) for t in (Tier.TINH, Tier.HUYEN, Tier.XA, Tier.THON)]
        own = self.root.tier if self.root.tier in order else order[0]
        if ref.tier == "rieng":
            return [own]
        if ref.tier == "duoi":
            return order[order.index(own) + 1 :]
        return ref.tier.split(",")

    @property
    def at(self) -> dt.date:
        """The date of the tree every figure is counted on, the previous period's too."""
        return self.src.at or self.period.end

    def value_of(self, src: Source, ref: markup.FigureRef, period: Period) -> float | None:
        """The figure, or None when no value makes it up (no value is not zero)."""
        unit = src.unit(ref.unit, self.at)
        res = src.result(unit, period, "tier" if ref.tier else None)
        tiers = self.tiers_of(ref)
        if len(tiers) > 1:
            if ref.code in self.indicators:
                raise ValueError(f"chỉ số {ref.code} chỉ tính được cho một cấp, không cộng nhiều cấp")
            found = [v for t in tiers if (v := res.value(ref.code, t, **ref.dims)) is not None]
            return sum(found) if found else None
        return res.value(ref.code, tiers[0] if tiers else None, **ref.dims)

    def figure(self, ref: markup.FigureRef) -> Figure:
        period = self.figure_period(ref)
        unit = self.src.unit(ref.unit, self.at)
        value = self.value_of(self.src, ref, period)
        is_indicator = ref.code in self.indicators
        if is_indicator:
            ind = self.indicators[ref.code]
            name, uom, decimals = ind.name, "", ind.decimals
        else:
            el = self.elements[ref.code]
            name, uom, decimals = el.name, el.unit_of_measure, 0
        fig = Figure(
            markup=ref.source,
            code=ref.code,
            kind="indicator" if is_indicator else "element",
            name=name,
            unit_code=unit.code,
            unit_name=unit.name,
            tier=",".join(self.tiers_of(ref)) or None,
            dims=dict(ref.dims),
            period=period.code,
            value=value,
            text="",
            unit_of_measure=uom,
            decimals=decimals,
        )
        if self.filtered is not None:
            fig.unapproved = self.value_of(self.filtered, ref, period) != value
        if ref.flags & {"compare", "delta"}:
            prev = period.same_period_last_year()
            fig.previous_period = prev.code
            fig.previous = self.value_of(self.src, ref, prev)
        fig.text = figure_text(fig, ref.flags)
        return fig


NO_DATA = "chưa có số liệu"


def _number(fig: Figure, value: float | None) -> str:
    if fig.kind == "indicator":
        return "–" if value is None else format_percent(value, fig.decimals)
    return format_number(value)


def _change(fig: Figure, with_pct: bool) -> str:
    """ "tăng 73 đơn", "giảm 116 lượt (13,1%)", or "bằng cùng kỳ năm 2022"."""
    prev_year = (fig.previous_period or "")[:4]
    if fig.previous is None or fig.value is None:
        return f"chưa có số liệu cùng kỳ năm {prev_year}"
    diff = fig.value - fig.previous
    if fig.kind == "indicator":
        diff = round(diff, fig.decimals)
        amount = f"{format_number(abs(diff), fig.decimals)} điểm phần trăm"
    else:
        amount = f"{format_number(abs(diff))} {fig.unit_of_measure}".strip()
    if diff == 0:
        return f"bằng cùng kỳ năm {prev_year}"
    text = f"{'tăng' if diff > 0 else 'giảm'} {amount}"
    if with_pct and fig.kind == "element" and fig.previous:
        text += f" ({format_percent(abs(diff) / fig.previous * 100, 1)})"
    return text


def figure_text(fig: Figure, flags: frozenset[str]) -> str:
    """The figure as the sentence reads it; "chưa có số liệu" when no value makes it up, and no
    comparison when the same period last year has no value."""
    if fig.value is None and fig.kind == "element":
        return NO_DATA
    number = _number(fig, fig.value)
    with_unit = f"{number} {fig.unit_of_measure}".strip() if fig.kind == "element" else number
    if "compare" in flags and fig.previous is None:
        return with_unit
    if "compare" in flags:
        change = _change(fig, "pct" in flags)
        if change.startswith(("bằng", "chưa")):
            return f"{with_unit}, {change}"
        return f"{with_unit}, {change} so với cùng kỳ năm {(fig.previous_period or '')[:4]}"
    if "delta" in flags:
        return _change(fig, "pct" in flags)
    return with_unit if "dvt" in flags else number
