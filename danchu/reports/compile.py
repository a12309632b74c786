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

from danchu.units.models import Tier, Unit, successor_at
from danchu.values import periods
from danchu.values.periods import Period

from . import context as ctx
from . import fonts, markup
from .appendix import Appendix, AppendixBuilder
from .figures import Figure, FigureMaker, Source
from .layout import MOTTO, NATIONAL_NAME, PARTY_TITLE
from .models import Layout, Report, ReportTemplate

Progress = Callable[[int, int, str], None]


class CompileError(ValueError):
    """The report cannot be compiled; the message says which section and why, in Vietnamese."""


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
        # every figure, last year's too, is counted on the tree of one date
        self.at = report.tree_date or self.period.end
        self.root = report.unit
        if not self.root.is_valid_at(self.at):
            successor = successor_at(self.root, self.at)
            if successor is None:
                raise CompileError(
                    f"{self.root.name} ({self.root.code}) không có hiệu lực ngày {self.at:%d/%m/%Y} "
                    "và không có đơn vị kế thừa"
                )
            self.root = successor
        self.mark = mark_unapproved and value_filter is not None
        # with marking, figures count every value and are compared with the filtered ones
        self.src = Source(self.root, None if self.mark else value_filter, self.at)
        self.filtered = Source(self.root, value_filter, self.at) if self.mark else None
        self.figure_maker = FigureMaker(self.root, self.period, self.src, self.filtered)
        self.progress = progress or (lambda step, total, message: None)
        self.catalog = markup.Catalog.load()
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
            at=self.at,
        )
        self.context["so_ky_hieu"] = so_ky_hieu
        self.context["cac_cap_duoi"] = self.lower_tiers_text()

    def lower_tiers_text(self) -> str:
        """ "cấp huyện, cấp xã": the tiers below the report's unit (villages aside) in its tree."""
        order = [Tier.HUYEN, Tier.XA]
        present = set(
            Unit.objects.at(self.at)
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
        appendix = AppendixBuilder(
            self.template, self.root, self.period, self.src, self.filtered, self.context["cap"], self.fill
        ).appendix()
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
                note_runs = self.runs_of(part.parts)
                if not note_runs:
                    continue  # every clause of the footnote was left out
                number = len(self.footnotes) + 1
                self.footnotes.append(CFootnote(number, note_runs))
                runs.append(Run(text=str(number), footnote=number))
            else:
                runs.extend(self.runs_of([part]))
        return CParagraph(runs=runs, bullet=p.bullet)

    def runs_of(self, parts) -> list[Run]:
        """Runs of text and figures; a clause one of whose own figures has no value is left out,
        with everything in it."""
        out: list[Run] = []
        for part in parts:
            if not isinstance(part, markup.Clause):
                out.append(self.run_of(part))
                continue
            kept, inner, missing = len(self.figures), [], False
            for sub in part.parts:
                if isinstance(sub, markup.Clause):
                    inner.extend(self.runs_of([sub]))
                    continue
                run = self.run_of(sub)
                missing = missing or (run.figure is not None and run.figure.value is None)
                inner.append(run)
            if missing:
                del self.figures[kept:]
            else:
                out.extend(inner)
        return out

    def run_of(self, part) -> Run:
        if isinstance(part, markup.Text):
            return Run(text=ctx.fill_text(part.text, self.context), bold=part.bold, italic=part.italic)
        try:
            fig = self.figure_maker.figure(part)
        except ValueError as exc:
            raise markup.MarkupError(f"{part.source}: {exc}", part.line, part.column)
        self.figures.append(fig)
        return Run(text=fig.text, figure=fig)

    # appendix ------------------------------------------------------------------------------


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
    The notes say when this machine's font lacks characters the report uses (`fonts.check`).
    """
    compiled = _Compiler(report, value_filter, mark_unapproved, progress).run()
    compiled.notes.extend(fonts.check(compiled))
    return compiled
