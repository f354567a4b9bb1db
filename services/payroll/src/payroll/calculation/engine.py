"""A worker's pay for one month under a pay scheme (POLICY.md §5). Pure functions, Decimal throughout,
half-up to the fen (cwm_kit.types.money) at every line.

Rules a reader needs to know:
- Proration (joining or leaving mid-month): a monthly amount × paid calendar days / days in the month,
  rounded per line. Probation days are weighted by the scheme's probation rate (SS 100%).
- Pay stops: the registry's `exit_date` is the first day not employed, so the last day worked is the day
  before it. "exit_date" schemes pay up to that last day (a 16 June exit pays 15/30 of June);
  "month_after_exit" schemes (SS 「从次月起停发」) pay the month of the last day worked in full and nothing
  from the next month (an exit on 1 July: June in full, July nothing). Every part-month line — the
  performance share and adjustment included — is prorated by the same paid days; year-end performance
  counts each month by its paid fraction.
- Secondment (借调): the home unit keeps paying; the payslip notes the secondment.
- Social insurance and housing fund are charged on the month's standard pay (unprorated, excluding
  one-off year-end performance and arrears), clamped to the region's published floor and ceiling.
- Pay total and 五险一金 (scheme `pay_total`): the components' sum is the pay total (薪酬总额); where the
  employer's contributions are inside it (NX 「薪酬(含"五险一金")」) a 减 line takes them out of 应发, so the
  month's cost (应发 + employer contributions, what the funding split shares) is the total itself; where they
  are on top (SS) 应发 is the total and the cost is the total plus them.
- Income tax: cumulative withholding (累计预扣法) under the national tax rules of the year (payroll.tax.rules):
  taxable gross minus the basic deduction (one per month paid; none for a separate year-end run), the
  employee's social insurance and housing fund, and the declared special additional and other deductions
  counted month by month (a late declaration catches up). The tax line shows every cumulative figure.
- Year-end one-off bonus taxed separately (全年一次性奖金单独计税, TAX.md; the worker's `separate` election for the
  tax year, while the tax rules of the year allow it): the year-end performance pay is left out of the cumulative
  income and taxed on its own — bonus ÷ 12 picks the rate and quick deduction of the monthly table, tax = bonus ×
  rate − quick deduction — on a line of its own; that tax is not part of the cumulative tax withheld. Once per
  worker per tax year: a second year-end payment of the year, or a year whose rules no longer allow it, is added
  to the cumulative income as before, with an info line saying why.
- Funding: gross plus employer contributions, split by the county's fiscal category; the last level
  takes the rounding remainder so the parts add up to the fen.
- A month the worker is not employed in (they left before it) that still carries arrears (补发/补扣 of months
  paid when employed, POLICY §5) or one-off items entered for them pays those alone (`_adjustments_only`): no
  base, grade or allowances, no social insurance or housing fund, income tax by the same cumulative withholding
  with no basic deduction for the month (TAX.md: 5,000 × months *employed*). Nothing owed: no payslip.
- Retirees (run kind `retiree`, `calculate_retiree_month`): a retired honour holder gets one line, the honours
  component's retired amount; no grade, contributions or performance; taxed as wages by the same cumulative
  withholding (ADR 0002).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from cwm_kit import service_years
from cwm_kit.types import money

from payroll.calendar import next_month_start, overlap_days, parse_month
from payroll.grades.engine import EDUCATION_RANK, RESULT_ZH, Grade, compute_grade
from payroll.inputs.schemas import AssessmentResult, WorkerFacts, latest_revisions, retired_on
from payroll.policy.figures import Figure, FigureSet
from payroll.tax.rules import Declaration, TaxRules, cumulative_deductions, rules_for_year
from payroll.policy.scheme import (
    ByCertificateComponent,
    ByEducationComponent,
    ByStarComponent,
    HonoursComponent,
    PayScheme,
    ReferenceShareComponent,
    TableComponent,
)

from .schemas import ZERO, GradeOut, PayLine, PayslipCalc, YearToDate

SI_LABELS = {
    "pension": ("养老保险", "pension insurance"),
    "medical": ("医疗保险", "medical insurance"),
    "unemployment": ("失业保险", "unemployment insurance"),
    "injury": ("工伤保险", "work injury insurance"),
    "maternity": ("生育保险", "maternity insurance"),
}
FUNDING_LEVELS = ("region", "city", "county")
BONUS_TAX_CODE = "income_tax_year_end_bonus"
BONUS_COMBINED_CODE = "year_end_bonus_combined"
LEVEL_ZH = {"region": "自治区/省级", "city": "市级", "county": "县（区）级"}


def pct(rate: Decimal) -> str:
    """0.55 → '55%', 0.005 → '0.5%'."""
    return f"{(rate * 100).normalize():f}%"


class CalcMemo:
    """The pure parts of a month's calculation remembered by the exact inputs they read, for a run that prices
    many workers under one scheme and its figures: workers paid alike (same contribution standard, same gross
    and year to date) get the very same contribution, tax and funding lines (PayLine objects, never mutated
    once made). Keys hold a scheme's or figure set's identity, so the memo keeps those objects alive (an id is
    never reused while it is a key); Decimals are keyed by their text, which is what the working prints.
    Bounded: past `limit` entries it starts afresh."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self.values: dict[tuple, Any] = {}
        self._pinned: dict[int, Any] = {}
        # id -> [line, what a caller made of it (runs.calculator.to_rows: its row and sums)]: lines handed out by the memo
        self.shared_lines: dict[int, list[Any]] = {}

    def ref(self, value: Any) -> int:
        self._pinned.setdefault(id(value), value)
        return id(value)

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        found = self.values.get(key)
        if found is None:
            if len(self.values) >= self.limit:
                self.values.clear()
                self.shared_lines.clear()
            found = self.values[key] = compute()
        return found

    def share(self, lines: Sequence[PayLine]) -> tuple[PayLine, ...]:
        for line in lines:
            self.shared_lines.setdefault(id(line), [line, None])
        return tuple(lines)


def _annual_results(worker: WorkerFacts, results: list[AssessmentResult]) -> list[AssessmentResult]:
    return [r for r in latest_revisions([r for r in results if r.worker_id == worker.worker_id]) if r.kind == "annual"]


def _education_at(worker: WorkerFacts, day: date) -> str | None:
    history = [e for e in (worker.education_history or ([worker.education] if worker.education else []))
               if e.date is None or e.date <= day]
    if not history:
        return None
    return max(history, key=lambda e: EDUCATION_RANK.get(e.level, 0)).level


def arrears_line(month: str, old_gross: Decimal, new_gross: Decimal, *, reason: str = "") -> PayLine:
    """补发 (positive) or 补扣 (negative) for a month already paid, e.g. after an official figure replaced a
    provisional one. Added to a later month's earnings: taxable there, no extra social insurance."""
    difference = money(Decimal(new_gross) - Decimal(old_gross))
    back_pay = difference >= 0
    return PayLine(
        code=f"arrears_{month.replace('-', '_')}",
        label_zh=f"{'补发' if back_pay else '补扣'} {month}",
        label_en=f"{'arrears paid' if back_pay else 'arrears recovered'} for {month}",
        amount=difference,
        kind="earning",
        clause=reason or "参考数据更正后重算已发月份 / recomputed after a reference figure changed",
        inputs={"month": month, "old_gross": str(money(old_gross)), "new_gross": str(money(new_gross)),
                "difference": f"{money(new_gross)} − {money(old_gross)} = {difference}"},
    )


def last_paid_day(scheme: PayScheme, worker: WorkerFacts, month_end: date) -> date:
    """The last day paid, for months up to `month_end`: `exit_date` is the first day not employed, so the last
    day worked is the day before; a "month_after_exit" scheme pays that day's month to its end."""
    if worker.exit_date is None:
        return month_end
    last_worked = worker.exit_date - timedelta(days=1)
    if scheme.employment.pay_stops == "month_after_exit":
        return parse_month(f"{last_worked:%Y-%m}")[1]
    return last_worked


def paid_days_in(scheme: PayScheme, worker: WorkerFacts, month_start: date,
                 month_end: date) -> tuple[int, int, Decimal]:
    """(paid days, of which probation days, days weighted by the probation rate) in one month."""
    last_paid = last_paid_day(scheme, worker, month_end)
    paid = overlap_days(month_start, month_end, worker.hired_on, last_paid)
    probation = 0
    if worker.probation_end is not None:
        probation = overlap_days(month_start, month_end, worker.hired_on, min(worker.probation_end, last_paid))
    return paid, probation, Decimal(paid - probation) + Decimal(probation) * scheme.employment.probation_rate


def _not_payable(worker: WorkerFacts, month: str, run_kind: str, reason: str, ytd: YearToDate) -> PayslipCalc:
    return PayslipCalc(worker_id=worker.worker_id, month=month, run_kind=run_kind, payable=False, reason=reason,
                       ytd_after=ytd)


Component = tuple[str, str, str, Decimal, str, dict]


def honour_years(c: HonoursComponent, worker: WorkerFacts, cutoff: date) -> Decimal:
    """Years the honours subsidy counts before `cutoff`: community service, or time in office — the post-history
    periods in the office posts, merged, counted by the one shared definition (cwm_kit.service_years)."""
    if c.counts == "service_years":
        runs = worker.counted_runs(cutoff)
    else:
        posts = set(c.office_posts or c.posts)
        runs = service_years.merge_runs((p.from_, p.to) for p in worker.post_history if p.post in posts)
    return service_years.completed_years(runs, cutoff)


def component_amounts(scheme: PayScheme, figures: FigureSet, worker: WorkerFacts, grade: Grade, month_start: date,
                      month_end: date, figures_used: dict[str, str] | None = None) -> list[Component]:
    """The month's standard (unprorated) amount of each pay component that applies:
    (code, label_zh, label_en, amount, clause, inputs)."""
    return components_from(scheme, component_reads(scheme, figures, worker, grade, month_start, month_end),
                           figures_used)


def component_reads(scheme: PayScheme, figures: FigureSet, worker: WorkerFacts, grade: Grade, month_start: date,
                    month_end: date) -> tuple:
    """Per component of the scheme, all it reads of the worker, grade and figures for the month (None: it pays
    nothing): `components_from` makes the amounts out of these alone, so workers alike share them."""
    year = month_start.year
    reads: list[Any] = []
    for c in scheme.components:
        read: Any = None
        if isinstance(c, ReferenceShareComponent):
            read = figures.require(c.figure, year + c.figure_year_offset)
        elif isinstance(c, TableComponent):
            scheme.tables[c.table].amounts[grade.post][str(grade.level)]  # a level the table lacks fails here
            read = (grade.post, grade.level)
        elif isinstance(c, ByEducationComponent):
            read = _education_at(worker, month_end)
        elif isinstance(c, ByCertificateComponent):
            held = list(worker.certificate_history) or ([worker.certificate] if worker.certificate else [])
            for cert in held:
                starts = (cert.approved_on.replace(day=1) if c.starts == "approval_month"
                          else next_month_start(cert.approved_on))
                amount = money(c.amounts.get(cert.level, 0))
                if starts <= month_start and amount and (read is None or amount > read[3]):
                    read = (cert.level, cert.approved_on, starts, amount)
        elif isinstance(c, ByStarComponent):
            read = worker.stars_in(year)
        elif isinstance(c, HonoursComponent):
            held_honours = [(money(c.amounts[h.level]), h.level) for h in worker.honours
                            if h.level in c.amounts and (h.date is None or h.date <= month_end)]
            if held_honours and grade.post in c.posts:  # years are counted only for a worker who may be paid
                years = honour_years(c, worker, next_month_start(month_end))
                if years >= c.min_years:
                    read = (*max(held_honours), years)
        reads.append(read)
    return tuple(reads)


def components_from(scheme: PayScheme, reads: tuple, figures_used: dict[str, str] | None = None) -> list[Component]:
    """The components' standard amounts out of what each reads (`component_reads`)."""
    figures_used = {} if figures_used is None else figures_used
    out: list[Component] = []

    def earning(code: str, zh: str, en: str, std: Decimal, clause: str, inputs: dict) -> None:
        out.append((code, zh, en, std, clause, inputs))

    for c, read in zip(scheme.components, reads):
        if isinstance(c, ReferenceShareComponent):
            figure = read
            std = money(c.share * figure.value)
            figures_used[f"{c.figure}:{figure.year}"] = f"{figure.value.normalize():f} ({figure.describe()})"
            earning(c.code, c.label_zh, c.label_en, std, c.clause, {
                "formula": f"{pct(c.share)} × {figure.describe()} = {pct(c.share)} × "
                           f"{money(figure.value)} = {std}",
                "figure_id": figure.id, "figure_status": figure.status})
        elif isinstance(c, TableComponent):
            post, level = read
            table = scheme.tables[c.table]
            std = money(table.amounts[post][str(level)])
            inputs = {"formula": f"{c.table}[{post}][{level}] = {std}"}
            if table.illustrative:
                inputs["illustrative"] = table.note or "illustrative value"
            earning(c.code, c.label_zh, c.label_en, std, c.clause, inputs)
        elif isinstance(c, ByEducationComponent):
            level = read
            std = money(c.amounts.get(level or "", 0))
            if std:
                earning(c.code, c.label_zh, c.label_en, std, c.clause, {"education": level,
                                                                          "formula": f"{level} → {std}"})
        elif isinstance(c, ByCertificateComponent):
            if read:
                level, approved_on, starts, std = read
                earning(c.code, c.label_zh, c.label_en, std, c.clause, {
                    "certificate": level, "approved_on": approved_on.isoformat(),
                    "paid_from": starts.isoformat()[:7], "formula": f"{level} → {std}"})
        elif isinstance(c, ByStarComponent):
            if read:
                stars = min(read, c.max_stars)
                std = money(c.per_star * stars)
                earning(c.code, c.label_zh, c.label_en, std, c.clause,
                        {"formula": f"{stars} ★ × {money(c.per_star)} = {std}"})
        elif isinstance(c, HonoursComponent):
            if read:
                std, level, years = read
                earning(c.code, c.label_zh, c.label_en, std, c.clause, {
                    "honour": level, c.counts: f"{years:.2f}",
                    "formula": f"{level}, {years:.2f} ≥ {c.min_years} years → {std}"})
    return out


def _outside_contribution_base(scheme: PayScheme) -> set[str]:
    """Codes of the scheme's components whose standard amount is not in the contribution base."""
    return {c.code for c in scheme.components if not c.in_contribution_base}


PAY_TOTAL_CODES = ("employer_contributions_inside", "employee_contributions_on_top")


def pay_total_lines(scheme: PayScheme, pay_total: Decimal, employer: Decimal, employee: Decimal, prorate,
                    proration: str) -> list[PayLine]:
    """The scheme's `pay_total` switch as earning lines: the employer's 五险一金 taken out of the pay total
    ("inside": 应发 = total − employer's contributions) and/or the worker's added to it ("on_top"). Each is
    prorated by the paid days of a part month, as every line is."""
    switch = scheme.pay_total
    out: list[PayLine] = []
    if switch.employer_contributions == "inside" and employer:
        amount = prorate(employer)
        inputs = {"pay_total": str(pay_total), "employer_contributions": str(employer),
                  "formula": f"{pay_total} − {amount} = {money(pay_total - amount)}", "reading": switch.reading}
        if proration:
            inputs["proration"] = f"{employer} prorated ({proration}) = {amount}"
        out.append(PayLine(code="employer_contributions_inside", label_zh="减：单位缴纳五险一金（含在薪酬总额内）",
                           label_en="less: employer's social insurance and housing fund (inside the pay total)",
                           amount=-amount, kind="earning", clause=switch.clause, inputs=inputs))
    if switch.employee_contributions == "on_top" and employee:
        amount = prorate(employee)
        out.append(PayLine(code="employee_contributions_on_top", label_zh="加：个人缴纳五险一金（薪酬总额外）",
                           label_en="plus: worker's social insurance and housing fund (besides the pay total)",
                           amount=amount, kind="earning", clause=switch.clause,
                           inputs={"pay_total": str(pay_total), "employee_contributions": str(employee),
                                   "formula": f"{pay_total} + {amount} = {money(pay_total + amount)}",
                                   "reading": switch.reading}))
    return out


@dataclass(frozen=True)
class YearEndPart:
    """A worker's year-end performance pay before any pot: the standard tenth of what the year actually paid
    (share/(1 − share) × monthly basis × months paid) and the factor of the year's result."""

    worker_id: str
    year: int
    standard: Decimal  # unrounded: share/(1 − share) × monthly basis × months paid
    factor: Decimal | None  # None: no final result yet and the scheme pays nothing without one
    which: str
    months_paid: Decimal
    monthly_basis: Decimal
    basis_month: str


@dataclass(frozen=True)
class PotAllocation:
    """A worker's part of a unit's performance pot (SS 「在绩效工资总量内…自行分配」)."""

    unit: str
    pot: Decimal
    workers: int
    weight: Decimal
    total_weight: Decimal
    amount: Decimal | None  # None: the pot is held (held_reason)
    distribution: str = ""
    held_reason: str = ""


def year_end_part(scheme: PayScheme, figures: FigureSet, worker: WorkerFacts, results: list[AssessmentResult],
                  month: str, standard: dict[str, Decimal] | None = None) -> YearEndPart | None:
    """The year's performance standard and factor for a year-end payment made in `month` (None: nothing paid
    that year). `standard`: the month's standard amounts when the payment rides on the December regular run."""
    perf = scheme.performance
    assert perf is not None
    month_start, month_end = parse_month(month)
    perf_year = month_start.year if month_start.month == 12 else month_start.year - 1
    result = next((r for r in _annual_results(worker, results) if r.year == perf_year), None)
    factor = perf.factors[result.result] if result else perf.no_result_factor
    year_last = date(perf_year, 12, 31)
    on_probation = (result is None and worker.probation_end is not None and worker.probation_end > year_last
                    and worker.hired_on <= year_last)
    if on_probation and perf.on_probation_at_year_end == "probation_factor":
        # Still on probation on 31 December: no annual result exists for the year; the scheme pays the
        # months actually paid at its probation factor (a partial year, not nothing).
        factor = perf.probation_factor
    # Each month of the year counts by its paid fraction (weighted days / days in the month), as its pay.
    fractions = {}
    for m in range(1, 13):
        m_start, m_end = parse_month(f"{perf_year}-{m:02d}")
        if m_start > month_end:
            break
        days, _, weighted = paid_days_in(scheme, worker, m_start, m_end)
        if days:
            fractions[m] = weighted / m_end.day
    paid_months = sorted(fractions)
    if not paid_months:
        return None
    # The basis is the standard monthly pay of the components in the year's last paid month.
    basis_month = f"{perf_year}-{paid_months[-1]:02d}"
    if standard is None:
        basis_start, basis_end = parse_month(basis_month)
        basis_grade = compute_grade(scheme, worker, results, basis_month)
        standard = {c[0]: c[3] for c in component_amounts(scheme, figures, worker, basis_grade, basis_start,
                                                         basis_end)}
    monthly_basis = sum((standard.get(code, ZERO) for code in perf.applies_to), ZERO)
    months_paid = sum(fractions.values(), Decimal(0))
    which = (f"{perf_year} {RESULT_ZH[result.result]}" if result
             else f"试用期至 {worker.probation_end} 跨年，按方案试用期系数 / on probation at year end, the scheme's "
                  "probation factor" if on_probation and perf.on_probation_at_year_end == "probation_factor"
             else "no final result yet / 暂无考核结果")
    return YearEndPart(worker.worker_id, perf_year, monthly_basis * months_paid * perf.share / (1 - perf.share),
                       factor, which, months_paid, monthly_basis, basis_month)


def _months(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.0001')).normalize():f}"


def year_end_line(scheme: PayScheme, part: YearEndPart, pot: PotAllocation | None = None) -> PayLine:
    perf = scheme.performance
    assert perf is not None
    base_inputs = {"result": part.which, "year": part.year}
    if part.factor is None or (perf.pot is not None and (pot is None or pot.amount is None)):
        reason = (pot.held_reason if pot is not None and pot.amount is None
                  else "the unit's pot is distributed by the year-end run / 由年终发放批次在单位绩效总量内分配"
                  if part.factor is not None else "")
        return PayLine(code="performance_year_end", label_zh="年终绩效工资（待考核结果）",
                       label_en="year-end performance pay (awaiting the final result)", amount=ZERO, kind="info",
                       clause=perf.clause, inputs={**base_inputs, **({"held": reason} if reason else {})})
    standard_text = (f"{part.monthly_basis} × {_months(part.months_paid)} × {pct(perf.share)}/{pct(1 - perf.share)}"
                     f" = {money(part.standard)}")
    if perf.pot is not None and pot is not None and pot.amount is not None:
        amount = pot.amount
        inputs = {**base_inputs, "factor": str(part.factor), "months_paid": _months(part.months_paid),
                  "basis_month": part.basis_month, "standard": standard_text, "unit": pot.unit,
                  "pot": str(pot.pot), "workers_in_pot": pot.workers, "distribution": pot.distribution,
                  "weight": f"{pot.weight.quantize(Decimal('0.0001'))}",
                  "total_weight": f"{pot.total_weight.quantize(Decimal('0.0001'))}",
                  "formula": f"{pot.pot} × {pot.weight.quantize(Decimal('0.0001'))} / "
                             f"{pot.total_weight.quantize(Decimal('0.0001'))} → {amount} (最大余数法分至分 / largest "
                             "remainder to the fen)"}
        if perf.pot.reading:
            inputs["reading"] = perf.pot.reading
    else:
        amount = money(part.standard * part.factor)
        inputs = {**base_inputs, "factor": str(part.factor), "months_paid": _months(part.months_paid),
                  "basis_month": part.basis_month,
                  "formula": f"{part.monthly_basis} × {_months(part.months_paid)} × {pct(perf.share)}/"
                             f"{pct(1 - perf.share)} × {part.factor} = {amount}"}
    if perf.illustrative:
        inputs["illustrative"] = perf.note or "illustrative factors"
    return PayLine(code="performance_year_end", label_zh=f"{part.year} 年终绩效工资",
                   label_en=f"{part.year} year-end performance pay", amount=amount, kind="earning",
                   clause=perf.clause, inputs=inputs)


def distribute_pot(scheme: PayScheme, unit: str, parts: list[YearEndPart]) -> dict[str, PotAllocation]:
    """One unit's year-end performance pot shared by its workers (SS 「用人单位根据年末考核结果，在绩效工资总量内按
    一定比例自行分配」): the pot is the sum of the workers' standard tenths (rounded once, half-up), each worker is
    weighted by the scheme's `pot.distribution` × the factor of their result, and the pot is cut to the fen by the
    largest remainder (ties by worker id), so the parts add up to the pot exactly and no factor can exceed it.
    The whole unit is needed: while anyone in it lacks a result the scheme pays for, the pot is held."""
    perf = scheme.performance
    assert perf is not None and perf.pot is not None
    config = perf.pot
    pot = money(sum((p.standard for p in parts), Decimal(0)))
    pending = [p.worker_id for p in parts if p.factor is None]
    weights = {p.worker_id: (p.standard if config.distribution == "standard_share" else p.months_paid)
               * (p.factor or Decimal(0)) for p in parts}
    total = sum(weights.values(), Decimal(0))
    held = ""
    if pending:
        held = (f"单位 {unit} 尚有 {len(pending)} 人无最终考核结果，绩效工资总量暂不分配 / {len(pending)} worker(s) of "
                f"unit {unit} have no final result yet: the pot is held")
    elif total == 0:
        held = f"单位 {unit} 无可分配权重 / no weight to distribute the pot of unit {unit} by"
    if held:
        return {p.worker_id: PotAllocation(unit, pot, len(parts), weights[p.worker_id], total, None,
                                           config.distribution, held) for p in parts}
    cent = Decimal("0.01")
    exact = {w: pot * weight / total for w, weight in weights.items()}
    floors = {w: (value / cent).to_integral_value(ROUND_FLOOR) * cent for w, value in exact.items()}
    left = int(((pot - sum(floors.values(), Decimal(0))) / cent).to_integral_value())
    for w in sorted(exact, key=lambda w: (-(exact[w] - floors[w]), w))[:left]:
        floors[w] += cent
    return {w: PotAllocation(unit, pot, len(parts), weights[w], total, money(floors[w]), config.distribution)
            for w in exact}


def withhold_and_fund(scheme: PayScheme, worker: WorkerFacts, month: str, lines: list[PayLine],
                      adjustments: list[PayLine], gross: Decimal, employee_si: Decimal, housing_employee: Decimal,
                      employer_total: Decimal, ytd: YearToDate, declarations: Sequence[Declaration],
                      tax: TaxRules | None, *, basic_deduction: bool, memo: CalcMemo | None = None,
                      claim_through: str | None = None, separate_bonus: Decimal = ZERO
                      ) -> tuple[Decimal, Decimal, dict[str, Decimal], YearToDate]:
    """Income tax (cumulative withholding), net and the funding split of a month's gross; appends the tax and
    funding lines to `lines`. `basic_deduction`: the month counts one basic deduction (a regular month, or a
    retiree's subsidy month with no other payslip that month). Returns (tax, net, funding, year to date after).
    `memo`: workers with the same figures (and declarations' working) share the result and its lines.
    `claim_through`: the last month (of `month`'s year) whose declared deductions count (default `month`; a
    worker who has left claims none for the months after leaving). `separate_bonus`: year-end performance pay
    taxed on its own (全年一次性奖金单独计税; the tax rules of the year must allow it): left out of the cumulative
    income, taxed on a line of its own; the tax returned is the payslip's whole income tax, the year to date after
    leaves the bonus and its tax out."""
    year = int(month[:4])
    tax_rules = tax or rules_for_year(year)
    # One-off items the law exempts (e.g. some subsidies) are paid but not taxed (本期免税收入).
    exempt = money(sum((l.amount for l in lines if l.kind == "earning" and l.inputs.get("taxable") is False), ZERO))
    # Declarations count from January, or the month the worker joined this office, to this month.
    claimed = (cumulative_deductions(tax_rules, list(declarations), claim_through or month,
                                     max(f"{year}-01", f"{worker.hired_on:%Y-%m}")) if declarations else {})
    # Deductions entered as one-off items (e.g. recovering a salary advance) come off the net, not the tax base.
    other_net = money(sum((l.amount for l in adjustments if l.kind == "deduction"), ZERO))

    def compute() -> tuple:
        return _tax_and_funding(scheme, tax_rules, month, exempt, claimed, other_net, gross, employee_si,
                                housing_employee, employer_total, ytd, worker.fiscal_category,
                                basic_deduction=basic_deduction, separate_bonus=separate_bonus)

    if memo is None:
        tax_amount, net, funding, ytd_after, more_lines = compute()
    else:
        key = ("tax", memo.ref(scheme), memo.ref(tax_rules), month, basic_deduction, worker.fiscal_category,
               str(exempt), str(other_net), str(gross), str(employee_si), str(housing_employee), str(employer_total),
               str(ytd.taxable_income), str(ytd.basic_deductions), str(ytd.special_deductions),
               str(ytd.tax_withheld), tuple((k, str(a), w) for k, (a, w) in claimed.items()), str(separate_bonus))
        tax_amount, net, funding, ytd_after, more_lines = memo.get(key, lambda: _shared(memo, compute()))
    lines.extend(more_lines)
    return tax_amount, net, dict(funding), ytd_after


def _shared(memo: CalcMemo, result: tuple) -> tuple:
    """A memoised result whose last item is its lines: those become the memo's shared lines."""
    return (*result[:-1], memo.share(result[-1]))


def _tax_and_funding(scheme: PayScheme, tax_rules: TaxRules, month: str, exempt: Decimal,
                     claimed: dict[str, tuple[Decimal, str]], other_net: Decimal, gross: Decimal,
                     employee_si: Decimal, housing_employee: Decimal, employer_total: Decimal, ytd: YearToDate,
                     fiscal_category: str | None, *, basic_deduction: bool, separate_bonus: Decimal = ZERO
                     ) -> tuple[Decimal, Decimal, dict[str, Decimal], YearToDate, list[PayLine]]:
    """`withhold_and_fund` from what it reads of the worker: (tax, net, funding, year to date after, the tax
    and funding lines)."""
    # --- income tax (累计预扣法, national rules of the tax year: payroll.tax.rules) ------------------
    lines: list[PayLine] = []
    basic = tax_rules.basic_deduction_monthly if basic_deduction else ZERO
    cumulative_income = money(ytd.taxable_income + gross - exempt - separate_bonus)
    cumulative_basic = money(ytd.basic_deductions + basic)
    cumulative_special = money(ytd.special_deductions + employee_si + housing_employee)
    additional = {k: a for k, (a, _) in claimed.items() if tax_rules.deductions[k].group == "special_additional"}
    other = {k: a for k, (a, _) in claimed.items() if tax_rules.deductions[k].group == "other"}
    cumulative_additional = money(sum(additional.values(), ZERO))
    cumulative_other = money(sum(other.values(), ZERO))
    taxable = max(cumulative_income - cumulative_basic - cumulative_special - cumulative_additional - cumulative_other,
                  ZERO)
    cumulative_tax, rate, quick = tax_rules.bracket(taxable)
    tax_amount = max(money(cumulative_tax - ytd.tax_withheld), ZERO)  # negative: no refund until 汇算清缴
    cumulative_line = PayLine(
        code="income_tax", label_zh="个人所得税（累计预扣）", label_en="income tax (cumulative withholding)",
        amount=tax_amount, kind="deduction", clause=tax_rules.clause,
        inputs={"cumulative_taxable": f"{cumulative_income} − {cumulative_basic} − {cumulative_special} − "
                                      f"{cumulative_additional} − {cumulative_other} = {taxable}",
                "formula": f"{taxable} × {pct(rate)} − {quick} − {ytd.tax_withheld} withheld = {tax_amount}",
                "tax_rules": tax_rules.name, "income_this_month": str(money(gross - exempt - separate_bonus)),
                "exempt_this_month": str(exempt),
                "cumulative_income": str(cumulative_income), "cumulative_basic_deduction": str(cumulative_basic),
                "cumulative_social_insurance_housing_fund": str(cumulative_special),
                "cumulative_additional_deductions": {k: str(a) for k, a in additional.items()},
                "cumulative_additional_total": str(cumulative_additional),
                "cumulative_other_deductions": {k: str(a) for k, a in other.items()},
                "cumulative_other_total": str(cumulative_other),
                "deduction_working": {k: w for k, (_, w) in claimed.items()},
                "cumulative_taxable_income": str(taxable), "rate": str(rate), "quick_deduction": str(quick),
                "cumulative_tax_due": str(cumulative_tax), "already_withheld": str(money(ytd.tax_withheld)),
                "tax_this_month": str(tax_amount)})
    lines.append(cumulative_line)
    bonus_tax = ZERO
    if separate_bonus:
        cumulative_line.inputs["year_end_bonus_taxed_separately"] = str(separate_bonus)
        bonus_line = bonus_tax_line(tax_rules, int(month[:4]), separate_bonus)
        bonus_tax = bonus_line.amount
        lines.append(bonus_line)
    withheld = money(tax_amount + bonus_tax)
    net = money(gross - employee_si - housing_employee - withheld - other_net)
    if net < ZERO:
        # A short month (a hire near its end) or a large recovery can cost more than it pays: the month's
        # contributions are still due. Nothing is paid; the shortfall is owed back (recovered outside the run).
        lines.append(PayLine(code="net_shortfall", label_zh="扣款超过应发（待收回，不进代发文件）",
                             label_en="deductions exceed gross (owed back, not in the bank file)",
                             amount=-net, kind="info",
                             inputs={"formula": f"{gross} − {employee_si} − {housing_employee} − {withheld} − "
                                                f"{other_net} = {net}"}))

    # --- funding split by fiscal level -----------------------------------------------------------
    funding_rules = scheme.funding
    rule = next((r for r in funding_rules.rules if r.fiscal_category and r.fiscal_category == fiscal_category),
                None) or next(r for r in funding_rules.rules if r.fiscal_category is None)
    # With the employer's contributions inside the pay total, gross + employer contributions is the total itself.
    cost = money(gross + (employer_total if funding_rules.include_employer_contributions else ZERO))
    funding: dict[str, Decimal] = {}
    # Fixed order (JSONB does not keep key order): the lowest level funded takes the rounding remainder.
    levels = [lv for lv in FUNDING_LEVELS if rule.shares.get(lv, 0) > 0]
    for i, lv in enumerate(levels):
        funding[lv] = (money(rule.shares[lv] * cost) if i < len(levels) - 1
                       else money(cost - sum(funding.values(), ZERO)))
        lines.append(PayLine(code=f"funding_{lv}", label_zh=f"{LEVEL_ZH.get(lv, lv)}财政承担",
                             label_en=f"funded by the {lv} level", amount=funding[lv], kind="info",
                             clause=funding_rules.clause,
                             inputs={"formula": f"{pct(rule.shares[lv])} × {cost}",
                                     "cost": (f"{gross} + employer {money(employer_total)} = {cost}"
                                              if funding_rules.include_employer_contributions else f"{gross}"),
                                     "pay_total": scheme.pay_total.employer_contributions,
                                     "fiscal_category": fiscal_category or "default"}))
    ytd_after = YearToDate(taxable_income=cumulative_income, basic_deductions=cumulative_basic,
                           special_deductions=cumulative_special, tax_withheld=money(ytd.tax_withheld + tax_amount),
                           additional_deductions=cumulative_additional, other_deductions=cumulative_other)
    return withheld, net, funding, ytd_after, lines


def bonus_tax_line(tax_rules: TaxRules, year: int, bonus: Decimal) -> PayLine:
    """全年一次性奖金个人所得税: bonus ÷ 12 → rate and quick deduction of the monthly table; bonus × rate − quick
    deduction, half-up to the fen. Every input on the line."""
    section = tax_rules.separate_bonus(year)
    assert section is not None, "the caller checked the year allows the separate method"
    amount, monthly, rate, quick = section.tax(bonus)
    return PayLine(code=BONUS_TAX_CODE, label_zh="全年一次性奖金个人所得税", label_en="IIT on year-end one-off bonus",
                   amount=amount, kind="deduction", clause=section.clause,
                   inputs={"method": "separate", "bonus": str(bonus), "bonus_divided_by_12": f"{bonus} ÷ 12 = {monthly}",
                           "rate": str(rate), "quick_deduction": str(quick),
                           "formula": f"{bonus} × {pct(rate)} − {quick} = {amount}", "tax_rules": tax_rules.name,
                           "available_through": str(section.last_year)})


def separate_bonus_of(tax: TaxRules | None, year: int, line: PayLine, method: str,
                      already_taxed: bool) -> tuple[Decimal, PayLine | None]:
    """The year-end performance pay (`line`) to tax separately, or ZERO with an info line saying why it is added
    to the cumulative income after all. `method`: the worker's election for the tax year, checked here only
    (`combined` by default: ZERO, no line — exactly as before); `already_taxed`: a payslip of the tax year already
    used the method. `tax`: the tax rules (default: the document in force for `year`, read only for `separate`)."""
    if method != "separate" or line.kind != "earning" or line.amount <= 0:
        return ZERO, None
    tax_rules = tax or rules_for_year(year)
    section = tax_rules.separate_bonus(year)
    if section is not None and not already_taxed:
        return line.amount, None
    if section is None:
        reason = (f"{year} 年的个人所得税规则不再允许全年一次性奖金单独计税，本次并入综合所得 / the tax rules of {year} no "
                  "longer allow the year-end bonus to be taxed separately: it is added to the cumulative income")
    else:
        reason = ("本纳税年度已对一笔全年一次性奖金单独计税（每年只允许采用一次），本次并入综合所得 / the separate method "
                  "was already used this tax year (once a year only): this payment is added to the cumulative income")
    return ZERO, PayLine(code=BONUS_COMBINED_CODE, label_zh="全年一次性奖金并入综合所得",
                         label_en="year-end bonus added to the cumulative income", amount=ZERO, kind="info",
                         clause=section.clause if section is not None else tax_rules.clause,
                         inputs={"method": "separate", "bonus": str(line.amount), "reason": reason})


def retired_honours_component(scheme: PayScheme) -> HonoursComponent | None:
    """The scheme's honours component that pays retirees (`retired_amounts`), if any."""
    return next((c for c in scheme.components if isinstance(c, HonoursComponent) and c.retired_amounts), None)


def calculate_retiree_month(scheme: PayScheme, figures: FigureSet, worker: WorkerFacts, month: str,
                            ytd: YearToDate | None = None, *, declarations: Sequence[Declaration] = (),
                            tax: TaxRules | None = None, month_paid: bool = False) -> PayslipCalc:
    """A retired honour holder's month (run kind `retiree`): one line, the honours component's retired amount
    (NX 「正常退休的每月分别按照…500元…600元标准补贴」), when the worker retired normally, held the office posts
    `min_years` cumulative years and holds an honour the scheme pays. No grade, social insurance, housing fund or
    performance. The month the retirement takes effect pays the days from it (the regular run paid the days
    before at the in-service amount). Income tax: wages under the same cumulative withholding (ADR 0002;
    国税函〔2008〕723号), with one basic deduction for the month unless `month_paid` (another payslip of the
    same month, the regular or a year-end one, already took it)."""
    ytd = ytd or YearToDate()
    run_kind = "retiree"
    month_start, month_end = parse_month(month)
    c = retired_honours_component(scheme)
    if c is None:
        return _not_payable(worker, month, run_kind, "scheme pays retirees no honours subsidy / 方案无退休荣誉补贴标准",
                            ytd)
    since = retired_on(worker, month_end)
    if since is None:
        return _not_payable(worker, month, run_kind, "not retired / 非正常退休人员", ytd)
    # Years in office as completed on the retirement day: office ended there, and counting at a later cut-off
    # would let leap days move a retiree's completed years (20.00 at retirement, 19.92 some years on).
    years = honour_years(c, worker, since)
    held_office = any(p.post in c.posts or p.post in c.office_posts for p in worker.post_history) \
        or worker.post in c.posts
    if not held_office or years < c.min_years:
        return _not_payable(worker, month, run_kind, f"{c.counts} {years:.2f} < {c.min_years} / 年限不足", ytd)
    held = [(money(c.retired_amounts[h.level]), h.level) for h in worker.honours
            if h.level in c.retired_amounts and (h.date is None or h.date <= month_end)]
    if not held:
        return _not_payable(worker, month, run_kind, "no honour the scheme pays / 无可补贴的表彰", ytd)
    std, level = max(held)
    days_in_month = month_end.day
    days = overlap_days(month_start, month_end, since, month_end)
    amount = std if days == days_in_month else money(std * days / days_in_month)
    inputs: dict = {"honour": level, c.counts: f"{years:.2f}", "retired_on": since.isoformat(),
                    "formula": f"{level}, {years:.2f} ≥ {c.min_years} years, retired → {std}"}
    if days != days_in_month:
        inputs["proration"] = f"{std} × {days} / {days_in_month} = {amount} (retired from {since})"
    lines = [PayLine(code="honours_retired", label_zh="离退休荣誉补贴", label_en="honours subsidy (retired)",
                     amount=amount, kind="earning", clause=c.retired_clause or c.clause, inputs=inputs)]
    gross = money(amount)
    tax_amount, net, funding, ytd_after = withhold_and_fund(
        scheme, worker, month, lines, [], gross, ZERO, ZERO, ZERO, ytd, declarations, tax,
        basic_deduction=not month_paid)
    return PayslipCalc(
        worker_id=worker.worker_id, month=month, run_kind=run_kind, payable=True, grade=None, lines=lines,
        gross=gross, income_tax=tax_amount, net=net, funding=funding, ytd_after=ytd_after,
        inputs={"scheme": scheme.name, "community_code": worker.community_code, "retired_on": since.isoformat(),
                "paid_days": days, "days_in_month": days_in_month, "fiscal_category": worker.fiscal_category,
                "standard": {"honours_retired": str(std)}})


@dataclass
class _Month:
    """One month's paid days and the lines written so far: every earning is prorated by the same paid days."""

    days_in_month: int
    paid_days: int
    probation_days: int
    weighted_days: Decimal
    full_month: bool
    proration_text: str
    lines: list[PayLine] = field(default_factory=list)
    standard: dict[str, Decimal] = field(default_factory=dict)  # unprorated monthly amount per component
    figures_used: dict[str, str] = field(default_factory=dict)

    def prorate(self, standard: Decimal) -> Decimal:
        return standard if self.full_month else money(standard * self.weighted_days / self.days_in_month)

    def earning(self, code: str, zh: str, en: str, std: Decimal, clause: str, inputs: dict) -> None:
        self.standard[code] = std
        amount = self.prorate(std)
        if not self.full_month:
            inputs = {**inputs,
                      "proration": f"{std} × {self.weighted_days.normalize():f} / {self.days_in_month} = {amount}"}
        self.lines.append(PayLine(code=code, label_zh=zh, label_en=en, amount=amount, kind="earning", clause=clause,
                                  inputs=inputs))


def _paid_month(scheme: PayScheme, worker: WorkerFacts, month_start: date, month_end: date) -> _Month:
    """Who is paid for which days: the paid, probation and weighted days of the month and how they prorate."""
    days_in_month = month_end.day
    employment = scheme.employment
    paid_days, probation_days, weighted_days = paid_days_in(scheme, worker, month_start, month_end)
    full_month = paid_days == days_in_month and (probation_days == 0 or employment.probation_rate == 1)
    proration_text = (f"{paid_days - probation_days} + {probation_days} × {pct(employment.probation_rate)} "
                      f"probation days of {days_in_month}" if not full_month else "full month")
    return _Month(days_in_month, paid_days, probation_days, weighted_days, full_month, proration_text)


def _on_sheet(memo: CalcMemo | None, key: tuple, sheet: _Month, fill: Callable[[_Month], None]) -> None:
    """`fill(sheet)` — which writes lines, standard amounts and figures used, reading only the sheet's paid days,
    its standard amounts and what `key` holds — or, with a memo, what it wrote for an earlier worker of the
    same key and paid days, replayed (the same line objects)."""
    if memo is None:
        fill(sheet)
        return

    def record() -> tuple:
        scratch = _Month(sheet.days_in_month, sheet.paid_days, sheet.probation_days, sheet.weighted_days,
                         sheet.full_month, sheet.proration_text, standard=dict(sheet.standard))
        fill(scratch)
        written = {k: v for k, v in scratch.standard.items() if sheet.standard.get(k) is not v}
        return memo.share(scratch.lines), written, scratch.figures_used

    lines, standard, used = memo.get(("sheet", sheet.days_in_month, str(sheet.weighted_days), sheet.full_month,
                                      sheet.proration_text, *key), record)
    sheet.lines.extend(lines)
    sheet.standard.update(standard)
    sheet.figures_used.update(used)


def _monthly_performance(scheme: PayScheme, sheet: _Month, annual: list[AssessmentResult], year: int) -> None:
    """Monthly performance (mode "monthly"): the share of the standard as an info line and, when the factor of
    the latest result of an earlier year is not 1, the adjustment as an earning."""
    perf = scheme.performance
    assert perf is not None
    basis = sum((sheet.standard.get(code, ZERO) for code in perf.applies_to), ZERO)
    # A year's months are paid by the latest result of an EARLIER year: a year's own result is final only after
    # the year (early next year), and reaching back with it would re-price all twelve months as arrears.
    candidates = [r for r in annual if r.year < year]
    latest = max(candidates, key=lambda r: r.year) if candidates else None
    factor = perf.factors[latest.result] if latest else perf.no_result_factor
    factor = Decimal(1) if factor is None else factor
    share_amount = sheet.prorate(money(perf.share * basis))
    which = f"{latest.year} {RESULT_ZH[latest.result]}" if latest else "no final result yet / 暂无考核结果"
    sheet.lines.append(PayLine(code="performance_share", label_zh="其中：绩效薪酬标准", label_en="of which: performance pay",
                               amount=share_amount, kind="info", clause=perf.clause,
                               inputs={"formula": f"{pct(perf.share)} × {basis} = {money(perf.share * basis)}",
                                       "proration": sheet.proration_text}))
    if factor != 1:
        std = money(perf.share * basis * (factor - 1))
        inputs = {"result": which, "factor": str(factor),
                  "formula": f"{pct(perf.share)} × {basis} × ({factor} − 1) = {std}"}
        if perf.illustrative:
            inputs["illustrative"] = perf.note or "illustrative factors"
        sheet.earning("performance", "绩效薪酬调整（按考核结果）", "performance adjustment (by assessment result)", std,
                      perf.clause, inputs)


def _pays_year_end(scheme: PayScheme, run_kind: str, month_start: date) -> bool:
    """Year-end performance is paid in exactly one place so it is never paid twice: the December regular
    run (year_end_in_december) or a separate year-end run (held in December or early the next year)."""
    perf = scheme.performance
    return perf is not None and perf.mode == "year_end" and (
        (run_kind == "year_end" and not perf.year_end_in_december)
        or (run_kind == "regular" and perf.year_end_in_december and month_start.month == 12))


def _pay_floor(scheme: PayScheme, figures: FigureSet, sheet: _Month, year: int) -> None:
    """An info line when the month's standard pay, annualised, falls below the scheme's pay floor."""
    floor_rule = scheme.pay_floor
    assert floor_rule is not None
    floor_figure = figures.get(floor_rule.figure, year + floor_rule.figure_year_offset)
    if floor_figure is None:
        return
    perf = scheme.performance
    monthly = money(sum(sheet.standard.values(), ZERO))
    # Year-end performance is the rest of the annual pay: monthly pay is (1 − share) of it.
    to_annual = (1 - perf.share) if perf is not None and perf.mode == "year_end" else Decimal(1)
    annual = money(monthly * 12 / to_annual)
    if annual < floor_figure.value:
        shortfall = money(floor_figure.value - annual)
        sheet.lines.append(PayLine(
            code="pay_floor_shortfall", label_zh="年薪低于保底标准（差额）",
            label_en="annual pay below the floor (shortfall)", amount=shortfall, kind="info",
            clause=floor_rule.clause,
            inputs={"formula": f"{monthly} × 12 / {pct(to_annual)} = {annual} < {floor_figure.describe()} "
                               f"{money(floor_figure.value)}"}))


def _contributions(scheme: PayScheme, figures: FigureSet, sheet: _Month, year: int,
                   contribution_standard: Decimal, memo: CalcMemo | None = None) -> tuple[Decimal, Decimal, Decimal]:
    """Social insurance and housing fund on the standard pay clamped to the region's floor and ceiling; appends
    their lines. Returns (employee social insurance, employer total, employee housing fund). `memo`: workers
    with the same standard pay under the same scheme and figures share the result and its lines."""
    si, hf = scheme.social_insurance, scheme.housing_fund
    si_year = year + si.figure_year_offset
    floor = figures.require(si.floor_figure, si_year)
    ceiling = figures.require(si.ceiling_figure, si_year)
    rate_figure = figures.get("housing_fund_rate", year + hf.figure_year_offset)

    def compute() -> tuple:
        return _contribution_lines(scheme, contribution_standard, floor, ceiling, rate_figure)

    if memo is None:
        used, employee_si, employer_total, housing_employee, lines = compute()
    else:  # the figures read are keyed by value (a frozen dataclass): every community priced alike shares them
        key = ("contributions", memo.ref(scheme), str(contribution_standard), floor, ceiling, rate_figure)
        used, employee_si, employer_total, housing_employee, lines = memo.get(key, lambda: _shared(memo, compute()))
    sheet.figures_used.update(used)
    sheet.lines.extend(lines)
    return employee_si, employer_total, housing_employee


def _contribution_lines(scheme: PayScheme, contribution_standard: Decimal, floor: Figure, ceiling: Figure,
                        rate_figure: Figure | None) -> tuple[dict[str, str], Decimal, Decimal, Decimal, list[PayLine]]:
    """`_contributions` from the figures it reads: (figures used, employee social insurance, employer total,
    employee housing fund, the lines)."""
    si = scheme.social_insurance
    employee_si = employer_total = ZERO
    base = money(min(max(contribution_standard, floor.value), ceiling.value))
    base_text = (f"standard pay {contribution_standard} clamped to [{money(floor.value)}, {money(ceiling.value)}] "
                 f"({floor.describe()}; {ceiling.describe()}) = {base}")
    used = {f"{floor.kind}:{floor.year}": f"{floor.value.normalize():f} ({floor.describe()})",
            f"{ceiling.kind}:{ceiling.year}": f"{ceiling.value.normalize():f} ({ceiling.describe()})"}
    lines: list[PayLine] = []
    for item, rate in si.employee.items():
        amount = money(base * rate)
        employee_si += amount
        zh, en = SI_LABELS.get(item, (item, item))
        lines.append(PayLine(code=f"si_{item}", label_zh=f"个人{zh}", label_en=f"employee {en}", amount=amount,
                             kind="deduction", clause=si.clause,
                             inputs={"base": base_text, "formula": f"{base} × {pct(rate)} = {amount}"}))
    for item, rate in si.employer.items():
        amount = money(base * rate)
        employer_total += amount
        zh, en = SI_LABELS.get(item, (item, item))
        inputs = {"formula": f"{base} × {pct(rate)} = {amount}"}
        if si.illustrative_employer:
            inputs["illustrative"] = "employer rates are illustrative: use the province's published rates"
        lines.append(PayLine(code=f"employer_si_{item}", label_zh=f"单位{zh}", label_en=f"employer {en}",
                             amount=amount, kind="employer", clause=si.clause, inputs=inputs))
    hf = scheme.housing_fund
    rate = rate_figure.value if rate_figure else hf.default_rate
    rate_source = rate_figure.describe() if rate_figure else "scheme default rate"
    housing_employee = money(base * rate)
    lines.append(PayLine(code="housing_fund", label_zh="个人住房公积金", label_en="employee housing fund",
                         amount=housing_employee, kind="deduction", clause=hf.clause,
                         inputs={"formula": f"{base} × {pct(rate)} = {housing_employee}", "rate": rate_source}))
    lines.append(PayLine(code="employer_housing_fund", label_zh="单位住房公积金", label_en="employer housing fund",
                         amount=housing_employee, kind="employer", clause=hf.clause,
                         inputs={"formula": f"{base} × {pct(rate)} = {housing_employee}", "rate": rate_source}))
    employer_total += housing_employee
    return used, employee_si, employer_total, housing_employee, lines


def _seconded(worker: WorkerFacts, month_start: date, month_end: date) -> bool:
    return bool(worker.secondments) and any(s.start <= month_end and (s.end is None or s.end >= month_start)
                                            for s in worker.secondments)


FORMER_WORKER_ZH = "已离职，仅发放补发/一次性项目"
ONE_OFF_RUN_ZH = "一次性项目单独发放（当月工资见月度批次）"


def _adjustments_only(scheme: PayScheme, worker: WorkerFacts, month: str, run_kind: str, adjustments: list[PayLine],
                      last_paid: date, ytd: YearToDate, declarations: Sequence[Declaration],
                      tax: TaxRules | None) -> PayslipCalc:
    """A month the worker is not employed in — they left before it — that still carries `adjustments`: arrears
    (补发/补扣) of months paid while employed (POLICY §5: the difference an official figure makes is paid or
    recovered "in a later month, with a line per affected month", whether or not the worker is still employed)
    or one-off items entered for the month. The payslip pays those alone:
    - no base, grade pay, allowances or performance: the month is not worked;
    - no social insurance or housing fund: contributions are owed for months of employment, and the arrears
      lines carry none in any month (`arrears_line`);
    - income tax by the same cumulative withholding (累计预扣法) of the tax year, the adjustments being wages
      paid by the same withholding agent, with NO basic deduction for this month: TAX.md counts
      「5,000 × months employed by this withholding agent this year」 and this month is not one of them (the months
      employed already took theirs, in the year to date); declared special additional / other deductions count
      through the last month employed only, for the same reason (none when that month is in an earlier year);
    - net = the adjustments − that tax (− any deduction item); a net below zero (recoveries only) is owed back.
    An info line says why the payslip is so short (已离职，仅发放补发/一次性项目)."""
    _, month_end = parse_month(month)
    last_month = f"{last_paid:%Y-%m}"
    same_year = last_month[:4] == month[:4]
    lines = [PayLine(code="former_worker", label_zh=FORMER_WORKER_ZH,
                     label_en="left: arrears and one-off items only", amount=ZERO, kind="info",
                     clause=scheme.employment.clause,
                     inputs={"exit_date": worker.exit_date.isoformat() if worker.exit_date else None,
                             "last_paid_day": last_paid.isoformat(), "status": worker.status,
                             "reading": "not employed in the month: no base, allowances, social insurance or housing "
                                        "fund; tax on the adjustments with no basic deduction for the month "
                                        "(TAX.md: 5,000 × months employed)"})]
    lines.extend(adjustments)
    gross = money(sum((l.amount for l in adjustments if l.kind == "earning"), ZERO))
    tax_amount, net, funding, ytd_after = withhold_and_fund(
        scheme, worker, month, lines, adjustments, gross, ZERO, ZERO, ZERO, ytd,
        declarations if same_year else (), tax, basic_deduction=False,
        claim_through=last_month if same_year else None)
    return PayslipCalc(
        worker_id=worker.worker_id, month=month, run_kind=run_kind, payable=True, grade=None, lines=lines,
        gross=gross, income_tax=tax_amount, net=net, funding=funding, ytd_after=ytd_after,
        inputs={"scheme": scheme.name, "community_code": worker.community_code, "employed": False,
                "reason": FORMER_WORKER_ZH, "exit_date": worker.exit_date.isoformat() if worker.exit_date else None,
                "last_paid_day": last_paid.isoformat(), "paid_days": 0, "probation_days": 0,
                "days_in_month": month_end.day, "proration": "not employed in the month", "figures": {},
                "fiscal_category": worker.fiscal_category, "contribution_standard": "0.00",
                "pay_total": str(gross), "standard": {}})


def calculate_month(scheme: PayScheme, figures: FigureSet, worker: WorkerFacts, results: list[AssessmentResult],
                    month: str, ytd: YearToDate | None = None, *, run_kind: str = "regular",
                    adjustments: list[PayLine] | None = None, declarations: Sequence[Declaration] = (),
                    tax: TaxRules | None = None, pot: PotAllocation | None = None,
                    memo: CalcMemo | None = None, month_paid: bool = False, bonus_method: str = "combined",
                    bonus_taxed: bool = False) -> PayslipCalc:
    """`adjustments`: arrears and one-off items (an earning with inputs["taxable"] False is exempt; a deduction
    comes off the net); a month the worker is no longer employed in pays them alone (`_adjustments_only`).
    `declarations`: the worker's 专项附加扣除 and other deductions of the tax year.
    `tax`: the national tax rules (default: the document in force for the month's year). `pot`: this worker's part
    of the unit's year-end performance pot (schemes with `performance.pot`: `distribute_pot` over the whole unit).
    `memo` (a run's, per scheme and figures): what workers paid alike share is computed once (CalcMemo).
    `month_paid`: another payslip of the month already took the month's basic deduction. The deduction is
    5,000 for each month employed (「5,000 × months employed」), not for each payslip: the first payslip of
    the month calculated takes it — the regular one, or a year-end (or retiree) one calculated before it, a
    year-end payslip being paid only for a month the worker is paid in — and the others none, so the month's
    tax is the same whatever the order of the runs.
    `bonus_method`: the worker's year-end bonus election for the tax year ("combined" or "separate");
    `bonus_taxed`: another payslip of the tax year already taxed a year-end bonus separately (`separate_bonus_of`)."""
    ytd = ytd or YearToDate()
    adjustments = adjustments or []
    month_start, month_end = parse_month(month)
    separate_bonus = ZERO

    # --- who is paid, for which days -------------------------------------------------------------
    last_paid = last_paid_day(scheme, worker, month_end)
    if worker.hired_on > month_end:
        return _not_payable(worker, month, run_kind, "not yet hired / 尚未入职", ytd)
    if last_paid < max(month_start, worker.hired_on):
        if any(line.amount for line in adjustments):  # arrears or one-off items still owed to a worker who left
            return _adjustments_only(scheme, worker, month, run_kind, adjustments, last_paid, ytd, declarations, tax)
        return _not_payable(worker, month, run_kind, "pay stopped after exit / 离职后停发", ytd)
    sheet = _paid_month(scheme, worker, month_start, month_end)
    lines, standard = sheet.lines, sheet.standard

    grade = compute_grade(scheme, worker, results, month)
    year = month_start.year

    # --- monthly components ----------------------------------------------------------------------
    if run_kind == "regular":
        reads = component_reads(scheme, figures, worker, grade, month_start, month_end)

        def components(on: _Month) -> None:
            for code, zh, en, std, clause, inputs in components_from(scheme, reads, on.figures_used):
                on.earning(code, zh, en, std, clause, inputs)

        _on_sheet(memo, ("components", memo and memo.ref(scheme), reads), sheet, components)

    # --- performance -----------------------------------------------------------------------------
    perf = scheme.performance
    if perf is not None and perf.mode == "monthly" and run_kind == "regular":
        annual = _annual_results(worker, results)
        basis = sum((standard.get(code, ZERO) for code in perf.applies_to), ZERO)
        latest = max((r for r in annual if r.year < year), key=lambda r: r.year, default=None)
        _on_sheet(memo, ("performance", memo and memo.ref(scheme), year, str(basis),
                         latest and (latest.year, latest.result)), sheet,
                  lambda on: _monthly_performance(scheme, on, annual, year))
    if _pays_year_end(scheme, run_kind, month_start):
        part = year_end_part(scheme, figures, worker, results, month, standard if run_kind == "regular" else None)
        if part is not None:
            bonus_line = year_end_line(scheme, part, pot)
            lines.append(bonus_line)
            separate_bonus, note = separate_bonus_of(tax, year, bonus_line, bonus_method, bonus_taxed)
            if note is not None:
                lines.append(note)
    if scheme.pay_floor is not None and run_kind == "regular" and standard:
        _pay_floor(scheme, figures, sheet, year)

    if run_kind == "one_off":
        lines.append(PayLine(code="one_off_run", label_zh=ONE_OFF_RUN_ZH, label_en="one-off items paid on their own",
                             amount=ZERO, kind="info", clause=scheme.employment.clause,
                             inputs={"reading": "a run of kind one-off pays the month's one-off items that no other "
                                                "run pays, alone: the month's pay, social insurance and housing fund "
                                                "are in the monthly run; income tax is withheld cumulatively over "
                                                "every payslip of the year (累计预扣法)"}))
    lines.extend(adjustments)
    # The pay total (薪酬总额): every earning so far — what the scheme's `pay_total` says 五险一金 is inside of or
    # added to (below, once the contributions are known).
    pay_total = money(sum((l.amount for l in lines if l.kind == "earning"), ZERO))
    switch_at = len(lines)

    # --- social insurance and housing fund -------------------------------------------------------
    outside_base = _outside_contribution_base(scheme)
    contribution_standard = money(sum((v for code, v in standard.items() if code not in outside_base), ZERO))
    employee_si = employer_total = housing_employee = ZERO
    if run_kind == "regular" and contribution_standard > 0:
        employee_si, employer_total, housing_employee = _contributions(scheme, figures, sheet, year,
                                                                       contribution_standard, memo)
    employee_si = money(employee_si)
    employer, employee = money(employer_total), money(employee_si + housing_employee)

    def switch() -> tuple[PayLine, ...]:
        return tuple(pay_total_lines(scheme, pay_total, employer, employee, sheet.prorate,
                                     sheet.proration_text if not sheet.full_month else ""))

    switch_lines = list(switch() if memo is None else memo.get(
        ("pay_total", memo.ref(scheme), str(pay_total), str(employer), str(employee), sheet.days_in_month,
         str(sheet.weighted_days), sheet.full_month, sheet.proration_text), lambda: memo.share(switch())))
    lines[switch_at:switch_at] = switch_lines
    gross = money(pay_total + sum((l.amount for l in switch_lines), ZERO))

    # --- income tax and funding ------------------------------------------------------------------
    tax_amount, net, funding, ytd_after = withhold_and_fund(
        scheme, worker, month, lines, adjustments, gross, employee_si, housing_employee, employer_total, ytd,
        declarations, tax, basic_deduction=not month_paid, memo=memo, separate_bonus=separate_bonus)
    if _seconded(worker, month_start, month_end):
        lines.append(PayLine(code="secondment", label_zh="借调期间由原单位发放", label_en="seconded: paid by the home unit",
                             amount=ZERO, kind="info", clause=scheme.employment.clause))

    return PayslipCalc(
        worker_id=worker.worker_id, month=month, run_kind=run_kind, payable=True,
        grade=GradeOut(post=grade.post, level=grade.level, years=grade.years, yijiantiao=grade.yijiantiao,
                       steps=[s.as_dict() for s in grade.steps]),
        lines=lines, gross=gross, employee_social_insurance=employee_si, housing_fund=housing_employee,
        income_tax=tax_amount, net=net, employer_contributions=money(employer_total), funding=funding,
        ytd_after=ytd_after,
        inputs={"scheme": scheme.name, "community_code": worker.community_code, "paid_days": sheet.paid_days,
                "probation_days": sheet.probation_days, "days_in_month": sheet.days_in_month,
                "proration": sheet.proration_text, "figures": sheet.figures_used,
                "fiscal_category": worker.fiscal_category, "contribution_standard": str(contribution_standard),
                "pay_total": str(pay_total), "standard": {code: str(amount) for code, amount in standard.items()}},
    )
