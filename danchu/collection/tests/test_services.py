"""The round cycle through the service functions the web, the API and the commands share."""

import datetime as dt

import pytest

from danchu.audit.models import ObjectChange
from danchu.collection import services
from danchu.collection.models import Submission, SubmissionEvent
from danchu.values.models import DataValue
from danchu.values.services import InputRow, ValuesRefused, apply_rows

GOOD = [
    InputRow("HG_VUVIEC", "", "", 10),
    InputRow("HG_THANH", "", "", 8),
    InputRow("TD_TIEPDAN", "", "", 3, "chuc_danh=bi_thu"),
]


def rows(*items):
    return [InputRow(*i) for i in items]


def test_opening_asks_every_commune_of_the_province(round_12):
    assert round_12.submissions.count() == 106
    assert set(round_12.submissions.values_list("state", flat=True)) == {"draft"}
    assert ObjectChange.objects.filter(object_type="round", action="create").exists()


def test_preview_lists_the_units_a_round_would_ask(lai_chau):
    from danchu.values import periods

    asked = services.units_asked(lai_chau, periods.parse("2023"), "xa")
    assert asked.count() == 106 and asked.filter(code="03386").exists()


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (dict(tiers=""), "ít nhất một cấp"),
        (dict(tiers="phuong"), "Cấp 'phuong' không tồn tại"),
        (dict(tiers="thon"), "Không có đơn vị nào"),
    ],
)
def test_opening_refuses_bad_choices(lai_chau, kwargs, message):
    with pytest.raises(services.RoundRefused, match=message):
        services.open_round("QCDC", "2023", lai_chau, dt.date(2023, 12, 20), **kwargs)


def test_opening_twice_for_the_same_units_is_refused(round_12, lai_chau):
    with pytest.raises(services.RoundRefused, match="không mở trùng"):
        services.open_round("QCDC", "2023", lai_chau, dt.date(2023, 12, 20), tiers="xa")


def test_full_cycle_submit_return_resubmit_approve(round_12):
    result = services.submit(round_12, "03386", GOOD)
    assert result.written.created == 3
    sub = Submission.objects.get(round=round_12, unit__code="03386")
    assert sub.state == "submitted" and sub.first_submitted_at is not None
    first = sub.first_submitted_at

    services.return_submission(round_12, "03386", "Thiếu số liệu tiếp công dân")
    sub.refresh_from_db()
    assert sub.state == "returned" and sub.return_reason == "Thiếu số liệu tiếp công dân"

    services.submit(round_12, "03386", rows(("TCD_LUOT", "", "", 5, "hinh_thuc=thuong_xuyen")))
    services.approve(round_12, "03386")
    sub.refresh_from_db()
    assert sub.state == "approved" and sub.first_submitted_at == first
    actions = list(sub.events.values_list("action", "from_state", "to_state", "reason"))
    assert actions == [
        ("submit", "draft", "submitted", ""),
        ("return", "submitted", "returned", "Thiếu số liệu tiếp công dân"),
        ("submit", "returned", "submitted", ""),
        ("approve", "submitted", "approved", ""),
    ]


def test_return_needs_a_reason(round_12):
    services.submit(round_12, "03386", GOOD)
    with pytest.raises(services.RoundRefused, match="lý do"):
        services.return_submission(round_12, "03386", "  ")


def test_high_rule_blocks_and_nothing_is_stored(round_12):
    bad = rows(("HG_VUVIEC", "", "", 3), ("HG_THANH", "", "", 5))
    with pytest.raises(services.RoundRefused) as exc:
        services.submit(round_12, "03386", bad)
    assert any("hòa giải thành không được lớn hơn" in m for m in exc.value.messages)
    assert DataValue.objects.count() == 0
    assert Submission.objects.get(round=round_12, unit__code="03386").state == "draft"
    assert not SubmissionEvent.objects.exists()


def test_medium_rule_needs_a_comment(round_12):
    warn = rows(("KT_DOAN", "", "", 4), ("KT_DONVI", "", "", 2))
    with pytest.raises(services.RoundRefused, match="giải trình"):
        services.submit(round_12, "03386", warn)
    assert DataValue.objects.count() == 0
    result = services.submit(round_12, "03386", warn, comment="Một đoàn kiểm tra nhiều lần cùng đơn vị")
    assert [v.rule for v in result.warnings] == ["KT_DONVI_GE_DOAN"]
    assert Submission.objects.get(round=round_12, unit__code="03386").comment.startswith("Một đoàn")


def test_rows_of_another_unit_or_period_are_refused(round_12):
    with pytest.raises(services.RoundRefused, match="không phải đơn vị của bài nộp"):
        services.submit(round_12, "03386", rows(("HG_TO", "03387", "2023", 1)))
    with pytest.raises(services.RoundRefused, match="không nằm trong kỳ 2023"):
        services.submit(round_12, "03386", rows(("HG_TO", "03386", "2024", 1)))
    assert DataValue.objects.count() == 0


def test_approved_values_are_locked_until_reopened(round_12):
    services.submit(round_12, "03386", GOOD)
    services.approve(round_12, "03386")
    with pytest.raises(ValuesRefused, match="đã được phê duyệt trong đợt"):
        apply_rows([InputRow("HG_VUVIEC", "03386", "2023", 11)])
    with pytest.raises(ValuesRefused, match="mở lại trước khi sửa"):
        apply_rows([InputRow("HG_VUVIEC", "03386", "2023-05", 1)])
    # writing back exactly what is stored changes nothing and passes (an export imported again)
    assert apply_rows([InputRow("HG_VUVIEC", "03386", "2023", 10)]).unchanged == 1
    with pytest.raises(ValuesRefused, match="Cột 'value'"):
        apply_rows([InputRow("HG_VUVIEC", "03386", "2023", 10, comment="ghi chú mới")])
    # other units, other periods and elements off the form are not locked
    apply_rows([InputRow("HG_VUVIEC", "03387", "2023", 11), InputRow("HG_VUVIEC", "03386", "2024", 1)])
    services.reopen(round_12, "03386", reason="Sửa số vụ việc")
    apply_rows([InputRow("HG_VUVIEC", "03386", "2023", 11)])
    assert DataValue.objects.get(unit__code="03386", period="2023", element__code="HG_VUVIEC").value == 11
    assert Submission.objects.get(round=round_12, unit__code="03386").state == "draft"


def test_approved_values_q_and_marks(round_12):
    services.submit(round_12, "03386", GOOD)
    services.submit(round_12, "03387", GOOD)
    services.approve(round_12, "03386")
    approved = DataValue.objects.filter(services.approved_values_q())
    assert set(approved.values_list("unit__code", flat=True)) == {"03386"} and approved.count() == 3
    marks = dict(
        services.mark_approved(DataValue.objects.filter(element__code="HG_VUVIEC")).values_list(
            "unit__code", "approved"
        )
    )
    assert marks == {"03386": True, "03387": False}


def test_completeness_and_lateness(round_12):
    services.submit(round_12, "03386", GOOD)
    services.submit(round_12, "03387", GOOD)
    services.approve(round_12, "03386")
    services.submit(round_12, "03388", GOOD)
    services.return_submission(round_12, "03388", "Sai số")
    c = services.completeness(round_12)
    assert (c["expected"], c["submitted"], c["approved"], c["returned"]) == (106, 2, 1, 1)
    # deadline 20/12/2023 is past: every first submission is late
    assert (c["on_time"], c["late"]) == (0, 3)
    assert len(c["missing"]) == 104 and "03388" in c["missing"] and "03386" not in c["missing"]
    city = next(d for d in c["by_district"] if d["code"] == "105")
    assert city == {
        "code": "105",
        "name": "Thành phố Lai Châu",
        "expected": 7,
        "submitted": 2,
        "approved": 1,
        "returned": 1,
        "late": 3,
        "missing": 5,
    }
    assert len(c["by_district"]) == 8
    row = next(u for u in c["units"] if u["code"] == "03386")
    assert row["state"] == "approved" and row["late"] is True and row["district"] == "105"


def test_on_time_before_the_deadline(lai_chau):
    rnd = services.open_round("QCDC", "2023", lai_chau, dt.date(2100, 1, 1), tiers="xa")
    services.submit(rnd, "03386", GOOD)
    c = services.completeness(rnd)
    assert (c["on_time"], c["late"]) == (1, 0)


def test_a_form_that_does_not_require_valid_figures_only_warns(round_12):
    round_12.form.require_valid = False
    round_12.form.save()
    bad = rows(("HG_VUVIEC", "", "", 3), ("HG_THANH", "", "", 5))
    with pytest.raises(services.RoundRefused, match="giải trình"):
        services.submit(round_12, "03386", bad)
    result = services.submit(round_12, "03386", bad, comment="Số liệu đã kiểm tra lại, đúng")
    assert [v.rule for v in result.warnings] == ["HG_THANH_LE_VUVIEC"]


def test_unit_types_ask_agencies_as_well_as_communes(lai_chau):
    from danchu.units.models import Unit

    Unit.objects.create(code="SO-NV", name="Sở Nội vụ", type="co_quan", tier="tinh", parent=lai_chau)
    Unit.objects.create(code="MTTQ-12", name="Ủy ban MTTQ tỉnh", type="mttq", tier="tinh", parent=lai_chau)
    rnd = services.open_round(
        "QCDC", "2023", lai_chau, dt.date(2023, 12, 20), unit_types="co_quan,mttq", title="Sở, ngành"
    )
    assert sorted(rnd.submissions.values_list("unit__code", flat=True)) == ["MTTQ-12", "SO-NV"]
    assert str(rnd) == "Sở, ngành"


def test_a_closed_round_takes_no_submissions(round_12):
    services.close_round(round_12)
    with pytest.raises(services.RoundRefused, match="đã đóng"):
        services.submit(round_12, "03386", GOOD)
