import uuid
from datetime import date
from typing import Any, Literal

from cwm_kit.types import ResponseModel

FlagKind = Literal["probation_failed", "consecutive_incompetent", "contract_ending", "career_track",
                   "retirement_age", "discipline", "secretary_not_filed"]


class Flag(ResponseModel):
    kind: FlagKind
    worker_id: uuid.UUID
    name: str
    community_code: str
    post: str
    message_zh: str
    message_en: str
    details: dict[str, Any]


class Warning(ResponseModel):
    code: str
    message_zh: str
    message_en: str


class FlagReport(ResponseModel):
    as_of: date
    region: str
    # False when the assessment service could not be reached: assessment-based flags are then missing.
    assessment_available: bool
    warnings: list[Warning]
    items: list[Flag]
