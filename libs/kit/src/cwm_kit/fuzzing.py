"""OpenAPI fuzzing for the services' test suites (schemathesis; not imported by production code).

Every operation of an app's OpenAPI document, with valid and invalid generated inputs, is sent in-process
(over the test's ASGI client, so each request runs in the test's rolled-back session) once per caller
headers; any 5xx is a failure. Generation is bounded (`examples` per operation, mode and caller) so a
service's whole document runs in seconds. `assert_wrong_types_refused` then sends every JSON body's yes/no and
number field a value of the wrong type ("yes", "12", true for a number), which a 5xx check cannot catch: lax
validation would accept it with 2xx. `assert_regions_scoped` asks every read that takes a region for another
township's (404 for every role) and for the province (narrowed to the caller's township, and named so).
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
# Who sends the wrong-typed bodies: the widest officer, then a worker (for the /me operations).
TYPE_CALLERS = (("provincial_admin", "64", {}), ("worker", "640104001001", {"worker_id": "W-fuzz"}))
# A value of the wrong JSON type that lax validation would take: the text of a yes/no or a whole number, and
# true for a number.
WRONG_TYPES = {"boolean": ("yes", "true", "1", 1), "integer": ("12", True, 12.0), "number": (True,)}


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


def _resolved(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def _scalar_type(doc: dict[str, Any], schema: dict[str, Any]) -> str | None:
    """The JSON type of a property that is one boolean, integer or number (or that or null), else None."""
    arms = [_resolved(doc, s) for s in schema.get("anyOf", [schema])]
    types = {arm.get("type") for arm in arms} - {"null"}
    return types.pop() if len(types) == 1 and types <= set(WRONG_TYPES) else None


def _path_value(schema: dict[str, Any]) -> str:
    if schema.get("type") == "integer":
        return "1"
    return "00000000-0000-4000-8000-000000000000" if schema.get("format") == "uuid" else "640104001"


def wrong_type_requests(app: FastAPI) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(operation label, field, method, httpx kwargs): for every JSON body's top-level yes/no and number
    property, a body holding only that property with a value of the wrong type (WRONG_TYPES)."""
    doc = app.openapi()
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if "application/json" not in content:
                continue
            url = path
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    url = url.replace("{" + parameter["name"] + "}", _path_value(parameter.get("schema", {})))
            body = _resolved(doc, content["application/json"]["schema"])
            for name, schema in body.get("properties", {}).items():
                kind = _scalar_type(doc, schema)
                for wrong in WRONG_TYPES.get(kind or "", ()):
                    out.append((f"{method.upper()} {path}", name, method.upper(),
                                {"url": url, "content": json.dumps({name: wrong}).encode(),
                                 "headers": {"Content-Type": "application/json"}}))
    return out


async def assert_wrong_types_refused(app: FastAPI, client: httpx.AsyncClient, tokens: Any) -> None:
    """Every JSON body's yes/no takes only true/false and its numbers no text or true (StrictModel): no
    wrong-typed value is accepted, and each is a 422 problem naming the field for the first caller that reaches
    validation (a dependency's 401/403/404 comes first; an operation no caller reaches is listed). Nothing is
    written: validation fails before the handler runs."""
    headers = [tokens.headers(role, jurisdiction, **extra) for role, jurisdiction, extra in TYPE_CALLERS]
    failures: list[str] = []
    unreached: set[str] = set()
    for label, field, method, kwargs in wrong_type_requests(app):
        answers = []
        for caller in headers:
            response = await client.request(method, kwargs["url"], content=kwargs["content"],
                                            headers={**kwargs["headers"], **caller})
            answers.append(response.status_code)
            if response.status_code == 422:
                named = {e.get("field") for e in response.json().get("errors", [])}
                if response.headers.get("content-type") != "application/problem+json" or field not in named:
                    failures.append(f"{label} {field}={kwargs['content'].decode()}: 422 without the field "
                                    f"{response.text[:200]}")
                break
            if response.status_code < 300:
                failures.append(f"{label} {field}={kwargs['content'].decode()}: accepted ({response.status_code})")
                break
        else:
            unreached.add(f"{label} {answers}")
    print(f"wrong-typed bodies: {len(failures)} accepted or unnamed; no caller reached: {sorted(unreached)}")
    assert not failures, f"{len(failures)} wrong-typed values not refused by field:\n" + "\n".join(failures)


# The query parameters that name a region a read covers.
REGION_PARAMETERS = ("region", "township")
# Who asks: a township officer of 640104001, in each officer role a township can hold.
SCOPE_ROLES = ("township_officer", "party_secretary", "finance_officer", "auditor")


def _query_value(schema: dict[str, Any]) -> str | None:
    """A plausible value of a required query parameter, from its schema (a month, a year, an enum's first)."""
    schema = next((s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"), schema)
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("type") == "integer":
        return str(max(schema.get("minimum", 2025), 2025)) if schema.get("maximum", 0) >= 2025 else \
            str(schema.get("minimum", 1))
    if "YYYY" in str(schema.get("examples", "")) or r"(0[1-9]|1[0-2])" in str(schema.get("pattern", "")):
        return "2025-01"
    return None


def region_reads(app: FastAPI, skip: Iterable[str] = ()) -> list[tuple[str, str, str, dict[str, str]]]:
    """(operation label, region parameter, path, other required query values) of every GET that takes a
    region (REGION_PARAMETERS) to cover."""
    doc = app.openapi()
    skipped = set(skip)
    out = []
    for path, operations in doc["paths"].items():
        operation = operations.get("get")
        label = f"GET {path}"
        if operation is None or label in skipped:
            continue
        parameters = operation.get("parameters", [])
        names = [p["name"] for p in parameters if p["in"] == "query" and p["name"] in REGION_PARAMETERS]
        if not names:
            continue
        url = path
        for parameter in parameters:
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", _path_value(parameter.get("schema", {})))
        required = {p["name"]: _query_value(p.get("schema", {})) for p in parameters
                    if p["in"] == "query" and p.get("required") and p["name"] not in names}
        out.append((label, names[0], url, {k: v for k, v in required.items() if v is not None}))
    return out


# A page of records (each naming its own region) rather than a report over a scope.
_PAGES = ({"items", "page", "size", "total"}, {"items", "next_cursor"})


async def assert_regions_scoped(app: FastAPI, client: httpx.AsyncClient, tokens: Any, *,
                                jurisdiction: str = "640104001", foreign: str = "640104002",
                                ancestor: str = "64") -> list[str]:
    """Every read that takes a region (REGION_PARAMETERS), as each officer role of a township:
    - a region outside the jurisdiction (a sibling township) is a 404 problem, whatever the role: outside looks
      exactly like absent, and a role check that came first (403) would tell the region apart;
    - a wider region (an ancestor) answers as the jurisdiction itself would (`Principal.scope_prefix` narrows it),
      and a report over the scope (a JSON object that is not a plain page of records) names the region it covers
      in `region`, so its figures are never read as the wider region's.
    Returns the operations probed."""
    failures: list[str] = []
    reads = region_reads(app)
    for label, name, url, query in reads:
        for role in SCOPE_ROLES:
            headers = tokens.headers(role, jurisdiction)
            outside = await client.get(url, params={**query, name: foreign}, headers=headers)
            if outside.status_code != 404 or outside.headers.get("content-type") != "application/problem+json":
                failures.append(f"{label}?{name}={foreign} as {role}: {outside.status_code} {outside.text[:160]}")
            own = await client.get(url, params={**query, name: jurisdiction}, headers=headers)
            wider = await client.get(url, params={**query, name: ancestor}, headers=headers)
            if name == "region" and wider.status_code != own.status_code:
                failures.append(f"{label}?{name}={ancestor} as {role}: {wider.status_code}, "
                                f"its own region {own.status_code}")
            body = wider.json() if wider.headers.get("content-type") == "application/json" else None
            if isinstance(body, dict) and set(body) not in _PAGES and body.get("region") != jurisdiction:
                failures.append(f"{label}?{name}={ancestor} as {role}: region {body.get('region')!r} "
                                f"(keys {sorted(body)[:6]}), not the {jurisdiction} it covers")
    assert not failures, f"{len(failures)} reads not scoped to the jurisdiction:\n" + "\n".join(failures)
    return [label for label, *_ in reads]
