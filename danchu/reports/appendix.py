"""The report's appendix: the form's sections as tables, one block per tier and the whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from danchu.analytics.engine import Result
from danchu.catalog.layout import INDICATOR, Column, LayoutRow, layout
from danchu.catalog.models import Form
from danchu.text import format_number, format_percent
from danchu.units.models import Tier, Unit
from danchu.values.periods import Period

from .figures import Source
from .models import ReportTemplate


@dataclass
class AppendixLine:
    label: str
    code: str
    kind: str  # "element" or "indicator"
    cells: list[float | None]  # one per column option; empty when the row has no column dimension
    total: float | None
    decimals: int = 0
    unapproved: bool = False

    def cell_text(self, value: float | None) -> str:
        if self.kind == "indicator":
            return "–" if value is None else format_percent(value, self.decimals)
        return format_number(value or 0)


@dataclass
class AppendixBlock:
    label: str  # "1.1. Cấp tỉnh" or "Toàn tỉnh"; "" when one tier alone is the whole table
    tier: str | None  # None: the whole subtree
    lines: list[AppendixLine]


@dataclass
class AppendixTable:
    number: str
    title: str
    columns: list[str]  # option names of the column dimension; [] when none
    blocks: list[AppendixBlock]

    @property
    def headers(self) -> list[str]:
        return ["Nội dung", *self.columns, "Tổng số" if self.columns else "Số lượng"]


@dataclass
class Appendix:
    title_lines: list[str]
    tables: list[AppendixTable]


class AppendixBuilder:
    def __init__(
        self,
        template: ReportTemplate,
        root: Unit,
        period: Period,
        src: Source,
        filtered: Source | None,
        cap: str,
        fill: Callable[[str, str], str],
    ):
        self.template = template
        self.root = root
        self.period = period
        self.src = src
        self.filtered = filtered
        self.cap = cap
        self.fill = fill

    def tiers(self, by_tier: Result) -> list[str]:
        present = set(
            Unit.objects.at(self.src.at or self.period.end)
            .subtree(self.root)
            .values_list("tier", flat=True)
            .distinct()
        )
        present |= {g for g in by_tier.groups if g}
        order = [Tier.TINH, Tier.HUYEN, Tier.XA, Tier.THON]
        keep = [t for t in order if t in present]
        if Tier.THON in keep and Tier.THON not in by_tier.groups:
            keep.remove(Tier.THON)
        return [str(t) for t in keep]

    def appendix(self) -> Appendix | None:
        t = self.template
        if t.form_id is None:
            return None
        form: Form = t.form  # type: ignore[assignment]
        wanted = t.section_codes()
        by_tier = self.src.result(self.root, self.period, "tier")
        whole = self.src.result(self.root, self.period, None)
        checks = None
        if self.filtered is not None:
            checks = (
                self.filtered.result(self.root, self.period, "tier"),
                self.filtered.result(self.root, self.period, None),
            )
        tiers = self.tiers(by_tier)
        tier_names = dict(Tier.choices)
        tables = []
        for section in layout(form):
            if wanted is not None and section.code not in wanted:
                continue
            columns = section.spread_columns
            blocks: list[AppendixBlock] = []
            for tier in tiers:
                lines = [self.appendix_line(r, by_tier, tier, columns, checks) for r in section.rows]
                if any(ln.total or any(ln.cells) for ln in lines):  # a tier with nothing is left out
                    blocks.append(
                        AppendixBlock(f"{section.code}.{len(blocks) + 1}. {tier_names[tier]}", tier, lines)
                    )
            title = section.title
            only_tier = blocks[0].tier if len(blocks) == 1 else None
            if only_tier is not None:
                # one tier alone holds the figures: one list, the total would repeat it
                blocks = [AppendixBlock("", only_tier, blocks[0].lines)]
                title = f"{title} (số liệu {tier_names[only_tier].lower()})"
            else:
                lines = [self.appendix_line(r, whole, None, columns, checks) for r in section.rows]
                blocks.append(AppendixBlock(f"Toàn {self.cap}", None, lines))
            tables.append(AppendixTable(section.code, title, [c.label for c in columns], blocks))
        title = self.fill(t.appendix_title or "Số liệu năm {nam}", "Tiêu đề phụ lục")
        return Appendix(title_lines=title.splitlines(), tables=tables)

    def appendix_line(
        self, row: LayoutRow, res: Result, group, columns: list[Column], checks
    ) -> AppendixLine:
        other = None if checks is None else checks[0] if group is not None else checks[1]
        if row.kind == INDICATOR:
            value = res.value(row.code, group)
            line = AppendixLine(row.label, row.code, "indicator", [], value, row.decimals)
            if other is not None:
                line.unapproved = other.value(row.code, group) != value
            return line
        cells: list[float | None] = []
        total = res.value(row.code, group, **row.filter)
        if columns and row.takes(columns[0]):
            cells = [res.value(row.code, group, absent=row.omits(c), **row.dims(c)) or 0.0 for c in columns]
            total = sum(c or 0.0 for c in cells)  # the columns are what the total adds up
        line = AppendixLine(row.label, row.code, "element", cells, total or 0.0)
        if other is not None:
            line.unapproved = (other.value(row.code, group, **row.filter) or 0.0) != (
                res.value(row.code, group, **row.filter) or 0.0
            )
        return line
