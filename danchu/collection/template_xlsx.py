"""The Excel template of a round for one unit, and reading it back filled in.

The template is laid out as people fill the form on paper: a header block (unit, round,
period, deadline), the form's sections and lines with the unit of measure, last year's value
beside the input cell. Label cells are protected; input cells accept only non-negative numbers.
Row 1 (hidden) is the machine header: `element`, `dimensions`, `value`, `unit`, `period`
columns (the last four hidden too), so a program can fill the template without reading labels.

Reading accepts values only: formulas, macros, external links, extra sheets with data,
oversized and corrupt files are refused with a Vietnamese message (`ValuesRefused`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from danchu.analytics.engine import sums
from danchu.catalog.layout import layout
from danchu.catalog.models import DataElement
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.models import DataValue
from danchu.values.services import InputRow, RowError, ValuesRefused, read_table
from danchu.values.xlsx import read_xlsx_rows

from .models import Round

SHEET_TITLE = "Biểu mẫu"
# Column order of the template; the machine names go in the hidden row 1.
MACHINE_HEADER = [
    "section",
    "label",
    "unit_of_measure",
    "previous",
    "value",
    "element",
    "dimensions",
    "unit",
    "period",
]
HIDDEN_COLUMNS = ["F", "G", "H", "I"]
FIRST_LINE = 8  # first row of the form's lines (after the header block and column captions)


@dataclass
class TemplateLine:
    section: str
    label: str
    element: DataElement
    dimensions: str


def template_lines(form) -> list[tuple[str, str, list[TemplateLine]]]:
    """The form as (section code, title, lines): one line per element row and combination of
    the dimension options the row leaves open (its column dimension and any other)."""
    form_layout = layout(form)
    out = []
    for section in form_layout:
        lines = []
        for row in section.rows:
            if row.element is None:
                continue
            for key, combo in row.combinations(form_layout.options):
                label = " — ".join([row.label] + [o.name for o in combo])
                lines.append(TemplateLine(section.code, label, row.element, str(key)))
        if lines:  # a section of rates only has nothing to type
            out.append((section.code, section.title, lines))
    return out


def _previous_values(unit: Unit, period: periods.Period, elements: list[DataElement]) -> dict:
    """Last year's own figures of the unit, time-aggregated like every report figure."""
    try:
        prev = period.same_period_last_year()
    except periods.PeriodError:
        return {}
    try:
        table = sums(unit, prev, None, elements, Q(unit_id=unit.pk))
    except ValueError:
        return {}
    return {(code, key): value for (code, key, _group), value in table.items()}


def build_template(rnd: Round, unit: Unit) -> bytes:
    """The filled-in-as-far-as-known template of `rnd` for `unit`, as .xlsx bytes."""
    period = rnd.get_period()
    sections = template_lines(rnd.form)
    elements = list({line.element.pk: line.element for _c, _t, ls in sections for line in ls}.values())
    previous = _previous_values(unit, period, elements)
    current = {
        (dv.element.code, dv.dimensions): dv.value
        for dv in DataValue.objects.filter(unit=unit, start=period.start, end=period.end).select_related(
            "element"
        )
    }
    prev_label = period.same_period_last_year().code if period.kind != "range" else "kỳ trước"

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    bold = Font(bold=True)
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    input_fill = PatternFill("solid", fgColor="FFF7D6")
    section_fill = PatternFill("solid", fgColor="E8EEF7")

    def put(r: int, c: int, value, **style):
        cell = ws.cell(row=r, column=c, value=value)
        if isinstance(value, str):
            cell.data_type = TYPE_STRING  # labels are text even if they start with "="
        for k, v in style.items():
            setattr(cell, k, v)
        return cell

    for c, name in enumerate(MACHINE_HEADER, start=1):
        put(1, c, name)
    ws.row_dimensions[1].hidden = True
    put(2, 1, f"BIỂU MẪU BÁO CÁO: {rnd.form.name.upper()}", font=Font(bold=True, size=13))
    ws.merge_cells("A2:E2")
    put(3, 1, f"Đơn vị báo cáo: {unit.name} (mã {unit.code})", font=bold)
    put(
        4,
        1,
        f"Đợt báo cáo số {rnd.pk}: {period.label()}; hạn nộp {rnd.deadline:%d/%m/%Y}; "
        f"đơn vị chủ trì: {rnd.under.name}",
    )
    put(
        5,
        1,
        "Hướng dẫn: chỉ nhập số không âm vào các ô màu vàng của cột 'Số liệu kỳ này'; để trống nếu không "
        "có số liệu. Không dùng công thức, không thêm trang tính.",
        font=Font(italic=True),
    )
    captions = [
        "TT",
        "Nội dung",
        "Đơn vị tính",
        f"Kỳ trước ({prev_label})",
        f"Số liệu kỳ này ({period.code})",
    ]
    for c, caption in enumerate(captions, start=1):
        put(7, c, caption, font=bold, border=box, alignment=Alignment(horizontal="center", wrap_text=True))

    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số liệu không hợp lệ",
        error="Chỉ nhập số nguyên không âm (0, 1, 2, …).",
    )
    decimal = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số liệu không hợp lệ",
        error="Chỉ nhập số không âm.",
    )
    ws.add_data_validation(whole)
    ws.add_data_validation(decimal)

    r = FIRST_LINE
    for code, title, lines in sections:
        put(r, 1, code, font=bold, fill=section_fill, border=box)
        put(r, 2, title, font=bold, fill=section_fill, border=box, alignment=Alignment(wrap_text=True))
        for c in range(3, 6):
            put(r, c, None, fill=section_fill, border=box)
        r += 1
        for line in lines:
            el = line.element
            integer = el.value_type == DataElement.ValueType.INTEGER
            # Whole numbers with thousands grouping; decimals as typed (the reader's locale shows them).
            fmt = "#,##0" if integer else "General"
            put(r, 2, line.label, border=box, alignment=Alignment(wrap_text=True, indent=1))
            put(r, 3, el.unit_of_measure, border=box)
            prev = previous.get((el.code, line.dimensions))
            put(r, 4, prev, border=box, number_format=fmt)
            cell = put(
                r,
                5,
                current.get((el.code, line.dimensions)),
                border=box,
                fill=input_fill,
                protection=Protection(locked=False),
                number_format=fmt,
            )
            (whole if integer else decimal).add(cell)
            put(r, 6, el.code)
            put(r, 7, line.dimensions)
            put(r, 8, unit.code)
            put(r, 9, period.code)
            r += 1
    for col, width in zip("ABCDE", [6, 62, 12, 14, 18], strict=True):
        ws.column_dimensions[col].width = width
    for col in HIDDEN_COLUMNS:
        ws.column_dimensions[col].hidden = True
    ws.freeze_panes = f"A{FIRST_LINE}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _refuse(name: str, message: str):
    raise ValuesRefused([RowError(None, "", message, name)])


def _refuse_extra_sheets(data: bytes, name: str) -> None:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for ws in wb.worksheets[1:]:
            for row in ws.iter_rows(values_only=True):
                if any(v is not None and str(v).strip() for v in row):
                    _refuse(
                        name,
                        f"tệp có thêm trang tính '{ws.title}' chứa dữ liệu; chỉ nhận số liệu ở trang đầu "
                        f"('{SHEET_TITLE}'): hãy xóa các trang khác rồi tải lên lại",
                    )
    finally:
        wb.close()


def read_filled(data: bytes, name: str) -> list[InputRow]:
    """Rows of a filled template (or of a plain values .xlsx/.csv): values only, or refused."""
    limit = settings.DANCHU_MAX_UPLOAD_BYTES
    if len(data) > limit:
        _refuse(name, f"tệp nặng {len(data) / 1048576:.1f} MB, vượt giới hạn {limit / 1048576:.0f} MB")
    if not name.lower().endswith((".xlsx", ".xlsm")):
        rows = read_table(data, name)
        if not rows:
            _refuse_empty(name, "cột 'value'")
        return rows
    header, table = read_xlsx_rows(data, name)
    _refuse_extra_sheets(data, name)
    names = [str(h or "").strip().lower() for h in header]
    if "element" not in names or "value" not in names:
        _refuse(
            name,
            "trang đầu không có các cột 'element' và 'value' ở dòng tiêu đề: đây không phải biểu mẫu "
            "tải từ đợt báo cáo, cũng không phải tệp số liệu (element,unit,period,value,dimensions)",
        )
    index = {n: i for i, n in enumerate(names) if n}

    def cell(cells: list, col: str):
        i = index.get(col)
        return cells[i] if i is not None and i < len(cells) else None

    out = []
    for n, cells in enumerate(table, start=2):
        element = str(cell(cells, "element") or "").strip()
        value = cell(cells, "value")
        if not element or value is None or str(value).strip() == "":
            continue
        out.append(
            InputRow(
                element=element,
                unit=str(cell(cells, "unit") or "").strip(),
                period=str(cell(cells, "period") or "").strip(),
                value=value,
                dimensions=str(cell(cells, "dimensions") or "").strip(),
                comment=str(cell(cells, "comment") or ""),
                row=n,
            )
        )
    if not out:
        _refuse_empty(name, "cột E 'Số liệu kỳ này' (các ô màu vàng)" if "label" in index else "cột 'value'")
    return out


def _refuse_empty(name: str, column: str):
    raise ValuesRefused(
        [RowError(None, "", f"Tệp {name} không có số liệu nào; nhập số liệu vào {column} rồi tải lên lại")]
    )
