"""Words a template takes from its unit and period, so one template serves every province.

Placeholders in template fields and section text: `{ten}` (Tỉnh Lai Châu), `{ten_ngan}`
(Lai Châu), `{dia_danh}` (Lai Châu), `{cap}` (tỉnh), `{cap_uy}` (Tỉnh ủy), `{ubnd}`
(UBND tỉnh), `{nam}` (2023), `{nam_truoc}`, `{nam_sau}`, `{so}`, `{ky_hieu}`, `{ngay}`.
`{cap_uy:upper}` gives "TỈNH ỦY"; `:lower` and `:cap` (first letter capital) also work.

For the recipients ("Nơi nhận"), adapted from the unit's place in the tree:
`{cap_tren}` (tỉnh, for a district), `{bcd_tren}` (Ban Chỉ đạo tỉnh; empty for a province),
`{chinh_quyen_tren}` (UBND tỉnh; Bộ Nội vụ for a province), `{ban_can_su}` (Ban cán sự đảng
UBND tỉnh; empty below a province), `{co_quan_cap}` (Các sở, ban, ngành, đoàn thể tỉnh /
Các phòng, ban, ngành, đoàn thể huyện), `{cap_uy_duoi}` (Các huyện ủy, thành ủy, đảng ủy
trực thuộc — from the unit's children). A recipient line left without a word by an empty
placeholder is dropped.
"""

from __future__ import annotations

import datetime as dt
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


PROVINCE_TYPES = {UnitType.TINH, UnitType.THANH_PHO_TW}
DISTRICT_TYPES = {UnitType.HUYEN, UnitType.QUAN, UnitType.THI_XA, UnitType.THANH_PHO}
COMMUNE_WORDS = {UnitType.XA: "xã", UnitType.PHUONG: "phường", UnitType.THI_TRAN: "thị trấn"}
COMMUNE_WORDS[UnitType.DAC_KHU] = "đặc khu"
# the order the committees of the units below are named in ("huyện ủy, thành ủy")
CHILD_COMMITTEES = [
    (UnitType.HUYEN, "huyện ủy"),
    (UnitType.QUAN, "quận ủy"),
    (UnitType.THI_XA, "thị ủy"),
    (UnitType.THANH_PHO, "thành ủy"),
]

_FORMATTER = _Formatter()
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::(upper|lower|cap))?\}")


def _below_committees(unit: Unit, at: dt.date) -> str:
    """ "Các huyện ủy, thành ủy, đảng ủy trực thuộc" from the types of the unit's children."""
    types = set(Unit.objects.at(at).filter(parent=unit).values_list("type", flat=True))
    words = [w for t, w in CHILD_COMMITTEES if t in types]
    if words:
        return f"Các {', '.join(words)}, đảng ủy trực thuộc"
    communes = [w for t, w in COMMUNE_WORDS.items() if t in types]
    if communes:
        return f"Đảng ủy các {', '.join(communes)}, các đảng ủy trực thuộc"
    return "Các chi bộ trực thuộc"


def recipients_context(unit: Unit, at: dt.date) -> dict:
    """Placeholders naming the bodies a report goes to, from the unit's place in the tree."""
    level = LEVEL_WORD.get(unit.type, "đơn vị")  # type: ignore[call-overload]
    # one query per compile whether or not the unit's parent was already loaded
    parent = Unit.objects.filter(pk=unit.parent_id).first() if unit.parent_id else None
    if parent is not None and parent.type == UnitType.QUOC_GIA:
        parent = None
    upper = LEVEL_WORD.get(parent.type, "") if parent is not None else ""  # type: ignore[call-overload]
    if unit.type in PROVINCE_TYPES:
        offices = f"Các sở, ban, ngành, đoàn thể {level}"
    elif unit.type in DISTRICT_TYPES:
        offices = f"Các phòng, ban, ngành, đoàn thể {level}"
    else:
        offices = f"Các ban, ngành, đoàn thể {level}"
    return {
        "cap_tren": upper,
        "bcd_tren": f"Ban Chỉ đạo {upper}" if upper else "",
        # a province's State superior for grassroots democracy is the Ministry of Home Affairs
        "chinh_quyen_tren": f"UBND {upper}" if upper else "Bộ Nội vụ",
        "ban_can_su": f"Ban cán sự đảng UBND {level}" if unit.type in PROVINCE_TYPES else "",
        "co_quan_cap": offices,
        "cap_uy_duoi": _below_committees(unit, at),
    }


def unit_context(
    unit: Unit,
    year: int,
    number: str = "",
    symbol: str = "",
    date_text: str = "",
    at: dt.date | None = None,
) -> dict:
    level = LEVEL_WORD.get(unit.type, "đơn vị")  # type: ignore[call-overload]
    short = unit.short_name or unit.name
    committee = PARTY_COMMITTEE.get(unit.type, f"Đảng ủy {level}")  # type: ignore[call-overload]
    return recipients_context(unit, at or dt.date(year, 12, 31)) | {
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
