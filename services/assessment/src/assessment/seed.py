"""Loads the assessment service's demo data (idempotent): `python -m assessment.seed`.

Own database only, before the services start:
- the demo cycles under the default guidance plan (Xingqing 640104 for 2024 and 2025, Songshan 150404 for 2024),
  opened by "seed" and named for the UI as their county's demo officer opened them (`SEED_OPENERS`);
- who is assessed, from this package's copy of the registry's deterministic demo workers in those counties
  (`demo_population.jsonl`, written by `scripts/export_demo_population.py` and checked against
  `registry.workers.demo` by tests/test_boundaries.py: worker ids are uuid5 of the national ID, so they are the
  registry's ids; the service never imports registry code), through the same rule the facts import uses;
- back-dated results (a real decision cannot be final before its public notice has run), written as the
  workflow writes them (history, published feed, audit; actor `demo`): one worker of 民乐社区
  640104001001 不合格 in both 2024 and 2025 (the registry's exit flag finds them), 优秀 up to each township's
  quota, the rest 合格 with a few 基本合格; in 2025 the township 640104002 is left at the proposal step so
  its officer has something to decide.
`assessment.demo` also imports the population through the API once the stack is up (workers the registry
holds beyond the copy).
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import run_seeders

from assessment.assessments.models import Assessment, AssessmentEvent
from assessment.assessments.service import excellent_limit
from assessment.config import get_settings
from assessment.cycles.models import Cycle
from assessment.cycles.repository import CycleRepository
from assessment.cycles.schemas import CycleIn
from assessment.cycles.service import assessee_from_facts
from assessment.models import audit_log
from assessment.results.models import PublishedResult

# (county, year): Xingqing 兴庆区 (the demo accounts' county) for two years, Songshan 松山区 for one.
DEMO_CYCLES = [("640104", 2024), ("640104", 2025), ("150404", 2024)]
EXIT_CASE_COMMUNITY = "640104001001"
LEFT_AT_PROPOSAL = {("640104", 2025): "640104002"}
SCORES = {"excellent": Decimal("93.50"), "competent": Decimal("84.20"), "basically_competent": Decimal("66.00"),
          "incompetent": Decimal("55.40")}


# Who the UI says opened a seeded cycle (`opened_by_name`; `opened_by` stays "seed", which marks the seeded
# cycles): the registry's demo county officer of the county by their display name (registry.seed DEMO_ACCOUNTS:
# xq_county, 兴庆区社会工作部; their account id is the registry's own, not known here), else, where no demo
# account is the county's officer (Songshan), what the cycle is.
SEED_OPENERS = {"640104": "兴庆区社会工作部"}
SEED_OPENER_LABEL = "系统初始化（演示数据）"

# Why the seeded results are in the audit trail, in Chinese and English as the other seeded texts are; what a
# database seeded before said (English only), reworded by `publish_back_dated` on the next seed.
BACK_DATED_REASON = "演示数据（往期考核结果补录） / demo data (back-dated)"
OLD_BACK_DATED_REASON = "demo data (back-dated)"


def seed_opener(county_code: str) -> str:
    return SEED_OPENERS.get(county_code, SEED_OPENER_LABEL)


async def seed_cycles(session: AsyncSession) -> None:
    rows = []
    for county, year in DEMO_CYCLES:
        body = CycleIn.model_validate({"year": year, "county_code": county, "plan": {}})
        rows.append({"year": year, "county_code": county, "name": f"{year}年度社区工作者考核",
                     "plan": json.loads(body.plan.model_dump_json()), "opened_by": "seed",
                     "opened_by_name": seed_opener(county)})
    # A seeded cycle of a database seeded before its opener was named is named now; any other is left alone.
    statement = pg_insert(Cycle).values(rows)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["county_code", "year"], set_={"opened_by_name": statement.excluded.opened_by_name},
        where=(Cycle.opened_by == "seed") & Cycle.opened_by_name.is_(None)))


DEMO_POPULATION_FILE = Path(__file__).with_name("demo_population.jsonl")


def registry_demo_facts() -> list[dict[str, Any]]:
    """The registry's demo workers of the demo cycles' counties as facts lines (the fields the import reads)."""
    lines = DEMO_POPULATION_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


async def seed_population(session: AsyncSession) -> None:
    facts = registry_demo_facts()
    repository = CycleRepository(session)
    for cycle in (await session.scalars(select(Cycle).where(Cycle.opened_by == "seed"))).all():
        rows = []
        for fact in facts:
            if not fact["community_code"].startswith(cycle.county_code):
                continue
            row, _ = assessee_from_facts(fact, cycle.year, int(cycle.plan["required_months"]))
            if row is not None:
                rows.append(row)
        await repository.add_assessees(cycle, rows)


def choose_results(assessments: list[Assessment], plan: dict[str, Any], exit_worker: Any) -> dict[Any, str]:
    """Deterministic results: the exit case 不合格, 优秀 up to each township's quota, some 基本合格, the rest 合格."""
    chosen: dict[Any, str] = {}
    by_township: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_township.setdefault(a.township_code, []).append(a)
    for members in by_township.values():
        annual = len([a for a in members if a.kind == "annual"])
        # Where no text caps 优秀 (NX), the demo still picks about a tenth: a demo choice, not a rule.
        excellent = excellent_limit(plan, annual)
        excellent = annual // 10 if excellent is None else excellent
        for index, a in enumerate(sorted(members, key=lambda m: (m.community_code, str(m.worker_id)))):
            if a.worker_id == exit_worker:
                chosen[a.id] = "incompetent"
            elif a.kind == "annual" and excellent > 0:
                chosen[a.id], excellent = "excellent", excellent - 1
            elif index % 7 == 3:
                chosen[a.id] = "basically_competent"
            else:
                chosen[a.id] = "competent"
    return chosen


async def exit_case_worker(session: AsyncSession) -> Any:
    """An annual assessee of the exit-case community listed in every seeded year of its county."""
    cycles = (await session.scalars(select(Cycle.id).where(Cycle.county_code == EXIT_CASE_COMMUNITY[:6]))).all()
    rows = (await session.execute(select(Assessment.worker_id, Assessment.cycle_id).where(
        Assessment.community_code == EXIT_CASE_COMMUNITY, Assessment.kind == "annual"))).all()
    years: dict[Any, set] = {}
    for worker_id, cycle_id in rows:
        years.setdefault(worker_id, set()).add(cycle_id)
    candidates = sorted(w for w, listed in years.items() if listed == set(cycles))
    return candidates[0] if candidates else None


async def publish_back_dated(session: AsyncSession) -> None:
    """Results for every still-pending assessee of the seeded cycles, dated early in the following year."""
    # The seeder's own audit rows of an earlier seed say why in both languages (none other is touched).
    await session.execute(update(audit_log).where(audit_log.c.actor == "demo",
                                                  audit_log.c.reason == OLD_BACK_DATED_REASON)
                          .values(reason=BACK_DATED_REASON))
    exit_worker = await exit_case_worker(session)
    cycles = (await session.scalars(select(Cycle).where(Cycle.opened_by == "seed").order_by(Cycle.year))).all()
    for cycle in cycles:
        pending = list((await session.scalars(select(Assessment).where(
            Assessment.cycle_id == cycle.id, Assessment.status == "pending")
            .order_by(Assessment.community_code, Assessment.worker_id))).all())
        if not pending:
            continue
        results = choose_results(pending, cycle.plan, exit_worker)
        base = datetime(cycle.year + 1, 1, 8, 2, 0, tzinfo=UTC)
        proposed_at, decided_at, finalized_at = base, base + timedelta(days=10), base + timedelta(days=17)
        notice_from = decided_at.date()
        notice_until = notice_from + timedelta(days=int(cycle.plan["deadlines"]["notice_days"]) - 1)
        left_at_proposal = LEFT_AT_PROPOSAL.get((cycle.county_code, cycle.year))
        events: list[dict] = []
        feed: list[dict] = []
        audits: list[dict] = []
        for a in pending:
            result = results[a.id]
            score = SCORES[result]
            a.proposed_result, a.proposed_score, a.proposal_reason = result, score, "综合日常考核、年度考核和居民满意度测评"
            a.proposed_by, a.proposed_at, a.status = "demo", proposed_at, "proposed"
            a.dimension_scores = {d["code"]: str(score) for d in cycle.plan["dimensions"]}
            events.append({"assessment_id": a.id, "action": "propose", "from_status": "pending",
                           "to_status": "proposed", "actor": "demo", "actor_role": "party_secretary",
                           "at": proposed_at, "reason": a.proposal_reason, "data": {"result": result}})
            if a.township_code == left_at_proposal:
                continue
            a.result, a.score, a.decided_by, a.decided_at = result, score, "demo", decided_at
            a.notice_from, a.notice_until = notice_from, notice_until
            a.status, a.revision, a.finalized_by, a.finalized_at = "final", 1, "demo", finalized_at
            events += [
                {"assessment_id": a.id, "action": "decide", "from_status": "proposed", "to_status": "notice",
                 "actor": "demo", "actor_role": "township_officer", "at": decided_at, "reason": None,
                 "data": {"result": result}},
                {"assessment_id": a.id, "action": "finalize", "from_status": "notice", "to_status": "final",
                 "actor": "demo", "actor_role": "township_officer", "at": finalized_at, "reason": None,
                 "data": {"revision": 1}},
            ]
            feed.append({"assessment_id": a.id, "worker_id": a.worker_id, "year": a.year, "kind": a.kind,
                         "result": result, "score": score, "community_code": a.community_code,
                         "finalized_at": finalized_at, "revision": 1, "tolerance": False})
            audits.append({"actor": "demo", "actor_role": "township_officer", "action": "assessment.finalize",
                           "entity": "assessment", "entity_id": str(a.id), "worker_id": str(a.worker_id),
                           "region_code": a.community_code,
                           "reason": BACK_DATED_REASON, "before": {"status": "pending"},
                           "after": {"status": "final", "result": result, "score": str(score)}})
        await session.flush()
        await session.execute(insert(AssessmentEvent), events)
        if feed:
            await session.execute(insert(PublishedResult), feed)
            await session.execute(insert(audit_log), audits)


# Order matters: later seeders may read what earlier ones wrote.
SEEDERS = [seed_cycles, seed_population, publish_back_dated]


async def main() -> None:
    await run_seeders(get_settings().database_url, SEEDERS)


if __name__ == "__main__":
    asyncio.run(main())
    print("assessment demo data loaded")
