"""OpenAPI fuzzing for the services' test suites (schemathesis; not imported by production code).

Every operation of an app's OpenAPI document, with valid and invalid generated inputs, is sent in-process
(over the test's ASGI client, so each request runs in the test's rolled-back session) once per caller
headers; any 5xx is a failure. Generation is bounded (`examples` per operation, mode and caller) so a
service's whole document runs in seconds.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from typing import Any

import httpx
from fastapi import FastAPI

from .http import ServiceClient


def generated_requests(app: FastAPI, examples: int, *, seed: int = 20251130,
                       skip: Iterable[str] = ()) -> list[tuple[str, dict[str, Any]]]:
    """(operation label, requests-style kwargs) for `examples` positive and `examples` negative cases of
    every operation, reproducible (fixed seed, no example database)."""
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis.errors import Unsatisfiable
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_dict(app.openapi())
    skipped = set(skip)
    out: list[tuple[str, dict[str, Any]]] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        if label in skipped:
            continue
        cases: list[Any] = []
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @hypothesis_seed(seed)
            @settings(max_examples=examples, database=None, deadline=None,
                      suppress_health_check=list(HealthCheck), phases=[Phase.generate])
            @given(operation.as_strategy(generation_mode=mode))
            def collect(case: Any) -> None:
                # Run at once, below, in this iteration: the late binding B023 warns of cannot happen.
                cases.append(case.as_transport_kwargs(base_url="http://testserver"))  # noqa: B023

            try:
                collect()
            except Unsatisfiable:  # nothing to make invalid (an operation without inputs)
                pass
        out.extend((label, kwargs) for kwargs in cases)
    return out


def _httpx_kwargs(kwargs: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    sent_headers = {k: v for k, v in kwargs.get("headers", {}).items()
                    if k.lower() not in ("authorization", "connection", "accept-encoding", "user-agent",
                                         "x-schemathesis-testcaseid")}
    request: dict[str, Any] = {"method": kwargs["method"], "url": kwargs["url"],
                               "headers": {**sent_headers, **headers}, "params": kwargs.get("params") or None}
    if "json" in kwargs:
        request["content"] = json.dumps(kwargs["json"]).encode()
        request["headers"].setdefault("Content-Type", "application/json")
    elif kwargs.get("files"):
        request["files"] = kwargs["files"]
        request["headers"] = {k: v for k, v in request["headers"].items() if k.lower() != "content-type"}
    elif "data" in kwargs:
        data = kwargs["data"]
        if isinstance(data, dict):
            request["data"] = {str(k): v if isinstance(v, str | int | float) else json.dumps(v)
                               for k, v in data.items()}
        else:
            request["content"] = data if isinstance(data, bytes) else str(data).encode()
    return request


async def server_errors(client: httpx.AsyncClient, requests: list[tuple[str, dict[str, Any]]],
                        callers: list[dict[str, str]], statuses: Counter | None = None) -> list[str]:
    """Send every request as every caller; one line per 5xx answer (operation, status, body excerpt).
    `statuses` counts the answers (to see that the fuzzing reaches past validation)."""
    failures: list[str] = []
    for label, kwargs in requests:
        for headers in callers:
            try:
                request = _httpx_kwargs(kwargs, headers)
                response = await client.request(**request)
            except (httpx.InvalidURL, UnicodeEncodeError, TypeError, ValueError):
                continue  # the client itself cannot send it (e.g. a header no HTTP server would receive)
            if statuses is not None:
                statuses[response.status_code] += 1
            if response.status_code >= 500:
                shown = {k: v for k, v in request.items() if k != "headers"}
                failures.append(f"{label} as {headers.get('X-Caller', '?')}: {response.status_code} "
                                f"{response.text[:200]} ← {str(shown)[:600]}")
    return failures


def empty_upstream() -> ServiceClient:
    """A peer service with nothing in it: empty NDJSON feeds, empty pages, no record by id (404)."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/facts"):
            return httpx.Response(200, text="")
        if len(request.url.path.strip("/").split("/")) >= 3:  # /v1/<things>/<id>: no such record
            return httpx.Response(404, json={"code": "not_found"})
        return httpx.Response(200, json={"items": [], "next_cursor": None, "total": 0})

    return ServiceClient("http://upstream.test", transport=httpx.MockTransport(answer))


CALLERS = (("township_officer", "640104001"), ("county_officer", "640104"), ("provincial_admin", "64"))


async def assert_no_server_errors(app: FastAPI, client: httpx.AsyncClient, tokens: Any,
                                  callers: Iterable[tuple[str, str]] = CALLERS) -> None:
    """Fuzz every operation of `app` as each (role, jurisdiction) caller (`tokens`: the tests'
    TokenFactory); `CWM_FUZZ_EXAMPLES` (default 4) cases per operation and generation mode."""
    headers = [{**tokens.headers(role, jurisdiction), "X-Caller": role} for role, jurisdiction in callers]
    requests = generated_requests(app, int(os.environ.get("CWM_FUZZ_EXAMPLES", "4")))
    statuses: Counter = Counter()
    failures = await server_errors(client, requests, headers, statuses)
    print(f"{len(requests)} generated requests x {len(headers)} callers: {dict(sorted(statuses.items()))}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
