"""On a phone (390 px wide): the page never scrolls sideways, the form grids scroll inside
their own box with the "Chỉ tiêu" column kept in view."""

import os
from pathlib import Path

import pytest

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("DANCHU_SCREENSHOTS", "")  # a folder to keep the screenshots in, to look at


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def grid_box(page):
    """(box width, table width, first column's left after scrolling the box to its end)."""
    return page.evaluate(
        """() => {
        const box = document.querySelector('.form-section .scroll');
        const th = box.querySelector('tbody th.label');
        box.scrollLeft = box.scrollWidth;
        return [box.clientWidth, box.scrollWidth, th.getBoundingClientRect().left - box.getBoundingClientRect().left];
        }"""
    )


@pytest.fixture
def phone(browser, live_server, lai_chau, make_user):
    from .conftest import legacy

    make_user("tamduong", legacy("106"), "enter")
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, "tamduong")
    yield page
    context.close()


@pytest.mark.parametrize(
    "name, url",
    [("nhap-so-lieu", "/don-vi/03418/nhap/?ky=2023"), ("tong-hop", "/don-vi/106/?ky=2023")],
)
def test_grids_scroll_inside_their_box_on_a_phone(phone, name, url):
    phone.goto(url)
    shot(phone, name)
    assert page_width(phone) <= PHONE["width"]  # the page itself does not scroll sideways
    box, table, label_left = grid_box(phone)
    assert table > box  # the wide grid scrolls in its own box ...
    assert abs(label_left) <= 1  # ... with the "Chỉ tiêu" column still at its left edge
    shot(phone, f"{name}-cuon")


def test_search_and_inputs_fit_a_phone(phone):
    phone.goto("/don-vi/tim/?q=quyet thang")
    shot(phone, "tim-don-vi")
    assert page_width(phone) <= PHONE["width"]
    widths = phone.evaluate(
        "[...document.querySelectorAll('input, textarea, select')].map(e => e.getBoundingClientRect().right)"
    )
    assert max(widths) <= PHONE["width"]


def test_submission_and_report_preview_fit_a_phone(phone):
    import datetime as dt

    from danchu.collection.services import open_round
    from danchu.reports.models import ReportTemplate
    from danchu.reports.services import create_report

    from .conftest import legacy

    rnd = open_round("QCDC", "2023", legacy("106"), dt.date(2023, 12, 20), tiers="xa")
    phone.goto(f"/dot-bao-cao/{rnd.pk}/03418/")
    shot(phone, "bai-nop")
    assert page_width(phone) <= PHONE["width"]
    widths = phone.evaluate(
        "[...document.querySelectorAll('textarea')].map(e => e.getBoundingClientRect().right)"
    )
    assert widths and max(widths) <= PHONE["width"]
    report = create_report(ReportTemplate.objects.get(code="bcd-dang"), legacy("106"), "2023")
    phone.goto(f"/bao-cao/{report.pk}/xem-truoc/")
    shot(phone, "xem-truoc")
    assert page_width(phone) <= PHONE["width"]
