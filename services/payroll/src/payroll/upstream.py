"""Payroll's upstream feeds, read here and nowhere else (docs/contracts.md): the registry's worker facts
(NDJSON, streamed) and assessment's final results (cursor pages), typed by payroll's own models.

One pair of clients (and one cached service token, always asked of the registry) is built when the app
starts and closed when it stops; request handlers get them through `registry_client` / `assessment_client`.
A test puts ready clients on `app.state.grade_registry_client` / `grade_assessment_client` first; an app
driven without its lifespan (tests) builds them on first use, the same way. The background worker builds
its own with `build` (`jobs.py`, `RestInputSource.from_settings`).

Officers' calls forward the officer's token, so the registry and assessment apply their jurisdiction as
well; `as_service=True` calls with payroll's service token (a background job, or a worker's own grade:
the feeds are officers-only).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
from fastapi import FastAPI, Request

from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.problems import not_found
from cwm_kit.upstream import AppClients, cursor_items, ndjson

from payroll.config import PayrollSettings
from payroll.inputs.schemas import AssessmentResult, WorkerFacts, by_worker, latest_revisions

FACTS = "/v1/workers/facts"
RESULTS = "/v1/results"
REGIONS = "/v1/regions"
RESULTS_PAGE_SIZE = 1000


@dataclass
class Upstreams:
    registry: ServiceClient
    assessment: ServiceClient
    tokens: ServiceTokenSource

    async def aclose(self) -> None:
        for client in (self.registry, self.assessment, self.tokens):
            await client.aclose()


def build(settings: PayrollSettings, *, registry_transport: httpx.AsyncBaseTransport | None = None,
          assessment_transport: httpx.AsyncBaseTransport | None = None) -> Upstreams:
    """The registry and assessment clients, sharing one cached service token asked of the registry."""
    timeout = settings.upstream_timeout_seconds
    tokens = ServiceTokenSource(settings.registry_url, settings.service_client_id, settings.service_client_secret,
                                transport=registry_transport, timeout=timeout)
    return Upstreams(
        ServiceClient(settings.registry_url, token_source=tokens, timeout=timeout, transport=registry_transport),
        ServiceClient(settings.assessment_url, token_source=tokens, timeout=timeout, transport=assessment_transport),
        tokens)


def _build(app: FastAPI) -> tuple[list[ServiceClient], list[Upstreams]]:
    upstreams = build(app.state.settings)
    return [upstreams.registry, upstreams.assessment], [upstreams]


_CLIENTS = AppClients(("grade_registry_client", "grade_assessment_client"), _build)
open_upstreams, close_upstreams = _CLIENTS.open, _CLIENTS.close


def registry_client(request: Request) -> ServiceClient:
    return _CLIENTS.get(request.app, "grade_registry_client")


def assessment_client(request: Request) -> ServiceClient:
    return _CLIENTS.get(request.app, "grade_assessment_client")


# ---------------------------------------------------------------- the feeds


def worker_facts(client: ServiceClient, region: str, as_of: date, since: date | None = None, *,
                 population: str = "employed", workers: Iterable[str] = (), model: Any = WorkerFacts,
                 as_service: bool = True, **kwargs: Any) -> AsyncIterator[Any]:
    """Registry facts of `region` (only `workers` when given), one `model` a line. `kwargs` go to the request."""
    params: dict[str, Any] = {"region": region, "as_of": as_of.isoformat()}
    if since is not None:
        params["since"] = since.isoformat()
    if population != "employed":
        params["population"] = population
    if workers:
        params["worker_id"] = list(workers)
    return ndjson(client, FACTS, model, params=params, as_service=as_service, **kwargs)


async def counties(client: ServiceClient, region: str) -> list[str]:
    """Codes of the counties inside `region`, retired ones included."""
    regions = await client.get_json(REGIONS, params={"prefix": region, "level": "county", "include_retired": "true"},
                                    as_service=True)
    return [str(r["code"]) for r in regions]


def results(client: ServiceClient, region: str, *, year: int | None = None, model: Any = AssessmentResult,
            as_service: bool = True) -> AsyncIterator[Any]:
    """Final assessment results of `region` (of `year`, or every year), every revision, following the cursor."""
    params: dict[str, Any] = {"region": region, "limit": RESULTS_PAGE_SIZE}
    if year is not None:
        params["year"] = year
    return cursor_items(client, RESULTS, model, params=params, as_service=as_service)


async def results_by_worker(client: ServiceClient, region: str, *,
                            as_service: bool = True) -> dict[str, list[AssessmentResult]]:
    """Final results of `region` for every year of the career, the highest revision per (worker, year, kind), by
    worker: what a run reads (runs.execution._read_upstream), so a preview or a simulation prices the grade (each
    year's effect) and the performance pay (the latest final result) alike."""
    return by_worker(latest_revisions([r async for r in results(client, region, as_service=as_service)]))


async def one_worker_facts(client: ServiceClient, region: str, worker_id: str, as_of: date, *,
                           as_service: bool = False) -> WorkerFacts:
    """One worker's facts for the grade endpoints: the registry is asked for that worker only (its IDs are
    UUIDs; another ID is looked for in the region's stream, as before the filter existed)."""
    try:
        workers = [str(uuid.UUID(worker_id))]
    except ValueError:
        workers = []
    async for line in worker_facts(client, region, as_of, as_of.replace(month=1, day=1), workers=workers,
                                   model=dict[str, Any], as_service=as_service):
        if str(line.get("worker_id")) == worker_id:
            return WorkerFacts.model_validate(line)
    raise not_found("社区工作者", "worker")


async def one_worker_results(client: ServiceClient, region: str, worker_id: str, *,
                             as_service: bool = False) -> list[AssessmentResult]:
    return [AssessmentResult.model_validate(r) async for r in results(client, region, model=dict[str, Any],
                                                                         as_service=as_service)
            if str(r.get("worker_id")) == worker_id]
