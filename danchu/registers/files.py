"""Register books in and out: CSV or XLSX read by the values file reader, checked column by
column, then entered all or nothing through the register's own services (`save_row`), with
the figures recomputed once per unit at the end. Errors name the file, row, column and reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from danchu.accounts.permissions import Role, can
from danchu.units.models import Unit
from danchu.values.services import RowError, ValuesRefused, read_grid
from danchu.values.xlsx import write_xlsx

from . import writing
from .kinds import Register, RegisterError


@dataclass
class ImportResult:
    register: Register
    rows: int = 0
    units: set[str] = field(default_factory=set)
    dry_run: bool = False

    def summary(self) -> str:
        what = f"{self.rows} {self.register.record_name} của {len(self.units)} đơn vị"
        if self.dry_run:
            return f"{what} hợp lệ; chạy thử nên chưa ghi gì."
        return f"Đã nhập {what} vào {self.register.name.lower()}; số liệu đã tính lại."


class _DryRun(Exception):
    pass


def parse(register: Register, data: bytes, name: str) -> list[tuple[int, dict]]:
    """(row number, {column: value}) for every non-empty row; any bad cell refuses the file."""
    header, rows, first_row = read_grid(data, name)
    names = [str(h or "").strip().lower() for h in header]
    known = {c.name: c for c in register.columns}
    errors = [
        RowError(1, h, f"cột '{h}' không có trong {register.name.lower()} (các cột: {','.join(known)})", name)
        for h in names
        if h and h not in known
    ]
    errors += [
        RowError(1, c.name, f"thiếu cột bắt buộc '{c.name}' ở dòng tiêu đề", name)
        for c in register.columns
        if c.required and c.name not in names
    ]
    if errors:
        raise ValuesRefused(errors)
    out = []
    for n, cells in enumerate(rows, start=first_row):
        if not any(str(c if c is not None else "").strip() for c in cells):
            continue
        values: dict = {}
        for i, column_name in enumerate(names):
            column = known.get(column_name)
            if column is None:
                continue
            raw = cells[i] if i < len(cells) else None
            try:
                values[column.name] = column.parse(raw)
            except ValueError as exc:
                errors.append(RowError(n, column.name, str(exc), name))
                continue
            if column.required and values[column.name] in (None, ""):
                errors.append(RowError(n, column.name, "đang để trống", name))
        for column in register.columns:
            values.setdefault(column.name, None)
        out.append((n, values))
    if errors:
        raise ValuesRefused(errors)
    if not out:
        raise ValuesRefused([RowError(None, "", f"không có dòng {register.record_name} nào", name)])
    return out


def import_book(register: Register, data: bytes, name: str, user=None, dry_run: bool = False) -> ImportResult:
    """Enter every row of the book, or none: the first bad row of any kind refuses the file."""
    rows = parse(register, data, name)
    result = ImportResult(register, dry_run=dry_run)
    errors: list[RowError] = []
    units: dict[tuple[str, dt.date], Unit | None] = {}
    try:
        with writing.batch():
            for n, values in rows:
                day = values[register.date_column]
                code = str(values["unit"])
                key = (code, day)
                if key not in units:
                    units[key] = Unit.objects.at(day).filter(code=code).order_by("depth").first()
                unit = units[key]
                if unit is None:
                    errors.append(
                        RowError(
                            n, "unit", f"không có đơn vị mã '{code}' có hiệu lực ngày {day:%d/%m/%Y}", name
                        )
                    )
                    continue
                if user is not None and not can(user, Role.ENTER, unit):
                    errors.append(
                        RowError(n, "unit", f"bạn không có quyền ghi sổ của {unit.name} ({unit.code})", name)
                    )
                    continue
                try:
                    with transaction.atomic():
                        register.save_row(values, unit, user)
                except RegisterError as exc:
                    errors.append(RowError(n, getattr(exc, "field", ""), str(exc), name))
                    continue
                result.rows += 1
                result.units.add(unit.code)
            if errors:
                raise ValuesRefused(errors)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ValuesRefused as exc:
        for error in exc.errors:
            error.file = error.file or name
        raise
    return result


def import_path(register: Register, path: str | Path, user=None, dry_run: bool = False) -> ImportResult:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValuesRefused([RowError(None, "", f"không mở được tệp: {exc.strerror}", p.name)])
    return import_book(register, data, p.name, user=user, dry_run=dry_run)


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "co"
    if value is False:
        return "khong"
    return str(value)


def book_rows(register: Register, records: list[dict]) -> list[list[str]]:
    """The records as the book's columns (a file `import_register` reads back)."""
    names = [c.name for c in register.columns]
    return [names] + [[_cell(r.get(c)) for c in names] for r in records]


def write_book(register: Register, records: list[dict], fmt: str) -> bytes:
    rows = book_rows(register, records)
    if fmt == "xlsx":
        return write_xlsx(rows, sheet_title=register.name[:31])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")
