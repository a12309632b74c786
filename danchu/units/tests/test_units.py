import datetime as dt
import json

import pytest
from django.core.management import call_command

from danchu.units import loader
from danchu.units.models import Lineage, Unit, resolve_code, successor_at

BEFORE = dt.date(2023, 12, 14)
AFTER = dt.date(2025, 8, 1)


def list_units(code: str, at: str) -> list[dict]:
    from io import StringIO

    out = StringIO()
    call_command("list_units", under=code, at=at, format="json", stdout=out)
    return json.loads(out.getvalue())["units"]


def test_lai_chau_legacy_tree_has_8_districts_and_106_communes(lai_chau):
    units = list_units("12", "2023-12-14")
    tiers = [u["tier"] for u in units]
    assert tiers.count("tinh") == 1
    assert tiers.count("huyen") == 8
    assert tiers.count("xa") == 106
    assert units[0] == {
        "code": "12",
        "name": "Tỉnh Lai Châu",
        "type": "tinh",
        "tier": "tinh",
        "parent": "VN",
        "valid_from": None,
        "valid_to": None,
    }
    commune = next(u for u in units if u["name"] == "Phường Quyết Thắng")
    assert commune["valid_to"] == "2025-06-30"
    assert commune["parent"] == "105"


def test_lai_chau_2025_tree_has_38_communes_and_no_district(lai_chau):
    units = list_units("12", "2025-08-01")
    assert [u["tier"] for u in units].count("xa") == 38
    assert not any(u["tier"] == "huyen" for u in units)
    assert all(u["valid_from"] == "2025-07-01" for u in units if u["tier"] == "xa")


def test_province_not_merged_is_one_unit_throughout(lai_chau):
    assert Unit.objects.filter(code="12").count() == 1
    assert lai_chau.valid_from is None and lai_chau.valid_to is None


def test_codes_are_resolved_at_a_date(lai_chau):
    # 03388 is a legacy ward of Lai Châu city and, from 1/7/2025, Phường Đoàn Kết
    assert resolve_code("03388", BEFORE).name == "Phường Quyết Tiến"
    assert resolve_code("03388", AFTER).name == "Phường Đoàn Kết"


def test_reloading_changes_nothing(lai_chau):
    units, links = Unit.objects.count(), Lineage.objects.count()
    result = loader.load("legacy", "12")
    result2 = loader.load("2025", "12")
    assert (result.created, result.updated, result2.created, result2.updated) == (0, 0, 0, 0)
    assert (Unit.objects.count(), Lineage.objects.count()) == (units, links)


def test_lineage_leads_every_legacy_commune_to_a_2025_commune(lai_chau):
    legacy = Unit.objects.filter(tier="xa", valid_to=loader.LEGACY_END, path__startswith=lai_chau.path)
    assert legacy.count() == 106
    for unit in legacy:
        succ = successor_at(unit, AFTER)
        assert succ is not None and succ.valid_from == loader.REFORM_DATE, unit
    district = Unit.objects.get(code="105", tier="huyen")
    assert successor_at(district, AFTER) == lai_chau


def test_unknown_province_is_refused(db):
    with pytest.raises(ValueError, match="Không tìm thấy tỉnh"):
        loader.load("2025", "99")


def test_non_territorial_unit_under_a_province(lai_chau):
    from danchu.units.services import create_unit

    unit = create_unit(code="SO-NV-12", name="Sở Nội vụ tỉnh Lai Châu", type="co_quan", parent=lai_chau)
    assert unit.tier == "tinh" and unit.path.startswith(lai_chau.path)
    with pytest.raises(ValueError, match="đã dùng"):
        create_unit(code="SO-NV-12", name="Trùng", type="co_quan", parent=lai_chau)


def test_search_ignores_diacritics_and_case(lai_chau):
    assert Unit.objects.search("quyet thang").get().name == "Phường Quyết Thắng"
    assert Unit.objects.search("LAI CHÂU").filter(tier="tinh").exists()
