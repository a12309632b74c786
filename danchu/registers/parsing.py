"""Cell parsers for register files: each turns a CSV/XLSX cell into a value or raises ValueError
with the reason in Vietnamese (the importer adds file, row and column)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import TextChoices

from danchu.text import fold


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def text(max_length: int) -> Callable[[object], str]:
    def parse(raw) -> str:
        if _blank(raw):
            return ""
        value = str(raw).strip()
        if isinstance(raw, float) and raw.is_integer():
            value = str(int(raw))  # Excel turns 12 into 12.0
        if len(value) > max_length:
            raise ValueError(f"dài {len(value)} ký tự, tối đa {max_length}")
        return value

    return parse


def dates(raw) -> dt.date | None:
    """YYYY-MM-DD or DD/MM/YYYY; a date cell of a spreadsheet as it is."""
    if _blank(raw):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    value = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' không phải ngày (dùng YYYY-MM-DD hoặc DD/MM/YYYY)")


def choice(options: type[TextChoices] | list[str]) -> Callable[[object], str]:
    """One of the codes; a label typed with or without diacritics ("Tố cáo", "to cao") is accepted."""
    codes = list(options.values) if isinstance(options, type) else list(options)
    labels = {fold(label): code for code, label in options.choices} if isinstance(options, type) else {}

    def parse(raw) -> str:
        if _blank(raw):
            return ""
        value = str(raw).strip()
        if value in codes:
            return value
        folded = fold(value)
        if folded.replace(" ", "_") in codes:
            return folded.replace(" ", "_")
        if folded in labels:
            return labels[folded]
        raise ValueError(f"'{value}' không hợp lệ (dùng: {'|'.join(codes)})")

    return parse


def yes_no(raw) -> bool | None:
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        return raw
    value = fold(str(raw))
    if value in ("co", "c", "1", "x", "true", "yes"):
        return True
    if value in ("khong", "k", "0", "false", "no"):
        return False
    raise ValueError(f"'{raw}' không hợp lệ (dùng: co|khong)")


def count(raw) -> int | None:
    """A whole number ≥ 0."""
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        raise ValueError("không phải số")
    try:
        value = (
            float(str(raw).strip().replace(".", "").replace(",", ".")) if isinstance(raw, str) else float(raw)
        )
    except ValueError:
        raise ValueError(f"'{raw}' không phải số")
    if not value.is_integer() or value < 0:
        raise ValueError(f"'{raw}' phải là số nguyên không âm")
    return int(value)
