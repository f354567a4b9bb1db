import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import not_found
from cwm_kit.security import Principal, Role

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


async def training_requirement(session: AsyncSession, worker_id: uuid.UUID, community_code: str,
                               year: int) -> dict[str, Decimal] | None:
    """The worker's own line of the training compliance report (the rule that applies to their post)."""
    try:
        from registry.training.repository import compliance_statement
    except ImportError:
        return None
    # The caller is already allowed this one record; the report is computed for its community only.
    scope = Principal(subject="me", role=Role.SERVICE, jurisdiction=community_code)
    report = compliance_statement(scope, community_code, year).subquery()
    row = (await session.execute(select(report).where(report.c.worker_id == worker_id))).mappings().first()
    if row is None:
        return None
    return {key: Decimal(row[key]) for key in ("yearly_required", "yearly_shortfall", "initial_required",
                                               "initial_done", "initial_shortfall")}


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
                 training_hours_this_year=await training_hours(session, worker.id, year),
                 training_requirement=await training_requirement(session, worker.id, worker.community_code, year))
