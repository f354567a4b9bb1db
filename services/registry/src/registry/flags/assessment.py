"""Final assessment results read from the assessment service (contracts.md: `GET /v1/results`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request

from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.problems import Problem

_token_sources: dict[tuple[str, str], ServiceTokenSource] = {}


@dataclass(frozen=True)
class Result:
    worker_id: str
    year: int
    kind: str
    result: str
    revision: int


def assessment_client(request: Request) -> ServiceClient:
    """The caller's token is forwarded (assessment applies the same jurisdiction); without one, a service
    token. Tests put a ready client (in-process or failing transport) on `app.state.assessment_client`."""
    injected = getattr(request.app.state, "assessment_client", None)
    if injected is not None:
        return injected
    settings = request.app.state.settings
    key = (settings.registry_url, settings.service_client_secret)
    source = _token_sources.setdefault(key, ServiceTokenSource(settings.registry_url, "registry",
                                                               settings.service_client_secret))
    return ServiceClient(settings.assessment_url, token_source=source, timeout=10.0)


async def final_results(client: ServiceClient, region: str, years: list[int]) -> dict[tuple[str, int, str], Result]:
    """Highest revision per (worker_id, year, kind) for the region and years, following the cursor."""
    latest: dict[tuple[str, int, str], Result] = {}
    # The assessment feed answers for years 2000–2100; earlier years simply have no results.
    for year in (y for y in years if 2000 <= y <= 2100):
        after: str | None = None
        while True:
            params: dict[str, Any] = {"year": year, "limit": 1000}
            if region:
                params["region"] = region
            if after:
                params["after"] = after
            page = await client.get_json("/v1/results", params=params)
            try:
                for item in page.get("items", []):
                    result = Result(str(item["worker_id"]), int(item["year"]), item["kind"], item["result"],
                                    int(item.get("revision", 1)))
                    key = (result.worker_id, result.year, result.kind)
                    if key not in latest or latest[key].revision < result.revision:
                        latest[key] = result
                after = page.get("next_cursor")
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                raise Problem(502, "upstream_error", "考核服务返回的数据格式不符合约定",
                              "the assessment service answered outside the contract") from exc
            if not after or not page.get("items"):
                break
    return latest
