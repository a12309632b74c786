"""Values files: CSV and XLSX in the `element,unit,period,value,dimensions,comment` format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from .errors import RowError, ValuesRefused
from .writing import InputRow, WriteResult, apply_rows
from .xlsx import read_xlsx_rows

COLUMNS = ["element", "unit", "period", "value", "dimensions", "comment"]


def read_table(data: bytes, name: str) -> list[InputRow]:
    """Rows of a CSV or XLSX file in the values format; refuses the file with a reason."""
    header, rows, first_row = read_grid(data, name)
    return _rows_from_table(header, rows, name, first_row)


def read_grid(data: bytes, name: str) -> tuple[list[str], list[list], int]:
    """(header, rows, number of the first row) of a CSV or XLSX file whatever its columns, for the
    values and the registers alike; refuses the file (size, format, encoding, a row wider than
    the header) with a reason."""
    limit = settings.DANCHU_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ValuesRefused(
            [
                RowError(
                    None,
                    "",
                    f"tệp nặng {len(data) / 1048576:.1f} MB, vượt giới hạn {limit / 1048576:.0f} MB",
                    name,
                )
            ]
        )
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        header, rows = _read_csv(data, name)
    elif suffix in (".xlsx", ".xlsm"):
        header, rows = read_xlsx_rows(data, name)
    else:
        raise ValuesRefused(
            [
                RowError(
                    None, "", f"không đọc được định dạng '{suffix or name}': chỉ nhận .csv hoặc .xlsx", name
                )
            ]
        )
    header = [str(h or "").strip().lower() for h in header]
    errors = [
        RowError(
            n,
            "",
            f"dòng có {len(cells)} ô, nhiều hơn {len(header)} cột của tiêu đề "
            "(thừa dấu phẩy? hãy đặt ghi chú có dấu phẩy trong ngoặc kép)",
            name,
        )
        for n, cells in enumerate(rows, start=2)
        if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header) :])
    ]
    if errors:
        raise ValuesRefused(errors)
    return header, rows, 2


def _read_csv(data: bytes, name: str) -> tuple[list, list[list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValuesRefused(
            [
                RowError(
                    None,
                    "",
                    f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start}); "
                    "hãy lưu lại dưới dạng 'CSV UTF-8'",
                    name,
                )
            ]
        )
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.reader(io.StringIO(text), dialect)
    table = list(reader)
    if not table:
        raise ValuesRefused([RowError(None, "", "tệp rỗng", name)])
    return table[0], table[1:]


def _rows_from_table(header: list[str], rows: list[list], name: str, first_row: int = 2) -> list[InputRow]:
    missing = [c for c in ("element", "unit", "period", "value") if c not in header]
    if missing:
        raise ValuesRefused(
            [
                RowError(
                    1,
                    missing[0],
                    f"thiếu cột bắt buộc '{missing[0]}' ở dòng tiêu đề (cần: {', '.join(COLUMNS)})",
                    name,
                )
            ]
        )
    index = {c: header.index(c) for c in COLUMNS if c in header}
    out = []
    for n, cells in enumerate(rows, start=first_row):
        if not any(str(c or "").strip() for c in cells):
            continue

        def cell(col: str, cells=cells):
            i = index.get(col)
            return cells[i] if i is not None and i < len(cells) and cells[i] is not None else ""

        out.append(
            InputRow(
                element=str(cell("element")).strip(),
                unit=str(cell("unit")).strip(),
                period=str(cell("period")).strip(),
                value=cell("value"),
                dimensions=str(cell("dimensions")).strip(),
                comment=str(cell("comment")),
                row=n,
            )
        )
    return out


def import_file(path: str | Path, user=None, dry_run: bool = False) -> WriteResult:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValuesRefused([RowError(None, "", f"không mở được tệp: {exc.strerror}", p.name)])
    rows = read_table(data, p.name)
    return apply_rows(rows, user=user, dry_run=dry_run, file=p.name)


def export_rows(queryset) -> Iterable[list[str]]:
    yield COLUMNS
    for dv in queryset.select_related("element", "unit").order_by(
        "unit__path", "element__order", "start", "dimensions"
    ):
        yield [
            dv.element.code,
            dv.unit.code,
            dv.period,
            f"{dv.value:g}" if dv.value.is_integer() else repr(dv.value),
            dv.dimensions,
            dv.comment,
        ]
