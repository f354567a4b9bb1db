from decimal import Decimal

from pydantic import BaseModel

from registry.workers.schemas import ContractOut, WorkerDetail


class MeOut(BaseModel):
    worker: WorkerDetail
    contract: ContractOut
    training_year: int
    training_hours_this_year: Decimal
