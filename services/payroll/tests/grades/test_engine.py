"""Grade steps under the NX and SS presets, expectations by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from payroll.calculation.engine import calculate_month
from payroll.grades.engine import compute_grade
from payroll.inputs.schemas import WorkerFacts
from payroll.policy.figures import FigureSet

from ..factories import amounts, counted, fig, nx_scheme, result, ss_scheme, worker


def test_nx_excellent_shortens_and_incompetent_lengthens_by_half_a_year():
    # Hired 2019-07-01: 5.5 years on 1 Jan 2025 → step 1 + ⌊2.5/3⌋ = 1 → level 2.
    facts = worker(hired_on="2019-07-01")
    assert compute_grade(nx_scheme(), facts, [], "2025-01").level == 2
    # Two 优秀 (+0.5 each) → 6.5 → step 1 + ⌊3.5/3⌋ = 2 → level 3.
    grade = compute_grade(nx_scheme(), facts, [result(2023, "excellent"), result(2024, "excellent")], "2025-01")
    assert (grade.level, grade.years) == (3, D("6.5"))
    assert [s["step"] for s in (x.as_dict() for x in grade.steps)].count("assessment") == 2
    # Hired 2019-01-01: 6.0 years → level 3; one 不合格 (−0.5) → 5.5 → level 2.
    early = worker(hired_on="2019-01-01")
    assert compute_grade(nx_scheme(), early, [], "2025-01").level == 3
    assert compute_grade(nx_scheme(), early, [result(2024, "incompetent")], "2025-01").level == 2
    # NX counts years to the first of the month (no January rule): 6.0 y is reached on 1 Jan 2025, so the
    # worker hired 2019-07-01 gets level 3 from July 2025 (6.0 y → step 2).
    assert compute_grade(nx_scheme(), facts, [], "2025-06").level == 2
    assert compute_grade(nx_scheme(), facts, [], "2025-07").level == 3


def test_ss_promotion_waits_for_the_first_of_january():
    # Hired 2017-06-01: 7 years on 1 June 2024, but SS counts years to 1 January: in 2024 the count is
    # 6.58 (→ step 1, level 2); from January 2025 it is 7.58 (→ step 2, level 3).
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2017-06-01")
    assert compute_grade(ss_scheme(), facts, [], "2024-07").level == 2
    assert compute_grade(ss_scheme(), facts, [], "2024-12").level == 2
    january = compute_grade(ss_scheme(), facts, [], "2025-01")
    assert january.level == 3
    assert january.steps[1].value == "2025-01-01"


def test_ss_basically_competent_and_incompetent_years_do_not_count():
    # Hired 2018-01-01: 7.0 years on 1 Jan 2025 → level 3; 2023 基本合格 and 2024 不合格 remove one year
    # each → 5.0 → step 1 → level 2; a 2022 优秀 adds 0.5 → 5.5 → still level 2.
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01")
    assert compute_grade(ss_scheme(), facts, [], "2025-02").level == 3
    results = [result(2022, "excellent"), result(2023, "basically_competent"), result(2024, "incompetent")]
    grade = compute_grade(ss_scheme(), facts, results, "2025-02")
    assert (grade.level, grade.years) == (2, D("5.5"))
    # A result for the current year does not count before the next January.
    assert compute_grade(ss_scheme(), facts, [result(2025, "incompetent")], "2025-12").level == 3


def test_ss_degree_credits_and_in_service_degree():
    # New hire with a master's degree: 0 years + 7 → step 1 + ⌊3/3⌋ = 2 → staff level 3.
    master = worker(community_code="150404001001", post="ss_staff", hired_on="2025-02-01",
                    education={"level": "master", "in_service": False})
    assert compute_grade(ss_scheme(), master, [], "2025-03").level == 3
    # Hired 2022-01-01 with 大专 (no credit): 3 years on 1 Jan 2025 → level 1. An in-service 本科 earned
    # 2024-06 lifts the count to 4 → level 2; a later in-service degree never lowers it.
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2022-01-01",
                   education_history=[{"level": "dazhuan", "in_service": False},
                                      {"level": "benke", "date": "2024-06-30", "in_service": True}])
    assert compute_grade(ss_scheme(), facts, [], "2025-03").level == 2
    assert compute_grade(ss_scheme(), worker(community_code="150404001001", post="ss_staff",
                                             hired_on="2022-01-01"), [], "2025-03").level == 1


# ---- audit: a degree obtained after the hire is an in-service degree, whatever its flag ----------------------

def jilei(**education: object) -> WorkerFacts:
    """The audit's case: Songshan staff 季磊 hired 2022-04-25 with 大专, a 硕士 graduated 2024-06-30 entered without
    ticking in_service (the record's default, false)."""
    return worker(community_code="150404001001", post="ss_staff", hired_on="2022-04-25",
                  education_history=[{"level": "dazhuan", "date": "2019-07-01", "in_service": False},
                                     {"level": "master", "date": "2024-06-30", **education}])


def base_pay(facts: WorkerFacts, month: str) -> D:
    """The payslip's 基本工资 line for the month (the table pays by level; the insurance bases are placeholders)."""
    figures = FigureSet("150404001001", [fig("15", year, kind, value, published_on=date(year, 1, 1))
                                         for year in (2024, 2025, 2026)
                                         for kind, value in (("si_base_floor", "4000.00"),
                                                             ("si_base_ceiling", "20000.00"))])
    return amounts(calculate_month(ss_scheme(), figures, facts, [], month))["base"]


def test_a_degree_obtained_after_the_hire_is_in_service_whatever_the_flag():
    # March 2026: years to 2026-01-01 = 2022-04-25 → 2025-12-25 is 3 y 8 m = 3.67 y. The 硕士 came after the hire,
    # so the count is max(3.67, 7) = 7 → step 1 + ⌊3/3⌋ = 2 → staff level 3, base 2840.00 (the illustrative SS
    # table: 2600 + 120 per level above 1). Taken as a degree at hiring it was 3.67 + 7 = 10.67 → step 3 → level 4,
    # base 2960.00: 120 yuan a month too much.
    for flag in ({"in_service": False}, {"in_service": True}, {}):
        grade = compute_grade(ss_scheme(), jilei(**flag), [], "2026-03")
        assert (grade.level, grade.years) == (3, D("7.00")), flag
        assert base_pay(jilei(**flag), "2026-03") == D("2840.00")
    steps = [s for s in compute_grade(ss_scheme(), jilei(in_service=False), [], "2026-03").steps
             if s.step == "degree_credit"]
    assert [(s.en, s.zh, s.value) for s in steps] == [(
        ("in-service degree (master, obtained 2024-06-30, after the current service began 2022-04-25) counts as "
         "7 years: max(3.67, 7) = 7.00"),
        "在职学历硕士（2024-06-30 取得，晚于本次连续服务开始日 2022-04-25）：计 7 年，取较高者 max(3.67, 7) = 7.00",
        "7.00")]
    # From the month after it was obtained: June 2024 counts 1.67 y (to 2024-01-01) → level 1, base 2600.00;
    # July 2024 max(1.67, 7) = 7 → level 3.
    assert compute_grade(ss_scheme(), jilei(), [], "2024-06").level == 1
    assert base_pay(jilei(), "2024-06") == D("2600.00")
    assert compute_grade(ss_scheme(), jilei(), [], "2024-07").level == 3


def test_an_in_service_degree_below_the_years_changes_nothing_and_says_so():
    # The demo's 朱超's dates, on the staff post: hired 2014-06-19, 硕士 2017-07-01 recorded as not in service. March 2025: years to
    # 2025-01-01 = 10 y 6 m = 10.50 → max(10.50, 7) = 10.50 → step 1 + ⌊6.5/3⌋ = 3 → level 4, base 2960.00 (as a
    # degree at hiring: 17.50 → step 5 → level 6, 3200.00).
    facts = worker(community_code="150404001003", post="ss_staff", hired_on="2014-06-19",
                   education_history=[{"level": "master", "date": "2017-07-01", "in_service": False}])
    grade = compute_grade(ss_scheme(), facts, [], "2025-03")
    assert (grade.level, grade.years) == (4, D("10.50"))
    assert base_pay(facts, "2025-03") == D("2960.00")
    assert [s.en for s in grade.steps if s.step == "degree_credit"] == [
        ("in-service degree (master, obtained 2017-07-01, after the current service began 2014-06-19) counts as "
         "7 years: max(10.50, 7) = 10.50")]


def test_the_current_service_begins_at_the_start_of_its_run_not_at_the_latest_contract():
    # A transfer keeps the run: 150404001001 from 2015-01-01, 150404001002 from 2020-01-01 (the day after), the
    # facts' hired_on the later contract. A 硕士 of 2018-07-01 came after the service began (2015-01-01): on
    # 2025-01-01 10 y → max(10, 7) = 10 → step 1 + ⌊6/3⌋ = 3 → level 4 (as a degree at hiring 17 y → level 6).
    transferred = worker(community_code="150404001002", post="ss_staff", hired_on="2020-01-01",
                         service_periods=[{"community_code": "150404001001", "start": "2015-01-01",
                                           "end": "2019-12-31"},
                                          {"community_code": "150404001002", "start": "2020-01-01", "end": None}],
                         education_history=[{"level": "master", "date": "2018-07-01", "in_service": False}])
    grade = compute_grade(ss_scheme(), transferred, [], "2025-03")
    assert (grade.level, grade.years) == (4, D("10.00"))


def test_after_a_break_a_degree_obtained_before_the_new_hire_is_a_degree_at_hiring():
    # SS does not bridge breaks: 2010-03-01..2014-02-28 (1,461 days), a break, rehired 2018-03-01. A 硕士 of
    # 2016-07-01 (in the break) was held when the current service began, so it is the new hire's degree at hiring
    # even though recorded as in service. On 2025-01-01: 1,461 + 2,498 days served → the day 3,959 days back is
    # 2014-03-01 → 10 y 10 m = 10.83 y; + 7 = 17.83 → step 1 + ⌊13.83/3⌋ = 5 → staff level 6, base 3200.00.
    rehired = worker(community_code="150404001001", post="ss_staff", hired_on="2018-03-01",
                     service_periods=[{"community_code": "150404001001", "start": "2010-03-01", "end": "2014-02-28"},
                                      {"community_code": "150404001001", "start": "2018-03-01", "end": None}],
                     education_history=[{"level": "master", "date": "2016-07-01", "in_service": True}])
    grade = compute_grade(ss_scheme(), rehired, [], "2025-03")
    assert (grade.level, grade.years) == (6, D("17.83"))
    assert base_pay(rehired, "2025-03") == D("3200.00")
    assert [s.en for s in grade.steps if s.step == "degree_credit"] == [
        ("degree at hiring (master, obtained 2016-07-01, on or before the start of the current service 2018-03-01) "
         "counts as 7 years, added to the years")]


def test_ss_post_change_applies_from_the_next_month_and_levels_are_capped():
    # Staff since 2018-01-01 (7 years → step 2), deputy from 2025-03-15: March still staff level 3,
    # April deputy 4 + 2 = 6.
    facts = worker(community_code="150404001001", post="ss_deputy", hired_on="2018-01-01",
                   post_history=[{"post": "ss_staff", "from": "2018-01-01", "to": "2025-03-14"},
                                 {"post": "ss_deputy", "from": "2025-03-15", "to": None}])
    march = compute_grade(ss_scheme(), facts, [], "2025-03")
    april = compute_grade(ss_scheme(), facts, [], "2025-04")
    assert (march.post, march.level) == ("ss_staff", 3)
    assert (april.post, april.level) == ("ss_deputy", 6)
    # 40 years → step 13 → 1 + 13 = 14, capped at the staff maximum 12.
    veteran = worker(community_code="150404001001", post="ss_staff", hired_on="1985-01-01")
    capped = compute_grade(ss_scheme(), veteran, [], "2025-03")
    assert capped.level == 12 and capped.steps[-2].step == "cap"


def test_yijiantiao_plus_one_only_while_holding_both_offices():
    # ss_head hired 2018-01-01: 7 years → 7 + 2 = 9; 一肩挑 held until 2025-03-31, i.e. given up on 1 April (the
    # registry's change date; it stores the day before as `to`). SS 「因工作变动不再“一肩挑”的，按岗位变动作相应调整」:
    # like a post change it takes effect from the month after the change, so March and April are 10, May 9.
    facts = worker(community_code="150404001001", post="ss_head", hired_on="2018-01-01",
                   yijiantiao_history=[{"from": "2021-01-01", "to": "2025-03-31"}])
    assert compute_grade(ss_scheme(), facts, [], "2025-03").level == 10
    assert compute_grade(ss_scheme(), facts, [], "2025-04").level == 10
    assert compute_grade(ss_scheme(), facts, [], "2025-05").level == 9
    # NX ships without the extra level (the +1 is an SS rule).
    nx_head = worker(post="nx_head", hired_on="2018-01-01", yijiantiao=True)
    assert compute_grade(nx_scheme(), nx_head, [], "2025-03").level == 12  # 7 y → step 2 → 10 + 2


def test_breaks_between_service_periods_are_not_bridged():
    # 2015-01-01..2017-12-31 (3 y) and 2020-01-01.. (5 y by 2025-01-01) → 8 y, not 10.
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2020-01-01",
                   service_periods=[{"community_code": "150404001001", "start": "2015-01-01", "end": "2017-12-31"},
                                    {"community_code": "150404001002", "start": "2020-01-01", "end": None}])
    grade = compute_grade(ss_scheme(), facts, [], "2025-03")
    assert grade.years == D(8) and grade.level == 3  # step 1 + ⌊4/3⌋ = 2


def test_service_outside_the_province_does_not_count():
    # 5 years in Inner Mongolia (150404…) before moving to Ningxia in 2020: only 5 NX years by 2025-01-01.
    facts = worker(hired_on="2020-01-01",
                   service_periods=[{"community_code": "150404001001", "start": "2015-01-01", "end": "2019-12-31"},
                                    {"community_code": "640104001001", "start": "2020-01-01", "end": None}])
    assert compute_grade(nx_scheme(), facts, [], "2025-01").years == D("5.00")


# ---- issue 10 item 1: one definition of years of service ---------------------------------------------

def test_a_transfer_loses_no_day_and_the_year_is_completed_on_the_anniversary():
    # Hired 2019-01-01 in 150404001001; transferred on 2020-03-16 (the old period closes 2020-03-15). The
    # two periods touch, so the registry merges them into one run from 2019-01-01. SS counts to 1 January:
    # on 2023-01-01 that is exactly 4 years (the 4th anniversary) → step 1 + ⌊0/3⌋ = 1 → staff level 2 for
    # every month of 2023 (the old per-period month count gave 14 + 32 = 46 months = 3.83 y → level 1).
    facts = worker(community_code="150404001002", post="ss_staff", hired_on="2020-03-16",
                   service_periods=[{"community_code": "150404001001", "start": "2019-01-01", "end": "2020-03-15"},
                                    {"community_code": "150404001002", "start": "2020-03-16", "end": None}])
    for month in ("2023-01", "2023-06", "2023-12"):
        grade = compute_grade(ss_scheme(), facts, [], month)
        assert (grade.level, grade.years) == (2, D("4.00")), month
    # 2022: 3 years on 2022-01-01 → level 1.
    assert compute_grade(ss_scheme(), facts, [], "2022-12").level == 1


def test_overlapping_periods_count_each_day_once():
    # NX: 2015-01-01..2019-12-31 and a duplicate record 2017-01-01..2019-12-31, then 2020-01-01 on: one
    # run from 2015-01-01, 10 years on 2025-01-01 (counted twice it would be 13). 10 y → step
    # 1 + ⌊6/3⌋ = 3 → nx_staff level 1 + 3 = 4.
    facts = worker(hired_on="2020-01-01",
                   service_periods=[{"community_code": "640104001001", "start": "2015-01-01", "end": "2019-12-31"},
                                    {"community_code": "640104001002", "start": "2017-01-01", "end": "2019-12-31"},
                                    {"community_code": "640104001001", "start": "2020-01-01", "end": None}])
    grade = compute_grade(nx_scheme(), facts, [], "2025-01")
    assert (grade.years, grade.level) == (D("10.00"), 4)


def test_the_counting_rule_in_force_on_the_cutoff_decides_which_service_counts():
    # A Songshan worker with 2014-01-01..2017-12-31 in another Chifeng district (150402) and Songshan from
    # 2018-01-01. The registry publishes one era per rule: SS (district 150404) from 2022-01-01, IM (the
    # region) from 2024-08-21. On 2024-01-01 only Songshan counts: 6 y → step 1 → level 2. On 2025-01-01
    # the IM rule counts the region: 4 + 7 = 11 y → step 1 + ⌊7/3⌋ = 3 → level 4.
    periods = [{"community_code": "150402001001", "start": "2014-01-01", "end": "2017-12-31"},
               {"community_code": "150404001001", "start": "2018-01-01", "end": None}]
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01", counted_service=[
        counted(periods, "15", until="2021-12-31"),
        counted(periods, "150404", since="2022-01-01", until="2024-08-20"),
        counted(periods, "15", since="2024-08-21")])
    december = compute_grade(ss_scheme(), facts, [], "2024-12")
    assert (december.years, december.level) == (D("6.00"), 2)
    january = compute_grade(ss_scheme(), facts, [], "2025-01")
    assert (january.years, january.level) == (D("11.00"), 4)


# ---- issue 10 item 4 --------------------------------------------------------------------------

def test_a_new_hires_degree_counts_from_the_hiring_month():
    # Songshan staff hired 2025-09-01 with a 本科 (graduated 2025-06-30): 0 years on 2025-01-01 + 4 (本科
    # credit) = 4 → step 1 + ⌊0/3⌋ = 1 → level 2 from September 2025 (before issue 10: level 1 until
    # January 2026, the degree dated after the 1 January cut-off).
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2025-09-01",
                   education_history=[{"level": "benke", "date": "2025-06-30", "in_service": False}])
    september = compute_grade(ss_scheme(), facts, [], "2025-09")
    assert (september.level, september.years) == (2, D("4.00"))
    # January 2026: 4 months (2025-09-01 → 2026-01-01) = 0.33 + 4 = 4.33 → still level 2.
    assert compute_grade(ss_scheme(), facts, [], "2026-01").years == D("4.33")


def test_an_in_service_degree_applies_from_the_month_after_it_is_obtained():
    # Hired 2022-01-01 with 大专: 3 years on 2025-01-01 → level 1; an in-service 本科 on 2025-06-15 lifts the
    # count to 4 → level 2 from July 2025 (not from January 2026).
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2022-01-01",
                   education_history=[{"level": "dazhuan", "in_service": False},
                                      {"level": "benke", "date": "2025-06-15", "in_service": True}])
    assert compute_grade(ss_scheme(), facts, [], "2025-06").level == 1
    assert compute_grade(ss_scheme(), facts, [], "2025-07").level == 2


# ---- issue 10 item 5 --------------------------------------------------------------------------

def test_a_year_that_does_not_count_removes_only_the_service_served_in_it():
    # Songshan staff hired 2020-10-01; 2020 rated 基本合格. On 2025-01-01: 4 years 3 months = 4.25 y. The
    # 2020 service was 2020-10-01..2020-12-31 = 92 days = 3 whole months (2020-10-01 → 2021-01-01) = 0.25 y:
    # 4.25 − 0.25 = 4.00 → step 1 → level 2 (removing a whole year left 3.25 → level 1).
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2020-10-01")
    grade = compute_grade(ss_scheme(), facts, [result(2020, "basically_competent")], "2025-03")
    assert (grade.years, grade.level) == (D("4.00"), 2)
    # A full year rated 不合格 (2023) still removes 12 months: 4.00 − 1 = 3.00 → level 1.
    both = compute_grade(ss_scheme(), facts, [result(2020, "basically_competent"), result(2023, "incompetent")],
                         "2025-03")
    assert (both.years, both.level) == (D("3.00"), 1)


def test_yijiantiao_above_the_posts_highest_level_is_a_scheme_switch():
    # ss_head hired 1990-01-01: 35 y on 1 Jan 2025 → 7 + 1 + ⌊31/3⌋ = 18 (the top of 7–18); 一肩挑 +1 → 19.
    facts = worker(community_code="150404001001", post="ss_head", hired_on="1990-01-01", yijiantiao=True)
    # SS preset: no level above 18 (「三岗十八级」): capped at 18.
    grade = compute_grade(ss_scheme(), facts, [], "2025-03")
    assert grade.level == 18 and grade.steps[-2].step == "cap"
    # A scheme that allows the lift (and whose table holds level 19) pays 19.
    scheme = ss_scheme()
    lifted = scheme.model_copy(update={"seniority": scheme.seniority.model_copy(
        update={"yijiantiao_above_post_max": True})})
    assert compute_grade(lifted, facts, [], "2025-03").level == 19
    # Without 一肩挑 the post's range still caps: 18.
    alone = worker(community_code="150404001001", post="ss_head", hired_on="1990-01-01")
    assert compute_grade(lifted, alone, [], "2025-03").level == 18


# ---- 一肩挑 follows the post paid in the month and the next-month rule (SS 二.4(2)) ---------------------------

def staff_to_head(**overrides):
    """Hired 2020-01-01 as staff: 5 years on 1 Jan 2025 → step 1 + ⌊(5 − 4)/3⌋ = 1; head from 2025-03-10."""
    return worker(community_code="150404001001", post="ss_head", hired_on="2020-01-01", post_since="2025-03-10",
                  post_history=[{"post": "ss_staff", "from": "2020-01-01", "to": "2025-03-09"},
                                {"post": "ss_head", "from": "2025-03-10", "to": None}], **overrides)


def test_yijiantiao_from_the_month_after_it_starts_and_only_on_the_head_post():
    # The audit's case: ss_staff → ss_head on 2025-03-10 (head pay from April, SS 「从岗位变动的次月起」), 一肩挑 from
    # 2025-03-20. March is paid as staff: 1 + 1 = 2 (2720.00), not 3 (2840.00). April: head 7 + 1 = 8, 一肩挑
    # (begun in March, in force from April) +1 → 9.
    facts = staff_to_head(yijiantiao=True, yijiantiao_history=[{"from": "2025-03-20", "to": None}])
    march = compute_grade(ss_scheme(), facts, [], "2025-03")
    assert (march.post, march.level, march.yijiantiao) == ("ss_staff", 2, False)
    assert "yijiantiao_not_applied" in [s.step for s in march.steps]
    april = compute_grade(ss_scheme(), facts, [], "2025-04")
    assert (april.post, april.level, april.yijiantiao) == ("ss_head", 9, True)
    # 一肩挑 recorded the very day of the post change: the same, both take effect in April.
    same_day = staff_to_head(yijiantiao=True, yijiantiao_history=[{"from": "2025-03-10", "to": None}])
    assert [compute_grade(ss_scheme(), same_day, [], m).level for m in ("2025-03", "2025-04")] == [2, 9]
    # A bare flag (no history: an older registry) lifts only a month paid on the head post: March staff 2,
    # not 3.
    flag = staff_to_head(yijiantiao=True)
    assert [compute_grade(ss_scheme(), flag, [], m).level for m in ("2025-03", "2025-04")] == [2, 9]


def test_yijiantiao_taken_up_by_a_sitting_head_counts_from_the_next_month():
    # ss_head since hiring 2018-01-01 (7 years → 7 + 2 = 9), 一肩挑 from 2025-03-20: March 9, April 10.
    facts = worker(community_code="150404001001", post="ss_head", hired_on="2018-01-01",
                   yijiantiao_history=[{"from": "2025-03-20", "to": None}])
    levels = [compute_grade(ss_scheme(), facts, [], m).level for m in ("2025-02", "2025-03", "2025-04")]
    assert levels == [9, 9, 10]
    # A new hire elected head and 一肩挑 on the hiring day: the first post applies from the hiring month, so
    # does 一肩挑 (0 years → 7, +1 → 8 in March).
    hired = worker(community_code="150404001001", post="ss_head", hired_on="2025-03-10", post_since="2025-03-10",
                   post_history=[{"post": "ss_head", "from": "2025-03-10", "to": None}],
                   yijiantiao_history=[{"from": "2025-03-10", "to": None}])
    assert compute_grade(ss_scheme(), hired, [], "2025-03").level == 8


def test_leaving_the_head_post_ends_yijiantiao_with_the_post_change():
    # Head since 2018-01-01 with 一肩挑 since 2021, moved to staff on 2025-06-15 (the registry ends 一肩挑 the same
    # day: last day held 06-14). June is still paid as head with 一肩挑: 9 + 1 = 10; July staff 1 + 2 = 3.
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01", post_since="2025-06-15",
                   post_history=[{"post": "ss_head", "from": "2018-01-01", "to": "2025-06-14"},
                                 {"post": "ss_staff", "from": "2025-06-15", "to": None}],
                   yijiantiao_history=[{"from": "2021-01-01", "to": "2025-06-14"}])
    june, july = (compute_grade(ss_scheme(), facts, [], m) for m in ("2025-06", "2025-07"))
    assert (june.post, june.level, july.post, july.level) == ("ss_head", 10, "ss_staff", 3)


def test_a_version_without_yijiantiao_posts_uses_the_post_the_registry_recorded_it_on():
    # A stored version published before `yijiantiao_posts`: the head post is the post held when 一肩挑 began
    # (the registry records 一肩挑 only on a head post), the current post for a bare flag. Same answers as above.
    scheme = ss_scheme()
    older = scheme.model_copy(update={"seniority": scheme.seniority.model_copy(
        update={"yijiantiao_posts": None})})
    dated = staff_to_head(yijiantiao=True, yijiantiao_history=[{"from": "2025-03-20", "to": None}])
    flag = staff_to_head(yijiantiao=True)
    for facts in (dated, flag):
        assert [compute_grade(older, facts, [], m).level for m in ("2025-03", "2025-04")] == [2, 9]
    # The scheme names only posts it has.
    document = scheme.model_dump(mode="json")
    document["seniority"]["yijiantiao_posts"] = ["ss_boss"]
    with pytest.raises(ValueError, match="yijiantiao_posts"):
        type(scheme).model_validate(document)


def test_the_service_years_step_names_the_counting_scope_in_words():
    # The NX rule counts service across the province: the step says so in words, never by the code prefix "64".
    facts = worker(hired_on="2019-07-01")
    step = next(s for s in compute_grade(nx_scheme(), facts, [], "2025-01").steps if s.step == "service_years")
    assert "本省（自治区）范围内累计" in step.zh and "64" not in step.zh
    assert "across the province" in step.en
