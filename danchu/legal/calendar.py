"""The working-day calendar: weekends, the Labour Code's holidays (lunar dates computed by the
`holidays` package, which follows the Vietnamese lunar calendar) with a compensating day when one
falls on a weekend, and each year's announced days off and make-up working days, which replace the
computed days of the holiday they belong to.

A limit counted in days starts on the day after the event (Bộ luật Dân sự 2015, Điều 147);
one in working days skips weekends and days off.
"""

from __future__ import annotations

import datetime as dt
import time

import holidays as holidays_package

# The only lunar dates the Labour Code uses, and the names the package gives them.
_LUNAR_NAMES = {(1, 1): "Lunar New Year", (3, 10): "Hung Kings' Commemoration Day"}
ONE_DAY = dt.timedelta(days=1)


class CalendarError(ValueError):
    pass


def lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    """The solar date of lunar `day/month` of the lunar year that starts in solar `year`."""
    name = _LUNAR_NAMES.get((month, day))
    if name is None:
        raise CalendarError(f"Chưa hỗ trợ ngày âm lịch {day}/{month} (chỉ có 1/1 và 10/3)")
    found = holidays_package.country_holidays("VN", years=year).get_named(name, lookup="exact")
    if not found:
        raise CalendarError(f"Không tính được ngày {day}/{month} âm lịch năm {year}")
    return min(found)


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


# Years computed in this process, kept a few minutes so that days added by `danchu add_days_off`
# reach a running web server without a restart.
_CACHE: dict[int, tuple[float, tuple[frozenset[dt.date], frozenset[dt.date]]]] = {}
CACHE_SECONDS = 600


def _status(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(weekdays off, make-up working days) falling in solar `year`, whichever year's holiday they
    belong to."""
    now = time.monotonic()
    hit = _CACHE.get(year)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    for y in (year - 1, year, year + 1):
        o, w = _year(y)
        off |= {d for d in o if d.year == year}
        work |= {d for d in w if d.year == year}
    value = (frozenset(off), frozenset(work))
    _CACHE[year] = (now, value)
    return value


def _year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off that are not weekends, make-up working days) of one solar year's holidays."""
    from .models import AnnouncedDay, Holiday

    announced: dict[int | None, list[AnnouncedDay]] = {}
    for a in AnnouncedDay.objects.filter(year=year):
        announced.setdefault(a.holiday_id, []).append(a)
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for holiday in Holiday.objects.filter(effective_from__lte=end):
        if holiday.effective_to is not None and holiday.effective_to < start:
            continue
        if holiday.pk in announced:
            continue
        first = (
            lunar_to_solar(year, holiday.month, holiday.day)
            if holiday.calendar == Holiday.Calendar.LUNAR
            else dt.date(year, holiday.month, holiday.day)
        ) + dt.timedelta(days=holiday.offset)
        days = [first + dt.timedelta(days=n) for n in range(holiday.days)]
        off.update(days)
        # Bộ luật Lao động, Điều 111 khoản 3: a holiday on a weekly rest day is taken on the next working day
        for _ in [d for d in days if is_weekend(d)]:
            extra = max(off) + ONE_DAY
            while is_weekend(extra) or extra in off:
                extra += ONE_DAY
            off.add(extra)
    for items in announced.values():
        for a in items:
            (off if a.kind == AnnouncedDay.Kind.OFF else work).add(a.date)
    return frozenset(d for d in off if not is_weekend(d)), frozenset(work)


def clear_cache() -> None:
    """Forget computed years (after holidays or announced days change)."""
    _CACHE.clear()


def days_off(year: int) -> list[dt.date]:
    """Every weekday off in `year` (holidays, compensations, swaps), in order."""
    return sorted(_status(year)[0])


def make_up_days(year: int) -> list[dt.date]:
    return sorted(_status(year)[1])


def is_working_day(day: dt.date) -> bool:
    off, work = _status(day.year)
    if day in work:
        return True
    return not is_weekend(day) and day not in off


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (the event's own day does not count)."""
    day = start
    left = count
    while left > 0:
        day += ONE_DAY
        if is_working_day(day):
            left -= 1
    return day


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_days(start: dt.date, count: int, roll: bool = True) -> dt.date:
    """`count` days after `start`; with `roll`, a last day that is a day off moves to the next
    working day (Bộ luật Dân sự 2015, Điều 148 khoản 5)."""
    day = start + dt.timedelta(days=count)
    return next_working_day(day) if roll else day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`."""
    n, day = 0, start
    while day < end:
        day += ONE_DAY
        if is_working_day(day):
            n += 1
    return n
