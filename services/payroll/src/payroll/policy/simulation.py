"""Policy simulation: a draft scheme's month for a whole region next to the version in force, totals only.

Each worker's facts are read once (one NDJSON stream); each worker's month is computed under both versions
with `calculate_month` and folded into running totals, so memory does not grow with the number of workers.
Nothing is written. Each worker is priced on the region's final assessment results of every year, read once
before the facts, as a run reads them (the grade's yearly effects and the performance pay's latest result).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from cwm_kit.types import money

from payroll.calculation.schemas import ZERO, PayslipCalc

from .figures import FigureSet


@dataclass
class SideTotals:
    """One version's totals: payable workers, gross, employer contributions, cost and its split by fiscal level."""

    payable: int = 0
    gross: Decimal = ZERO
    employer_contributions: Decimal = ZERO
    funding: dict[str, Decimal] = field(default_factory=dict)

    def add(self, payslip: PayslipCalc) -> None:
        if payslip.payable:
            self.payable += 1
        self.gross += payslip.gross
        self.employer_contributions += payslip.employer_contributions
        for level, amount in payslip.funding.items():
            self.funding[level] = self.funding.get(level, ZERO) + amount

    @property
    def total_cost(self) -> Decimal:
        return money(sum(self.funding.values(), ZERO))


@dataclass
class Comparison:
    """Both versions' totals and how many workers gain, lose or keep their gross under the draft."""

    workers: int = 0
    draft: SideTotals = field(default_factory=SideTotals)
    in_force: SideTotals = field(default_factory=SideTotals)
    gainers: int = 0
    losers: int = 0
    unchanged: int = 0
    gains: Decimal = ZERO
    losses: Decimal = ZERO
    # The average-wage target, weighted by workers: each worker counts their own place's figure.
    target_sum: Decimal = ZERO
    target_workers: int = 0
    target_sources: set[str] = field(default_factory=set)

    def add(self, draft: PayslipCalc, in_force: PayslipCalc, target: tuple[Decimal | None, str]) -> None:
        self.workers += 1
        if target[0] is not None:
            self.target_sum += target[0]
            self.target_workers += 1
            self.target_sources.add(target[1])
        self.draft.add(draft)
        self.in_force.add(in_force)
        change = draft.gross - in_force.gross
        if change > 0:
            self.gainers += 1
            self.gains += change
        elif change < 0:
            self.losers += 1
            self.losses -= change
        else:
            self.unchanged += 1


    @property
    def target(self) -> Decimal | None:
        return money(self.target_sum / self.target_workers) if self.target_workers else None

    @property
    def target_source(self) -> str:
        if len(self.target_sources) == 1:
            return next(iter(self.target_sources))
        return f"{len(self.target_sources)} figures weighted by workers" if self.target_sources else ""


def average_wage_monthly(figures: FigureSet, year: int) -> tuple[Decimal | None, str]:
    """The average-wage target of a month of `year`: the year before's average monthly wage (what the
    schemes' reference-share components use), else its annual average / 12; None when neither is published."""
    monthly = figures.get("avg_wage_monthly", year - 1)
    if monthly is not None:
        return money(monthly.value), monthly.describe()
    annual = figures.get("avg_wage_annual", year - 1)
    if annual is not None:
        return money(annual.value / 12), f"{annual.describe()} / 12"
    return None, ""


def ratio(amount: Decimal, target: Decimal | None) -> Decimal | None:
    if not target:
        return None
    return (amount / target).quantize(Decimal("0.0001"))
