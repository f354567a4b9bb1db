from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from cwm_kit.types import CoveredRegion, ResponseModel


class ResultItem(ResponseModel):
    """One publication of a final result (docs/contracts.md: Assessment → payroll, registry)."""

    id: UUID  # the assessment; stable across corrections
    cursor: str
    worker_id: UUID
    year: int
    kind: Literal["annual", "probation"]
    result: str
    score: Decimal | None
    community_code: str
    finalized_at: datetime
    revision: int
    tolerance: bool
    # A result from before the system (entered or imported, no notice ran), with its source document.
    historical: bool = False
    source_document: str | None = None


class ResultFeed(ResponseModel):
    items: list[ResultItem]
    next_cursor: str


class Distribution(ResponseModel):
    excellent: int = 0
    competent: int = 0
    basically_competent: int = 0
    incompetent: int = 0


class UnitStatistics(ResponseModel):
    county_code: str
    township_code: str | None = None
    assessed: int
    proposed: int
    decided: int
    final: int
    # Final results only.
    distribution: Distribution
    # The excellent quota is counted over annual assessees with a decided result (notice or final).
    annual_assessed: int
    excellent_decided: int
    excellent_limit: int | None = None
    quota_percent: Decimal | None = None
    excellent_share_percent: Decimal | None = None
    # Past the plan's deadlines (not enforced; shown so the county can chase them).
    overdue_proposals: int = 0
    overdue_decisions: int = 0


class Statistics(ResponseModel):
    year: int
    region: CoveredRegion
    total: UnitStatistics
    counties: list[UnitStatistics]
    townships: list[UnitStatistics]
