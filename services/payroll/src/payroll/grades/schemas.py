from __future__ import annotations

from datetime import date
from decimal import Decimal

from cwm_kit.types import ResponseModel


class GradeStepOut(ResponseModel):
    step: str
    zh: str
    en: str
    value: str


class GradeOut(ResponseModel):
    worker_id: str
    month: str
    scheme_id: int
    scheme_name: str
    scheme_region_prefix: str
    scheme_effective_from: date
    post: str
    level: int
    years: Decimal
    yijiantiao: bool
    steps: list[GradeStepOut]
