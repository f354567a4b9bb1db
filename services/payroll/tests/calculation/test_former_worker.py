"""The engine's month for a worker no longer employed (they left before it) who is still owed arrears or a one-off
item (POLICY §5; calculation.engine._adjustments_only): the adjustments alone, taxed with no basic deduction."""

from __future__ import annotations

from decimal import Decimal

from payroll.calculation.engine import arrears_line, calculate_month
from payroll.calculation.schemas import YearToDate
from payroll.oneoff.kinds import item_line
from payroll.tax.rules import Declaration

from ..factories import amounts, nx_figures, nx_scheme, worker

LEFT = worker(hired_on="2025-01-01", status="resigned", exit_date="2025-05-01")
# January–April 2025 as paid: 4 months' income, basic deductions and 五险一金 (made-up round figures).
YTD = YearToDate(taxable_income=Decimal("30000.00"), basic_deductions=Decimal("20000.00"),
                 special_deductions=Decimal("4000.00"), tax_withheld=Decimal("180.00"))


def test_a_month_after_leaving_pays_the_arrears_alone_taxed_without_a_basic_deduction():
    arrears = [arrears_line("2025-03", Decimal("5200"), Decimal("5310")),
               arrears_line("2025-04", Decimal("5200"), Decimal("5310"))]
    calc = calculate_month(nx_scheme(), nx_figures(), LEFT, [], "2025-07", YTD, adjustments=arrears)
    assert calc.payable and calc.grade is None
    lines = amounts(calc)
    assert lines["former_worker"] == 0 and calc.lines[0].label_zh == "已离职，仅发放补发/一次性项目"
    assert not {"base", "grade", "star", "education", "si_pension", "housing_fund", "employer_contributions_inside"} \
        & set(lines)
    # 2 × 110 = 220.00; cumulative 30000 + 220 − 20000 (no July deduction) − 4000 = 6220.00 × 3% = 186.60
    # − 180.00 withheld = 6.60; net 220.00 − 6.60 = 213.40.
    assert (calc.gross, calc.employee_social_insurance, calc.housing_fund, calc.employer_contributions) == (
        Decimal("220.00"), 0, 0, 0)
    assert (calc.income_tax, calc.net) == (Decimal("6.60"), Decimal("213.40"))
    assert calc.ytd_after.basic_deductions == Decimal("20000.00")
    assert calc.inputs["employed"] is False and calc.inputs["last_paid_day"] == "2025-04-30"


def test_declared_deductions_count_through_the_last_month_employed_only():
    # 子女教育 2000 a month from January: January–April 8000.00 (not 14000.00 through July).
    declarations = [Declaration(kind="children_education", variant="standard", amount=Decimal("2000"),
                                start_month="2025-01", units=1)]
    item = item_line("9", "heating", Decimal("10000"), label_zh="取暖费")
    calc = calculate_month(nx_scheme(), nx_figures(), LEFT, [], "2025-07", YTD, adjustments=[item],
                           declarations=declarations)
    # 30000 + 10000 − 20000 − 4000 − 8000 = 8000.00 × 3% = 240.00 − 180.00 = 60.00.
    assert (calc.gross, calc.income_tax, calc.net) == (Decimal("10000.00"), Decimal("60.00"), Decimal("9940.00"))


def test_nothing_owed_after_leaving_is_no_payslip():
    assert not calculate_month(nx_scheme(), nx_figures(), LEFT, [], "2025-07", YTD).payable
    zero = arrears_line("2025-04", Decimal("5200"), Decimal("5200"))
    assert not calculate_month(nx_scheme(), nx_figures(), LEFT, [], "2025-07", YTD, adjustments=[zero]).payable
    # Not yet hired: never paid, whatever is entered.
    early = worker(hired_on="2025-09-01")
    item = item_line("9", "heating", Decimal("100"), label_zh="取暖费")
    assert not calculate_month(nx_scheme(), nx_figures(), early, [], "2025-07", adjustments=[item]).payable
