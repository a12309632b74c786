"""Recomputing a register's figures after its records change, in the same transaction.

`changed(register, unit, *dates)` is called by every service that changes records, with the
dates the change touches (before and after); the register says which months those dates can
affect (`Register.months_for`). Every month from the keeping date to the current one is written
once (zeros included); later changes rewrite only the affected months. Inside `batch()`
(imports, the demo) recomputation waits until the batch ends and runs once per unit, in path
order (a fixed lock order for concurrent writers)."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction

from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.services import InputRow, WriteResult, apply_rows

from .figures import Month, computed, months_between
from .kinds import Register
from .models import Keeping

_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar("danchu_register_batch", default=None)


def today() -> dt.date:
    return dt.date.today()


def horizon(unit: Unit) -> dt.date:
    """The last day figures are written up to: today, or the unit's last day."""
    last = today()
    return min(last, unit.valid_to) if unit.valid_to is not None else last


def recompute(register: Register, unit: Unit, dates: Iterable[dt.date] | None = None) -> WriteResult:
    """Write the register's figures for `unit`: the months `dates` affect, and every month
    from the keeping date not written yet (all of them when `dates` is None). Only values that
    differ from the stored ones go through `apply_rows`."""
    keeping = Keeping.objects.filter(unit=unit, kind=register.kind).first()
    if keeping is None:
        return WriteResult()
    last = horizon(unit)
    if keeping.since > last:
        return WriteResult()
    wanted: dict[str, Month] = {}
    if dates is None or keeping.computed_to is None or keeping.computed_to < keeping.since:
        fill_from = keeping.since
    else:
        fill_from = keeping.computed_to + dt.timedelta(days=1)
        days = sorted({d for d in dates if d is not None and keeping.since <= d <= last})
        if days:
            wanted.update({m.code: m for m in register.months_for(unit, days, last)})
    if fill_from <= last:
        wanted.update({m.code: m for m in months_between(unit, fill_from, last)})
    months = sorted(wanted.values(), key=lambda m: m.start)
    result = _write(register, unit, months) if months else WriteResult()
    if keeping.computed_to != last:
        Keeping.objects.filter(pk=keeping.pk).update(computed_to=last)
    return result


def _write(register: Register, unit: Unit, months: list[Month]) -> WriteResult:
    fresh = computed(register.figures, unit, months)
    codes = {m.code for m in months}
    stored = {
        (code, period, dims): (value, source)
        for code, period, dims, value, source in DataValue.objects.filter(
            unit=unit,
            element__code__in=register.elements(),
            start__gte=months[0].start,
            end__lte=months[-1].end,
        ).values_list("element__code", "period", "dimensions", "value", "source")
        if period in codes
    }
    rows = [
        InputRow(element=el, unit=unit.code, period=period, value=value, dimensions=dims)
        for (el, period, dims), value in fresh.items()
        if stored.get((el, period, dims)) != (float(value), register.source)
    ]
    if not rows:
        return WriteResult()
    return apply_rows(rows, source=register.source, file=register.name)


def changed(register: Register, unit: Unit, *dates: dt.date | None) -> None:
    """Records of `unit` changed on `dates`: recompute now, or at the end of the batch."""
    days = {d for d in dates if d is not None}
    pending = _pending.get()
    if pending is None:
        recompute(register, unit, days)
        return
    key = (register.kind, unit.pk)
    if key in pending:
        pending[key][2].update(days)
    else:
        pending[key] = (register, unit, set(days))


@contextmanager
def batch():
    """Defer recomputation to the end of the block (one per unit); all in one transaction."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set({})
    try:
        with transaction.atomic():
            yield
            pending = _pending.get() or {}
            for register, unit, days in sorted(pending.values(), key=lambda p: (p[1].path, p[0].kind)):
                recompute(register, unit, days)
    finally:
        _pending.reset(token)
