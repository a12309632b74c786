"""Compile a report: fill every figure from analytics, number the footnotes, lay out the appendix.

`compile_report()` returns a `Compiled` document that every writer (DOCX, XLSX, HTML) renders
as it is, so the formats never disagree. Analytics is asked once per (unit, period, grouping)
and the answer cached for the whole compile; no figure runs its own query.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from danchu.analytics.engine import Result, aggregate
from danchu.catalog.models import DataElement, DimensionOption, Form, FormRow, Indicator
from danchu.text import format_number, format_percent
from danchu.units.models import Tier, Unit
from danchu.values import periods
from danchu.values.periods import Period

from . import context as ctx
from . import markup
from .layout import MOTTO, NATIONAL_NAME, PARTY_TITLE
from .models import Layout, Report, ReportTemplate

Progress = Callable[[int, int, str], None]


class CompileError(ValueError):
    """The report cannot be compiled; the message says which section and why, in Vietnamese."""


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


@dataclass
class Run:
    text: str = ""
    figure: Figure | None = None
    footnote: int | None = None  # number of the footnote this run refers to
    bold: bool = False
    italic: bool = False


@dataclass
class CParagraph:
    runs: list[Run]
    bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs if r.footnote is None)


@dataclass
class CFootnote:
    number: int
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class CSection:
    heading: str
    level: int
    paragraphs: list[CParagraph]


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


@dataclass
class Compiled:
    layout: str
    unit_code: str
    unit_name: str
    period: Period
    issuer_lines: list[tuple[str, bool]]  # (text, bold)
    top_right: list[str]  # Party title, or national name and motto
    number_line: str
    place_date: str
    doc_type: str
    title_lines: list[str]
    sections: list[CSection]
    footnotes: list[CFootnote]
    recipients: list[str]
    signer_title: list[str]
    signer_name: str
    appendix: Appendix | None
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    issuer_name: str = ""  # "Ban Chỉ đạo tỉnh về … – Tỉnh ủy Lai Châu": document author

    @property
    def title(self) -> str:
        return " ".join([self.doc_type, *self.title_lines])

    @property
    def file_stem(self) -> str:
        return f"bao-cao-{self.unit_code}-{self.period.code}".replace("/", "_")

    def plain_text(self) -> str:
        """Everything a reader sees, as text (for tests and search)."""
        lines = [t for t, _ in self.issuer_lines] + self.top_right + [self.number_line, self.place_date]
        lines += [self.doc_type, *self.title_lines]
        for s in self.sections:
            lines.append(s.heading)
            lines += [p.text for p in s.paragraphs]
        lines += [f"{n.number} {n.text}" for n in self.footnotes]
        lines += ["Nơi nhận:", *self.recipients, *self.signer_title, self.signer_name]
        if self.appendix:
            lines += ["PHỤ LỤC", *self.appendix.title_lines]
            for t in self.appendix.tables:
                lines.append(f"{t.number}. {t.title}")
                for b in t.blocks:
                    lines.append(b.label)
                    for ln in b.lines:
                        cells = [ln.cell_text(c) for c in ln.cells] + [ln.cell_text(ln.total)]
                        lines.append(f"{ln.label}: {'; '.join(cells)}")
        return "\n".join(x for x in lines if x)


def report_year(period: Period) -> int:
    return int(period.code[:4]) if period.kind != "range" else period.end.year


def date_text(date: dt.date | None, year: int) -> str:
    """ "ngày 05 tháng 01 năm 2024": day below 10 and months 1–2 written with a leading zero."""
    if date is None:
        return f"ngày     tháng     năm {year}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


ABBREVIATIONS = {"BCĐ": "Ban Chỉ đạo", "QCDC": "QCDC", "UBND": "UBND", "HĐND": "HĐND", "MTTQ": "MTTQ"}


def _sentence_case(text: str, names: list[str]) -> str:
    """ "TỈNH ỦY LAI CHÂU" → "Tỉnh ủy Lai Châu": lower case, abbreviations kept, place names restored."""
    words = [ABBREVIATIONS.get(w, w.lower()) for w in text.split()]
    out = " ".join(words)
    for name in names:
        if name:
            out = re.sub(re.escape(name.lower()), name, out)
    return out[:1].upper() + out[1:]


def issuer_name(lines: list[tuple[str, bool]], unit: Unit) -> str:
    """The issuing body written out for the document's author: the bold lines (the body
    itself), then the line above them (its superior), in sentence case."""
    names = [unit.short_name or unit.name]
    body = [t for t, bold in lines if bold] or [t for t, _ in lines]
    above = [t for t, bold in lines if not bold] if len(body) < len(lines) else []
    parts = [_sentence_case(" ".join(body), names)]
    if above:
        parts.append(_sentence_case(" ".join(above), names))
    return " – ".join(p for p in parts if p)


def number_line(layout: str, number: str, symbol: str) -> str:
    if layout == Layout.STATE:
        return f"Số: {number or '     '}/{symbol}"
    return f"Số {number or '     '}-{symbol}"


def draft_report(
    unit: Unit, period: str, template: ReportTemplate | None = None, **fields
) -> Report:  # an unsaved report with the template's sections
    template = template or default_template()
    return Report(template=template, unit=unit, period=period, **fields)


def default_template() -> ReportTemplate:
    tpl = ReportTemplate.objects.filter(is_default=True).first() or ReportTemplate.objects.first()
    if tpl is None:
        raise CompileError("Chưa có mẫu báo cáo nào (chạy `danchu migrate`)")
    return tpl


class _Figures:
    """Analytics answers cached per (unit, period, grouping) for one compile."""

    def __init__(self, root: Unit, value_filter: Q | None):
        self.root = root
        self.value_filter = value_filter
        self.cache: dict[tuple[int, str, str | None, bool], Result] = {}
        self.units: dict[tuple[str, dt.date], Unit] = {}

    def result(self, unit: Unit, period: Period, by: str | None, filtered: bool = True) -> Result:
        key = (unit.pk, period.code, by, filtered)
        if key not in self.cache:
            vf = self.value_filter if filtered else None
            self.cache[key] = aggregate(unit, period, by=by, value_filter=vf)
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


class _Compiler:
    def __init__(
        self, report: Report, value_filter: Q | None, mark_unapproved: bool, progress: Progress | None
    ):
        self.report = report
        self.template = report.template
        self.layout = self.template.layout
        try:
            self.period = periods.parse(report.period)
        except periods.PeriodError as exc:
            raise CompileError(str(exc))
        self.year = report_year(self.period)
        self.root = report.unit
        self.mark = mark_unapproved and value_filter is not None
        # with marking, figures count every value and are compared with the filtered ones
        self.src = _Figures(self.root, None if self.mark else value_filter)
        self.filtered = _Figures(self.root, value_filter) if self.mark else None
        self.progress = progress or (lambda step, total, message: None)
        self.catalog = markup.Catalog.load()
        self.elements = {e.code: e for e in DataElement.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.figures: list[Figure] = []
        self.footnotes: list[CFootnote] = []
        self.notes: list[str] = []
        symbol = report.symbol or self.template.symbol
        self.number_line = number_line(self.layout, report.number, symbol)
        so_ky_hieu = self.number_line.removeprefix("Số: ").removeprefix("Số ")
        self.context = ctx.unit_context(
            self.root,
            self.year,
            number=report.number,
            symbol=symbol,
            date_text=report.date.strftime("%d/%m/%Y") if report.date else f"     /     /{self.year}",
            at=self.period.end,
        )
        self.context["so_ky_hieu"] = so_ky_hieu
        self.context["cac_cap_duoi"] = self.lower_tiers_text()

    def lower_tiers_text(self) -> str:
        """ "cấp huyện, cấp xã": the tiers below the report's unit (villages aside) in its tree."""
        order = [Tier.HUYEN, Tier.XA]
        present = set(
            Unit.objects.at(self.period.end)
            .subtree(self.root, include_self=False)
            .values_list("tier", flat=True)
            .distinct()
        )
        names = dict(Tier.choices)
        below = [names[t].lower() for t in order if t in present and t != self.root.tier]
        return ", ".join(below) or "cấp dưới"

    def fill(self, pattern: str, where: str) -> str:
        try:
            return ctx.fill(pattern, self.context, where)
        except ValueError as exc:
            raise CompileError(str(exc))

    def run(self) -> Compiled:
        r, t = self.report, self.template
        sections = r.section_list()
        steps = len(sections) + 2
        self.progress(0, steps, "Chuẩn bị")
        issuer = []
        for line in self.fill(r.issuer_lines or t.issuer_lines, "Tên cơ quan ban hành").splitlines():
            line = line.strip()
            if line:
                bold = line.startswith("**") and line.endswith("**") and len(line) > 4
                issuer.append((line[2:-2] if bold else line, bold))
        place = self.fill(r.place or t.place, "Địa danh")
        compiled_sections = []
        for i, section in enumerate(sections, start=1):
            self.progress(i, steps, f"Mục {section.heading}")
            compiled_sections.append(self.section(section))
        self.progress(steps - 1, steps, "Phụ lục")
        appendix = self.appendix()
        self.progress(steps, steps, "Xong")
        for res in list(self.src.cache.values()):
            for note in res.notes:
                if note not in self.notes:
                    self.notes.append(note)
        if self.mark and any(f.unapproved for f in self.figures):
            self.notes.append("Số liệu đánh dấu * gồm cả giá trị chưa được duyệt.")
        return Compiled(
            layout=self.layout,
            unit_code=self.root.code,
            unit_name=self.root.name,
            period=self.period,
            issuer_lines=issuer,
            top_right=[PARTY_TITLE] if self.layout == Layout.PARTY else [NATIONAL_NAME, MOTTO],
            number_line=self.number_line,
            place_date=f"{place}, {date_text(r.date, self.year)}",
            doc_type=self.fill(t.doc_type, "Tên loại văn bản"),
            title_lines=self.fill(r.title or t.title, "Trích yếu").splitlines(),
            sections=compiled_sections,
            footnotes=self.footnotes,
            # a line an empty placeholder left without a word ("," or ";") is dropped
            recipients=[
                x.strip()
                for x in self.fill(r.recipients or t.recipients, "Nơi nhận").splitlines()
                if any(ch.isalpha() for ch in x)
            ],
            signer_title=[
                x.strip()
                for x in self.fill(r.signer_title or t.signer_title, "Chức vụ người ký").splitlines()
                if x.strip()
            ],
            signer_name=r.signer_name,
            appendix=appendix,
            figures=self.figures,
            notes=self.notes,
            issuer_name=issuer_name(issuer, self.root),
        )

    # narrative -----------------------------------------------------------------------------

    def section(self, section) -> CSection:
        heading = ctx.fill_text(section.heading, self.context)
        try:
            tree = markup.parse(section.body, self.catalog)
            paragraphs = [self.paragraph(p) for p in tree]
        except (markup.MarkupError, ValueError) as exc:
            raise CompileError(f"Mục '{heading or section.order}': {exc}")
        return CSection(heading=heading, level=section.level, paragraphs=paragraphs)

    def paragraph(self, p: markup.Paragraph) -> CParagraph:
        runs: list[Run] = []
        for part in p.parts:
            if isinstance(part, markup.Footnote):
                number = len(self.footnotes) + 1
                self.footnotes.append(CFootnote(number, [self.run_of(x) for x in part.parts]))
                runs.append(Run(text=str(number), footnote=number))
            else:
                runs.append(self.run_of(part))
        return CParagraph(runs=runs, bullet=p.bullet)

    def run_of(self, part) -> Run:
        if isinstance(part, markup.Text):
            return Run(text=ctx.fill_text(part.text, self.context), bold=part.bold, italic=part.italic)
        try:
            fig = self.figure(part)
        except ValueError as exc:
            raise markup.MarkupError(f"{part.source}: {exc}", part.line, part.column)
        self.figures.append(fig)
        return Run(text=fig.text, figure=fig)

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

    def value_of(self, src: _Figures, ref: markup.FigureRef, period: Period) -> float | None:
        unit = src.unit(ref.unit, period.end)
        res = src.result(unit, period, "tier" if ref.tier else None)
        tiers = self.tiers_of(ref)
        if len(tiers) > 1:
            if ref.code in self.indicators:
                raise ValueError(f"chỉ số {ref.code} chỉ tính được cho một cấp, không cộng nhiều cấp")
            return sum(res.value(ref.code, t, **ref.dims) or 0.0 for t in tiers)
        value = res.value(ref.code, tiers[0] if tiers else None, **ref.dims)
        if value is None and ref.code in self.elements:
            return 0.0
        return value

    def figure(self, ref: markup.FigureRef) -> Figure:
        period = self.figure_period(ref)
        unit = self.src.unit(ref.unit, period.end)
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

    # appendix ------------------------------------------------------------------------------

    def tiers(self, by_tier: Result) -> list[str]:
        present = set(
            Unit.objects.at(self.period.end).subtree(self.root).values_list("tier", flat=True).distinct()
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
        option_names: dict[str, list[tuple[str, str]]] = {}
        for dim, code, name in DimensionOption.objects.order_by("dimension__code", "order").values_list(
            "dimension__code", "code", "name"
        ):
            option_names.setdefault(dim, []).append((code, name))
        rows_by_section: dict[int, list[FormRow]] = {}
        for row in FormRow.objects.filter(section__form=form).order_by("section__order", "order"):
            rows_by_section.setdefault(row.section_id, []).append(row)
        tables = []
        for section in form.sections.order_by("order"):
            if wanted is not None and section.code not in wanted:
                continue
            rows = rows_by_section.get(section.pk, [])
            col_dim = next((r.column_dimension for r in rows if r.column_dimension), "")
            options = option_names.get(col_dim, []) if col_dim else []
            blocks: list[AppendixBlock] = []
            for tier in tiers:
                lines = [self.appendix_line(r, by_tier, tier, col_dim, options, checks) for r in rows]
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
                lines = [self.appendix_line(r, whole, None, col_dim, options, checks) for r in rows]
                blocks.append(AppendixBlock(f"Toàn {self.context['cap']}", None, lines))
            tables.append(AppendixTable(section.code, title, [n for _, n in options], blocks))
        title = self.fill(t.appendix_title or "Số liệu năm {nam}", "Tiêu đề phụ lục")
        return Appendix(title_lines=title.splitlines(), tables=tables)

    def appendix_line(self, row: FormRow, res: Result, group, col_dim, options, checks) -> AppendixLine:
        filt = markup_filter(row.filter)
        if row.indicator is not None:
            ind = row.indicator
            value = res.value(ind.code, group)
            line = AppendixLine(row.label, ind.code, "indicator", [], value, ind.decimals)
            if checks is not None:
                other = checks[0] if group is not None else checks[1]
                line.unapproved = other.value(ind.code, group) != value
            return line
        code = row.element.code if row.element else ""
        use_cols = bool(options) and row.column_dimension == col_dim
        cells: list[float | None] = []
        total = res.value(code, group, **filt)
        if use_cols:
            cells = [res.value(code, group, **filt, **{col_dim: opt}) or 0.0 for opt, _ in options]
            total = sum(c or 0.0 for c in cells)  # the columns are what the total adds up
        line = AppendixLine(row.label, code, "element", cells, total or 0.0)
        if checks is not None:
            other = checks[0] if group is not None else checks[1]
            line.unapproved = (other.value(code, group, **filt) or 0.0) != (
                res.value(code, group, **filt) or 0.0
            )
        return line


def markup_filter(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        if "=" in part:
            k, _, v = part.partition("=")
            out[k.strip()] = v.strip()
    return out


def _number(fig: Figure, value: float | None) -> str:
    if fig.kind == "indicator":
        return "–" if value is None else format_percent(value, fig.decimals)
    return format_number(value or 0)


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
    number = _number(fig, fig.value)
    with_unit = f"{number} {fig.unit_of_measure}".strip() if fig.kind == "element" else number
    if "compare" in flags:
        change = _change(fig, "pct" in flags)
        if change.startswith(("bằng", "chưa")):
            return f"{with_unit}, {change}"
        return f"{with_unit}, {change} so với cùng kỳ năm {(fig.previous_period or '')[:4]}"
    if "delta" in flags:
        return _change(fig, "pct" in flags)
    return with_unit if "dvt" in flags else number


def compile_report(
    report: Report,
    value_filter: Q | None = None,
    mark_unapproved: bool = False,
    progress: Progress | None = None,
) -> Compiled:
    """Compile `report` (saved or drafted with `draft_report`).

    - `value_filter`: a Q on DataValue limiting the values that count, e.g. the approved ones
      (`danchu.collection.services.approved_values_q()`).
    - `mark_unapproved`: with a filter, count every value but mark each figure and appendix
      line whose number differs from the filtered one ("all values, unapproved marked").
    - `progress(step, total, message)` is called as sections are compiled.
    Raises `CompileError` with a Vietnamese message naming the section and the problem.
    """
    return _Compiler(report, value_filter, mark_unapproved, progress).run()
