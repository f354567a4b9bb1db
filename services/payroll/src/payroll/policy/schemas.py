from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_serializer, field_validator

from cwm_kit.types import Money, RegionCode, ResponseModel, StrictModel, YearMonth

from payroll.calculation.schemas import PayslipCalc
from payroll.inputs.schemas import AssessmentResult, WorkerFacts

from .figures import FIGURE_BOUNDS

FigureKind = Literal["avg_wage_annual", "avg_wage_monthly", "disposable_income", "si_base_floor", "si_base_ceiling",
                     "housing_fund_rate"]


class SchemeCreate(StrictModel):
    region_prefix: RegionCode
    effective_from: date
    # The pay scheme document (payroll.policy.scheme.PayScheme); a draft may be incomplete until published.
    # Omitted: a copy of `based_on_id`'s document (a new version starts from the one it supersedes).
    document: dict[str, Any] | None = None
    based_on_id: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None  # the id column's range


class SchemeUpdate(StrictModel):
    effective_from: date | None = None
    document: dict[str, Any] | None = None


class SchemeOut(ResponseModel):
    id: int
    region_prefix: str
    effective_from: date
    name: str
    status: str
    document: dict[str, Any]
    based_on_id: int | None
    created_by: str
    created_at: datetime
    published_by: str | None
    published_at: datetime | None


class SchemeSummary(ResponseModel):
    id: int
    region_prefix: str
    effective_from: date
    name: str
    status: str
    published_at: datetime | None
    # draft · scheduled (published, effective later) · in_force (for its prefix today) · superseded
    state: Literal["draft", "scheduled", "in_force", "superseded"] = "draft"


class FieldProblemOut(ResponseModel):
    field: str
    code: str
    message_zh: str
    message_en: str


class ValidationOut(ResponseModel):
    valid: bool
    problems: list[FieldProblemOut]


class PreviewIn(StrictModel):
    month: YearMonth
    run_kind: Literal["regular", "year_end"] = "regular"
    # Sample workers as given, or (when omitted) the first `sample_size` workers of `sample_region`
    # (default: the scheme's prefix, narrowed to the caller's jurisdiction) read from the registry.
    workers: Annotated[list[WorkerFacts], Field(min_length=1, max_length=50)] | None = None
    sample_region: RegionCode | None = None
    sample_size: Annotated[int, Field(ge=1, le=50)] = 10
    results: list[AssessmentResult] = []


class PreviewSample(ResponseModel):
    """Who a preview payslip is for, so the page names the person and the place (not an id)."""

    worker_id: str
    name: str
    community_code: str


class PreviewOut(ResponseModel):
    scheme_id: int
    month: str
    saved: bool = False
    payslips: list[PayslipCalc]
    samples: list[PreviewSample] = []


class SimulationIn(StrictModel):
    month: YearMonth
    # Default: the scheme's prefix narrowed to the caller's jurisdiction; must lie inside the scheme's prefix.
    region: RegionCode | None = None


class SimulationSide(ResponseModel):
    """One version's month for every worker of the region: totals only."""

    scheme_id: int | None  # None when the region's communities have different versions in force
    scheme_name: str
    payable_workers: int
    gross: Money
    employer_contributions: Money
    total_cost: Money
    funding: dict[str, Money]  # by fiscal level: region · city · county
    average_gross: Money  # per payable worker
    average_wage_ratio: Decimal | None  # average gross / the average-wage target (4 places)


class SimulationOut(ResponseModel):
    scheme_id: int
    month: str
    region: str
    saved: bool = False
    workers: int
    draft: SimulationSide
    in_force: SimulationSide
    gross_difference: Money
    employer_contributions_difference: Money
    total_cost_difference: Money
    gainers: int
    losers: int
    unchanged: int
    gains_total: Money
    losses_total: Money
    # The year before's average monthly wage of each worker's place (most specific figure), weighted by workers.
    average_wage_target: Money | None
    average_wage_source: str
    seconds: float


class FigureIn(StrictModel):
    region_code: RegionCode
    region_name: Annotated[str, Field(max_length=64)] = ""
    year: Annotated[int, Field(ge=2000, le=2100)]
    kind: FigureKind
    value: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=4)]
    status: Literal["provisional", "official"]
    published_on: date
    source: Annotated[str, Field(max_length=300)] = ""

    @field_validator("value")
    @classmethod
    def _value_of_its_kind(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        """Each kind's values (figures.FIGURE_BOUNDS): amounts above 0, the housing-fund rate within 5–12 %."""
        bounds = FIGURE_BOUNDS.get(info.data.get("kind", ""))
        problem = bounds.problem(info.data["kind"], value) if bounds else None
        if problem:
            raise ValueError(problem)
        return value


class FigureOut(ResponseModel):
    id: int
    region_code: str
    region_name: str
    year: int
    kind: str
    value: Decimal
    status: str
    published_on: date
    source: str
    created_by: str
    created_at: datetime

    @field_serializer("value")
    def _value(self, value: Decimal) -> str:
        # Rates keep four places (0.1200); amounts are yuan with two.
        return f"{value.quantize(Decimal('0.0001') if self.kind == 'housing_fund_rate' else Decimal('0.01')):f}"
