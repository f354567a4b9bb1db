"""Glue between a run and payroll-engine's pure calculation: which scheme and figures apply to a worker,
what the worker already earned this year, which past months owe arrears, and turning a PayslipCalc
into rows for COPY. Everything here works on whole batches (one query per batch, never per worker)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from typing import Any

import asyncpg
from pydantic_core import to_json, to_jsonable_python
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from cwm_kit.types import money

from payroll.calculation.engine import (
    BONUS_TAX_CODE,
    CalcMemo,
    PotAllocation,
    YearEndPart,
    arrears_line,
    calculate_month,
    calculate_retiree_month,
    distribute_pot,
    year_end_part,
)
from payroll.calculation.schemas import PayLine, PayslipCalc, YearToDate
from payroll.inputs.schemas import AssessmentResult, WorkerFacts
from payroll.oneoff.kinds import item_line
from payroll.tax.rules import Declaration

ZERO = Decimal(0)


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (Decimal, dt.date, uuid.UUID)):
        return str(value)
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def figures_plain(figures: Any) -> Any:
    return [_plain(f) for f in figures.all()] if hasattr(figures, "all") else _plain(figures)


def fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(_plain(value), sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass
class Policy:
    """The scheme and reference figures in force for one county in one month. `figures` are the county's;
    `rows` every figure of the county, the regions above it and the townships and communities inside it,
    so each worker is priced by the most specific prefix of their own community (`figures_at`)."""

    scheme: Any
    figures: Any
    scheme_ref: dict[str, Any]
    figures_fingerprint: str
    rows: list[Any] = field(default_factory=list)
    _at: dict[str, Any] = field(default_factory=dict, repr=False)
    # What the workers priced under this policy share (engine.CalcMemo); not sent to a compute process.
    memo: CalcMemo = field(default_factory=CalcMemo, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("memo", "scheme_json", "fingerprint_json")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, memo=CalcMemo())

    @cached_property
    def scheme_json(self) -> str:
        return json.dumps(self.scheme_ref, ensure_ascii=False, default=str)

    @cached_property
    def fingerprint_json(self) -> str:
        return '"' + self.figures_fingerprint + '"'

    def figures_at(self, community_code: str) -> Any:
        """The figures in force for a community: per (kind, year) the most specific prefix (a township's
        figure wins over its county's), as `figures.choose` decides."""
        if not self.rows:
            return self.figures
        found = self._at.get(community_code)
        if found is None:
            from payroll.policy.figures import FigureSet, choose

            found = self._at[community_code] = FigureSet(community_code, choose(
                [f for f in self.rows if community_code.startswith(f.region_code)]).values())
        return found


@dataclass
class Inputs:
    """Scheme and figures per (county, month), loaded once per county and cached for the run."""

    engine: AsyncEngine
    region: str
    month: str
    kind: str
    cache: dict[tuple[str, str], Policy] = field(default_factory=dict)
    # One for the run: counties under the same scheme version (one parsed object) and figures share it.
    memo: CalcMemo = field(default_factory=CalcMemo, repr=False)

    async def prepare(self, county_codes: set[str], months: set[str]) -> None:
        from payroll.policy import service as policy_service
        from payroll.policy.repository import PolicyRepository

        missing = [(c, m) for c in county_codes for m in months if (c, m) not in self.cache]
        if not missing:
            return
        maker = async_sessionmaker(self.engine, expire_on_commit=False)
        async with maker() as session:
            for county, month in missing:
                on_date = dt.date(int(month[:4]), int(month[5:7]), 1)
                resolved = await policy_service.resolve_scheme(session, county, on_date)
                # A month is priced on its year's figures and the year before (e.g. last year's average wage).
                years = [on_date.year - 1, on_date.year]
                figures = await policy_service.figures_for_years(session, county, years)
                rows = [policy_service._figure(r) for r in
                        await PolicyRepository(session).figures_for(county, years, inside=True)]
                inside = sorted((f for f in rows if len(f.region_code) > len(county)),
                                key=lambda f: (f.region_code, f.kind, f.year, f.id or 0))
                # The fingerprint covers the figures inside the county too, so a township's new figure owes
                # arrears; without any it is the county's alone, as before.
                printed = figures_plain(figures) + ([_plain(f) for f in inside] if inside else [])
                scheme, ref = _scheme_and_ref(resolved)
                self.cache[(county, month)] = Policy(scheme, figures, ref, fingerprint(printed), rows,
                                                     memo=self.memo)

    def policy(self, county: str, month: str) -> Policy:
        return self.cache[(county, month)]

    def snapshot(self) -> dict[str, Any]:
        """Scheme version and figures per county, for the run's record of what it used."""
        counties: dict[str, Any] = {}
        for (county, month), policy in self.cache.items():
            if month == self.month:
                counties[county] = {"scheme": policy.scheme_ref, "figures": figures_plain(policy.figures),
                                    "figures_fingerprint": policy.figures_fingerprint}
        return {"month": self.month, "kind": self.kind, "region": self.region, "counties": counties}


def _scheme_and_ref(resolved: Any) -> tuple[Any, dict[str, Any]]:
    """The scheme of a `policy.service.ResolvedScheme` and the reference the run's snapshot keeps of it."""
    return resolved.scheme, {k: _plain(getattr(resolved, k))
                             for k in ("version_id", "region_prefix", "effective_from")}


class PolicyView:
    """The policies a batch needs, detached from the database (what a compute process receives)."""

    def __init__(self, cache: dict[tuple[str, str], Policy]):
        self.cache = cache

    def policy(self, county: str, month: str) -> Policy:
        return self.cache[(county, month)]


async def load_inputs(engine: AsyncEngine, region: str, month: str, kind: str) -> Inputs:
    return Inputs(engine=engine, region=region, month=month, kind=kind)


# ------------------------------------------------------------------ year to date (cumulative withholding)

# SQL: run `o` is one whose payslips run `r`'s cumulative income tax reads (year_to_date): another run of the same
# tax year, of r's month or earlier, covering some of the same workers, calculated, approved or paid. A calculation
# records them (execution.mark_calculated); approval compares (repository.outdated_by).
YEAR_TO_DATE_RUNS = """o.id <> r.id AND left(o.month, 4) = left(r.month, 4) AND o.month <= r.month
    AND (starts_with(o.region_code, r.region_code) OR starts_with(r.region_code, o.region_code))
    AND o.state IN ('calculated', 'approved', 'paid')"""

# Runs that pay the month's one-off items: each item once, by whichever calculates it first (one_off_item_payment).
PAYS_ONE_OFF_ITEMS = ("monthly", "one-off")


def not_paid_elsewhere(run_param: str) -> str:
    """SQL: item `i` is not on a payslip of another run (`run_param`, the run's id) calculated, approved or paid."""
    return f"""NOT EXISTS (SELECT 1 FROM one_off_item_payment x JOIN payroll_run o ON o.id = x.run_id
                           WHERE x.item_id = i.id AND x.run_id <> {run_param}
                             AND o.state IN ('calculated', 'approved', 'paid'))"""


NOT_PAID_ELSEWHERE = not_paid_elsewhere("$3")


async def unpaid_item_workers(connection: asyncpg.Connection, run_id: uuid.UUID, region: str,
                              month: str) -> list[str]:
    """The workers a one-off run pays: those of `region` with a one-off item of the month no other run pays."""
    rows = await connection.fetch(
        f"""SELECT DISTINCT worker_id FROM one_off_item i
            WHERE month = $2 AND region_code LIKE $1 || '%' AND {NOT_PAID_ELSEWHERE} ORDER BY 1""",
        region, month, run_id)
    return [r["worker_id"] for r in rows]


async def year_to_date(connection: asyncpg.Connection, run_id: uuid.UUID, month: str, kind: str,
                       worker_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What each worker was paid earlier in the same tax year, up to and including this month, by every
    other run that was not thrown away (calculated, approved or paid), whatever its kind and whatever the
    order the runs were calculated in: a year-end or retiree run of the month calculated before the monthly
    run is in the monthly run's cumulative withholding, and the other way round (累计预扣法: one cumulative
    figure for all the month's wages). Sums of the payslips, so a recalculated run counts once (its own
    payslips are left out); exempt one-off items are not taxable income.

    `month_paid`: another payslip of the month already took the month's basic deduction (5,000 once a
    month, however many payslips: 「5,000 × months employed」), so this one takes none: whichever payslip of
    the month is calculated first takes it (calculate_month, calculate_retiree_month), and a recalculated run
    finds it where the other payslip left it (its own payslips are not read).

    Each worker's entry also carries what else of the tax year the payslip depends on: `declarations`
    (deductions declared for the year, recounted every month so a late one catches up), `bonus_method`
    ("separate" when the worker elected to have the year-end bonus taxed separately this tax year; absent: the
    default, combined), `bonus_taxed` (a payslip of the year already taxed one separately: the method is used
    once a year) and, for a monthly or one-off run, `one_off` (the month's one-off items no other run pays,
    `NOT_PAID_ELSEWHERE`).

    A year-end bonus taxed separately (payslip_compact.bonus_separate, its tax bonus_tax) is in neither the
    cumulative income nor the cumulative tax withheld."""
    rows = await connection.fetch(
        """SELECT p.worker_id,
                  sum(p.gross) - coalesce(sum(p.tax_exempt), 0) - coalesce(sum(p.bonus_separate), 0) AS taxable_income,
                  sum(p.basic_deduction) AS basic_deductions,
                  sum(p.social_insurance + p.housing_fund) AS special_deductions,
                  sum(p.tax) - coalesce(sum(p.bonus_tax), 0) AS tax_withheld,
                  coalesce(sum(p.basic_deduction) FILTER (WHERE p.month = $4), 0) > 0 AS month_paid,
                  count(p.bonus_tax) > 0 AS bonus_taxed
           FROM payslip_compact p JOIN payroll_run r ON r.id = p.run_id
           WHERE p.worker_id = ANY($1::text[]) AND r.id <> $2 AND r.state IN ('calculated', 'approved', 'paid')
             AND p.month >= $3 AND p.month <= $4
           GROUP BY p.worker_id""",
        worker_ids, run_id, month[:4] + "-01", month,
    )
    found: dict[str, dict[str, Any]] = {r["worker_id"]: dict(r) for r in rows}
    for d in await connection.fetch(
            """SELECT id, worker_id, kind, variant, units, amount, start_month, end_month FROM tax_declaration
               WHERE worker_id = ANY($1::text[]) AND tax_year = $2 AND start_month <= $3 ORDER BY id""",
            worker_ids, int(month[:4]), month):
        found.setdefault(d["worker_id"], {}).setdefault("declarations", []).append(
            Declaration(kind=d["kind"], variant=d["variant"], amount=d["amount"], start_month=d["start_month"],
                        end_month=d["end_month"], units=d["units"], id=str(d["id"])))
    for e in await connection.fetch(
            """SELECT worker_id FROM year_end_bonus_election
               WHERE worker_id = ANY($1::text[]) AND tax_year = $2 AND method = 'separate'""",
            worker_ids, int(month[:4])):
        found.setdefault(e["worker_id"], {})["bonus_method"] = "separate"
    if kind in PAYS_ONE_OFF_ITEMS:
        for item in await connection.fetch(
                f"""SELECT id, worker_id, kind, label_zh, amount, taxable, clause, basis, created_by FROM one_off_item i
                    WHERE worker_id = ANY($1::text[]) AND month = $2 AND {NOT_PAID_ELSEWHERE} ORDER BY id""",
                worker_ids, month, run_id):
            found.setdefault(item["worker_id"], {}).setdefault("one_off", []).append(
                item_line(str(item["id"]), item["kind"], item["amount"], label_zh=item["label_zh"],
                          clause=item["clause"], taxable=item["taxable"], basis=item["basis"],
                          entered_by=item["created_by"]))
    return found


NOTHING_YET = YearToDate()  # immutable (frozen): every worker without earlier payslips this year shares it
NOTHING_YET_JSON = NOTHING_YET.model_dump_json()


def _ytd_object(row: dict[str, Any] | None) -> YearToDate:
    if not row:
        return NOTHING_YET
    return YearToDate(**{k: row.get(k) or ZERO for k in ("taxable_income", "basic_deductions",
                                                         "special_deductions", "tax_withheld")})


# ------------------------------------------------------------------ arrears

@dataclass
class PastPayslip:
    month: str
    gross_without_arrears: Decimal
    already_carried: Decimal
    figures_fingerprint: str | None
    calculated_at: dt.datetime | None
    community_code: str | None = None
    township_code: str | None = None
    county_code: str | None = None


def lookback_start(month: str, lookback_months: int) -> str:
    """The first month an arrears recomputation of `month`'s run reaches back to."""
    year, mon = int(month[:4]), int(month[5:7])
    start_index = year * 12 + mon - 1 - lookback_months
    return f"{start_index // 12:04d}-{start_index % 12 + 1:02d}"


async def owed_workers(connection: asyncpg.Connection, run_id: uuid.UUID, region: str, month: str,
                       lookback_months: int) -> list[str]:
    """Every worker of `region` a monthly run may owe something whether or not they are employed in its month:
    a one-off item entered for the month, or an approved or paid regular payslip within the arrears lookback
    (a month that may owe arrears, 补发/补扣). The run reads those missing from its `employed` stream — workers
    who have left — by id (registry population `former`). One query for the run."""
    rows = await connection.fetch(
        """SELECT worker_id FROM one_off_item WHERE month = $2 AND region_code LIKE $1 || '%'
           UNION
           SELECT p.worker_id FROM payroll_run r JOIN payslip_compact p ON p.run_id = r.id AND p.month = r.month
           WHERE r.kind = 'monthly' AND r.state IN ('approved', 'paid') AND r.id <> $4
             AND r.month >= $3 AND r.month < $2 AND p.community_code LIKE $1 || '%'
           ORDER BY 1""",
        region, month, lookback_start(month, lookback_months), run_id,
    )
    return [r["worker_id"] for r in rows]


async def arrears_candidates(connection: asyncpg.Connection, run_id: uuid.UUID, month: str, worker_ids: list[str],
                             lookback_months: int) -> dict[str, list[PastPayslip]]:
    """Past regular payslips of these workers in approved or paid runs, with what later runs already
    carried as arrears for that month (so a difference is paid once, not every month). The month's own
    gross excludes its arrears and one-off items: a recomputation never sees those."""
    start = lookback_start(month, lookback_months)
    rows = await connection.fetch(
        """SELECT p.worker_id, p.month, p.gross - p.arrears - coalesce(p.one_off_gross, 0) AS base_gross,
                  p.community_code, p.township_code, p.county_code,
                  r.inputs_snapshot -> 'counties' -> p.county_code ->> 'figures_fingerprint' AS fingerprint,
                  r.calculated_at,
                  coalesce((SELECT sum(a.amount) FROM payslip_compact c JOIN payroll_run r2 ON r2.id = c.run_id
                            JOIN payslip_line_set s ON s.id = c.line_set
                            CROSS JOIN LATERAL unnest(c.line_arrears, s.amounts) AS a(month, amount)
                            WHERE c.worker_id = p.worker_id AND c.line_arrears IS NOT NULL AND a.month = p.month
                              AND c.run_id <> $2 AND r2.state IN ('calculated', 'approved', 'paid')), 0) AS carried
           FROM payslip_compact p JOIN payroll_run r ON r.id = p.run_id
           WHERE p.worker_id = ANY($1::text[]) AND r.kind = 'monthly' AND r.state IN ('approved', 'paid')
             AND p.month >= $3 AND p.month < $4 AND r.id <> $2
           ORDER BY p.worker_id, p.month""",
        worker_ids, run_id, start, month,
    )
    past: dict[str, list[PastPayslip]] = defaultdict(list)
    for r in rows:
        past[r["worker_id"]].append(PastPayslip(r["month"], r["base_gross"], r["carried"], r["fingerprint"],
                                                r["calculated_at"], r["community_code"], r["township_code"],
                                                r["county_code"]))
    return past


# ------------------------------------------------------------------ one worker

RUN_KIND = {"monthly": "regular", "year_end": "year_end", "retiree": "retiree", "one-off": "one_off"}


def compute(inputs: Inputs | PolicyView, facts: WorkerFacts, results: list[AssessmentResult], month: str, kind: str,
            ytd_row: dict[str, Any] | None, past: list[PastPayslip],
            changed_at: dt.datetime | None = None,
            pot: PotAllocation | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """One worker's payslip for the month as (payslip columns, lines), or None when nothing is due. `pot`: the
    worker's part of the unit's year-end performance pot (`performance_pots`)."""
    policy = inputs.policy(county_of(facts), month)
    if kind == "retiree":
        # A retired honour holder: the honours component's retired amount only (calculate_retiree_month).
        extra = ytd_row or {}
        ytd = _ytd_object(ytd_row)
        calc = calculate_retiree_month(policy.scheme, policy.figures_at(facts.community_code), facts, month, ytd,
                                       declarations=extra.get("declarations", ()),
                                       month_paid=bool(extra.get("month_paid")))
        return to_rows(calc, ytd, facts, results, policy) if calc.payable else None
    arrears = arrears_lines(inputs, facts, results, past, changed_at) if kind == "monthly" else []
    ytd = _ytd_object(ytd_row)
    extra = ytd_row or {}
    calc = calculate_month(policy.scheme, policy.figures_at(facts.community_code), facts, results, month, ytd,
                           run_kind=RUN_KIND[kind],
                           adjustments=arrears + extra.get("one_off", []), declarations=extra.get("declarations", ()),
                           pot=pot, memo=policy.memo, month_paid=bool(extra.get("month_paid")),
                           bonus_method=extra.get("bonus_method", "combined"),
                           bonus_taxed=bool(extra.get("bonus_taxed")))
    if not calc.payable:
        return None
    return to_rows(calc, ytd, facts, results, policy)


def pot_unit(scheme: Any, facts: WorkerFacts) -> str | None:
    """The unit owning the worker's year-end performance pot (None: the scheme has no pot)."""
    perf = getattr(scheme, "performance", None)
    if perf is None or perf.pot is None:
        return None
    return (facts.township_code or facts.community_code[:9]) if perf.pot.unit == "township" else county_of(facts)


def pot_parts(inputs: Inputs | PolicyView, facts: list[WorkerFacts], results: dict[str, list[AssessmentResult]],
              month: str) -> list[tuple[str, Any, YearEndPart]]:
    """(unit, scheme, year-end part) of each worker whose scheme pays performance as a pot."""
    parts = []
    for worker in facts:
        policy = inputs.policy(county_of(worker), month)
        unit = pot_unit(policy.scheme, worker)
        if unit is None:
            continue
        part = year_end_part(policy.scheme, policy.figures_at(worker.community_code), worker,
                             results.get(worker.worker_id, []), month)
        if part is not None:
            parts.append((unit, policy.scheme, part))
    return parts


def distribute_units(parts: list[tuple[str, Any, YearEndPart]]) -> dict[str, PotAllocation]:
    """Every worker's part of their unit's pot, each unit shared whole (`distribute_pot`)."""
    units: dict[str, list[YearEndPart]] = defaultdict(list)
    schemes: dict[str, Any] = {}
    for unit, scheme, part in parts:
        units[unit].append(part)
        schemes.setdefault(unit, scheme)
    allocations: dict[str, PotAllocation] = {}
    for unit, unit_parts in sorted(units.items()):
        allocations.update(distribute_pot(schemes[unit], unit, unit_parts))
    return allocations


def performance_pots(inputs: Inputs | PolicyView, facts: list[WorkerFacts],
                     results: dict[str, list[AssessmentResult]], month: str) -> dict[str, PotAllocation]:
    """Every worker's part of their unit's year-end performance pot, from the whole units (SS: the township):
    the run reads every worker before paying anyone. Workers of schemes without a pot are left out."""
    return distribute_units(pot_parts(inputs, facts, results, month))


def refuse_scheme_without_retired_amounts(scheme: Any, where: str, month: str) -> None:
    """A `retiree` run needs a scheme that pays retirees (an honours component with `retired_amounts`)."""
    from cwm_kit.problems import Problem

    from payroll.calculation.engine import retired_honours_component

    if retired_honours_component(scheme) is None:
        name = getattr(scheme, "name", "")
        raise Problem(422, "scheme_has_no_retired_amounts",
                      f"{where} 在 {month} 生效的薪酬方案（{name}）未规定正常退休人员的荣誉补贴标准（retired_amounts），"
                      "不能发放离退休荣誉补贴",
                      f"the pay scheme in force for {where} in {month} ({name}) states no honours subsidy for retirees "
                      "(retired_amounts): a retiree run cannot pay one", field="kind")


def county_of(facts: WorkerFacts) -> str:
    return facts.county_code or facts.community_code[:6]


def arrears_lines(inputs: Inputs | PolicyView, facts: WorkerFacts, results: list[AssessmentResult], past: list[PastPayslip],
                  changed_at: dt.datetime | None) -> list[PayLine]:
    """Re-run past months with today's inputs where something changed since they were calculated: a new
    reference figure (fingerprint differs), a corrected worker fact (changed after the calculation), or an
    assessment result finalised (late, or reopened and corrected, or entered as a result from before the
    system) after the calculation — it may move the grade (a Songshan 1 January promotion, NX ±½ year) or
    the monthly performance factor."""
    finalized = [r.finalized_at for r in results if r.worker_id == facts.worker_id and r.finalized_at is not None]
    lines = []
    for slip in past:
        # The month is re-priced where the worker was then: a transfer since moves neither the city's wage figure
        # nor the star rating of a month already paid (the facts' star history gives that community's rating).
        then = facts if slip.community_code in (None, facts.community_code) else facts.model_copy(update={
            "community_code": slip.community_code, "township_code": slip.township_code,
            "county_code": slip.county_code})
        policy = inputs.cache.get((county_of(then), slip.month))
        if policy is None:
            continue
        figures_changed = slip.figures_fingerprint is not None and slip.figures_fingerprint != policy.figures_fingerprint
        fact_changed = changed_at is not None and slip.calculated_at is not None and changed_at > slip.calculated_at
        result_changed = slip.calculated_at is not None and any(at > slip.calculated_at for at in finalized)
        if not (figures_changed or fact_changed or result_changed):
            continue
        again = calculate_month(policy.scheme, policy.figures_at(then.community_code), then, results, slip.month,
                                YearToDate())
        new_gross = again.gross if again.payable else ZERO
        paid = money(slip.gross_without_arrears + slip.already_carried)
        if money(new_gross - paid) != 0:
            reason = ("参考数据更正后重算 / recomputed after a reference figure changed" if figures_changed
                      else "人员信息更正后重算 / recomputed after a worker fact was corrected" if fact_changed
                      else "考核结果确定或更正后重算 / recomputed after an assessment result was finalised or corrected")
            lines.append(arrears_line(slip.month, paid, new_gross, reason=reason))
    return lines


def _json(value: Any) -> str:
    # pydantic-core's serializer: Decimal, dates and models without a detour through Python dicts.
    return to_json(value).decode()


def _line_row(line: Any) -> tuple[dict[str, Any], bool, bool, bool]:
    """A line's COPY row, and whether it adds to the arrears, one-off and tax-exempt one-off sums."""
    arrears_month = line.inputs.get("month") if line.code.startswith("arrears_") else None
    one_off = line.kind == "earning" and line.code.startswith("one_off_")  # kept apart: arrears and YTD read them
    row = {"code": line.code, "label_zh": line.label_zh, "label_en": line.label_en, "amount": line.amount,
           "kind": line.kind, "clause": line.clause or None, "inputs": _json(line.inputs),
           "arrears_month": arrears_month}
    return row, bool(arrears_month), one_off, one_off and line.inputs.get("taxable") is False


def to_rows(calc: PayslipCalc, ytd: YearToDate, facts: WorkerFacts, results: list[AssessmentResult],
            policy: Policy) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Columns for COPY; JSON columns already serialised (this is the hot path of a run). `inputs_of` gives the
    payslip's `inputs` object."""
    lines = []
    arrears = one_off = exempt = ZERO
    bonus_separate = bonus_tax = None
    shared = policy.memo.shared_lines  # lines workers share (the memo's): each made into a row once
    for line in calc.lines:
        known = shared.get(id(line))
        made = known[1] if known is not None else None
        if made is None:
            made = _line_row(line)
            if known is not None:
                known[1] = made
        row, is_arrears, is_one_off, is_exempt = made
        lines.append(row)
        if is_arrears:
            arrears += line.amount
        if is_one_off:
            one_off += line.amount
        if is_exempt:
            exempt += line.amount
        if line.code == BONUS_TAX_CODE:  # 全年一次性奖金单独计税: kept out of the next payslips' year to date
            bonus_separate, bonus_tax = money(Decimal(line.inputs["bonus"])), line.amount
    # The payslip's inputs by top-level key (runs.compact stores them): as JSON the keys most workers share,
    # as plain JSON values the two that are mostly the worker's own (kept as the difference from a template).
    parts = {"grade": calc.grade.model_dump_json() if calc.grade else "null",
             "results": _json(results) if results else "[]",
             "year_to_date_before": NOTHING_YET_JSON if ytd is NOTHING_YET else ytd.model_dump_json(),
             "scheme": policy.scheme_json,
             "figures_fingerprint": policy.fingerprint_json}
    own = {"calculation": to_jsonable_python(calc.inputs), "facts": facts.model_dump(mode="json", by_alias=True)}
    slip = {
        "gross": calc.gross,
        "social_insurance": calc.employee_social_insurance,
        "housing_fund": calc.housing_fund,
        "basic_deduction": money(calc.ytd_after.basic_deductions - ytd.basic_deductions),
        "tax": calc.income_tax,
        "net": calc.net,
        "employer_cost": calc.employer_contributions,
        "arrears": money(arrears),
        "funding": _json({k: str(v) for k, v in calc.funding.items()}),
        "inputs_parts": parts,
        "inputs_own": own,
        "one_off_gross": money(one_off) if one_off else None,
        "tax_exempt": money(exempt) if exempt else None,
        "bonus_separate": bonus_separate,
        "bonus_tax": bonus_tax,
        "post_label": post_label(facts, policy, calc.grade.post if calc.grade else None),
        "grade_level": calc.grade.level if calc.grade else None,
    }
    return slip, lines


def inputs_of(slip: dict[str, Any]) -> dict[str, Any]:
    """The payslip's `inputs` as stored and read back (the `payslip` view's column), from `to_rows`' columns."""
    return {**{key: json.loads(body) for key, body in slip["inputs_parts"].items()}, **slip["inputs_own"]}


def post_label(facts: WorkerFacts, policy: Policy, post: str | None = None) -> str | None:
    """The label of the post the month pays (`post`, else the current one; with the next-month rule a month of
    a post change pays the earlier post): the registry catalogue's label (facts), else the pay scheme's label
    of the post, else None."""
    post = post or facts.post
    if post == facts.post:
        label = facts.post_label_zh
    else:
        label = next((p.label_zh for p in reversed(facts.post_history) if p.post == post and p.label_zh), None)
    definition = (getattr(policy.scheme, "posts", None) or {}).get(post)
    label = label or getattr(definition, "label_zh", None)
    return label[:64] if label else None
