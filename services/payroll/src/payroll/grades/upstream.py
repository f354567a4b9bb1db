"""Reads a single worker's facts (registry) and final results (assessment) with the caller's token.

payroll-runs streams whole regions through its own clients; the grade endpoints need one worker, so
they ask the registry's facts stream for that worker only and keep the matching line.
"""

from __future__ import annotations

import json
from datetime import date

from fastapi import Request

from cwm_kit.http import ServiceClient
from cwm_kit.problems import not_found

from payroll.inputs.schemas import AssessmentResult, WorkerFacts


def registry_client(request: Request) -> ServiceClient:
    client = getattr(request.app.state, "registry_client", None)
    if client is None:
        settings = request.app.state.settings
        client = ServiceClient(settings.registry_url, timeout=settings.upstream_timeout_seconds)
        request.app.state.registry_client = client
    return client


def assessment_client(request: Request) -> ServiceClient:
    client = getattr(request.app.state, "assessment_client", None)
    if client is None:
        settings = request.app.state.settings
        client = ServiceClient(settings.assessment_url, timeout=settings.upstream_timeout_seconds)
        request.app.state.assessment_client = client
    return client


async def worker_facts(client: ServiceClient, region: str, worker_id: str, as_of: date) -> WorkerFacts:
    params = {"region": region, "as_of": as_of.isoformat(), "worker_id": worker_id}
    async for line in client.stream_lines("/v1/workers/facts", params=params):
        data = json.loads(line)
        if str(data.get("worker_id")) == worker_id:
            return WorkerFacts.model_validate(data)
    raise not_found("社区工作者", "worker")


async def final_results(client: ServiceClient, region: str, worker_id: str) -> list[AssessmentResult]:
    results: list[AssessmentResult] = []
    cursor = None
    while True:
        params = {"region": region, "limit": 500, "worker_id": worker_id}
        if cursor is not None:
            params["after"] = cursor
        page = await client.get_json("/v1/results", params=params)
        results.extend(AssessmentResult.model_validate(item) for item in page.get("items", [])
                       if str(item.get("worker_id")) == worker_id)
        cursor = page.get("next_cursor")
        if not cursor or not page.get("items"):
            return results
