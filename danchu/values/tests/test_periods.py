import datetime as dt

import pytest
from django.test import override_settings

from danchu.values.periods import PeriodError, parse

D = dt.date


@pytest.mark.parametrize(
    "code,start,end",
    [
        ("2023", D(2022, 12, 15), D(2023, 12, 14)),
        ("2023-05", D(2023, 4, 15), D(2023, 5, 14)),
        ("2023-01", D(2022, 12, 15), D(2023, 1, 14)),
        ("2023Q2", D(2023, 3, 15), D(2023, 6, 14)),
        ("2023S1", D(2022, 12, 15), D(2023, 6, 14)),
        ("2023S2", D(2023, 6, 15), D(2023, 12, 14)),
        ("2023-03-01/2023-03-02", D(2023, 3, 1), D(2023, 3, 2)),
    ],
)
def test_reporting_periods_follow_decree_09(code, start, end):
    p = parse(code)
    assert (p.start, p.end) == (start, end)


@override_settings(DANCHU_PERIOD_CUTOFF_DAY=0)
def test_cutoff_is_one_setting():
    assert (parse("2023").start, parse("2023").end) == (D(2023, 1, 1), D(2023, 12, 31))
    assert parse("2024-02").end == D(2024, 2, 29)


@pytest.mark.parametrize(
    "bad", ["23", "2023-13", "2023Q5", "14/12/2023", "2023-02-30/2023-03-01", "2023-03-02/2023-03-01"]
)
def test_bad_periods_are_explained_in_vietnamese(bad):
    with pytest.raises(PeriodError, match="Kỳ"):
        parse(bad)


def test_previous_periods():
    assert parse("2023").previous().code == "2022"
    assert parse("2023-01").previous().code == "2022-12"
    assert parse("2023Q1").same_period_last_year().code == "2022Q1"
