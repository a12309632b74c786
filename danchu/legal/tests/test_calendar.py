"""The working-day calendar and the deadlines the rules table gives, as a commune officer counts them."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danchu.legal import calendar, clocks
from danchu.legal.models import AnnouncedDay, Rule
from danchu.legal.services import CalendarRefused, announce

D = dt.date
pytestmark = pytest.mark.django_db


def test_denunciation_received_friday_before_tet_2024_is_accepted_by_20_february():
    rule = clocks.find_rule("thu_ly", "to_cao", set(), D(2024, 2, 2))
    assert rule.code == "TC_THULY" and rule.day_kind == "working" and rule.days == 7
    assert clocks.due_date(rule, D(2024, 2, 2)) == D(2024, 2, 20)


def test_tet_2024_days_off_are_the_announced_ones():
    off = [d for d in calendar.days_off(2024) if d.month == 2]
    assert off == [D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13), D(2024, 2, 14)]
    assert not calendar.is_working_day(D(2024, 2, 14))
    assert calendar.is_working_day(D(2024, 2, 15))


def test_make_up_saturday_is_a_working_day_and_the_swapped_monday_is_not():
    assert calendar.is_working_day(D(2024, 5, 4))  # Saturday, worked for Monday 29/4
    assert not calendar.is_working_day(D(2024, 4, 29))
    assert calendar.add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 4)


def test_a_year_nobody_announced_follows_the_labour_code_with_compensation():
    # Tết Đinh Mùi: mùng 1 is Saturday 06/02/2027; five days from 05/02, weekend days given back Mon–Thu
    off = [d for d in calendar.days_off(2027) if d.month == 2]
    assert off == [D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10), D(2027, 2, 11)]
    assert D(2027, 5, 3) in calendar.days_off(2027)  # 01/05/2027 is a Saturday
    assert D(2027, 4, 16) in calendar.days_off(2027)  # Giỗ Tổ 10/3 âm lịch


def test_lunar_dates_follow_the_vietnamese_calendar():
    # 2007: Vietnam's Tết fell a day before China's (17/02 against 18/02)
    assert calendar.lunar_to_solar(2007, 1, 1) == D(2007, 2, 17)
    assert calendar.lunar_to_solar(2024, 3, 10) == D(2024, 4, 18)


def test_calendar_days_end_on_a_working_day():
    rule = clocks.find_rule("thu_ly", "khieu_nai", set(), D(2024, 1, 29))
    assert rule.code == "KN_THULY"
    # 29/01 + 10 days = 08/02, the first day of Tết: the limit ends on 15/02
    assert clocks.due_date(rule, D(2024, 1, 29)) == D(2024, 2, 15)


def test_the_most_specific_rule_wins():
    on = D(2024, 3, 1)
    assert clocks.find_rule("giai_quyet", "khieu_nai", set(), on).days == 30
    assert clocks.find_rule("giai_quyet", "khieu_nai", {"vung_xa"}, on).days == 45
    assert clocks.find_rule("giai_quyet", "khieu_nai", {"lan_hai"}, on).days == 45
    assert clocks.find_rule("giai_quyet", "khieu_nai", {"lan_hai", "vung_xa"}, on).days == 60
    assert clocks.find_rule("thu_ly", "to_cao", {"nhieu_dia_diem"}, on).days == 10
    assert clocks.find_rule("giai_quyet", "to_cao", {"dac_biet_phuc_tap"}, on).max_extensions == 2


def test_a_rule_applies_only_while_in_force():
    Rule.objects.filter(code="TC_THULY").update(effective_to=D(2026, 6, 30))
    Rule.objects.create(
        code="TC_THULY",
        name="Thụ lý tố cáo (luật mới)",
        clock="thu_ly",
        kinds="to_cao",
        days=5,
        day_kind="working",
        law="Luật mới",
        article="Điều 1",
        effective_from=D(2026, 7, 1),
    )
    clocks.clear_cache()
    assert clocks.find_rule("thu_ly", "to_cao", set(), D(2026, 6, 30)).days == 7
    assert clocks.find_rule("thu_ly", "to_cao", set(), D(2026, 7, 1)).days == 5


def test_extensions_are_limited_by_the_rule():
    rule = clocks.find_rule("giai_quyet", "to_cao", set(), D(2024, 3, 1))
    clocks.check_extension(rule, 0, 30)
    with pytest.raises(clocks.RuleError, match="tối đa 30 ngày"):
        clocks.check_extension(rule, 0, 31)
    with pytest.raises(clocks.RuleError, match="chỉ được gia hạn 1 lần"):
        clocks.check_extension(rule, 1, 10)
    accept = clocks.find_rule("thu_ly", "to_cao", set(), D(2024, 3, 1))
    with pytest.raises(clocks.RuleError, match="không cho phép gia hạn"):
        clocks.check_extension(accept, 0, 5)


def test_a_new_year_is_added_with_the_command():
    call_command(
        "add_days_off",
        year=2027,
        holiday="tet_am_lich",
        off="2027-02-04..2027-02-12",
        work="2027-02-20",
        announcement="Thông báo thử nghiệm",
    )
    assert AnnouncedDay.objects.filter(year=2027).count() == 10
    assert not calendar.is_working_day(D(2027, 2, 4))
    assert calendar.is_working_day(D(2027, 2, 20))
    # computed days of that holiday are replaced, not added to
    assert [d for d in calendar.days_off(2027) if d.month == 2] == [
        D(2027, 2, 4),
        D(2027, 2, 5),
        D(2027, 2, 8),
        D(2027, 2, 9),
        D(2027, 2, 10),
        D(2027, 2, 11),
        D(2027, 2, 12),
    ]


def test_bad_announcements_are_refused_in_vietnamese():
    with pytest.raises(CalendarRefused, match="Không có ngày lễ mã 'tet'"):
        announce(2027, "tet", "TB", [D(2027, 2, 5)])
    with pytest.raises(CalendarRefused, match="không phải thứ Bảy hay Chủ nhật"):
        announce(2027, "tet_am_lich", "TB", [D(2027, 2, 5)], [D(2027, 2, 15)])
    with pytest.raises(CalendarRefused, match="đã được công bố cho dịp khác"):
        announce(2024, "gio_to", "TB", [D(2024, 2, 8)])
    with pytest.raises(CommandError, match="ngày cuối trước ngày đầu"):
        call_command(
            "add_days_off", year=2027, holiday="gio_to", off="2027-04-20..2027-04-16", announcement="x"
        )


def test_every_shipped_year_has_its_tet(capsys):
    for year in (2023, 2024, 2025, 2026):
        assert AnnouncedDay.objects.filter(year=year, holiday__code="tet_am_lich").count() >= 5
    call_command("deadline", clock="thu_ly", kind="to_cao", start="2024-02-02", format="json")
    assert '"due": "2024-02-20"' in capsys.readouterr().out
