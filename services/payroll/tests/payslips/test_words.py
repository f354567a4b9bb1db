"""The engine's workings in Chinese, as the SPA words them (frontend/src/components/payslip-words.ts): the
connecting words translated, codes named, bilingual texts picked, the figures untouched."""

from __future__ import annotations

import pytest

from payroll.payslips.words import explain_text, working


@pytest.mark.parametrize(("engine", "chinese"), [
    ("29 + 2 × 80% probation days of 31", "在岗 29 天 + 试用期 2 天 × 80%，本月共 31 天"),
    ("full month", "整月"),
    ("600.00 × 10 / 31 = 193.55 (retired from 2025-03-22)", "600.00 × 10 / 31 = 193.55（2025-03-22 起退休）"),
    ("central, 20.00 ≥ 20 years, retired → 800.00", "党中央、国务院表彰, 20.00 ≥ 20 年，已退休 → 800.00"),
    ("no final result yet / 暂无考核结果", "暂无考核结果"),
    ("1000 × 0.5 / 2 → 250.00 (最大余数法分至分 / largest remainder to the fen)", "1000 × 0.5 / 2 → 250.00（最大余数法分至分）"),
    ("grade_pay[ss_head][3] = 2840.00", "等级薪酬表（正职 3级） = 2840.00"),
    ("benke → 200.00", "本科 → 200.00"),
    ("standard_share", "按标准份额"),
    ("5400.00 + employer 1911.60 = 7311.60", "5400.00 + 单位缴纳 1911.60 = 7311.60"),
    ("55% × 2024 银川市 average monthly wage (official, published 2025-06-30) = 55% × 8000.00 = 4400.00",
     "55% × 2024年银川市全口径城镇单位就业人员月平均工资（正式公布，2025-06-30公布） = 55% × 8000.00 = 4400.00"),
])
def test_engine_workings_read_in_chinese(engine, chinese):
    assert explain_text(engine) == chinese


def test_working_names_each_input_and_leaves_out_notes():
    inputs = {"education": "benke", "illustrative": "ILLUSTRATIVE", "figure_id": 7, "taxable": True,
              "cumulative_additional_deductions": {"housing_rent": "1500.00"}, "formula": "benke → 200.00"}
    assert working(inputs) == ["计算：本科 → 200.00", "是否计税：是", "累计专项附加扣除明细：住房租金 1500.00"]
