"""Creating units by hand: agencies, enterprises, the Front and mass organisations."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danchu.audit.log import log_change

from .models import TERRITORIAL_TYPES, Tier, Unit, UnitType

DEFAULT_TIER = {Tier.TINH: Tier.TINH, Tier.HUYEN: Tier.HUYEN, Tier.XA: Tier.XA, Tier.THON: Tier.THON}


@transaction.atomic
def create_unit(
    *,
    code: str,
    name: str,
    type: str,
    parent: Unit,
    tier: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    """A unit attached under `parent`; its tier defaults to the parent's."""
    code = code.strip()
    if not code:
        raise ValueError("Mã đơn vị không được để trống")
    if type not in UnitType.values:
        raise ValueError(f"Loại đơn vị '{type}' không hợp lệ (chọn: {', '.join(UnitType.values)})")
    tier = tier or (parent.tier if parent.tier != Tier.TW else Tier.TINH)
    if tier not in Tier.values:
        raise ValueError(f"Cấp '{tier}' không hợp lệ (chọn: {', '.join(Tier.values)})")
    if type in TERRITORIAL_TYPES and type != UnitType.THON:
        raise ValueError(
            "Đơn vị hành chính được nạp từ danh mục chính thức (`danchu load_units`), không tạo tay"
        )
    start = valid_from or dt.date.today()
    clash = Unit.objects.at(start).filter(code=code).first()
    if clash is not None:
        raise ValueError(f"Mã '{code}' đã dùng cho {clash.name} trong thời gian hiệu lực này")
    unit = Unit(
        code=code,
        name=name.strip(),
        short_name=name.strip(),
        type=type,
        tier=tier,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        source_key=f"manual:{code}:{start.isoformat()}",
    )
    unit.save()
    log_change(
        "create",
        "unit",
        unit.pk,
        str(unit),
        None,
        {"code": code, "name": name, "type": type, "tier": tier, "parent": parent.code},
    )
    return unit
