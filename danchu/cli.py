"""Helpers shared by the management commands: output formats and friendly errors."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import CommandError

from danchu.units.models import Unit
from danchu.values import periods


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def table(rows: list[dict], columns: list[str]) -> str:
    """A plain fixed-width text table."""
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def parse_date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày '{text}' không đúng định dạng (dùng YYYY-MM-DD hoặc DD/MM/YYYY)")


def get_period(code: str) -> periods.Period:
    try:
        return periods.parse(code)
    except periods.PeriodError as exc:
        raise CommandError(str(exc))


def get_unit(code: str, at: dt.date) -> Unit:
    unit = Unit.objects.at(at).filter(code=code).order_by("depth").first()
    if unit is None:
        other = Unit.objects.filter(code=code).first()
        if other is None:
            raise CommandError(f"Không có đơn vị mã '{code}' (đã chạy `danchu load_units`?)")
        raise CommandError(
            f"Đơn vị '{code}' ({other.name}) không có hiệu lực ngày {at:%d/%m/%Y}; hiệu lực {other.display_valid()}"
        )
    return unit
