"""Finding a register's records, always through the user's scope: pages, the API, `danchu
register list` and exports all call `find`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from danchu.text import fold
from danchu.units.models import Unit

from .kinds import Register


def search_q(text: str) -> Q:
    """Every word of `text`, diacritics and case ignored, in the record's search text."""
    q = Q()
    for word in fold(text or "").split():
        q &= Q(search_text__contains=word)
    return q


def find(
    register: Register,
    user=None,
    unit: Unit | None = None,
    subtree: bool = True,
    search: str = "",
    at: dt.date | None = None,
    overdue: bool = False,
) -> QuerySet:
    """Records of `register` inside the user's scope (user None: the system sees all), of
    `unit` (and its subtree), matching `search`, late at `at` if `overdue`."""
    qs = register.records(user)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path) if subtree else qs.filter(unit=unit)
    if search.strip():
        qs = qs.filter(search_q(search))
    if overdue:
        late = getattr(register, "overdue_q", None)
        qs = qs.filter(late(at or dt.date.today())) if late else qs.none()
    return qs
