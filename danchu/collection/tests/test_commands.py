"""The round commands: JSON as the issue gives it, Vietnamese refusals, non-zero exits."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from danchu.collection.models import Submission
from danchu.values.models import DataValue

HEADER = "element,unit,period,value,dimensions,comment\n"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def csv_file(tmp_path, text, name="values.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return str(path)


@pytest.fixture
def round_id(lai_chau):
    code, out, _ = run(
        "open_round", "--form", "QCDC", "--period", "2023", "--under", "12", "--tier", "xa",
        "--deadline", "2023-12-20", "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["expected"] == 106
    return str(data["round"])


def test_cycle_on_the_command_line(round_id, tmp_path):
    good = csv_file(tmp_path, "HG_VUVIEC,03386,2023,10,,\nHG_THANH,03386,2023,8,,\n")
    code, out, _ = run("submit", "--round", round_id, "--unit", "03386", "--file", good)
    assert code == 0 and "Đã nộp báo cáo" in out and "2 giá trị mới" in out
    code, out, err = run(
        "return", "--round", round_id, "--unit", "03386", "--reason", "Thiếu số liệu hòa giải"
    )
    assert code == 0 and "Thiếu số liệu hòa giải" in out
    assert run("submit", "--round", round_id, "--unit", "03386")[0] == 0
    assert run("approve", "--round", round_id, "--unit", "03386")[0] == 0
    assert Submission.objects.get(unit__code="03386").state == "approved"

    code, out, _ = run("completeness", "--round", round_id, "--format", "json")
    data = json.loads(out)
    assert {k: data[k] for k in ("expected", "submitted", "approved", "returned", "on_time", "late")} == {
        "expected": 106,
        "submitted": 1,
        "approved": 1,
        "returned": 0,
        "on_time": 0,
        "late": 1,
    }
    assert len(data["missing"]) == 105 and "03386" not in data["missing"]

    # locked: import_values refuses, reopen unlocks
    change = csv_file(tmp_path, "HG_VUVIEC,03386,2023,12,,\n", "change.csv")
    code, _, err = run("import_values", change)
    assert code == 1 and "đã được phê duyệt trong đợt" in err
    assert DataValue.objects.get(element__code="HG_VUVIEC").value == 10
    assert run("reopen", "--round", round_id, "--unit", "03386", "--reason", "Sửa số liệu")[0] == 0
    assert run("import_values", change)[0] == 0
    assert DataValue.objects.get(element__code="HG_VUVIEC").value == 12

    code, out, _ = run("list_rounds", "--format", "json")
    assert json.loads(out)["rounds"][0]["expected"] == 106
    assert run("close_round", "--round", round_id)[0] == 0
    code, _, err = run("submit", "--round", round_id, "--unit", "03387")
    assert code == 1 and "đã đóng" in err


def test_blocked_submit_exits_non_zero_with_the_rule_and_stores_nothing(round_id, tmp_path):
    bad = csv_file(tmp_path, "HG_VUVIEC,03386,2023,3,,\nHG_THANH,03386,2023,5,,\n")
    code, _, err = run("submit", "--round", round_id, "--unit", "03386", "--file", bad)
    assert code == 1
    assert "Số vụ việc hòa giải thành không được lớn hơn số vụ việc hòa giải" in err
    assert "không có gì được ghi" in err
    assert DataValue.objects.count() == 0
    assert Submission.objects.get(unit__code="03386").state == "draft"


def test_return_without_reason_and_approve_of_a_draft_are_refused(round_id):
    code, _, err = run("approve", "--round", round_id, "--unit", "03386")
    assert code == 1 and "trạng thái hiện tại là 'Chưa nộp'" in err
    code, _, err = run("return", "--round", round_id, "--unit", "03386", "--reason", " ")
    assert code == 1 and "lý do" in err


def test_unknown_round_and_unit(round_id):
    assert "Không có đợt báo cáo số 999" in run("approve", "--round", "999", "--unit", "03386")[2]
    assert "không có bài nộp" in run("approve", "--round", round_id, "--unit", "105")[2]


def test_open_round_refusal(lai_chau):
    code, _, err = run("open_round", "--period", "2023", "--under", "12", "--deadline", "2023-12-20")
    assert code == 1 and "ít nhất một cấp" in err


def test_commands_record_who_acted_and_check_their_role(lai_chau, make_user, tmp_path):
    """`--user` (or DANCHU_USER) makes a command act as a person: the round says who opened it, the
    history who submitted and approved, and a person without the role is refused like on the web."""
    from danchu.units.models import Unit

    city = Unit.objects.filter(code="105").order_by("valid_from").first()
    commune = Unit.objects.filter(code="03386").order_by("valid_from").first()
    make_user("tinh", lai_chau, "approve")
    make_user("thanhpho", city, "approve")
    make_user("quyetthang", commune, "enter")
    args = (
        "--period",
        "2023",
        "--under",
        "12",
        "--tier",
        "xa",
        "--deadline",
        "2023-12-20",
        "--format",
        "json",
    )
    code, out, err = run("open_round", *args, "--user", "thanhpho")
    assert code == 1  # the city approver may not open a round for the whole province
    code, out, _ = run("open_round", *args, "--user", "tinh")
    rnd = json.loads(out)["round"]
    path = csv_file(tmp_path, "HG_VUVIEC,03386,2023,10,,\nHG_THANH,03386,2023,8,,\n")
    assert (
        run("submit", "--round", str(rnd), "--unit", "03386", "--file", path, "--user", "quyetthang")[0] == 0
    )
    code, _, err = run("approve", "--round", str(rnd), "--unit", "03386", "--user", "quyetthang")
    assert code == 1 and "quyền" in err
    assert run("approve", "--round", str(rnd), "--unit", "03386", "--user", "thanhpho")[0] == 0
    sub = Submission.objects.get(round_id=rnd, unit=commune)
    assert sub.round.opened_by.username == "tinh"
    assert [(e.action, e.user.username) for e in sub.events.order_by("pk")] == [
        ("submit", "quyetthang"),
        ("approve", "thanhpho"),
    ]
    code, _, err = run("approve", "--round", str(rnd), "--unit", "03386", "--user", "nobody")
    assert code == 1 and "Không có người dùng 'nobody'" in err
