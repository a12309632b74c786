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

from django.conf import settings
from django.db.models import Case, Count, Expression, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

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
        out: Counts = {}
        by_month = self.when if isinstance(self.when, MonthOf) else None
        if by_month is not None:
            self._count_by_month(unit, months, by_month, out)
            also = by_month.also
            filters = [(m, q) for m in months if also is not None and (q := also(m)) is not None]
        else:
            filters = [(m, q) for m in months if (q := self.when(m)) is not None]
        if filters:
            self._count_filtered(unit, filters, out)
        return out

    def _split_dims(self) -> tuple[dict[str, str], dict[str, DimValue]]:
        fixed = {k: v for k, v in self.dims.items() if isinstance(v, str)}
        return fixed, {k: v for k, v in self.dims.items() if not isinstance(v, str)}

    def _key(self, fixed: dict, grouped: dict, row: dict) -> str | None:
        dims = dict(fixed) | {k: row[f"dim_{k}"] for k in grouped}
        if any(v in ("", None) for v in dims.values()):
            return None
        return str(DimensionKey.of(dims))

    def _count_by_month(self, unit: Unit, months: list[Month], by: MonthOf, out: Counts) -> None:
        """One query grouped by the Decree 09 month of the date: its cost does not grow with
        the number of months."""
        index = {month_index(m.start): m for m in months}
        fixed, grouped = self._split_dims()
        qs = (
            self.records(unit)
            .filter(self.where, by.only)
            .filter(**{f"{by.date_field}__gte": months[0].start, f"{by.date_field}__lte": months[-1].end})
        )
        qs = qs.annotate(
            month_no=month_index_sql(by.date_field), **{f"dim_{k}": v for k, v in grouped.items()}
        )
        rows = (
            qs.values("month_no", *[f"dim_{k}" for k in grouped]).order_by().annotate(n=self._aggregate(Q()))
        )
        for row in rows:
            m = index.get(row["month_no"])
            key = self._key(fixed, grouped, row)
            if m is not None and key is not None and row["n"]:
                out[(m.code, key)] = out.get((m.code, key), 0) + row["n"]

    def _count_filtered(self, unit: Unit, filters: list[tuple[Month, Q]], out: Counts) -> None:
        """Months that count by a condition of their own: one conditional aggregate each."""
        fixed, grouped = self._split_dims()
        qs = self.records(unit).filter(self.where).filter(reduce(or_, (q for _, q in filters)))
        aggregates = {f"m{i}": self._aggregate(q) for i, (_, q) in enumerate(filters)}
        if grouped:
            qs = qs.annotate(**{f"dim_{k}": v for k, v in grouped.items()})
            rows = list(qs.values(*[f"dim_{k}" for k in grouped]).order_by().annotate(**aggregates))
        else:
            rows = [qs.order_by().aggregate(**aggregates)]
        for row in rows:
            key = self._key(fixed, grouped, row)
            if key is None:
                continue
            for i, (m, _) in enumerate(filters):
                if row[f"m{i}"]:
                    out[(m.code, key)] = out.get((m.code, key), 0) + row[f"m{i}"]


@dataclass(frozen=True)
class MonthOf:
    """Records count in the Decree 09 month of `date_field` (those meeting `only`); `also(month)`
    gives the records a month counts besides (carry-over), or None."""

    date_field: str
    only: Q = field(default_factory=Q)
    also: Callable[[Month], Q | None] | None = None

    def __call__(self, m: Month) -> Q:
        q = Q(**{f"{self.date_field}__gte": m.start, f"{self.date_field}__lte": m.end}) & self.only
        extra = self.also(m) if self.also is not None else None
        return q | extra if extra is not None else q


# one output field for the integer expressions built on every recomputation (a Field costs to make)
INTEGER: IntegerField = IntegerField()


def month_index(day: dt.date) -> int:
    """The Decree 09 month of `day` as a number (year × 12 + month − 1); the day after the cut-off
    belongs to the next month."""
    cutoff = settings.DANCHU_PERIOD_CUTOFF_DAY
    return day.year * 12 + day.month - 1 + (1 if cutoff and day.day > cutoff else 0)


def month_index_sql(date_field: str):
    """`month_index` computed by the database."""
    base = ExtractYear(date_field) * 12 + ExtractMonth(date_field) - 1
    cutoff = settings.DANCHU_PERIOD_CUTOFF_DAY
    if not cutoff:
        return base
    return base + Case(
        When(**{f"{date_field}__day__gt": cutoff}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def in_month(
    date_field: str, only: Q | None = None, also: Callable[[Month], Q | None] | None = None
) -> MonthOf:
    """Records whose `date_field` falls in the month (and meet `only`), plus what `also(month)`
    adds for that month."""
    return MonthOf(date_field, only if only is not None else Q(), also)


def count_together(figures: list[Figure], unit: Unit, months: list[Month]) -> dict[int, Counts]:
    """The month counts of figures that share their records and date: one grouped query with a
    flag per figure (its condition) instead of one query each. {index in `figures`: counts}."""
    first = figures[0]
    assert isinstance(first.when, MonthOf)
    date_field = first.when.date_field
    index = {month_index(m.start): m for m in months}
    exprs: list = []
    for f in figures:
        for v in f.dims.values():
            if not isinstance(v, str) and v not in exprs:
                exprs.append(v)
    flags = {}
    for i, f in enumerate(figures):
        when = f.when
        assert isinstance(when, MonthOf)
        condition = f.where & when.only
        # every record counts for a figure without a condition
        flags[f"flag{i}"] = (
            Case(When(condition, then=Value(1)), default=Value(0), output_field=INTEGER)
            if condition
            else Value(1, output_field=INTEGER)
        )
    sums = {f"sum{i}": Sum(f.measure[4:]) for i, f in enumerate(figures) if f.measure.startswith("sum:")}
    qs = first.records(unit).filter(
        **{f"{date_field}__gte": months[0].start, f"{date_field}__lte": months[-1].end}
    )
    qs = qs.annotate(
        month_no=month_index_sql(date_field), **{f"dim{j}": e for j, e in enumerate(exprs)}, **flags
    )
    columns = ["month_no", *[f"dim{j}" for j in range(len(exprs))], *flags]
    out: dict[int, Counts] = {i: {} for i in range(len(figures))}
    for row in qs.values(*columns).order_by().annotate(n=Count("pk"), **sums):
        m = index.get(row["month_no"])
        if m is None:
            continue
        for i, f in enumerate(figures):
            if not row[f"flag{i}"]:
                continue
            dims = {k: (v if isinstance(v, str) else row[f"dim{exprs.index(v)}"]) for k, v in f.dims.items()}
            if any(v in ("", None) for v in dims.values()):
                continue
            value = row[f"sum{i}"] if f.measure.startswith("sum:") else row["n"]
            if value:
                key = (m.code, str(DimensionKey.of(dims)))
                out[i][key] = out[i].get(key, 0) + value
    return out


def computed(figures: Iterable[Figure], unit: Unit, months: list[Month]) -> dict[tuple[str, str, str], float]:
    """{(element, month code, dimension key): value} for every key of every month, zeros included.
    Figures counted by the month of the same date of the same records (and not by distinct
    values) share one query; the others have their own."""
    figures = list(figures)
    counts: dict[int, Counts] = {}
    together: dict[tuple, list[int]] = {}
    for i, f in enumerate(figures):
        if isinstance(f.when, MonthOf) and not f.measure.startswith("distinct:"):
            together.setdefault((f.records, f.when.date_field), []).append(i)
        else:
            counts[i] = f.count(unit, months)
    for members in together.values():
        shared = count_together([figures[i] for i in members], unit, months)
        for j, i in enumerate(members):
            counts[i] = shared[j]
            when = figures[i].when
            also = when.also if isinstance(when, MonthOf) else None
            extra = [(m, q) for m in months if also is not None and (q := also(m)) is not None]
            if extra:
                figures[i]._count_filtered(unit, extra, counts[i])
    out: dict[tuple[str, str, str], float] = {}
    for i, figure in enumerate(figures):
        for m in months:
            for dims in figure.keys:
                key = str(DimensionKey(dims))
                out[(figure.element, m.code, key)] = counts[i].get((m.code, key), 0)
    return out
