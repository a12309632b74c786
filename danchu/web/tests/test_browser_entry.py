"""In real Chromium: find a commune without diacritics, enter a value, see the district's aggregate."""

import pytest
from playwright.sync_api import expect

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def district_user(lai_chau, make_user):
    from .conftest import legacy

    return make_user("tamduong", legacy("106"), "enter")  # Huyện Tam Đường


def open_entry_of_ban_giang(page):
    page.goto("/don-vi/")
    page.get_by_role("searchbox").fill("ban giang")  # typed without diacritics
    page.get_by_role("link", name="Xã Bản Giang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xã Bản Giang")
    page.get_by_label("Kỳ báo cáo").fill("2023")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("link", name="Nhập số liệu").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nhập số liệu: Xã Bản Giang")


def test_enter_a_value_and_see_the_district_aggregate(page, district_user):
    login(page, "tamduong")
    open_entry_of_ban_giang(page)
    page.locator('input[name="v|TT_HOINGHI|"]').fill("1172")
    page.get_by_role("button", name="Lưu số liệu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu: 1 giá trị mới")
    page.get_by_role("link", name="Huyện Tam Đường").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Huyện Tam Đường")
    row = page.locator('tr[data-code="TT_HOINGHI"]')
    expect(row.locator('td[data-tier="xa"]')).to_have_text("1.172")
    expect(row.locator('td[data-tier="tong"]')).to_have_text("1.172")


def test_rule_message_appears_while_typing(page, district_user):
    login(page, "tamduong")
    open_entry_of_ban_giang(page)
    page.locator('input[name="v|HG_VUVIEC|"]').fill("5")
    page.locator('input[name="v|HG_THANH|"]').fill("8")
    page.keyboard.press("Tab")
    expect(page.locator("#rule-messages")).to_contain_text(
        "Số vụ việc hòa giải thành không được lớn hơn số vụ việc hòa giải"
    )
    page.locator('input[name="v|HG_THANH|"]').fill("4")
    page.keyboard.press("Tab")
    expect(page.locator("#rule-messages")).to_contain_text("đạt các quy tắc kiểm tra")
    expect(page.locator('tr[data-code="TL_HOAGIAI"] output')).to_have_text("80,00%")  # 4 / 5, as typed


def test_tree_expands_and_collapses(page, lai_chau, make_user):
    make_user("tinh", lai_chau, "view")
    login(page, "tinh")
    page.goto("/don-vi/?ngay=2023-12-14")
    toggle = page.get_by_role("button", name="Mở đơn vị trực thuộc").first
    toggle.click()
    district = page.get_by_role("link", name="Huyện Tam Đường")
    expect(district).to_be_visible()
    toggle.click()
    expect(district).to_be_hidden()
    toggle.click()
    expect(district).to_be_visible()
