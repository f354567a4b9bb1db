"""A run above county level split into per-county parts (ADR 0008): one payslip per worker and the same totals as
one job, nothing of an attempt kept when a part fails or the run is cancelled, progress summed over the parts, and
a retry after a crash converging to the same run."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import asyncpg
import pytest
from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.jobs import QUEUE, PartRetry, ProcrastinateQueue, make_app
from payroll.runs.execution import execute_run
from payroll.runs.parts import execute_part, split_run

from ..tax.support import install_registry
from .support import COMMUNITY_B, PROVINCE, worker

OTHER_COUNTY, OTHER_COMMUNITY = "990202", "990202001001"  # in another city of the made-up province
COUNTIES = ["990101", OTHER_COUNTY]
MONTH = "2025-01"
# Each worker: gross 5200.00, SI 546.00, housing fund 624.00, tax 0, net 4030.00 (tests/runs/support.py, test_runs).
FACTS = [worker("w1"), worker("w2", COMMUNITY_B), worker("w9", OTHER_COMMUNITY)]
GROSS, NET = "15600.00", str(3 * Decimal("4030.00"))


class Deferred:
    """Stands in for procrastinate: remembers the parts each attempt deferred."""

    def __init__(self) -> None:
        self.parts: list[tuple[uuid.UUID, int, list[str]]] = []

    async def __call__(self, run_id: uuid.UUID, attempt: int, counties: list[str]) -> None:
        self.parts.append((run_id, attempt, counties))


class BrokenCounty(StaticInputSource):
    """The registry breaks off while streaming one county."""

    def __init__(self, facts, county: str):
        super().__init__(facts)
        self.county = county

    async def worker_facts(self, region, as_of, since=None, *, population="employed") -> AsyncIterator:
        async for facts in super().worker_facts(region, as_of, since, population=population):
            yield facts
        if region == self.county:
            raise RuntimeError("connection reset (simulated)")


def admin(tokens):
    return tokens.headers("provincial_admin", PROVINCE)


async def province_run(client, tokens) -> str:
    response = await client.post("/v1/runs", json={"region_code": PROVINCE, "month": MONTH}, headers=admin(tokens))
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def run_row(engine, run_id) -> dict:
    async with engine.connect() as connection:
        row = (await connection.execute(text(
            "SELECT state, job_status, attempts, processed, worker_count, gross_total::text AS gross, "
            "net_total::text AS net, error, inputs_snapshot FROM payroll_run WHERE id = :r"),
            {"r": uuid.UUID(str(run_id))})).mappings().one()
        slips = (await connection.execute(text("SELECT count(*), count(DISTINCT worker_id) FROM payslip WHERE run_id = :r"),
                                          {"r": uuid.UUID(str(run_id))})).one()
    return {**row, "payslips": tuple(slips)}


async def parts_of(engine, run_id) -> list[tuple]:
    async with engine.connect() as connection:
        return [tuple(r) for r in (await connection.execute(text(
            "SELECT attempt, region_code, status, processed FROM payroll_run_part WHERE run_id = :r "
            "ORDER BY attempt, region_code"), {"r": uuid.UUID(str(run_id))})).all()]


async def queue_again(engine, run_id) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE payroll_run SET job_status = 'queued' WHERE id = :r"),
                                 {"r": uuid.UUID(str(run_id))})


async def test_a_province_run_is_split_by_county_with_one_payslip_each_and_the_totals_of_one_job(live, tokens, engine):
    client, app = live
    install_registry(app)  # the officer's view of a worker with no payslip shown asks the registry who it is
    run_id = await province_run(client, tokens)
    deferred = Deferred()
    source = StaticInputSource(FACTS)
    assert await split_run(engine, run_id, source, deferred) == "split"
    assert deferred.parts == [(uuid.UUID(run_id), 1, COUNTIES)]
    assert await parts_of(engine, run_id) == [(1, "990101", "queued", 0), (1, OTHER_COUNTY, "queued", 0)]

    assert await execute_part(engine, run_id, 1, "990101", source) == "succeeded"
    half = await run_row(engine, run_id)
    # Progress is the sum of the parts; the run is not calculated yet and its payslips are not shown.
    assert (half["state"], half["job_status"], half["processed"], half["payslips"]) == ("draft", "running", 2, (2, 2))
    listed = await client.get(f"/v1/runs/{run_id}/payslips", headers=admin(tokens))
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert (await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=admin(tokens))).status_code == 404
    mine = await client.get("/v1/workers/w1/payslips", headers=admin(tokens))  # the officer's view of the worker
    assert mine.status_code == 200 and mine.json() == []

    assert await execute_part(engine, run_id, 1, OTHER_COUNTY, source) == "succeeded"
    done = await run_row(engine, run_id)
    assert (done["state"], done["job_status"], done["processed"], done["worker_count"]) == (
        "calculated", "succeeded", 3, 3)
    assert (done["gross"], done["net"], done["payslips"]) == (GROSS, NET, (3, 3))
    assert sorted(done["inputs_snapshot"]["counties"]) == COUNTIES
    assert done["inputs_snapshot"]["facts"]["workers"] == 3 and done["inputs_snapshot"]["parts"] == COUNTIES
    assert await parts_of(engine, run_id) == [(1, "990101", "succeeded", 2), (1, OTHER_COUNTY, "succeeded", 1)]
    slip = (await client.get(f"/v1/runs/{run_id}/payslips/w9", headers=admin(tokens))).json()
    assert (slip["gross"], slip["net"], slip["county_code"]) == ("5200.00", "4030.00", OTHER_COUNTY)

    # The same run as one job (the path of a county run): the same payslips and totals.
    await queue_again(engine, run_id)
    assert await execute_run(engine, run_id, source) == "succeeded"
    single = await run_row(engine, run_id)
    assert (single["worker_count"], single["gross"], single["net"], single["payslips"]) == (3, GROSS, NET, (3, 3))


async def test_one_part_failing_leaves_nothing_of_the_attempt_and_a_retry_succeeds(live, tokens, engine):
    client, _ = live
    run_id = await province_run(client, tokens)
    broken = BrokenCounty(FACTS, OTHER_COUNTY)
    assert await split_run(engine, run_id, broken, Deferred()) == "split"
    assert await execute_part(engine, run_id, 1, "990101", broken) == "succeeded"
    assert (await run_row(engine, run_id))["payslips"] == (2, 2)  # committed by its part, not shown

    assert await execute_part(engine, run_id, 1, OTHER_COUNTY, broken) == "failed"
    failed = await run_row(engine, run_id)
    assert (failed["state"], failed["job_status"], failed["payslips"]) == ("draft", "failed", (0, 0))
    assert "connection reset" in failed["error"]
    assert [p[2] for p in await parts_of(engine, run_id)] == ["succeeded", "failed"]

    # The officer starts it again: a new attempt, every county computed afresh.
    assert (await client.post("/v1/runs", json={"region_code": PROVINCE, "month": MONTH},
                              headers=admin(tokens))).json()["job_status"] == "queued"
    source = StaticInputSource(FACTS)
    assert await split_run(engine, run_id, source, Deferred()) == "split"
    assert await parts_of(engine, run_id) == [(2, "990101", "queued", 0), (2, OTHER_COUNTY, "queued", 0)]
    for county in COUNTIES:
        assert await execute_part(engine, run_id, 2, county, source) == "succeeded"
    done = await run_row(engine, run_id)
    assert (done["state"], done["attempts"], done["gross"], done["net"], done["payslips"]) == (
        "calculated", 2, GROSS, NET, (3, 3))


async def first_county_done(client, tokens, engine) -> tuple[str, StaticInputSource]:
    """A province run split in two, its first county calculated and committed."""
    run_id = await province_run(client, tokens)
    source = StaticInputSource(FACTS)
    assert await split_run(engine, run_id, source, Deferred()) == "split"
    assert await execute_part(engine, run_id, 1, "990101", source) == "succeeded"
    return run_id, source


async def test_a_retry_after_a_crash_converges_and_the_dead_attempt_writes_nothing(live, tokens, engine):
    run_id, source = await first_county_done(live[0], tokens, engine)
    # The worker holding the second county dies; the run is started again before that part's job is retried.
    await queue_again(engine, run_id)
    assert await split_run(engine, run_id, source, Deferred()) == "split"
    assert (await run_row(engine, run_id))["payslips"] == (0, 0)  # the new attempt removed the old one's
    assert await execute_part(engine, run_id, 1, OTHER_COUNTY, source) == "skipped"  # the dead attempt's job
    assert await execute_part(engine, run_id, 2, "990101", source) == "succeeded"
    assert await execute_part(engine, run_id, 2, "990101", source) == "skipped"  # a duplicate of a done part
    assert await execute_part(engine, run_id, 2, OTHER_COUNTY, source) == "succeeded"
    done = await run_row(engine, run_id)
    assert (done["state"], done["job_status"], done["attempts"], done["worker_count"]) == (
        "calculated", "succeeded", 2, 3)
    assert (done["gross"], done["net"], done["payslips"]) == (GROSS, NET, (3, 3))


async def test_cancelling_a_split_run_keeps_nothing(live, tokens, engine):
    client, _ = live
    run_id, source = await first_county_done(client, tokens, engine)
    cancelled = await client.post(f"/v1/runs/{run_id}/cancel", headers=admin(tokens))
    assert cancelled.status_code == 200, cancelled.text
    assert await execute_part(engine, run_id, 1, OTHER_COUNTY, source) == "skipped"
    row = await run_row(engine, run_id)
    assert (row["state"], row["job_status"], row["payslips"]) == ("draft", "cancelled", (0, 0))


async def test_procrastinate_workers_run_the_parts_of_a_province_run(live, settings, tokens, engine):
    client, app = live
    queue = ProcrastinateQueue(settings)
    app.state.run_queue = queue
    try:
        run_id = await province_run(client, tokens)
    finally:
        await queue.close()
    worker_app = make_app(settings, source_factory=lambda _: StaticInputSource(FACTS))
    async with worker_app.open_async():
        await worker_app.run_worker_async(queues=[QUEUE], wait=False, install_signal_handlers=False)
    done = await run_row(engine, run_id)
    assert (done["state"], done["job_status"], done["worker_count"], done["gross"]) == (
        "calculated", "succeeded", 3, GROSS)
    async with engine.begin() as connection:
        jobs = (await connection.execute(text(
            "SELECT task_name, args->>'region', status FROM procrastinate_jobs WHERE args->>'run_id' = :r "
            "ORDER BY id"), {"r": run_id})).all()
        await connection.execute(text("DELETE FROM procrastinate_jobs WHERE args->>'run_id' = :r"), {"r": run_id})
    assert [tuple(j) for j in jobs] == [("payroll.calculate_run", None, "succeeded"),
                                        ("payroll.calculate_part", "990101", "succeeded"),
                                        ("payroll.calculate_part", OTHER_COUNTY, "succeeded")]


async def test_a_split_run_whose_parts_are_still_to_do_is_not_restarted(live, tokens, engine):
    """No connection holds the run's lock between parts: its part jobs still to do (or being done) keep it alive;
    once none is, the officer's start again makes a new attempt."""
    client, _ = live
    run_id = await province_run(client, tokens)
    assert await split_run(engine, run_id, StaticInputSource(FACTS), Deferred()) == "split"
    async with engine.begin() as connection:  # what procrastinate holds for the part the run is waiting for
        await connection.execute(text(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status) "
            "VALUES ('payroll', 'payroll.calculate_part', CAST(:args AS jsonb), 'todo')"),
            {"args": f'{{"run_id": "{run_id}", "attempt": 1, "region": "{OTHER_COUNTY}"}}'})
    try:
        again = await client.post("/v1/runs", json={"region_code": PROVINCE, "month": MONTH}, headers=admin(tokens))
        assert again.status_code == 200 and again.json()["job_status"] == "running"
        busy = await client.post(f"/v1/runs/{run_id}/recalculate", headers=admin(tokens))
        assert busy.status_code == 409 and busy.json()["code"] == "run_busy"
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM procrastinate_jobs WHERE args->>'run_id' = :r"), {"r": run_id})
    again = await client.post("/v1/runs", json={"region_code": PROVINCE, "month": MONTH}, headers=admin(tokens))
    assert again.status_code == 200 and again.json()["job_status"] == "queued"


class BusyDatabaseOnce(StaticInputSource):
    """The database refuses a connection once ("too many clients") while a part reads its inputs."""

    def __init__(self, facts):
        super().__init__(facts)
        self.refused = False

    async def results(self, region, years=None):
        if not self.refused:
            self.refused = True
            raise asyncpg.TooManyConnectionsError("sorry, too many clients already")
        return await super().results(region, years)


async def test_a_part_refused_a_connection_for_a_moment_is_retried_not_failed(live, tokens, engine):
    client, _ = live
    run_id = await province_run(client, tokens)
    source = BusyDatabaseOnce(FACTS)
    assert await split_run(engine, run_id, source, Deferred()) == "split"
    with pytest.raises(PartRetry):  # procrastinate runs the job again (jobs.calculate_part's retry)
        await execute_part(engine, run_id, 1, "990101", source)
    row = await run_row(engine, run_id)
    assert (row["state"], row["job_status"], row["payslips"]) == ("draft", "running", (0, 0))
    for county in COUNTIES:
        assert await execute_part(engine, run_id, 1, county, source) == "succeeded"
    done = await run_row(engine, run_id)
    assert (done["state"], done["attempts"], done["gross"], done["payslips"]) == ("calculated", 1, GROSS, (3, 3))
