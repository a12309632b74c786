"""The first reports across the 2025 reform: a round of 2025 asks the 38 communes of the new
tree, one of them submits its template and a CSV, is approved, and the province counts every
figure once."""

import io
import json

from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from danchu.values.models import DataValue


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_a_2025_round_on_the_new_tree(lai_chau, tmp_path):
    code, out, err = run(
        "open_round", "--form", "QCDC", "--period", "2025", "--under", "12", "--tier", "xa",
        "--deadline", "2025-12-20", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["expected"] == 38
    rnd = str(data["round"])

    # Xã Bình Lư (03390, from 1/7/2025) fills its Excel template…
    template = tmp_path / "03390.xlsx"
    assert run("export_template", "--round", rnd, "--unit", "03390", "--output", str(template))[0] == 0
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["element"]).value == "HG_VUVIEC":
            ws.cell(r, col["value"]).value = 12
        if ws.cell(r, col["element"]).value == "HG_THANH":
            ws.cell(r, col["value"]).value = 9
    wb.save(template)
    code, out, err = run("submit", "--round", rnd, "--unit", "03390", "--file", str(template))
    assert code == 0, err
    # …then corrects it with a CSV and is approved
    csv = tmp_path / "03390.csv"
    csv.write_text(
        "element,unit,period,value,dimensions,comment\nHG_VUVIEC,03390,2025,13,,\nTT_HOINGHI,03390,2025,4,,\n",
        encoding="utf-8",
    )
    assert run("return", "--round", rnd, "--unit", "03390", "--reason", "Sửa số vụ việc")[0] == 0
    code, out, err = run("submit", "--round", rnd, "--unit", "03390", "--file", str(csv))
    assert code == 0, err
    code, out, err = run("approve", "--round", rnd, "--unit", "03390")
    assert code == 0, err
    assert set(DataValue.objects.values_list("unit__name", flat=True)) == {"Xã Bình Lư"}

    code, out, err = run("aggregate", "--unit", "12", "--period", "2025", "--by", "tier", "--format", "json")
    assert code == 0, err
    rows = {(r["element"], r["group"]): r["value"] for r in json.loads(out)["rows"]}
    assert rows[("HG_VUVIEC", "xa")] == 13 and rows[("HG_THANH", "xa")] == 9
    assert rows[("TT_HOINGHI", "xa")] == 4
    assert not [k for k in rows if k[1] != "xa" and k[0] in ("HG_VUVIEC", "HG_THANH", "TT_HOINGHI")]
