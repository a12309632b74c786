"""Registers in the JSON API (`/api/registers/…`): list, import and export for every kind, and
each register's own actions (petitions/api.py, reception/api.py). Thin calls to the same
functions the commands and pages use; rows carry no denouncer's identity."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from django.http import HttpResponse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile

from danchu.accounts.permissions import Role
from danchu.api.auth import api_auth
from danchu.api.common import parse_date, unit_at
from danchu.api.errors import ApiError
from danchu.audit.context import acting
from danchu.values.services import ValuesRefused

from . import kinds
from .files import import_book, write_book
from .listing import find

router = Router(auth=api_auth, tags=["sổ theo dõi"])
# each register's own actions come before the routes shared by every kind
router.add_router("/petitions", "danchu.registers.petitions.api.router")
router.add_router("", "danchu.registers.reception.api.router")


class KindOut(Schema):
    kind: str
    name: str
    elements: list[str]
    columns: list[str]


class RecordPage(Schema):
    count: int
    records: list[dict]


class ImportOut(Schema):
    dry_run: bool
    rows: int
    units: list[str]
    message: str


def register_or_404(kind: str):
    try:
        return kinds.get(kind)
    except kinds.RegisterError as exc:
        raise ApiError(404, str(exc), "kind")


def refused(exc: ValuesRefused) -> ApiError:
    return ApiError(
        422,
        f"Có {len(exc.errors)} lỗi; không ghi dòng nào.",
        errors=[{"row": e.row, "column": e.column, "message": str(e)} for e in exc.errors],
    )


def domain_refused(exc: kinds.RegisterError) -> ApiError:
    return ApiError(422, str(exc), getattr(exc, "field", ""))


@router.get("", response=list[KindOut], summary="Các loại sổ")
def list_kinds(request):
    return [
        {"kind": k, "name": r.name, "elements": sorted(r.elements()), "columns": [c.name for c in r.columns]}
        for k, r in sorted(kinds.REGISTRY.items())
    ]


def _rows(request, kind: str, unit: str, at: str | None, overdue: bool, search: str, limit: int, offset: int):
    register = register_or_404(kind)
    day = parse_date(at)
    root = unit_at(request.auth, unit, day)
    qs = find(register, request.auth, root, search=search, at=day, overdue=overdue).order_by(
        "unit__path", "pk"
    )
    # the API never shows a denouncer's identity: rows are made as for the system
    return register, qs.count(), [register.as_row(r, None, at=day) for r in qs[offset : offset + limit]]


@router.get("/{kind}", response=RecordPage, summary="Bản ghi của sổ (như `danchu register list`)")
def list_records(
    request,
    kind: str,
    unit: str,
    at: str | None = None,
    overdue: bool = False,
    search: str = "",
    limit: int = Query(200, ge=1, le=5000),
    offset: int = Query(0, ge=0),
):
    """Bản ghi của đơn vị `unit` và các đơn vị trực thuộc; `overdue` xét tại ngày `at`; `search` bỏ qua dấu."""
    _, count, rows = _rows(request, kind, unit, at, overdue, search, limit, offset)
    return {"count": count, "records": rows}


@router.post(
    "/{kind}/import",
    response={200: ImportOut},
    summary="Nhập sổ CSV hoặc XLSX (như `danchu import_register`)",
)
def import_register(request, kind: str, file: File[UploadedFile], dry_run: bool = False):
    register = register_or_404(kind)
    name = Path(file.name or "so.csv").name
    try:
        with acting(request.auth, source=f"api:import:{name}", request_id=getattr(request, "id", None)):
            result = import_book(register, file.read(), name, user=request.auth, dry_run=dry_run)
    except ValuesRefused as exc:
        raise refused(exc)
    return {
        "dry_run": dry_run,
        "rows": result.rows,
        "units": sorted(result.units),
        "message": result.summary(),
    }


@router.get("/{kind}/export", summary="Xuất sổ: json (như danh sách), csv hoặc xlsx (các cột của tệp nhập)")
def export_register(
    request, kind: str, unit: str, at: str | None = None, overdue: bool = False, format: str = "csv"
):
    if format not in ("json", "csv", "xlsx"):
        raise ApiError(422, f"Định dạng '{format}' không hợp lệ (dùng: json, csv, xlsx).", "format")
    register, _, rows = _rows(request, kind, unit, at, overdue, "", 1_000_000, 0)
    if format == "json":
        from danchu.cli import dump_json

        response = HttpResponse(dump_json({"records": rows}).encode(), content_type="application/json")
    else:
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if format == "xlsx"
            else "text/csv; charset=utf-8"
        )
        response = HttpResponse(write_book(register, rows, format), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="so-{kind}-{unit}.{format}"'
    return response


def scoped_unit_for_write(request, code: str, day: dt.date):
    return unit_at(request.auth, code, day, role=Role.ENTER)


__all__ = ["router", "register_or_404", "refused", "domain_refused", "scoped_unit_for_write", "csv", "io"]
