"""Parsing of query parameters and scope checks shared by the routers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404

from danchu.accounts.permissions import Role, get_scoped_or_404
from danchu.units.models import Unit
from danchu.values import periods

from .errors import ApiError

NOT_FOUND_OR_FORBIDDEN = "Không tìm thấy đơn vị mã '{code}' (hoặc bạn không có quyền xem đơn vị này)."


def parse_date(text: str | None, column: str = "at") -> dt.date:
    if not text:
        return dt.date.today()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ApiError(422, f"Ngày '{text}' không đúng định dạng (dùng YYYY-MM-DD hoặc DD/MM/YYYY).", column)


def parse_period(code: str | None, column: str = "period") -> periods.Period:
    if not code:
        raise ApiError(422, "Thiếu kỳ báo cáo (ví dụ 2023, 2023-05, 2023Q2, 2023S1).", column)
    try:
        return periods.parse(code.strip())
    except periods.PeriodError as exc:
        raise ApiError(422, str(exc), column)


def codes(text: str | None) -> list[str] | None:
    items = [c.strip() for c in (text or "").split(",") if c.strip()]
    return items or None


def unit_at(user, code: str, date: dt.date, role: str = Role.VIEW, column: str = "unit") -> Unit:
    """The unit carrying `code` on `date`, if the user may see it; 404 alike for missing and out of scope,
    so the API does not tell which units exist outside one's subtree."""
    code = code.strip()
    try:
        return get_scoped_or_404(
            Unit.objects.at(date), user, role, code=code, pick=lambda qs: qs.order_by("depth").first()
        )
    except PermissionDenied as exc:
        raise ApiError(403, str(exc), column)
    except Http404:
        other = Unit.objects.restrict(user).filter(code=code).order_by("valid_from").first()
        if other is not None:
            raise ApiError(
                404,
                f"Đơn vị '{code}' ({other.name}) không có hiệu lực ngày {date:%d/%m/%Y}; "
                f"hiệu lực {other.display_valid()}.",
                column,
            )
        raise ApiError(404, NOT_FOUND_OR_FORBIDDEN.format(code=code), column)
