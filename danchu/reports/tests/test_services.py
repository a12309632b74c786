import pytest
from django.core.exceptions import PermissionDenied

from danchu.audit.models import ObjectChange
from danchu.reports.models import ReportTemplate
from danchu.reports.services import create_report, data_check, update_report, update_section
from danchu.units.models import Unit

from .conftest import put


@pytest.fixture
def template(db):
    return ReportTemplate.objects.get(code="bcd-dang")


def test_a_new_report_copies_the_template_sections(province, template, make_user):
    user = make_user("thu-ky", province, "enter")
    report = create_report(template, province, "2023", user=user, number="39")
    assert [s.heading for s in report.sections.all()] == [s.heading for s in template.sections.all()]
    assert report.created_by == user
    assert ObjectChange.objects.filter(object_type="reports.report", action="create").count() == 1


def test_editing_a_section_keeps_the_old_text_in_the_change_log(province, template, make_user):
    user = make_user("thu-ky", province, "enter")
    report = create_report(template, province, "2023", user=user)
    section = report.sections.first()
    old = section.body
    update_section(section, "Năm {nam} tiếp nhận {{DON_TIEPNHAN compare}}.", user=user)
    change = ObjectChange.objects.get(object_type="reports.reportsection", object_id=str(section.pk))
    assert change.before["body"] == old and "DON_TIEPNHAN" in change.after["body"]
    update_report(report, user=user, signer_name="Nguyễn Văn A")
    report.refresh_from_db()
    assert report.signer_name == "Nguyễn Văn A"


def test_bad_markup_is_refused_with_where_and_why_and_nothing_saved(province, template, admin_user):
    report = create_report(template, province, "2023", user=admin_user)
    section = report.sections.first()
    old = section.body
    with pytest.raises(ValueError) as exc:
        update_section(section, "Dòng đầu\nTổng {{DON_TIEPNHAM}} đơn", user=admin_user)
    assert str(exc.value).startswith(f"Mục '{section.heading}': Dòng 2, cột 6:")
    assert "DON_TIEPNHAM" in str(exc.value)
    section.refresh_from_db()
    assert section.body == old


def test_a_user_cannot_touch_reports_outside_their_subtree(province, template, make_user):
    district_user = make_user("huyen", Unit.objects.get(code="105"), "admin")
    with pytest.raises(PermissionDenied):
        create_report(template, province, "2023", user=district_user)
    own = create_report(template, Unit.objects.get(code="105"), "2023", user=district_user)
    viewer = make_user("xem", province, "view")
    with pytest.raises(PermissionDenied):
        update_section(own.sections.first(), "x", user=viewer)


def test_data_check_lists_violations_silent_units_and_drops(province):
    put(("HG_THANH", "03502", "2023", 9, ""), ("HG_VUVIEC", "03502", "2023", 4, ""))
    check = data_check(province, "2023")
    assert any(v.rule == "HG_THANH_LE_VUVIEC" and v.unit == "03502" for v in check.violations)
    silent = {u.code for u in check.silent_units}
    assert "12" not in silent and "105" not in silent and "03386" not in silent
    assert len(silent) == 1 + 8 + 106 - 4  # province, districts and communes; 4 of them reported
    drop = next(d for d in check.drops if d.element == "HG_TO" and d.group == "12")
    assert drop.previous == 5
    lines = check.lines()
    assert any(line.startswith("Sai quy tắc kiểm tra — ") for line in lines)
    assert "Thiếu số liệu — Tỉnh Lai Châu: Tổ hòa giải (HG_TO) chưa có số liệu, năm 2022 là 5" in lines


def test_reports_are_listed_and_read_within_the_user_subtree_only(province, template, make_user):
    from danchu.reports.services import check_access, visible_reports

    district = Unit.objects.get(code="105")
    ours = create_report(template, district, "2023")
    theirs = create_report(template, Unit.objects.get(code="106"), "2023")
    viewer = make_user("xem-huyen", district, "view")
    assert list(visible_reports(viewer)) == [ours]
    check_access(viewer, ours.unit)
    with pytest.raises(PermissionDenied):
        check_access(viewer, theirs.unit)
    with pytest.raises(PermissionDenied):
        check_access(viewer, ours.unit, "enter")


def test_a_report_whose_sections_were_all_deleted_stays_without_them(province, template):
    from danchu.reports.compile import compile_report
    from danchu.reports.services import delete_section

    report = create_report(template, province, "2023")
    for section in list(report.sections.all()):
        delete_section(section)
    assert compile_report(report).sections == []
