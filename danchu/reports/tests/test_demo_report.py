"""The report compiled from the demo data reproduces report 39-BC/BCĐ (Lai Châu, 21/12/2023).

The numbers are typed from the seed (`shared/seed/bao-cao-39-BC-BCD-2023.md`) on purpose.
"""

from __future__ import annotations

import datetime as dt

import pytest

from danchu.demo import testing
from danchu.demo.services import load_demo
from danchu.reports.compile import compile_report, draft_report
from danchu.units.models import Unit
from danchu.values.services import InputRow, apply_rows

pytestmark = pytest.mark.django_db

END_2023 = dt.date(2023, 12, 14)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        marks = testing.mark()
        load_demo()
    yield
    with django_db_blocker.unblock():
        testing.remove_since(marks)


def compile_demo():
    province = Unit.objects.at(END_2023).get(code="12")
    return compile_report(draft_report(province, "2023", number="39", date=dt.date(2023, 12, 21)))


@pytest.fixture(scope="module")
def report(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return compile_demo()


def table(report, number):
    return next(t for t in report.appendix.tables if t.number == number)


def rows(report, number) -> dict[str, dict[str, tuple]]:
    """{block label: {line label: (cells..., total)}} of one appendix table."""
    return {
        b.label: {ln.label: (*ln.cells, ln.total) for ln in b.lines} for b in table(report, number).blocks
    }


# columns: Kế hoạch, Thông báo, Công văn, Khác / không phân loại, Tổng số
SEED_1 = {
    "1.1. Cấp tỉnh": {
        "Cấp ủy": 1,  # Tỉnh ủy: 01
        "Chính quyền": 0,  # UBND tỉnh: 0
        "Ban chỉ đạo": (2, 2, 2, 0, 6),  # 2 kế hoạch; 2 Thông báo; 2 Công văn
        "Mặt trận Tổ quốc": 0,
        "Tổ chức chính trị - xã hội": 3,
    },
    "1.2. Cấp huyện": {
        "Cấp ủy": 19,
        "Chính quyền": 66,
        "Ban chỉ đạo": 124,
        "Mặt trận Tổ quốc": 36,
        "Tổ chức chính trị - xã hội": 55,
    },
}
SEED_2 = {
    "2.1. Cấp tỉnh": {"Cấp ủy": 0, "Chính quyền": (1, 0, 1, 0, 2), "Ban chỉ đạo": 0},
    "2.2. Cấp huyện": {
        "Cấp ủy": (2, 0, 0, 0, 2),
        "Chính quyền": (10, 0, 4, 0, 14),
        "Ban chỉ đạo": (5, 0, 0, 0, 5),
    },
}


def test_appendix_item_1_and_2_documents_equal_the_seed(report):
    for number, seed in (("1", SEED_1), ("2", SEED_2)):
        got = rows(report, number)
        assert [label for label in got if label.startswith(number)] == list(seed)
        for block, lines in seed.items():
            for label, expected in lines.items():
                if isinstance(expected, tuple):
                    assert got[block][label] == expected, (block, label)
                else:
                    assert got[block][label][-1] == expected, (block, label)


def test_appendix_items_3_to_6_equal_the_seed(report):
    assert rows(report, "3")["3.1. Cấp tỉnh"] == {
        "Số cuộc/lớp/hội nghị": (5,),
        "Số lượng người tham gia": (500,),
    }
    assert rows(report, "3")["3.2. Cấp huyện"] == {
        "Số cuộc/lớp/hội nghị": (451,),
        "Số lượng người tham gia": (32286,),
    }
    four = rows(report, "4")
    assert four["4.1. Cấp tỉnh"] == {
        "Tổng số đoàn/lượt kiểm tra, giám sát": (1,),
        "Tổng số đơn vị cơ sở được kiểm tra, giám sát": (18,),
    }
    assert four["4.2. Cấp huyện"] == {
        "Tổng số đoàn/lượt kiểm tra, giám sát": (30,),
        "Tổng số đơn vị cơ sở được kiểm tra, giám sát": (180,),
    }
    # item 5 "số liệu tính trong toàn huyện, thành phố": one list, not the district block
    # followed by a "Toàn tỉnh" block repeating it
    assert list(rows(report, "5")) == [""]
    assert table(report, "5").title == "Về xây dựng nông thôn mới (số liệu cấp huyện)"
    five = rows(report, "5")[""]
    assert five["Số kinh phí huy động sức dân (triệu đồng)"] == (1744,)
    assert five["Số diện tích đất do nhân dân hiến để xây dựng cơ sở hạ tầng (m²)"] == (157974,)
    six = rows(report, "6")
    # columns: bí thư, chủ tịch, tổng số
    assert six["6.1. Cấp tỉnh"] == {"Tiếp dân (cuộc)": (0, 2, 2), "Đối thoại (cuộc)": (0, 2, 2)}
    assert six["6.2. Cấp huyện"] == {"Tiếp dân (cuộc)": (16, 57, 73), "Đối thoại (cuộc)": (13, 16, 29)}
    assert six["6.3. Cấp xã"] == {"Tiếp dân (cuộc)": (560, 1113, 1673), "Đối thoại (cuộc)": (125, 312, 437)}


def test_appendix_numbers_are_printed_the_vietnamese_way(report):
    text = report.plain_text()
    assert "Số lượng người tham gia: 32.286" in text
    assert "Số diện tích đất do nhân dân hiến để xây dựng cơ sở hạ tầng (m²): 157.974" in text
    assert "Tiếp dân (cuộc): 560; 1.113; 1.673" in text


def test_narrative_figures_and_footnotes_equal_the_seed(report):
    text = report.plain_text()
    assert "Tổng số đơn tiếp nhận là 1.172 đơn, tăng 73 đơn so với cùng kỳ năm 2022" in text
    assert "(tiếp nhận trong kỳ báo cáo là 1.110 đơn, đơn kỳ trước chuyển sang là 62 đơn)" in text
    assert "Trong đó 35 đơn khiếu nại, 26 đơn tố cáo, 1.111 đơn kiến nghị, phản ánh" in text
    assert "1.094 đơn đủ điều kiện xử lý" in text
    assert (
        "904 đơn bằng 901 vụ việc (trong đó: khiếu nại 14 đơn, tố cáo 4 đơn, kiến nghị, phản ánh 886 đơn)"
        in text
    )
    assert "đã giải quyết 787/901 vụ việc, đạt tỷ lệ 87,3%" in text
    assert "190 đơn đã được hướng dẫn" in text
    notes = [n.text for n in report.footnotes]
    assert any(
        "bí thư cấp ủy các cấp tiếp dân 576 cuộc, đối thoại trực tiếp với nhân dân 138 cuộc" in n
        for n in notes
    )
    assert any(
        "toàn tỉnh tiếp 771 lượt với 900 người bằng 764 vụ việc (giảm 116 lượt (13,1%), giảm 152 người, "
        "giảm 113 vụ việc so với cùng kỳ năm trước)" in n
        for n in notes
    )
    assert any("tiếp thường xuyên 599 lượt với 715 người bằng 593 vụ việc" in n for n in notes)
    # footnote 20: the province's own offices, then the districts and communes
    assert any(
        "các cơ quan cấp tỉnh tiếp 59 lượt với 119 người bằng 56 vụ việc; "
        "cơ quan cấp huyện, cấp xã tiếp 540 lượt với 596 người bằng 537 vụ việc" in n
        for n in notes
    )
    assert any("956/956 thôn, bản, tổ dân phố có quy ước được phê duyệt, đạt 100%" in n for n in notes)
    assert any("956 tổ hòa giải với 4.893 hòa giải viên" in n and "đạt tỷ lệ 84,73%" in n for n in notes)
    assert any("106 ban thanh tra nhân dân với 963 thành viên; 118 ban giám sát" in n for n in notes)
    assert any("7.623 ngày công, 1.744 triệu đồng, hiến 157.974 m²" in n for n in notes)
    assert any("34 điểm với 2.375 cử tri" in n and "184 điểm với 12.382 cử tri" in n for n in notes)


def test_a_value_changed_after_the_demo_changes_appendix_footnote_and_comparison(demo):
    # one more petition and ten more receptions by a commune party secretary
    # a commune that types its figures (the demo's register communes have theirs from their books)
    commune = (
        Unit.objects.at(END_2023)
        .filter(tier="xa", path__startswith=Unit.objects.get(code="12").path, register_keepings__isnull=True)
        .first()
    )
    before = compile_demo()
    xa_before = rows(before, "6")["6.3. Cấp xã"]["Tiếp dân (cuộc)"]
    from danchu.values.models import DataValue

    def current(element, dims):
        v = DataValue.objects.filter(
            element__code=element, unit=commune, period="2023", dimensions=dims
        ).first()
        return v.value if v else 0

    apply_rows(
        [
            InputRow(
                "TD_TIEPDAN",
                commune.code,
                "2023",
                current("TD_TIEPDAN", "chuc_danh=bi_thu") + 10,
                "chuc_danh=bi_thu",
            ),
            InputRow(
                "DON_TIEPNHAN",
                commune.code,
                "2023",
                current("DON_TIEPNHAN", "loai_don=kien_nghi;nguon=trong_ky") + 1,
                "loai_don=kien_nghi;nguon=trong_ky",
            ),
            InputRow("DON_DUDK", commune.code, "2023", current("DON_DUDK", "") + 1, ""),
        ]
    )
    after = compile_demo()
    assert rows(after, "6")["6.3. Cấp xã"]["Tiếp dân (cuộc)"] == (
        xa_before[0] + 10,
        xa_before[1],
        xa_before[2] + 10,
    )
    assert any("bí thư cấp ủy các cấp tiếp dân 586 cuộc" in n.text for n in after.footnotes)
    assert "Tổng số đơn tiếp nhận là 1.173 đơn, tăng 74 đơn so với cùng kỳ năm 2022" in after.plain_text()
