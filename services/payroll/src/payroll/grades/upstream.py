"""Reads one worker's facts (registry) and final results (assessment) for the grade endpoints.

Officers' calls forward the officer's token, so the registry applies their jurisdiction as well. The
registry and assessment feeds are officers-only, so a worker's own `/me/grade` is read with payroll's
service token, narrowed to the worker's community and filtered to the token's own worker_id.
"""

from __future__ import annotations

import json
from datetime import date

from fastapi import Request

from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.problems import not_found

from payroll.inputs.schemas import AssessmentResult, WorkerFacts


def _client(request: Request, name: str, url_setting: str) -> ServiceClient:
    client = getattr(request.app.state, name, None)
    if client is None:
        settings = request.app.state.settings
        tokens = ServiceTokenSource(settings.registry_url, settings.service_client_id, settings.service_client_secret)
        client = ServiceClient(getattr(settings, url_setting), token_source=tokens,
                               timeout=settings.upstream_timeout_seconds)
        setattr(request.app.state, name, client)
    return client


def registry_client(request: Request) -> ServiceClient:
    return _client(request, "grade_registry_client", "registry_url")


def assessment_client(request: Request) -> ServiceClient:
    return _client(request, "grade_assessment_client", "assessment_url")


async def worker_facts(client: ServiceClient, region: str, worker_id: str, as_of: date, *,
                       as_service: bool = False) -> WorkerFacts:
    params = {"region": region, "as_of": as_of.isoformat(), "since": as_of.replace(month=1, day=1).isoformat()}
    async for line in client.stream_lines("/v1/workers/facts", params=params, as_service=as_service):
        data = json.loads(line)
        if str(data.get("worker_id")) == worker_id:
            return WorkerFacts.model_validate(data)
    raise not_found("社区工作者", "worker")


async def final_results(client: ServiceClient, region: str, worker_id: str, *,
                        as_service: bool = False) -> list[AssessmentResult]:
    results: list[AssessmentResult] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"region": region, "limit": 1000}
        if cursor is not None:
            params["after"] = cursor
        page = await client.get_json("/v1/results", params=params, as_service=as_service)
        results.extend(AssessmentResult.model_validate(item) for item in page.get("items", [])
                       if str(item.get("worker_id")) == worker_id)
        cursor = page.get("next_cursor")
        if not cursor or not page.get("items"):
            return results
