"""A run split into per-county parts (ADR 0008): one procrastinate job per county, spread over every worker
process; each part streams its county's facts, computes and writes its payslips in its own transaction.

All-or-nothing per run is kept by the run's attempt: the run stays `draft` while its parts run (payslips of
a draft run are never read); the last part to succeed flips the run to `calculated` (a conditional UPDATE
under the run's row lock); a part failing, or the run being cancelled, deletes every payslip of the run
while that attempt is still the run's latest; a new attempt deletes whatever earlier attempts left before
its parts start. A part commits only while its attempt is the run's latest and still running (checked
under a share lock on the run's row, so a cancel or a new attempt waits for that commit and then sees it).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from payroll.inputs.clients import InputSource
from payroll.jobs import TRANSIENT_DB_ERRORS, PartRetry
from payroll.runs import calculator
from payroll.runs.execution import (
    DEFAULT_BATCH,
    RunCancelled,
    _BatchWriter,
    _compute_executor,
    _describe,
    _json,
    _read_upstream,
    _stream,
    claim,
    libpq_url,
    mark_calculated,
    run_snapshot,
)

log = logging.getLogger(__name__)

# Kinds split by county. A year-end run shares a unit's performance pot among all its workers first, and a
# unit may span counties; retiree runs are small. Both stay one job (runs.execution).
SPLIT_KINDS = ("monthly",)
PART_LOCK_SQL = "hashtext('payroll_run_part'), hashtext($1::text || ':' || $2::text)"
# Defers the parts of one attempt: (run id, attempt, county codes).
DeferParts = Callable[[uuid.UUID, int, list[str]], Awaitable[None]]


async def counties_of(source: InputSource, region: str) -> list[str]:
    """The counties a run of `region` is split into; none when it is a county or below, or the source cannot
    tell (the run is then one job)."""
    reader = getattr(source, "counties", None)
    if len(region) >= 6 or reader is None:
        return []
    return sorted(set(await reader(region)))


async def split_run(engine: AsyncEngine, run_id: uuid.UUID | str, source: InputSource,
                    defer: DeferParts) -> str | None:
    """Starts a new attempt of a run as one part per county and defers the parts. Returns None when the run
    is not split (one county, a kind that is not split, or the counties could not be read: the single job
    then runs, and fails naming the service if it is down), "skipped" when the run is not to be calculated,
    else "split"."""
    run_id = uuid.UUID(str(run_id))
    control = await asyncpg.connect(libpq_url(engine))
    try:
        row = await control.fetchrow("SELECT region_code, kind FROM payroll_run WHERE id = $1", run_id)
        if row is None or row["kind"] not in SPLIT_KINDS:
            return None
        try:
            counties = await counties_of(source, row["region_code"])
        except Exception:
            log.warning("run %s: counties of %s not read, calculated as one job", run_id, row["region_code"],
                        exc_info=True)
            return None
        if len(counties) < 2:
            return None
        run = await claim(control, run_id)
        if run is None:
            return "skipped"
        attempt = await _start_attempt(control, run_id, counties)
        try:
            await defer(run_id, attempt, counties)
        except Exception as exc:  # the queue refused: the attempt fails as a whole, it can be started again
            log.exception("run %s: parts not queued", run_id)
            await _fail(control, run_id, attempt, counties[0], exc)
            return "failed"
        log.info("run %s attempt %s: %d county parts queued", run_id, attempt, len(counties))
        return "split"
    finally:
        await control.close()  # releases the run lock: the parts' jobs now keep the run alive


async def _start_attempt(control: asyncpg.Connection, run_id: uuid.UUID, counties: list[str]) -> int:
    """The run goes back to draft without totals, loses what earlier attempts wrote and gets its parts."""
    async with control.transaction():
        attempt = await control.fetchval(
            """UPDATE payroll_run SET state = 'draft', worker_count = 0, gross_total = 0, net_total = 0,
                      employer_total = 0, arrears_total = 0, calculated_at = NULL, updated_at = now()
               WHERE id = $1 RETURNING attempts""", run_id)
        await control.execute("DELETE FROM payslip WHERE run_id = $1", run_id)
        await control.execute("DELETE FROM payroll_run_part WHERE run_id = $1", run_id)
        await control.executemany(
            "INSERT INTO payroll_run_part (run_id, attempt, region_code) VALUES ($1, $2, $3)",
            [(run_id, attempt, county) for county in counties])
    return attempt


class _PartWriter(_BatchWriter):
    """Progress into the part's row; the run's `processed` is the sum over its parts."""

    def __init__(self, *args: Any, attempt: int, region: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attempt, self.region = attempt, region

    async def report_progress(self) -> None:
        await self.control.execute(
            "UPDATE payroll_run_part SET processed = $4, updated_at = now() "
            "WHERE run_id = $1 AND attempt = $2 AND region_code = $3", self.run_id, self.attempt, self.region,
            self.processed)
        status = await self.control.fetchval(
            """UPDATE payroll_run SET updated_at = now(), processed = (
                   SELECT coalesce(sum(processed), 0) FROM payroll_run_part WHERE run_id = $1 AND attempt = $2)
               WHERE id = $1 AND attempts = $2 RETURNING job_status""", self.run_id, self.attempt)
        if status != "running":
            raise RunCancelled()


async def execute_part(engine: AsyncEngine, run_id: uuid.UUID | str, attempt: int, region: str,
                       source: InputSource, *, batch_size: int = DEFAULT_BATCH, processes: int = 0) -> str:
    """Calculates one county of a run's attempt. Returns "succeeded", "failed", "cancelled" or "skipped"
    (another process has this part, it is done, or the attempt is over)."""
    run_id = uuid.UUID(str(run_id))
    dsn = libpq_url(engine)
    control = await asyncpg.connect(dsn)
    try:
        if not await control.fetchval(f"SELECT pg_try_advisory_lock({PART_LOCK_SQL})", str(run_id), region):
            return "skipped"
        run = await control.fetchrow(
            """UPDATE payroll_run_part p SET status = 'running', processed = 0, error = NULL, updated_at = now()
               FROM payroll_run r
               WHERE p.run_id = $1 AND p.attempt = $2 AND p.region_code = $3 AND p.status IN ('queued', 'running')
                 AND r.id = p.run_id AND r.attempts = $2 AND r.job_status = 'running'
               RETURNING r.id, r.region_code AS run_region, r.month, r.kind""", run_id, attempt, region)
        if run is None:  # done already (its worker died before finishing the run?), or the attempt is over
            await finish_if_last(control, run_id, attempt)
            return "skipped"
        try:
            processed = await _calculate_part(dsn, control, engine, run, attempt, region, source, batch_size,
                                              processes)
        except RunCancelled:
            await _end_part(control, run_id, attempt, region, "cancelled")
            return "cancelled"
        except Exception as exc:
            if _transient(exc):  # rolled back, the part left 'running' for its retry to claim again
                raise PartRetry(f"run {run_id} county {region}: {exc}") from exc
            log.exception("run %s county %s failed", run_id, region)
            await _fail(control, run_id, attempt, region, exc)
            return "failed"
        log.info("run %s county %s: %d workers", run_id, region, processed)
        await finish_if_last(control, run_id, attempt)
        return "succeeded"
    finally:
        await control.close()


async def _calculate_part(dsn: str, control: asyncpg.Connection, engine: AsyncEngine, run: asyncpg.Record,
                          attempt: int, region: str, source: InputSource, batch_size: int, processes: int) -> int:
    """Streams, computes and writes the county in one transaction, committed only while the attempt runs."""
    run_id, month, kind = run["id"], run["month"], run["kind"]
    inputs = await calculator.load_inputs(engine, region, month, kind)
    part = {"id": run_id, "region_code": region, "month": month, "kind": kind}
    upstream = await _read_upstream(control, part, inputs, source, changes_region=run["run_region"])
    writer = await asyncpg.connect(dsn)
    pool = _compute_executor(processes)
    try:
        async with writer.transaction():
            out = _PartWriter(writer, control, run_id, pool, processes, {}, attempt=attempt, region=region)
            await _stream(out, part, inputs, source, upstream, batch_size)
            current = await writer.fetchrow(
                "SELECT attempts, job_status FROM payroll_run WHERE id = $1 FOR SHARE", run_id)
            if current is None or (current["attempts"], current["job_status"]) != (attempt, "running"):
                raise RunCancelled()
            snapshot = run_snapshot(inputs, source, upstream, region, month, out.processed)
            await writer.execute(
                """UPDATE payroll_run_part SET status = 'succeeded', processed = $4, total = $4,
                          snapshot = $5::jsonb, updated_at = now()
                   WHERE run_id = $1 AND attempt = $2 AND region_code = $3""",
                run_id, attempt, region, out.processed, _json(snapshot))
        return out.processed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        await writer.close()


def _transient(exc: BaseException | None) -> bool:
    """A passing refusal of the database somewhere in the chain of causes (SQLAlchemy wraps asyncpg's)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, TRANSIENT_DB_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


async def finish_if_last(control: asyncpg.Connection, run_id: uuid.UUID, attempt: int) -> bool:
    """The run becomes calculated when every part of its attempt succeeded (whichever part sees that first,
    under the run's row lock, flips it). An attempt that is over meanwhile loses its payslips instead."""
    async with control.transaction():
        run = await control.fetchrow(
            "SELECT region_code, month FROM payroll_run WHERE id = $1 AND attempts = $2 AND job_status = 'running' "
            "FOR UPDATE", run_id, attempt)
        if run is None:
            await _discard_if_over(control, run_id, attempt)
            return False
        parts = await control.fetch(
            "SELECT region_code, status, processed, snapshot FROM payroll_run_part WHERE run_id = $1 AND attempt = $2",
            run_id, attempt)
        if any(p["status"] != "succeeded" for p in parts):
            return False
        processed = sum(p["processed"] for p in parts)
        await mark_calculated(control, run_id, processed, merged_snapshot(run["region_code"], run["month"], parts))
    return True


def merged_snapshot(region: str, month: str, parts: list[Any]) -> dict[str, Any]:
    """One inputs snapshot for the run out of its parts': every county's scheme and figures (arrears read a
    past month's fingerprint by county), the facts and results counted, and the earliest change-feed cursor
    any part stopped at (a later run looks again at changes after it; looking twice owes nothing twice)."""
    import json

    pieces = [json.loads(p["snapshot"]) if isinstance(p["snapshot"], str) else p["snapshot"] for p in parts]
    first = pieces[0]
    snapshot: dict[str, Any] = {
        "month": month, "kind": first["kind"], "region": region,
        "counties": {county: value for piece in pieces for county, value in piece["counties"].items()},
        "facts": {**first["facts"], "region": region, "workers": sum(p["facts"]["workers"] for p in pieces)},
        "results": {"years": "all", "count": sum(p["results"]["count"] for p in pieces)},
        "parts": sorted(p["region_code"] for p in parts),
    }
    cursors = [int(p["changes_cursor"]) for p in pieces if p.get("changes_cursor") is not None]
    if cursors:
        snapshot["changes_cursor"] = str(min(cursors))
    return snapshot


async def _end_part(control: asyncpg.Connection, run_id: uuid.UUID, attempt: int, region: str, status: str,
                    error: str | None = None) -> None:
    await control.execute(
        "UPDATE payroll_run_part SET status = $4, error = $5, updated_at = now() "
        "WHERE run_id = $1 AND attempt = $2 AND region_code = $3", run_id, attempt, region, status, error)
    await _discard_if_over(control, run_id, attempt)


async def _fail(control: asyncpg.Connection, run_id: uuid.UUID, attempt: int, region: str,
                exc: BaseException) -> None:
    """The attempt fails as a whole: the run names the county and the cause; every payslip goes."""
    error = f"{region}: {_describe(exc)}"[:2000]
    await control.execute(
        "UPDATE payroll_run SET job_status = 'failed', error = $3, updated_at = now() "
        "WHERE id = $1 AND attempts = $2 AND job_status = 'running'", run_id, attempt, _describe(exc)[:2000])
    await _end_part(control, run_id, attempt, region, "failed", error)


async def _discard_if_over(control: asyncpg.Connection, run_id: uuid.UUID, attempt: int) -> None:
    """While `attempt` is the run's latest and no longer running (failed, cancelled), its payslips go: one
    DELETE by run (a newer attempt deleted them itself when it started)."""
    await control.execute(
        """DELETE FROM payslip WHERE run_id = $1 AND EXISTS (
               SELECT 1 FROM payroll_run WHERE id = $1 AND attempts = $2 AND job_status <> 'running'
                                           AND state = 'draft')""", run_id, attempt)
