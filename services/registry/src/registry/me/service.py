import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from registry.workers.presenter import worker_detail
from registry.workers.service import WorkerService

from .schemas import MeOut


async def training_hours(session: AsyncSession, worker_id: uuid.UUID, year: int) -> Decimal:
    """Hours from the training domain when it is installed, else 0."""
    try:
        from registry.training.service import hours_this_year
    except ImportError:
        return Decimal(0)
    return Decimal(await hours_this_year(session, worker_id, year))


async def me(session: AsyncSession, principal: Principal) -> MeOut:
    try:
        worker_id = uuid.UUID(principal.worker_id or "")
    except ValueError as exc:
        raise not_found("社区工作者", "worker") from exc
    service = WorkerService.for_session(session)
    worker = await service.visible(principal, worker_id)
    detail = await worker_detail(service.repository, worker, principal)
    year = date.today().year
    return MeOut(worker=detail, contract=detail.contract, training_year=year,
                 training_hours_this_year=await training_hours(session, worker.id, year))
