from datetime import date
from decimal import Decimal

from registry.workers import seniority

PERIODS = [
    ("640104001002", date(2015, 1, 1), date(2017, 12, 31)),   # 1096 days
    ("640104001002", date(2017, 6, 1), date(2018, 3, 31)),    # overlaps: adds only 2018-01-01..03-31 = 90
    ("150404001001", date(2018, 6, 1), date(2021, 6, 30)),    # another province: not counted
    ("640104001001", date(2022, 1, 1), None),                 # open: 2022..2024 = 1096 days to as_of
]


def test_break_not_bridged_overlap_counted_once_other_province_excluded():
    as_of = date(2024, 12, 31)
    assert seniority.service_days(PERIODS, "64", as_of) == 1096 + 90 + 1096
    # 2282 / 365.25 = 6.2477… → 6.25
    assert seniority.cumulative_years(PERIODS, "64", as_of) == Decimal("6.25")


def test_periods_cut_at_as_of_and_future_ones_ignored():
    assert seniority.service_days(PERIODS, "64", date(2016, 12, 31)) == 731  # 2015 + 2016 (leap)
    assert seniority.service_days(PERIODS, "64", date(2014, 12, 31)) == 0


def test_touching_periods_merge_and_summary_columns():
    periods = [("640104001001", date(2020, 1, 1), date(2020, 1, 31)),
               ("640104001002", date(2020, 2, 1), None)]
    assert seniority.merged_runs(periods, "64") == [(date(2020, 1, 1), None)]
    assert seniority.summary(PERIODS, "64") == (1096 + 90, date(2022, 1, 1))


def test_open_and_closed_periods_starting_the_same_day_merge():
    # Regression: sorting compared None (open end) with a date and raised TypeError (500 on POST).
    periods = [("640104001001", date(2020, 1, 1), None),
               ("640104001002", date(2020, 1, 1), date(2020, 6, 30))]
    assert seniority.merged_runs(periods, "64") == [(date(2020, 1, 1), None)]
    assert seniority.merged_runs(list(reversed(periods)), "64") == [(date(2020, 1, 1), None)]
    assert seniority.service_days(periods, "64", date(2020, 1, 10)) == 10
    assert seniority.summary(periods, "64") == (0, date(2020, 1, 1))
