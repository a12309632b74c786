"""The Excel template round trip: laid out for people, readable by machines, values only in."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from danchu.catalog.layout import layout
from danchu.collection import services
from danchu.collection.models import Submission
from danchu.collection.template_xlsx import template_lines
from danchu.values.models import DataValue
from danchu.values.services import InputRow, apply_rows


@pytest.fixture
def template(round_12):
    apply_rows([InputRow("HG_VUVIEC", "03386", "2022", 7), InputRow("HG_THANH", "03386", "2022", 6)])
    return services.export_template(round_12, "03386")


def fill(data: bytes, values: dict, edit=None) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, col["element"]).value, ws.cell(r, col["dimensions"]).value or "")
        if key in values:
            ws.cell(r, col["value"]).value = values[key]
    if edit:
        edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row_of(ws, element, dims=""):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 6).value == element and (ws.cell(r, 7).value or "") == dims:
            return r
    raise AssertionError(element)


def test_template_layout(template):
    wb = load_workbook(io.BytesIO(template))
    assert wb.sheetnames == ["Biểu mẫu"]
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert {"element", "dimensions", "value"} <= set(header)
    text = " ".join(str(c.value) for row in ws.iter_rows(max_row=7) for c in row if c.value)
    assert "Đơn vị báo cáo: Phường Quyết Thắng (mã 03386)" in text
    assert "hạn nộp 20/12/2023" in text and "Đơn vị tính" in text
    r = row_of(ws, "HG_VUVIEC")
    assert ws.cell(r, 2).value == "Vụ việc hòa giải" and ws.cell(r, 3).value == "vụ việc"
    assert ws.cell(r, 4).value == 7  # last year's value beside the input cell
    assert any(ws.cell(i, 2).value == "Hòa giải ở cơ sở" for i in range(2, r))
    # labels protected, input unlocked, only non-negative numbers accepted
    assert ws.protection.sheet is True
    assert ws.cell(r, 2).protection.locked is True and ws.cell(r, 5).protection.locked is False
    dv = [d for d in ws.data_validations.dataValidation if f"E{r}" in d.sqref]
    assert dv and dv[0].operator == "greaterThanOrEqual" and dv[0].formula1 == "0"
    assert "không âm" in dv[0].error and dv[0].type == "whole"
    money = row_of(ws, "NTM_KINHPHI_TRIEU")
    assert [d.type for d in ws.data_validations.dataValidation if f"E{money}" in d.sqref] == ["decimal"]
    # dimensions spread over lines
    assert ws.cell(row_of(ws, "TD_TIEPDAN", "chuc_danh=bi_thu"), 2).value == "Tiếp dân (cuộc) — Bí thư cấp ủy"
    assert ws.column_dimensions["F"].hidden


def test_filled_template_submits(round_12, template, tmp_path):
    data = fill(template, {("HG_VUVIEC", ""): 12, ("HG_THANH", ""): 9, ("TD_TIEPDAN", "chuc_danh=bi_thu"): 4})
    result = services.submit_file(round_12, "03386", data, "bieu-mau.xlsx")
    assert result.written.created == 3
    assert Submission.objects.get(round=round_12, unit__code="03386").state == "submitted"
    stored = {(v.element.code, v.dimensions): v.value for v in DataValue.objects.filter(period="2023")}
    assert stored == {("HG_VUVIEC", ""): 12, ("HG_THANH", ""): 9, ("TD_TIEPDAN", "chuc_danh=bi_thu"): 4}
    # exported again, the entered values are filled in
    ws = load_workbook(io.BytesIO(services.export_template(round_12, "03386"))).active
    assert ws.cell(row_of(ws, "HG_THANH"), 5).value == 9


def test_submit_command_reads_the_template(round_12, template, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "bieu-mau.xlsx"
    path.write_bytes(fill(template, {("HG_VUVIEC", ""): 2}))
    call_command(
        "submit", "--round", str(round_12.pk), "--unit", "03386", "--file", str(path), stdout=io.StringIO()
    )
    assert DataValue.objects.get(period="2023").value == 2


def _formula(wb):
    ws = wb.worksheets[0]
    ws.cell(row_of(ws, "HG_THANH"), 5).value = "=E20+1"


def _extra_sheet(wb):
    wb.create_sheet("Nháp")["A1"] = 5


@pytest.mark.parametrize(
    "edit,message",
    [
        (_formula, "chứa công thức"),
        (_extra_sheet, "thêm trang tính 'Nháp'"),
    ],
)
def test_bad_workbooks_are_refused_and_nothing_is_stored(round_12, template, edit, message):
    data = fill(template, {("HG_VUVIEC", ""): 12}, edit)
    with pytest.raises(services.RoundRefused, match=message):
        services.submit_file(round_12, "03386", data, "bieu-mau.xlsx")
    assert not DataValue.objects.filter(period="2023").exists()
    assert Submission.objects.get(round=round_12, unit__code="03386").state == "draft"


def test_macros_links_corrupt_and_oversized_files(round_12, template, settings):
    def with_part(part: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(buf, "w") as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.writestr(part, b"x")
        return buf.getvalue()

    cases = [
        (with_part("xl/vbaProject.bin"), "bieu-mau.xlsm", "macro"),
        (with_part("xl/externalLinks/externalLink1.xml"), "bieu-mau.xlsx", "liên kết tới tệp khác"),
        (template[: len(template) // 2], "bieu-mau.xlsx", "không phải là tệp Excel .xlsx hợp lệ"),
    ]
    for data, name, message in cases:
        with pytest.raises(services.RoundRefused, match=message):
            services.submit_file(round_12, "03386", data, name)
    settings.DANCHU_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(services.RoundRefused, match="vượt giới hạn"):
        services.submit_file(round_12, "03386", template, "bieu-mau.xlsx")
    assert DataValue.objects.filter(period="2023").count() == 0


def test_template_of_another_unit_is_refused(round_12):
    other = services.export_template(round_12, "03387")
    with pytest.raises(services.RoundRefused, match="không phải đơn vị của bài nộp"):
        services.submit_file(round_12, "03386", fill(other, {("HG_VUVIEC", ""): 1}), "bieu-mau.xlsx")


def test_negative_number_in_template_is_refused(round_12, template):
    with pytest.raises(services.RoundRefused, match="không được âm"):
        services.submit_file(round_12, "03386", fill(template, {("HG_VUVIEC", ""): -1}), "bieu-mau.xlsx")


def test_the_excel_template_lists_the_cells_the_entry_grid_types(db):
    form = layout("QCDC")
    typed = {
        (row.code, row.key(col))
        for s in form
        for row in s.rows
        for col in s.columns
        if row.takes(col) and row.complete(col)
    }
    lines = {(ln.element.code, ln.dimensions) for _c, _t, ls in template_lines(form.form) for ln in ls}
    assert typed == lines
