"""The writers: DOCX read back with python-docx and its XML parts, PDF through LibreOffice,
XLSX formulas, HTML figures."""

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from docx import Document
from lxml import etree

from conftest import require
from danchu.catalog.models import Form, FormRow, FormSection
from danchu.reports.compile import compile_report, draft_report
from danchu.reports.docx_writer import build_docx
from danchu.reports.html import render_fragment
from danchu.reports.models import ReportTemplate
from danchu.reports.xlsx_writer import build_xlsx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def report(province):
    return compile_report(
        draft_report(province, "2023", number="39", date=dt.date(2023, 12, 21), signer_name="Nguyễn Văn A")
    )


@pytest.fixture
def docx_bytes(report):
    return build_docx(report)


def test_docx_header_title_and_signature(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    header = doc.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs]
    assert left[:3] == ["TỈNH ỦY LAI CHÂU", "BCĐ TỈNH VỀ XÂY DỰNG VÀ", "THỰC HIỆN QCDC Ở CƠ SỞ"]
    assert header.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.cell(0, 1).paragraphs[0].runs[0].bold
    assert header.cell(1, 0).text == "Số 39-BC/BCĐ"
    assert header.cell(1, 1).text == "Lai Châu, ngày 21 tháng 12 năm 2023"
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts and "nhiệm vụ trọng tâm năm 2024" in texts
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "I- KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH"
    closing = doc.tables[1]
    assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in closing.cell(0, 1).paragraphs][0] == "TRƯỞNG BAN CHỈ ĐẠO"
    assert closing.cell(0, 1).paragraphs[-1].text == "Nguyễn Văn A"


def test_docx_page_and_fonts_follow_the_layout(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)) == (20, 30, 15)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size.pt == 14
    heading = doc.styles["Heading 1"]
    assert (
        heading.font.name == "Times New Roman"
        and "asciiTheme" not in etree.tostring(heading.element).decode()
    )
    assert s.different_first_page_header_footer
    header_xml = etree.tostring(s.header._element, encoding="unicode")
    assert "PAGE" in "".join(s.header._element.itertext()) and "fldChar" in header_xml


def test_docx_appendix_is_a_real_table(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    tiep_dan = next(t for t in doc.tables if t.rows[0].cells[1].text == "Bí thư cấp ủy")
    assert [c.text for c in tiep_dan.rows[0].cells] == [
        "Nội dung",
        "Bí thư cấp ủy",
        "Chủ tịch UBND",
        "Tổng số",
    ]
    rows = [[c.text for c in r.cells] for r in tiep_dan.rows]
    xa = rows.index(["6.3. Cấp xã"] * 4)
    assert rows[xa + 1] == ["Tiếp dân (cuộc)", "560", "1.113", "1.673"]
    whole = rows.index(["Toàn tỉnh"] * 4)
    assert rows[whole + 1] == ["Tiếp dân (cuộc)", "576", "1.115", "1.691"]


def test_docx_has_real_word_footnotes(docx_bytes, report):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        names = z.namelist()
        assert "word/footnotes.xml" in names
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
        styles = z.read("word/styles.xml").decode()
    assert "wordprocessingml.footnotes+xml" in types
    assert 'relationships/footnotes"' in rels and "footnotes.xml" in rels
    real = [n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    assert [int(n.get(f"{W}id")) for n in real] == list(range(1, len(report.footnotes) + 1))
    first = "".join(real[0].itertext())
    assert "bí thư cấp ủy các cấp tiếp dân 576 cuộc" in first
    refs = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    assert refs == list(range(1, len(report.footnotes) + 1))
    assert 'w:styleId="FootnoteText"' in styles and 'w:styleId="FootnoteReference"' in styles
    used = {el.get(f"{W}val") for tag in ("pStyle", "rStyle") for el in body.iter(f"{W}{tag}")}
    assert used and all(f'w:styleId="{style_id}"' in styles for style_id in used)


def _pdf_tool(name: str, *args: str) -> str:
    require(bool(shutil.which(name)), f"poppler {name}")
    return subprocess.run([name, *args], capture_output=True, check=True, text=True).stdout


def test_pdf_from_libreoffice_has_the_text_and_renders(report, tmp_path):
    require(bool(shutil.which("soffice")), "LibreOffice")
    from pypdf import PdfReader

    from danchu.reports.pdf import docx_to_pdf

    pdf = docx_to_pdf(build_docx(report))
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 39-BC/BCĐ" in text
    assert "1.172 đơn, tăng 73 đơn so với cùng kỳ năm 2022" in text
    assert "bí thư cấp ủy các cấp tiếp dân 576 cuộc" in text  # a footnote
    assert "PHỤ LỤC" in text
    assert "(kèm theo Báo cáo số 39-BC/BCĐ, ngày 21/12/2023 của Ban Chỉ đạo tỉnh)" in text
    meta = reader.metadata
    assert meta.title == (
        "BÁO CÁO kết quả việc thực hiện dân chủ ở cơ sở năm 2023, nhiệm vụ trọng tâm năm 2024"
    )
    assert meta.author == "Ban Chỉ đạo tỉnh về xây dựng và thực hiện QCDC ở cơ sở – Tỉnh ủy Lai Châu"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    _pdf_tool("pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-png", str(path), str(tmp_path / "p"))
    [png] = tmp_path.glob("p*.png")
    assert png.stat().st_size > 1000


def test_pdf_is_one_serif_family_with_whole_vietnamese_words(report, tmp_path):
    """A letter the font lacks is drawn with another font: the page mixes two families and
    pdftotext splits the word there ("ổn đ ịnh", "T NH Y LAI CHÂUỈ Ủ")."""
    require(bool(shutil.which("soffice")), "LibreOffice")
    from danchu.reports.pdf import docx_to_pdf

    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(docx_to_pdf(build_docx(report)))

    def words(text: str) -> set[str]:
        return {w.strip(".,;:()“”\"'*–-/%0123456789") for w in text.split()} - {""}

    printed = words(_pdf_tool("pdftotext", "-enc", "UTF-8", str(path), "-"))
    headers = [h for t in report.appendix.tables for h in t.headers]
    known = words(report.plain_text() + " " + " ".join(headers))
    assert {"TỈNH", "ỦY", "CỘNG", "SẢN", "kết", "quả", "cấp", "chỉ", "định", "người"} <= printed
    assert sorted(w for w in printed - known if not w.isascii()) == []  # no "đ ịnh", "ng ười"
    # "name type encoding emb sub uni object ID" after two header lines; a subset is "ABCDEF+Name"
    names = [line.split()[0] for line in _pdf_tool("pdffonts", str(path)).splitlines()[2:]]
    families = {re.sub(r"^[A-Z]{6}\+", "", n).split("-")[0] for n in names}
    assert len(families) == 1, families
    assert families <= {"LiberationSerif", "TimesNewRoman", "TimesNewRomanPSMT", "Tinos"}, families


def _sum(ws, formula: str) -> float:
    """Evaluate a =SUM(...) formula of the sheet (nested SUMs included)."""
    total = 0.0
    for ref in formula[5:-1].split(","):
        cells = [c for row in ws[ref] for c in row] if ":" in ref else [ws[ref]]
        for c in cells:
            v = c.value
            total += _sum(ws, v) if isinstance(v, str) and v.startswith("=SUM") else (v or 0)
    return total


def test_xlsx_appendix_has_numbers_and_sum_formulas(report):
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(report)))
    ws = wb["Phụ lục"]
    rows = list(ws.iter_rows())
    labels = [r[0].value for r in rows]
    xa = labels.index("6.3. Cấp xã")
    tiep = rows[xa + 1]
    assert [tiep[0].value, tiep[1].value, tiep[2].value] == ["Tiếp dân (cuộc)", 560, 1113]
    assert tiep[3].value.startswith("=SUM(")
    assert _sum(ws, tiep[3].value) == 1673
    whole = rows[labels.index("Toàn tỉnh", xa) + 1]
    assert all(isinstance(c.value, str) and c.value.startswith("=SUM(") for c in whole[1:4])
    assert [_sum(ws, c.value) for c in whole[1:4]] == [576, 1115, 1691]


def test_xlsx_never_turns_text_into_a_formula(province):
    form = Form.objects.create(code="THU", name="Thử")
    section = FormSection.objects.create(form=form, code="1", title='=HYPERLINK("http://x")', order=1)
    FormRow.objects.create(section=section, order=1, label="=1+1", element_id=None)
    tpl = ReportTemplate.objects.get(code="bcd-dang")
    tpl.form, tpl.appendix_sections = form, ""
    tpl.save()
    ws = openpyxl.load_workbook(io.BytesIO(build_xlsx(compile_report(draft_report(province, "2023"))))).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "1+1" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    titles = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert titles and all(c.data_type == "s" for c in titles)


def test_html_figures_are_highlighted_and_link_to_their_source(report):
    html = render_fragment(report)
    assert (
        '<span class="figure" data-element="DON_TIEPNHAN" data-kind="element" data-unit="12" data-period="2023"'
        in html
    )
    assert 'href="/don-vi/12/?ky=2023&amp;chi_tieu=DON_TIEPNHAN"' in html
    assert 'data-dims="chuc_danh=bi_thu"' in html
    assert '<sup class="tham-chieu"><a href="#chu-thich-1" id="tc-1">1</a></sup>' in html
    assert 'id="chu-thich-1"' in html and '<table class="phu-luc">' in html


def test_xlsx_lists_every_figure_of_the_text_with_its_source(report):
    ws = openpyxl.load_workbook(io.BytesIO(build_xlsx(report)))["Số liệu trong báo cáo"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(report.figures)
    don = next(r for r in rows if r[0] == "{{DON_TIEPNHAN compare}}")
    assert don[1:4] == ["DON_TIEPNHAN", "Đơn tiếp nhận", "12"] and don[7] == "2023" and don[8] == 1172
    assert don[9] == "1.172 đơn, tăng 73 đơn so với cùng kỳ năm 2022"


def test_a_template_without_appendix_gives_a_document_without_one(province):
    tpl = ReportTemplate.objects.get(code="ubnd-nha-nuoc")
    tpl.form = None
    tpl.save()
    c = compile_report(draft_report(province, "2023", template=tpl))
    assert c.appendix is None
    doc = Document(io.BytesIO(build_docx(c)))
    assert "PHỤ LỤC" not in [p.text for p in doc.paragraphs]
    assert doc.element.body[-2].tag == f"{W}p"  # the last block before the section properties
    assert "PHỤ LỤC" not in render_fragment(c)


def test_docx_signature_block_and_the_seed_recipients(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    closing = doc.tables[1]
    recipients = [p.text for p in closing.cell(0, 0).paragraphs]
    assert "- Các huyện ủy, thành ủy, đảng ủy trực thuộc," in recipients
    assert "- Chuyên viên giúp việc BCĐ tỉnh," in recipients
    sign = [p.text for p in closing.cell(0, 1).paragraphs]
    # the title, room for the signature, the name
    assert sign[0] == "TRƯỞNG BAN CHỈ ĐẠO" and sign[-1] == "Nguyễn Văn A"
    assert sign[1:-1] and all(not t.strip() for t in sign[1:-1]) and len(sign[1:-1]) >= 3
    assert closing.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None  # never cut by a page break
    props = doc.core_properties
    assert props.author == "Ban Chỉ đạo tỉnh về xây dựng và thực hiện QCDC ở cơ sở – Tỉnh ủy Lai Châu"
    assert props.title.startswith("BÁO CÁO kết quả việc thực hiện dân chủ ở cơ sở năm 2023")


def test_docx_appendix_rows_never_split_and_headings_stay_with_their_table(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    tables = doc.tables[2:]
    assert tables
    for t in tables:
        for row in t.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
        heading = t._tbl.getprevious()  # the "1. Số lượng văn bản…" line above the table
        assert heading.tag == f"{W}p" and heading.find(f"{W}pPr/{W}keepNext") is not None
        assert all(p.paragraph_format.keep_with_next for c in t.rows[0].cells for p in c.paragraphs)
    # item 3 has figures of the districts only: one list, no "Toàn tỉnh" repeating it
    three = next(t for t in tables if t._tbl.getprevious().xpath("string(.)").startswith("3. "))
    assert three._tbl.getprevious().xpath("string(.)").endswith("(số liệu cấp huyện)")
    assert not any(row.cells[0].text in ("Toàn tỉnh", "3.1. Cấp huyện") for row in three.rows)
    # item 6 has three tiers and their total
    assert any(row.cells[0].text == "Toàn tỉnh" for t in tables for row in t.rows)


def test_every_format_carries_the_restatement_notes_under_the_appendix(lai_chau):
    """2023 figures on the tree of 1/7/2025: DOCX and XLSX say, as the HTML does, where the
    figures of the units that no longer exist went (the PDF is the DOCX converted)."""
    from danchu.values.services import InputRow, apply_rows

    apply_rows([InputRow("TT_NGUOI", "03386", "2023", 40), InputRow("TT_NGUOI", "105", "2023", 7)])
    c = compile_report(draft_report(lai_chau, "2023", tree_date=dt.date(2025, 7, 1)))
    assert c.notes and any("kế thừa" in n for n in c.notes)
    html = render_fragment(c)
    doc = Document(io.BytesIO(build_docx(c)))
    texts = [p.text for p in doc.paragraphs]
    after = texts[texts.index("PHỤ LỤC") :]
    sheet = openpyxl.load_workbook(io.BytesIO(build_xlsx(c)))["Phụ lục"]
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    for note in c.notes:
        assert note in html and note in after and note in cells
