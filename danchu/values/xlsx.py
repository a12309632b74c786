"""Reading and writing spreadsheets safely: values only in, no formulas out."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from .errors import RowError, ValuesRefused

MAX_CELLS = 2_000_000


def _refuse(name: str, message: str):
    raise ValuesRefused([RowError(None, "", message, name)])


def inspect_package(data: bytes, name: str) -> None:
    """Refuse macros, external links and files that are not a spreadsheet at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            if zf.testzip() is not None:
                _refuse(name, "tệp Excel bị hỏng (kiểm tra nén không đạt)")
    except zipfile.BadZipFile:
        _refuse(
            name,
            "tệp không phải là tệp Excel .xlsx hợp lệ (có thể bị hỏng hoặc là .xls cũ: hãy lưu lại dạng .xlsx)",
        )
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        _refuse(name, "tệp chứa macro (VBA); hãy lưu lại dạng .xlsx không có macro")
    if any(n.startswith("xl/externalLinks/") for n in names):
        _refuse(
            name, "tệp có liên kết tới tệp khác (external link); hãy dán giá trị (Paste Values) rồi lưu lại"
        )


def read_xlsx_rows(data: bytes, name: str, sheet_index: int = 0) -> tuple[list, list[list]]:
    """Header and rows of one sheet; any formula anywhere in it refuses the file."""
    sheets = read_xlsx_sheets(data, name, only=sheet_index)
    rows = next(iter(sheets.values()), [])
    if not rows:
        _refuse(name, "trang tính đầu tiên không có dữ liệu")
    return rows[0], rows[1:]


def read_xlsx_sheets(data: bytes, name: str, only: int | None = None) -> dict[str, list[list]]:
    """Every sheet's rows by sheet title (or sheet number `only`); a formula anywhere refuses the file."""
    inspect_package(data, name)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on corrupt files
        _refuse(name, f"không đọc được tệp Excel ({type(exc).__name__})")
    out: dict[str, list[list]] = {}
    cells = 0
    try:
        sheets = wb.worksheets if only is None else wb.worksheets[only : only + 1]
        for ws in sheets:
            rows: list[list] = []
            for r, row in enumerate(ws.iter_rows(), start=1):
                values = []
                for c, cell in enumerate(row, start=1):
                    cells += 1
                    if cells > MAX_CELLS:
                        _refuse(name, f"trang '{ws.title}' quá lớn (hơn {MAX_CELLS:,} ô)".replace(",", "."))
                    if getattr(cell, "data_type", None) == "f" or (
                        isinstance(cell.value, str)
                        and cell.value.startswith("=")
                        and getattr(cell, "data_type", None) != TYPE_STRING
                    ):
                        _refuse(
                            name,
                            f"ô {get_column_letter(c)}{r} của trang '{ws.title}' chứa công thức "
                            f"({str(cell.value)[:40]}); chỉ nhận giá trị: hãy dán giá trị (Paste Values)",
                        )
                    values.append(cell.value)
                rows.append(values)
            out[ws.title] = rows
    finally:
        wb.close()
    return out


def write_xlsx(rows: Iterable[list], sheet_title: str = "Số liệu") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                # Formulas off for user text: stored as a string even if it starts with "=".
                cell.data_type = TYPE_STRING
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
