"""Load the real administrative tree from the `vietnamadminunits` package.

`legacy` is province → district → commune before 1 July 2025; `2025` is province →
commune after the reform. The package's converter data gives which old communes make up
each new one; that becomes the lineage table.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction
from vietnamadminunits.database import query

from .models import Lineage, Tier, Unit, UnitType

REFORM_DATE = dt.date(2025, 7, 1)
LEGACY_END = REFORM_DATE - dt.timedelta(days=1)
COUNTRY_CODE = "VN"

DISTRICT_TYPES = {
    "Quận": UnitType.QUAN,
    "Huyện": UnitType.HUYEN,
    "Thị xã": UnitType.THI_XA,
    "Thành phố": UnitType.THANH_PHO,
}
WARD_TYPES = {
    "Phường": UnitType.PHUONG,
    "Thị trấn": UnitType.THI_TRAN,
    "Xã": UnitType.XA,
    "Đặc khu": UnitType.DAC_KHU,
}


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lineage_created: int = 0
    notes: list[str] = field(default_factory=list)
    # units whose parent or validity changed: the totals their values roll into change too
    changed: list[Unit] = field(default_factory=list)


# Apps above keep structures derived from the tree (analytics' rollup); each is called inside
# the load's transaction when units changed, with the load's result.
UNITS_CHANGED: list[Callable[[LoadResult], None]] = []


@functools.cache
def _converter() -> dict:
    """The package's converter data, read once per process (it is only read, never changed)."""
    data = (
        resources.files("vietnamadminunits").joinpath("data/converter_2025.json").read_text(encoding="utf-8")
    )
    return json.loads(data)


def _province_type(name: str) -> str:
    return UnitType.THANH_PHO_TW if name.startswith("Thành phố") else UnitType.TINH


class _Writer:
    """Create-or-update by source_key; counts what it did."""

    def __init__(self, result: LoadResult):
        self.result = result
        self.known = {u.source_key: u for u in Unit.objects.exclude(source_key=None)}

    def put(self, source_key: str, **fields) -> Unit:
        unit = self.known.get(source_key)
        if unit is None:
            unit = Unit(source_key=source_key, **fields)
            unit.save()
            self.known[source_key] = unit
            self.result.created += 1
            return unit
        current = {k: (unit.parent_id if k == "parent" else getattr(unit, k)) for k in fields}
        wanted = {k: (v.pk if k == "parent" and v is not None else v) for k, v in fields.items()}
        if current != wanted:
            for k, v in fields.items():
                setattr(unit, k, v)
            unit.save()
            self.result.updated += 1
            self.result.changed.append(unit)
        else:
            self.result.unchanged += 1
        return unit


def country(result: LoadResult | None = None) -> Unit:
    writer = _Writer(result or LoadResult())
    return writer.put(
        "country:VN",
        code=COUNTRY_CODE,
        name="Việt Nam",
        short_name="Việt Nam",
        type=UnitType.QUOC_GIA,
        tier=Tier.TW,
        parent=None,
        valid_from=None,
        valid_to=None,
    )


def _unmerged_provinces(conv: dict) -> set[str]:
    """Province keys that the 2025 reform left as they were."""
    return {new for new, olds in conv["DICT_PROVINCE"].items() if olds == [new]}


@transaction.atomic
def load(tree: str, province: str | None = None) -> LoadResult:
    if tree not in ("legacy", "2025"):
        raise ValueError(f"Cây đơn vị không hợp lệ: {tree!r} (chọn legacy hoặc 2025)")
    if province is not None and not province.isdigit():
        raise ValueError(f"Mã tỉnh phải là số, ví dụ 12 (nhận được {province!r})")
    result = LoadResult()
    writer = _Writer(result)
    root = country(result)
    conv = _converter()
    unmerged = _unmerged_provinces(conv)
    if tree == "legacy":
        _load_legacy(writer, root, unmerged, province)
    else:
        _load_2025(writer, root, unmerged, province)
    relink_lineage(result)
    if province and not Unit.objects.filter(code=province, tier=Tier.TINH).exists():
        raise ValueError(f"Không tìm thấy tỉnh có mã {province} trong cây {tree}")
    if result.changed:
        for hook in UNITS_CHANGED:
            hook(result)
    return result


def _province_fields(row: dict, tree: str, unmerged: set[str], root: Unit) -> tuple[str, dict]:
    key = row["provinceKey"]
    fields = dict(
        code=row["provinceCode"],
        name=row["province"],
        short_name=row["provinceShort"],
        type=_province_type(row["province"]),
        tier=Tier.TINH,
        parent=root,
    )
    if key in unmerged:
        # One unit throughout: the reform did not touch this province.
        return f"province:{key}", dict(fields, valid_from=None, valid_to=None)
    if tree == "legacy":
        return f"legacy:{key}", dict(fields, valid_from=None, valid_to=LEGACY_END)
    return f"2025:{key}", dict(fields, valid_from=REFORM_DATE, valid_to=None)


def _load_legacy(writer: _Writer, root: Unit, unmerged: set[str], province: str | None) -> None:
    where = f"WHERE provinceCode = '{province}'" if province else ""
    rows = query(f"SELECT * FROM admin_units_legacy {where} ORDER BY provinceCode, districtCode, wardCode")
    provinces: dict[str, Unit] = {}
    districts: dict[str, Unit] = {}
    for row in rows:
        pkey = row["provinceKey"]
        if pkey not in provinces:
            skey, fields = _province_fields(row, "legacy", unmerged, root)
            provinces[pkey] = writer.put(skey, **fields)
        dkey = f"{pkey}_{row['districtKey']}"
        if dkey not in districts:
            districts[dkey] = writer.put(
                f"legacy:{dkey}",
                code=row["districtCode"],
                name=row["district"],
                short_name=row["districtShort"],
                type=DISTRICT_TYPES[row["districtType"]],
                tier=Tier.HUYEN,
                parent=provinces[pkey],
                valid_from=None,
                valid_to=LEGACY_END,
            )
        if row["ward"]:
            writer.put(
                f"legacy:{dkey}_{row['wardKey']}",
                code=row["wardCode"],
                name=row["ward"],
                short_name=row["wardShort"],
                type=WARD_TYPES[row["wardType"]],
                tier=Tier.XA,
                parent=districts[dkey],
                valid_from=None,
                valid_to=LEGACY_END,
            )


def _load_2025(writer: _Writer, root: Unit, unmerged: set[str], province: str | None) -> None:
    where = f"WHERE provinceCode = '{province}'" if province else ""
    rows = query(f"SELECT * FROM admin_units {where} ORDER BY provinceCode, wardCode")
    provinces: dict[str, Unit] = {}
    for row in rows:
        pkey = row["provinceKey"]
        if pkey not in provinces:
            skey, fields = _province_fields(row, "2025", unmerged, root)
            provinces[pkey] = writer.put(skey, **fields)
        writer.put(
            f"2025:{pkey}_{row['wardKey']}",
            code=row["wardCode"],
            name=row["ward"],
            short_name=row["wardShort"],
            type=WARD_TYPES[row["wardType"]],
            tier=Tier.XA,
            parent=provinces[pkey],
            valid_from=REFORM_DATE,
            valid_to=None,
        )


def _link_lineage(conv: dict, provinces: dict[str, Unit], wards: dict[str, Unit], result: LoadResult) -> None:
    """Fill the lineage table from the converter for the provinces given."""
    legacy = {u.source_key: u for u in Unit.objects.filter(source_key__startswith="legacy:")}
    districts_of: dict[str, list[Unit]] = {}
    for key, unit in legacy.items():
        if unit.tier == Tier.HUYEN:
            districts_of.setdefault(key.split(":", 1)[1].split("_")[0], []).append(unit)
    wanted: dict[tuple[int, int], tuple[str, bool]] = {}

    def link(pred: Unit | None, succ: Unit | None, kind: str, default: bool = True) -> None:
        if pred is not None and succ is not None and pred.pk != succ.pk:
            wanted[(pred.pk, succ.pk)] = (kind, default)

    for new_pkey, new_province in provinces.items():
        for old_pkey in conv["DICT_PROVINCE"].get(new_pkey, []):
            link(legacy.get(f"legacy:{old_pkey}"), new_province, Lineage.Kind.MERGE)
            # Districts are abolished: their own figures pass to the province.
            for district in districts_of.get(old_pkey, []):
                link(district, new_province, Lineage.Kind.ABOLISH)
        for new_wkey, old_keys in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_pkey, {}).items():
            kind = Lineage.Kind.MERGE if len(old_keys) > 1 else Lineage.Kind.RENAME
            for old_key in old_keys:
                link(legacy.get(f"legacy:{old_key}"), wards.get(f"{new_pkey}_{new_wkey}"), kind)
        for old_key, parts in conv["DICT_PROVINCE_WARD_DIVIDED"].get(new_pkey, {}).items():
            for part in parts:
                link(
                    legacy.get(f"legacy:{old_key}"),
                    wards.get(f"{new_pkey}_{part['newWardKey']}"),
                    Lineage.Kind.SPLIT,
                    bool(part["isDefaultNewWard"]),
                )
    existing = {
        (ln.predecessor_id, ln.successor_id): ln
        for ln in Lineage.objects.filter(successor_id__in={succ for _, succ in wanted})
    }
    new = []
    for (pred, succ), (kind_code, default) in wanted.items():
        link_row = existing.get((pred, succ))
        if link_row is None:
            new.append(
                Lineage(
                    predecessor_id=pred,
                    successor_id=succ,
                    date=REFORM_DATE,
                    kind=kind_code,
                    is_default=default,
                )
            )
        elif (link_row.kind, link_row.is_default) != (kind_code, default):
            Lineage.objects.filter(pk=link_row.pk).update(kind=kind_code, is_default=default)
    Lineage.objects.bulk_create(new, batch_size=1000)
    result.lineage_created += len(new)


def relink_lineage(result: LoadResult) -> None:
    """Link whatever of both trees is loaded; run after either load."""
    provinces = {
        u.source_key.split(":", 1)[1]: u
        for u in Unit.objects.filter(tier=Tier.TINH, valid_to=None).exclude(source_key=None)
    }
    wards = {
        u.source_key.split(":", 1)[1]: u
        for u in Unit.objects.filter(source_key__startswith="2025:", tier=Tier.XA)
    }
    if wards:
        _link_lineage(_converter(), provinces, wards, result)
