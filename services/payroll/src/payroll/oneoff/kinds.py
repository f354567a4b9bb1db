"""Kinds of one-off items a township finance office enters for a month, and how each becomes a payslip line.

An item is an earning (taxable unless the officer marks it exempt), a recovery (a negative earning: it
lowers the taxable income of the month) or a deduction from the net (a salary advance paid back: not a
tax matter). Every item names the clause it rests on; the defaults below quote the texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from cwm_kit.types import money

from payroll.calculation.schemas import PayLine

Effect = Literal["earning", "recovery", "deduction"]


@dataclass(frozen=True)
class ItemKind:
    label_zh: str
    label_en: str
    effect: Effect
    clause: str


KINDS: dict[str, ItemKind] = {
    "heating": ItemKind("取暖费", "heating allowance", "earning",
                        "宁夏实施意见：有条件的市、县（区）可发放取暖费等"),
    "work_subsidy": ItemKind("工作补助", "work subsidy", "earning",
                             "中央意见第12条、内蒙古办法第十八条：对参与完成重大任务、抗击自然灾害、应对突发事件的一线"
                             "社区工作者，可按规定给予适当工作补助"),
    "back_pay": ItemKind("补发工资", "back pay", "earning", "经批准补发 / back pay decided by the office"),
    "recovery": ItemKind("补扣工资", "recovery of overpaid pay", "recovery",
                         "经批准扣回多发工资 / recovery of overpaid pay decided by the office"),
    "advance_repayment": ItemKind("扣回借支（预支工资）", "salary advance repaid", "deduction",
                                  "本人借支（预支工资）扣回 / repayment of a salary advance"),
    "other_earning": ItemKind("其他应发", "other earning", "earning", ""),
    "other_deduction": ItemKind("其他代扣", "other deduction", "deduction", ""),
}


def item_line(item_id: str, kind: str, amount: Decimal, *, label_zh: str | None = None, clause: str | None = None,
              taxable: bool = True, basis: str = "", entered_by: str = "") -> PayLine:
    """The payslip line of one item: code `one_off_<id>`, amount signed as it affects pay."""
    rule = KINDS[kind]
    amount = money(amount)
    signed = -amount if rule.effect == "recovery" else amount
    inputs: dict = {"item_id": item_id, "kind": kind, "taxable": taxable if rule.effect != "deduction" else None,
                    "basis": basis, "entered_by": entered_by}
    if rule.effect == "deduction":
        inputs["formula"] = f"从实发中扣除 {amount} / taken off the net pay"
    elif not taxable:
        inputs["formula"] = f"{amount}，免税收入，不计入应纳税所得额 / exempt from income tax"
    else:
        inputs["formula"] = f"{signed}，计入本月应纳税所得额 / taxable this month"
    return PayLine(code=f"one_off_{item_id}", label_zh=label_zh or rule.label_zh, label_en=rule.label_en,
                   amount=signed, kind="deduction" if rule.effect == "deduction" else "earning",
                   clause=clause or rule.clause, inputs=inputs)
