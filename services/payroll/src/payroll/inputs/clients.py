"""Where a run reads its inputs: registry worker facts (NDJSON, streamed) and assessment results
(cursor pages), over REST with a service token (docs/contracts.md).

`InputSource` is the interface a run depends on; `RestInputSource` is the real one. Tests and the
benchmark may pass any object with the same two methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable
from typing import Any, Protocol

import httpx

from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.upstream import cursor_pages

from payroll import upstream
from payroll.config import PayrollSettings
from payroll.inputs.schemas import AssessmentResult, WorkerFacts, latest_revisions, retired_on

CHANGES_PAGE_SIZE = 1000


EXIT_STATUSES = frozenset({"resigned", "dismissed", "retired", "deceased"})  # the registry's (docs/contracts.md)


def left_by(facts: WorkerFacts, day: dt.date) -> bool:
    """Whether the worker had left by `day`: their status on `day` is an exit status (registry population
    `former`). Facts without a status history (tests) go by `exit_date`."""
    current = facts.status_period_on(day)
    if current is not None:
        return current.status in EXIT_STATUSES
    return facts.exit_date is not None and facts.exit_date <= day


EMPLOYED_STATUSES = frozenset({"probation", "active", "seconded"})


def employed_in(facts: WorkerFacts, since: dt.date, as_of: dt.date) -> bool:
    """Whether the worker is in the registry's `employed` population of [since, as_of]: employed on some day of
    it, or an exit taking effect inside it (docs/contracts.md). Facts without a status history (tests) go by
    `hired_on` and `exit_date` (the first day not employed)."""
    if facts.status_history:
        return any((s.status in EMPLOYED_STATUSES and s.from_ <= as_of and (s.to is None or s.to >= since))
                   or (s.status in EXIT_STATUSES and since <= s.from_ <= as_of) for s in facts.status_history)
    return facts.hired_on <= as_of and (facts.exit_date is None or facts.exit_date >= since)


class InputSource(Protocol):
    def worker_facts(self, region: str, as_of: dt.date, since: dt.date | None = None, *,
                     population: str = "employed", workers: Iterable[str] | None = None) -> AsyncIterator[WorkerFacts]:
        """Every worker of `region` employed at any time in [since, as_of], one at a time; population
        `retired_honours`: every worker retired (normal retirement) on `as_of` holding an honour (a `retiree` run;
        only that run passes the argument); population `former`: the workers named in `workers` (required) who
        had left by `as_of`, however long ago (a monthly run's workers owed arrears or a one-off item although
        not employed in its month; only that step passes it). `workers`: only these workers."""
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
        clients = upstream.build(settings, registry_transport=registry_transport,
                                 assessment_transport=assessment_transport)
        source = cls(clients.registry, clients.assessment)
        source._tokens = clients.tokens
        return source

    async def aclose(self) -> None:
        await self.registry.aclose()
        await self.assessment.aclose()
        if self._tokens is not None:
            await self._tokens.aclose()

    async def worker_facts(self, region: str, as_of: dt.date, since: dt.date | None = None, *,
                           population: str = "employed",
                           workers: Iterable[str] | None = None) -> AsyncIterator[WorkerFacts]:
        # Read timeout off: a province streams for a while; each line is parsed as it arrives.
        async for facts in upstream.worker_facts(self.registry, region, as_of, since, population=population,
                                                 workers=list(workers or ()),
                                                 timeout=httpx.Timeout(30.0, read=None)):
            yield facts

    async def results(self, region: str, years: Iterable[int] | None = None) -> list[AssessmentResult]:
        collected: list[AssessmentResult] = []
        for year in (None,) if years is None else sorted(set(years)):
            collected += [result async for result in upstream.results(self.assessment, region, year=year)]
        return latest_revisions(collected)

    async def counties(self, region: str) -> list[str]:
        """The county codes inside `region` (registry `GET /v1/regions`, retired ones too: a past month may
        still pay workers there), to split a run into per-county parts (ADR 0008)."""
        return await upstream.counties(self.registry, region)

    async def corrected_workers(self, region: str, since: dt.datetime,
                                after: str | None = None) -> dict[str, dt.datetime]:
        """Workers of `region` with a registry write after `since` (registry `GET /v1/changes`, read from
        the cursor `after` — where the previous run stopped — onwards), with the time of their latest
        change. Past months are recomputed for them; equal amounts give no line. The feed position
        reached is left in `last_cursor` for the run to record."""
        latest: dict[str, dt.datetime] = {}
        async for page in cursor_pages(self.registry, "/v1/changes", dict[str, Any], params={"limit": CHANGES_PAGE_SIZE},
                                       after=after, as_service=True):
            for item in page.items:
                worker_id, at = item.get("worker_id"), item.get("at")
                if not worker_id or not at or not str(item.get("region_code") or "").startswith(region):
                    continue
                when = dt.datetime.fromisoformat(str(at))
                if when > since and (worker_id not in latest or when > latest[worker_id]):
                    latest[str(worker_id)] = when
            if page.items:
                self.last_cursor = str(page.items[-1].get("cursor", page.next_cursor))
        return latest


class StaticInputSource:
    """Inputs held in memory (tests, demos without the other services): same interface as the REST one."""

    def __init__(self, facts: list[WorkerFacts], results: list[AssessmentResult] | None = None,
                 fail_after: int | None = None, corrections: dict[str, dt.datetime] | None = None):
        self.facts = facts
        self.result_list = results or []
        self.fail_after = fail_after  # raise after yielding this many workers (failure-path tests)
        self.corrections = corrections or {}

    async def worker_facts(self, region: str, as_of: dt.date, since: dt.date | None = None, *,
                           population: str = "employed",
                           workers: Iterable[str] | None = None) -> AsyncIterator[WorkerFacts]:
        wanted = None if workers is None else set(workers)
        if population == "former" and not wanted:
            raise ValueError("population 'former' reads named workers only")
        for index, fact in enumerate(self.facts):
            if self.fail_after is not None and index >= self.fail_after:
                raise RuntimeError("input source failed part way (simulated)")
            if not fact.community_code.startswith(region):
                continue
            if wanted is not None and fact.worker_id not in wanted:
                continue
            # population former (docs/contracts.md): the named workers who had left by as_of, whenever they left.
            if population == "former" and not left_by(fact, as_of):
                continue
            # population employed (the default), as the registry reads it: employed on some day of [since, as_of].
            if population == "employed" and not employed_in(fact, since or as_of.replace(day=1), as_of):
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

    async def counties(self, region: str) -> list[str]:
        return sorted({f.county_code or f.community_code[:6] for f in self.facts if f.community_code.startswith(region)})

    async def corrected_workers(self, region: str, since: dt.datetime,
                                after: str | None = None) -> dict[str, dt.datetime]:
        return {w: at for w, at in self.corrections.items() if at > since}

    async def aclose(self) -> None:
        return None
