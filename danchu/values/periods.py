"""Reporting periods.

With the cut-off day of Decree 09/2019/NĐ-CP (14), `2023` runs 15/12/2022–14/12/2023,
`2023-05` runs 15/04–14/05/2023, `2023Q2` 15/03–14/06, `2023S1` 15/12/2022–14/06/2023.
`2023-03-01/2023-03-02` is an explicit range. The cut-off day is one setting.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings

PATTERNS = [
    ("year", re.compile(r"^(?P<y>\d{4})$")),
    ("month", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")),
    ("quarter", re.compile(r"^(?P<y>\d{4})Q(?P<q>[1-4])$")),
    ("half", re.compile(r"^(?P<y>\d{4})S(?P<s>[12])$")),
    ("range", re.compile(r"^(?P<a>\d{4}-\d{2}-\d{2})/(?P<b>\d{4}-\d{2}-\d{2})$")),
]


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        return self.code

    def label(self) -> str:
        names = {"year": "Năm", "month": "Tháng", "quarter": "Quý", "half": "6 tháng"}
        span = f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"
        if self.kind == "year":
            return f"Năm {self.code} ({span})"
        if self.kind == "month":
            return f"Tháng {int(self.code[5:])}/{self.code[:4]} ({span})"
        if self.kind == "quarter":
            return f"Quý {self.code[5]}/{self.code[:4]} ({span})"
        if self.kind == "half":
            return f"{names['half']} {'đầu' if self.code[5] == '1' else 'cuối'} năm {self.code[:4]} ({span})"
        return span

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def previous(self) -> Period:
        """The same kind of period one step earlier (last year for a year)."""
        y = int(self.code[:4]) if self.kind != "range" else 0
        if self.kind == "year":
            return parse(str(y - 1))
        if self.kind == "month":
            m = int(self.code[5:7])
            return parse(f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}")
        if self.kind == "quarter":
            q = int(self.code[5])
            return parse(f"{y - 1}Q4" if q == 1 else f"{y}Q{q - 1}")
        if self.kind == "half":
            return parse(f"{y - 1}S2" if self.code[5] == "1" else f"{y}S1")
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return parse(f"{end - length:%Y-%m-%d}/{end:%Y-%m-%d}")

    def same_period_last_year(self) -> Period:
        if self.kind == "range":
            return parse(f"{_shift_year(self.start):%Y-%m-%d}/{_shift_year(self.end):%Y-%m-%d}")
        return parse(str(int(self.code[:4]) - 1) + self.code[4:])


def _shift_year(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def _month_end(year: int, month: int) -> dt.date:
    cutoff = settings.DANCHU_PERIOD_CUTOFF_DAY
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(cutoff, last) if cutoff else last)


def _month_start(year: int, month: int) -> dt.date:
    """The day after the previous month's end."""
    prev_y, prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
    return _month_end(prev_y, prev_m) + dt.timedelta(days=1)


def parse(code: str) -> Period:
    code = (code or "").strip()
    for kind, pattern in PATTERNS:
        m = pattern.match(code)
        if not m:
            continue
        if kind == "range":
            try:
                start, end = dt.date.fromisoformat(m["a"]), dt.date.fromisoformat(m["b"])
            except ValueError as exc:
                raise PeriodError(f"Kỳ '{code}' có ngày không tồn tại ({exc})")
            if end < start:
                raise PeriodError(f"Kỳ '{code}': ngày kết thúc trước ngày bắt đầu")
            return Period(code, kind, start, end)
        y = int(m["y"])
        if not 1900 <= y <= 2200:
            raise PeriodError(f"Kỳ '{code}': năm {y} nằm ngoài khoảng cho phép")
        if kind == "year":
            return Period(code, kind, _month_start(y, 1), _month_end(y, 12))
        if kind == "month":
            month = int(m["m"])
            if not 1 <= month <= 12:
                raise PeriodError(f"Kỳ '{code}': tháng {month} không tồn tại")
            return Period(code, kind, _month_start(y, month), _month_end(y, month))
        if kind == "quarter":
            q = int(m["q"])
            return Period(code, kind, _month_start(y, 3 * q - 2), _month_end(y, 3 * q))
        s = int(m["s"])
        return Period(code, kind, _month_start(y, 6 * s - 5), _month_end(y, 6 * s))
    raise PeriodError(
        f"Kỳ báo cáo '{code}' không đúng định dạng. Dùng: 2023 (năm), 2023-05 (tháng), 2023Q2 (quý), "
        "2023S1 (6 tháng) hoặc 2023-03-01/2023-03-02 (khoảng ngày, dạng YYYY-MM-DD)"
    )


def month_containing(day: dt.date) -> Period:
    """The Decree 09 month that contains `day` (15/04–14/05 is month 05 with the default cut-off)."""
    period = parse(f"{day.year}-{day.month:02d}")
    if day > period.end:
        return parse(f"{day.year + 1}-01") if day.month == 12 else parse(f"{day.year}-{day.month + 1:02d}")
    return period


def year_containing(day: dt.date) -> Period:
    """The annual reporting period that contains `day`."""
    period = parse(str(day.year))
    return period if day <= period.end else parse(str(day.year + 1))
