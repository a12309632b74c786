"""Deadlines from the rules table: pick the rule in force for a case's facts, then count its
days on the working-day calendar. Web, API, commands and the registers all call these."""

from __future__ import annotations

import datetime as dt
import time

from . import calendar
from .models import Clock, DayKind, Rule

_RULES: list[tuple[float, list[Rule]]] = []
CACHE_SECONDS = 600


class RuleError(ValueError):
    """A refusal in Vietnamese: an extension the law does not allow, a missing rule."""


def _all_rules() -> list[Rule]:
    now = time.monotonic()
    if _RULES and now - _RULES[0][0] < CACHE_SECONDS:
        return _RULES[0][1]
    rules = list(Rule.objects.all())
    _RULES[:] = [(now, rules)]
    return rules


def clear_cache() -> None:
    _RULES.clear()


def find_rule(clock: str, kind: str, conditions: set[str] | frozenset[str], on: dt.date) -> Rule | None:
    """The rule for `clock` and petition `kind` in force on `on` (the event's date) whose
    conditions the case meets; the one that needs the most of them wins."""
    best: Rule | None = None
    for rule in _all_rules():
        if rule.clock != clock or kind not in rule.kind_list():
            continue
        if rule.effective_from > on or (rule.effective_to is not None and rule.effective_to < on):
            continue
        if not rule.conditions() <= set(conditions):
            continue
        if best is None or (len(rule.conditions()), rule.effective_from) > (
            len(best.conditions()),
            best.effective_from,
        ):
            best = rule
    return best


def due_date(rule: Rule, start: dt.date, extra_days: int = 0) -> dt.date:
    """The last day of the limit: `rule.days` (+ extensions) counted from the day after `start`."""
    total = rule.days + extra_days
    if rule.day_kind == DayKind.WORKING:
        return calendar.add_working_days(start, total)
    return calendar.add_days(start, total, roll=rule.roll_to_working_day)


def check_extension(rule: Rule | None, already: int, days: int) -> None:
    """Refuse an extension the rule does not allow (too many, too long)."""
    if rule is None:
        raise RuleError("Không có quy định thời hạn nào cho vụ việc này, nên không gia hạn được.")
    if days <= 0:
        raise RuleError("Số ngày gia hạn phải lớn hơn 0.")
    if rule.max_extensions == 0:
        raise RuleError(f"{rule.name} ({rule.law}, {rule.article}) không cho phép gia hạn.")
    if already >= rule.max_extensions:
        raise RuleError(
            f"{rule.name} chỉ được gia hạn {rule.max_extensions} lần ({rule.law}, {rule.article}); "
            f"vụ việc đã gia hạn {already} lần."
        )
    if days > rule.extension_days:
        raise RuleError(
            f"Mỗi lần gia hạn tối đa {rule.extension_days} ngày ({rule.law}, {rule.article}), "
            f"không được {days} ngày."
        )


__all__ = ["Clock", "RuleError", "check_extension", "clear_cache", "due_date", "find_rule"]
