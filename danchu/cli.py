"""Helpers shared by the management commands: output formats and friendly errors."""

from __future__ import annotations

import datetime as dt
import json
import os

from django.core.management.base import CommandError

from danchu.text import format_number
from danchu.units.models import Unit, resolve_code
from danchu.values import periods


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


# Column headings people read in a terminal; JSON output keeps the English keys (an interface).
HEADINGS = {
    "code": "mã",
    "name": "tên",
    "type": "loại",
    "tier": "cấp",
    "parent": "trực thuộc",
    "valid_from": "hiệu lực từ",
    "valid_to": "đến",
    "element": "chỉ tiêu",
    "dimensions": "phân tổ",
    "group": "nhóm",
    "value": "giá trị",
    "rule": "quy tắc",
    "unit": "đơn vị",
    "scope": "phạm vi",
    "importance": "mức độ",
    "message": "thông báo",
    "form": "biểu mẫu",
    "period": "kỳ",
    "under": "đơn vị chủ trì",
    "tiers": "các cấp",
    "deadline": "hạn nộp",
    "status": "trạng thái",
    "expected": "phải nộp",
    "submitted": "đã nộp",
    "approved": "đã duyệt",
    "returned": "trả lại",
    "late": "trễ hạn",
    "missing": "chưa nộp",
    "number": "số",
    "kind": "loại",
    "received": "ngày nhận",
    "state": "trạng thái",
    "overdue": "quá hạn",
    "petitioner": "người gửi đơn",
    "date": "ngày",
    "people": "số người",
    "topic": "chủ đề",
}


def cell(value) -> str:
    """Numbers the Vietnamese way (12.382; 84,63), dates as dd/mm/yyyy, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def table(rows: list[dict], columns: list[str]) -> str:
    """A plain fixed-width text table with Vietnamese headings."""
    heads = [HEADINGS.get(c, c) for c in columns]
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
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
    unit = resolve_code(code, at)
    if unit is None:
        other = Unit.objects.filter(code=code).first()
        if other is None:
            raise CommandError(f"Không có đơn vị mã '{code}' (đã chạy `danchu load_units`?)")
        raise CommandError(
            f"Đơn vị '{code}' ({other.name}) không có hiệu lực ngày {at:%d/%m/%Y}; hiệu lực {other.display_valid()}"
        )
    return unit


def add_user_option(parser) -> None:
    parser.add_argument(
        "--user",
        default=os.environ.get("DANCHU_USER") or None,
        help="tên đăng nhập của người thực hiện: được ghi vào nhật ký và kiểm tra quyền "
        "(mặc định: biến môi trường DANCHU_USER; bỏ trống: quyền hệ thống)",
    )


def get_user(username: str | None):
    """The person a command acts as, so the change log and round history say who; None = system."""
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(f"Không có người dùng '{username}' đang hoạt động (tạo bằng `danchu create_user`)")
    return user
