"""Builders shared by the payroll-engine tests: presets, figures, workers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from cwm_kit.service_years import merge_runs
from payroll.inputs.schemas import AssessmentResult, WorkerFacts
from payroll.policy.figures import Figure, FigureSet
from payroll.policy.presets import load
from payroll.policy.scheme import PayScheme


def nx_scheme(employer_contributions: str | None = None) -> PayScheme:
    """The NX preset; `employer_contributions` "on_top" overrides its reading (inside the pay total) for tests
    whose subject is something else (income tax brackets) and whose arithmetic was written on 应发 = the total."""
    document = load("nx-2025.json")
    if employer_contributions:
        document["pay_total"] = {**document["pay_total"], "employer_contributions": employer_contributions}
    return PayScheme.model_validate(document)


def ss_scheme(pot: bool = True) -> PayScheme:
    """The SS preset; `pot=False` pays each worker's own year-end amount (standard × factor) without the
    township's pot, for tests of one worker's year-end part (months paid, probation factor)."""
    document = load("ss-2022.json")
    if not pot:
        document["performance"].pop("pot")
    return PayScheme.model_validate(document)


def fig(region: str, year: int, kind: str, value: str, status: str = "official",
        published_on: date = date(2025, 6, 30), name: str = "") -> Figure:
    return Figure(kind=kind, year=year, value=Decimal(value), status=status, published_on=published_on,
                  region_code=region, region_name=name)


def nx_figures(avg_wage: str = "9012.50", city: str = "6401", city_name: str = "银川市") -> FigureSet:
    return FigureSet("640104001001", [
        fig(city, 2024, "avg_wage_monthly", avg_wage, name=city_name),
        fig("64", 2025, "si_base_floor", "4352.00", published_on=date(2025, 1, 1)),
        fig("64", 2025, "si_base_ceiling", "21762.00", published_on=date(2025, 1, 1)),
        fig("64", 2025, "housing_fund_rate", "0.12", published_on=date(2025, 1, 1)),
    ])


def ss_figures() -> FigureSet:
    return FigureSet("150404001001", [
        fig("15", 2025, "si_base_floor", "4000.00", published_on=date(2025, 1, 1)),
        fig("15", 2025, "si_base_ceiling", "20000.00", published_on=date(2025, 1, 1)),
        fig("15", 2024, "si_base_floor", "3900.00", published_on=date(2024, 1, 1)),
        fig("15", 2024, "si_base_ceiling", "19500.00", published_on=date(2024, 1, 1)),
    ])


def counted(periods: list[dict[str, Any]], scope: str, since: str = "1978-01-01",
            until: str | None = None) -> dict[str, Any]:
    """One counting era as the registry publishes it: the periods under `scope`, merged (the registry's rule;
    tests build it with the same shared helper)."""
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    runs = merge_runs((day(p["start"]), day(p.get("end"))) for p in periods if p["community_code"].startswith(scope))
    return {"from": since, "to": until, "scope": scope,
            "runs": [{"start": s.isoformat(), "end": e.isoformat() if e else None} for s, e in runs]}


def worker(**overrides: Any) -> WorkerFacts:
    """A worker's facts; `service_periods` (default: one open period from the hire) become the registry's
    counted service across the province unless `counted_service` is given."""
    hired = overrides.get("hired_on", "2020-03-01")
    community = overrides.get("community_code", "640104001001")
    periods = overrides.pop("service_periods", [{"community_code": community, "start": hired, "end": None}])
    data: dict[str, Any] = {
        "worker_id": "w1", "name": "测试", "community_code": community, "township_code": community[:9],
        "county_code": community[:6], "post": "nx_staff", "status": "active", "hired_on": hired,
        "counted_service": [counted(periods, community[:2])],
    }
    data.update(overrides)
    return WorkerFacts.model_validate(data)


def result(year: int, value: str, worker_id: str = "w1", revision: int = 1) -> AssessmentResult:
    return AssessmentResult(worker_id=worker_id, year=year, result=value, revision=revision)


def amounts(calc) -> dict[str, Decimal]:
    return {line.code: line.amount for line in calc.lines}
