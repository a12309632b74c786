"""Changes to the calendar, one path for the command line and any page: a year's announced days."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danchu.audit.log import log_change

from . import calendar
from .models import AnnouncedDay, Holiday


class CalendarRefused(ValueError):
    pass


@transaction.atomic
def announce(
    year: int,
    holiday_code: str,
    announcement: str,
    off: list[dt.date],
    work: list[dt.date] | None = None,
    note: str = "",
) -> list[AnnouncedDay]:
    """Record the days off and make-up working days the Government announced for one holiday of
    `year`; they replace the days computed from the Labour Code for that holiday. Announcing the
    same holiday again replaces the earlier announcement."""
    work = work or []
    holiday = Holiday.objects.filter(code=holiday_code).first()
    if holiday is None:
        codes = ", ".join(Holiday.objects.values_list("code", flat=True))
        raise CalendarRefused(f"Không có ngày lễ mã '{holiday_code}' (các mã: {codes}).")
    if not announcement.strip():
        raise CalendarRefused("Thiếu văn bản công bố (--announcement), ví dụ 'Thông báo số …/TB-BNV ngày …'.")
    if not off:
        raise CalendarRefused("Thiếu ngày nghỉ (--off).")
    both = sorted(set(off) & set(work))
    if both:
        raise CalendarRefused(f"Ngày {both[0]:%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm bù.")
    for day in [*off, *work]:
        if abs(day.year - year) > 1:
            raise CalendarRefused(f"Ngày {day:%d/%m/%Y} không thuộc dịp {holiday.name} năm {year}.")
    for day in work:
        if not calendar.is_weekend(day):
            raise CalendarRefused(f"Ngày làm bù {day:%d/%m/%Y} không phải thứ Bảy hay Chủ nhật.")
    taken = AnnouncedDay.objects.filter(date__in=[*off, *work]).exclude(year=year, holiday=holiday)
    clash = taken.first()
    if clash is not None:
        raise CalendarRefused(
            f"Ngày {clash.date:%d/%m/%Y} đã được công bố cho dịp khác ({clash.announcement})."
        )
    old = AnnouncedDay.objects.filter(year=year, holiday=holiday)
    before = [f"{a.date:%Y-%m-%d} {a.kind}" for a in old]
    old.delete()
    made = [
        AnnouncedDay.objects.create(
            date=day, kind=kind, year=year, holiday=holiday, announcement=announcement.strip(), note=note
        )
        for kind, days in ((AnnouncedDay.Kind.OFF, off), (AnnouncedDay.Kind.WORK, work))
        for day in sorted(set(days))
    ]
    log_change(
        "update" if before else "create",
        "calendar",
        f"{year}:{holiday.code}",
        f"{holiday.name} {year}",
        {"days": before} if before else None,
        {"days": [f"{a.date:%Y-%m-%d} {a.kind}" for a in made], "announcement": announcement},
    )
    calendar.clear_cache()
    return made
