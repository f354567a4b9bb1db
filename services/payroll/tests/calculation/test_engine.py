"""Month calculations with expectations computed by hand (arithmetic in the comments)."""

from __future__ import annotations

from decimal import Decimal as D

from payroll.calculation.engine import arrears_line, calculate_month
from payroll.calculation.schemas import YearToDate

from payroll.policy.figures import FigureSet

from functools import partial

from ..factories import amounts, fig, nx_figures, nx_scheme, result, ss_figures, ss_scheme, worker
from ..factories import ss_scheme as ss_scheme_with


def test_nx_staff_full_month_every_line_to_the_fen():
    # nx_staff hired 2020-03-01: 60 months = 5.00 years by 2025-03-01; step = 1 + ⌊(5 − 3)/3⌋ = 1 → level 2.
    calc = calculate_month(nx_scheme(), nx_figures(), worker(education={"level": "benke"}, star_rating=3), [],
                           "2025-03")
    lines = amounts(calc)
    assert (calc.grade.post, calc.grade.level) == ("nx_staff", 2)
    assert lines["base"] == D("4956.88")          # 55% × 9012.50 = 4956.875 → 4956.88
    assert lines["grade"] == D("380.00")          # illustrative 300 + 80 × (2 − 1)
    assert lines["star"] == D("300.00")           # 3 ★ × 100
    assert lines["education"] == D("200.00")      # 本科
    assert lines["performance_share"] == D("1167.38")  # info: 20% × 5836.88 = 1167.376
    assert "performance" not in lines            # no result yet: factor 1, nothing added or withheld
    assert calc.inputs["pay_total"] == "5836.88"  # 4956.88 + 380 + 300 + 200: the pay total (含五险一金)
    # Contribution base 5836.88 lies inside [4352, 21762].
    assert lines["si_pension"] == D("466.95")      # × 8% = 466.9504
    assert lines["si_medical"] == D("116.74")      # × 2% = 116.7376
    assert lines["si_unemployment"] == D("29.18")  # × 0.5% = 29.1844
    assert calc.employee_social_insurance == D("612.87")
    assert calc.housing_fund == D("700.43")        # × 12% = 700.4256
    # Employer: 16% 933.90 + 6.5% 379.40 (379.3972) + 0.5% 29.18 + 0.4% 23.35 (23.34752) + HF 700.43
    assert calc.employer_contributions == D("2066.26")
    # NX 「薪酬(含“五险一金”)」 (preset pay_total: employer's contributions inside): 应发 = 5836.88 − 2066.26.
    assert lines["employer_contributions_inside"] == D("-2066.26")
    assert calc.gross == D("3770.62")
    assert calc.income_tax == D("0.00")            # 3770.62 − 5000 − 612.87 − 700.43 < 0
    assert calc.net == D("2457.32")                # 3770.62 − 612.87 − 700.43
    # Default (non-mountain) split of the cost 3770.62 + 2066.26 = 5836.88 (the pay total itself): region 20%
    # 1167.38 (1167.376), city 40% 2334.75 (2334.752), county the remainder 5836.88 − 1167.38 − 2334.75 = 2334.75.
    assert calc.funding == {"region": D("1167.38"), "city": D("2334.75"), "county": D("2334.75")}
    base_line = next(line for line in calc.lines if line.code == "base")
    assert base_line.inputs["formula"] == ("55% × 2024 银川市 average monthly wage (official, published 2025-06-30) "
                                           "= 55% × 9012.50 = 4956.88")
    assert "55%" in base_line.clause


def test_nx_mountain_county_region_pays_80_percent():
    # 固原市 原州区 (mountain): base 55% × 7860.00 = 4323.00; hired 2023-01-01 → 2.17 y < 3 → level 1 (300.00).
    facts = worker(community_code="640402001001", hired_on="2023-01-01", fiscal_category="mountain",
                   education={"level": "dazhuan"})
    calc = calculate_month(nx_scheme(), nx_figures("7860.00", "6404", "固原市"), facts, [], "2025-03")
    assert calc.grade.level == 1
    assert calc.inputs["pay_total"] == "4723.00"  # 4323.00 + 300.00 + 100.00 (大专)
    # Employer: 755.68 + 307.00 (306.995) + 23.62 + 18.89 (18.892) + 566.76 = 1671.95, inside the pay total:
    # 应发 4723.00 − 1671.95 = 3051.05.
    assert calc.employer_contributions == D("1671.95")
    assert calc.gross == D("3051.05")
    # Employee: 377.84 + 94.46 + 23.62 (23.615 half-up) = 495.92; HF 12% 566.76; net 3051.05 − 495.92 − 566.76
    assert (calc.employee_social_insurance, calc.housing_fund, calc.net) == (D("495.92"), D("566.76"),
                                                                             D("1988.37"))
    # Cost 3051.05 + 1671.95 = 4723.00: region 80% = 3778.40; city 10% = 472.30; county = 4723.00 − 3778.40
    # − 472.30 = 472.30
    assert calc.funding == {"region": D("3778.40"), "city": D("472.30"), "county": D("472.30")}


def test_nx_monthly_performance_by_latest_final_result():
    # Same worker as the first test; 2024 rated 优秀 (factor 1.2, illustrative): + 20% × 5836.88 × 0.2
    # = 233.4752 → 233.48. A superseded revision (不合格, revision 1) is ignored.
    facts = worker(education={"level": "benke"}, star_rating=3)
    results = [result(2023, "incompetent"), result(2024, "incompetent", revision=1),
               result(2024, "excellent", revision=2)]
    calc = calculate_month(nx_scheme(), nx_figures(), facts, results, "2025-03")
    assert amounts(calc)["performance"] == D("233.48")
    assert calc.inputs["pay_total"] == "6070.36"  # 5836.88 + 233.48
    # The adjustment is part of the contribution base 6070.36: employer 971.26 (971.2576) + 394.57 (394.5734)
    # + 30.35 (30.3518) + 24.28 (24.28144) + HF 728.44 (728.4432) = 2148.90, inside: 6070.36 − 2148.90.
    assert (calc.employer_contributions, calc.gross) == (D("2148.90"), D("3921.46"))


def test_ss_probationer_joining_mid_month_is_prorated_at_100_percent():
    # SS staff hired 2025-03-10 with a bachelor's degree: 0 years + 4 (本科) → level 2, base 2720.00.
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2025-03-10", status="probation",
                   probation_end="2025-06-09", education={"level": "benke", "in_service": False})
    calc = calculate_month(ss_scheme(), ss_figures(), facts, [], "2025-03")
    assert calc.grade.level == 2
    # 22 paid days (10–31 March) of 31, all on probation at 100%: 2720 × 22 / 31 = 1930.3226 → 1930.32
    assert amounts(calc)["base"] == D("1930.32")
    # Contributions on the month's standard pay 2720.00, raised to the floor 4000.00:
    # 320.00 + 80.00 + 20.00 = 420.00; housing fund 10% (scheme default, no published rate) = 400.00
    assert (calc.employee_social_insurance, calc.housing_fund) == (D("420.00"), D("400.00"))
    assert calc.net == D("1110.32")                # 1930.32 − 420.00 − 400.00


def test_probation_rate_weights_only_probation_days():
    # A province paying 80% on probation: probation ends 15 March, so 16 days at 100% + 15 at 80% = 28
    # weighted days; 2720 × 28 / 31 = 2456.7742 → 2456.77.
    scheme = ss_scheme()
    scheme = scheme.model_copy(update={"employment": scheme.employment.model_copy(update={"probation_rate": D("0.8")})})
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2025-01-01", probation_end="2025-03-15",
                   education={"level": "benke"})
    assert amounts(calculate_month(scheme, ss_figures(), facts, [], "2025-03"))["base"] == D("2456.77")


def test_ss_yijiantiao_secretary_with_non_counting_year_and_certificate():
    # Hired 2016-05-01; years to 1 Jan 2025 = 104 months = 8.67; 2022 优秀 +0.5 → 9.17; 2023 基本合格 does
    # not count → 8.17; step = 1 + ⌊(8.17 − 4)/3⌋ = 2 → 7 + 2 = 9; 一肩挑 +1 → 10: 2600 + 120 × 9 = 3680.00.
    facts = worker(community_code="150404001001", post="ss_head", hired_on="2016-05-01", yijiantiao=True,
                   yijiantiao_history=[{"from": "2020-01-01", "to": None}], education={"level": "dazhuan"},
                   certificate={"level": "social_worker", "approved_on": "2025-04-20"})
    results = [result(2022, "excellent"), result(2023, "basically_competent"), result(2024, "competent")]
    june = calculate_month(ss_scheme(), ss_figures(), facts, results, "2025-06")
    assert (june.grade.level, june.grade.yijiantiao) == (10, True)
    assert amounts(june)["base"] == D("3680.00")
    assert amounts(june)["certificate"] == D("300.00")  # approved 20 April → paid from May
    assert june.gross == D("3980.00")
    # Base raised to the floor 4000.00: 420.00 employee, 400.00 housing fund → net 3160.00
    assert june.net == D("3160.00")
    # The district pays all: 3980.00 + employer 640.00 + 300.00 + 20.00 + 16.00 + 400.00 = 5356.00
    assert june.funding == {"county": D("5356.00")}
    # The certificate approved in April starts in May (SS: from the month after approval).
    assert "certificate" not in amounts(calculate_month(ss_scheme(), ss_figures(), facts, results, "2025-04"))
    assert amounts(calculate_month(ss_scheme(), ss_figures(), facts, results, "2025-05"))["certificate"] == D("300.00")


def test_ss_yijiantiao_begun_in_the_month_of_a_move_to_head_is_paid_from_the_next_month():
    # Staff hired 2020-01-01 (5 years on 1 Jan 2025 → step 1), head from 2025-03-10, 一肩挑 from 2025-03-20.
    # March pays the staff post (the change applies from April) without 一肩挑: level 1 + 1 = 2 → 2600 + 120 =
    # 2720.00 (not level 3, 2840.00). April: head 7 + 1 = 8, 一肩挑 +1 → 9 → 2600 + 120 × 8 = 3560.00.
    facts = worker(community_code="150404001001", post="ss_head", hired_on="2020-01-01", post_since="2025-03-10",
                   post_history=[{"post": "ss_staff", "from": "2020-01-01", "to": "2025-03-09"},
                                 {"post": "ss_head", "from": "2025-03-10", "to": None}],
                   yijiantiao=True, yijiantiao_history=[{"from": "2025-03-20", "to": None}])
    march = calculate_month(ss_scheme(), ss_figures(), facts, [], "2025-03")
    april = calculate_month(ss_scheme(), ss_figures(), facts, [], "2025-04")
    assert (march.grade.post, march.grade.level, amounts(march)["base"]) == ("ss_staff", 2, D("2720.00"))
    assert (april.grade.post, april.grade.level, amounts(april)["base"]) == ("ss_head", 9, D("3560.00"))


def test_income_tax_cumulative_withholding_crosses_a_bracket_in_october():
    # The subject is the bracket: the employer's contributions are on top here (with NX's reading, inside,
    # 应发 would be 11380.00 − 4028.52 and nothing would be taxed all year).
    # Base 55% × 20000.00 = 11000.00, grade 380.00 → gross 11380.00 each month.
    # Employee SI 910.40 + 227.60 + 56.90 = 1194.90; housing fund 1365.60; monthly taxable
    # 11380 − 5000 − 1194.90 − 1365.60 = 3819.50. Cumulative after month n: 3819.50 n.
    # Jan: 3819.50 × 3% = 114.585 → 114.59. Feb: 7639.00 × 3% = 229.17 − 114.59 = 114.58.
    # Sep: 34375.50 × 3% = 1031.27 (1031.265) − 916.68 (Aug: 30556 × 3%) = 114.59.
    # Oct: 38195.00 > 36000 → × 10% − 2520 = 1299.50 − 1031.27 = 268.23.
    # Nov: 42014.50 × 10% − 2520 = 1681.45 − 1299.50 = 381.95. Dec: 45834.00 → 2063.40 − 1681.45 = 381.95.
    facts = worker(hired_on="2020-01-01")
    ytd = YearToDate()
    taxes = []
    for m in range(1, 13):
        calc = calculate_month(nx_scheme("on_top"), nx_figures("20000.00"), facts, [], f"2025-{m:02d}", ytd)
        assert calc.gross == D("11380.00")
        taxes.append(calc.income_tax)
        ytd = calc.ytd_after
    assert taxes[0] == D("114.59") and taxes[1] == D("114.58") and taxes[8] == D("114.59")
    assert taxes[9] == D("268.23") and taxes[10] == D("381.95") and taxes[11] == D("381.95")
    assert ytd.tax_withheld == D("2063.40") == sum(taxes)
    assert ytd.taxable_income == D("136560.00") and ytd.basic_deductions == D("60000.00")


def test_arrears_after_the_official_figure_replaces_the_provisional_one():
    # March paid on the provisional 8800.00 (base 4840.00); the official 9012.50 gives 4956.88: the pay total
    # rises 116.88, from 5720.00 to 5836.88. The employer's contributions inside it rise too: on 5720.00
    # 915.20 + 371.80 + 28.60 + 22.88 + HF 686.40 = 2024.88, on 5836.88 2066.26 (first test). 应发 3695.12 →
    # 3770.62: 补发 75.50 (= 116.88 − 41.38 more contributions).
    facts = worker(education={"level": "benke"}, star_rating=3)
    old = calculate_month(nx_scheme(), nx_figures("8800.00"), facts, [], "2025-03")
    new = calculate_month(nx_scheme(), nx_figures("9012.50"), facts, [], "2025-03")
    assert (old.employer_contributions, new.employer_contributions) == (D("2024.88"), D("2066.26"))
    assert (old.gross, new.gross) == (D("3695.12"), D("3770.62"))
    line = arrears_line("2025-03", old.gross, new.gross)
    assert (line.label_zh, line.amount, line.kind) == ("补发 2025-03", D("75.50"), "earning")
    back = arrears_line("2025-03", new.gross, old.gross)
    assert (back.label_zh, back.amount) == ("补扣 2025-03", D("-75.50"))
    # Paid in July: the arrears add to gross and taxable income, not to the contribution base.
    july = calculate_month(nx_scheme(), nx_figures("9012.50"), facts, [], "2025-07", adjustments=[line])
    assert july.gross == D("3846.12")              # 3770.62 + 75.50
    assert july.employee_social_insurance == D("612.87")


def test_ss_pay_stops_from_the_month_after_exit_and_nx_prorates_to_the_exit_day():
    ss_worker = worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01",
                       exit_date="2025-05-10", status="resigned")
    may = calculate_month(ss_scheme(), ss_figures(), ss_worker, [], "2025-05")
    assert may.payable and amounts(may)["base"] == D("2840.00")  # 7 y → level 3 = 2600 + 240, in full
    june = calculate_month(ss_scheme(), ss_figures(), ss_worker, [], "2025-06")
    assert not june.payable and june.gross == D("0.00") and june.lines == []
    nx_worker = worker(hired_on="2020-03-01", exit_date="2025-03-10")
    march = calculate_month(nx_scheme(), nx_figures(), nx_worker, [], "2025-03")
    # exit_date 10 March is the first day not employed: 1–9 March paid, 9 of 31 days (this test paid 10/31
    # before issue 10 — one day beyond the last day worked): base 4956.88 × 9/31 = 1439.0942 → 1439.09;
    # grade 380 × 9/31 = 110.3226 → 110.32
    assert amounts(march)["base"] == D("1439.09") and amounts(march)["grade"] == D("110.32")


def test_ss_year_end_performance_paid_once_by_the_years_result():
    # One worker's own year-end amount (the SS preset without the township's pot, which the pot tests share):
    # Staff hired 2018-01-01: level 3 (2840.00) all 2025; 12 months; 优秀 factor 1.2 (illustrative):
    # 2840.00 × 12 × 10%/90% × 1.2 = 4544.00, paid by the separate year-end run (the SS preset).
    ss_scheme = partial(ss_scheme_with, pot=False)
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01")
    results = [result(2025, "excellent")]
    year_end = calculate_month(ss_scheme(), ss_figures(), facts, results, "2025-12", run_kind="year_end")
    assert amounts(year_end)["performance_year_end"] == D("4544.00")
    assert year_end.gross == D("4544.00") and year_end.employee_social_insurance == D("0.00")
    # Held in January 2026 it still pays 2025 by the 2025 result.
    january = calculate_month(ss_scheme(), ss_figures(), facts, results, "2026-01", run_kind="year_end")
    assert amounts(january)["performance_year_end"] == D("4544.00")
    # The December regular run does not pay it too.
    december = calculate_month(ss_scheme(), ss_figures(), facts, results, "2025-12")
    assert "performance_year_end" not in amounts(december) and december.gross == D("2840.00")
    # A district that pays it in the December run: there, and then not in a year-end run.
    scheme = ss_scheme()
    in_december = scheme.model_copy(update={"performance": scheme.performance.model_copy(
        update={"year_end_in_december": True})})
    assert calculate_month(in_december, ss_figures(), facts, results, "2025-12").gross == D("7384.00")
    assert "performance_year_end" not in amounts(
        calculate_month(in_december, ss_figures(), facts, results, "2025-12", run_kind="year_end"))
    # Hired 1 July 2025 (degree credit none → level 1, 2600.00): 6 months → 2600 × 6 / 9 × 1.0 = 1733.33
    newcomer = worker(community_code="150404001001", post="ss_staff", hired_on="2025-07-01")
    part = calculate_month(ss_scheme(), ss_figures(), newcomer, [result(2025, "competent")], "2025-12",
                           run_kind="year_end")
    assert amounts(part)["performance_year_end"] == D("1733.33")
    # Without a final result nothing is paid yet (an info line says so).
    pending = calculate_month(ss_scheme(), ss_figures(), facts, [], "2025-12", run_kind="year_end")
    assert amounts(pending)["performance_year_end"] == D("0.00") and pending.gross == D("0.00")


def test_secondment_keeps_pay_at_the_home_unit():
    facts = worker(secondments=[{"start": "2025-03-05", "end": "2025-04-30", "borrower": "街道办"}])
    calc = calculate_month(nx_scheme(), nx_figures(), facts, [], "2025-03")
    assert "secondment" in amounts(calc)
    assert calc.gross == calculate_month(nx_scheme(), nx_figures(), worker(), [], "2025-03").gross


def test_ss_floor_shortfall_is_flagged_against_disposable_income():
    # Staff level 1 (2600.00) in 2022: annual pay 2600 × 12 / 90% = 34666.67 < 2021 disposable income
    # 38000.00 → shortfall 3333.33 (info only: the district adjusts its table).
    facts = worker(community_code="150404001001", post="ss_staff", hired_on="2022-01-01")
    figure_set = ss_figures().merged(FigureSet("150404001001", [
        fig("150404", 2021, "disposable_income", "38000.00", name="松山区"),
        fig("15", 2022, "si_base_floor", "3500.00"), fig("15", 2022, "si_base_ceiling", "17500.00")]))
    calc = calculate_month(ss_scheme(), figure_set, facts, [], "2022-03")
    line = next(line for line in calc.lines if line.code == "pay_floor_shortfall")
    assert (line.amount, line.kind) == (D("3333.33"), "info")
    assert calc.gross == D("2600.00")
    # Level 4 (2960.00): 2960 × 12 / 90% = 39466.67 ≥ 38000 → no flag.
    senior = worker(community_code="150404001001", post="ss_staff", hired_on="2012-01-01")
    assert "pay_floor_shortfall" not in amounts(calculate_month(ss_scheme(), figure_set, senior, [], "2022-03"))


def test_funding_split_does_not_depend_on_document_key_order():
    # A scheme read back from JSONB has its keys reordered (city, county, region): same split as before.
    scheme = nx_scheme()
    reordered = scheme.model_copy(update={"funding": scheme.funding.model_copy(update={"rules": [
        rule.model_copy(update={"shares": dict(sorted(rule.shares.items()))}) for rule in scheme.funding.rules]})})
    calc = calculate_month(reordered, nx_figures(), worker(education={"level": "benke"}, star_rating=3), [],
                           "2025-03")
    assert calc.funding == {"region": D("1167.38"), "city": D("2334.75"), "county": D("2334.75")}  # first test


def test_ss_worker_on_probation_at_year_end_is_paid_the_partial_year():
    # Hired 1 September 2024, probation to 28 February 2025: no 2024 annual result (the probation is assessed when
    # it ends). The SS preset pays the months actually paid at the probation factor 1.00 (reading in the preset):
    # level 1 2600.00 × 4 months × 10%/90% × 1.00 = 1155.555… → 1155.56 (own amount, without the township's pot).
    ss_scheme = partial(ss_scheme_with, pot=False)
    probationer = worker(community_code="150404001001", post="ss_staff", hired_on="2024-09-01",
                         probation_end="2025-02-28")
    paid = calculate_month(ss_scheme(), ss_figures(), probationer, [], "2025-01", run_kind="year_end")
    assert amounts(paid)["performance_year_end"] == D("1155.56")
    line = next(x for x in paid.lines if x.code == "performance_year_end")
    assert line.inputs["factor"] == "1.00" and "试用期" in line.inputs["result"]
    # A scheme without the reading pays nothing until a result exists, as before.
    scheme = ss_scheme()
    strict = scheme.model_copy(update={"performance": scheme.performance.model_copy(
        update={"on_probation_at_year_end": "no_result_factor"})})
    assert amounts(calculate_month(strict, ss_figures(), probationer, [], "2025-01",
                                   run_kind="year_end"))["performance_year_end"] == D("0.00")
    # Probation over before 31 December: an ordinary worker without a result (nothing yet).
    confirmed = worker(community_code="150404001001", post="ss_staff", hired_on="2024-03-01",
                       probation_end="2024-08-31")
    assert amounts(calculate_month(ss_scheme(), ss_figures(), confirmed, [], "2025-01",
                                   run_kind="year_end"))["performance_year_end"] == D("0.00")


def test_nx_honours_subsidy_counts_years_in_office_not_years_of_service():
    # NX 「累计任职满20年的社区党组织书记、居民委员会主任」: 20 years as secretary/director, not 20 years of service.
    # Hired 2000-01-01 as staff, head from 2010-01-01: 25 years of service but 15 in office (by 2025-04-01) → none.
    history = [{"post": "nx_staff", "from": "2000-01-01", "to": "2009-12-31"}, {"post": "nx_head", "from": "2010-01-01"}]
    honoured = [{"level": "regional_government", "date": "2018-05-01"}]
    late_head = worker(post="nx_head", hired_on="2000-01-01", post_history=history, honours=honoured)
    assert "honours" not in amounts(calculate_month(nx_scheme(), nx_figures(), late_head, [], "2025-03"))
    # Head 1995-01-01..2004-12-31 and again from 2014-01-01: 10 + 11 years 3 months = 21.25 ≥ 20 → 600.00.
    twice = [{"post": "nx_head", "from": "1995-01-01", "to": "2004-12-31"},
             {"post": "nx_deputy", "from": "2005-01-01", "to": "2013-12-31"}, {"post": "nx_head", "from": "2014-01-01"}]
    veteran = worker(post="nx_head", hired_on="1995-01-01", post_history=twice, honours=honoured)
    calc = calculate_month(nx_scheme(), nx_figures(), veteran, [], "2025-03")
    line = next(x for x in calc.lines if x.code == "honours")
    assert line.amount == D("600.00") and line.inputs["years_in_office"] == "21.25"


def test_nx_honours_subsidy_reaches_gross_whole_outside_the_contribution_base():
    # NX: the pay 「含“五险一金”」 is the four parts; the honours subsidy 「奖励补贴」 is paid besides them. With the
    # employer's contributions inside the pay total, a subsidy in the contribution base would pay contributions
    # out of itself (600 − 600 × the employer's rates). The subsidy is the only difference between the two
    # workers, so every contribution line is the same and 应发 differs by exactly 600.00.
    twice = [{"post": "nx_head", "from": "1995-01-01", "to": "2004-12-31"},
             {"post": "nx_deputy", "from": "2005-01-01", "to": "2013-12-31"}, {"post": "nx_head", "from": "2014-01-01"}]
    honoured = worker(post="nx_head", hired_on="1995-01-01", post_history=twice,
                      honours=[{"level": "regional_government", "date": "2018-05-01"}])
    plain = worker(post="nx_head", hired_on="1995-01-01", post_history=twice)
    with_honours = calculate_month(nx_scheme(), nx_figures(), honoured, [], "2025-03")
    without = calculate_month(nx_scheme(), nx_figures(), plain, [], "2025-03")
    assert amounts(with_honours)["honours"] == D("600.00")
    assert with_honours.gross - without.gross == D("600.00")
    contributions = ("si_", "employer_", "housing_fund")
    assert ({l.code: l.amount for l in with_honours.lines if l.code.startswith(contributions)}
            == {l.code: l.amount for l in without.lines if l.code.startswith(contributions)} != {})
