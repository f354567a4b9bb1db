"""Property-based tests of the month calculation and the grade engine (hypothesis): for any valid worker,
month and assessment history, nothing raises, net = gross − deductions, every amount is to the fen, tax is
never negative, and the grade stays inside its post's range."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payroll.calculation.engine import calculate_month
from payroll.grades.engine import compute_grade

from ..factories import nx_figures, nx_scheme, result, ss_figures, ss_scheme, worker

FEN = Decimal("0.01")
NX, SS = nx_scheme(), ss_scheme()
RESULTS = ["excellent", "competent", "basically_competent", "incompetent"]
EDUCATION = [None, "dazhuan", "benke", "master", "doctor"]
CERTIFICATES = [None, "assistant_social_worker", "social_worker", "senior_social_worker"]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cases(draw):
    ss = draw(st.booleans())
    community = "150404001001" if ss else "640104001001"
    hired = draw(st.dates(date(1995, 1, 1), date(2025, 12, 1)))
    month = draw(st.dates(max(hired, date(2025, 1, 1)), date(2025, 12, 31))).strftime("%Y-%m")
    # Earlier service: up to three periods before the hire, some overlapping or touching (merged by the
    # registry's rule, as the facts carry them).
    periods = [{"community_code": community, "start": hired.isoformat(), "end": None}]
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.dates(date(1990, 1, 1), hired - timedelta(days=1)))
        end = draw(st.dates(start, hired - timedelta(days=1)))
        periods.append({"community_code": community, "start": start.isoformat(), "end": end.isoformat()})
    overrides = {
        "community_code": community, "hired_on": hired.isoformat(), "service_periods": periods,
        "post": draw(st.sampled_from(["ss_head", "ss_deputy", "ss_staff"] if ss else
                                     ["nx_head", "nx_deputy", "nx_member", "nx_staff"])),
        "star_rating": draw(st.none() | st.integers(1, 5)),
    }
    education = draw(st.sampled_from(EDUCATION))
    if education:
        overrides["education"] = {"level": education}
    certificate = draw(st.sampled_from(CERTIFICATES))
    if certificate:
        overrides["certificate"] = {"level": certificate,
                                    "approved_on": draw(st.dates(hired, date(2025, 12, 31))).isoformat()}
    results = [result(year, draw(st.sampled_from(RESULTS)))
               for year in sorted(draw(st.sets(st.integers(max(hired.year, 2000), 2025), max_size=4)))]
    scheme, figures = (SS, ss_figures()) if ss else (NX, nx_figures())
    return scheme, figures, worker(**overrides), results, month


def _to_the_fen(value: Decimal) -> bool:
    return value == value.quantize(FEN) and value.as_tuple().exponent == -2


@PROPERTY
@given(cases())
def test_month_calculation_invariants(case):
    scheme, figures, facts, results, month = case
    calc = calculate_month(scheme, figures, facts, results, month)
    if not calc.payable:
        return
    assert calc.net == calc.gross - calc.employee_social_insurance - calc.housing_fund - calc.income_tax
    assert calc.income_tax >= 0 and calc.employee_social_insurance >= 0 and calc.housing_fund >= 0
    assert calc.gross >= 0 and calc.net <= calc.gross
    for amount in (calc.gross, calc.net, calc.income_tax, calc.employee_social_insurance, calc.housing_fund,
                   calc.employer_contributions, *calc.funding.values(), *(line.amount for line in calc.lines)):
        assert _to_the_fen(amount), amount
    assert sum(calc.funding.values(), Decimal(0)) == calc.gross + calc.employer_contributions


@PROPERTY
@given(cases())
def test_grade_stays_inside_the_posts_range_and_never_falls_with_time(case):
    scheme, _, facts, results, month = case
    grade = compute_grade(scheme, facts, results, month)
    post = scheme.posts[grade.post]
    extra = scheme.seniority.yijiantiao_extra_levels if grade.yijiantiao else 0
    assert post.min_level <= grade.level <= post.max_level + extra
    assert grade.years >= 0
    later = compute_grade(scheme, facts, results, "2026-12")
    if later.post == grade.post:
        assert later.level >= grade.level
