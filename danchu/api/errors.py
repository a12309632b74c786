"""Error answers in Vietnamese, always JSON: {"detail": …} and, for bad input, {"errors": […]}."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .auth import UNAUTHENTICATED


class ApiError(HttpError):
    """A refusal naming the parameter (or row and column) at fault."""

    def __init__(
        self, status: int, message: str, column: str = "", row: int | None = None, errors: list | None = None
    ):
        super().__init__(status, message)
        self.errors = errors if errors is not None else [{"row": row, "column": column, "message": message}]


# pydantic error types → what a person should be told
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là chuỗi ký tự",
    "float_parsing": "không phải là số",
    "float_type": "phải là số",
    "int_parsing": "không phải là số nguyên",
    "int_type": "phải là số nguyên",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách (mảng JSON)",
    "dict_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "json_invalid": "nội dung không phải JSON hợp lệ",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "extra_forbidden": "trường không được hỗ trợ",
}


def _translate(error: dict) -> dict:
    loc = [p for p in error.get("loc", ()) if p not in ("body", "query", "path", "rows", "payload")]
    row = next((p + 1 for p in loc if isinstance(p, int)), None)
    names = [str(p) for p in loc if not isinstance(p, int)]
    # unions report each branch; the branch's type name is not a field
    names = [n for n in names if n not in ("str", "float", "int", "dict[str,str]", "function-after")]
    column = names[-1] if names else ""
    message = _MESSAGES.get(error.get("type", ""), f"không hợp lệ ({error.get('msg', '')})")
    where = [f"dòng {row}"] if row is not None else []
    where += [f"trường '{column}'"] if column else []
    text = f"{', '.join(where)}: {message}" if where else message
    return {"row": row, "column": column, "message": text[:1].upper() + text[1:]}


def install(api: NinjaAPI) -> None:
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": UNAUTHENTICATED}, status=401)

    def not_found(request, exc):
        return api.create_response(
            request, {"detail": "Không tìm thấy (hoặc bạn không có quyền xem)."}, status=404
        )

    def http_error(request, exc: Any):
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = "Nội dung gửi lên không phải JSON hợp lệ (kiểm tra dấu ngoặc, dấu phẩy, ngoặc kép)."
        body: dict = {"detail": message}
        if isinstance(exc, ApiError):
            body["errors"] = exc.errors
        return api.create_response(request, body, status=exc.status_code)

    def invalid(request, exc: Any):
        errors, seen = [], set()
        for e in exc.errors:
            item = _translate(e)
            key = (item["row"], item["column"])
            if key not in seen:
                seen.add(key)
                errors.append(item)
        return api.create_response(
            request, {"detail": "Dữ liệu gửi lên không hợp lệ.", "errors": errors}, status=422
        )

    def too_big(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1048576
        return api.create_response(
            request,
            {"detail": f"Nội dung gửi lên vượt giới hạn {limit:.0f} MB; hãy chia thành nhiều lần gửi."},
            status=413,
        )

    api.add_exception_handler(RequestDataTooBig, too_big)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ValidationError, invalid)
