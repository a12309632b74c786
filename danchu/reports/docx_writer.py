"""Write a compiled report as DOCX: styles, real tables, real Word footnotes, page numbers.

python-docx has no footnote API, so the footnotes part (`word/footnotes.xml`) is built here
and attached to the document with python-docx's OPC layer; each reference in the text is a
`w:footnoteReference`. Every size and margin comes from `layout.py`.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import layout as L
from .compile import CFootnote, Compiled, Run

TABLE_TEXT = "TableText"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _set_font(style_or_run, name: str, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    # theme fonts (the built-in headings use them) would override the named font
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(doc, lay: L.PageLayout) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _set_font(normal, lay.font, lay.body_pt)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    pf = normal.paragraph_format
    pf.space_after = Pt(lay.paragraph_after_pt)
    pf.space_before = Pt(0)
    pf.line_spacing = lay.line_spacing
    for level in (1, 2, 3):
        h = styles[f"Heading {level}"]
        _set_font(h, lay.font, lay.heading_pt)
        h.font.bold = True
        h.font.italic = level == 3
        h.font.color.rgb = RGBColor(0, 0, 0)
        h.paragraph_format.space_before = Pt(6)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.first_line_indent = Mm(lay.first_line_indent_mm)
        h.paragraph_format.keep_with_next = True
    body = styles.add_style("Report Body", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.first_line_indent = Mm(lay.first_line_indent_mm)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    note = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    _set_font(note, lay.font, lay.footnote_pt)
    note.paragraph_format.space_after = Pt(0)
    note.paragraph_format.line_spacing = 1.0
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    _set_font(cell, lay.font, lay.table_pt)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0


def _page(doc, lay: L.PageLayout) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(lay.margin_top_mm), Mm(lay.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(lay.margin_left_mm), Mm(lay.margin_right_mm)
    section.header_distance, section.footer_distance = Mm(lay.header_distance_mm), Mm(lay.footer_distance_mm)
    # page number centred at the top, not shown on the first page
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(p, "PAGE", lay)


def _field(paragraph, instruction: str, lay: L.PageLayout) -> None:
    def run_with(child):
        r = paragraph.add_run()
        _set_font(r, lay.font, lay.page_number_pt)
        r._r.append(child)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    shown = paragraph.add_run("1")
    _set_font(shown, lay.font, lay.page_number_pt)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _para(
    container,
    text: str = "",
    size: float | None = None,
    bold=False,
    italic=False,
    underline=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    style: str | None = None,
    after: float = 0,
):
    p = container.add_paragraph(style=style)
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.first_line_indent = Mm(0)
    if text:
        r = p.add_run(text)
        r.bold, r.italic, r.underline = bold, italic, underline
        if size is not None:
            r.font.size = Pt(size)
    return p


def _header(doc, c: Compiled, lay: L.PageLayout, width_mm: float) -> None:
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, [width_mm * lay.header_left_share, width_mm * (1 - lay.header_left_share)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left._tc.remove(left.paragraphs[0]._p)
    right._tc.remove(right.paragraphs[0]._p)
    for text, bold in c.issuer_lines:
        _para(left, text, lay.issuer_pt, bold=bold)
    if c.layout == "party":
        _para(left, "*", lay.issuer_pt)
        _para(right, c.top_right[0], lay.party_title_pt, bold=True, underline=True)
    else:
        _para(left, "───────", lay.issuer_pt)
        _para(right, c.top_right[0], lay.national_name_pt, bold=True)
        _para(right, c.top_right[1], lay.motto_pt, bold=True, underline=True)
    number, place = table.cell(1, 0), table.cell(1, 1)
    p = number.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(c.number_line)
    r.font.size = Pt(lay.number_pt)
    p = place.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(c.place_date)
    r.italic = True
    r.font.size = Pt(lay.place_date_pt)


def _add_runs(paragraph, runs: list[Run]) -> None:
    for run in runs:
        if run.footnote is not None:
            r = paragraph.add_run()
            r._r.style = "FootnoteReference"
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(run.footnote))
            r._r.append(ref)
            continue
        text = run.text + ("*" if run.figure is not None and run.figure.unapproved else "")
        r = paragraph.add_run(text)
        r.bold = run.bold or None
        r.italic = run.italic or None


def _footnote_xml(note: CFootnote) -> str:
    runs = []
    for run in note.runs:
        props = ""
        if run.bold or run.italic:
            props = "<w:rPr>" + ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "") + "</w:rPr>"
        text = run.text + ("*" if run.figure is not None and run.figure.unapproved else "")
        runs.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
    return (
        f'<w:footnote w:id="{note.number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> </w:t></w:r>' + "".join(runs) + "</w:p></w:footnote>"
    )


def _attach_footnotes(doc, notes: list[CFootnote]) -> None:
    separator = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}">'
        + separator
        + "".join(_footnote_xml(n) for n in notes)
        + "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def _body(doc, c: Compiled, lay: L.PageLayout) -> None:
    _para(doc, c.doc_type, lay.doc_type_pt, bold=True, after=0).paragraph_format.space_before = Pt(12)
    for i, line in enumerate(c.title_lines):
        _para(doc, line, lay.title_pt, bold=True, after=12 if i == len(c.title_lines) - 1 else 0)
    for section in c.sections:
        if section.heading:
            doc.add_paragraph(section.heading)._p.style = f"Heading{min(max(section.level, 1), 3)}"
        for p in section.paragraphs:
            para = doc.add_paragraph()
            para._p.style = "ReportBody"
            _add_runs(para, p.runs)


def _closing(doc, c: Compiled, lay: L.PageLayout, width_mm: float) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.cell(0, 0), table.cell(0, 1)
    _set_widths(table, [width_mm * 0.5, width_mm * 0.5])
    left._tc.remove(left.paragraphs[0]._p)
    right._tc.remove(right.paragraphs[0]._p)
    _para(
        left,
        "Nơi nhận:",
        lay.recipients_heading_pt,
        bold=True,
        italic=lay.recipients_heading_italic,
        underline=lay.recipients_heading_underline,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    for line in c.recipients:
        _para(left, f"- {line}", lay.recipients_pt, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in c.signer_title:
        # a joining word in lower case ("kiêm") is not bold, the titles are
        _para(right, line, lay.signer_pt, bold=line != line.lower())
    for _ in range(3):
        _para(right, "", lay.signer_pt)
    _para(right, c.signer_name or " ", lay.signer_pt, bold=True)
    _cant_split(table.rows[0])  # recipients and signature stay on one page


def _appendix(doc, c: Compiled, lay: L.PageLayout, width_mm: float) -> None:
    if c.appendix is None:
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "PHỤ LỤC", lay.title_pt, bold=True)
    for i, title in enumerate(c.appendix.title_lines):
        _para(
            doc,
            title,
            lay.title_pt,
            bold=i == 0,
            italic=i > 0,
            after=12 if i == len(c.appendix.title_lines) - 1 else 0,
        )
    for t in c.appendix.tables:
        p = _para(
            doc, f"{t.number}. {t.title}", lay.body_pt, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6
        )
        p.paragraph_format.keep_with_next = True
        headers = t.headers
        table = doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cp = cell.paragraphs[0]
            cp._p.style = TABLE_TEXT  # by id: a lookup by name is slow
            cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cp.add_run(text).bold = True
        _repeat_header(table.rows[0])
        _keep_with_next(table.rows[0])
        for block in t.blocks:
            if block.label:  # one tier alone has no heading of its own
                row = table.add_row()
                merged = row.cells[0].merge(row.cells[-1])
                bp = merged.paragraphs[0]
                bp._p.style = TABLE_TEXT  # by id: a lookup by name is slow
                bp.add_run(block.label).bold = True
                _keep_with_next(row)  # a block's heading stays with its first line
            for line in block.lines:
                cells = table.add_row().cells
                values = [line.cell_text(v) for v in line.cells] if line.cells else [""] * len(t.columns)
                texts = [line.label + ("*" if line.unapproved else ""), *values, line.cell_text(line.total)]
                for k, (cell, text) in enumerate(zip(cells, texts, strict=True)):
                    cp = cell.paragraphs[0]
                    cp._p.style = TABLE_TEXT  # by id: a lookup by name is slow
                    cp.alignment = WD_ALIGN_PARAGRAPH.LEFT if k == 0 else WD_ALIGN_PARAGRAPH.RIGHT
                    cp.add_run(text).bold = block.tier is None or None
        _widths(table, width_mm, len(headers))
        for row in table.rows:  # a row is never split across two pages
            _cant_split(row)
        doc.add_paragraph()


def _notes(doc, c: Compiled, lay: L.PageLayout) -> None:
    """How the figures were counted (restatement through the lineage, unapproved values), under
    the appendix as in the HTML preview."""
    if not c.notes:
        return
    _para(doc, "Ghi chú:", lay.body_pt, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for note in c.notes:
        _para(doc, note, lay.body_pt, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def _widths(table, width_mm: float, ncols: int) -> None:
    """A wide first column for the labels, the numbers sharing the rest."""
    first = width_mm * (0.55 if ncols <= 2 else 0.34)
    other = (width_mm - first) / max(ncols - 1, 1)
    _set_widths(table, [first] + [other] * (ncols - 1))


def _set_widths(table, widths_mm: list[float]) -> None:
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    table.autofit = False
    for col, w in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(w)
    for row in table.rows:
        cells = row.cells
        if len(cells) == len(widths_mm) and len({id(c._tc) for c in cells}) == len(cells):
            for cell, w in zip(cells, widths_mm, strict=True):
                cell.width = Mm(w)


def _cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.insert(0, el)


def _keep_with_next(row) -> None:
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def build_docx(c: Compiled) -> bytes:
    """The report as DOCX bytes."""
    lay = L.get(c.layout)
    doc = Document()
    _styles(doc, lay)
    _page(doc, lay)
    width_mm = L.PAGE_WIDTH_MM - lay.margin_left_mm - lay.margin_right_mm
    _header(doc, c, lay, width_mm)
    _body(doc, c, lay)
    _closing(doc, c, lay, width_mm)
    _appendix(doc, c, lay, width_mm)
    _notes(doc, c, lay)
    if c.appendix is None and not c.notes:
        doc.add_paragraph()  # Word wants a paragraph, not a table, before the section properties
    _attach_footnotes(doc, c.footnotes)
    props = doc.core_properties
    props.title = c.title
    props.author = c.issuer_name
    props.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_docx(c: Compiled, path) -> None:
    with open(path, "wb") as fh:
        fh.write(build_docx(c))
