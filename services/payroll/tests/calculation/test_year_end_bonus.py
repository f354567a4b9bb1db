"""全年一次性奖金单独计税 in the calculation (TAX.md "Year-end one-off bonus"; 财政部 税务总局公告2023年第30号).
Figures hand-computed in the comments; the bonus comes from the SS preset's township pot (the pot's share for a
worker is what the year-end line pays), so any amount can be set."""

from __future__ import annotations

from decimal import Decimal as D

from payroll.calculation.engine import calculate_month, PotAllocation
from payroll.calculation.schemas import YearToDate
from payroll.tax.rules import rules_for_year

from ..factories import result, ss_figures, ss_scheme, worker

FACTS = worker(community_code="150404001001", post="ss_staff", hired_on="2018-01-01")
RESULTS = [result(2025, "competent")]
# Eleven months of 2025 before December's year-end payslip: income 66,000.00, basic deductions 55,000.00 →
# taxable 11,000.00 × 3% = 330.00 withheld.
BEFORE = YearToDate(taxable_income=D("66000.00"), basic_deductions=D("55000.00"), tax_withheld=D("330.00"))


def pot(amount: str) -> PotAllocation:
    return PotAllocation("150404001", D(amount), 1, D(1), D(1), D(amount), "standard_share")


def year_end(amount: str, method: str = "combined", *, taxed: bool = False, tax=None, ytd: YearToDate = BEFORE):
    return calculate_month(ss_scheme(), ss_figures(), FACTS, RESULTS, "2025-12", ytd, run_kind="year_end",
                           pot=pot(amount), bonus_method=method, bonus_taxed=taxed, tax=tax)


def line(calc, code: str):
    return next((x for x in calc.lines if x.code == code), None)


def test_bonus_36000_is_taxed_on_its_own_and_kept_out_of_the_cumulative_figures():
    combined = year_end("36000.00")
    # Combined (the default): 66,000 + 36,000 = 102,000 − 60,000 (twelve basic deductions) = 42,000 × 10% − 2,520
    # = 1,680.00 − 330.00 withheld = 1,350.00.
    assert combined.income_tax == D("1350.00") and line(combined, "income_tax_year_end_bonus") is None
    assert combined.ytd_after.taxable_income == D("102000.00")

    separate = year_end("36000.00", "separate")
    # Separate: 36,000.00 ÷ 12 = 3,000.00 ≤ 3,000 → 3%, quick deduction 0 → 36,000 × 3% = 1,080.00.
    bonus = line(separate, "income_tax_year_end_bonus")
    assert (bonus.amount, bonus.kind, bonus.label_zh, bonus.label_en) == (
        D("1080.00"), "deduction", "全年一次性奖金个人所得税", "IIT on year-end one-off bonus")
    assert bonus.inputs["bonus"] == "36000.00" and bonus.inputs["bonus_divided_by_12"] == "36000.00 ÷ 12 = 3000.00"
    assert (bonus.inputs["rate"], bonus.inputs["quick_deduction"]) == ("0.03", "0.00")
    assert bonus.inputs["formula"] == "36000.00 × 3% − 0.00 = 1080.00"
    assert "财政部 税务总局公告2023年第30号" in bonus.clause
    # Cumulative part without the bonus: 66,000 − 60,000 = 6,000 × 3% = 180.00 − 330.00 < 0 → 0.00.
    cumulative = line(separate, "income_tax")
    assert cumulative.amount == D("0.00") and cumulative.inputs["cumulative_income"] == "66000.00"
    assert cumulative.inputs["income_this_month"] == "0.00"
    assert cumulative.inputs["year_end_bonus_taxed_separately"] == "36000.00"
    # The payslip withholds 0.00 + 1,080.00; net 36,000.00 − 1,080.00 = 34,920.00.
    assert separate.income_tax == D("1080.00") and separate.net == D("34920.00")
    # Neither the bonus nor its tax is in the year to date the next payslips start from.
    assert separate.ytd_after.taxable_income == D("66000.00") and separate.ytd_after.tax_withheld == D("330.00")


def test_bonus_36012_crosses_into_the_10_percent_bracket():
    # 36,012.00 ÷ 12 = 3,001.00 > 3,000 → 10%, quick deduction 210: 36,012 × 10% − 210 = 3,601.20 − 210 = 3,391.20.
    bonus = line(year_end("36012.00", "separate"), "income_tax_year_end_bonus")
    assert bonus.amount == D("3391.20") and bonus.inputs["rate"] == "0.10"
    assert bonus.inputs["quick_deduction"] == "210.00"
    assert bonus.inputs["bonus_divided_by_12"] == "36012.00 ÷ 12 = 3001.00"


def test_combined_by_default_is_exactly_the_calculation_without_an_election():
    assert year_end("36000.00").model_dump() == calculate_month(
        ss_scheme(), ss_figures(), FACTS, RESULTS, "2025-12", BEFORE, run_kind="year_end",
        pot=pot("36000.00")).model_dump()
    # The regular December run pays no year-end pay (SS: a separate year-end run): the election changes nothing.
    regular = calculate_month(ss_scheme(), ss_figures(), FACTS, RESULTS, "2025-12", BEFORE, bonus_method="separate")
    assert regular.model_dump() == calculate_month(ss_scheme(), ss_figures(), FACTS, RESULTS, "2025-12",
                                                   BEFORE).model_dump()


def test_a_second_year_end_payment_of_the_year_falls_back_to_combined_with_a_reason():
    again = year_end("36000.00", "separate", taxed=True)
    combined = year_end("36000.00")
    assert again.income_tax == combined.income_tax == D("1350.00")
    assert line(again, "income_tax_year_end_bonus") is None
    note = line(again, "year_end_bonus_combined")
    assert note.kind == "info" and note.amount == D("0.00") and "只允许采用一次" in note.inputs["reason"]
    assert [x for x in again.lines if x.code != "year_end_bonus_combined"] == combined.lines


def test_a_year_whose_rules_lack_the_section_falls_back_to_combined_with_a_reason():
    # A future document without the separate method (or a year after its last year, 2027).
    without = rules_for_year(2025).model_copy(update={"year_end_bonus": None})
    calc = year_end("36000.00", "separate", tax=without)
    assert calc.income_tax == D("1350.00") and line(calc, "income_tax_year_end_bonus") is None
    assert "不再允许" in line(calc, "year_end_bonus_combined").inputs["reason"]
    expired = rules_for_year(2025).model_copy(update={"year_end_bonus": rules_for_year(2025).year_end_bonus.model_copy(
        update={"last_year": 2024})})
    assert line(year_end("36000.00", "separate", tax=expired), "year_end_bonus_combined") is not None


def test_paid_by_the_december_run_the_rest_of_the_payslip_is_taxed_cumulatively_without_it():
    # A scheme paying year-end performance in the December regular run (year_end_in_december).
    scheme = ss_scheme()
    in_december = scheme.model_copy(update={"performance": scheme.performance.model_copy(
        update={"year_end_in_december": True})})
    calc = calculate_month(in_december, ss_figures(), FACTS, RESULTS, "2025-12", BEFORE, pot=pot("36000.00"),
                           bonus_method="separate")
    # Gross 2840.00 (level 3) + 36000.00 = 38840.00; social insurance on the floor 4000.00: 420.00, housing fund
    # 400.00. Cumulative: 66000 + 38840 − 36000 = 68840.00 − 60000.00 − 820.00 = 8020.00 × 3% = 240.60 − 330.00
    # withheld < 0 → 0.00. The bonus: 36000.00 × 3% = 1080.00. Net 38840 − 420 − 400 − 1080 = 36940.00.
    assert calc.gross == D("38840.00")
    cumulative = line(calc, "income_tax")
    assert (cumulative.inputs["cumulative_income"], cumulative.inputs["cumulative_taxable_income"],
            cumulative.amount) == ("68840.00", "8020.00", D("0.00"))
    assert cumulative.inputs["income_this_month"] == "2840.00"
    assert line(calc, "income_tax_year_end_bonus").amount == D("1080.00")
    assert (calc.income_tax, calc.net) == (D("1080.00"), D("36940.00"))


def test_a_2022_year_end_bonus_is_taxed_separately_under_the_2022_document():
    """2022: 财税〔2018〕164号第一条（一）, extended through 2023 by 财政部 税务总局公告2021年第42号 (the 2022 document's
    section; the year's default rules, no `tax` passed). Same eleven months before December as in 2025."""
    calc = calculate_month(ss_scheme(), ss_figures(), FACTS, [result(2022, "competent")], "2022-12", BEFORE,
                           run_kind="year_end", pot=pot("48000.00"), bonus_method="separate")
    # 48,000.00 ÷ 12 = 4,000.00 > 3,000 → 10%, quick deduction 210: 48,000 × 10% − 210 = 4,800 − 210 = 4,590.00.
    bonus = line(calc, "income_tax_year_end_bonus")
    assert bonus.amount == D("4590.00") and bonus.inputs["formula"] == "48000.00 × 10% − 210.00 = 4590.00"
    assert bonus.inputs["bonus_divided_by_12"] == "48000.00 ÷ 12 = 4000.00"
    assert "财税〔2018〕164号第一条（一）" in bonus.clause and "2021年第42号" in bonus.clause
    assert (bonus.inputs["tax_rules"], bonus.inputs["available_through"]) == (rules_for_year(2022).name, "2023")
    # Cumulative part without the bonus: 66,000 − 60,000 = 6,000 × 3% = 180.00 − 330.00 withheld < 0 → 0.00.
    assert line(calc, "income_tax").amount == D("0.00")
    # Withheld 0.00 + 4,590.00; net 48,000.00 − 4,590.00 = 43,410.00. Combined instead: 66,000 + 48,000 − 60,000
    # = 54,000 × 10% − 2,520 = 2,880.00 − 330.00 = 2,550.00.
    assert (calc.income_tax, calc.net) == (D("4590.00"), D("43410.00"))
    combined = calculate_month(ss_scheme(), ss_figures(), FACTS, [result(2022, "competent")], "2022-12", BEFORE,
                               run_kind="year_end", pot=pot("48000.00"))
    assert combined.income_tax == D("2550.00") and line(combined, "income_tax_year_end_bonus") is None


def test_a_2021_year_end_bonus_is_taxed_separately_under_the_2019_document():
    # 2021: 财税〔2018〕164号第一条（一）, through 2021-12-31. 36,000.00 ÷ 12 = 3,000.00 ≤ 3,000 → 3%: 1,080.00.
    calc = calculate_month(ss_scheme(), ss_figures(), FACTS, [result(2021, "competent")], "2021-12", BEFORE,
                           run_kind="year_end", pot=pot("36000.00"), bonus_method="separate")
    bonus = line(calc, "income_tax_year_end_bonus")
    assert bonus.amount == D("1080.00") and bonus.inputs["available_through"] == "2021"
    assert bonus.clause.startswith("财税〔2018〕164号第一条（一）") and "2021年12月31日前" in bonus.clause
