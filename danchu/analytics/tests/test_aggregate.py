import datetime as dt

import pytest

from danchu.analytics.engine import aggregate
from danchu.analytics.validation import validate
from danchu.units.models import Unit
from danchu.values.periods import parse
from danchu.values.services import InputRow, apply_rows


def put(*rows):
    apply_rows([InputRow(*r) for r in rows])


def unit(code, at=dt.date(2023, 12, 14)):
    return Unit.objects.at(at).get(code=code)


@pytest.fixture
def figures(lai_chau):
    put(
        ("TD_TIEPDAN", "12", "2023", 2, "chuc_danh=chu_tich"),
        ("TD_TIEPDAN", "105", "2023", 5, "chuc_danh=bi_thu"),
        ("TD_TIEPDAN", "03386", "2023-05", 7, "chuc_danh=bi_thu"),
        ("TD_TIEPDAN", "03386", "2023-06", 3, "chuc_danh=bi_thu"),
        ("TD_TIEPDAN", "03502", "2023", 1, "chuc_danh=bi_thu"),
        # outside the 2023 period: counted in 2024 only
        ("TD_TIEPDAN", "03386", "2023-12-15/2023-12-20", 100, "chuc_danh=bi_thu"),
        ("HG_TO", "03386", "2023-05", 4, ""),
        ("HG_TO", "03386", "2023-11", 6, ""),
        ("HG_VUVIEC", "03386", "2023", 10, ""),
        ("HG_THANH", "03386", "2023", 8, ""),
        ("HG_VUVIEC", "03502", "2023", 6, ""),
        ("HG_THANH", "03502", "2023", 6, ""),
    )
    return lai_chau


def test_flows_add_up_over_periods_and_units(figures):
    result = aggregate(figures, parse("2023"), elements=["TD_TIEPDAN"])
    assert result.value("TD_TIEPDAN", chuc_danh="bi_thu") == 5 + 7 + 3 + 1
    assert result.value("TD_TIEPDAN") == 18


def test_stocks_take_the_last_value_in_the_period(figures):
    assert aggregate(figures, parse("2023"), elements=["HG_TO"]).value("HG_TO") == 6
    assert aggregate(figures, parse("2023S1"), elements=["HG_TO"]).value("HG_TO") == 4


def test_breakdown_by_tier(figures):
    result = aggregate(figures, parse("2023"), by="tier", elements=["TD_TIEPDAN"])
    assert result.value("TD_TIEPDAN", "tinh") == 2
    assert result.value("TD_TIEPDAN", "huyen") == 5
    assert result.value("TD_TIEPDAN", "xa") == 11
    assert {r["group"] for r in result.as_dict()["rows"]} == {"tinh", "huyen", "xa"}


def test_breakdown_by_child_includes_the_unit_itself(figures):
    result = aggregate(figures, parse("2023"), by="child", elements=["TD_TIEPDAN"])
    assert result.value("TD_TIEPDAN", "12") == 2  # the province's own figure
    assert result.value("TD_TIEPDAN", "105") == 15  # Lai Châu city with its wards
    district_of_03502 = unit("03502").parent.code
    assert result.value("TD_TIEPDAN", district_of_03502) == 1


def test_a_district_subtree_only(figures):
    assert aggregate(unit("105"), parse("2023"), elements=["TD_TIEPDAN"]).value("TD_TIEPDAN") == 15


def test_indicator_is_computed_from_summed_parts_not_averaged(figures):
    result = aggregate(figures, parse("2023"), by="tier", elements=["TL_HOAGIAI"])
    row = next(r for r in result.rows if r.element == "TL_HOAGIAI" and r.group == "xa")
    # (8 + 6) / (10 + 6) = 87.5%, whereas the mean of 80% and 100% would be 90%
    assert row.value == 87.5 and row.numerator == 14 and row.denominator == 16 and row.decimals == 2


def test_json_shape(figures):
    data = aggregate(figures, parse("2023"), by="tier", elements=["TD_TIEPDAN"]).as_dict()
    assert data["unit"] == "12"
    assert data["period"] == {"code": "2023", "start": "2022-12-15", "end": "2023-12-14"}
    assert {
        "element": "TD_TIEPDAN",
        "dimensions": {"chuc_danh": "chu_tich"},
        "group": "tinh",
        "value": 2.0,
    } in data["rows"]


def test_values_of_retired_communes_are_carried_to_their_successors(lai_chau):
    # a legacy commune reports for Jan–Jun 2025, its successor for the rest of the year
    old = unit("03386", dt.date(2025, 6, 1))
    put(("TD_TIEPDAN", "03386", "2025-03", 4, "chuc_danh=bi_thu"))
    from danchu.units.models import successor_at

    succ = successor_at(old, dt.date(2025, 12, 14))
    put(("TD_TIEPDAN", succ.code, "2025-09", 1, "chuc_danh=bi_thu"))
    result = aggregate(lai_chau, parse("2025"), by="child", elements=["TD_TIEPDAN"])
    assert result.value("TD_TIEPDAN", succ.code) == 5
    assert any(old.name in note and succ.name in note for note in result.notes)


def test_split_commune_goes_to_the_default_successor_and_says_so(db):
    from danchu.units import loader
    from danchu.units.models import Lineage

    # Hà Tĩnh (42) kept its borders in 2025 but had communes divided between new ones
    loader.load("legacy", "42")
    loader.load("2025", "42")
    ha_tinh = Unit.objects.get(code="42")
    link = Lineage.objects.filter(
        kind="split", is_default=True, predecessor__path__startswith=ha_tinh.path
    ).first()
    assert link is not None
    old, default = link.predecessor, link.successor
    assert Lineage.objects.filter(predecessor=old).count() > 1
    put(("HG_VUVIEC", old.code, "2025-02", 9, ""))
    result = aggregate(ha_tinh, parse("2025"), by="child", elements=["HG_VUVIEC"])
    assert result.value("HG_VUVIEC", default.code) == 9
    assert result.value("HG_VUVIEC") is None  # no group None when broken down
    assert any("chia tách" in n and default.name in n for n in result.notes)


def test_validation_reports_units_and_totals(figures):
    put(("HG_THANH", "03386", "2023-12-01/2023-12-02", 5, ""))  # 13 > 10 in Quyết Thắng
    violations = validate(figures, parse("2023"))
    found = {(v.rule, v.unit, v.scope) for v in violations}
    assert ("HG_THANH_LE_VUVIEC", "03386", "unit") in found
    assert not any(v.unit == "03502" for v in violations)
    v = next(v for v in violations if v.unit == "03386")
    assert (v.left, v.operator, v.right, v.importance) == (13, "<=", 10, "high")
    # the totals on the way up break the rule too: the district's (13 > 10) and the province's (19 > 16)
    subtree = {(v.unit, v.left, v.right) for v in violations if v.scope == "subtree"}
    assert subtree == {("105", 13, 10), ("12", 19, 16)}
    # a district whose communes keep the rule is not reported, and nothing is reported twice
    assert len(found) == len(violations)


def test_rule_per_dimension_option(lai_chau):
    put(
        ("VV_THAMQUYEN", "12", "2023", 3, "loai_don=to_cao"),
        ("VV_DAGIAIQUYET", "12", "2023", 4, "loai_don=to_cao"),
        ("VV_THAMQUYEN", "12", "2023", 9, "loai_don=khieu_nai"),
        ("VV_DAGIAIQUYET", "12", "2023", 1, "loai_don=khieu_nai"),
    )
    violations = validate(lai_chau, parse("2023"))
    per_option = [
        (v.rule, v.option) for v in violations if v.scope == "unit" and v.rule == "VV_GIAIQUYET_LE_THAMQUYEN"
    ]
    assert per_option == [("VV_GIAIQUYET_LE_THAMQUYEN", "to_cao")]


def test_conditional_rule_only_when_condition_holds(lai_chau):
    put(("KT_DONVI", "12", "2023", 0, ""))
    assert not validate(lai_chau, parse("2023"))
    put(("KT_DOAN", "12", "2023", 2, ""))
    assert [v.rule for v in validate(lai_chau, parse("2023"))][:1] == ["KT_DONVI_GE_DOAN"]


def test_table_output_reads_vietnamese(lai_chau, capsys):
    """People read the table in a terminal: Vietnamese headings, 12.382 and 84,73 — not 12382, 84.73."""
    from django.core.management import call_command

    from danchu.values.services import InputRow, apply_rows

    apply_rows(
        [
            InputRow("TT_NGUOI", "12", "2023", 12382),
            InputRow("HG_VUVIEC", "12", "2023", 871),
            InputRow("HG_THANH", "12", "2023", 738),
        ]
    )
    call_command("aggregate", unit="12", period="2023", elements="TT_NGUOI,TL_HOAGIAI", format="table")
    out = capsys.readouterr().out
    assert "chỉ tiêu" in out and "giá trị" in out
    assert "12.382" in out and "84,73" in out and "84.73" not in out
