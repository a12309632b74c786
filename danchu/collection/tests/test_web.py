"""The round pages: opening with a preview, completeness, the submission page and its permissions."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from danchu.collection import services
from danchu.collection.models import Round, Submission, SubmissionEvent
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.services import InputRow

DAY = dt.date(2023, 12, 14)
HG = "v|HG_VUVIEC|"
HG_OK = "v|HG_THANH|"


def legacy(code: str) -> Unit:
    return Unit.objects.at(DAY).get(code=code)


def state(rnd, code: str) -> str:
    return Submission.objects.get(round=rnd, unit__code=code).state


@pytest.fixture
def people(lai_chau, make_user):
    other_district = legacy("106")
    return {
        "tinh": make_user("tinh", lai_chau, "approve"),
        "huyen": make_user("huyen", legacy("105"), "approve"),
        "huyen_b": make_user("huyen_b", other_district, "approve"),
        "xa": make_user("xa", legacy("03386"), "enter"),
        "xa_b": make_user("xa_b", legacy("03387"), "enter"),
        "b_commune": Unit.objects.at(DAY).filter(parent=other_district, tier="xa").order_by("code").first(),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def url(rnd, code="", tail=""):
    base = f"/dot-bao-cao/{rnd.pk}/"
    return base + (f"{code}/" if code else "") + tail


# --- opening a round ---------------------------------------------------------------------------


def test_open_round_with_preview_of_the_units_asked(client, people):
    c = as_user(client, people["tinh"])
    page = c.get("/dot-bao-cao/mo/").content.decode()
    assert "Mở đợt báo cáo" in page and "Cấp xã" in page
    preview = c.get("/dot-bao-cao/mo/xem-truoc/", {"period": "2023", "under": "12", "tiers": "xa"})
    text = preview.content.decode()
    assert "106 đơn vị sẽ được yêu cầu báo cáo" in text and "Phường Đoàn Kết" in text
    resp = c.post(
        "/dot-bao-cao/mo/",
        {"form": "QCDC", "period": "2023", "under": "12", "tiers": ["xa"], "deadline": "20/12/2023"},
    )
    rnd = Round.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/dot-bao-cao/{rnd.pk}/")
    assert rnd.submissions.count() == 106 and rnd.opened_by == people["tinh"]
    page = c.get(resp["Location"]).content.decode()
    assert "Đã mở đợt báo cáo số" in page and "0/106" in page
    # the same units again: refused with the service's reason, nothing more opened
    again = c.post(
        "/dot-bao-cao/mo/",
        {"form": "QCDC", "period": "2023", "under": "12", "tiers": ["xa"], "deadline": "2023-12-20"},
    )
    assert again.status_code == 400 and "không mở trùng" in again.content.decode()
    assert Round.objects.count() == 1


def test_open_round_refusals_are_shown_in_vietnamese(client, people):
    c = as_user(client, people["huyen"])
    resp = c.post("/dot-bao-cao/mo/", {"form": "QCDC", "period": "20x3", "under": "12", "deadline": ""})
    text = resp.content.decode()
    assert resp.status_code == 400
    assert "Cần nhập hạn nộp" in text and "Cần chọn ít nhất một cấp" in text
    # a unit outside the district approver's subtree is not found for them
    resp = c.post(
        "/dot-bao-cao/mo/",
        {"form": "QCDC", "period": "2023", "under": "12", "tiers": ["xa"], "deadline": "2023-12-20"},
    )
    assert "Không có đơn vị mã “12” trong phạm vi của bạn" in resp.content.decode()
    preview = c.get("/dot-bao-cao/mo/xem-truoc/", {"period": "2023", "under": "105", "tiers": "xa"})
    assert "7 đơn vị sẽ được yêu cầu báo cáo" in preview.content.decode()
    assert not Round.objects.exists()
    # a commune user (enter role) may not open rounds at all
    assert as_user(client, people["xa"]).get("/dot-bao-cao/mo/").status_code == 403


# --- lists and completeness --------------------------------------------------------------------


def test_round_list_and_completeness_are_scoped(client, people, round_12):
    services.submit(round_12, "03386", [InputRow("HG_VUVIEC", "", "", 10)])
    services.submit(round_12, "03387", [InputRow("HG_VUVIEC", "", "", 4)])
    services.approve(round_12, "03386")

    province = as_user(client, people["tinh"])
    listing = province.get("/dot-bao-cao/").content.decode()
    assert "2/106" in listing and "Mở đợt báo cáo" in listing
    page = province.get(url(round_12)).content.decode()
    assert "2/106" in page and "1,9%" in page  # 2 of 106 submitted
    assert 'data-count="approved">1<' in page and 'data-count="late">2<' in page
    assert len(re.findall(r'<tr data-unit="', page)) == 106
    assert len(re.findall(r'<tr data-district="', page)) == 8
    city = re.search(r'<tr data-district="105">(.*?)</tr>', page, re.S).group(1)
    assert "Thành phố Lai Châu" in city and "28,6%" in city  # 2 of 7
    assert re.search(r'data-unit="03386" data-state="approved"', page)

    commune = as_user(client, people["xa_b"])
    listing = commune.get("/dot-bao-cao/").content.decode()
    assert "1/1" in listing and "Mở đợt báo cáo" not in listing
    assert f'href="/dot-bao-cao/{round_12.pk}/03387/" class="own"' in listing
    page = commune.get(url(round_12)).content.decode()
    assert re.findall(r'<tr data-unit="(\w+)"', page) == ["03387"]
    assert "1/1" in page


def test_a_round_outside_ones_subtree_is_not_found(client, people, lai_chau):
    rnd = services.open_round("QCDC", "2023", legacy("105"), dt.date(2023, 12, 20), tiers="xa")
    c = as_user(client, people["huyen_b"])
    assert c.get(url(rnd)).status_code == 404
    assert str(rnd) not in c.get("/dot-bao-cao/").content.decode()


# --- the submission page -----------------------------------------------------------------------


def test_commune_cannot_open_another_communes_submission(client, people, round_12):
    c = as_user(client, people["xa"])
    assert c.get(url(round_12, "03386")).status_code == 200
    assert c.get(url(round_12, "03387")).status_code == 404
    assert c.get(url(round_12, "03387", "bieu-mau.xlsx")).status_code == 404
    resp = c.post(url(round_12, "03387"), {"action": "nop", HG: "5"})
    assert resp.status_code == 404
    assert state(round_12, "03387") == "draft" and not DataValue.objects.exists()


def test_save_draft_then_submit(client, people, round_12):
    c = as_user(client, people["xa"])
    page = c.get(url(round_12, "03386")).content.decode()
    assert "Chưa nộp" in page and "Lưu nháp" in page and "Nộp báo cáo" in page
    resp = c.post(url(round_12, "03386"), {"action": "luu", HG: "10", HG_OK: "8"}, follow=True)
    assert "Đã lưu nháp" in resp.content.decode()
    assert DataValue.objects.filter(unit__code="03386").count() == 2
    assert state(round_12, "03386") == "draft"
    resp = c.post(url(round_12, "03386"), {"action": "nop", HG: "10", HG_OK: "8"}, follow=True)
    text = resp.content.decode()
    assert "Đã nộp báo cáo của" in text and 'data-state="submitted"' in text
    # history: who, action, states
    assert re.search(r'<tr data-action="submit">.*?xa.*?Nộp.*?Chưa nộp → Đã nộp', text, re.S)
    # once submitted, the figures are shown read-only
    assert '<fieldset class="readonly" disabled>' in text and 'value="luu"' not in text


def test_blocked_submission_stores_nothing_and_says_why(client, people, round_12):
    c = as_user(client, people["xa"])
    resp = c.post(url(round_12, "03386"), {"action": "nop", HG: "3", HG_OK: "5"})
    text = resp.content.decode()
    assert resp.status_code == 400
    assert "Không nộp được báo cáo" in text and "hòa giải thành không được lớn hơn" in text
    assert 'value="5"' in text  # what was typed stays in the grid
    assert not DataValue.objects.exists() and state(round_12, "03386") == "draft"
    assert not SubmissionEvent.objects.exists()
    # a value that is not a number: nothing stored, the cell says why
    resp = c.post(url(round_12, "03386"), {"action": "luu", HG: "mười", HG_OK: "5"})
    assert resp.status_code == 400 and "Chưa lưu" in resp.content.decode()
    assert not DataValue.objects.exists()
    resp = c.post(url(round_12, "03386"), {"action": "nop", HG: "-3", HG_OK: "5"})
    text = resp.content.decode()
    assert resp.status_code == 400 and "Chưa nộp: số liệu có lỗi" in text and "không được âm" in text
    assert not DataValue.objects.exists() and state(round_12, "03386") == "draft"


def test_warnings_need_a_comment(client, people, round_12):
    c = as_user(client, people["xa"])
    cells = {"v|KT_DOAN|": "4", "v|KT_DONVI|": "2"}
    resp = c.post(url(round_12, "03386"), {"action": "nop", **cells})
    assert resp.status_code == 400 and "hãy nhập giải trình" in resp.content.decode()
    assert not DataValue.objects.exists()
    resp = c.post(
        url(round_12, "03386"), {"action": "nop", "comment": "Một đoàn kiểm tra hai đơn vị", **cells}
    )
    assert resp.status_code == 302 and state(round_12, "03386") == "submitted"


def test_decisions_need_the_approve_role_on_the_parent(client, people, round_12):
    services.submit(round_12, "03386", [InputRow("HG_VUVIEC", "", "", 10)])
    b = people["b_commune"]
    services.submit(round_12, b.code, [InputRow("HG_VUVIEC", "", "", 2)])

    # approver of district 106 cannot even see a commune of district 105
    other = as_user(client, people["huyen_b"])
    assert other.post(url(round_12, "03386"), {"action": "phe-duyet"}).status_code == 404
    assert state(round_12, "03386") == "submitted"
    # the commune itself (enter role) sees no buttons and is refused
    commune = as_user(client, people["xa"])
    assert "Phê duyệt</button>" not in commune.get(url(round_12, "03386")).content.decode()
    assert commune.post(url(round_12, "03386"), {"action": "phe-duyet"}).status_code == 403
    assert state(round_12, "03386") == "submitted"
    # another commune cannot reach it either
    assert (
        as_user(client, people["xa_b"]).post(url(round_12, "03386"), {"action": "mo-lai"}).status_code == 404
    )

    approver = as_user(client, people["huyen"])
    assert approver.post(url(round_12, b.code), {"action": "phe-duyet"}).status_code == 404
    assert state(round_12, b.code) == "submitted"
    page = approver.get(url(round_12, "03386")).content.decode()
    assert "Phê duyệt</button>" in page and "Trả lại</button>" in page
    resp = approver.post(url(round_12, "03386"), {"action": "tra-lai", "reason": " "}, follow=True)
    assert "Cần ghi lý do trả lại" in resp.content.decode() and state(round_12, "03386") == "submitted"
    approver.post(url(round_12, "03386"), {"action": "tra-lai", "reason": "Thiếu số liệu tiếp công dân"})
    assert state(round_12, "03386") == "returned"

    page = commune.get(url(round_12, "03386")).content.decode()
    box = re.search(r'<div class="returned-reason".*?</div>', page, re.S).group(0)
    assert "Thiếu số liệu tiếp công dân" in box and "huyen" in box

    services.submit(round_12, "03386", [])
    approver.post(url(round_12, "03386"), {"action": "phe-duyet"})
    assert state(round_12, "03386") == "approved"
    # approved values are locked for the commune's page
    assert 'value="luu"' not in commune.get(url(round_12, "03386")).content.decode()
    resp = approver.post(
        url(round_12, "03386"), {"action": "mo-lai", "reason": "Sửa số vụ việc"}, follow=True
    )
    assert "Đã mở lại" in resp.content.decode() and state(round_12, "03386") == "draft"


# --- Excel ---------------------------------------------------------------------------------------


def filled_template(client, rnd, code, values: dict, formula: str = "") -> bytes:
    data = client.get(url(rnd, code, "bieu-mau.xlsx"))
    assert data.status_code == 200 and data["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(data.content))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for r in range(2, ws.max_row + 1):
        element = ws.cell(r, col["element"]).value
        if element in values:
            ws.cell(r, col["value"]).value = values[element]
        if formula and element == formula:
            ws.cell(r, col["value"]).value = "=2+3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload(client, rnd, code, content: bytes, name="bieu-mau.xlsx", comment=""):
    f = io.BytesIO(content)
    f.name = name
    return client.post(url(rnd, code), {"action": "tai-len", "file": f, "comment": comment})


def test_upload_with_a_formula_is_refused_and_stores_nothing(client, people, round_12):
    c = as_user(client, people["xa"])
    content = filled_template(c, round_12, "03386", {"HG_VUVIEC": 10, "HG_THANH": 8}, formula="HG_TO")
    resp = upload(c, round_12, "03386", content)
    text = resp.content.decode()
    assert resp.status_code == 400
    assert "Không nhận tệp bieu-mau.xlsx, không có số liệu nào được lưu" in text and "công thức" in text
    assert not DataValue.objects.exists() and state(round_12, "03386") == "draft"
    resp = upload(c, round_12, "03386", b"not a zip", name="hong.xlsx")
    assert resp.status_code == 400 and "Không nhận tệp hong.xlsx" in resp.content.decode()
    assert not DataValue.objects.exists()


def test_upload_of_the_filled_template_submits(client, people, round_12):
    c = as_user(client, people["xa"])
    content = filled_template(c, round_12, "03386", {"HG_VUVIEC": 10, "HG_THANH": 8})
    resp = upload(c, round_12, "03386", content)
    assert resp.status_code == 302
    assert state(round_12, "03386") == "submitted"
    assert DataValue.objects.get(unit__code="03386", element__code="HG_THANH").value == 8


def test_units_table_filters_by_district_and_state(client, people, round_12):
    services.submit(round_12, "03386", [InputRow("HG_VUVIEC", "", "", 10)])
    c = as_user(client, people["tinh"])
    page = c.get(url(round_12), {"huyen": "105"}).content.decode()
    assert len(re.findall(r'<tr data-unit="', page)) == 7 and "7/106 đơn vị" in page
    page = c.get(url(round_12), {"huyen": "105", "trang_thai": "submitted"}).content.decode()
    assert re.findall(r'<tr data-unit="(\w+)"', page) == ["03386"]
    page = c.get(url(round_12), {"trang_thai": "tre_han"}).content.decode()
    assert re.findall(r'<tr data-unit="(\w+)"', page) == ["03386"]  # deadline 20/12/2023 is past
    page = c.get(url(round_12), {"huyen": "106", "trang_thai": "approved"}).content.decode()
    assert "Không có đơn vị nào khớp bộ lọc" in page
    # the counts above the table stay those of the whole round
    assert "1/106" in page


def test_closing_a_round_stops_submissions(client, people, round_12):
    assert as_user(client, people["xa"]).post(url(round_12, tail="dong/")).status_code == 403
    assert as_user(client, people["huyen"]).post(url(round_12, tail="dong/")).status_code == 403
    province = as_user(client, people["tinh"])
    assert "Đóng đợt báo cáo" in province.get(url(round_12)).content.decode()
    resp = province.post(url(round_12, tail="dong/"), follow=True)
    assert "Đã đóng đợt báo cáo" in resp.content.decode()
    round_12.refresh_from_db()
    assert round_12.status == "closed"
    commune = as_user(client, people["xa"])
    page = commune.get(url(round_12, "03386")).content.decode()
    assert 'value="nop"' not in page
    resp = commune.post(url(round_12, "03386"), {"action": "nop", HG: "10", HG_OK: "8"})
    assert resp.status_code == 400 and "đã đóng, không nhận bài nộp" in resp.content.decode()
    assert not DataValue.objects.exists()


def test_a_long_units_table_is_cut_and_says_so(client, people, round_12, monkeypatch):
    from danchu.collection import views

    monkeypatch.setattr(views, "UNITS_SHOWN", 5)
    c = as_user(client, people["tinh"])
    page = c.get(url(round_12)).content.decode()
    assert len(re.findall(r'<tr data-unit="', page)) == 5
    assert "Chỉ hiện 5/106 đơn vị đầu" in page
    page = c.get(url(round_12), {"huyen": "105"}).content.decode()
    assert "Chỉ hiện 5/7 đơn vị đầu" in page and "7/106 đơn vị" in page
