"""Assessment's one upstream feed, read here and nowhere else: the registry's worker facts (`GET
/v1/workers/facts`, NDJSON, docs/contracts.md) for cycles, probation cases and historical imports.

One client is built when the app starts (or on first use by an app driven without its lifespan, tests) and
closed when it stops. Calls forward the caller's token (the snapshot is what the caller may see); without one,
a service token. `create_app(registry_transport=)` routes it to a registry app in-process (tests)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import date
from typing import Any

import httpx
from fastapi import FastAPI, Request

from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.problems import Problem
from cwm_kit.upstream import AppClients, ndjson

from assessment.config import AssessmentSettings

FACTS = "/v1/workers/facts"


def _build(app: FastAPI) -> tuple[list[ServiceClient], list[Any]]:
    settings: AssessmentSettings = app.state.settings
    transport: httpx.AsyncBaseTransport | None = getattr(app.state, "registry_transport", None)
    tokens = ServiceTokenSource(settings.registry_url, settings.service_name, settings.service_client_secret)
    client = ServiceClient(settings.registry_url, transport=transport, token_source=tokens)
    return [client], [client, tokens]


_CLIENTS = AppClients(("registry",), _build)
open_registry, close_registry = _CLIENTS.open, _CLIENTS.close


def registry_client(request: Request) -> ServiceClient:
    return _CLIENTS.get(request.app, "registry")


def worker_facts(registry: ServiceClient | None, region: str, as_of: date | str, since: date | str, *,
                 on_invalid: Callable[[str], None] = lambda line: None,
                 worker_ids: Sequence[uuid.UUID] | None = None) -> AsyncIterator[dict[str, Any]]:
    """Each facts line of `region` employed in [since, as_of] as received (a JSON object), only the workers of
    `worker_ids` when given (at most 1,000: the registry's limit); a line that is not one goes to `on_invalid`
    and is skipped."""
    if registry is None:
        raise Problem(503, "upstream_unavailable", "人员库服务未配置", "registry client not configured")
    params: dict[str, Any] = {"region": region, "as_of": str(as_of), "since": str(since)}
    if worker_ids is not None:
        params["worker_id"] = [str(worker_id) for worker_id in worker_ids]
    return ndjson(registry, FACTS, dict[str, Any], params=params, on_invalid=on_invalid)
