"""The unit page: the national form filled with the subtree's aggregates by tier."""

import re

import pytest

from danchu.values.services import InputRow, apply_rows


def put(*rows):
    apply_rows([InputRow(*r) for r in rows])


def cell(page: str, code: str, tier: str, col: str = "") -> str:
    """Text of the first cell of row `code` for `tier` (tinh, huyen, xa, tong) and column option."""
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', page, re.S)
    assert row, f"no row {code}"
    found = re.search(rf'data-tier="{tier}" data-col="{col}">([^<]*)</td>', row.group(1))
    assert found, f"no cell {code}/{tier}/{col}"
    return found.group(1)


@pytest.fixture
def figures(lai_chau):
    put(
        ("TT_NGUOI", "12", "2023", 500, ""),
        ("TT_NGUOI", "106", "2023", 30000, ""),
        ("TT_NGUOI", "03418", "2023", 2286, ""),
        ("VB_CHIDAO", "12", "2023", 2, "co_quan=bcd;loai_vb=ke_hoach"),
        ("VB_CHIDAO", "12", "2023", 2, "co_quan=bcd;loai_vb=thong_bao"),
        ("HG_VUVIEC", "03418", "2023", 10, ""),
        ("HG_THANH", "03418", "2023", 8, ""),
        ("HG_VUVIEC", "03390", "2023", 6, ""),
        ("HG_THANH", "03390", "2023", 6, ""),
    )
    return lai_chau


def test_form_by_tier_with_vietnamese_numbers(client_for, make_user, figures):
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/12/", {"ky": "2023"}).content.decode()
    assert "Số liệu về thực hiện dân chủ ở cơ sở" in page and "1. Số lượng văn bản lãnh đạo" in page
    assert cell(page, "TT_NGUOI", "tinh") == "500"
    assert cell(page, "TT_NGUOI", "huyen") == "30.000"
    assert cell(page, "TT_NGUOI", "xa") == "2.286"
    assert cell(page, "TT_NGUOI", "tong") == "32.786"
    # a dimension spread into columns, and the row's own total
    assert cell(page, "VB_CHIDAO", "tinh", "ke_hoach") == ""  # first row is co_quan=cap_uy
    assert "Kế hoạch" in page and "Thông báo" in page and "Cấp huyện" in page
    # a rate from summed parts, 2 decimals as catalogued: (8 + 6) / (10 + 6)
    assert cell(page, "TL_HOAGIAI", "xa") == "87,50%"
    assert cell(page, "TL_HOAGIAI", "tong") == "87,50%"


def test_spread_row_takes_its_filter(client_for, make_user, figures):
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/12/", {"ky": "2023"}).content.decode()
    rows = re.findall(r'<tr data-code="VB_CHIDAO">(.*?)</tr>', page, re.S)
    bcd = next(r for r in rows if "Ban chỉ đạo" in r)
    assert 'data-tier="tinh" data-col="ke_hoach">2<' in bcd
    assert 'data-tier="tinh" data-col="">4<' in bcd


def test_a_district_page_has_its_tiers_only(client_for, make_user, figures):
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/106/", {"ky": "2023"}).content.decode()
    assert "Cấp tỉnh" not in page
    assert cell(page, "TT_NGUOI", "tong") == "32.286"  # with Bản Giang
    assert "Huyện Tam Đường" in page and "Tỉnh Lai Châu" in page  # breadcrumb
    assert "Xã Bản Giang" in page  # children


def test_lineage_notes_are_shown(client_for, make_user, figures):
    put(("TT_NGUOI", "03418", "2025-01", 7, ""))  # Bản Giang, before the 2025 reform
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/12/", {"ky": "2025"}).content.decode()
    assert "Số liệu của Xã Bản Giang (03418)" in page and "đơn vị kế thừa" in page
    assert cell(page, "TT_NGUOI", "xa") == "7"  # carried onto today's commune
    assert cell(page, "TT_NGUOI", "tong") == "7"  # 2023 figures do not count in 2025


def test_entry_link_only_for_enter_role(client_for, make_user, figures):
    viewer = client_for(make_user("xem", figures, "view")).get("/don-vi/12/", {"ky": "2023"})
    assert "Nhập số liệu" not in viewer.content.decode()
    enter = client_for(make_user("nhap", figures, "enter")).get("/don-vi/12/", {"ky": "2023"})
    assert "/don-vi/12/nhap/?ky=2023" in enter.content.decode()


def test_bad_period_is_explained(client_for, make_user, figures):
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/12/", {"ky": "2023-13"}).content.decode()
    assert "tháng 13 không tồn tại" in page


def test_a_retired_district_whose_successor_is_outside_the_scope(client_for, make_user, tam_duong):
    # Tam Đường was abolished in 2025; its figures would go to the province, which this user may not read.
    client = client_for(make_user("huyen", tam_duong, "view"))
    page = client.get("/don-vi/106/", {"ky": "2026", "ngay": "2023-12-14"}).content.decode()
    assert "không còn hiệu lực ngày 14/12/2026" in page
    assert "data-code=" not in page


def test_unit_page_queries_do_not_grow_with_rows(
    client_for, make_user, figures, django_assert_max_num_queries
):
    client = client_for(make_user("tinh", figures, "view"))
    with django_assert_max_num_queries(20):
        response = client.get("/don-vi/12/", {"ky": "2023"})
    assert response.status_code == 200


def test_without_a_period_the_last_one_with_figures_is_shown(client_for, make_user, figures):
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/12/").content.decode()
    assert 'name="ky" value="2023"' in page
    assert cell(page, "TT_NGUOI", "tong") == "32.786"
    empty = client.get("/don-vi/03386/", {"ngay": "2025-06-30"}).content.decode()
    assert 'name="ky" value="2024"' in empty  # the last whole year before the 2025 reform


def test_a_later_date_lays_the_period_on_that_dates_tree(client_for, make_user, figures):
    """2023 on the tree of 1/7/2025: no district tier, the communes' figures on today's communes."""
    client = client_for(make_user("tinh", figures, "view"))
    page = client.get("/don-vi/12/", {"ky": "2023", "ngay": "2025-07-01"}).content.decode()
    assert "theo cây đơn vị ngày 01/07/2025" in page
    assert 'data-tier="huyen"' not in page
    assert cell(page, "TT_NGUOI", "tinh") == "30.500"  # the abolished district's own go to the province
    assert cell(page, "TT_NGUOI", "xa") == "2.286"
    assert cell(page, "TT_NGUOI", "tong") == "32.786"
    assert "Phường Đoàn Kết" in page  # today's communes are the children
