"""The appendix as XLSX: one sheet, the numbers as numbers and the totals as SUM formulas.

Labels and any text people wrote are written as text cells only (a leading =, +, - or @
is kept as text), so nothing a user typed can become a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from danchu.catalog.dimensions import DimensionKey

from . import layout as L
from .compile import Compiled

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _text(ws, row: int, col: int, value: str, **style):
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever the text starts with
    for k, v in style.items():
        setattr(cell, k, v)
    return cell


def build_xlsx(c: Compiled) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    font = L.get(c.layout).font
    normal, bold = Font(name=font, size=12), Font(name=font, size=12, bold=True)
    row = 1
    _text(ws, row, 1, "PHỤ LỤC", font=Font(name=font, size=13, bold=True))
    row += 1
    for title in c.appendix.title_lines if c.appendix else []:
        _text(ws, row, 1, title, font=bold)
        row += 1
    _text(ws, row, 1, f"{c.unit_name} — kỳ {c.period.code}", font=normal)
    row += 2
    widest = 2
    for t in c.appendix.tables if c.appendix else []:
        headers = t.headers
        widest = max(widest, len(headers))
        _text(ws, row, 1, f"{t.number}. {t.title}", font=bold)
        row += 1
        for k, h in enumerate(headers, start=1):
            _text(
                ws,
                row,
                k,
                h,
                font=bold,
                border=_BOX,
                alignment=Alignment(horizontal="center", wrap_text=True),
            )
        row += 1
        ncols = len(t.columns)
        tier_rows: dict[int, list[int]] = {}  # line index -> sheet rows of that line in the tier blocks
        for block in t.blocks:
            if block.label:  # one tier alone has no heading of its own
                _text(ws, row, 1, block.label, font=bold, border=_BOX)
                row += 1
            for i, line in enumerate(block.lines):
                _text(ws, row, 1, line.label + ("*" if line.unapproved else ""), font=normal, border=_BOX)
                total_col = ncols + 2
                fmt = (
                    "#,##0"
                    if line.kind == "element"
                    else "0." + "0" * line.decimals + '"%"'
                    if line.decimals
                    else '0"%"'
                )
                if line.kind == "indicator":
                    cell = ws.cell(row=row, column=total_col, value=line.total)
                    cell.number_format = fmt
                elif block.tier is not None:
                    for k, v in enumerate(line.cells, start=2):
                        ws.cell(row=row, column=k, value=v).number_format = fmt
                    if line.cells:
                        first, last = get_column_letter(2), get_column_letter(ncols + 1)
                        ws.cell(row=row, column=total_col, value=f"=SUM({first}{row}:{last}{row})")
                    else:
                        ws.cell(row=row, column=total_col, value=line.total)
                    tier_rows.setdefault(i, []).append(row)
                else:
                    # the whole subtree: each column adds up the tier blocks above
                    for k in range(2, total_col + 1):
                        if k < total_col and not line.cells:
                            continue
                        col = get_column_letter(k)
                        refs = ",".join(f"{col}{r}" for r in tier_rows.get(i, []))
                        ws.cell(row=row, column=k, value=f"=SUM({refs})" if refs else 0)
                for k in range(2, total_col + 1):
                    cell = ws.cell(row=row, column=k)
                    cell.border = _BOX
                    cell.font = bold if block.tier is None else normal
                    if line.kind == "element":
                        cell.number_format = fmt
                row += 1
        row += 1
    if c.notes:  # how the figures were counted, under the tables as in the other formats
        _text(ws, row, 1, "Ghi chú:", font=Font(name=font, size=12, bold=True, italic=True))
        row += 1
        for note in c.notes:
            _text(ws, row, 1, note, font=Font(name=font, size=12, italic=True))
            row += 1
    ws.column_dimensions["A"].width = 60
    for k in range(2, widest + 1):
        ws.column_dimensions[get_column_letter(k)].width = 14
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    _figures_sheet(wb, c, normal, bold)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FIGURE_COLUMNS = [
    ("Mã trong văn bản", 34),
    ("Chỉ tiêu", 18),
    ("Tên chỉ tiêu", 50),
    ("Đơn vị", 10),
    ("Tên đơn vị", 24),
    ("Cấp", 8),
    ("Phân tổ", 24),
    ("Kỳ", 8),
    ("Giá trị", 12),
    ("Trong văn bản", 40),
    ("Chưa duyệt", 10),
]


def _figures_sheet(wb, c: Compiled, normal: Font, bold: Font) -> None:
    """Every figure of the narrative with where it comes from, for checking the text."""
    ws = wb.create_sheet("Số liệu trong báo cáo")
    for k, (title, width) in enumerate(FIGURE_COLUMNS, start=1):
        _text(ws, 1, k, title, font=bold, border=_BOX)
        ws.column_dimensions[get_column_letter(k)].width = width
    for r, f in enumerate(c.figures, start=2):
        dims = str(DimensionKey(f.dims))
        texts = [f.markup, f.code, f.name, f.unit_code, f.unit_name, f.tier or "", dims, f.period]
        for k, text in enumerate(texts, start=1):
            _text(ws, r, k, text, font=normal)
        ws.cell(row=r, column=9, value=f.value).font = normal
        _text(ws, r, 10, _figure_words(c, f), font=normal)
        _text(ws, r, 11, "có" if f.unapproved else "", font=normal)


def _figure_words(c: Compiled, fig) -> str:
    for run in (r for s in c.sections for p in s.paragraphs for r in p.runs):
        if run.figure is fig:
            return run.text
    for run in (r for n in c.footnotes for r in n.runs):
        if run.figure is fig:
            return run.text
    return ""
