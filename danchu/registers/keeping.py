"""A unit keeps a register from a date: from then on the register writes the figures it feeds
and hand entry of them is refused for that unit (a guard in the values write path)."""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse

from danchu.audit.log import log_change
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.models import DataValue

from .kinds import REGISTRY, Register, RegisterError
from .models import Keeping


def kept_since(register: Register, unit: Unit) -> dt.date | None:
    return Keeping.objects.filter(unit=unit, kind=register.kind).values_list("since", flat=True).first()


def _month_start(unit: Unit, day: dt.date) -> dt.date:
    start = periods.month_containing(day).start
    return max(start, unit.valid_from) if unit.valid_from else start


def hand_values(register: Register, unit: Unit, since: dt.date):
    """Figures people entered for the register's elements in periods from `since` on."""
    return DataValue.objects.filter(
        unit=unit, element__code__in=register.elements(), end__gte=since, source=""
    ).select_related("element")


def _refuse_hand_values(register: Register, unit: Unit, since: dt.date) -> None:
    found = list(hand_values(register, unit, since).order_by("start", "element__code")[:3])
    if not found:
        return
    listed = "; ".join(f"{v.element.code} kỳ {v.period} = {v.value:g}" for v in found)
    raise RegisterError(
        f"{unit.name} ({unit.code}) đã nhập tay số liệu mà sổ '{register.name}' sẽ tính từ "
        f"{since:%d/%m/%Y} ({listed}…). Sổ chỉ được giữ từ sau các kỳ đó: chọn ngày bắt đầu giữ sổ "
        "sau kỳ cuối cùng đã nhập tay."
    )


def keep(register: Register, unit: Unit, since: dt.date, user=None, reason: str = "admin") -> Keeping:
    """Make `unit` keep `register` from the start of `since`'s month (an admin's choice, or the
    first record's). Refused where hand-entered figures of the register's elements would overlap."""
    start = _month_start(unit, since)
    _refuse_hand_values(register, unit, start)
    found = Keeping.objects.filter(unit=unit, kind=register.kind).first()
    before = {"since": found.since.isoformat()} if found else None
    if found is None:
        found = Keeping.objects.create(unit=unit, kind=register.kind, since=start, set_by=user, reason=reason)
    else:
        found.since, found.set_by, found.reason = start, user, reason
        found.computed_to = None  # every month from the new date is written again
        found.save()
    log_change(
        "update" if before else "create",
        "register_keeping",
        found.pk,
        str(found),
        before,
        {"since": start.isoformat(), "reason": reason},
    )
    return found


def ensure_kept(register: Register, unit: Unit, day: dt.date, user=None, reason: str = "") -> Keeping:
    """Entering or importing a record dated `day` makes the unit keep the register from that
    day's month, or from an earlier month if the record is older, unless an admin set the date."""
    found = Keeping.objects.filter(unit=unit, kind=register.kind).first()
    start = _month_start(unit, day)
    if found is not None and (found.since <= start or found.reason == "admin"):
        return found
    return keep(register, unit, start, user=user, reason=reason or "bản ghi đầu tiên")


def register_url(register: Register, unit: Unit) -> str:
    try:
        return reverse("registers:list", args=[register.slug or register.kind, unit.code])
    except NoReverseMatch:
        return ""


def keeping_guard(rows, user) -> list:
    """`values.services.ROW_GUARDS` hook: refuse hand-entered rows of elements a register feeds
    for a unit that keeps it, in periods from the keeping date on. Rows the register writes
    itself (source = the register) and rows that write back exactly what is stored pass."""
    from danchu.values.services import RowError

    fed = {}
    for reg in REGISTRY.values():
        for code in reg.elements():
            fed[code] = reg
    candidates = [
        r for r in rows if r.element.code in fed and getattr(r, "source", "") != fed[r.element.code].source
    ]
    if not candidates:
        return []
    keepings = {
        (k.unit_id, k.kind): k
        for k in Keeping.objects.filter(
            unit_id__in={r.unit.pk for r in candidates}, kind__in={reg.kind for reg in fed.values()}
        )
    }
    if not keepings:
        return []
    stored = {
        (v.element_id, v.unit_id, v.start, v.end, v.dimensions): v.value
        for v in DataValue.objects.filter(
            unit_id__in={r.unit.pk for r in candidates}, element_id__in={r.element.pk for r in candidates}
        )
    }
    errors = []
    for row in candidates:
        reg = fed[row.element.code]
        keeping = keepings.get((row.unit.pk, reg.kind))
        if keeping is None or row.period.end < keeping.since:
            continue
        if stored.get(row.key) == row.value:
            continue
        url = register_url(reg, row.unit)
        errors.append(
            RowError(
                row.row,
                "element",
                f"{row.element.code} của {row.unit.name} được tính từ sổ '{reg.name}' (đơn vị giữ sổ từ "
                f"{keeping.since:%d/%m/%Y}), không nhập tay: hãy cập nhật sổ"
                + (f" tại {url}" if url else f" (danchu import_register {reg.kind} …)"),
            )
        )
    return errors
