"""The grade projection (ADR 0005): `/me/grade` answers from payroll's own table of the registry's facts and
assessment's final results, and asks the live feeds only when the worker's row is missing or stale.

- **Filled a community at a time.** A miss streams the facts of the worker's community (the feed a worker's
  grade was always read from) and its results pages once, and stores every worker's line of that community:
  the next colleague's request is a hit.
- **Invalidated from the feeds.** `invalidate_from_feeds` (the payroll worker, every 10 s) reads the registry's
  change feed and assessment's results feed after their stored cursors and deletes the rows of the workers,
  and the regions, they name; a rule change without a worker deletes every row under its prefix.
- **Bounded age.** A row older than `grade_projection_max_age_seconds` is never served, feeds or not.

The rows hold the feeds' JSON as received and are validated with the same models, then priced by the same
`compute_grade` as the live path and the payslip: the answer is the live answer (tests/grades/test_projection.py).
"""

from __future__ import annotations

import logging
from contextlib import aclosing
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Interval, bindparam, delete, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import CompiledSelect
from cwm_kit.http import ServiceClient
from cwm_kit.upstream import cursor_pages

from payroll import upstream

from payroll.inputs.schemas import AssessmentResult, WorkerFacts

from .models import GradeFeedCursor, GradeInput

log = logging.getLogger(__name__)
DEFAULT_MAX_AGE_SECONDS = 900.0


# Built once (every /me/grade reads it, straight on asyncpg): the worker, month and maximum age are bound per call.
_READ = CompiledSelect(select(GradeInput.facts, GradeInput.results, GradeInput.refreshed_at).where(
    GradeInput.worker_id == bindparam("gi_worker"), GradeInput.month == bindparam("gi_month"),
    GradeInput.refreshed_at > func.now() - bindparam("gi_max_age", type_=Interval())))


async def read(session: AsyncSession, worker_id: str, month: str,
               max_age_seconds: float) -> tuple[WorkerFacts, list[AssessmentResult], datetime] | None:
    """The worker's stored inputs for the month and when they were read from the feeds, or None when missing or
    older than `max_age_seconds`."""
    row = await _READ.first(session, gi_worker=worker_id, gi_month=month, gi_max_age=timedelta(seconds=max_age_seconds))
    if row is None:
        return None
    return (WorkerFacts.model_validate(row.facts), [AssessmentResult.model_validate(r) for r in row.results],
            row.refreshed_at)


async def community_inputs(registry: ServiceClient, assessment: ServiceClient, region: str, as_of: date
                           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every facts line and final result of `region` from the live feeds (payroll's service token), as received."""
    facts = [line async for line in upstream.worker_facts(registry, region, as_of, as_of.replace(month=1, day=1),
                                                          model=dict[str, Any])]
    results = [item async for item in upstream.results(assessment, region, model=dict[str, Any])]
    return facts, results


async def store(session: AsyncSession, month: str, facts: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
    """Upsert one row per facts line (in worker order, so concurrent fills never deadlock)."""
    by_worker: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_worker.setdefault(str(result.get("worker_id")), []).append(result)
    # The live path asks assessment for the results under the worker's own community: keep exactly those.
    rows = [{"worker_id": str(line["worker_id"]), "month": month, "community_code": str(line["community_code"]),
             "facts": line, "results": [r for r in by_worker.get(str(line["worker_id"]), [])
                                        if str(r.get("community_code") or "").startswith(str(line["community_code"]))
                                        or not r.get("community_code")]}
            for line in sorted(facts, key=lambda f: str(f.get("worker_id")))
            if line.get("worker_id") and line.get("community_code")]
    if not rows:
        return
    statement = insert(GradeInput).values(rows)
    await session.execute(statement.on_conflict_do_update(
        index_elements=[GradeInput.worker_id, GradeInput.month],
        set_={"community_code": statement.excluded.community_code, "facts": statement.excluded.facts,
              "results": statement.excluded.results, "refreshed_at": func.now()}))


async def _cursor(session: AsyncSession, feed: str) -> str | None:
    return (await session.execute(select(GradeFeedCursor.cursor).where(GradeFeedCursor.feed == feed))).scalar()


async def _save_cursor(session: AsyncSession, feed: str, cursor: str) -> None:
    statement = insert(GradeFeedCursor).values(feed=feed, cursor=cursor)
    await session.execute(statement.on_conflict_do_update(
        index_elements=[GradeFeedCursor.feed], set_={"cursor": cursor, "updated_at": func.now()}))


async def _drop(session: AsyncSession, workers: set[str], prefixes: set[str]) -> int:
    conditions = []
    if workers:
        conditions.append(GradeInput.worker_id.in_(sorted(workers)))
    conditions += [GradeInput.community_code.startswith(p, autoescape=True) for p in sorted(prefixes)]
    if not conditions:
        return 0
    return (await session.execute(delete(GradeInput).where(or_(*conditions)))).rowcount or 0


async def invalidate_from_feeds(session: AsyncSession, registry: ServiceClient, assessment: ServiceClient,
                                *, max_pages: int = 50) -> int:
    """Delete the rows the feeds say changed since the stored cursors; returns how many. One caller at a time
    (a transaction-scoped advisory lock); a first call only records where the feeds are (rows are younger
    than the max age anyway)."""
    if not (await session.execute(text("SELECT pg_try_advisory_xact_lock(hashtext('payroll.grade_feeds'))"))).scalar():
        return 0
    dropped = 0
    # Registry: every write, with the worker and region it concerns.
    cursor = await _cursor(session, "registry_changes")
    after = int(cursor) if cursor else 0
    for _ in range(max_pages):
        page = await registry.get_json("/v1/changes", params={"after": after, "limit": 1000}, as_service=True)
        items = page.get("items", [])
        if cursor is not None:
            workers = {str(i["worker_id"]) for i in items if i.get("worker_id")}
            # A write about no worker (a rule, a region) may change any facts line under its region.
            prefixes = {i.get("region_code") or "" for i in items if not i.get("worker_id")}
            dropped += await _drop(session, workers, prefixes)
        after = int(page.get("next_cursor") or after)
        if len(items) < 1000:
            break
    await _save_cursor(session, "registry_changes", str(after))
    # Assessment: final results and their corrections, in cursor order.
    cursor = await _cursor(session, "assessment_results")
    after_result: str | None = cursor
    pages = cursor_pages(assessment, upstream.RESULTS, dict[str, Any], params={"limit": upstream.RESULTS_PAGE_SIZE},
                         after=after_result or None, as_service=True)
    left = max_pages
    async with aclosing(pages):
        async for page in pages:
            if cursor is not None:
                dropped += await _drop(session, {str(i["worker_id"]) for i in page.items if i.get("worker_id")}, set())
            after_result = page.next_cursor or after_result
            left -= 1
            if left <= 0:
                break
    if after_result:
        await _save_cursor(session, "assessment_results", str(after_result))
    if dropped:
        log.info("grade projection: %d rows invalidated from the feeds", dropped)
    return dropped


def now() -> datetime:
    return datetime.now(timezone.utc)
