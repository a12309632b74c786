"""Finding a unit and a period from a URL, always through the user's scope.

A unit outside the user's subtrees answers 404 (its existence is not revealed); a unit
inside the scope without the role asked for answers 403.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from danchu.accounts.permissions import Role, get_scoped_or_404
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.models import DataValue


def parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def period_containing(day: dt.date) -> periods.Period:
    """The annual reporting period (15/12–14/12 by default) that contains `day`."""
    current = periods.parse(str(day.year))
    return current if day <= current.end else periods.parse(str(day.year + 1))


def default_period(unit: Unit, day: dt.date | None = None) -> periods.Period:
    """The annual period around `day` (today), moved back to the last one the unit saw to its end,
    and back again to the last one with any figure in the unit's subtree, if there is one."""
    period = period_containing(day or dt.date.today())
    while unit.valid_to is not None and period.end > unit.valid_to:
        period = period.previous()
    last = (
        DataValue.objects.filter(unit__path__startswith=unit.path, end__lte=period.end)
        .order_by("-end")
        .values_list("end", flat=True)
        .first()
    )
    return period_containing(last) if last else period


def scoped_unit(user, code: str, *dates: dt.date | None, role: str = Role.VIEW) -> Unit:
    """The unit with `code` in force on the first of `dates` that has one, inside the user's scope."""
    return get_scoped_or_404(
        Unit.objects.all(),
        user,
        role,
        code=code,
        pick=lambda qs: qs.in_force_first(*dates),
        not_found="Không tìm thấy đơn vị",
        forbidden=_("Bạn không có quyền này trên đơn vị"),
    )


def period_from(request) -> tuple[periods.Period | None, str]:
    """`?ky=` of the request: (period, "") or (None, why it was not understood)."""
    code = (request.GET.get("ky") or "").strip()
    if not code:
        return None, ""
    try:
        return periods.parse(code), ""
    except periods.PeriodError as exc:
        return None, str(exc)
