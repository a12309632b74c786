"""Numbers as people type them, and what a typed value may be."""

from __future__ import annotations

import re

from danchu.catalog.models import DataElement

_VN_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


def parse_number(raw: object) -> float:
    """Numbers as people type them: 1172, 1.172 (thousands), 87,3 (decimal comma)."""
    if isinstance(raw, bool):
        raise ValueError("không phải là số")
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        raise ValueError("đang để trống")
    if _VN_THOUSANDS.match(text) and (text.count(".") > 1 or "," in text):
        text = text.replace(".", "").replace(",", ".")
    elif re.match(r"^-?\d+\.\d{3}$", text):
        raise ValueError(
            f"'{text}' không rõ ràng: viết {text.replace('.', '')} (số nguyên) hoặc {text.replace('.', ',')} (số thập phân)"
        )
    elif re.match(r"^-?\d+,\d+$", text):
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{raw}' không phải là số")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"'{raw}' không phải là số")
    return value


NEGATIVE, NOT_INTEGER = "negative", "not_integer"


def check_value(raw: object, value_type: str, allow_negative: bool) -> tuple[float, str]:
    """What a typed value may be, in one place for imports, the API and the web's live check:
    (value, "") when fine, else the problem — NEGATIVE, NOT_INTEGER or why it is not a number."""
    try:
        value = parse_number(raw)
    except ValueError as exc:
        return 0.0, str(exc)
    if value < 0 and not allow_negative:
        return value, NEGATIVE
    if value_type == DataElement.ValueType.INTEGER and not value.is_integer():
        return value, NOT_INTEGER
    return value, ""
