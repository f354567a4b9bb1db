"""The registry's one upstream feed, read here and nowhere else: final assessment results (assessment
`GET /v1/results`, cursor pages, docs/contracts.md), for the flags.

One client is built when the app starts and closed when it stops. It forwards the caller's token (assessment
applies the same jurisdiction); without one, it presents a service token. A test puts a ready client
(in-process or failing transport) on `app.state.assessment_client` first; an app driven without its lifespan
builds it on first use, the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request

from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.problems import Problem
from cwm_kit.upstream import AppClients, cursor_items

RESULTS = "/v1/results"


@dataclass(frozen=True)
class Result:
    worker_id: str
    year: int
    kind: str
    result: str
    revision: int = 1


def _build(app: FastAPI) -> tuple[list[ServiceClient], list[Any]]:
    settings = app.state.settings
    tokens = ServiceTokenSource(settings.registry_url, "registry", settings.service_client_secret)
    client = ServiceClient(settings.assessment_url, token_source=tokens, timeout=10.0)
    return [client], [client, tokens]


_CLIENTS = AppClients(("assessment_client",), _build)
open_upstream, close_upstream = _CLIENTS.open, _CLIENTS.close


def assessment_client(request: Request) -> ServiceClient:
    return _CLIENTS.get(request.app, "assessment_client")


async def final_results(client: ServiceClient, region: str, years: list[int]) -> dict[tuple[str, int, str], Result]:
    """Highest revision per (worker_id, year, kind) for the region and years, following the cursor."""
    latest: dict[tuple[str, int, str], Result] = {}
    # The assessment feed answers for years 2000–2100; earlier years simply have no results.
    for year in (y for y in years if 2000 <= y <= 2100):
        params: dict[str, str | int] = {"year": year, "limit": 1000}
        if region:
            params["region"] = region
        try:
            async for result in cursor_items(client, RESULTS, Result, params=params):
                key = (result.worker_id, result.year, result.kind)
                if key not in latest or latest[key].revision < result.revision:
                    latest[key] = result
        except (AttributeError, KeyError, TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            raise Problem(502, "upstream_error", "考核服务返回的数据格式不符合约定",
                          "the assessment service answered outside the contract") from exc
    return latest
