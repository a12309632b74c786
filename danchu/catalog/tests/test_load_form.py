"""A province extends the catalogue without code: `danchu load_form FILE` (YAML or XLSX), the
catalogue page and the API load dimensions, elements, indicators, a form and its rules; all or
nothing, idempotent, errors naming the file, row and column in Vietnamese."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from danchu.analytics.engine import aggregate
from danchu.analytics.validation import validate
from danchu.audit.models import ObjectChange
from danchu.catalog.models import DataElement, Dimension, Form, FormRow, Indicator, ValidationRule
from danchu.catalog.services import FormRefused, load_form
from danchu.values.periods import parse
from danchu.values.services import InputRow, apply_rows

FORM = """\
# Biểu bổ sung thử của tỉnh
form:
  code: LC_THU
  name: Số liệu bổ sung thử
dimensions:
  - code: xep_loai_thu
    name: Xếp loại cán bộ
    options:
      - {code: xuat_sac, name: Hoàn thành xuất sắc nhiệm vụ}
      - {code: tot, name: Hoàn thành tốt nhiệm vụ}
elements:
  - code: LC_THU_CBCC
    name: Cán bộ, công chức, viên chức được đánh giá
    unit: người
    dimensions: [xep_loai_thu]
  - code: LC_THU_TTHC
    name: Thủ tục hành chính công bố
    unit: thủ tục
    time: stock
indicators:
  - code: LC_THU_TL_XS
    name: Tỷ lệ hoàn thành xuất sắc nhiệm vụ
    numerator: "LC_THU_CBCC{xep_loai_thu=xuat_sac}"
    denominator: LC_THU_CBCC
    decimals: 1
sections:
  - code: "1"
    title: Đánh giá, xếp loại
    rows:
      - {label: Cán bộ được đánh giá, element: LC_THU_CBCC, columns: xep_loai_thu}
      - {label: Tỷ lệ xuất sắc, indicator: LC_THU_TL_XS}
  - code: "2"
    title: Thủ tục hành chính
    rows:
      - {label: Thủ tục công bố, element: LC_THU_TTHC}
rules:
  - code: LC_THU_XS_LE_TONG
    left: "LC_THU_CBCC{xep_loai_thu=xuat_sac}"
    operator: "<="
    right: LC_THU_CBCC
    importance: high
    message: Số xuất sắc không lớn hơn tổng số
"""


def yaml_bytes(text: str = FORM) -> bytes:
    return text.encode("utf-8")


def catalogue_state():
    return (
        Dimension.objects.count(),
        DataElement.objects.count(),
        Indicator.objects.count(),
        Form.objects.count(),
        FormRow.objects.count(),
        ValidationRule.objects.count(),
    )


def test_a_yaml_form_file_adds_elements_a_form_and_rules_that_values_and_analytics_use(lai_chau):
    loaded = load_form(yaml_bytes(), "lc-thu.yaml")
    assert "biểu mẫu LC_THU (2 mục, 3 dòng, 1 quy tắc)" in loaded.summary()
    el = DataElement.objects.get(code="LC_THU_CBCC")
    assert (el.unit_of_measure, el.dimension_codes()) == ("người", ["xep_loai_thu"])
    assert DataElement.objects.get(code="LC_THU_TTHC").time_aggregation == "stock"
    form = Form.objects.get(code="LC_THU")
    assert not form.builtin
    assert [(s.code, s.title) for s in form.sections.all()] == [
        ("1", "Đánh giá, xếp loại"),
        ("2", "Thủ tục hành chính"),
    ]
    assert [r.label for r in FormRow.objects.filter(section__form=form)] == [
        "Cán bộ được đánh giá",
        "Tỷ lệ xuất sắc",
        "Thủ tục công bố",
    ]
    apply_rows(
        [
            InputRow("LC_THU_CBCC", "12", "2023", 30, "xep_loai_thu=xuat_sac"),
            InputRow("LC_THU_CBCC", "12", "2023", 20, "xep_loai_thu=tot"),
        ]
    )
    result = aggregate(lai_chau, parse("2023"), elements=["LC_THU_CBCC", "LC_THU_TL_XS"])
    assert result.value("LC_THU_TL_XS") == 60.0
    assert validate(lai_chau, parse("2023"), form="LC_THU") == []


def test_loading_the_same_file_again_changes_nothing(lai_chau):
    load_form(yaml_bytes(), "lc-thu.yaml")
    before, changes = catalogue_state(), ObjectChange.objects.count()
    again = load_form(yaml_bytes(), "lc-thu.yaml")
    assert again.installed.changes == []
    assert "0 mục mới, 0 mục được sửa" in again.summary()
    assert (catalogue_state(), ObjectChange.objects.count()) == (before, changes)


def test_a_second_version_updates_in_place_and_drops_what_it_no_longer_has(lai_chau):
    load_form(yaml_bytes(), "lc-thu.yaml")
    row_ids = list(
        FormRow.objects.filter(section__code="1", section__form__code="LC_THU").values_list("pk", flat=True)
    )
    changed = FORM.replace("Thủ tục hành chính công bố", "Thủ tục hành chính được công bố")
    changed = changed[: changed.index('  - code: "2"')] + "rules: []\n"
    loaded = load_form(yaml_bytes(changed), "lc-thu.yaml")
    assert DataElement.objects.get(code="LC_THU_TTHC").name == "Thủ tục hành chính được công bố"
    assert list(Form.objects.get(code="LC_THU").sections.values_list("code", flat=True)) == ["1"]
    assert not ValidationRule.objects.filter(code="LC_THU_XS_LE_TONG").exists()
    assert "1 quy tắc bỏ đi" in loaded.summary()
    # the unchanged section keeps its rows
    assert (
        list(
            FormRow.objects.filter(section__code="1", section__form__code="LC_THU").values_list(
                "pk", flat=True
            )
        )
        == row_ids
    )
    # the element stays: values and other forms may use it
    assert DataElement.objects.filter(code="LC_THU_TTHC").exists()
    change = ObjectChange.objects.get(object_type="catalog.element", object_id="LC_THU_TTHC", action="update")
    assert change.after["name"] == "Thủ tục hành chính được công bố"


def test_any_bad_row_refuses_the_whole_file_with_file_row_column(db):
    before = catalogue_state()
    bad = (
        FORM.replace("dimensions: [xep_loai_thu]", "dimensions: [xep_loai_thu, khong_co]")
        .replace(
            'numerator: "LC_THU_CBCC{xep_loai_thu=xuat_sac}"', 'numerator: "LC_THU_CBCC{xep_loai_thu=gioi}"'
        )
        .replace(
            "{label: Tỷ lệ xuất sắc, indicator: LC_THU_TL_XS}",
            "{label: Tỷ lệ, indicator: LC_THU_TL_XS, element: LC_THU_CBCC}",
        )
        .replace("right: LC_THU_CBCC", "right: LC_THU_KHONG")
        .replace("time: stock", "time: hang_thang")
    )

    def line(needle: str) -> int:
        return bad[: bad.index(needle)].count("\n") + 1

    with pytest.raises(FormRefused) as refused:
        load_form(yaml_bytes(bad), "lc-thu.yaml")
    lines = [str(e) for e in refused.value.errors]
    assert lines == [
        f"Tệp lc-thu.yaml, dòng {line('dimensions: [xep_loai_thu, khong_co]')}, cột 'dimensions': "
        "không có chiều 'khong_co' trong tệp hay danh mục",
        f"Tệp lc-thu.yaml, dòng {line('time: hang_thang')}, cột 'time': 'hang_thang' không hợp lệ (chọn: flow, stock)",
        f"Tệp lc-thu.yaml, dòng {line('numerator:')}, cột 'numerator': "
        "chiều 'xep_loai_thu' không có phương án 'gioi' (phương án: xuat_sac, tot)",
        f"Tệp lc-thu.yaml, dòng {line('{label: Tỷ lệ,')}, cột 'element': "
        "mỗi dòng ghi đúng một trong hai: element (chỉ tiêu) hoặc indicator (chỉ số)",
        f"Tệp lc-thu.yaml, dòng {line('right: LC_THU_KHONG')}, cột 'right': "
        "không có chỉ tiêu mã 'LC_THU_KHONG' trong tệp hay danh mục",
    ]
    assert catalogue_state() == before


@pytest.mark.parametrize(
    "text, message",
    [
        ("form: [1, 2\n", "Tệp f.yaml, dòng 2: YAML không hợp lệ"),
        ("elementz: []\n", "Tệp f.yaml, dòng 1, cột 'elementz': không có mục 'elementz'"),
        (
            "elements:\n  - {code: lc_nho, name: A, unit: cái}\n",
            "Tệp f.yaml, dòng 2, cột 'code': mã 'lc_nho' không hợp lệ: chữ in hoa",
        ),
        (
            "elements:\n  - {code: LC_A, name: A, unit: cái}\n  - {code: LC_A, name: B, unit: cái}\n",
            "Tệp f.yaml, dòng 3, cột 'code': chỉ tiêu 'LC_A' lặp lại (đã có ở dòng 2)",
        ),
        (
            "elements:\n  - {code: TD_TIEPDAN, name: Tiếp dân, unit: lượt, dimensions: [chuc_danh]}\n",
            "cột 'code': chỉ tiêu 'TD_TIEPDAN' thuộc biểu mẫu quốc gia: không sửa bằng tệp",
        ),
        (
            "form: {code: QCDC, name: Khác}\n",
            "Tệp f.yaml, dòng 1, cột 'code': 'QCDC' là biểu mẫu quốc gia có sẵn",
        ),
        ("sections:\n  - {code: '1', title: A}\n", "thiếu mục form (code, name)"),
        ("{}\n", "Tệp f.yaml: tệp không có gì để nạp"),
    ],
)
def test_refusals_say_where_and_why(db, text, message):
    with pytest.raises(FormRefused) as refused:
        load_form(text.encode(), "f.yaml")
    assert message in str(refused.value)


def test_a_national_element_is_used_without_being_redefined(db):
    text = """form: {code: LC_TD, name: Tiếp dân theo quý}
sections:
  - code: "1"
    title: Tiếp dân
    rows:
      - {label: Bí thư tiếp dân, element: TD_TIEPDAN, filter: chuc_danh=bi_thu}
"""
    load_form(text.encode(), "td.yaml")
    assert FormRow.objects.get(section__form__code="LC_TD").element.code == "TD_TIEPDAN"


def test_an_element_with_values_keeps_its_dimensions(lai_chau):
    load_form(yaml_bytes(), "lc-thu.yaml")
    apply_rows([InputRow("LC_THU_TTHC", "12", "2023", 590)])
    with pytest.raises(FormRefused) as refused:
        load_form(
            yaml_bytes(
                FORM.replace("    time: stock\n", "    time: stock\n    dimensions: [xep_loai_thu]\n")
            ),
            "lc-thu.yaml",
        )
    assert "chỉ tiêu 'LC_THU_TTHC' đã có số liệu với chiều (không có): không đổi chiều được" in str(
        refused.value
    )


def xlsx_of(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SHEETS = {
    "Hướng dẫn": [["Mỗi trang là một danh sách; dòng đầu là tên cột."]],
    "form": [["code", "name"], ["LC_THU", "Số liệu bổ sung thử"]],
    "dimensions": [["code", "name"], ["xep_loai_thu", "Xếp loại cán bộ"]],
    "options": [
        ["dimension", "code", "name"],
        ["xep_loai_thu", "xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"],
        ["xep_loai_thu", "tot", "Hoàn thành tốt nhiệm vụ"],
    ],
    "elements": [
        ["code", "name", "unit", "dimensions", "time", "type", "negative"],
        [
            "LC_THU_CBCC",
            "Cán bộ, công chức, viên chức được đánh giá",
            "người",
            "xep_loai_thu",
            None,
            None,
            None,
        ],
        ["LC_THU_TTHC", "Thủ tục hành chính công bố", "thủ tục", None, "stock", None, None],
    ],
    "indicators": [
        ["code", "name", "numerator", "denominator", "decimals"],
        [
            "LC_THU_TL_XS",
            "Tỷ lệ hoàn thành xuất sắc nhiệm vụ",
            "LC_THU_CBCC{xep_loai_thu=xuat_sac}",
            "LC_THU_CBCC",
            1,
        ],
    ],
    "sections": [["code", "title"], [1, "Đánh giá, xếp loại"], [2, "Thủ tục hành chính"]],
    "rows": [
        ["section", "label", "element", "indicator", "filter", "columns"],
        [1, "Cán bộ được đánh giá", "LC_THU_CBCC", None, None, "xep_loai_thu"],
        [1, "Tỷ lệ xuất sắc", None, "LC_THU_TL_XS", None, None],
        [2, "Thủ tục công bố", "LC_THU_TTHC", None, None, None],
    ],
    "rules": [
        ["code", "left", "operator", "right", "importance", "message"],
        [
            "LC_THU_XS_LE_TONG",
            "LC_THU_CBCC{xep_loai_thu=xuat_sac}",
            "<=",
            "LC_THU_CBCC",
            "high",
            "Số xuất sắc không lớn hơn tổng số",
        ],
    ],
}


def test_the_same_form_as_xlsx_gives_the_same_catalogue(db):
    load_form(xlsx_of(SHEETS), "lc-thu.xlsx")
    state = catalogue_state()
    assert load_form(yaml_bytes(), "lc-thu.yaml").installed.changes == []
    assert catalogue_state() == state


def test_xlsx_errors_name_the_sheet_row_and_column(db):
    sheets = dict(SHEETS)
    sheets["rows"] = [*SHEETS["rows"], [3, "Dòng thừa", "LC_THU_TTHC", None, None, None]]
    sheets["elements"] = [SHEETS["elements"][0] + ["ghi_chu"], *SHEETS["elements"][1:]]
    with pytest.raises(FormRefused) as refused:
        load_form(xlsx_of(sheets), "lc-thu.xlsx")
    assert [str(e) for e in refused.value.errors] == [
        "Tệp lc-thu.xlsx, trang 'elements', dòng 1, cột 'ghi_chu': không có cột 'ghi_chu' "
        "(các cột: code, name, unit, dimensions, time, type, negative)"
    ]
    del sheets["elements"]
    sheets["elements"] = SHEETS["elements"]
    with pytest.raises(FormRefused) as refused:
        load_form(xlsx_of(sheets), "lc-thu.xlsx")
    assert [str(e) for e in refused.value.errors] == [
        "Tệp lc-thu.xlsx, trang 'rows', dòng 5, cột 'section': không có mục '3' trong sections của tệp"
    ]


def test_the_command_loads_checks_and_refuses(db, tmp_path, capsys):
    path = tmp_path / "lc-thu.yaml"
    path.write_text(FORM, encoding="utf-8")
    call_command("load_form", str(path), "--dry-run")
    assert "Kiểm tra xong, không có lỗi (chưa ghi vì --dry-run)" in capsys.readouterr().out
    assert not Form.objects.filter(code="LC_THU").exists()
    call_command("load_form", str(path))
    assert "Đã nạp biểu mẫu LC_THU" in capsys.readouterr().out
    path.write_text(FORM.replace("unit: người", "unit: ''"), encoding="utf-8")
    with pytest.raises(CommandError, match="1 lỗi, danh mục không thay đổi"):
        call_command("load_form", str(path))
    assert (
        "Tệp lc-thu.yaml, dòng 14, cột 'unit': thiếu 'unit'" in capsys.readouterr().err
    )  # the first element


def test_only_a_province_admin_may_load(lai_chau, make_user):
    from danchu.units.models import Unit

    district = Unit.objects.get(code="105")
    with pytest.raises(FormRefused, match="chỉ quản trị cấp tỉnh trở lên"):
        load_form(yaml_bytes(), "lc-thu.yaml", user=make_user("qt-huyen", district, "admin"))
    loaded = load_form(yaml_bytes(), "lc-thu.yaml", user=make_user("qt-tinh", lai_chau, "admin"))
    assert loaded.installed.count("create") > 0
    assert ObjectChange.objects.filter(object_type="catalog.form", object_id="LC_THU").exists()
