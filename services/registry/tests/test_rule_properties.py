"""Property-based tests (hypothesis) of the registry's pure rules: years of service over generated period
histories (overlapping, same-day, open, touching), the quota arithmetic and the secondment length limit."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cwm_kit import service_years
from registry.quota.service import community_allowed, county_allowed
from registry.secondments.service import add_months, last_allowed_end
from registry.workers import seniority

AS_OF = date(2025, 6, 30)
PROVINCE = "64"
COMMUNITIES = ["640104001001", "640104002001", "640302001001", "150404001001"]
PROPERTY = settings(max_examples=200, deadline=None)


@st.composite
def period(draw, open_allowed: bool = True):
    start = draw(st.dates(date(1990, 1, 1), date(2026, 12, 31)))
    end = None if open_allowed and draw(st.booleans()) else draw(st.dates(start, start + timedelta(days=4000)))
    return draw(st.sampled_from(COMMUNITIES)), start, end


def histories():
    # Same-day starts and touching periods are generated on purpose: they are where merging goes wrong.
    def same_day_and_adjacent(periods):
        extra = []
        for community, start, end in periods[:2]:
            extra.append((community, start, start + timedelta(days=30)))   # same start as an (open) period
            if end is not None:
                extra.append((community, end + timedelta(days=1), None))  # touching
        return periods + extra
    return st.lists(period(), max_size=6).map(same_day_and_adjacent)


def _span(periods, as_of):
    starts = [s for c, s, _ in periods if c.startswith(PROVINCE) and s <= as_of]
    return (as_of - min(starts)).days + 1 if starts else 0


def _length(periods, as_of):
    return sum((min(e or as_of, as_of) - s).days + 1 for c, s, e in periods if c.startswith(PROVINCE) and s <= as_of)


@PROPERTY
@given(histories())
def test_merged_runs_are_sorted_disjoint_and_not_touching(periods):
    runs = seniority.merged_runs(periods, PROVINCE)
    assert all(end is None or start <= end for start, end in runs)
    assert all(end is not None for _, end in runs[:-1])  # only the last run may be open
    for (_, end), (next_start, _) in pairwise(runs):
        assert end + timedelta(days=1) < next_start


@PROPERTY
@given(histories())
def test_days_never_exceed_the_calendar_span_nor_the_sum_of_periods(periods):
    days = seniority.service_days(periods, PROVINCE, AS_OF)
    assert 0 <= days <= _span(periods, AS_OF)
    assert days <= _length(periods, AS_OF)


@PROPERTY
@given(histories(), period())
def test_adding_a_period_never_lowers_the_years(periods, extra):
    before = seniority.service_days(periods, PROVINCE, AS_OF)
    after = seniority.service_days([*periods, extra], PROVINCE, AS_OF)
    assert after >= before
    cutoff = AS_OF + timedelta(days=1)
    assert (service_years.completed_years(seniority.merged_runs([*periods, extra], PROVINCE), cutoff)
            >= service_years.completed_years(seniority.merged_runs(periods, PROVINCE), cutoff))


@PROPERTY
@given(histories(), st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.integers(0, 4000))
def test_days_grow_with_the_cut_off_and_match_the_stored_summary(periods, as_of, later):
    assert seniority.service_days(periods, PROVINCE, as_of) <= seniority.service_days(
        periods, PROVINCE, as_of + timedelta(days=later))
    closed, open_since = seniority.summary(periods, PROVINCE)
    ends = [e for c, _, e in periods if c.startswith(PROVINCE) and e is not None]
    starts = [s for c, s, _ in periods if c.startswith(PROVINCE)]
    cut_off = max([*ends, *starts, AS_OF])
    expected = closed + ((cut_off - open_since).days + 1 if open_since else 0)
    assert seniority.service_days(periods, PROVINCE, cut_off) == expected


@PROPERTY
@given(st.integers(0, 50_000_000), st.integers(1, 100))
def test_county_quota_is_whole_places_never_above_the_ratio(population, per_10000):
    allowed = county_allowed({"per_10000_urban_residents": per_10000}, population)
    assert allowed >= 0 and allowed * 10_000 <= population * per_10000 < (allowed + 1) * 10_000


@PROPERTY
@given(st.none() | st.integers(0, 1_000_000), st.integers(1, 1000), st.integers(0, 50))
def test_community_quota_never_below_the_minimum_and_grows_with_households(households, per, minimum):
    params = {"households_per_worker": per, "minimum": minimum}
    allowed = community_allowed(params, households)
    assert allowed >= minimum
    assert community_allowed(params, (households or 0) + per) >= allowed


@PROPERTY
@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(1, 24))
def test_a_secondment_of_n_months_ends_before_the_same_day_n_months_later(start, months):
    end = last_allowed_end(start, months)
    same_day_later = add_months(start, months)
    # The day before the same day N months later; when that month has no such day, its last day.
    assert end == (same_day_later - timedelta(days=1) if same_day_later.day == start.day else same_day_later)
    assert start <= end
    assert last_allowed_end(start, months + 1) > end
