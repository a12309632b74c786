"""Words a template takes from its unit and period, so one template serves every province.

Placeholders in template fields and section text: `{ten}` (Tỉnh Lai Châu), `{ten_ngan}`
(Lai Châu), `{dia_danh}` (Lai Châu), `{cap}` (tỉnh), `{cap_uy}` (Tỉnh ủy), `{ubnd}`
(UBND tỉnh), `{nam}` (2023), `{nam_truoc}`, `{nam_sau}`, `{so}`, `{ky_hieu}`, `{ngay}`.
`{cap_uy:upper}` gives "TỈNH ỦY"; `:lower` and `:cap` (first letter capital) also work.
"""

from __future__ import annotations

import re
import string

from danchu.units.models import Unit, UnitType

LEVEL_WORD = {
    UnitType.QUOC_GIA: "toàn quốc",
    UnitType.TINH: "tỉnh",
    UnitType.THANH_PHO_TW: "thành phố",
    UnitType.HUYEN: "huyện",
    UnitType.QUAN: "quận",
    UnitType.THI_XA: "thị xã",
    UnitType.THANH_PHO: "thành phố",
    UnitType.XA: "xã",
    UnitType.PHUONG: "phường",
    UnitType.THI_TRAN: "thị trấn",
    UnitType.DAC_KHU: "đặc khu",
}
PARTY_COMMITTEE = {
    UnitType.TINH: "Tỉnh ủy",
    UnitType.THANH_PHO_TW: "Thành ủy",
    UnitType.HUYEN: "Huyện ủy",
    UnitType.QUAN: "Quận ủy",
    UnitType.THI_XA: "Thị ủy",
    UnitType.THANH_PHO: "Thành ủy",
}


class _Formatter(string.Formatter):
    def format_field(self, value, format_spec):
        text = str(value)
        if format_spec == "upper":
            return text.upper()
        if format_spec == "lower":
            return text.lower()
        if format_spec == "cap":
            return text[:1].upper() + text[1:]
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::(upper|lower|cap))?\}")


def unit_context(unit: Unit, year: int, number: str = "", symbol: str = "", date_text: str = "") -> dict:
    level = LEVEL_WORD.get(unit.type, "đơn vị")  # type: ignore[call-overload]
    short = unit.short_name or unit.name
    committee = PARTY_COMMITTEE.get(unit.type, f"Đảng ủy {level}")  # type: ignore[call-overload]
    return {
        "ten": unit.name,
        "ten_ngan": short,
        "dia_danh": short,
        "cap": level,
        "cap_uy": committee,
        "ubnd": f"UBND {level}",
        "nam": year,
        "nam_truoc": year - 1,
        "nam_sau": year + 1,
        "so": number,
        "ky_hieu": symbol,
        "ngay": date_text,
    }


def fill(pattern: str, context: dict, where: str = "") -> str:
    """Fill a template field; an unknown placeholder is a Vietnamese error naming the field."""
    try:
        return _FORMATTER.format(pattern, **context)
    except KeyError as exc:
        known = ", ".join("{" + k + "}" for k in context)
        raise ValueError(f"{where or 'Mẫu'}: chỗ điền {{{exc.args[0]}}} không có (dùng: {known})")
    except (ValueError, IndexError) as exc:
        raise ValueError(f"{where or 'Mẫu'}: dấu ngoặc {{ }} không hợp lệ ({exc})")


def fill_text(text: str, context: dict) -> str:
    """Fill the known placeholders in free text and leave everything else as written."""

    def sub(m: re.Match) -> str:
        if m.group(1) not in context:
            return m.group(0)
        return _FORMATTER.format_field(context[m.group(1)], m.group(2) or "")

    return _PLACEHOLDER.sub(sub, text)
