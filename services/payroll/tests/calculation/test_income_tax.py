"""Income tax under the national tax-rules document: declared deductions month by month (a late
declaration catches up), the cumulative figures on the tax line, and one-off items. Hand-computed.

The arithmetic is written on 应发 = the pay total, so these tests price the NX preset with the employer's
contributions on top (`nx_scheme("on_top")`); the preset's own reading (inside the total) is held in
test_engine.py."""

from __future__ import annotations

from decimal import Decimal as D

from payroll.calculation.engine import calculate_month
from payroll.calculation.schemas import YearToDate
from payroll.oneoff.kinds import item_line
from payroll.tax.rules import Declaration, cumulative_deductions, rules_for_year

from ..factories import amounts, nx_figures, nx_scheme, worker

# Two children (2 × 2000.00, 100% each) and an elderly parent (only child, 3000.00): 7000.00 a month (2025).
CHILDREN_AND_PARENT_FROM_MARCH = [
    Declaration(kind="children_education", variant="standard", amount=D("4000.00"), units=2, start_month="2025-03"),
    Declaration(kind="elderly_support", variant="only_child", amount=D("3000.00"), start_month="2025-03"),
]


def _year(declared_from_run: int | None, declarations: list[Declaration], months: int = 5):
    """Runs January..`months` of 2025; the declarations are known from the run of month `declared_from_run`."""
    # Base 55% × 40000.00 = 22000.00, grade 380.00 → gross 22380.00. Contribution base clamped to the
    # ceiling 21762.00: pension 8% 1740.96 + medical 2% 435.24 + unemployment 0.5% 108.81 = 2285.01;
    # housing fund 12% 2611.44. Before declarations each month adds 22380 − 5000 − 2285.01 − 2611.44 = 12483.55.
    facts = worker(hired_on="2020-01-01")
    ytd = YearToDate()
    slips = []
    for m in range(1, months + 1):
        known = declarations if declared_from_run is not None and m >= declared_from_run else []
        calc = calculate_month(nx_scheme("on_top"), nx_figures("40000.00"), facts, [], f"2025-{m:02d}", ytd,
                               declarations=known)
        assert calc.gross == D("22380.00")
        assert (calc.employee_social_insurance, calc.housing_fund) == (D("2285.01"), D("2611.44"))
        slips.append(calc)
        ytd = calc.ytd_after
    return slips


def _tax_line(calc):
    return next(line for line in calc.lines if line.code == "income_tax")


def test_rules_by_tax_year_carry_the_2023_amounts():
    rules = rules_for_year(2025)
    assert rules.effective_from_year == 2023 and rules.basic_deduction_monthly == D("5000.00")
    assert rules.cap("children_education", "standard", 2) == D("4000.00")   # 2 × 2000 (国发〔2023〕13号)
    assert rules.cap("elderly_support", "sibling", 1) == D("1500.00")
    assert rules.cap("housing_rent", "tier2", 1) == D("1100.00")
    assert rules_for_year(2021).cap("children_education", "standard", 1) == D("1000.00")  # 2019 document
    assert "infant_care" not in rules_for_year(2021).deductions and "infant_care" in rules_for_year(2022).deductions
    assert rules.bracket(D("36000.00")) == (D("1080.00"), D("0.03"), D("0.00"))
    assert rules.bracket(D("36000.01"))[1] == D("0.10")


def test_cumulative_deductions_count_the_months_of_the_period_and_cap_per_unit():
    rules = rules_for_year(2025)
    declared = [
        # 2500 declared for one child is capped at 2000; June..August = 3 months in a September calculation.
        Declaration(kind="children_education", variant="standard", amount=D("2500.00"), start_month="2025-06",
                    end_month="2025-08"),
        # Vocational certificate: 3600 once, in the month declared.
        Declaration(kind="continuing_education", variant="vocational", amount=D("3600.00"), start_month="2025-04"),
        # Private pension 1500 × 9 = 13500 is capped at the year's 12000.
        Declaration(kind="private_pension", variant="standard", amount=D("1500.00"), start_month="2025-01"),
    ]
    got = cumulative_deductions(rules, declared, "2025-09", "2025-01")
    assert got["children_education"][0] == D("6000.00")      # 2000 × 3
    assert got["continuing_education"][0] == D("3600.00")
    assert got["private_pension"][0] == D("12000.00")
    # Joined in July: only July..September count for the pension (1500 × 3 = 4500).
    assert cumulative_deductions(rules, declared, "2025-09", "2025-07")["private_pension"][0] == D("4500.00")


def test_two_children_and_a_parent_declared_from_march_catch_up_from_april():
    late = _year(4, CHILDREN_AND_PARENT_FROM_MARCH)    # declared after March's payroll: known from April
    on_time = _year(3, CHILDREN_AND_PARENT_FROM_MARCH)  # known for March's payroll
    # Jan 12483.55 × 3% = 374.5065 → 374.51. Feb 24967.10 × 3% = 749.013 → 749.01, − 374.51 = 374.50.
    # Mar (late) 37450.65 × 10% − 2520 = 1225.065 → 1225.07, − 749.01 = 476.06.
    # Apr: 4 × 22380 = 89520.00 − 20000.00 − 4 × 4896.45 = 19585.80 − March and April 2 × 7000 = 14000.00
    #      → 35934.20 × 3% = 1078.026 → 1078.03 < 1225.07 withheld: nothing this month (no refund).
    # May: 111900.00 − 25000.00 − 24482.25 − 21000.00 = 41417.75 × 10% − 2520 = 1621.775 → 1621.78,
    #      − 1225.07 = 396.71.
    assert [c.income_tax for c in late] == [D("374.51"), D("374.50"), D("476.06"), D("0.00"), D("396.71")]
    # On time: Mar 37450.65 − 7000 = 30450.65 × 3% = 913.5195 → 913.52, − 749.01 = 164.51;
    # Apr 1078.03 − 913.52 = 164.51; May 1621.78 − 1078.03 = 543.75.
    assert [c.income_tax for c in on_time] == [D("374.51"), D("374.50"), D("164.51"), D("164.51"), D("543.75")]
    # The cumulative method catches up: by May both have withheld exactly the same 1621.78.
    assert late[-1].ytd_after.tax_withheld == on_time[-1].ytd_after.tax_withheld == D("1621.78")
    april = _tax_line(late[3]).inputs
    assert april["cumulative_income"] == "89520.00"
    assert april["cumulative_basic_deduction"] == "20000.00"
    assert april["cumulative_social_insurance_housing_fund"] == "19585.80"
    assert april["cumulative_additional_deductions"] == {"children_education": "8000.00",
                                                         "elderly_support": "6000.00"}
    assert april["cumulative_additional_total"] == "14000.00"
    assert april["cumulative_taxable_income"] == "35934.20"
    assert (april["rate"], april["quick_deduction"]) == ("0.03", "0.00")
    assert (april["cumulative_tax_due"], april["already_withheld"], april["tax_this_month"]) == (
        "1078.03", "1225.07", "0.00")
    assert late[3].ytd_after.additional_deductions == D("14000.00")


def test_a_declaration_for_the_whole_year_made_in_march_deducts_january_to_april_in_april():
    whole_year = [Declaration(kind=d.kind, variant=d.variant, amount=d.amount, units=d.units, start_month="2025-01")
                  for d in CHILDREN_AND_PARENT_FROM_MARCH]
    late = _year(4, whole_year, months=4)
    # Apr: 89520.00 − 20000.00 − 19585.80 − 4 × 7000 = 28000.00 → 21934.20 × 3% = 658.026 → 658.03 < 1225.07.
    april = _tax_line(late[3]).inputs
    assert april["cumulative_additional_total"] == "28000.00"
    assert (april["cumulative_taxable_income"], april["cumulative_tax_due"]) == ("21934.20", "658.03")
    assert late[3].income_tax == D("0.00")


def test_heating_allowance_is_taxed_in_its_month_without_social_insurance():
    # The NX staff member of test_engine (March 2025): gross 5836.88, SI 612.87, HF 700.43, no tax.
    facts = worker(education={"level": "benke"}, star_rating=3)
    heating = item_line("7", "heating", D("2400.00"), basis="2024–2025 采暖季")
    calc = calculate_month(nx_scheme("on_top"), nx_figures(), facts, [], "2025-03", adjustments=[heating])
    lines = amounts(calc)
    assert lines["one_off_7"] == D("2400.00")
    assert calc.gross == D("8236.88")                 # 5836.88 + 2400.00
    # Contributions stay on the standard pay: 612.87 and 700.43, as without the allowance.
    assert (calc.employee_social_insurance, calc.housing_fund) == (D("612.87"), D("700.43"))
    # 8236.88 − 5000 − 612.87 − 700.43 = 1923.58 × 3% = 57.7074 → 57.71
    assert calc.income_tax == D("57.71")
    assert calc.net == D("6865.87")                   # 8236.88 − 612.87 − 700.43 − 57.71
    line = next(x for x in calc.lines if x.code == "one_off_7")
    assert line.label_zh == "取暖费" and "取暖费" in line.clause


def test_an_exempt_subsidy_and_a_salary_advance_repaid():
    facts = worker(education={"level": "benke"}, star_rating=3)
    subsidy = item_line("8", "work_subsidy", D("300.00"), taxable=False)
    advance = item_line("9", "advance_repayment", D("500.00"))
    recovery = item_line("10", "recovery", D("100.00"))
    calc = calculate_month(nx_scheme("on_top"), nx_figures(), facts, [], "2025-03", adjustments=[subsidy, advance, recovery])
    # Gross 5836.88 + 300.00 − 100.00 = 6036.88; the 300.00 subsidy is exempt, so taxable income is
    # 5736.88 − 5000 − 612.87 − 700.43 < 0: no tax. Net 6036.88 − 612.87 − 700.43 − 0 − 500.00 = 4223.58.
    assert calc.gross == D("6036.88")
    assert calc.income_tax == D("0.00")
    assert calc.net == D("4223.58")
    tax = _tax_line(calc).inputs
    assert (tax["income_this_month"], tax["exempt_this_month"]) == ("5736.88", "300.00")


def test_a_stored_version_with_its_own_brackets_still_reads_and_pays_the_national_tax():
    # Versions published before national law was kept once (payroll/tax/documents) carry `income_tax` with
    # brackets: they still validate, and their payslips are taxed by the tax year's national document — here a
    # copied flat 20 % table would give 1923.58 × 20 % = 384.72, the national 3 % gives 57.71 (as above).
    from payroll.policy.presets import load
    from payroll.policy.scheme import PayScheme

    document = load("nx-2025.json")
    document["pay_total"] = {**document["pay_total"], "employer_contributions": "on_top"}
    document["income_tax"] = {"basic_deduction_monthly": "5000.00",
                              "brackets": [{"up_to": None, "rate": "0.20", "quick_deduction": "0"}]}
    legacy = PayScheme.model_validate(document)
    assert legacy.income_tax is not None and legacy.income_tax.brackets[0].rate == D("0.20")
    facts = worker(education={"level": "benke"}, star_rating=3)
    heating = item_line("7", "heating", D("2400.00"), basis="2024–2025 采暖季")
    calc = calculate_month(legacy, nx_figures(), facts, [], "2025-03", adjustments=[heating])
    assert (calc.gross, calc.income_tax) == (D("8236.88"), D("57.71"))
