"""The real job queue: the API defers through procrastinate on payroll's database; a worker runs it."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.jobs import CALCULATE_RUN, QUEUE, ProcrastinateQueue, make_app

from .support import COUNTY, worker


async def test_deferred_run_is_calculated_by_a_procrastinate_worker(live, settings, tokens, engine):
    client, app = live
    queue = ProcrastinateQueue(settings)
    app.state.run_queue = queue
    try:
        response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"},
                                     headers=tokens.headers("county_officer", COUNTY))
        assert response.status_code == 201
        run_id = response.json()["id"]
    finally:
        await queue.close()
    async with engine.connect() as connection:
        jobs = (await connection.execute(text(
            "SELECT task_name, queue_name, args->>'run_id' FROM procrastinate_jobs WHERE args->>'run_id' = :r"),
            {"r": run_id})).all()
    assert jobs == [(CALCULATE_RUN, QUEUE, run_id)]

    worker_app = make_app(settings, source_factory=lambda _: StaticInputSource([worker("w1"), worker("w2")]))
    async with worker_app.open_async():
        await worker_app.run_worker_async(queues=[QUEUE], wait=False, install_signal_handlers=False)
    run = (await client.get(f"/v1/runs/{run_id}", headers=tokens.headers("county_officer", COUNTY))).json()
    assert (run["state"], run["job_status"], run["worker_count"]) == ("calculated", "succeeded", 2)
    async with engine.begin() as connection:
        status = (await connection.execute(text("SELECT status FROM procrastinate_jobs WHERE args->>'run_id' = :r"),
                                           {"r": run_id})).scalar_one()
        await connection.execute(text("DELETE FROM procrastinate_jobs WHERE args->>'run_id' = :r"), {"r": run_id})
    assert status == "succeeded"
    assert uuid.UUID(run_id)
