"""Units in force at a date, limited to the caller's subtrees."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Query, Router, Schema

from danchu.accounts.permissions import Role, can
from danchu.units.models import Tier, Unit

from .auth import api_auth
from .common import parse_date, unit_at
from .errors import ApiError

router = Router(auth=api_auth, tags=["đơn vị"])


class UnitOut(Schema):
    code: str
    name: str
    type: str
    tier: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


class UnitDetail(UnitOut):
    short_name: str
    ancestors: list[str] = Field(description="mã các đơn vị cấp trên trong phạm vi được xem, từ trên xuống")
    children: list[UnitOut]


def _out(unit: Unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "type": unit.type,
        "tier": unit.tier,
        "parent": unit.parent.code if unit.parent else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


@router.get("", response=UnitPage, summary="Danh sách đơn vị có hiệu lực tại một ngày")
def list_units(
    request,
    under: str | None = None,
    at: str | None = None,
    q: str | None = None,
    tier: str | None = None,
    limit: int = Query(1000, ge=1, le=10000),
    offset: int = Query(0, ge=0),
):
    """Đơn vị trong phạm vi được phân quyền; `q` tìm theo tên hoặc mã, không phân biệt dấu."""
    date = parse_date(at)
    qs = Unit.objects.restrict(request.auth).at(date)
    if under:
        qs = qs.subtree(unit_at(request.auth, under, date, column="under"))
    if tier:
        if tier not in Tier.values:
            raise ApiError(422, f"Cấp '{tier}' không hợp lệ (dùng: {', '.join(Tier.values)}).", "tier")
        qs = qs.filter(tier=tier)
    if q:
        qs = qs.search(q)
    qs = qs.select_related("parent").order_by("path")
    return {"count": qs.count(), "items": [_out(u) for u in qs[offset : offset + limit]]}


@router.get("/{code}", response=UnitDetail, summary="Một đơn vị, cấp trên và đơn vị trực thuộc")
def get_unit(request, code: str, at: str | None = None):
    date = parse_date(at)
    unit = unit_at(request.auth, code, date, column="code")
    children = Unit.objects.at(date).filter(parent=unit).select_related("parent").order_by("path")
    return dict(
        _out(unit),
        short_name=unit.short_name,
        ancestors=[u.code for u in unit.ancestors() if can(request.auth, Role.VIEW, u)],
        children=[_out(c) for c in children],
    )
