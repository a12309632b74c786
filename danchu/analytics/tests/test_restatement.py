"""Restatement: a period's figures on the tree of another date, through the lineage."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Q

from danchu.analytics.engine import aggregate
from danchu.units.models import Unit
from danchu.values.periods import parse
from danchu.values.services import InputRow, apply_rows

REFORM = dt.date(2025, 7, 1)


def unit(code, at=dt.date(2023, 12, 14)):
    return Unit.objects.at(at).get(code=code)


@pytest.fixture
def figures_2023(lai_chau):
    apply_rows(
        [
            InputRow("KT_DOAN", "12", "2023", 3),
            InputRow("KT_DOAN", "105", "2023", 2),  # the district's own: to the province
            InputRow("KT_DOAN", "03386", "2023", 9),  # Quyết Thắng → Đoàn Kết (03388)
            InputRow("KT_DOAN", "03403", "2023-05", 3),  # Sùng Phài → Đoàn Kết
            InputRow("KT_DOAN", "03418", "2023", 4),  # Bản Giang → Tân Phong (03408)
            InputRow("KT_DOAN", "03502", "2023", 1),  # Nậm Ban → Pa Tần (03503)
        ]
    )
    return lai_chau


def test_a_period_on_todays_tree_groups_by_todays_communes_with_the_same_total(figures_2023):
    then = aggregate(figures_2023, parse("2023"), by="child", elements=["KT_DOAN"])
    now = aggregate(figures_2023, parse("2023"), by="child", elements=["KT_DOAN"], at=REFORM)
    assert then.value("KT_DOAN", "105") == 14 and then.value("KT_DOAN", "12") == 3
    assert now.value("KT_DOAN", "03388") == 12  # 9 + 3 merged
    assert now.value("KT_DOAN", "03408") == 4 and now.value("KT_DOAN", "03503") == 1
    assert now.value("KT_DOAN", "12") == 5  # the province's own 3 and the abolished district's 2
    assert now.value("KT_DOAN", "105") is None
    total = sum(r.value for r in then.rows)
    assert total == sum(r.value for r in now.rows) == 22
    assert now.groups == sorted(now.groups) and "105" not in now.groups


def test_by_tier_on_todays_tree_has_no_district_tier(figures_2023):
    now = aggregate(figures_2023, parse("2023"), by="tier", elements=["KT_DOAN"], at=REFORM)
    assert now.value("KT_DOAN", "tinh") == 5 and now.value("KT_DOAN", "xa") == 17
    assert now.value("KT_DOAN", "huyen") is None


def test_the_rollup_and_the_values_agree_on_a_restated_tree(figures_2023):
    for by in (None, "tier"):
        fast = aggregate(figures_2023, parse("2023"), by=by, at=REFORM).as_dict()["rows"]
        slow = aggregate(figures_2023, parse("2023"), by=by, at=REFORM, value_filter=Q()).as_dict()["rows"]
        assert fast == slow, by


def test_a_new_commune_is_the_root_of_its_predecessors_figures(figures_2023):
    doan_ket = unit("03388", REFORM)
    result = aggregate(doan_ket, parse("2023"), elements=["KT_DOAN"], at=REFORM)
    assert result.unit == doan_ket and result.value("KT_DOAN") == 12


def test_a_legacy_unit_asked_on_todays_tree_is_its_successor(figures_2023):
    result = aggregate(unit("105"), parse("2023"), elements=["KT_DOAN"], at=REFORM)
    assert result.unit.code == "12"
    assert any("Thành phố Lai Châu" in n for n in result.notes)


def test_the_tree_date_defaults_to_the_period_end(figures_2023):
    assert (
        aggregate(figures_2023, parse("2023"), by="child").as_dict()
        == aggregate(figures_2023, parse("2023"), by="child", at=parse("2023").end).as_dict()
    )


def test_values_of_units_later_than_the_tree_date_are_named_not_lost(lai_chau):
    apply_rows([InputRow("KT_DOAN", "03388", "2025", 6)])  # Phường Đoàn Kết, 2025 tree
    result = aggregate(lai_chau, parse("2025"), elements=["KT_DOAN"], at=dt.date(2025, 6, 30))
    assert result.value("KT_DOAN") is None
    assert any("01/07/2025" in n and "không tính" in n for n in result.notes)


def test_aggregate_command_takes_at(figures_2023):
    out = io.StringIO()
    call_command(
        "aggregate", unit="12", period="2023", by="child", at="2025-07-01", format="json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["at"] == "2025-07-01"
    groups = {r["group"]: r["value"] for r in data["rows"] if r["element"] == "KT_DOAN"}
    assert groups == {"12": 5, "03388": 12, "03408": 4, "03503": 1}
