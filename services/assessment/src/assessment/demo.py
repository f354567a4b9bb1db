"""Demo results that need the registry's workers (idempotent): `python -m assessment.demo`.

Runs after the whole stack is up. Through the gateway (CWM_GATEWAY_URL) it logs in as the demo county
officer and imports the assessed population of the seeded cycles from the registry's worker facts. It then
writes back-dated results straight into this service's own database, because a real decision cannot be
finalized before its public notice has run: for Xingqing (640104) both 2024 and 2025 end final, one worker
of 幸福社区 (640104001001) 不合格 in both years (the registry's exit flag finds them), 优秀 filled up to the
quota of each township; in 2025 the second township (640104002) is left at the proposal step for the demo.
The rows are exactly those the workflow writes (history, published feed, audit), with actor `demo`.
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import make_engine, make_sessionmaker

from assessment.assessments.models import Assessment, AssessmentEvent
from assessment.assessments.service import excellent_limit
from assessment.config import get_settings
from assessment.cycles.models import Cycle
from assessment.models import audit_log
from assessment.results.models import PublishedResult

COUNTY = "640104"
EXIT_CASE_COMMUNITY = "640104001001"
LEFT_AT_PROPOSAL = {2025: "640104002"}
COUNTY_LOGIN = "xq_county"
SCORES = {"excellent": Decimal("93.50"), "competent": Decimal("84.20"), "basically_competent": Decimal("66.00"),
          "incompetent": Decimal("55.40")}


def demo_login() -> tuple[str, str]:
    from registry.seed import DEMO_ACCOUNTS, DEMO_PASSWORD  # the demo logins are the registry's

    assert any(account[0] == COUNTY_LOGIN for account in DEMO_ACCOUNTS)
    return COUNTY_LOGIN, DEMO_PASSWORD


async def import_population(gateway: str) -> None:
    username, password = demo_login()
    async with httpx.AsyncClient(base_url=gateway.rstrip("/"), timeout=60) as client:
        login = await client.post("/api/auth/token", data={"username": username, "password": password})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        cycles = await client.get("/api/assessment/v1/cycles", headers=headers)
        cycles.raise_for_status()
        for cycle in cycles.json():
            if cycle["county_code"] != COUNTY:
                continue
            response = await client.post(f"/api/assessment/v1/cycles/{cycle['id']}/assessees/import", headers=headers)
            if response.status_code != 200:
                print(f"assessment demo: import for {cycle['year']} answered {response.status_code}: "
                      f"{response.text[:300]}", file=sys.stderr)
                continue
            body = response.json()
            print(f"assessment demo: {cycle['year']}: {body['added']} assessees imported, "
                  f"{body['already_listed']} already listed, {len(body['skipped'])} not assessed")


def choose_results(assessments: list[Assessment], plan: dict[str, Any], exit_worker: Any) -> dict[Any, str]:
    """Deterministic results: the exit case 不合格, 优秀 up to each township's quota, one 基本合格, the rest 合格."""
    chosen: dict[Any, str] = {}
    by_township: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_township.setdefault(a.township_code, []).append(a)
    for members in by_township.values():
        annual = [a for a in members if a.kind == "annual"]
        excellent = excellent_limit(plan, len(annual))
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


async def publish_back_dated(session: AsyncSession) -> None:
    cycles = (await session.scalars(select(Cycle).where(Cycle.county_code == COUNTY).order_by(Cycle.year))).all()
    exit_worker = None
    for cycle in cycles:
        pending = list((await session.scalars(select(Assessment).where(
            Assessment.cycle_id == cycle.id, Assessment.status == "pending")
            .order_by(Assessment.community_code, Assessment.worker_id))).all())
        listed = list((await session.scalars(select(Assessment.worker_id).where(
            Assessment.cycle_id == cycle.id, Assessment.community_code == EXIT_CASE_COMMUNITY,
            Assessment.kind == "annual").order_by(Assessment.worker_id))).all())
        if exit_worker is None and listed:
            exit_worker = listed[0]
        if not pending:
            continue
        results = choose_results(pending, cycle.plan, exit_worker)
        base = datetime(cycle.year + 1, 1, 8, 2, 0, tzinfo=UTC)
        proposed_at, decided_at, finalized_at = base, base + timedelta(days=10), base + timedelta(days=17)
        notice_from = decided_at.date()
        notice_until = notice_from + timedelta(days=int(cycle.plan["deadlines"]["notice_days"]) - 1)
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
            if LEFT_AT_PROPOSAL.get(cycle.year) == a.township_code:
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
                           "entity": "assessment", "entity_id": str(a.id), "region_code": a.community_code,
                           "reason": "demo data (back-dated)", "before": {"status": "pending"},
                           "after": {"status": "final", "result": result, "score": str(score)}})
        await session.flush()
        await session.execute(insert(AssessmentEvent), events)
        if feed:
            await session.execute(insert(PublishedResult), feed)
            await session.execute(insert(audit_log), audits)
        print(f"assessment demo: {cycle.year}: {len(feed)} results published, "
              f"{len(pending) - len(feed)} left at the proposal step")


async def main() -> int:
    gateway = os.environ.get("CWM_GATEWAY_URL", "http://127.0.0.1:8080")
    try:
        await import_population(gateway)
    except (httpx.HTTPError, KeyError) as exc:
        # The demo must never stop the stack from starting: say what is missing and carry on.
        print(f"assessment demo: could not import the population through {gateway}: {exc}", file=sys.stderr)
    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            await publish_back_dated(session)
    finally:
        await engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
