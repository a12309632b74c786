"""Figures: read within one's subtree, write through `values.services.apply_rows`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from django.http import HttpResponse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import StrictFloat, StrictInt, StrictStr

from danchu.audit.context import acting
from danchu.catalog.dimensions import dimension_text
from danchu.values.models import DataValue
from danchu.values.services import InputRow, ValuesRefused, apply_rows, export_rows, read_table
from danchu.values.xlsx import write_xlsx

from .auth import api_auth
from .common import codes, parse_period, unit_at
from .errors import ApiError

router = Router(auth=api_auth, tags=["số liệu"])


class ValueOut(Schema):
    element: str
    unit: str
    period: str
    value: float
    dimensions: str
    comment: str


class ValuePage(Schema):
    count: int
    items: list[ValueOut]


class ValueIn(Schema):
    element: str
    unit: str
    period: StrictStr | StrictInt
    # a number, or text as people type it ("1.172.000", "87,3"); true/false are not numbers
    value: StrictInt | StrictFloat | StrictStr
    dimensions: str | dict[str, str] = ""
    comment: str = ""


class RowErrorOut(Schema):
    row: int | None
    column: str
    message: str


class Refused(Schema):
    detail: str
    errors: list[RowErrorOut]


class WriteOut(Schema):
    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    message: str


@router.get("", response=ValuePage, summary="Số liệu đã nhập (các cột như tệp CSV)")
def list_values(
    request,
    unit: str | None = None,
    period: str | None = None,
    element: str | None = None,
    subtree: bool = True,
    limit: int = Query(1000, ge=1, le=10000),
    offset: int = Query(0, ge=0),
):
    """Giá trị nằm trong kỳ `period`, của đơn vị `unit` (và các đơn vị trực thuộc nếu `subtree`)."""
    qs = _scoped_values(request.auth, unit, period, element, subtree)
    return {
        "count": qs.count(),
        "items": [
            dict(
                element=dv.element.code,
                unit=dv.unit.code,
                period=dv.period,
                value=dv.value,
                dimensions=dv.dimensions,
                comment=dv.comment,
            )
            for dv in qs[offset : offset + limit]
        ],
    }


def _scoped_values(user, unit: str | None, period: str | None, element: str | None, subtree: bool):
    qs = DataValue.objects.restrict(user)
    p = parse_period(period) if period else None
    if p:
        qs = qs.filter(start__gte=p.start, end__lte=p.end)
    if unit:
        root = unit_at(user, unit, p.end if p else dt.date.today())
        qs = qs.filter(unit__path__startswith=root.path) if subtree else qs.filter(unit=root)
    wanted = codes(element)
    if wanted:
        qs = qs.filter(element__code__in=wanted)
    return qs.select_related("element", "unit").order_by(
        "unit__path", "element__order", "start", "dimensions"
    )


def _refused(exc: ValuesRefused) -> ApiError:
    """403 listing the rows on units the user may not write, if any; else 422 listing every problem."""
    if exc.forbidden:
        status, errors = 403, exc.forbidden
        detail = f"Không có quyền nhập số liệu ở {len(errors)} dòng; không ghi dòng nào."
    else:
        status, errors, detail = 422, exc.errors, f"Có {len(exc.errors)} lỗi; không ghi dòng nào."
    return ApiError(
        status, detail, errors=[{"row": e.row, "column": e.column, "message": str(e)} for e in errors]
    )


def _apply(request, inputs: list[InputRow], dry_run: bool, file: str = "") -> dict:
    """The one write path, which checks the role on every row's unit (403) and the rest (422)."""
    user = request.auth
    source = f"api:import:{file}" if file else "api"
    try:
        with acting(user, source=source, request_id=getattr(request, "id", None)):
            result = apply_rows(inputs, user=user, dry_run=dry_run, file=file)
    except ValuesRefused as exc:
        raise _refused(exc)
    if dry_run:
        message = f"{len(result.rows)} dòng hợp lệ; chạy thử nên chưa ghi gì."
    else:
        message = result.summary()
    return {
        "dry_run": dry_run,
        "rows": len(result.rows),
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "message": message,
    }


@router.post(
    "",
    response={200: WriteOut, 403: Refused, 422: Refused},
    summary="Ghi số liệu: tất cả các dòng hoặc không dòng nào",
)
def write_values(request, rows: list[ValueIn], dry_run: bool = False):
    """Mỗi dòng như một dòng tệp CSV. Cần quyền nhập số liệu trên đơn vị của mọi dòng; một dòng sai
    thì không ghi gì và trả về 422 kèm danh sách lỗi. `dry_run=true` chỉ kiểm tra."""
    if not rows:
        raise ApiError(422, "Danh sách dòng số liệu đang trống.", "rows")
    inputs = [
        InputRow(
            element=r.element,
            unit=r.unit,
            period=str(r.period),
            value=r.value,
            dimensions=dimension_text(r.dimensions),
            comment=r.comment,
            row=n,
        )
        for n, r in enumerate(rows, start=1)
    ]
    return _apply(request, inputs, dry_run)


@router.post(
    "/import",
    response={200: WriteOut, 403: Refused, 422: Refused},
    summary="Nhập tệp CSV hoặc XLSX (như `danchu import_values`)",
)
def import_values(request, file: File[UploadedFile], dry_run: bool = False):
    """Tệp có các cột element,unit,period,value,dimensions,comment; lỗi ghi rõ tệp, dòng, cột."""
    name = Path(file.name or "tep.csv").name
    try:
        inputs = read_table(file.read(), name)
    except ValuesRefused as exc:
        raise _refused(exc)
    if not inputs:
        raise ApiError(422, f"Tệp {name} không có dòng số liệu nào.", "file")
    return _apply(request, inputs, dry_run, file=name)


@router.get("/export", summary="Xuất số liệu thành tệp CSV hoặc XLSX (như `danchu export_values`)")
def export_values(
    request,
    unit: str | None = None,
    period: str | None = None,
    element: str | None = None,
    format: str = "csv",
):
    if format not in ("csv", "xlsx"):
        raise ApiError(422, f"Định dạng '{format}' không hợp lệ (dùng: csv, xlsx).", "format")
    qs = _scoped_values(request.auth, unit, period, element, subtree=True)
    rows = export_rows(qs)
    stem = "so-lieu" + (f"-{unit}" if unit else "") + (f"-{period}" if period else "")
    if format == "xlsx":
        response = HttpResponse(
            write_xlsx(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        response = HttpResponse(out.getvalue().encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{format}"'
    return response
