import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from danchu.audit.models import ObjectChange
from danchu.values.models import DataValue

HEADER = "element,unit,period,value,dimensions,comment\n"


def write(tmp_path, text: str, name: str = "values.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return str(path)


def run_import(path, *args):
    err = io.StringIO()
    try:
        call_command("import_values", path, *args, stdout=io.StringIO(), stderr=err)
    except CommandError as exc:
        return str(exc), err.getvalue()
    return None, err.getvalue()


def test_good_file_is_imported(lai_chau, tmp_path):
    path = write(tmp_path, "TD_TIEPDAN,12,2023,2,chuc_danh=chu_tich,\nHG_TO,03386,2023,4,,tổ mới\n")
    assert run_import(path)[0] is None
    assert DataValue.objects.count() == 2
    hg = DataValue.objects.get(element__code="HG_TO")
    assert (hg.value, hg.comment, hg.start, hg.end) == (
        4,
        "tổ mới",
        dt.date(2022, 12, 15),
        dt.date(2023, 12, 14),
    )


@pytest.mark.parametrize(
    "row,column,reason",
    [
        ("NOPE,12,2023,1,,", "element", "không có chỉ tiêu mã 'NOPE'"),
        ("HG_TO,99999,2023,1,,", "unit", "không có đơn vị mã '99999'"),
        ("HG_TO,3386,2023,1,,", "unit", "có phải '03386' (Phường Quyết Thắng)?"),
        ("HG_TO,03386,2026,1,,", "unit", "hết hiệu lực ngày 30/06/2025"),
        ("HG_TO,12,14/12/2023,1,,", "period", "không đúng định dạng"),
        ("HG_TO,12,2023,abc,,", "value", "'abc' không phải là số"),
        ("HG_TO,12,2023,-3,,", "value", "không được âm"),
        ("HG_TO,12,2023,2.5,,", "value", "phải là số nguyên"),
        ("TD_TIEPDAN,12,2023,1,,", "dimensions", "thiếu chiều 'chuc_danh'"),
        ("TD_TIEPDAN,12,2023,1,chuc_danh=pho_chu_tich,", "dimensions", "không có phương án 'pho_chu_tich'"),
        ("HG_TO,12,2023,1,loai_don=to_cao,", "dimensions", "không có chiều 'loai_don'"),
    ],
)
def test_one_bad_row_refuses_the_whole_file(lai_chau, tmp_path, row, column, reason):
    path = write(tmp_path, f"HG_VIEN,12,2023,5,,\n{row}\n")
    message, errors = run_import(path)
    assert message and "không có giá trị nào được ghi" in message
    assert "dòng 3" in errors and f"cột '{column}'" in errors and reason in errors
    assert DataValue.objects.count() == 0


def test_duplicate_key_in_file_names_both_rows(lai_chau, tmp_path):
    path = write(tmp_path, "HG_TO,12,2023,1,,\nHG_TO,12,2023,2,,\n")
    message, errors = run_import(path)
    assert "dòng 3" in errors and "trùng khóa" in errors and "dòng 2" in errors
    assert DataValue.objects.count() == 0


def test_rewriting_a_key_replaces_the_value_and_logs_the_old_one(lai_chau, tmp_path):
    run_import(write(tmp_path, "HG_TO,12,2023,1,,\n"))
    run_import(write(tmp_path, "HG_TO,12,2023,7,,sửa\n", "second.csv"))
    assert DataValue.objects.get().value == 7
    change = ObjectChange.objects.filter(object_type="value", action="update").get()
    assert change.before == {"value": 1.0, "comment": ""} and change.after["value"] == 7
    assert change.source.startswith("import:")


def test_dry_run_writes_nothing(lai_chau, tmp_path):
    assert run_import(write(tmp_path, "HG_TO,12,2023,1,,\n"), "--dry-run")[0] is None
    assert DataValue.objects.count() == 0


def xlsx(tmp_path, rows, formula=False):
    wb = Workbook()
    ws = wb.active
    ws.append(["element", "unit", "period", "value", "dimensions", "comment"])
    for r in rows:
        ws.append(r)
    if formula:
        ws["D3"] = "=D2*2"
    path = tmp_path / "values.xlsx"
    wb.save(path)
    return str(path)


def test_xlsx_with_the_same_columns_is_accepted(lai_chau, tmp_path):
    assert run_import(xlsx(tmp_path, [["HG_TO", "12", "2023", 3, None, None]]))[0] is None
    assert DataValue.objects.get().value == 3


def test_xlsx_with_a_formula_is_refused(lai_chau, tmp_path):
    path = xlsx(
        tmp_path,
        [["HG_TO", "12", "2023", 3, None, None], ["HG_VIEN", "12", "2023", None, None, None]],
        formula=True,
    )
    message, errors = run_import(path)
    assert "ô D3" in errors and "công thức" in errors
    assert DataValue.objects.count() == 0


def test_corrupt_and_oversized_files_are_refused(lai_chau, tmp_path, settings):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip at all")
    assert "không phải là tệp Excel" in run_import(str(bad))[1]
    settings.DANCHU_MAX_UPLOAD_BYTES = 10
    assert "vượt giới hạn" in run_import(write(tmp_path, "HG_TO,12,2023,1,,\n"))[1]


def test_export_writes_the_import_format(lai_chau, tmp_path):
    run_import(write(tmp_path, 'TD_TIEPDAN,12,2023,2,chuc_danh=chu_tich,"có dấu, phẩy"\n'))
    out = tmp_path / "out.csv"
    call_command("export_values", output=str(out))
    assert out.read_text(encoding="utf-8").splitlines() == [
        "element,unit,period,value,dimensions,comment",
        'TD_TIEPDAN,12,2023,2,chuc_danh=chu_tich,"có dấu, phẩy"',
    ]
    DataValue.objects.all().delete()
    assert run_import(str(out))[0] is None and DataValue.objects.get().comment == "có dấu, phẩy"


def test_a_file_without_comments_keeps_the_note_of_an_unchanged_figure(lai_chau, tmp_path):
    run_import(write(tmp_path, "HG_TO,12,2023,4,,số tổ theo quyết định 12/QĐ\n"))
    run_import(write(tmp_path, "HG_TO,12,2023,4,,\n", "template.csv"))
    assert DataValue.objects.get().comment == "số tổ theo quyết định 12/QĐ"
    run_import(write(tmp_path, "HG_TO,12,2023,5,,\n", "changed.csv"))
    assert (DataValue.objects.get().value, DataValue.objects.get().comment) == (5, "")


def test_a_large_import_gives_the_planner_fresh_statistics(lai_chau, monkeypatch):
    """Without statistics SQLite sums a province through the wrong index (seconds, not milliseconds)."""
    from django.db import connection

    from danchu.values import writing
    from danchu.values.services import InputRow, apply_rows

    table = DataValue._meta.db_table
    monkeypatch.setattr(writing, "ANALYZE_AFTER_ROWS", 3)
    if connection.vendor == "sqlite":
        query = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s"
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE sqlite_schema")  # makes sure sqlite_stat1 exists
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
    else:
        query = "SELECT count(*) FROM pg_stats WHERE tablename = %s"
    with connection.cursor() as cursor:
        cursor.execute(query, [table])
        assert cursor.fetchone()[0] == 0
    apply_rows([InputRow("HG_TO", code, "2023", 1) for code in ("12", "105", "03386")])
    with connection.cursor() as cursor:
        cursor.execute(query, [table])
        assert cursor.fetchone()[0] > 0
