"""Where a run reads its inputs: registry worker facts (NDJSON, streamed) and assessment results
(cursor pages), over REST with a service token (docs/contracts.md).

`InputSource` is the interface a run depends on; `RestInputSource` is the real one. Tests and the
benchmark may pass any object with the same two methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable
from typing import Protocol

import httpx

from cwm_kit.http import ServiceClient, ServiceTokenSource

from payroll.config import PayrollSettings
from payroll.inputs.schemas import AssessmentResult, WorkerFacts, latest_revisions, retired_on

RESULTS_PAGE_SIZE = 1000
CHANGES_PAGE_SIZE = 1000


class InputSource(Protocol):
    def worker_facts(self, region: str, as_of: dt.date, since: dt.date | None = None, *,
                     population: str = "employed") -> AsyncIterator[WorkerFacts]:
        """Every worker of `region` employed at any time in [since, as_of], one at a time; population
        `retired_honours`: every worker retired (normal retirement) on `as_of` holding an honour (a `retiree` run;
        only that run passes the argument)."""
        ...

    async def results(self, region: str, years: Iterable[int] | None = None) -> list[AssessmentResult]:
        """Final assessment results of `region` for `years` (None: every year of the career), highest
        revision per (worker, year, kind)."""
        ...


class RestInputSource:
    """Reads the registry and assessment services. Calls are made as the payroll service (a background
    job has no user token), so `as_service=True` everywhere."""

    def __init__(self, registry: ServiceClient, assessment: ServiceClient):
        self.registry = registry
        self.assessment = assessment
        self._tokens: ServiceTokenSource | None = None
        self.last_cursor: str | None = None

    @classmethod
    def from_settings(cls, settings: PayrollSettings, *, registry_transport: httpx.AsyncBaseTransport | None = None,
                      assessment_transport: httpx.AsyncBaseTransport | None = None) -> RestInputSource:
        timeout = settings.upstream_timeout_seconds
        # One cached service token for both upstreams, always asked of the registry.
        tokens = ServiceTokenSource(settings.registry_url, settings.service_client_id, settings.service_client_secret,
                                    transport=registry_transport, timeout=timeout)
        source = cls(
            ServiceClient(settings.registry_url, token_source=tokens, timeout=timeout, transport=registry_transport),
            ServiceClient(settings.assessment_url, token_source=tokens, timeout=timeout,
                          transport=assessment_transport),
        )
        source._tokens = tokens
        return source

    async def aclose(self) -> None:
        await self.registry.aclose()
        await self.assessment.aclose()
        if self._tokens is not None:
            await self._tokens.aclose()

    async def worker_facts(self, region: str, as_of: dt.date, since: dt.date | None = None, *,
                           population: str = "employed") -> AsyncIterator[WorkerFacts]:
        params = {"region": region, "as_of": as_of.isoformat()}
        if since is not None:
            params["since"] = since.isoformat()
        if population != "employed":
            params["population"] = population
        # Read timeout off: a province streams for a while; each line is parsed as it arrives.
        async for line in self.registry.stream_lines("/v1/workers/facts", as_service=True, params=params,
                                                     timeout=httpx.Timeout(30.0, read=None)):
            yield WorkerFacts.model_validate_json(line)

    async def results(self, region: str, years: Iterable[int] | None = None) -> list[AssessmentResult]:
        collected: list[AssessmentResult] = []
        for year in (None,) if years is None else sorted(set(years)):
            cursor: str | None = None
            while True:
                params: dict[str, str | int] = {"region": region, "limit": RESULTS_PAGE_SIZE}
                if year is not None:
                    params["year"] = year
                if cursor is not None:
                    params["after"] = cursor
                page = await self.assessment.get_json("/v1/results", as_service=True, params=params)
                items = page.get("items") or []
                collected.extend(AssessmentResult.model_validate(item) for item in items)
                next_cursor = page.get("next_cursor")
                if not items or next_cursor in (None, "", cursor):
                    break
                cursor = str(next_cursor)
        return latest_revisions(collected)

    async def corrected_workers(self, region: str, since: dt.datetime,
                                after: str | None = None) -> dict[str, dt.datetime]:
        """Workers of `region` with a registry write after `since` (registry `GET /v1/changes`, read from
        the cursor `after` — where the previous run stopped — onwards), with the time of their latest
        change. Past months are recomputed for them; equal amounts give no line. The feed position
        reached is left in `last_cursor` for the run to record."""
        latest: dict[str, dt.datetime] = {}
        cursor: str | None = after
        while True:
            params: dict[str, str | int] = {"limit": CHANGES_PAGE_SIZE}
            if cursor is not None:
                params["after"] = cursor
            page = await self.registry.get_json("/v1/changes", as_service=True, params=params)
            items = page.get("items") or []
            for item in items:
                worker_id, at = item.get("worker_id"), item.get("at")
                if not worker_id or not at or not str(item.get("region_code") or "").startswith(region):
                    continue
                when = dt.datetime.fromisoformat(str(at))
                if when > since and (worker_id not in latest or when > latest[worker_id]):
                    latest[str(worker_id)] = when
            next_cursor = page.get("next_cursor")
            if items:
                self.last_cursor = str(items[-1].get("cursor", next_cursor))
            if not items or next_cursor in (None, "", cursor):
                return latest
            cursor = str(next_cursor)


class StaticInputSource:
    """Inputs held in memory (tests, demos without the other services): same interface as the REST one."""

    def __init__(self, facts: list[WorkerFacts], results: list[AssessmentResult] | None = None,
                 fail_after: int | None = None, corrections: dict[str, dt.datetime] | None = None):
        self.facts = facts
        self.result_list = results or []
        self.fail_after = fail_after  # raise after yielding this many workers (failure-path tests)
        self.corrections = corrections or {}

    async def worker_facts(self, region: str, as_of: dt.date, since: dt.date | None = None, *,
                           population: str = "employed") -> AsyncIterator[WorkerFacts]:
        for index, fact in enumerate(self.facts):
            if self.fail_after is not None and index >= self.fail_after:
                raise RuntimeError("input source failed part way (simulated)")
            if not fact.community_code.startswith(region):
                continue
            # population retired_honours (docs/contracts.md): retired on as_of and holding an honour by then.
            if population == "retired_honours" and not (
                    retired_on(fact, as_of) is not None and any(h.date is None or h.date <= as_of for h in fact.honours)):
                continue
            yield fact

    async def results(self, region: str, years: Iterable[int] | None = None) -> list[AssessmentResult]:
        wanted = None if years is None else set(years)
        return latest_revisions([r for r in self.result_list if (wanted is None or r.year in wanted)
                                 and (r.community_code is None or r.community_code.startswith(region))])

    async def corrected_workers(self, region: str, since: dt.datetime,
                                after: str | None = None) -> dict[str, dt.datetime]:
        return {w: at for w, at in self.corrections.items() if at > since}

    async def aclose(self) -> None:
        return None
