"""Units of the 2025 tree report for periods that began before they existed: a code is read
at the period's end, and a unit reports for its territory."""

import datetime as dt

import pytest

from danchu.values.models import DataValue
from danchu.values.services import InputRow, ValuesRefused, apply_rows

REFORM = dt.date(2025, 7, 1)


@pytest.mark.parametrize("period", ["2025", "2025S2", "2025Q3", "2025-07"])
def test_a_commune_created_on_1_july_2025_reports_for_periods_begun_before(lai_chau, period):
    apply_rows([InputRow("HG_VUVIEC", "03390", period, 5)])
    stored = DataValue.objects.select_related("unit").get()
    # 03390 is Xã Bình Lư from 1/7/2025 (Thị trấn Tam Đường used the code before)
    assert stored.unit.name == "Xã Bình Lư" and stored.unit.valid_from == REFORM


def test_the_old_unit_of_a_reused_code_reports_for_periods_ending_before_the_reform(lai_chau):
    apply_rows([InputRow("HG_VUVIEC", "03390", "2025-03", 2), InputRow("HG_VUVIEC", "03390", "2023", 4)])
    names = set(DataValue.objects.values_list("unit__name", flat=True))
    assert names == {"Thị trấn Tam Đường"}


def test_a_code_without_a_unit_at_the_period_end_names_the_unit_and_its_successor(lai_chau):
    # Xã Lản Nhì Thàng (03391) ended on 30/06/2025 and became part of Phường Đoàn Kết (03388)
    with pytest.raises(ValuesRefused) as refused:
        apply_rows([InputRow("HG_VUVIEC", "03391", "2025", 5, row=2)])
    message = str(refused.value)
    assert "03391" in message and "Xã Lản Nhì Thàng" in message
    assert "14/12/2025" in message and "30/06/2025" in message
    assert "Phường Đoàn Kết (03388)" in message
    assert "suốt kỳ" not in message
    assert DataValue.objects.count() == 0


def test_a_unit_that_began_after_the_period_end_is_named_with_its_start(lai_chau):
    from danchu.units.models import Unit

    Unit.objects.create(
        code="SO-MOI", name="Sở Mới", type="co_quan", tier="tinh", parent=lai_chau, valid_from=REFORM
    )
    with pytest.raises(ValuesRefused) as refused:
        apply_rows([InputRow("HG_VUVIEC", "SO-MOI", "2024", 5)])
    message = str(refused.value)
    assert "Sở Mới" in message and "01/07/2025" in message and "14/12/2024" in message
