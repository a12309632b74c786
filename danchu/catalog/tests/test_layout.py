"""One layout of a form and one dimension key, read the same by every page, file and API."""

import pytest

from danchu.catalog.dimensions import DimensionKey, DimensionKeyError
from danchu.catalog.layout import TOTAL, UNCLASSIFIED, Column, layout


def test_a_key_is_written_with_its_dimensions_sorted():
    key = DimensionKey.parse(" nguon=trong_ky ; loai_don=to_cao ")
    assert str(key) == "loai_don=to_cao;nguon=trong_ky"
    assert key == {"nguon": "trong_ky", "loai_don": "to_cao"}
    assert DimensionKey.of({"nguon": "trong_ky", "loai_don": "to_cao"}) == key
    assert hash(DimensionKey.parse(str(key))) == hash(key)
    assert str(DimensionKey.parse("")) == "" and not DimensionKey.parse(";")


def test_a_part_without_an_option_is_refused_in_vietnamese():
    with pytest.raises(DimensionKeyError, match="'loai_don' phải có dạng chiều=phương_án"):
        DimensionKey.parse("loai_don")


def test_a_key_may_leave_dimensions_of_its_element_out():
    key = DimensionKey.parse("nguon=trong_ky")  # DON_TIEPNHAN has loai_don and nguon
    assert key.omitted(["loai_don", "nguon"]) == ["loai_don"]
    assert key.matches({"nguon": "trong_ky"})
    assert key.matches({"nguon": "trong_ky"}, absent=["loai_don"])
    assert not DimensionKey.parse("loai_don=to_cao;nguon=trong_ky").matches({}, absent=["loai_don"])


def test_the_national_form_spreads_a_dimension_into_columns_then_the_total(db):
    form = layout("QCDC")
    first = form.sections[0]
    assert [c.option for c in first.columns] == ["ke_hoach", "thong_bao", "cong_van", "khac", ""]
    assert first.columns[-1].kind == TOTAL and first.column_dimension == "loai_vb"
    row = first.rows[0]  # Cấp ủy
    assert row.key(first.columns[0]) == "co_quan=cap_uy;loai_vb=ke_hoach"
    assert row.complete(first.columns[0]) and not row.complete(first.columns[-1])
    rates = next(s for s in form if s.code == "8").rows[-1]
    assert rates.kind == "indicator" and [rates.takes(c) for c in form.sections[7].columns][-1]
    assert "TL_GIAIQUYET" in form.codes() and len(form.element_ids()) == len(form.elements())


def test_an_unclassified_column_holds_the_values_that_leave_its_dimension_out(db):
    section = next(s for s in layout("QCDC") if s.code == "8")
    received = section.rows[0]  # Đơn tiếp nhận trong kỳ: nguon=trong_ky, spread by loai_don
    unclassified = Column("loai_don", "", "Chưa phân loại", UNCLASSIFIED)
    assert received.selects(unclassified, {"nguon": "trong_ky"})
    assert not received.selects(unclassified, {"nguon": "trong_ky", "loai_don": "to_cao"})
    assert not received.complete(unclassified)
    total = section.columns[-1]
    assert received.selects(total, {"nguon": "trong_ky"})
    assert received.selects(total, {"nguon": "trong_ky", "loai_don": "to_cao"})
