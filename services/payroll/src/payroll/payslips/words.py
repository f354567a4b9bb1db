"""A payslip in words, not codes (issue 14), for what the payroll service writes itself (the PDF): the post, the
run's state, and each line's working in Chinese.

The calculation engine writes a line's working (`inputs`) for both languages at once: amounts and codes with
English connecting words ("… clamped to …", "2024 银川市 average monthly wage (provisional, published
2025-01-05)", "benke → 200.00") or both texts ("暂无考核结果 / no final result yet"). The SPA shows it in the
reader's language (frontend/src/components/payslip-words.ts, with the code lists of frontend/src/lib/codes.ts
and vocab.ts); this is the same vocabulary and the same translations, in Chinese only: the figures are never
touched. Labels the service already keeps are used from where they live (assessment results, reference
figures, income-tax deduction kinds).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from payroll.grades.engine import EDUCATION_ZH, RESULT_ZH
from payroll.policy.figures import FIGURE_LABELS
from payroll.tax.rules import documents

# The shared code lists (docs/contracts.md), as the SPA names them.
POSTS = {"nx_head": "两委正职", "nx_deputy": "两委副职", "nx_member": "两委其他专职成员", "nx_staff": "专职工作人员",
         "ss_head": "正职", "ss_deputy": "副职", "ss_staff": "工作人员"}
EDUCATION = EDUCATION_ZH
CERTIFICATES = {"assistant_social_worker": "助理社会工作师", "social_worker": "社会工作师",
                "senior_social_worker": "高级社会工作师"}
HONOUR_LEVELS = {"regional_government": "自治区（省）政府表彰", "national_ministry": "国家部委表彰",
                 "central": "党中央、国务院表彰"}
RUN_STATES = {"draft": "草稿", "calculated": "已核算，待审批", "approved": "已审批，待发放", "paid": "已发放"}
RUN_KINDS = {"monthly": "月度", "year_end": "年终", "retiree": "离退休荣誉补贴", "one-off": "一次性项目"}
LINE_KINDS = {"earning": "应发", "deduction": "扣除", "employer": "单位缴纳", "info": "说明"}
FIGURE_STATUSES = {"provisional": "暂定", "official": "正式公布"}

# Codes a working may name: distribution units and methods, pay tables, and the income-tax deduction kinds (their
# labels in the tax rules).
CODE_WORDS = {"township": "乡镇（街道）", "county": "县（区）", "standard_share": "按标准份额", "months_paid": "按计发月数",
              "grade_pay": "等级薪酬表", "base_pay": "基本薪酬表", "separate": "单独计税", "combined": "并入综合所得",
              **{code: kind.label_zh for rules in documents() for code, kind in rules.deductions.items()}}
CODES = {**POSTS, **EDUCATION, **CERTIFICATES, **HONOUR_LEVELS, **RESULT_ZH, **CODE_WORDS}

# Every input a line may carry, by name (calculation engine, one-off items, arrears, income tax).
INPUT_LABELS = {
    "formula": "计算", "base": "缴费基数", "rate": "比例/税率", "cost": "总成本", "proration": "折算", "tax_rules": "税规",
    "income_this_month": "本月收入", "exempt_this_month": "本月免税收入", "cumulative_income": "累计收入",
    "cumulative_basic_deduction": "累计减除费用", "cumulative_social_insurance_housing_fund": "累计专项扣除（三险一金）",
    "cumulative_additional_deductions": "累计专项附加扣除明细", "cumulative_additional_total": "累计专项附加扣除",
    "cumulative_other_deductions": "累计其他扣除明细", "cumulative_other_total": "累计其他扣除",
    "deduction_working": "扣除计算", "cumulative_taxable": "累计应纳税所得额", "cumulative_tax_due": "累计应纳税额",
    "quick_deduction": "速算扣除数", "already_withheld": "累计已预扣税额", "tax_this_month": "本月应预扣税额",
    "result": "考核结果", "year": "年度", "factor": "系数", "months_paid": "计发月数", "basis_month": "基数月份",
    "standard": "标准", "unit": "分配单位", "pot": "绩效总量", "workers_in_pot": "参与分配人数", "distribution": "分配方式",
    "weight": "本人权重", "total_weight": "权重合计", "held": "暂缓原因", "certificate": "证书", "approved_on": "批准日期",
    "paid_from": "起发月份", "honour": "表彰", "service_years": "服务年限", "years_in_office": "任职年限",
    "retired_on": "退休日期", "employer_contributions": "单位缴纳五险一金", "employee_contributions": "个人缴纳五险一金",
    "month": "所属月份", "old_gross": "原应发", "new_gross": "重算应发", "difference": "差额", "basis": "依据",
    "taxable": "是否计税", "method": "计税方式", "bonus": "全年一次性奖金", "bonus_divided_by_12": "奖金 ÷ 12（确定税率）",
    "available_through": "政策执行至（年）", "year_end_bonus_taxed_separately": "单独计税的全年一次性奖金（不计入累计收入）",
    "reason": "原因",
}
# Notes for administrators, not figures: left out of the worker's view of a line (as the SPA leaves them out).
NOT_FIGURES = {"reading", "illustrative", "figure_id", "figure_status", "pay_total", "fiscal_category",
               "cumulative_taxable_income", "education", "item_id", "kind", "entered_by"}
# Shown first, in this order: how the amount was reached, then what it rests on.
FIRST = ("formula", "cumulative_taxable", "proration", "basis")

CJK = re.compile(r"[\u3400-\u9fff]")
_BOTH = re.compile(r" ?\(([^()]*?) / ([^()]*?)\)")
_FIGURE = re.compile(rf"(\d{{4}}) (\S+) ({'|'.join(en for _, en in FIGURE_LABELS.values())}) "
                     rf"\((official|provisional), published (\d{{4}}-\d{{2}}-\d{{2}})\)")
_FIGURE_ZH = {en: zh for zh, en in FIGURE_LABELS.values()}
_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z]{4,}\b", re.ASCII)


def words(code: str) -> str:
    """A code's Chinese name; an unknown code as given."""
    return CODES.get(code, code)


def _chinese_side(a: str, b: str) -> str | None:
    """Of two texts, the Chinese one, when exactly one of them is Chinese."""
    if bool(CJK.search(a)) == bool(CJK.search(b)):
        return None
    return a if CJK.search(a) else b


def pick_chinese(text: str) -> str:
    """"中文 / English" (either way round): the Chinese side; "(中文 / English)" inside a text likewise."""
    parts = text.split(" / ")
    if len(parts) == 2 and (picked := _chinese_side(*parts)) is not None:
        return picked.strip()

    def inner(match: re.Match[str]) -> str:
        picked = _chinese_side(match[1], match[2])
        return match[0] if picked is None else f"（{picked.strip()}）"
    return _BOTH.sub(inner, text)


def _figure(match: re.Match[str]) -> str:
    year, where, en, status, published = match.groups()
    return f"{year}年{where}{_FIGURE_ZH[en]}（{FIGURE_STATUSES[status]}，{published}公布）"


REPLACEMENTS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # A figure's description: "2024 银川市 average monthly wage (official, published 2025-06-30)".
    (_FIGURE, _figure),
    (re.compile(r"standard pay (\S+) clamped to \[([^,\]]+), ([^\]]+)\]"), r"标准工资 \1，限定在下限 \2 与上限 \3 之间"),
    (re.compile(r"scheme default rate"), "方案默认比例"),
    (re.compile(r"(\S+) withheld"), r"已预扣 \1"),
    (re.compile(r"(\d+) \+ (\d+) × ([\d.]+%) probation days of (\d+)"), r"在岗 \1 天 + 试用期 \2 天 × \3，本月共 \4 天"),
    (re.compile(r"^full month$"), "整月"),
    (re.compile(r"(\S+) prorated \("), r"\1 按出勤折算（"),
    (re.compile(r" ?\(retired from (\d{4}-\d{2}-\d{2})\)"), r"（\1 起退休）"),
    (re.compile(r", retired →"), "，已退休 →"),
    (re.compile(r" ≥ ([\d.]+) years"), r" ≥ \1 年"),
    (re.compile(r" \+ employer (\S+)"), r" + 单位缴纳 \1"),
    (re.compile(r"(\d+(?:\.\d+)?) months?\b", re.ASCII), r"\1 个月"),
    # The pay table and cell a grade pay came from: grade_pay[nx_staff][2].
    (re.compile(r"\b([a-z_]+)\[([a-z_]+)\]\[(\d+)\]", re.ASCII),
     lambda m: f"{words(m[1])}（{words(m[2])} {m[3]}级）"),
]


def explain_text(text: str) -> str:
    """A working or figure in Chinese: bilingual texts picked, English words translated, codes named."""
    out = pick_chinese(text)
    for pattern, replacement in REPLACEMENTS:
        out = pattern.sub(replacement, out)
    # Any code left (an education level, a certificate, an honour, a deduction kind): its name.
    return _CODE.sub(lambda m: words(m[0]), out)


def explain_value(value: Any) -> str:
    """One input's value: objects as "name value；…", booleans as 是/否, text explained."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(f"{words(key)} {explain_value(item)}" for key, item in value.items())
    return explain_text(str(value))


def working(inputs: dict[str, Any] | None) -> list[str]:
    """A line's figures as "名称：值" texts, its working first; notes for administrators left out."""
    shown = {key: value for key, value in (inputs or {}).items()
             if key not in NOT_FIGURES and value not in (None, "", {}, [])}
    keys = [key for key in FIRST if key in shown] + [key for key in shown if key not in FIRST]
    return [f"{INPUT_LABELS.get(key, key)}：{explain_value(shown[key])}" for key in keys]
