"""The legal clocks of a petition and its case, from the rules table (danchu/legal)."""

from __future__ import annotations

import datetime as dt

from danchu.legal import clocks

from .models import Case, Kind, Petition


def petition_clock(petition: Petition) -> tuple[str, str]:
    """(clock, label): acceptance for complaints and denunciations, handling for the others."""
    if petition.kind in (Kind.KHIEU_NAI, Kind.TO_CAO):
        return "thu_ly", "thụ lý"
    return "xu_ly", "xử lý"


def set_petition_due(petition: Petition) -> None:
    clock, _ = petition_clock(petition)
    facts = petition.case.conditions() if petition.case_id else set()
    rule = clocks.find_rule(clock, petition.kind, facts, petition.received)
    petition.due = clocks.due_date(rule, petition.received) if rule else None
    petition.due_rule = rule.code if rule else ""


def resolve_rule(case: Case):
    if case.accepted is None:
        return None
    return clocks.find_rule("giai_quyet", case.kind, case.conditions(), case.accepted)


def set_case_due(case: Case) -> None:
    """The resolution limit from acceptance plus the extensions recorded."""
    rule = resolve_rule(case)
    if rule is None or case.accepted is None:
        case.resolve_due, case.resolve_rule = None, ""
        return
    extra = sum(case.extensions.values_list("days", flat=True)) if case.pk else 0
    case.resolve_due = clocks.due_date(rule, case.accepted, extra)
    case.resolve_rule = rule.code


def deadlines(petition: Petition) -> dict[str, dt.date | None]:
    """{"thu_ly"|"xu_ly": date, "giai_quyet": date}, as stored on the petition and its case."""
    clock, _ = petition_clock(petition)
    out: dict[str, dt.date | None] = {clock: petition.due}
    if petition.case_id and petition.case.resolve_rule:
        out["giai_quyet"] = petition.case.resolve_due
    return out


def is_overdue(petition: Petition, at: dt.date) -> bool:
    """Late at `at`: handled (or, if not handled by `at`, still waiting) past its acceptance or
    handling limit, or its case resolved (or still open at `at`) past the resolution limit. A step
    done late stays late."""
    if petition.due:
        done = petition.handled if petition.action and petition.handled and petition.handled <= at else None
        if (done or at) > petition.due:
            return True
    case = petition.case if petition.case_id else None
    if case is not None and case.resolve_due and case.accepted and case.accepted <= at:
        done = case.resolved if case.resolved and case.resolved <= at else None
        return (done or at) > case.resolve_due
    return False
