"""A run whose input services fail: the reason names the service, nothing is kept, a retry succeeds."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Iterable

import httpx
from cwm_kit.problems import Problem
from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult, WorkerFacts
from payroll.runs import execution
from payroll.runs.execution import execute_run

from .support import COUNTY, worker
from .test_runs import count_payslips, officer, start


class SilentRegistry(StaticInputSource):
    """Streams one worker, then never answers again (a registry that hangs half way)."""

    async def worker_facts(self, region: str, as_of: dt.date,
                           since: dt.date | None = None) -> AsyncIterator[WorkerFacts]:
        yield self.facts[0]
        await asyncio.sleep(3600)


class NoToken(StaticInputSource):
    """The registry is down: the service token for the assessment call cannot be had."""

    async def results(self, region: str, years: Iterable[int]) -> list[AssessmentResult]:
        request = httpx.Request("POST", "http://registry.invalid/v1/auth/token")
        raise httpx.ConnectError("All connection attempts failed", request=request)


class AssessmentDown(StaticInputSource):
    async def results(self, region: str, years: Iterable[int]) -> list[AssessmentResult]:
        raise Problem(503, "upstream_unavailable", "依赖的服务暂不可用", "upstream service unavailable: /v1/results")


async def _fails(live, tokens, engine, source, month: str) -> str:
    client, _ = live
    run_id = (await start(client, tokens, COUNTY, month)).json()["id"]
    assert await execute_run(engine, run_id, source, batch_size=1) == "failed"
    assert await count_payslips(engine, run_id) == 0
    run = (await client.get(f"/v1/runs/{run_id}", headers=officer(tokens))).json()
    assert run["job_status"] == "failed" and run["state"] == "draft"
    again = await start(client, tokens, COUNTY, month)
    assert again.json()["job_status"] == "queued"
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1"), worker("w2")])) == "succeeded"
    assert await count_payslips(engine, run_id) == 2
    return run["error"]


async def test_a_registry_silent_half_way_fails_the_run_instead_of_holding_it(live, tokens, engine, monkeypatch):
    monkeypatch.setattr(execution, "UPSTREAM_IDLE_SECONDS", 0.3)
    error = await _fails(live, tokens, engine, SilentRegistry([worker("w1"), worker("w2")]), "2025-02")
    assert error.startswith("registry_unavailable:") and "worker facts" in error and "no data for 0.3 s" in error


async def test_the_registry_down_is_named_even_when_the_call_was_for_assessment(live, tokens, engine):
    error = await _fails(live, tokens, engine, NoToken([worker("w1")]), "2025-03")
    assert error.startswith("registry_unavailable:") and "a service token" in error and "ConnectError" in error


async def test_assessment_down_is_named(live, tokens, engine):
    error = await _fails(live, tokens, engine, AssessmentDown([worker("w1")]), "2025-04")
    assert error.startswith("assessment_unavailable:") and "考核服务" in error and "/v1/results" in error
