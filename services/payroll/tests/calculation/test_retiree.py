"""Retired honour holders (run kind `retiree`), hand-computed. NX 「建立累计任职满20年的社区党组织书记、居民委员会主任奖励
补贴制度,获自治区党委政府、国家部委表彰,在职和正常退休的每月分别按照600元、500元标准补贴;获党中央、国务院表彰,在职和正常退休的
每月分别按照800元、600元标准补贴」."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from payroll.calculation.engine import calculate_retiree_month
from payroll.calculation.schemas import YearToDate
from payroll.policy.scheme import PayScheme

from ..factories import amounts, nx_figures, nx_scheme, worker

REGIONAL = [{"level": "regional_government", "date": "2015-09-01"}]
CENTRAL = [{"level": "central", "date": "2018-04-01"}]


def retired_head(head_from: str, retired: str, head_to: str, honours=REGIONAL, **overrides):
    """A secretary/director (nx_head) from `head_from` until `head_to`, retired (normal retirement) on `retired`."""
    return worker(post="nx_head", hired_on="1995-01-01", status="retired", exit_date=retired, exit_reason="到龄退休",
                  post_history=[{"post": "nx_staff", "from": "1995-01-01", "to": _before(head_from)},
                                {"post": "nx_head", "from": head_from, "to": head_to}],
                  status_history=[{"status": "active", "from": "1995-01-01", "to": head_to},
                                  {"status": "retired", "from": retired}],
                  honours=honours, **overrides)


def _before(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def test_retired_secretary_with_regional_honour_and_22_years_in_office_gets_500():
    # Head 2001-01-01..2022-12-31 (retired 2023-01-01): 22 years 0 months in office ≥ 20; regional honour → 500.00.
    calc = calculate_retiree_month(nx_scheme(), nx_figures(), retired_head("2001-01-01", "2023-01-01", "2022-12-31"),
                                   "2025-03")
    assert calc.payable and calc.run_kind == "retiree" and calc.grade is None
    lines = amounts(calc)
    assert lines["honours_retired"] == D("500.00")
    line = next(x for x in calc.lines if x.code == "honours_retired")
    assert line.label_zh == "离退休荣誉补贴" and "正常退休" in line.clause and "500元" in line.clause
    assert line.inputs["years_in_office"] == "22.00" and line.inputs["retired_on"] == "2023-01-01"
    # No social insurance, housing fund, performance or pay-total lines: the honours line, tax and funding only.
    assert {x.code for x in calc.lines} == {"honours_retired", "income_tax", "funding_region", "funding_city",
                                             "funding_county"}
    assert (calc.employee_social_insurance, calc.housing_fund, calc.employer_contributions) == (D(0), D(0), D(0))
    assert calc.gross == D("500.00")
    assert calc.income_tax == D("0.00")  # 500 − 5000 basic < 0
    assert calc.net == D("500.00")
    # NX default split of 500.00: region 20% 100.00, city 40% 200.00, county the remainder 200.00.
    assert calc.funding == {"region": D("100.00"), "city": D("200.00"), "county": D("200.00")}


def test_retired_secretary_with_15_years_in_office_gets_nothing():
    # Head 2008-01-01..2022-12-31: 15.00 years in office < 20 (28 years of service do not count) → nothing.
    calc = calculate_retiree_month(nx_scheme(), nx_figures(), retired_head("2008-01-01", "2023-01-01", "2022-12-31"),
                                   "2025-03")
    assert not calc.payable and "15.00" in calc.reason


def test_retired_secretary_with_central_honour_gets_600():
    # 党中央、国务院表彰: 800 in service, 600 retired; the regional one (500) is not added: the highest is paid.
    facts = retired_head("2001-01-01", "2023-01-01", "2022-12-31", honours=REGIONAL + CENTRAL)
    calc = calculate_retiree_month(nx_scheme(), nx_figures(), facts, "2025-03")
    assert amounts(calc)["honours_retired"] == D("600.00") and calc.gross == D("600.00")
    assert next(x for x in calc.lines if x.code == "honours_retired").inputs["honour"] == "central"


def test_resigned_honour_holder_is_not_a_retiree():
    # 「正常退休的」: a resignation is no normal retirement.
    facts = retired_head("2001-01-01", "2023-01-01", "2022-12-31").model_copy(update={"status": "resigned"})
    facts = facts.model_copy(update={"status_history": [facts.status_history[0].model_copy(),
                                                        facts.status_history[1].model_copy(update={"status": "resigned"})]})
    assert not calculate_retiree_month(nx_scheme(), nx_figures(), facts, "2025-03").payable


def test_month_of_retirement_pays_the_retired_days_and_no_second_basic_deduction():
    # Head 2003-03-16..2025-03-15, retired 2025-03-16: 22.00 years; March pays 16 of 31 days retired:
    # 500 × 16 / 31 = 258.0645… → 258.06 (the regular run paid 1–15 March at the in-service 600).
    facts = retired_head("2003-03-16", "2025-03-16", "2025-03-15")
    calc = calculate_retiree_month(nx_scheme(), nx_figures(), facts, "2025-03")
    assert amounts(calc)["honours_retired"] == D("258.06")
    # Taxable wages under the same cumulative withholding (ADR 0002): with the year's regular payslips before it
    # (income 20000.00, basic 3 × 5000 = 15000.00 counted by them, SI+HF 2000.00, 90.00 withheld) and March's
    # basic deduction already taken by March's regular payslip: (20258.06 − 15000 − 2000) = 3258.06 × 3% = 97.74
    # (97.7418) − 90.00 = 7.74; net 258.06 − 7.74 = 250.32.
    ytd = YearToDate(taxable_income=D("20000.00"), basic_deductions=D("15000.00"), special_deductions=D("2000.00"),
                     tax_withheld=D("90.00"))
    calc = calculate_retiree_month(nx_scheme(), nx_figures(), facts, "2025-03", ytd, month_paid=True)
    assert calc.income_tax == D("7.74") and calc.net == D("250.32")
    assert calc.ytd_after.basic_deductions == D("15000.00")


def test_scheme_without_retired_amounts_pays_retirees_nothing_and_retired_amounts_need_their_clause():
    document = nx_scheme().model_dump(mode="json", by_alias=True)
    honours = next(c for c in document["components"] if c["type"] == "honours")
    honours["retired_amounts"], honours["retired_clause"] = {}, None
    scheme = PayScheme.model_validate(document)
    facts = retired_head("2001-01-01", "2023-01-01", "2022-12-31")
    assert not calculate_retiree_month(scheme, nx_figures(), facts, "2025-03").payable
    honours["retired_amounts"] = {"regional_government": "500.00"}
    with pytest.raises(ValueError, match="retired_clause"):
        PayScheme.model_validate(document)
    honours["retired_amounts"], honours["retired_clause"] = {"provincial_party": "500.00"}, "x"
    with pytest.raises(ValueError, match="provincial_party"):
        PayScheme.model_validate(document)
