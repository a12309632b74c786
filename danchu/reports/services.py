"""Creating and editing reports, and checking their data: the one code path for web, API and CLI.

Every change goes to the change log (`danchu.audit`), with the user set by `audit.acting()`
or passed here. Scoping: callers pass the user; a user may only touch reports of units in
their subtree (`danchu.accounts.permissions`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from danchu.accounts.models import Role
from danchu.accounts.permissions import can
from danchu.analytics.engine import aggregate
from danchu.analytics.validation import Violation, validate
from danchu.audit.log import log_change
from danchu.catalog.models import DataElement
from danchu.text import format_number
from danchu.units.models import Tier, Unit
from danchu.values import periods
from danchu.values.models import DataValue

from . import markup
from .models import Report, ReportSection, ReportTemplate

REPORT_FIELDS = [
    "number",
    "symbol",
    "place",
    "date",
    "title",
    "issuer_lines",
    "recipients",
    "signer_title",
    "signer_name",
    "tree_date",
    "status",
]


def _check_access(user, unit: Unit, role: str = Role.ENTER) -> None:
    if user is not None and not can(user, role, unit):
        raise PermissionDenied(f"Bạn không có quyền với báo cáo của {unit.name}")


def check_access(user, unit: Unit, role: str = Role.VIEW) -> None:
    """Raise PermissionDenied unless `user` holds `role` on `unit` (view to read a report,
    enter to edit it); `None` means a trusted caller such as a command."""
    _check_access(user, unit, role)


def visible_reports(user, role: str = Role.VIEW):
    """Reports of units in the user's subtrees, newest first."""
    return (
        Report.objects.restrict(user, role).select_related("unit", "template").order_by("-updated_at", "-pk")
    )


def _snapshot(report: Report) -> dict:
    out = {f: getattr(report, f) for f in REPORT_FIELDS}
    out["date"] = report.date.isoformat() if report.date else None
    out["tree_date"] = report.tree_date.isoformat() if report.tree_date else None
    return out | {"template": report.template.code, "unit": report.unit.code, "period": report.period}


def check_section_body(body: str, heading: str = "") -> None:
    """Refuse text whose markup is wrong, with a message naming the section, line and column."""
    try:
        markup.parse(body, markup.Catalog.load())
    except markup.MarkupError as exc:
        raise ValueError(f"Mục '{heading}': {exc}" if heading else str(exc))


@transaction.atomic
def create_report(
    template: ReportTemplate, unit: Unit, period: str, user=None, **fields
) -> Report:  # the template's sections are copied into the report
    """A new report for `unit` and `period`, with its own copy of the template's sections."""
    _check_access(user, unit)
    try:
        periods.parse(period)
    except periods.PeriodError as exc:
        raise ValueError(str(exc))
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"Trường không có: {', '.join(sorted(unknown))}")
    report = Report.objects.create(
        template=template, unit=unit, period=period, created_by=user, updated_by=user, **fields
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, order=s.order, heading=s.heading, level=s.level, body=s.body)
        for s in template.sections.all()
    )
    log_change("create", "reports.report", report.pk, str(report), after=_snapshot(report))
    return report


@transaction.atomic
def update_report(report: Report, user=None, **fields) -> Report:
    _check_access(user, report.unit)
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"Trường không có: {', '.join(sorted(unknown))}")
    before = _snapshot(report)
    for key, value in fields.items():
        setattr(report, key, value)
    report.updated_by = user
    report.save()
    log_change("update", "reports.report", report.pk, str(report), before=before, after=_snapshot(report))
    return report


@transaction.atomic
def update_section(
    section: ReportSection, body: str, heading: str | None = None, user=None, level: int | None = None
) -> ReportSection:
    """Save edited narrative text after checking its markup; the old text stays in the change log."""
    _check_access(user, section.report.unit)
    new_heading = section.heading if heading is None else heading
    check_section_body(body, new_heading)
    before = {"heading": section.heading, "level": section.level, "body": section.body}
    section.heading, section.body = new_heading, body
    if level is not None:
        section.level = level
    section.save()
    Report.objects.filter(pk=section.report_id).update(updated_by=user)
    after = {"heading": section.heading, "level": section.level, "body": section.body}
    log_change("update", "reports.reportsection", section.pk, str(section), before=before, after=after)
    return section


@transaction.atomic
def add_section(report: Report, heading: str, body: str = "", level: int = 2, user=None) -> ReportSection:
    _check_access(user, report.unit)
    check_section_body(body, heading)
    last = report.sections.order_by("-order").values_list("order", flat=True).first()
    section = ReportSection.objects.create(
        report=report, order=(last or 0) + 1, heading=heading, body=body, level=level
    )
    log_change(
        "create", "reports.reportsection", section.pk, str(section), after={"heading": heading, "body": body}
    )
    return section


@transaction.atomic
def delete_section(section: ReportSection, user=None) -> None:
    _check_access(user, section.report.unit)
    before = {"heading": section.heading, "level": section.level, "body": section.body}
    log_change("delete", "reports.reportsection", section.pk, str(section), before=before)
    section.delete()


def find_report(unit: Unit, period: str, template: ReportTemplate | None = None) -> Report | None:
    """The latest stored report for this unit and period (and template, if given)."""
    qs = Report.objects.filter(unit=unit, period=period)
    if template is not None:
        qs = qs.filter(template=template)
    return qs.order_by("-updated_at", "-pk").first()


# data check --------------------------------------------------------------------------------


@dataclass
class SilentUnit:
    code: str
    name: str
    tier: str


@dataclass
class Drop:
    """A figure that is zero, or has no value, now where last year's was not zero."""

    element: str
    name: str
    group: str  # child unit code, or the report unit's code for the whole subtree
    group_name: str
    previous: float
    previous_period: str
    now: float | None = 0.0  # None: no value at all this period

    def text(self) -> str:
        state = "chưa có số liệu" if self.now is None else "bằng 0"
        return (
            f"{self.group_name}: {self.name} ({self.element}) {state}, "
            f"năm {self.previous_period[:4]} là {format_number(self.previous)}"
        )


@dataclass
class DataCheck:
    unit: str
    period: str
    violations: list[Violation] = field(default_factory=list)
    silent_units: list[SilentUnit] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.violations or self.silent_units or self.drops)

    def lines(self) -> list[str]:
        """One Vietnamese line per problem."""
        out = [f"Sai quy tắc kiểm tra — {v.unit_name} ({v.unit}): {v.text()}" for v in self.violations]
        out += [f"Chưa báo cáo số liệu — {u.name} ({u.code})" for u in self.silent_units]
        out += [f"{'Thiếu số liệu' if d.now is None else 'Số liệu bằng 0'} — {d.text()}" for d in self.drops]
        return out


def data_check(
    unit: Unit,
    period: str,
    form: str = "QCDC",
    value_filter: Q | None = None,
    reporting_tiers: tuple[str, ...] = (Tier.TINH, Tier.HUYEN, Tier.XA),
    at: dt.date | None = None,
) -> DataCheck:
    """What is wrong with the data before compiling: rule violations in the subtree, units of
    the reporting tiers with no value in the period, and figures (per child unit and for the
    whole subtree) that are zero or missing where the same period last year was not. Both
    periods are counted on the tree of `at` (default: the period's end), so a unit that became
    part of another does not look as if its figures fell to zero."""
    p = periods.parse(period)
    prev = p.same_period_last_year()
    at = at or p.end
    check = DataCheck(unit=unit.code, period=p.code)
    check.violations = validate(unit, p, form, value_filter=value_filter)

    values = DataValue.objects.filter(start__gte=p.start, end__lte=p.end, unit__path__startswith=unit.path)
    if value_filter is not None:
        values = values.filter(value_filter)
    reported = set(values.values_list("unit_id", flat=True).distinct())
    for u in (
        Unit.objects.at(at)
        .subtree(unit)
        .filter(tier__in=reporting_tiers)
        .order_by("path")
        .only("code", "name", "tier")
    ):
        if u.pk not in reported:
            check.silent_units.append(SilentUnit(u.code, u.name, u.tier))

    names = dict(DataElement.objects.values_list("code", "name"))
    unit_names = dict(Unit.objects.at(at).values_list("code", "name"))
    for by in (None, "child"):
        now = aggregate(unit, p, by=by, value_filter=value_filter, at=at)
        before = aggregate(unit, prev, by=by, value_filter=value_filter, at=at)
        totals_now: dict[tuple[str, str | None], float] = {}
        totals_before: dict[tuple[str, str | None], float] = {}
        for res, totals in ((now, totals_now), (before, totals_before)):
            for r in res.rows:
                if r.kind == "element" and r.value is not None:
                    key = (r.element, r.group)
                    totals[key] = totals.get(key, 0) + r.value
        for (code, group), was in sorted(totals_before.items(), key=lambda kv: (kv[0][1] or "", kv[0][0])):
            if was and not totals_now.get((code, group)):
                g = group or now.unit.code
                if by == "child" and g == now.unit.code:
                    continue  # the unit's own figures are already in the whole-subtree line
                check.drops.append(
                    Drop(
                        code,
                        names.get(code, code),
                        g,
                        unit_names.get(g, g),
                        was,
                        prev.code,
                        totals_now.get((code, group)),
                    )
                )
    return check


def today() -> dt.date:
    return dt.date.today()
