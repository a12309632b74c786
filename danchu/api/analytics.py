"""Aggregates and validation: the same JSON as `danchu aggregate/validate --format json`."""

from __future__ import annotations

from typing import Any

from ninja import Router

from danchu.analytics.engine import aggregate as run_aggregate
from danchu.analytics.validation import validate as run_validate
from danchu.catalog.models import Form
from danchu.units.models import resolve_code

from .auth import api_auth
from .common import codes, parse_date, parse_period, unit_at
from .errors import ApiError

router = Router(auth=api_auth, tags=["tổng hợp và kiểm tra"])


@router.get("/aggregate", response=dict[str, Any], summary="Tổng hợp số liệu của một đơn vị và cấp dưới")
def aggregate(
    request,
    unit: str,
    period: str,
    by: str | None = None,
    elements: str | None = None,
    at: str | None = None,
):
    """`by`: `tier` (theo cấp) hoặc `child` (theo đơn vị trực thuộc); `elements`: mã chỉ tiêu hoặc chỉ
    số, cách nhau dấu phẩy; `at`: ngày của cây đơn vị (mặc định ngày cuối kỳ): số liệu của đơn vị
    không còn hiệu lực ngày đó được tính vào đơn vị kế thừa."""
    p = parse_period(period)
    day = parse_date(at) if at else p.end
    root = unit_at(request.auth, unit, day if resolve_code(unit.strip(), day) else p.end)
    if by not in (None, "", "tier", "child"):
        raise ApiError(422, f"Cách phân tổ '{by}' không hợp lệ (dùng: tier, child).", "by")
    try:
        result = run_aggregate(root, p, by=by or None, elements=codes(elements), at=day)
    except ValueError as exc:
        raise ApiError(422, str(exc), "elements")
    return result.as_dict()


@router.get("/validate", response=dict[str, Any], summary="Kiểm tra số liệu theo quy tắc của biểu mẫu")
def validate(request, unit: str, period: str, form: str = "QCDC"):
    p = parse_period(period)
    root = unit_at(request.auth, unit, p.end)
    if not Form.objects.filter(code=form).exists():
        raise ApiError(404, f"Không có biểu mẫu mã '{form}'.", "form")
    try:
        violations = run_validate(root, p, form)
    except ValueError as exc:
        raise ApiError(422, str(exc), "form")
    return {"violations": [v.as_dict() for v in violations]}
