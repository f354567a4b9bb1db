"""What payroll reads from the other services, parsed (docs/contracts.md).

`WorkerFacts` is one NDJSON line of registry `GET /v1/workers/facts`; `AssessmentResult` one item of
assessment `GET /v1/results`. Unknown fields are ignored so a producer may add fields without breaking
payroll; dates are dates and years are Decimal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ResultCode = Literal["excellent", "competent", "basically_competent", "incompetent"]


class _Input(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class PostPeriod(_Input):
    post: str
    label_zh: str | None = None  # the registry catalogue's label of that post
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None


class Period(_Input):
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None


class StatusPeriod(_Input):
    status: str
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None


class Education(_Input):
    level: str
    date: dt.date | None = None
    # As recorded. The grade goes by `date` against the start of the current service (grades.engine); the flag
    # only places an undated record.
    in_service: bool = False


class Certificate(_Input):
    level: str
    approved_on: dt.date


class Honour(_Input):
    level: str
    date: dt.date | None = None


class Run(_Input):
    start: dt.date
    end: dt.date | None = None


class CountingEra(_Input):
    """Registry's counted service under one `service.counting` rule: from `from_` to `to` (inclusive) the
    rule counts the periods under `scope`, merged into `runs` (docs/contracts.md)."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    scope: str = ""
    source: str = ""
    runs: list[Run] = []


class Secondment(_Input):
    start: dt.date
    end: dt.date | None = None
    borrower: str | None = None


class StarYear(_Input):
    """A community party organisation's star rating (1–5) for a year."""

    community_code: str
    year: int
    stars: int


class WorkerFacts(_Input):
    worker_id: str
    name: str = ""
    sex: str | None = None
    birth_date: dt.date | None = None
    community_code: str
    township_code: str | None = None
    county_code: str | None = None
    post: str
    post_label_zh: str | None = None
    post_since: dt.date | None = None
    post_history: list[PostPeriod] = []
    yijiantiao: bool = False
    yijiantiao_history: list[Period] = []
    status: str
    status_history: list[StatusPeriod] = []
    hired_on: dt.date
    probation_end: dt.date | None = None
    exit_date: dt.date | None = None
    exit_reason: str | None = None
    education: Education | None = None
    education_history: list[Education] = []
    certificate: Certificate | None = None
    certificate_history: list[Certificate] = []
    honours: list[Honour] = []
    # Years of service are counted from these (cwm_kit.service_years), never from raw periods.
    counted_service: list[CountingEra] = []
    secondments: list[Secondment] = []
    star_rating: int | None = None
    # The ratings of the communities served in, by year (the registry's); empty from an older registry.
    star_history: list[StarYear] = []
    fiscal_category: str | None = None

    @property
    def region_code(self) -> str:
        return self.community_code

    def stars_in(self, year: int) -> int | None:
        """The rating the worker's community holds in `year`: its latest of that year or before (a year not
        rated yet keeps the rating before it). Without a history, the rating the registry gave as of the run."""
        if not self.star_history:
            return self.star_rating
        held = [r for r in self.star_history if r.community_code == self.community_code and r.year <= year]
        return max(held, key=lambda r: r.year).stars if held else None

    def status_period_on(self, day: dt.date) -> StatusPeriod | None:
        """The status history's period in force on `day` (None without a history, or before it starts)."""
        return next((s for s in reversed(self.status_history) if s.from_ <= day), None)

    def counted_runs(self, day: dt.date) -> list[tuple[dt.date, dt.date | None]]:
        """The runs of the counting rule in force on `day` (none before the first rule)."""
        for era in self.counted_service:
            if era.from_ <= day and (era.to is None or day <= era.to):
                return [(r.start, r.end) for r in era.runs]
        return []

    def service_start(self, day: dt.date) -> dt.date:
        """The first day of the continuous service `day` falls in (or the last one before it): the start of the latest
        counted run (rule in force on `day`) begun by then. Runs are merged, so a transfer keeps the run and a break
        starts a new one (SS does not bridge breaks); the hire date when the facts count no service."""
        return max((start for start, _end in self.counted_runs(day) if start <= day), default=self.hired_on)


def retired_on(worker: WorkerFacts, day: dt.date) -> dt.date | None:
    """The day a normal retirement took effect, when the worker's status on `day` is `retired` (else None)."""
    current = worker.status_period_on(day)
    if current is not None:
        return current.from_ if current.status == "retired" else None
    return worker.exit_date if worker.status == "retired" else None


class AssessmentResult(_Input):
    id: str | int | None = None
    worker_id: str
    year: int
    kind: Literal["annual", "probation"] = "annual"
    result: ResultCode
    score: Decimal | None = None
    community_code: str | None = None
    finalized_at: dt.datetime | None = None
    revision: int = 1
    tolerance: bool = False


def latest_revisions(results: list[AssessmentResult]) -> list[AssessmentResult]:
    """Keep the highest revision per (worker_id, year, kind), as the contract says consumers must."""
    best: dict[tuple[str, int, str], AssessmentResult] = {}
    for r in results:
        key = (r.worker_id, r.year, r.kind)
        if key not in best or r.revision > best[key].revision:
            best[key] = r
    return list(best.values())


def by_worker(results: Iterable[AssessmentResult]) -> dict[str, list[AssessmentResult]]:
    """Each worker's results, in the order given."""
    grouped: dict[str, list[AssessmentResult]] = {}
    for result in results:
        grouped.setdefault(result.worker_id, []).append(result)
    return grouped
