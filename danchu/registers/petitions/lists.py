"""The deadline lists: đơn and cases due this week, overdue, and on-time and late resolutions by
unit and kind. Counting records per unit is the register's job; totals over units come from
the figures (VV_QUAHAN, VV_DAGIAIQUYET) through analytics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q

from danchu.units.models import Unit
from danchu.values.periods import Period

from .models import Action, Case, Kind, Petition


@dataclass
class Due:
    """One open step with its limit: accept/handle a đơn, or resolve a case."""

    unit: str
    unit_name: str
    clock: str
    number: str
    kind: str
    due: dt.date
    overdue_days: int
    petition_id: int | None
    case_id: int | None

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    def as_dict(self) -> dict:
        return {
            "unit": self.unit,
            "unit_name": self.unit_name,
            "clock": self.clock,
            "number": self.number,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "overdue_days": self.overdue_days,
        }


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _scoped(qs, user, unit: Unit):
    return qs.filter(unit__path__startswith=unit.path).restrict(user)


def open_steps(
    user, unit: Unit, start: dt.date | None, end: dt.date, at: dt.date, limit: int = 500
) -> list[Due]:
    """Steps still open whose limit falls in [start, end] (start None: any time before `end`),
    earliest first, in the unit's subtree and the user's scope."""
    waiting = _scoped(Petition.objects.filter(action="", due__isnull=False, due__lte=end), user, unit)
    cases = _scoped(
        Case.objects.filter(resolved__isnull=True, resolve_due__isnull=False, resolve_due__lte=end),
        user,
        unit,
    )
    if start is not None:
        waiting, cases = waiting.filter(due__gte=start), cases.filter(resolve_due__gte=start)
    rows: list[Due] = []
    for p in waiting.order_by("due", "pk").values("pk", "number", "kind", "due", "unit__code", "unit__name")[
        :limit
    ]:
        clock = "thu_ly" if p["kind"] in ("khieu_nai", "to_cao") else "xu_ly"
        rows.append(
            Due(
                p["unit__code"],
                p["unit__name"],
                clock,
                p["number"],
                p["kind"],
                p["due"],
                max(0, (at - p["due"]).days),
                p["pk"],
                None,
            )
        )
    for c in cases.order_by("resolve_due", "pk").values(
        "pk", "number", "kind", "resolve_due", "unit__code", "unit__name"
    )[:limit]:
        rows.append(
            Due(
                c["unit__code"],
                c["unit__name"],
                "giai_quyet",
                c["number"],
                c["kind"],
                c["resolve_due"],
                max(0, (at - c["resolve_due"]).days),
                None,
                c["pk"],
            )
        )
    rows.sort(key=lambda r: (r.due, r.unit, r.number))
    return rows[:limit]


def due_this_week(user, unit: Unit, at: dt.date) -> list[Due]:
    """Open steps whose limit falls in the week (Monday–Sunday) of `at`, from `at` on."""
    _, sunday = week_of(at)
    return open_steps(user, unit, at, sunday, at)


def overdue(user, unit: Unit, at: dt.date) -> list[Due]:
    """Open steps whose limit passed before `at`."""
    return open_steps(user, unit, None, at - dt.timedelta(days=1), at)


def timeliness(user, unit: Unit, period: Period, at: dt.date | None = None) -> list[dict]:
    """Per unit and kind: cases resolved on time and late in `period`, and cases still open past
    their limit at the period's end (or `at`), with the on-time rate (late and overdue both count
    against it)."""
    at = min(at or period.end, period.end)
    cases = _scoped(Case.objects.filter(resolve_due__isnull=False), user, unit)
    resolved = cases.filter(resolved__gte=period.start, resolved__lte=period.end)
    counts = {}
    for row in (
        resolved.values("unit__code", "unit__name", "kind")
        .annotate(
            on_time=Count("pk", filter=Q(resolved__lte=F("resolve_due"))),
            late=Count("pk", filter=Q(resolved__gt=F("resolve_due"))),
        )
        .order_by()
    ):
        counts[(row["unit__code"], row["kind"])] = row | {"overdue": 0}
    open_late = cases.filter(accepted__lte=at, resolve_due__lt=at).filter(
        Q(resolved__isnull=True) | Q(resolved__gt=at)
    )
    for row in open_late.values("unit__code", "unit__name", "kind").annotate(n=Count("pk")).order_by():
        key = (row["unit__code"], row["kind"])
        counts.setdefault(
            key,
            {
                "unit__code": key[0],
                "unit__name": row["unit__name"],
                "kind": key[1],
                "on_time": 0,
                "late": 0,
                "overdue": 0,
            },
        )
        counts[key]["overdue"] = row["n"]
    out = []
    for (code, kind), row in sorted(counts.items()):
        total = row["on_time"] + row["late"] + row["overdue"]
        out.append(
            {
                "unit": code,
                "unit_name": row["unit__name"],
                "kind": kind,
                "on_time": row["on_time"],
                "late": row["late"],
                "overdue": row["overdue"],
                "on_time_rate": round(100 * row["on_time"] / total, 1) if total else None,
            }
        )
    return out


__all__ = ["Action", "Due", "due_this_week", "open_steps", "overdue", "timeliness", "week_of"]
