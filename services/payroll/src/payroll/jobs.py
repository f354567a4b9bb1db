"""The background job queue: procrastinate on payroll's own PostgreSQL database.

The API defers `payroll.calculate_run`; `python -m payroll.worker` executes it. Procrastinate's tables
are created by an Alembic migration (so `make run`'s migrate step creates them).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import uuid
from collections.abc import Callable
from typing import Any, Protocol

import asyncpg
import procrastinate
from procrastinate import RetryStrategy

from cwm_kit import alive
from cwm_kit.db import make_engine

from payroll.config import PayrollSettings, get_settings

log = logging.getLogger(__name__)

QUEUE = "payroll"
# Processes computing a run's batches next to the one streaming and COPYing (0: compute inline).
RUN_PROCESSES = int(os.environ.get("CWM_RUN_PROCESSES", "0"))
# Jobs one worker process runs at once (parts of a run, other runs); processes: devctl's CWM_PAYROLL_JOB_WORKERS.
WORKER_CONCURRENCY = int(os.environ.get("CWM_WORKER_CONCURRENCY", "2"))
CALCULATE_RUN = "payroll.calculate_run"
CALCULATE_PART = "payroll.calculate_part"  # one county of a split run (ADR 0008, runs.parts)
RETRY_STALLED = "payroll.retry_stalled_jobs"
GRADE_FEEDS = "payroll.grade_projection_feeds"
# A worker beats its heartbeat every 10 s (procrastinate's default); one silent for this long died
# (SIGKILL, OOM, lost host) and the calculations it held are given to a live worker again.
STALLED_AFTER_SECONDS = 30


class RunNotVisibleYet(Exception):
    """The job was picked up before the request that created the run committed: retry shortly."""


class PartRetry(Exception):
    """A county part met a passing refusal of the database: nothing of it was committed, it is run again."""


# The database refusing a connection for a moment (too many clients, starting up): the job is run again
# instead of failing (a part) or being lost (a run, before it is claimed).
TRANSIENT_DB_ERRORS = (asyncpg.TooManyConnectionsError, asyncpg.CannotConnectNowError, ConnectionRefusedError)


def _rest_source(settings: PayrollSettings) -> Any:
    from payroll.inputs.clients import RestInputSource

    return RestInputSource.from_settings(settings)


def make_app(settings: PayrollSettings, source_factory: Callable[[PayrollSettings], Any] = _rest_source
             ) -> procrastinate.App:
    """`source_factory` builds the run's input source (REST by default; tests pass a local one)."""
    from payroll.runs.execution import libpq_url

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=libpq_url(settings.database_url)))

    async def defer_parts(run_id: uuid.UUID, attempt: int, counties: list[str]) -> None:
        await app.configure_task(CALCULATE_PART).batch_defer_async(
            *({"run_id": str(run_id), "attempt": attempt, "region": county} for county in counties))

    @app.task(name=CALCULATE_RUN, queue=QUEUE, retry=RetryStrategy(
        max_attempts=20, wait=1, retry_exceptions={RunNotVisibleYet, *TRANSIENT_DB_ERRORS}))
    async def calculate_run(run_id: str) -> str:
        """A run above county level is split into per-county parts (ADR 0008); any other is one job."""
        from payroll.runs.execution import execute_run
        from payroll.runs.parts import split_run

        engine = make_engine(settings.database_url, pool_size=2, max_overflow=2)
        source = source_factory(settings)
        try:
            outcome = await split_run(engine, run_id, source, defer_parts)
            if outcome is None:
                outcome = await execute_run(engine, run_id, source, processes=RUN_PROCESSES)
            if outcome == "skipped":
                connection = await asyncpg.connect(libpq_url(engine))
                try:
                    exists = await connection.fetchval("SELECT 1 FROM payroll_run WHERE id = $1", uuid.UUID(run_id))
                finally:
                    await connection.close()
                if not exists:
                    raise RunNotVisibleYet(run_id)
            log.info("run %s: %s", run_id, outcome)
            return outcome
        finally:
            await source.aclose()
            await engine.dispose()

    @app.task(name=CALCULATE_PART, queue=QUEUE, retry=RetryStrategy(
        max_attempts=10, wait=5, retry_exceptions={PartRetry, *TRANSIENT_DB_ERRORS}))
    async def calculate_part(run_id: str, attempt: int, region: str) -> str:
        from payroll.runs.parts import execute_part

        engine = make_engine(settings.database_url, pool_size=2, max_overflow=2)
        source = source_factory(settings)
        try:
            outcome = await execute_part(engine, run_id, attempt, region, source, processes=RUN_PROCESSES)
            log.info("run %s county %s: %s", run_id, region, outcome)
            return outcome
        finally:
            await source.aclose()
            await engine.dispose()

    @app.periodic(cron="* * * * * */10", periodic_id="stalled")
    @app.task(name=RETRY_STALLED, queue=QUEUE)
    async def retry_stalled_jobs(timestamp: int) -> int:
        """Calculations whose worker died stay 'doing' in procrastinate: queue them again. The run itself
        is claimed again because its dead worker's run lock went with its connection (runs.execution)."""
        retried = 0
        stalled = [job for task_name in (CALCULATE_RUN, CALCULATE_PART)
                   for job in await app.job_manager.get_stalled_jobs(
                       queue=QUEUE, task_name=task_name, seconds_since_heartbeat=STALLED_AFTER_SECONDS)]
        for job in stalled:
            try:
                await app.job_manager.retry_job(job)
            except Exception:  # another worker retried it first
                log.info("stalled job %s already retried", job.id, exc_info=True)
                continue
            log.warning("job %s (%s) of a dead worker queued again", job.id, job.task_kwargs)
            retried += 1
        return retried

    @app.periodic(cron="* * * * * */10", periodic_id="grade_feeds")
    @app.task(name=GRADE_FEEDS, queue=QUEUE)
    async def invalidate_grade_projection(timestamp: int) -> int:
        """The grade projection (ADR 0005): drop the rows the registry's change feed and assessment's results
        feed name since the last call."""
        from sqlalchemy.ext.asyncio import AsyncSession

        from payroll import upstream
        from payroll.grades.projection import invalidate_from_feeds

        clients = upstream.build(settings)
        engine = make_engine(settings.database_url, pool_size=1, max_overflow=0)
        try:
            async with AsyncSession(engine) as session, session.begin():
                return await invalidate_from_feeds(session, clients.registry, clients.assessment)
        finally:
            await clients.aclose()
            await engine.dispose()

    return app


class RunQueue(Protocol):
    async def enqueue(self, run_id: uuid.UUID) -> None: ...


class ProcrastinateQueue:
    """Defers runs through procrastinate; the connection pool opens on first use."""

    def __init__(self, settings: PayrollSettings):
        self.app = make_app(settings)
        self._open = False

    async def enqueue(self, run_id: uuid.UUID) -> None:
        if not self._open:
            await self.app.open_async()
            self._open = True
        await self.app.configure_task(CALCULATE_RUN).defer_async(run_id=str(run_id))

    async def close(self) -> None:
        if self._open:
            await self.app.close_async()
            self._open = False


def worker_app() -> procrastinate.App:
    return make_app(get_settings())


async def keep_heartbeat(app: procrastinate.App, path: str, every_seconds: float) -> None:
    """Touch `path` each time the database answers through the worker's own connection pool, every
    `every_seconds` (cwm_kit.alive; the liveness probe runs `python -m cwm_kit.alive FILE SECONDS`). A process
    whose event loop is stuck, or which cannot reach its database, stops beating and is restarted. Not tied to
    jobs finishing: a county part may rightly run for minutes (its computation runs off the event loop)."""
    while True:
        try:
            await app.connector.execute_query_one_async("SELECT 1 AS one")
        except Exception as error:  # the probe sees the heartbeat age; the log says why
            log.warning("heartbeat: the database did not answer (%s)", error)
        else:
            alive.beat(path)
        await asyncio.sleep(every_seconds)


async def run_worker(app: procrastinate.App, concurrency: int = WORKER_CONCURRENCY,
                     heartbeat_file: str | None = None, heartbeat_seconds: float = 10.0) -> None:
    """Run the worker until SIGINT or SIGTERM. Procrastinate stops its worker by itself when its database
    connection breaks (PostgreSQL restarted): the worker is then started again, so the process outlives a
    database restart instead of idling with jobs queued. With `heartbeat_file`, the process keeps a heartbeat
    for its liveness probe meanwhile (keep_heartbeat)."""
    heartbeat = (asyncio.create_task(keep_heartbeat(app, heartbeat_file, heartbeat_seconds))
                 if heartbeat_file else None)
    try:
        await _run_until_stopped(app, concurrency)
    finally:
        if heartbeat is not None:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat


async def _run_until_stopped(app: procrastinate.App, concurrency: int) -> None:
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    while not stopping.is_set():
        worker = asyncio.create_task(app.run_worker_async(queues=[QUEUE], concurrency=concurrency,
                                                          install_signal_handlers=False))
        stop = asyncio.create_task(stopping.wait())
        await asyncio.wait({worker, stop}, return_when=asyncio.FIRST_COMPLETED)
        if stopping.is_set():
            worker.cancel()  # procrastinate's graceful stop: no new job, the running ones finish
            with contextlib.suppress(asyncio.CancelledError):
                await worker
            return
        stop.cancel()
        failure = worker.exception()
        log.warning("the worker stopped on its own (%s): starting it again", failure or "database connection lost")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), 2)
