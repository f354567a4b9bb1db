"""The separate year-end bonus method as data in the national tax document (TAX.md "Year-end one-off bonus"):
the monthly table by bonus ÷ 12, upper bounds inclusive; available through 2027. Hand-computed."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from payroll.tax.rules import TaxRules, rules_for_year, separate_bonus_for


@pytest.mark.parametrize(("bonus", "monthly", "rate", "quick", "tax"), [
    ("36000.00", "3000.00", "0.03", "0.00", "1080.00"),        # 3,000 ≤ 3,000 → 3%: 36,000 × 3% = 1,080.00
    ("36012.00", "3001.00", "0.10", "210.00", "3391.20"),      # 3,601.20 − 210 = 3,391.20
    ("144000.00", "12000.00", "0.10", "210.00", "14190.00"),   # 14,400 − 210
    ("144012.00", "12001.00", "0.20", "1410.00", "27392.40"),  # 28,802.40 − 1,410
    ("300000.00", "25000.00", "0.20", "1410.00", "58590.00"),  # 60,000 − 1,410
    ("420000.00", "35000.00", "0.25", "2660.00", "102340.00"),  # 105,000 − 2,660
    ("660000.00", "55000.00", "0.30", "4410.00", "193590.00"),  # 198,000 − 4,410
    ("960000.00", "80000.00", "0.35", "7160.00", "328840.00"),  # 336,000 − 7,160
    ("960012.00", "80001.00", "0.45", "15160.00", "416845.40"),  # 432,005.40 − 15,160
    ("1000.01", "83.33", "0.03", "0.00", "30.00"),             # 30.0003 → 30.00 (half-up to the fen)
])
def test_monthly_table_by_bonus_divided_by_12(bonus, monthly, rate, quick, tax):
    assert separate_bonus_for(2026).tax(D(bonus)) == (D(tax), D(monthly), D(rate), D(quick))


def test_available_through_2027_only():
    rule = separate_bonus_for(2027)
    assert rule is not None and rule.last_year == 2027 and "财政部 税务总局公告2023年第30号" in rule.clause
    assert separate_bonus_for(2028) is None
    assert rules_for_year(2028).year_end_bonus is not None  # the section is there, the year is past it


@pytest.mark.parametrize(("year", "last_year", "cites"), [
    # 财税〔2018〕164号第一条（一）: separately until 2021-12-31 (the 2019 document, 2019–2021).
    (2019, 2021, "财税〔2018〕164号第一条（一）"),
    (2021, 2021, "在2021年12月31日前"),
    # 财政部 税务总局公告2021年第42号 extended it to 2023-12-31 (the 2022 document).
    (2022, 2023, "财政部 税务总局公告2021年第42号"),
    # 财政部 税务总局公告2023年第30号, through 2027 (the 2023 document, 2023 on).
    (2023, 2027, "财政部 税务总局公告2023年第30号"),
])
def test_every_year_since_2019_has_the_method_under_its_own_document(year, last_year, cites):
    rule = separate_bonus_for(year)
    assert rule is not None and rule.last_year == last_year and cites in rule.clause
    assert rule is rules_for_year(year).year_end_bonus
    # The same monthly table in every document (TAX.md).
    assert rule.brackets == separate_bonus_for(2026).brackets
    assert rule.tax(D("48000.00")) == (D("4590.00"), D("4000.00"), D("0.10"), D("210.00"))  # 4,800 − 210


def test_the_2019_section_ends_with_2021():
    # A year past a document's last year has no method under that document (the 2022 one takes over for 2022).
    assert rules_for_year(2019).separate_bonus(2022) is None
    assert rules_for_year(2022).separate_bonus(2024) is None


def test_a_new_document_is_data_only():
    document = json.loads(rules_for_year(2026).model_dump_json())
    document.update(effective_from_year=2028)
    document["year_end_bonus"]["last_year"] = 2030
    assert TaxRules.model_validate(document).separate_bonus(2029) is not None
    document.pop("year_end_bonus")
    assert TaxRules.model_validate(document).separate_bonus(2029) is None
    broken = json.loads(rules_for_year(2026).model_dump_json())
    broken["year_end_bonus"]["brackets"][-1]["up_to"] = "90000"
    with pytest.raises(ValidationError):
        TaxRules.model_validate(broken)
    # The clause goes on every payslip line the method taxes (payslip_line_text.clause: 500 characters).
    too_long = json.loads(rules_for_year(2026).model_dump_json())
    too_long["year_end_bonus"]["clause"] = "公" * 501
    with pytest.raises(ValidationError):
        TaxRules.model_validate(too_long)
