"""Vietnamese text helpers shared by search, sorting and number formatting."""

from __future__ import annotations

import math
import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so "quyet thang" matches "Quyết Thắng"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Vietnamese number form: 32.286; 87,3; 1.744,5."""
    if value is None:
        return ""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    if decimals == 0 and float(value).is_integer():
        text = f"{int(round(value)):,}"
        return text.replace(",", ".")
    if decimals == 0:
        decimals = 2 if abs(value - round(value)) >= 0.005 else 0
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float | None, decimals: int) -> str:
    if value is None:
        return ""
    return f"{format_number(round(value, decimals), decimals)}%"
