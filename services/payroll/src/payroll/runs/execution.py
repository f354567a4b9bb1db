"""The background calculation of a run: stream the inputs, compute in batches, write in bulk.

Memory stays flat in the number of workers: facts arrive one NDJSON line at a time and are computed
and COPYed `batch_size` at a time. Every payslip of an attempt is written inside ONE transaction, so a
run that fails or is cancelled half way leaves no payslips behind and can simply be started again.
Progress and the cancel flag travel on a second connection (autocommit), outside that transaction.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import multiprocessing
import os
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from cwm_kit.problems import Problem

from payroll.calendar import parse_month
from payroll.inputs.clients import InputSource
from payroll.inputs.schemas import AssessmentResult, WorkerFacts, by_worker
from payroll.jobs import CALCULATE_PART
from payroll.runs import calculator, collector, compact
from payroll.runs.calculator import Inputs

log = logging.getLogger(__name__)

# The rows payslips refer to (runs.compact), inserted once whoever needs them first.
SHARED_INSERTS = {
    "payslip_line_text": "INSERT INTO payslip_line_text (id, code, label_zh, label_en, kind, clause, inputs) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT (id) DO NOTHING",
    "payslip_line_set": "INSERT INTO payslip_line_set (id, texts, amounts) VALUES ($1, $2, $3) "
                        "ON CONFLICT (id) DO NOTHING",
    "payslip_input_part": "INSERT INTO payslip_input_part (id, key, body) VALUES ($1, $2, $3::jsonb) "
                          "ON CONFLICT (id) DO NOTHING",
}
DEFAULT_BATCH = 2000
ARREARS_LOOKBACK_MONTHS = 24
# Workers who have left are read by id, this many a request (the registry takes at most 1000 worker_id).
FORMER_BATCH = 500


# A facts stream silent this long (the registry hangs half way) fails the run instead of holding it forever.
UPSTREAM_IDLE_SECONDS = float(os.environ.get("CWM_UPSTREAM_IDLE_SECONDS", "300"))
SERVICE_NAMES = {"registry": "人员登记服务（registry）", "assessment": "考核服务（assessment）"}


class RunCancelled(Exception):
    pass


class UpstreamFailed(Exception):
    """An input service was down, or broke off or went silent half way: the run keeps nothing."""

    def __init__(self, service: str, what_zh: str, what_en: str, cause: BaseException):
        # The service token is always asked of the registry, whichever service the call was for.
        if _asked_for_token(cause):
            service, what_zh, what_en = "registry", "服务令牌", "a service token"
        self.service = service
        self.message_zh = f"无法从{SERVICE_NAMES[service]}读取{what_zh}，本次计算未保存任何工资单，服务恢复后请重新开始"
        detail = cause.message_en if isinstance(cause, Problem) else f"{type(cause).__name__}: {cause}"
        self.message_en = (f"could not read {what_en} from the {service} service ({detail}); nothing was kept, "
                           "start the run again once it is back")
        super().__init__(self.message_en)


def _asked_for_token(exc: BaseException | None) -> bool:
    while exc is not None:
        request = getattr(exc, "_request", None)  # httpx errors: the request that failed, when known
        if request is not None and request.url.path.endswith("/auth/token"):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


async def _read_from(service: str, what_zh: str, what_en: str, stream: AsyncIterator[Any]) -> AsyncIterator[Any]:
    """`stream`, with any failure (or UPSTREAM_IDLE_SECONDS of silence) named after the service it came from.

    Silence is watched by one timer for the whole stream, not one per item (an `asyncio.wait_for` per worker
    cost more than parsing the worker): while this generator waits for the next item, the timer cancels the
    waiting task once the wait reaches UPSTREAM_IDLE_SECONDS; the cancellation is turned into the failure here.
    The consumer's own work between items never counts as silence, and is never cancelled by the timer."""
    iterator = stream.__aiter__()
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    idle = UPSTREAM_IDLE_SECONDS
    waiting_since: float | None = None  # when the current wait for an item began (None: not waiting)
    expired = False
    timer: asyncio.TimerHandle | None = None

    def watch() -> None:
        nonlocal timer, expired
        now = loop.time()
        if waiting_since is not None and now - waiting_since >= idle:
            expired = True
            task.cancel()
            timer = None
        else:  # look again when the current wait (or one starting now) could reach the limit
            timer = loop.call_at((waiting_since if waiting_since is not None else now) + idle, watch)

    try:
        while True:
            waiting_since = loop.time()
            if timer is None:
                watch()
            try:
                item = await iterator.__anext__()
            except StopAsyncIteration:
                return
            except asyncio.CancelledError as exc:
                if not expired:
                    raise
                task.uncancel()
                raise UpstreamFailed(service, what_zh, what_en, TimeoutError(f"no data for {idle:g} s")) from exc
            except Exception as exc:
                raise UpstreamFailed(service, what_zh, what_en, exc) from exc
            finally:
                waiting_since = None
            yield item
    finally:
        if timer is not None:
            timer.cancel()


def libpq_url(engine_or_url: AsyncEngine | str) -> str:
    url = engine_or_url if isinstance(engine_or_url, str) else engine_or_url.url.render_as_string(
        hide_password=False)
    return url.replace("postgresql+asyncpg://", "postgresql://").replace("postgresql+psycopg://", "postgresql://")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


async def _batches(stream: AsyncIterator[WorkerFacts], size: int) -> AsyncIterator[list[WorkerFacts]]:
    batch: list[WorkerFacts] = []
    async for item in stream:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class BatchTask:
    """Everything one batch needs to be computed, picklable so another process can do it."""

    run_id: uuid.UUID
    month: str
    kind: str
    facts: list[WorkerFacts]
    results: dict[str, list[AssessmentResult]]
    ytd: dict[str, dict[str, Any]]
    past: dict[str, list[Any]]
    corrected: dict[str, dt.datetime]
    policies: dict[tuple[str, str], Any]
    pots: dict[str, Any] | None = None  # year-end: each worker's part of the unit's performance pot


@dataclass
class BatchRows:
    """A computed batch: compact payslip rows (COPY order, `compact.COMPACT_COLUMNS`) and the line texts, line
    sets and input parts they refer to."""

    payslips: list[tuple]
    line_texts: dict[uuid.UUID, tuple]
    line_sets: dict[uuid.UUID, tuple]
    input_parts: dict[uuid.UUID, tuple]
    lines: int = 0


def compute_batch(task: BatchTask) -> BatchRows:
    """The batch's payslips as compact rows: pure computation, no I/O."""
    view = calculator.PolicyView(task.policies)
    computed_slips = []
    for facts in task.facts:
        computed = calculator.compute(view, facts, task.results.get(facts.worker_id, []), task.month, task.kind,
                                      task.ytd.get(facts.worker_id), task.past.get(facts.worker_id, []),
                                      task.corrected.get(facts.worker_id), (task.pots or {}).get(facts.worker_id))
        if computed is None:  # not paid this month (left before it, not yet hired)
            continue
        if task.kind in ("year_end", "retiree") and computed[0]["gross"] == 0:  # nothing due this run
            continue
        computed_slips.append((facts, *computed))
    return _compact_rows(task, computed_slips)


def _compact_rows(task: BatchTask, computed_slips: list[tuple[WorkerFacts, dict[str, Any], list[dict]]]) -> BatchRows:
    interner = compact.Interner()
    templates = compact.templates(interner, [slip["inputs_own"] for _, slip, _ in computed_slips])
    payslips: list[tuple] = []
    line_count = 0
    for facts, slip, slip_lines in computed_slips:
        inputs_own, part_ids = compact.compact_inputs(interner, slip["inputs_parts"], slip["inputs_own"], templates)
        line_set, arrears_months = compact.compact_lines(interner, slip_lines)
        line_count += len(slip_lines)
        payslips.append((task.run_id, facts.worker_id, task.month, task.kind, facts.name[:64], facts.community_code,
                         facts.township_code or facts.community_code[:9],
                         facts.county_code or facts.community_code[:6], facts.post, slip["post_label"],
                         slip["grade_level"], slip["gross"], slip["social_insurance"], slip["housing_fund"],
                         slip["basic_deduction"], slip["tax"], slip["net"], slip["employer_cost"], slip["arrears"],
                         slip["one_off_gross"], slip["tax_exempt"], slip["funding"], inputs_own, part_ids,
                         line_set, arrears_months, slip["bonus_separate"], slip["bonus_tax"]))
    return BatchRows(payslips, interner.line_texts, interner.line_sets, interner.input_parts, line_count)


def timed_compute_batch(task: BatchTask) -> tuple[BatchRows, float]:
    started = time.perf_counter()
    rows = compute_batch(task)
    return rows, time.perf_counter() - started


def _compute_executor(processes: int) -> Executor:
    if processes <= 0:
        # One compute thread: the GIL is shared, but PostgreSQL ingests the previous batch meanwhile.
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="payroll-compute")
    # spawn, not fork: the parent holds an event loop and open connections.
    return ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=collector.compute_process_initializer)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, Problem):  # e.g. no pay scheme in force, a reference figure not yet published
        return f"{exc.code}: {exc.message_zh} / {exc.message_en}"
    if isinstance(exc, UpstreamFailed):
        return f"{exc.service}_unavailable: {exc.message_zh} / {exc.message_en}"
    return f"{type(exc).__name__}: {exc}"


def _county(facts: WorkerFacts) -> str:
    return facts.county_code or facts.community_code[:6]


async def _corrected_workers(control: asyncpg.Connection, source: InputSource, region: str,
                             month: str) -> dict[str, dt.datetime]:
    """Workers whose facts were corrected after the earliest past run that could owe them arrears
    (registry's change feed, when the source offers it)."""
    reader = getattr(source, "corrected_workers", None)
    if reader is None:
        return {}
    since = await control.fetchval(
        """SELECT min(calculated_at) FROM payroll_run
           WHERE kind = 'monthly' AND state IN ('approved', 'paid') AND month < $2
             AND (region_code LIKE $1 || '%' OR $1 LIKE region_code || '%')""",
        region, month)
    if since is None:
        return {}
    # Changes before the cursor the previous run of this region recorded were already looked at by it.
    after = await control.fetchval(
        """SELECT inputs_snapshot ->> 'changes_cursor' FROM payroll_run
           WHERE region_code = $1 AND kind = 'monthly' AND month < $2 AND state IN ('calculated', 'approved', 'paid')
             AND inputs_snapshot ? 'changes_cursor'
           ORDER BY month DESC LIMIT 1""",
        region, month)
    return await reader(region, since, after)


async def _performance_pots(run: asyncpg.Record, inputs: Inputs, source: InputSource,
                            results: dict[str, list[AssessmentResult]]) -> dict[str, Any]:
    """A year-end run's first pass: every worker of the region (facts only), so each unit's performance pot
    (SS: the township's) is shared among all its workers before anyone is paid. Keeps one small record per
    worker; the second pass streams the facts again to compute and write the payslips."""
    region, month = run["region_code"], run["month"]
    first_day, last_day = parse_month(month)
    parts: list[Any] = []
    stream = _read_from("registry", "人员信息", "worker facts", source.worker_facts(region, last_day, first_day))
    async for batch in _batches(stream, DEFAULT_BATCH):
        await inputs.prepare({_county(f) for f in batch}, {month})
        for facts in batch:
            unit = calculator.pot_unit(inputs.policy(_county(facts), month).scheme, facts)
            if unit is not None and len(unit) < len(region):  # the run covers part of a unit: no whole pot
                raise Problem(422, "performance_pot_unit_split",
                              f"绩效工资总量按单位 {unit} 分配，年终批次须覆盖整个单位（本批次为 {region}）",
                              f"the performance pot belongs to unit {unit}: a year-end run must cover the whole "
                              f"unit (this run covers {region})")
        parts.extend(calculator.pot_parts(inputs, batch, results, month))
    return calculator.distribute_units(parts)


def _pot_summary(pots: dict[str, Any]) -> dict[str, Any]:
    """Per unit: the pot, what was paid out of it (equal, to the fen) and how many shared it, or why it is held."""
    units: dict[str, dict[str, Any]] = {}
    for allocation in pots.values():
        unit = units.setdefault(allocation.unit, {"pot": str(allocation.pot), "workers": allocation.workers,
                                                  "paid": Decimal(0), "held": allocation.held_reason or None})
        unit["paid"] += allocation.amount or 0
    return {u: {**v, "paid": str(v["paid"])} for u, v in sorted(units.items())}


# Whoever calculates a run holds this session lock on its control connection. PostgreSQL releases it when
# that connection ends, however the worker ends (SIGKILL included), so a 'running' run whose lock is free
# is known dead at once: another attempt may claim it (a live calculation can never be claimed twice).
RUN_LOCK_SQL = "hashtext('payroll_run'), hashtext({id}::text)"


def calculation_alive_sql(id_expression: str) -> str:
    """SQL true while some connection still calculates the run whose id is `id_expression`, or one of its
    parts is still to do or being done (a part whose worker died stays 'doing' until it is retried)."""
    return ("(EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
            " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            f" AND l.classid = hashtext('payroll_run')::oid AND l.objid = hashtext({id_expression}::text)::oid)"
            f" OR EXISTS (SELECT 1 FROM procrastinate_jobs j WHERE j.task_name = '{CALCULATE_PART}'"
            f" AND j.status IN ('todo', 'doing') AND j.args ->> 'run_id' = ({id_expression})::text))")


async def claim(control: asyncpg.Connection, run_id: uuid.UUID) -> asyncpg.Record | None:
    """Queued → running, only once: a second worker (or a duplicate job) finds nothing to do. A run left
    'running' by a worker that died (its run lock is free again) is claimed again: the attempt that died
    wrote nothing, its payslips were in a transaction that never committed."""
    if not await control.fetchval(f"SELECT pg_try_advisory_lock({RUN_LOCK_SQL.format(id='$1')})", str(run_id)):
        return None  # another process is calculating it right now
    run = await control.fetchrow(
        """UPDATE payroll_run SET job_status = 'running', attempts = attempts + 1, processed = 0, total = NULL,
                  error = NULL, updated_at = now()
           WHERE id = $1 AND state IN ('draft', 'calculated') AND job_status IN ('queued', 'running')
           RETURNING id, region_code, month, kind""",
        run_id,
    )
    if run is None:
        await control.execute(f"SELECT pg_advisory_unlock({RUN_LOCK_SQL.format(id='$1')})", str(run_id))
    return run


async def execute_run(engine: AsyncEngine, run_id: uuid.UUID | str, source: InputSource, *,
                      batch_size: int = DEFAULT_BATCH, timings: dict[str, float] | None = None,
                      processes: int = 0) -> str:
    """Calculate one queued run. Returns the final job status ("succeeded", "failed", "cancelled",
    or "skipped" when the run was not queued). `timings` (optional) receives seconds spent computing and
    copying, for the benchmark. `processes` > 0 computes batches in that many worker processes while
    this one streams and COPYs (the calculation is CPU-bound Python)."""
    run_id = uuid.UUID(str(run_id))
    dsn = libpq_url(engine)
    control = await asyncpg.connect(dsn)
    try:
        run = await claim(control, run_id)
        if run is None:
            return "skipped"
        try:
            inputs = await calculator.load_inputs(engine, run["region_code"], run["month"], run["kind"])
            await _calculate_and_write(dsn, control, run, inputs, source, batch_size,
                                       timings if timings is not None else {}, processes)
        except RunCancelled:
            log.info("run %s cancelled", run_id)
            return "cancelled"
        except Exception as exc:  # any failure: nothing written, the run can be started again
            log.exception("run %s failed", run_id)
            await control.execute(
                "UPDATE payroll_run SET job_status = 'failed', error = $2, updated_at = now() "
                "WHERE id = $1 AND job_status = 'running'",
                run_id, _describe(exc)[:2000],
            )
            return "failed"
        return "succeeded"
    finally:
        await control.close()


@dataclass
class _Upstream:
    """What a run reads from the other services before its first batch."""

    results: list[AssessmentResult]
    results_by_worker: dict[str, list[AssessmentResult]]
    corrected: dict[str, Any]
    pots: dict[str, Any]
    former: int = 0  # workers not employed in the month, paid their arrears or one-off items (_stream)


async def _read_upstream(control: asyncpg.Connection, run: asyncpg.Record, inputs: Inputs,
                         source: InputSource, changes_region: str | None = None) -> _Upstream:
    """`changes_region`: whose previous run's change-feed cursor to read from (a part of a split run reads
    from its run's, ADR 0008); the run's region by default."""
    region, month, kind = run["region_code"], run["month"], run["kind"]
    # Results of every year of the career: each year's ±½-year effect counts toward the grade (the same
    # results the grade page reads), and performance pay reads the latest final result.
    try:
        results = await source.results(region, None) if kind != "retiree" else []  # no grade, no performance
    except Exception as exc:
        raise UpstreamFailed("assessment", "考核结果", "assessment results", exc) from exc
    results_by_worker = by_worker(results)

    try:
        # Arrears are recomputed by the regular monthly run only.
        corrected = (await _corrected_workers(control, source, changes_region or region, month)
                     if kind != "retiree" else {})
    except Exception as exc:
        raise UpstreamFailed("registry", "人员信息变更", "the change feed", exc) from exc

    pots = await _performance_pots(run, inputs, source, results_by_worker) if kind == "year_end" else {}
    return _Upstream(results, results_by_worker, corrected, pots)


class _BatchWriter:
    """Batches are computed off the event loop and written in order: while batch k is COPYed, batch k + 1 is
    computed (a thread, or `processes` worker processes)."""

    def __init__(self, writer: asyncpg.Connection, control: asyncpg.Connection, run_id: uuid.UUID, pool: Executor,
                 processes: int, timings: dict[str, float]) -> None:
        self.writer, self.control, self.run_id, self.pool, self.timings = writer, control, run_id, pool, timings
        self.in_flight = max(processes, 1)
        self.pending: deque[tuple[asyncio.Future, int]] = deque()
        self.processed = 0
        self.months_ready: set[str] = set()
        self.stored_ids: set[uuid.UUID] = set()  # shared rows this writer already stored

    async def _store_shared(self, rows: BatchRows) -> None:
        """The month's partition and the batch's new line texts, sets and input parts, committed at once on the control
        connection: they are content-addressed and immutable, so concurrent runs (or parts) share them without
        waiting for each other's transaction; an attempt that fails leaves them for the next one."""
        months = {row[2] for row in rows.payslips} - self.months_ready
        for month in sorted(months):
            await self.control.execute("SELECT payslip_partition($1)", month)
            self.months_ready.add(month)
        for table, found in (("payslip_line_text", rows.line_texts), ("payslip_line_set", rows.line_sets),
                             ("payslip_input_part", rows.input_parts)):
            new = [found[i] for i in sorted(found.keys() - self.stored_ids)]
            if new:  # sorted by id: concurrent inserts take the key locks in one order, so never deadlock
                await self.control.executemany(SHARED_INSERTS[table], new)
            self.stored_ids.update(found)

    async def submit(self, task: BatchTask, size: int) -> None:
        self.pending.append((asyncio.get_running_loop().run_in_executor(self.pool, timed_compute_batch, task), size))
        while len(self.pending) > self.in_flight:
            await self._write_next()

    async def drain(self) -> None:
        while self.pending:
            await self._write_next()

    async def _write_next(self) -> None:
        timings = self.timings
        future, size = self.pending.popleft()
        waited = time.perf_counter()
        rows, seconds = await future
        timings["compute"] = timings.get("compute", 0.0) + seconds
        timings["compute_wait"] = timings.get("compute_wait", 0.0) + time.perf_counter() - waited
        await self._write(rows, size)

    async def _write(self, rows: BatchRows, size: int) -> None:
        timings = self.timings
        copy_started = time.perf_counter()
        if rows.payslips:
            await self._store_shared(rows)
            await self.writer.copy_records_to_table("payslip_compact", records=rows.payslips,
                                                    columns=compact.COMPACT_COLUMNS)
        timings["copy"] = timings.get("copy", 0.0) + time.perf_counter() - copy_started
        timings["lines"] = timings.get("lines", 0) + rows.lines
        self.processed += size
        await self.report_progress()

    async def report_progress(self) -> None:
        """Progress on the control connection; the cancel flag comes back with it."""
        status = await self.control.fetchval(
            "UPDATE payroll_run SET processed = $2, updated_at = now() WHERE id = $1 RETURNING job_status",
            self.run_id, self.processed)
        if status != "running":
            raise RunCancelled()


async def _batch_task(writer: asyncpg.Connection, run: asyncpg.Record, inputs: Inputs, upstream: _Upstream,
                      batch: list[WorkerFacts]) -> BatchTask:
    """One batch's inputs: year to date, arrears candidates, the policies of its counties and months."""
    run_id, month, kind = run["id"], run["month"], run["kind"]
    ids = [f.worker_id for f in batch]
    ytd = await calculator.year_to_date(writer, run_id, month, kind, ids)
    past = (await calculator.arrears_candidates(writer, run_id, month, ids, ARREARS_LOOKBACK_MONTHS)
            if kind != "retiree" else {})
    months = {month} | {p.month for slips in past.values() for p in slips}
    counties = {_county(f) for f in batch}
    await inputs.prepare(counties, months)
    # Months a transferred worker was paid in another county are re-priced with that county's policy.
    elsewhere = {(p.county_code, p.month) for slips in past.values() for p in slips
                 if p.county_code and p.county_code not in counties}
    for county, past_month in sorted(elsewhere):
        await inputs.prepare({county}, {past_month})
    if kind == "retiree":
        for county in sorted(counties):
            calculator.refuse_scheme_without_retired_amounts(inputs.policy(county, month).scheme, county, month)
    results_by_worker, corrected, pots = upstream.results_by_worker, upstream.corrected, upstream.pots
    return BatchTask(
        run_id=run_id, month=month, kind=kind, facts=batch,
        results={w: results_by_worker[w] for w in ids if w in results_by_worker},
        ytd=ytd, past=past, corrected={w: corrected[w] for w in ids if w in corrected},
        pots={w: pots[w] for w in ids if w in pots},
        policies={key: inputs.cache[key] for key in inputs.cache
                  if (key[0] in counties and key[1] in months) or key in elsewhere})


async def _stream(out: _BatchWriter, run: asyncpg.Record, inputs: Inputs, source: InputSource,
                  upstream: _Upstream, batch_size: int) -> None:
    """Streams the jurisdiction's worker facts in batches, each computed and written by `out`."""
    region, month, kind = run["region_code"], run["month"], run["kind"]
    first_day, last_day = parse_month(month)
    timings = out.timings
    if kind == "one-off":
        return await _stream_one_off(out, run, inputs, source, upstream, batch_size)
    # A retiree run reads the retired honour holders (registry population=retired_honours).
    facts = (source.worker_facts(region, last_day, first_day, population="retired_honours")
             if kind == "retiree" else source.worker_facts(region, last_day, first_day))
    facts_stream = _read_from("registry", "人员信息", "worker facts", facts)
    seen: set[str] = set()
    with collector.fewer_collections():
        fetch_started = time.perf_counter()
        async for batch in _batches(facts_stream, batch_size):
            seen.update(f.worker_id for f in batch)
            queries_started = time.perf_counter()
            timings["fetch"] = timings.get("fetch", 0.0) + queries_started - fetch_started
            task = await _batch_task(out.writer, run, inputs, upstream, batch)
            started = time.perf_counter()
            timings["queries"] = timings.get("queries", 0.0) + started - queries_started
            await out.submit(task, len(batch))
            fetch_started = time.perf_counter()
        if kind == "monthly":
            await _stream_former(out, run, inputs, source, upstream, batch_size, seen)
        await out.drain()


async def _named_facts(source: InputSource, region: str, as_of: dt.date, since: dt.date,
                       ids: list[str], population: str = "former") -> AsyncIterator[WorkerFacts]:
    for start in range(0, len(ids), FORMER_BATCH):
        async for facts in source.worker_facts(region, as_of, since, population=population,
                                               workers=ids[start:start + FORMER_BATCH]):
            yield facts


async def _stream_one_off(out: _BatchWriter, run: asyncpg.Record, inputs: Inputs, source: InputSource,
                          upstream: _Upstream, batch_size: int) -> None:
    """A one-off run: the workers of the region with a one-off item of the month that no other run pays, read by
    id — employed in the month, then those who had left (population `former`) — each paid their items alone
    (engine run kind `one_off`: no base, allowances, social insurance or housing fund; tax cumulative)."""
    region, month = run["region_code"], run["month"]
    first_day, last_day = parse_month(month)
    owed = await calculator.unpaid_item_workers(out.writer, run["id"], region, month)
    seen: set[str] = set()
    with collector.fewer_collections():
        if owed:
            for population in ("employed", "former"):
                wanted = [w for w in owed if w not in seen]
                if not wanted:
                    break
                stream = _read_from("registry", "人员信息", "worker facts",
                                    _named_facts(source, region, last_day, first_day, wanted, population))
                async for batch in _batches(stream, batch_size):
                    batch = [f for f in batch if f.worker_id not in seen]
                    seen.update(f.worker_id for f in batch)
                    if not batch:
                        continue
                    upstream.former += len(batch) if population == "former" else 0
                    await out.submit(await _batch_task(out.writer, run, inputs, upstream, batch), len(batch))
        await out.drain()


async def _stream_former(out: _BatchWriter, run: asyncpg.Record, inputs: Inputs, source: InputSource,
                         upstream: _Upstream, batch_size: int, seen: set[str]) -> None:
    """After the employed stream: the workers of the region it did not carry — they left before the month —
    who are still owed something (POLICY §5 arrears 补发/补扣 of months paid on a provisional figure, or a
    one-off item entered for the month): read by id from the registry (population `former`, batched) and
    computed like the others; the engine pays them the adjustments alone, and nobody owed nothing gets a
    payslip."""
    region, month = run["region_code"], run["month"]
    first_day, last_day = parse_month(month)
    owed = [w for w in await calculator.owed_workers(out.writer, run["id"], region, month, ARREARS_LOOKBACK_MONTHS)
            if w not in seen]
    if not owed:
        return
    stream = _read_from("registry", "已离职人员信息", "the facts of workers who have left",
                        _named_facts(source, region, last_day, first_day, owed))
    async for batch in _batches(stream, batch_size):
        batch = [f for f in batch if f.worker_id not in seen]
        seen.update(f.worker_id for f in batch)
        if not batch:
            continue
        upstream.former += len(batch)
        task = await _batch_task(out.writer, run, inputs, upstream, batch)
        await out.submit(task, len(batch))


def run_snapshot(inputs: Inputs, source: InputSource, upstream: _Upstream, region: str, month: str,
                 processed: int) -> dict[str, Any]:
    """What a calculation used: scheme and figures per county, facts and results read, the change-feed cursor."""
    first_day, last_day = parse_month(month)
    snapshot = {**inputs.snapshot(), "facts": {"source": type(source).__name__, "region": region,
                                               "as_of": last_day.isoformat(), "since": first_day.isoformat(),
                                               "workers": processed,
                                               **({"former_workers": upstream.former} if upstream.former else {})},
                "results": {"years": "all", "count": len(upstream.results)}}
    if upstream.pots:
        snapshot["performance_pots"] = _pot_summary(upstream.pots)
    if getattr(source, "last_cursor", None) is not None:
        snapshot["changes_cursor"] = source.last_cursor
    return snapshot


async def mark_calculated(connection: asyncpg.Connection, run_id: uuid.UUID, processed: int,
                          snapshot: dict[str, Any]) -> None:
    """The run becomes calculated with the totals of its payslips, and the calculation is audited, in the
    caller's transaction. A run no longer running (cancelled meanwhile) raises RunCancelled."""
    updated = await connection.fetchval(
        """UPDATE payroll_run r SET state = 'calculated', job_status = 'succeeded', total = $2,
                  processed = $2, calculated_at = now(), updated_at = now(), inputs_snapshot = $3::jsonb,
                  worker_count = t.n, gross_total = t.gross, net_total = t.net,
                  employer_total = t.employer, arrears_total = t.arrears
           FROM (SELECT count(*) AS n, coalesce(sum(gross), 0) AS gross, coalesce(sum(net), 0) AS net,
                        coalesce(sum(employer_cost), 0) AS employer, coalesce(sum(arrears), 0) AS arrears
                 FROM payslip WHERE run_id = $1) t
           WHERE r.id = $1 AND r.job_status = 'running' AND r.state IN ('draft', 'calculated')
           RETURNING r.id""",
        run_id, processed, _json(snapshot),
    )
    if updated is None:  # cancelled between the last batch and here
        raise RunCancelled()
    # The other runs of the tax year whose payslips this run's cumulative tax read, as calculated when it read
    # them (approve refuses the run once one of them changed: repository.outdated_by).
    await connection.execute(
        f"""UPDATE payroll_run r SET inputs_snapshot = r.inputs_snapshot || jsonb_build_object('year_to_date_runs',
                   coalesce((SELECT jsonb_object_agg(o.id::text, o.calculated_at) FROM payroll_run o
                             WHERE {calculator.YEAR_TO_DATE_RUNS}), '{{}}'::jsonb))
            WHERE r.id = $1""", run_id)
    # Which one-off items the run's payslips carry (line one_off_<id>): another run leaves them out.
    await connection.execute("DELETE FROM one_off_item_payment WHERE run_id = $1", run_id)
    await connection.execute(
        """INSERT INTO one_off_item_payment (item_id, run_id)
           SELECT i.id, p.run_id FROM payroll_run r
           JOIN one_off_item i ON i.month = r.month
           JOIN payslip_compact p ON p.run_id = r.id AND p.worker_id = i.worker_id AND p.month = i.month
           JOIN payslip_line_set s ON s.id = p.line_set
           WHERE r.id = $1 AND r.kind IN ('monthly', 'one-off')
             AND EXISTS (SELECT 1 FROM unnest(s.texts) AS u(text_id) JOIN payslip_line_text t ON t.id = u.text_id
                         WHERE t.code = 'one_off_' || i.id)""", run_id)
    # The calculation is a write like any other: audited, in the same transaction, by the worker.
    await connection.execute(
        """INSERT INTO audit_log (actor, actor_role, action, entity, entity_id, region_code, after)
           SELECT 'payroll-worker', 'service', 'calculate', 'payroll_run', id::text, region_code,
                  jsonb_build_object('state', state, 'worker_count', worker_count, 'gross_total',
                                     gross_total::text, 'net_total', net_total::text,
                                     'arrears_total', arrears_total::text, 'attempts', attempts)
           FROM payroll_run WHERE id = $1""", run_id)


async def _finish(writer: asyncpg.Connection, run: asyncpg.Record, inputs: Inputs, source: InputSource,
                  upstream: _Upstream, processed: int) -> None:
    """Marks the run calculated with its totals and inputs snapshot, and audits the calculation."""
    snapshot = run_snapshot(inputs, source, upstream, run["region_code"], run["month"], processed)
    await mark_calculated(writer, run["id"], processed, snapshot)


async def _calculate_and_write(dsn: str, control: asyncpg.Connection, run: asyncpg.Record, inputs: Inputs,
                               source: InputSource, batch_size: int, timings: dict[str, float],
                               processes: int = 0) -> None:
    upstream = await _read_upstream(control, run, inputs, source)
    writer = await asyncpg.connect(dsn)
    pool = _compute_executor(processes)
    try:
        transaction = writer.transaction()
        await transaction.start()
        try:
            await writer.execute("DELETE FROM payslip WHERE run_id = $1", run["id"])
            out = _BatchWriter(writer, control, run["id"], pool, processes, timings)
            await _stream(out, run, inputs, source, upstream, batch_size)
            await _finish(writer, run, inputs, source, upstream, out.processed)
        except BaseException:
            await transaction.rollback()
            raise
        else:
            await transaction.commit()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        await writer.close()

