import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from cwm_kit.types import PlausibleDate, ResponseModel, StrictModel

DisciplineKind = Literal["party_warning", "party_post_revoked", "party_probation", "expelled_from_party",
                         "gov_minor", "gov_dismissal", "gov_expulsion", "serious_violation", "criminal_liability",
                         "sentenced"]


class DisciplineIn(StrictModel):
    worker_id: uuid.UUID
    kind: DisciplineKind
    record_date: PlausibleDate
    issuing_body: Annotated[str, Field(min_length=2, max_length=128)]
    summary: Annotated[str, Field(min_length=2, max_length=1000)]


class DisciplineOut(ResponseModel):
    id: uuid.UUID
    worker_id: uuid.UUID
    worker_name: str | None = None
    community_code: str
    kind: DisciplineKind
    record_date: PlausibleDate
    issuing_body: str
    summary: str
    created_by: str
    created_at: datetime
    # Whether the `exit.discipline` rule over the worker's community lists this kind (the exit flag is raised).
    raises_exit_flag: bool = False
