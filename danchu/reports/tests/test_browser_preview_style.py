"""The HTML preview laid out in real Chromium with the document's sizes, not the browser's."""

from __future__ import annotations

import datetime as dt

import pytest

from danchu.reports.compile import compile_report, draft_report
from danchu.reports.html import render_fragment

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PT = 96 / 72  # CSS pixels per point


@pytest.fixture
def fragment(province):
    """Compiled before the browser starts: no database work while Playwright's loop runs."""
    return render_fragment(
        compile_report(draft_report(province, "2023", number="39", date=dt.date(2023, 12, 21)))
    )


def test_preview_headings_have_the_documents_sizes_inside_any_page(fragment, browser):
    context = browser.new_context()
    page = context.new_page()
    # the fragment alone in a page with site-like rules: its own scoped styles decide
    page.set_content(
        "<html><head><style>h2{font-size:2rem} p{font-size:10px}</style></head><body><main>"
        f"{fragment}<h2 id='trang'>Tiêu đề của trang</h2></main></body></html>"
    )

    def size(selector: str) -> float:
        return page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")

    def style(selector: str, prop: str) -> str:
        return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")

    assert size("article.bao-cao h2") == pytest.approx(14 * PT, abs=0.1)  # "I- KHÁI QUÁT…", 14 pt
    assert size("article.bao-cao h3") == pytest.approx(14 * PT, abs=0.1)
    assert style("article.bao-cao h2", "fontWeight") == "700"
    assert size("article.bao-cao p.loai") == pytest.approx(16 * PT, abs=0.1)  # "BÁO CÁO", 16 pt
    assert size("article.bao-cao p.doan") == pytest.approx(14 * PT, abs=0.1)
    assert size("article.bao-cao .chu-thich p") == pytest.approx(12 * PT, abs=0.1)  # footnotes
    assert size("article.bao-cao table.phu-luc td") == pytest.approx(12 * PT, abs=0.1)
    assert "Times New Roman" in style("article.bao-cao", "fontFamily")
    # the page's own heading keeps the page's style: nothing leaks out of the report
    assert size("#trang") == pytest.approx(32, abs=0.1)
    context.close()
