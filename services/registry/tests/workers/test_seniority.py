from datetime import date, timedelta
from decimal import Decimal

from cwm_kit import service_years
from registry.rules.defaults import DEFAULT_RULES
from registry.workers import seniority

PERIODS = [
    ("640104001002", date(2015, 1, 1), date(2017, 12, 31)),   # 1096 days
    ("640104001002", date(2017, 6, 1), date(2018, 3, 31)),    # overlaps: adds only 2018-01-01..03-31 = 90
    ("150404001001", date(2018, 6, 1), date(2021, 6, 30)),    # another province: not counted
    ("640104001001", date(2022, 1, 1), None),                 # open: 2022..2024 = 1096 days to as_of
]


class _Row:
    def __init__(self, prefix: str, effective: str, source: str, params: dict):
        self.region_prefix, self.effective_from, self.source, self.params = (
            prefix, date.fromisoformat(effective), source, params)


RULES = [seniority.CountingRule.of(_Row(p, d, s, params))
         for kind, p, d, s, params, _ in DEFAULT_RULES if kind == seniority.RULE_KIND]


def _through(runs, day):
    """Years served through `day` (registry pages and facts): the kit's one function, two places."""
    return service_years.display_years(service_years.completed_years(runs, day + timedelta(days=1)))


def test_break_not_bridged_overlap_counted_once_other_province_excluded():
    as_of = date(2024, 12, 31)
    assert seniority.service_days(PERIODS, "64", as_of) == 1096 + 90 + 1096
    # 2282 days through 2024-12-31 = 2192 (2019-01-01..2024-12-31) + 90: the equivalent start is 90 days
    # before 2019-01-01 = 2018-10-03 (Oct 29 + Nov 30 + Dec 31 = 90 from 10-03); to 2025-01-01 that is
    # 6 years 2 months 29 days = 74 whole months → 74 / 12 = 6.1666… → 6.17 years.
    assert _through(seniority.summary_runs(2282, None, as_of), as_of) == Decimal("6.17")
    assert _through(seniority.runs_on(PERIODS, "640104001001", RULES, as_of), as_of) == Decimal("6.17")


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


def test_a_year_is_completed_on_the_anniversary_and_a_transfer_loses_no_day():
    # Hired 2019-01-01, transferred 2020-03-16 (old period closed 2020-03-15): one run.
    runs = seniority.merged_runs([("150404001001", date(2019, 1, 1), date(2020, 3, 15)),
                                  ("150404001002", date(2020, 3, 16), None)], "150404")
    assert runs == [(date(2019, 1, 1), None)]
    # Service before 2023-01-01: 2019-01-01..2022-12-31 = 1461 days → from 2019-01-01 = 48 months = 4 years.
    assert service_years.completed_months(runs, date(2023, 1, 1)) == 48
    # The day before the anniversary: 47 months (3 years 11 months).
    assert service_years.completed_months(runs, date(2022, 12, 31)) == 47
    # Through a day (registry pages): through 2022-12-31 the 4th year is complete.
    assert _through(seniority.summary_runs(1461, None, date(2022, 12, 31)), date(2022, 12, 31)) == Decimal("4.00")
    # Leap day: hired 2020-02-29 completes its first year on 2021-03-01 (28 February 2021 is 11 months).
    leap = [(date(2020, 2, 29), None)]
    assert (service_years.completed_months(leap, date(2021, 2, 28)),
            service_years.completed_months(leap, date(2021, 3, 1))) == (11, 12)


def test_songshan_counts_only_its_district_until_the_im_measures_then_the_region():
    # Rule data: national default (province) from 1978, SS (district 150404) from 2022-01-01, IM (region) from
    # 2024-08-21, with the 150404 row of that date carrying IM's scope over SS's narrower one.
    ss = "150404001001"
    assert [(s, e, r.scope_digits) for s, e, r in seniority.timeline(RULES, ss)] == [
        (date(1978, 1, 1), date(2021, 12, 31), 2), (date(2022, 1, 1), date(2024, 8, 20), 6),
        (date(2024, 8, 21), None, 2)]
    # Ningxia: the national default only.
    assert [(s, e, r.scope_digits) for s, e, r in seniority.timeline(RULES, "640104001001")] == [
        (date(1978, 1, 1), None, 2)]
    # 4 years in 150402 (another Chifeng district), Songshan from 2018-01-01.
    periods = [("150402001001", date(2014, 1, 1), date(2017, 12, 31)), (ss, date(2018, 1, 1), None)]
    eras = seniority.counting_eras(periods, ss, RULES)
    assert [(e["from"], e["scope"], e["runs"]) for e in eras] == [
        ("1978-01-01", "15", [{"start": "2014-01-01", "end": None}]),
        ("2022-01-01", "150404", [{"start": "2018-01-01", "end": None}]),
        ("2024-08-21", "15", [{"start": "2014-01-01", "end": None}])]
    # Through 2024-06-30 only Songshan: 2018-01-01 → 2024-07-01 = 78 months = 6.50 years; through
    # 2024-08-31 the region: 2014-01-01 → 2024-09-01 = 128 months = 10.67 years.
    assert _through(seniority.runs_on(periods, ss, RULES, date(2024, 6, 30)), date(2024, 6, 30)) == Decimal("6.50")
    assert _through(seniority.runs_on(periods, ss, RULES, date(2024, 8, 31)), date(2024, 8, 31)) == Decimal("10.67")
