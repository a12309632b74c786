"""How a register's records become figures: each `Figure` counts records into monthly values of
one element (Decree 09 months), and `recompute` writes them through the one values write path
(`apply_rows`, with `source` = the register) in the caller's transaction.

What a register writes (docs/registers.md):
- every month from the month the unit started keeping the register up to the current month, and
  for every dimension combination the figure declares, a value — 0 where nothing counts: a unit
  that keeps the book and received nothing reports a real 0, not "no value";
- a month the unit is not in force throughout is cut to the days it is (an explicit range period);
- only values that differ from what is stored are passed to `apply_rows`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Expression, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from danchu.catalog.dimensions import DimensionKey
from danchu.units.models import Unit
from danchu.values import periods


@dataclass(frozen=True)
class Month:
    """A Decree 09 month, or the part of it the unit is in force; `year` is its reporting year."""

    code: str
    start: dt.date
    end: dt.date
    year: periods.Period

    @property
    def first_of_year(self) -> bool:
        return self.start <= self.year.start

    @property
    def last_of_year(self) -> bool:
        return self.end >= self.year.end


def months_between(unit: Unit, first: dt.date, last: dt.date) -> list[Month]:
    """The months from the one containing `first` to the one containing `last`, cut to the
    unit's validity."""
    out: list[Month] = []
    month = periods.month_containing(first)
    while month.start <= last:
        start = max(month.start, unit.valid_from or month.start)
        end = min(month.end, unit.valid_to or month.end)
        if start <= end:
            code = (
                month.code if (start, end) == (month.start, month.end) else f"{start:%Y-%m-%d}/{end:%Y-%m-%d}"
            )
            out.append(Month(code, start, end, periods.year_containing(month.end)))
        month = periods.month_containing(month.end + dt.timedelta(days=1))
    return out


DimValue = str | Expression | F


def mapped(field_name: str, mapping: dict[str, str]) -> Expression:
    """A dimension option computed in the database from a field ("phan_anh" → "kien_nghi")."""
    from django.db.models import Case, CharField, When

    return Case(
        *[When(**{field_name: k}, then=Value(v)) for k, v in mapping.items()],
        default=Value(""),
        output_field=CharField(),
    )


def product(**options: list[str]) -> list[dict[str, str]]:
    """Every combination of the options given per dimension: the keys a figure writes."""
    names = sorted(options)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(options[n] for n in names))]


Counts = dict[tuple[str, str], float]


@dataclass
class Figure:
    """One element a register feeds.

    - `records(unit)`: the records that may count (a queryset);
    - `when(month)`: which of them count in `month` (a Q), or None when none can;
    - `dims`: dimension → a fixed option (a string) or a database expression (`F("form")`,
      `mapped("kind", {...})`) whose value is the option;
    - `measure`: "count" (records), "distinct:<field>" or "sum:<field>";
    - `keys`: the dimension combinations written each month (0 when nothing counts).
    """

    element: str
    records: Callable[[Unit], QuerySet]
    when: Callable[[Month], Q | None]
    keys: list[dict[str, str]]
    dims: dict[str, DimValue] = field(default_factory=dict)
    measure: str = "count"
    where: Q = field(default_factory=Q)
    label: str = ""

    def _aggregate(self, q: Q):
        if self.measure == "count":
            return Count("pk", filter=q)
        kind, _, name = self.measure.partition(":")
        if kind == "distinct":
            return Count(name, filter=q, distinct=True)
        if kind == "sum":
            return Coalesce(Sum(name, filter=q), Value(0))
        raise ValueError(f"measure '{self.measure}' không hợp lệ")

    def count(self, unit: Unit, months: list[Month]) -> Counts:
        """{(month code, dimension key): value} for the months where anything counts."""
        filters: list[tuple[Month, Q]] = []
        for m in months:
            q = self.when(m)
            if q is not None:
                filters.append((m, q))
        if not filters:
            return {}
        fixed = {k: v for k, v in self.dims.items() if isinstance(v, str)}
        grouped = {k: v for k, v in self.dims.items() if not isinstance(v, str)}
        qs = self.records(unit).filter(self.where).filter(reduce(or_, (q for _, q in filters)))
        qs = qs.annotate(**{f"dim_{k}": v for k, v in grouped.items()})
        qs = qs.values(*[f"dim_{k}" for k in grouped]).order_by()
        rows = qs.annotate(**{f"m{i}": self._aggregate(q) for i, (_, q) in enumerate(filters)})
        out: Counts = {}
        for row in rows:
            dims = dict(fixed) | {k: row[f"dim_{k}"] for k in grouped}
            if any(v in ("", None) for v in dims.values()):
                continue
            key = str(DimensionKey.of(dims))
            for i, (m, _) in enumerate(filters):
                if row[f"m{i}"]:
                    out[(m.code, key)] = out.get((m.code, key), 0) + row[f"m{i}"]
        return out


def in_month(date_field: str) -> Callable[[Month], Q]:
    """Records whose `date_field` falls in the month."""
    return lambda m: Q(**{f"{date_field}__gte": m.start, f"{date_field}__lte": m.end})


def computed(figures: Iterable[Figure], unit: Unit, months: list[Month]) -> dict[tuple[str, str, str], float]:
    """{(element, month code, dimension key): value} for every key of every month, zeros included."""
    out: dict[tuple[str, str, str], float] = {}
    for figure in figures:
        counts = figure.count(unit, months)
        for m in months:
            for dims in figure.keys:
                key = str(DimensionKey(dims))
                out[(figure.element, m.code, key)] = counts.get((m.code, key), 0)
    return out
