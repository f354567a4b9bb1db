from decimal import Decimal

from pydantic import BaseModel

from registry.workers.schemas import ContractOut, WorkerDetail


class MeOut(BaseModel):
    worker: WorkerDetail
    contract: ContractOut
    training_year: int
    training_hours_this_year: Decimal
    # This year's requirement for the worker's post and its shortfall (hours); null when none applies.
    training_requirement: dict[str, Decimal] | None = None
