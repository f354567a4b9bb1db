"""Issue 10 item 3: pay stops exactly. The registry's exit_date is the first day not employed.

NX worker hired 2020-03-01 (nx_figures): base 55% × 9012.50 = 4956.875 → 4956.88; June 2025 counts years to
2025-06-01: 5 years 3 months → step 1 + ⌊2.25/3⌋ = 1 → level 2, grade pay 380.00.
"""

from __future__ import annotations

from decimal import Decimal as D

from payroll.calculation.engine import calculate_month

from ..factories import amounts, nx_figures, nx_scheme, result, ss_figures, ss_scheme, worker


def nx(**overrides):
    return worker(hired_on="2020-03-01", **overrides)


def test_elsewhere_pay_runs_to_the_last_day_worked_and_every_line_is_prorated_alike():
    # Exit 16 June: the last day worked is 15 June → 15 of 30 days (before issue 10: 16/30).
    june = calculate_month(nx_scheme(), nx_figures(), nx(exit_date="2025-06-16"), [result(2024, "excellent")],
                           "2025-06")
    got = amounts(june)
    assert june.inputs["paid_days"] == 15
    # base 4956.88 × 15/30 = 2478.44; grade 380.00 × 15/30 = 190.00
    assert (got["base"], got["grade"]) == (D("2478.44"), D("190.00"))
    # Performance share (info): 20% × (4956.88 + 380.00) = 1067.376 → 1067.38, × 15/30 = 533.69.
    assert got["performance_share"] == D("533.69")
    # 2024 优秀 (factor 1.20): 20% × 5336.88 × 0.20 = 213.4752 → 213.48, × 15/30 = 106.74.
    assert got["performance"] == D("106.74")
    # pay total 2478.44 + 190.00 + 106.74 = 2775.18
    assert june.inputs["pay_total"] == "2775.18"
    # The employer's contributions (NX: inside the pay total) on the month's standard 4956.88 + 380.00 + 213.48
    # = 5550.36: 888.06 (888.0576) + 360.77 (360.7734) + 27.75 (27.7518) + 22.20 (22.20144) + HF 666.04
    # (666.0432) = 1964.82, prorated like every line: × 15/30 = 982.41 → 应发 2775.18 − 982.41 = 1792.77.
    assert (june.employer_contributions, got["employer_contributions_inside"]) == (D("1964.82"), D("-982.41"))
    assert june.gross == D("1792.77")


def test_elsewhere_month_edges():
    # Exit 1 July: last day worked 30 June → June in full, July nothing.
    leaves_july = nx(exit_date="2025-07-01")
    june = calculate_month(nx_scheme(), nx_figures(), leaves_july, [], "2025-06")
    assert june.inputs["paid_days"] == 30 and amounts(june)["base"] == D("4956.88")
    assert not calculate_month(nx_scheme(), nx_figures(), leaves_july, [], "2025-07").payable
    # Exit 1 June: last day worked 31 May → May in full, June nothing (before issue 10 June paid 1/30).
    leaves_june = nx(exit_date="2025-06-01")
    may = calculate_month(nx_scheme(), nx_figures(), leaves_june, [], "2025-05")
    assert may.inputs["paid_days"] == 31 and amounts(may)["base"] == D("4956.88")
    assert not calculate_month(nx_scheme(), nx_figures(), leaves_june, [], "2025-06").payable
    # A hire on 16 June is paid 16–30 June: 15/30 → base 2478.44; 0 years → level 1, 300.00 × 15/30 = 150.00.
    hired = worker(hired_on="2025-06-16")
    first = calculate_month(nx_scheme(), nx_figures(), hired, [], "2025-06")
    assert (amounts(first)["base"], amounts(first)["grade"]) == (D("2478.44"), D("150.00"))


def test_songshan_stops_from_the_month_after_the_last_day_worked():
    # Staff hired 2018-01-01: level 3, base 2840.00 a month.
    def ss(exit_date):
        return worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01", exit_date=exit_date,
                      status="resigned")

    # Exit 1 June (last day worked 31 May): May in full, nothing from June (before issue 10 June was paid
    # in full: the exit date's month, not the last day worked's).
    may = calculate_month(ss_scheme(), ss_figures(), ss("2025-06-01"), [], "2025-05")
    assert amounts(may)["base"] == D("2840.00")
    assert not calculate_month(ss_scheme(), ss_figures(), ss("2025-06-01"), [], "2025-06").payable
    # Exit 30 June (last day worked 29 June): June in full, nothing from July.
    june = calculate_month(ss_scheme(), ss_figures(), ss("2025-06-30"), [], "2025-06")
    assert june.inputs["paid_days"] == 30 and amounts(june)["base"] == D("2840.00")
    assert not calculate_month(ss_scheme(), ss_figures(), ss("2025-06-30"), [], "2025-07").payable


def test_year_end_performance_counts_a_part_month_by_its_paid_fraction():
    # Hired 16 July 2025, level 1 (2600.00): July pays 16/31 → 2600 × 16/31 = 1341.935 → 1341.94.
    newcomer = worker(community_code="150404001001", post="ss_staff", hired_on="2025-07-16")
    july = calculate_month(ss_scheme(), ss_figures(), newcomer, [], "2025-07")
    assert amounts(july)["base"] == D("1341.94")
    # Year-end: 5 full months + 16/31 = 5.516129… months; 2600 × 5.516129… × 10%/90% × 1.0 (合格)
    # = 1593.548… → 1593.55 (a whole month for July would have given 2600 × 6 / 9 = 1733.33).
    year_end = calculate_month(ss_scheme(pot=False), ss_figures(), newcomer, [result(2025, "competent")], "2025-12",
                               run_kind="year_end")  # own amount: without the township's pot
    assert amounts(year_end)["performance_year_end"] == D("1593.55")
