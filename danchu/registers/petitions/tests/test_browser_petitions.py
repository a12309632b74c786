"""In real Chromium, on a phone's screen: a commune officer receives a đơn and resolves it."""

import pytest
from playwright.sync_api import expect

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_receive_a_petition_and_resolve_it_on_a_phone(browser, live_server, lai_chau, make_user):
    from danchu.units.models import Unit

    commune = Unit.objects.filter(code="03386").order_by("valid_from").first()
    make_user("can-bo-xa", commune, "enter")
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, "can-bo-xa")
        page.goto("/so/")
        page.get_by_role("link", name="Sổ tiếp nhận, xử lý đơn").first.click()
        page.get_by_role("link", name="+ Thêm đơn").click()
        page.get_by_label("Ngày nhận").fill("2024-03-01")
        page.get_by_label("Khiếu nại").check()
        page.get_by_label("Người gửi đơn").fill("Lò Văn Xôm")
        page.get_by_label("Nội dung").fill("Khiếu nại quyết định thu hồi đất")
        page.get_by_role("button", name="Ghi vào sổ").click()
        expect(page.locator(".messages")).to_contain_text("Đã ghi đơn")
        expect(page.locator(".state")).to_have_text("Chờ xử lý")
        expect(page.locator("dl.facts").first).to_contain_text("11/03/2024")  # thụ lý: 10 days
        handle = page.locator("form#handle")
        handle.get_by_label("Thụ lý").check()
        handle.get_by_label("Ngày xử lý").fill("2024-03-04")
        handle.get_by_role("button", name="Ghi xử lý").click()
        expect(page.locator(".state")).to_have_text("Đang giải quyết")
        resolve = page.locator("form#resolve")
        resolve.get_by_label("Ngày giải quyết xong").fill("2024-03-25")
        resolve.get_by_label("Đúng một phần").check()
        resolve.get_by_role("button", name="Ghi kết quả").click()
        expect(page.locator(".state")).to_have_text("Đã giải quyết")
        expect(page.locator("ul.history")).to_contain_text("can-bo-xa")
        # the page fits the phone: nothing scrolls sideways but tables in their own box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto("/so/don/03386/")
        page.get_by_role("searchbox").fill("thu hoi dat")
        expect(page.locator("#rows")).to_contain_text("Đã giải quyết")
    finally:
        context.close()
