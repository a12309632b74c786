"""The demo data reproduces the figures of report 39-BC/BCĐ (Lai Châu, 21/12/2023).

The numbers below are typed from the seed (`shared/seed/bao-cao-39-BC-BCD-2023.md`) on purpose,
not imported from `danchu.demo.seed_2023`: a typo in the data must fail here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from danchu.accounts.models import Membership, Role
from danchu.accounts.permissions import can
from danchu.analytics.engine import aggregate
from danchu.analytics.validation import validate
from danchu.audit.models import ObjectChange
from danchu.demo.services import apportion, load_demo
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.periods import parse

pytestmark = pytest.mark.django_db

END_2023 = dt.date(2023, 12, 14)


def _counts() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    return {
        "units": Unit.objects.count(),
        "values": DataValue.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "changes": ObjectChange.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(demo_loaded, django_db_blocker):
    """The conftest's module-wide load, then a second load to show it changes nothing."""
    with django_db_blocker.unblock():
        after_first = _counts()
        second = load_demo()
        after_second = _counts()
    return {"first": demo_loaded, "second": second, "counts": (after_first, after_second)}


@pytest.fixture(scope="module")
def by_tier(demo, django_db_blocker):
    with django_db_blocker.unblock():
        province = Unit.objects.at(END_2023).get(code="12")
        return aggregate(province, parse("2023"), by="tier")


@pytest.fixture(scope="module")
def whole(demo, django_db_blocker):
    with django_db_blocker.unblock():
        province = Unit.objects.at(END_2023).get(code="12")
        return aggregate(province, parse("2023"))


# (element, tier, dimensions, figure of the seed's appendix PHỤ LỤC)
APPENDIX = [
    # 1.1 Cấp tỉnh
    ("VB_CHIDAO", "tinh", {"co_quan": "cap_uy"}, 1),  # Tỉnh ủy: 01
    ("VB_CHIDAO", "tinh", {"co_quan": "chinh_quyen"}, 0),  # UBND tỉnh: 0
    ("VB_CHIDAO", "tinh", {"co_quan": "bcd", "loai_vb": "ke_hoach"}, 2),  # 2 kế hoạch
    ("VB_CHIDAO", "tinh", {"co_quan": "bcd", "loai_vb": "thong_bao"}, 2),  # 2 Thông báo
    ("VB_CHIDAO", "tinh", {"co_quan": "bcd", "loai_vb": "cong_van"}, 2),  # 2 Công văn
    ("VB_CHIDAO", "tinh", {"co_quan": "mttq"}, 0),
    ("VB_CHIDAO", "tinh", {"co_quan": "ctxh"}, 3),
    # 1.2 Cấp huyện
    ("VB_CHIDAO", "huyen", {"co_quan": "cap_uy"}, 19),
    ("VB_CHIDAO", "huyen", {"co_quan": "chinh_quyen"}, 66),
    ("VB_CHIDAO", "huyen", {"co_quan": "bcd"}, 124),
    ("VB_CHIDAO", "huyen", {"co_quan": "mttq"}, 36),
    ("VB_CHIDAO", "huyen", {"co_quan": "ctxh"}, 55),
    # 2.1 Cấp tỉnh
    ("VB_LUAT", "tinh", {"co_quan": "cap_uy"}, 0),
    ("VB_LUAT", "tinh", {"co_quan": "chinh_quyen", "loai_vb": "ke_hoach"}, 1),
    ("VB_LUAT", "tinh", {"co_quan": "chinh_quyen", "loai_vb": "cong_van"}, 1),
    ("VB_LUAT", "tinh", {"co_quan": "bcd"}, 0),
    # 2.2 Cấp huyện
    ("VB_LUAT", "huyen", {"co_quan": "cap_uy", "loai_vb": "ke_hoach"}, 2),
    ("VB_LUAT", "huyen", {"co_quan": "chinh_quyen", "loai_vb": "ke_hoach"}, 10),
    ("VB_LUAT", "huyen", {"co_quan": "chinh_quyen", "loai_vb": "cong_van"}, 4),
    ("VB_LUAT", "huyen", {"co_quan": "bcd", "loai_vb": "ke_hoach"}, 5),
    # 3 Tuyên truyền, tập huấn
    ("TT_HOINGHI", "tinh", {}, 5),
    ("TT_NGUOI", "tinh", {}, 500),
    ("TT_HOINGHI", "huyen", {}, 451),
    ("TT_NGUOI", "huyen", {}, 32286),
    # 4 Kiểm tra, giám sát
    ("KT_DOAN", "tinh", {}, 1),
    ("KT_DONVI", "tinh", {}, 18),
    ("KT_DOAN", "huyen", {}, 30),
    ("KT_DONVI", "huyen", {}, 180),
    # 6.1 Cấp tỉnh
    ("TD_TIEPDAN", "tinh", {"chuc_danh": "bi_thu"}, 0),
    ("TD_DOITHOAI", "tinh", {"chuc_danh": "bi_thu"}, 0),
    ("TD_TIEPDAN", "tinh", {"chuc_danh": "chu_tich"}, 2),
    ("TD_DOITHOAI", "tinh", {"chuc_danh": "chu_tich"}, 2),
    # 6.2 Cấp huyện
    ("TD_TIEPDAN", "huyen", {"chuc_danh": "bi_thu"}, 16),
    ("TD_DOITHOAI", "huyen", {"chuc_danh": "bi_thu"}, 13),
    ("TD_TIEPDAN", "huyen", {"chuc_danh": "chu_tich"}, 57),
    ("TD_DOITHOAI", "huyen", {"chuc_danh": "chu_tich"}, 16),
    # 6.3 Cấp xã
    ("TD_TIEPDAN", "xa", {"chuc_danh": "bi_thu"}, 560),
    ("TD_DOITHOAI", "xa", {"chuc_danh": "bi_thu"}, 125),
    ("TD_TIEPDAN", "xa", {"chuc_danh": "chu_tich"}, 1113),
    ("TD_DOITHOAI", "xa", {"chuc_danh": "chu_tich"}, 312),
]


@pytest.mark.parametrize(
    "element,tier,dims,expected", APPENDIX, ids=[f"{e}-{t}-{v}" for e, t, _, v in APPENDIX]
)
def test_appendix_items_1_to_6_by_tier(by_tier, element, tier, dims, expected):
    assert by_tier.value(element, tier, **dims) == expected


def test_appendix_has_nothing_the_seed_does_not_give(by_tier):
    # items 1-4 have no cấp xã part; item 6 has no other chức danh
    for element in ("VB_CHIDAO", "VB_LUAT", "TT_HOINGHI", "TT_NGUOI", "KT_DOAN", "KT_DONVI"):
        assert by_tier.value(element, "xa") is None
    assert by_tier.value("VB_CHIDAO", "tinh") == 1 + 0 + 6 + 0 + 3


def test_appendix_item_5_new_countryside_whole_province(whole):
    """Item 5 is "số liệu tính trong toàn huyện, thành phố"; fn 11 adds 7.623 ngày công."""
    assert whole.value("NTM_KINHPHI_TRIEU") == 1744
    assert whole.value("NTM_DAT_M2") == 157974
    assert whole.value("NTM_NGAYCONG") == 7623


def test_footnote_1_and_3_agree_with_the_appendix(whole):
    assert whole.value("TT_HOINGHI") == 456  # fn 1: 456 hội nghị
    assert whole.value("TT_NGUOI") == 32786  # fn 1: 32.786 người
    assert whole.value("VB_LUAT") == 23  # fn 1: 23 văn bản triển khai Luật
    assert whole.value("TD_TIEPDAN", chuc_danh="bi_thu") == 576  # fn 3
    assert whole.value("TD_DOITHOAI", chuc_danh="bi_thu") == 138  # fn 3


def test_footnote_5_disagrees_with_the_appendix_which_wins(whole):
    """KNOWN SEED INCONSISTENCY: footnote 5 says chủ tịch UBND các cấp "tiếp dân 1.170 cuộc,
    đối thoại với nhân dân 350 cuộc", but the appendix item 6 gives 2 + 57 + 1.113 = 1.172 tiếp
    dân and 2 + 16 + 312 = 330 đối thoại. The demo loads the appendix's figures."""
    assert whole.value("TD_TIEPDAN", chuc_danh="chu_tich") == 1172 != 1170
    assert whole.value("TD_DOITHOAI", chuc_danh="chu_tich") == 330 != 350


def test_footnote_10_voter_meetings(by_tier):
    assert by_tier.value("TXCT_DIEM", "tinh", cap_txct="quoc_hoi") == 34
    assert by_tier.value("TXCT_CUTRI", "tinh", cap_txct="quoc_hoi") == 2375
    assert by_tier.value("TXCT_YKIEN", "tinh", cap_txct="quoc_hoi") == 41 + 8
    assert by_tier.value("TXCT_DIEM", "tinh", cap_txct="hdnd") == 184
    assert by_tier.value("TXCT_CUTRI", "tinh", cap_txct="hdnd") == 12382
    assert by_tier.value("TXCT_YKIEN", "tinh", cap_txct="hdnd") == 1778


def test_footnote_12_village_conventions_100_percent(whole, by_tier):
    assert whole.value("THON_TONG") == 956
    assert whole.value("THON_QUYUOC") == 956
    assert whole.value("TL_QUYUOC") == 100
    assert by_tier.value("TL_QUYUOC", "xa") == 100


def test_footnote_13_inspection_and_investment_boards(by_tier):
    expected = {
        "TTND_BAN": 106,
        "TTND_THANHVIEN": 963,
        "TTND_GIAMSAT": 147,
        "TTND_KIENNGHI": 37,
        "GSDT_BAN": 118,
        "GSDT_THANHVIEN": 661,
        "GSDT_GIAMSAT": 120,
        "GSDT_KIENNGHI": 8,
    }
    assert {code: by_tier.value(code, "xa") for code in expected} == expected


def test_footnote_13_one_inspection_board_per_commune(demo):
    boards = DataValue.objects.filter(element__code="TTND_BAN", period="2023")
    assert boards.count() == 106 and set(boards.values_list("value", flat=True)) == {1.0}


def test_footnote_14_mediation_84_73_percent(whole):
    assert whole.value("HG_TO") == 956
    assert whole.value("HG_VIEN") == 4893
    assert whole.value("HG_VUVIEC") == 871
    assert whole.value("HG_THANH") == 738
    row = next(r for r in whole.rows if r.element == "TL_HOAGIAI")
    assert row.value == 84.73 and row.decimals == 2


def test_footnote_20_citizen_reception(whole, by_tier):
    assert whole.value("TCD_LUOT") == 771
    assert whole.value("TCD_NGUOI") == 900
    assert whole.value("TCD_VUVIEC") == 764
    assert whole.value("TCD_LUOT", hinh_thuc="thuong_xuyen") == 599
    assert whole.value("TCD_NGUOI", hinh_thuc="thuong_xuyen") == 715
    assert whole.value("TCD_VUVIEC", hinh_thuc="thuong_xuyen") == 593
    assert whole.value("TCD_LUOT", hinh_thuc="lanh_dao") == 172
    assert whole.value("TCD_NGUOI", hinh_thuc="lanh_dao") == 185
    assert whole.value("TCD_VUVIEC", hinh_thuc="lanh_dao") == 171
    # cơ quan cấp tỉnh: 59 lượt / 119 người / 56 vụ việc; lãnh đạo 5 / 10 / 4
    assert by_tier.value("TCD_LUOT", "tinh", hinh_thuc="thuong_xuyen") == 59
    assert by_tier.value("TCD_NGUOI", "tinh", hinh_thuc="thuong_xuyen") == 119
    assert by_tier.value("TCD_VUVIEC", "tinh", hinh_thuc="thuong_xuyen") == 56
    assert by_tier.value("TCD_LUOT", "tinh", hinh_thuc="lanh_dao") == 5
    assert by_tier.value("TCD_NGUOI", "tinh", hinh_thuc="lanh_dao") == 10
    assert by_tier.value("TCD_VUVIEC", "tinh", hinh_thuc="lanh_dao") == 4

    # cấp huyện, cấp xã together: 540 / 596 / 537; lãnh đạo 167 / 175 / 167
    def lower(element, hinh_thuc):
        return by_tier.value(element, "huyen", hinh_thuc=hinh_thuc) + by_tier.value(
            element, "xa", hinh_thuc=hinh_thuc
        )

    assert [lower(e, "thuong_xuyen") for e in ("TCD_LUOT", "TCD_NGUOI", "TCD_VUVIEC")] == [540, 596, 537]
    assert [lower(e, "lanh_dao") for e in ("TCD_LUOT", "TCD_NGUOI", "TCD_VUVIEC")] == [167, 175, 167]


def test_footnote_20_letters_and_the_87_3_percent(whole):
    assert whole.value("DON_TIEPNHAN") == 1172
    assert whole.value("DON_TIEPNHAN", nguon="trong_ky") == 1110
    assert whole.value("DON_TIEPNHAN", nguon="ky_truoc") == 62
    assert whole.value("DON_TIEPNHAN", loai_don="khieu_nai") == 35
    assert whole.value("DON_TIEPNHAN", loai_don="to_cao") == 26
    assert whole.value("DON_TIEPNHAN", loai_don="kien_nghi") == 1111
    assert whole.value("DON_DUDK") == 1094
    assert whole.value("DON_THAMQUYEN") == 904
    assert whole.value("DON_THAMQUYEN", loai_don="khieu_nai") == 14
    assert whole.value("DON_THAMQUYEN", loai_don="to_cao") == 4
    assert whole.value("DON_THAMQUYEN", loai_don="kien_nghi") == 886
    assert whole.value("VV_THAMQUYEN") == 901
    assert whole.value("VV_DAGIAIQUYET") == 787
    assert whole.value("DON_KHONG_THAMQUYEN") == 190
    row = next(r for r in whole.rows if r.element == "TL_GIAIQUYET")
    assert (row.value, row.numerator, row.denominator, row.decimals) == (87.3, 787, 901, 1)


def test_2022_figures_the_report_compares_against(demo, django_db_blocker):
    """fn 20: 2023 is "giảm 116 lượt (13,1%) với 152 người bằng 113 vụ việc" and "tăng 73 đơn so
    với cùng kỳ năm 2022"."""
    province = Unit.objects.at(END_2023).get(code="12")
    last_year = aggregate(province, parse("2022"))
    assert last_year.value("TCD_LUOT") == 887
    assert last_year.value("TCD_NGUOI") == 1052
    assert last_year.value("TCD_VUVIEC") == 877
    assert last_year.value("DON_TIEPNHAN") == 1099
    this_year = aggregate(province, parse("2023"), elements=["TCD_LUOT", "TCD_NGUOI", "DON_TIEPNHAN"])
    assert last_year.value("TCD_LUOT") - this_year.value("TCD_LUOT") == 116
    assert round((887 - 771) / 887 * 100, 1) == 13.1
    assert last_year.value("TCD_NGUOI") - this_year.value("TCD_NGUOI") == 152
    assert this_year.value("DON_TIEPNHAN") - last_year.value("DON_TIEPNHAN") == 73


@pytest.mark.parametrize("period", ["2023", "2022"])
def test_every_unit_passes_the_form_rules(demo, period):
    province = Unit.objects.at(END_2023).get(code="12")
    assert [v.text() for v in validate(province, parse(period), own_only=True)] == []
    assert [v.text() for v in validate(province, parse(period))] == []


def test_figures_stay_sensible_inside_every_unit(demo):
    """Beyond the form's rules: spreading keeps each unit's figures in the order they must have."""
    own: dict[str, dict[tuple[str, str], float]] = {}
    for unit, element, dims, value in DataValue.objects.filter(period="2023").values_list(
        "unit__code", "element__code", "dimensions", "value"
    ):
        own.setdefault(unit, {})[(element, dims)] = value
    chains = [
        ("TCD_VUVIEC", "TCD_LUOT", "TCD_NGUOI"),
        ("HG_THANH", "HG_VUVIEC"),
        ("HG_TO", "HG_VIEN"),
        ("TTND_KIENNGHI", "TTND_GIAMSAT"),
        ("TTND_BAN", "TTND_THANHVIEN"),
        ("GSDT_KIENNGHI", "GSDT_GIAMSAT"),
        ("GSDT_BAN", "GSDT_THANHVIEN"),
        ("KT_DOAN", "KT_DONVI"),
    ]
    for code, figures in own.items():

        def total(element, figures=figures):
            return sum(v for (e, _), v in figures.items() if e == element)

        for chain in chains:
            for dims in {d for (e, d) in figures if e == chain[0]}:
                values = [figures.get((e, dims), 0) for e in chain]
                assert values == sorted(values), (code, chain, dims, values)
        if ("THON_TONG", "") in figures:
            assert figures[("THON_TONG", "")] >= 1
            assert figures[("HG_TO", "")] == figures[("THON_TONG", "")]  # one tổ hòa giải per thôn
        if ("DON_DUDK", "") in figures:
            assert total("DON_DUDK") == total("DON_THAMQUYEN") + total("DON_KHONG_THAMQUYEN")
            assert total("DON_TIEPNHAN") >= total("DON_DUDK")


def test_values_sit_on_the_province_its_8_districts_and_106_communes(demo):
    units = Unit.objects.filter(values__period="2023").distinct()
    assert units.count() == 1 + 8 + 106
    assert sorted(set(units.values_list("tier", flat=True))) == ["huyen", "tinh", "xa"]
    assert set(DataValue.objects.filter(source="").values_list("period", flat=True)) == {"2022", "2023"}
    # the communes that keep books have their figures as monthly values of the registers
    assert set(DataValue.objects.exclude(source="").values_list("source", flat=True)) == {
        "registers.petitions",
        "registers.reception",
        "registers.dialogues",
    }


def test_loading_twice_changes_nothing(demo):
    first, second = demo["first"], demo["second"]
    assert first.values_created > 0
    assert (second.values_created, second.values_updated) == (0, 0)
    assert second.values_unchanged == first.values_created
    assert second.units_created == 0 and second.users_created == []
    after_first, after_second = demo["counts"]
    assert after_first == after_second


def test_a_figure_changed_by_hand_is_restored_with_one_logged_change(demo):
    from danchu.values.services import InputRow, apply_rows

    apply_rows([InputRow("HG_THANH", "03386", "2023", 0, "", "sửa tay")])
    before = ObjectChange.objects.count()
    again = load_demo()
    assert (again.values_created, again.values_updated) == (0, 1)
    assert ObjectChange.objects.count() == before + 1
    assert ObjectChange.objects.order_by("-pk").first().source == "demo"
    value = DataValue.objects.get(element__code="HG_THANH", unit__code="03386", period="2023")
    assert value.value > 0 and value.comment.startswith("Dữ liệu mẫu")


def test_only_footnote_5_disagrees_with_the_appendix():
    from danchu.demo.seed_2023 import FOOTNOTE_CHECKS

    mismatches = [
        (source[:4], said, summed) for source, _, _, said, summed in FOOTNOTE_CHECKS if said != summed
    ]
    assert mismatches == [("fn 5", 1170, 1172), ("fn 5", 350, 330)]


def test_demo_logins(demo):
    demo_user = authenticate(username="demo", password="demo-danchu-2023")
    commune_user = authenticate(username="xa.quyet-thang", password="demo-danchu-2023")
    district_user = authenticate(username="huyen.tp-lai-chau", password="demo-danchu-2023")
    assert demo_user and commune_user and district_user
    province = Unit.objects.at(END_2023).get(code="12")
    quyet_thang = Unit.objects.at(END_2023).get(code="03386")
    assert quyet_thang.name == "Phường Quyết Thắng" and quyet_thang.parent.code == "105"
    assert can(demo_user, Role.ADMIN, province)
    assert can(commune_user, Role.ENTER, quyet_thang)
    assert not can(commune_user, Role.APPROVE, quyet_thang)
    assert not can(commune_user, Role.VIEW, Unit.objects.at(END_2023).get(code="03387"))
    assert can(district_user, Role.APPROVE, quyet_thang)
    assert not can(district_user, Role.VIEW, province)


def test_the_command_prints_the_logins(demo):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "0 giá trị mới, 0 giá trị được thay" in text
    assert "demo-danchu-2023" in text and "xa.quyet-thang" in text


def test_apportion_is_deterministic_integer_and_exact():
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert apportion(7, [7, 13, 14]) == [1, 3, 3]
    assert sum(apportion(1113, list(range(1, 107)))) == 1113
    assert apportion(0, [2, 3]) == [0, 0]
    # never more than the ceiling of the exact share, so a capacity is respected
    assert apportion(5, [0, 3, 4]) == [0, 2, 3]
