"""Issue 4 in a real browser: open, fill, submit, return, fix, resubmit, approve, see progress."""

import datetime as dt

import pytest

from conftest import login
from danchu.collection.models import Round, Submission
from danchu.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = dt.date(2023, 12, 14)


def legacy(code: str) -> Unit:
    return Unit.objects.at(DAY).get(code=code)


def cell(page, name: str):
    return page.locator(f'input[name="{name}"]')


def test_round_cycle_in_chromium(page, lai_chau, make_user):
    make_user("tinh", lai_chau, "approve")
    make_user("huyen", legacy("105"), "approve")
    make_user("xa", legacy("03386"), "enter")

    # the province opens the round, seeing the communes it will ask before confirming
    login(page, "tinh")
    page.goto("/dot-bao-cao/mo/")
    page.fill("#id_period", "2023")
    page.fill("#id_under", "12")
    page.fill("#id_deadline", "2100-01-01")
    page.locator("#preview-count").filter(has_text="106 đơn vị").wait_for()
    assert "Phường Đoàn Kết" in page.inner_text("#preview")
    page.click("#open-form button[type=submit]")
    page.locator("#progress-text").wait_for()
    rnd = Round.objects.get()
    assert "0/106" in page.inner_text("#progress-text")
    sub_url = f"/dot-bao-cao/{rnd.pk}/03386/"

    # the commune enters its figures and submits
    login(page, "xa")
    page.goto("/dot-bao-cao/")
    page.click(f'#rounds a[href$="/dot-bao-cao/{rnd.pk}/"]')
    page.click('#units a[href$="/03386/"]')
    cell(page, "v|HG_VUVIEC|").fill("10")
    cell(page, "v|HG_THANH|").fill("8")
    page.click("#submit")
    page.locator('#state [data-state="submitted"]').wait_for()
    assert "Đã nộp báo cáo" in page.inner_text(".messages")

    # the district approver returns it with a reason
    login(page, "huyen")
    page.goto(sub_url)
    assert page.locator("#approve").is_visible()
    page.fill("#reason", "Thiếu số liệu tiếp công dân của bí thư")
    page.click("#return")
    page.locator('#state [data-state="returned"]').wait_for()

    # the commune sees the reason, fixes and resubmits
    login(page, "xa")
    page.goto(sub_url)
    assert "Thiếu số liệu tiếp công dân của bí thư" in page.inner_text("#return-reason")
    assert cell(page, "v|HG_VUVIEC|").input_value() == "10"
    cell(page, "v|TD_TIEPDAN|chuc_danh=bi_thu").fill("3")
    page.click("#submit")
    page.locator('#state [data-state="submitted"]').wait_for()
    assert page.locator("#return-reason").count() == 0

    # the approver approves; the history tells the whole story
    login(page, "huyen")
    page.goto(sub_url)
    page.click("#approve")
    page.locator('#state [data-state="approved"]').wait_for()
    history = page.inner_text("#history")
    for word in ("Nộp", "Trả lại", "Phê duyệt", "Thiếu số liệu tiếp công dân của bí thư", "xa", "huyen"):
        assert word in history
    assert Submission.objects.get(round=rnd, unit__code="03386").state == "approved"

    # the province sees the progress
    login(page, "tinh")
    page.goto(f"/dot-bao-cao/{rnd.pk}/")
    text = page.inner_text("#progress-text")
    assert "1/106" in text and "0,9%" in text
    assert page.locator('#units tr[data-unit="03386"][data-state="approved"]').count() == 1
    assert "100,0%" not in page.inner_text('#by-district tr[data-district="105"]')
    assert "14,3%" in page.inner_text('#by-district tr[data-district="105"]')
