"""The benchmark's generator and its DuckDB reference, on a few units: the sums must be equal."""

from __future__ import annotations

import pytest

from bench import generate, reference
from danchu.analytics.engine import aggregate
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.models import DataValue


@pytest.fixture
def small(db, tmp_path):
    # Lai Châu's tree; values for the province, its first district and some of its communes
    stats = generate.generate(["12"], limit_units=8, out=lambda _: None)
    export = tmp_path / "values.csv"
    assert reference.export_csv(export) == stats.rows
    return stats, reference.load_duckdb(export)


def test_generator_writes_every_element_and_dimension_combination_for_12_months(small):
    stats, _ = small
    assert stats.rows == 8 * 12 * 94 == DataValue.objects.count()
    assert stats.combos_per_unit_month == 94
    assert set(DataValue.objects.values_list("period", flat=True)) == set(generate.MONTHS)
    # the same seed gives the same rows: generating again finds them and writes nothing
    again = generate.generate(["12"], limit_units=8, out=lambda _: None, load_units=False)
    assert again.skipped and DataValue.objects.count() == stats.rows


def test_engine_and_duckdb_give_the_same_sums_by_tier(small):
    _, con = small
    period = periods.parse("2023")
    province = Unit.objects.get(code="12")
    district = Unit.objects.filter(parent=province).order_by("path").first()
    for root in (province, district):
        mine = reference.engine_sums(aggregate(root, period, by="tier"))
        ref = reference.duckdb_sums(con, root.path, period.start, period.end)
        assert mine and reference.differences(mine, ref) == []
    assert {tier for (_, _, tier) in mine} == {"huyen", "xa"}


def test_reference_takes_the_last_month_of_a_stock(small):
    _, con = small
    period, half = periods.parse("2023"), periods.parse("2023S1")
    province = Unit.objects.get(code="12")
    last = DataValue.objects.filter(element__code="HG_TO", unit=province, period="2023-12").get()
    june = DataValue.objects.filter(element__code="HG_TO", unit=province, period="2023-06").get()
    assert (
        reference.duckdb_sums(con, province.path, period.start, period.end)[("HG_TO", "", "tinh")]
        == last.value
    )
    assert (
        reference.duckdb_sums(con, province.path, half.start, half.end)[("HG_TO", "", "tinh")] == june.value
    )
