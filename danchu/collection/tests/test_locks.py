"""QA fixes: figures under review or approved are locked everywhere, an empty template is no
submission, the entry page says why it is read-only, who sees which banner, opening warnings."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from danchu.collection import services
from danchu.collection.models import Round, Submission, SubmissionEvent
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.services import InputRow

DAY = dt.date(2023, 12, 14)
GOOD = [InputRow("HG_VUVIEC", "", "", 10), InputRow("HG_THANH", "", "", 8)]
ENTRY = "/don-vi/03386/nhap/?ky=2023"
CELL = "v|HG_VUVIEC|"


def legacy(code: str) -> Unit:
    return Unit.objects.at(DAY).get(code=code)


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def vuviec() -> float:
    return DataValue.objects.get(unit__code="03386", period="2023", element__code="HG_VUVIEC").value


def events() -> list[str]:
    return list(
        SubmissionEvent.objects.filter(submission__unit__code="03386").values_list("action", flat=True)
    )


@pytest.fixture
def xa(round_12, make_user):
    return make_user("xa", legacy("03386"), "enter")


def test_submitted_figures_are_refused_on_every_write_path_until_returned(round_12, xa, tmp_path):
    services.submit(round_12, "03386", GOOD, user=xa)
    c = login(xa)
    # the web entry page: read-only with the reason, and a forged save changes nothing
    page = c.get(ENTRY).content.decode()
    assert "đã nộp trong đợt báo cáo số" in page and "chờ phê duyệt" in page
    assert f'name="{CELL}"' in page and "Lưu số liệu" not in page
    saved = c.post(ENTRY, {CELL: "99"})
    assert saved.status_code == 400 and "cần người phê duyệt trả lại" in saved.content.decode()
    # the API
    row = {"element": "HG_VUVIEC", "unit": "03386", "period": "2023", "value": 99}
    answer = c.post("/api/values", json.dumps([row]), content_type="application/json")
    assert answer.status_code == 422
    assert "chờ phê duyệt; cần được trả lại để sửa" in json.dumps(answer.json(), ensure_ascii=False)
    # import_values
    path = tmp_path / "sua.csv"
    path.write_text("element,unit,period,value\nHG_VUVIEC,03386,2023-06,5\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_values", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert vuviec() == 10 and not DataValue.objects.filter(period="2023-06").exists()
    assert events() == ["submit"]
    # resubmitting through the round replaces the figures and is recorded
    services.submit(round_12, "03386", [InputRow("HG_VUVIEC", "", "", 12)], user=xa)
    assert vuviec() == 12 and events() == ["submit", "submit"]
    # returned: the unit edits again on the entry page
    services.return_submission(round_12, "03386", "Kiểm tra lại số vụ việc")
    page = c.get(ENTRY).content.decode()
    assert "Lưu số liệu" in page and "đã khóa" not in page
    assert c.post(ENTRY, {CELL: "13"}).status_code == 302 and vuviec() == 13


def test_approved_entry_page_is_read_only_with_one_notice(round_12, xa):
    services.submit(round_12, "03386", GOOD)
    services.approve(round_12, "03386")
    c = login(xa)
    page = c.get(ENTRY).content.decode()
    assert f"Số liệu đã được phê duyệt trong đợt báo cáo số {round_12.pk}" in page
    assert "cần người phê duyệt mở lại" in page and "Lưu số liệu" not in page
    assert "muốn sửa thì gõ số mới" not in page
    assert '<fieldset class="readonly" disabled>' in page
    refused = c.post(ENTRY, {CELL: "1", "v|HG_THANH|": "1"}).content.decode()
    assert refused.count("cần người phê duyệt mở lại") == 1 and vuviec() == 10
    # another period of the same unit is not locked
    assert "Lưu số liệu" in c.get("/don-vi/03386/nhap/?ky=2024").content.decode()
    services.reopen(round_12, "03386", reason="Sửa")
    assert "Lưu số liệu" in c.get(ENTRY).content.decode()


def test_period_lock_names_the_round(round_12):
    from danchu.values import periods

    unit = legacy("03386")
    assert services.period_lock(unit, periods.parse("2023")) is None
    services.submit(round_12, "03386", GOOD)
    lock = services.period_lock(unit, periods.parse("2023"))
    assert lock.round == round_12 and not lock.approved
    assert services.period_lock(unit, periods.parse("2024")) is None
    assert services.period_lock(legacy("03387"), periods.parse("2023")) is None


def test_an_empty_template_is_not_a_submission(round_12, xa):
    blank = services.export_template(round_12, "03386")
    with pytest.raises(services.RoundRefused) as exc:
        services.submit_file(round_12, "03386", blank, "03386.xlsx")
    assert exc.value.messages == [
        "Tệp 03386.xlsx không có số liệu nào; nhập số liệu vào cột E 'Số liệu kỳ này' (các ô màu vàng) "
        "rồi tải lên lại"
    ]
    page = login(xa).post(
        f"/dot-bao-cao/{round_12.pk}/03386/",
        {"action": "tai-len", "file": _upload("03386.xlsx", blank)},
    )
    assert page.status_code == 400 and "không có số liệu nào" in page.content.decode()
    with pytest.raises(services.RoundRefused, match="không có số liệu nào; nhập số liệu vào cột 'value'"):
        services.submit_file(round_12, "03386", b"element,unit,period,value\n", "trong.csv")
    assert Submission.objects.get(round=round_12, unit__code="03386").state == "draft"
    assert not SubmissionEvent.objects.exists() and not DataValue.objects.exists()


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_banners_for_the_unit_and_for_the_approver_with_full_names(round_12, xa, make_user):
    huyen = make_user("huyen", legacy("105"), "approve")
    huyen.first_name, huyen.last_name = "Lan", "Nguyễn Thị"
    huyen.save()
    xa.first_name, xa.last_name = "Bình", "Trần Văn"
    xa.save()
    services.submit(round_12, "03386", GOOD, user=xa)
    url = f"/dot-bao-cao/{round_12.pk}/03386/"
    own = login(xa).get(url).content.decode()
    assert "Muốn sửa, cần người phê duyệt trả lại" in own
    theirs = login(huyen).get(url).content.decode()
    assert "Muốn sửa, cần người phê duyệt trả lại" not in theirs
    assert "chờ bạn phê duyệt hoặc trả lại" in theirs and 'id="approve"' in theirs
    assert "Trần Văn Bình" in theirs  # history: the full name, not "xa"
    services.return_submission(round_12, "03386", "Thiếu số liệu", user=huyen)
    own = login(xa).get(url).content.decode()
    assert "bởi Nguyễn Thị Lan" in own and "Hãy sửa số liệu theo lý do trên rồi nộp lại" in own
    assert "Hãy sửa số liệu theo lý do trên" not in login(huyen).get(url).content.decode()


def test_opening_preview_names_units_of_another_round_and_warns_on_a_past_deadline(round_12, make_user):
    tinh = make_user("tinh", Unit.objects.at(DAY).get(code="12"), "approve")
    c = login(tinh)
    preview = c.get(
        "/dot-bao-cao/mo/xem-truoc/",
        {"form": "QCDC", "period": "2023", "under": "105", "tiers": "xa", "deadline": "2023-12-20"},
    ).content.decode()
    assert f"đã được yêu cầu trong đợt số {round_12.pk}" in preview
    assert "Hạn nộp 20/12/2023 đã qua" in preview
    fresh = c.get(
        "/dot-bao-cao/mo/xem-truoc/",
        {"form": "QCDC", "period": "2024", "under": "105", "tiers": "xa", "deadline": "2099-12-20"},
    ).content.decode()
    assert "đã được yêu cầu trong đợt" not in fresh and "đã qua" not in fresh
    # a past deadline warns but opens
    resp = c.post(
        "/dot-bao-cao/mo/",
        {"form": "QCDC", "period": "2024", "under": "12", "tiers": ["xa"], "deadline": "2024-01-10"},
        follow=True,
    )
    assert Round.objects.count() == 2 and "Hạn nộp 10/01/2024 đã qua" in resp.content.decode()


def test_api_and_command_warn_of_a_past_deadline(lai_chau, make_user):
    c = login(make_user("tinh", lai_chau, "approve"))
    body = {"form": "QCDC", "period": "2023", "under": "12", "tiers": "xa", "deadline": "2023-12-20"}
    answer = c.post("/api/rounds", json.dumps(body), content_type="application/json")
    assert answer.status_code == 201 and "Hạn nộp 20/12/2023 đã qua" in answer.json()["warnings"][0]
    err = io.StringIO()
    call_command(
        "open_round", "--period", "2024", "--under", "12", "--tier", "xa", "--deadline", "2099-01-10",
        stdout=io.StringIO(), stderr=err,
    )  # fmt: skip
    assert err.getvalue() == ""
    call_command(
        "open_round", "--period", "2022", "--under", "12", "--tier", "huyen", "--deadline", "2023-01-10",
        stdout=io.StringIO(), stderr=err,
    )  # fmt: skip
    assert "Cảnh báo: Hạn nộp 10/01/2023 đã qua" in err.getvalue()
