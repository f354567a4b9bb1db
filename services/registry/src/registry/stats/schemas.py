from datetime import date, datetime
from decimal import Decimal

from cwm_kit.types import CoveredRegion, ResponseModel

from registry.composition.schemas import CompositionSummary


class Bucket(ResponseModel):
    key: str | None
    count: int


class RegionBucket(ResponseModel):
    code: str
    name: str | None
    count: int


class CertificationTarget(ResponseModel):
    year: int
    share: Decimal
    met: bool


class Certification(ResponseModel):
    certified: int
    share: Decimal  # certified / head count, 4 places
    targets: list[CertificationTarget]
    rule_prefix: str | None


class QuotaFill(ResponseModel):
    level: str
    regions: int
    allowed: int
    filled: int
    fill_rate: Decimal | None
    over_quota_regions: int


class TrainingCompliance(ResponseModel):
    year: int
    workers: int
    compliant: int
    share: Decimal | None


class ReservePool(ResponseModel):
    townships: int
    secretary_posts: int
    required: int
    pool: int
    ratio: Decimal | None  # candidates per secretary post
    shortfall: int


class Statistics(ResponseModel):
    region: CoveredRegion
    as_of: date
    # When these numbers were computed (ADR 0006: at most 60 s before they are served).
    computed_at: datetime | None = None
    headcount: int
    by_post: list[Bucket]
    by_age_band: list[Bucket]
    by_education: list[Bucket]
    by_certificate: list[Bucket]
    by_sex: list[Bucket]
    by_region: list[RegionBucket]
    certification: Certification
    quota: list[QuotaFill]
    training: TrainingCompliance
    reserve: ReservePool
    # SS 二(三)1 where a community.composition rule applies (communities with workers in post); None elsewhere.
    composition: CompositionSummary | None = None
