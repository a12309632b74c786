"""A report edited and downloaded in real Chromium."""

from __future__ import annotations

import pytest
from docx import Document

from conftest import login
from danchu.reports.models import ReportTemplate
from danchu.reports.services import create_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TEXT = "Đoạn viết trên trình duyệt: {{TT_NGUOI}} lượt người dự các buổi tuyên truyền năm {nam}."
SHOWN = "Đoạn viết trên trình duyệt: 32.286 lượt người dự các buổi tuyên truyền năm 2023."


def test_edit_a_section_see_it_in_the_preview_and_download_the_docx(
    page, province, make_user, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    report = create_report(ReportTemplate.objects.get(code="bcd-dang"), province, "2023", number="39")
    section = report.sections.order_by("order").first()
    make_user("thu-ky", province, "enter")
    login(page, "thu-ky")

    page.goto("/bao-cao/")
    page.get_by_role("link", name="Tỉnh Lai Châu").click()
    page.wait_for_selector("#kiem-tra")  # the data check panel is there before compiling
    assert "đơn vị chưa báo cáo số liệu" in page.inner_text("#kiem-tra")

    box = page.locator(f"#muc-{section.pk}")
    box.locator("textarea").fill(NEW_TEXT)
    box.get_by_role("button", name="Lưu mục này").click()
    page.locator(f"#muc-{section.pk} .saved").wait_for()
    preview = page.locator("#xem-truoc")
    preview.get_by_text(SHOWN).wait_for()

    # counting approved values only (none are approved yet) reloads the preview: no value, not 0
    page.select_option("#so-lieu", "da-duyet")
    preview.get_by_text(SHOWN.replace("32.286", "chưa có số liệu")).wait_for()
    page.select_option("#so-lieu", "tat-ca")
    preview.get_by_text(SHOWN).wait_for()

    page.get_by_role("button", name="Lập Word (DOCX)").click()
    link = page.get_by_role("link", name="Tải về tệp DOCX")
    link.wait_for(timeout=60000)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "Báo cáo Tỉnh Lai Châu 2023.docx"
    doc = Document(download.path())
    assert SHOWN in [p.text for p in doc.paragraphs]

    # the figure in the preview leads to the values it adds up
    preview.locator("span.figure[data-element=TT_NGUOI] a").first.click()
    page.wait_for_url("**/nguon/**")
    assert "32.286" in page.inner_text("#con-so")
    assert "Thành phố Lai Châu" in page.inner_text("table.grid")  # district 105 entered the 32.286
