import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from registry.workers.presenter import worker_detail
from registry.workers.repository import WorkerRepository

from .repository import MeRepository
from .schemas import MeOut


class _Loaded:
    """The worker repository as the presenter sees it, its history reads and community names answered from what
    was already loaded (any other read still goes to the database)."""

    def __init__(self, repository: WorkerRepository, histories: dict[str, list[Any]], names: dict[str, str]):
        self._repository = repository
        self._histories = histories
        self._names = names

    async def community_names(self, codes: set[str]) -> dict[str, str]:
        return {code: self._names[code] for code in codes if code in self._names}

    def __getattr__(self, name: str) -> Any:
        if name in self._histories:
            rows = self._histories[name]

            async def loaded(_worker_id: uuid.UUID) -> list[Any]:
                return rows
            return loaded
        return getattr(self._repository, name)


async def me(session: AsyncSession, principal: Principal) -> MeOut:
    try:
        worker_id = uuid.UUID(principal.worker_id or "")
    except ValueError as exc:
        raise not_found("社区工作者", "worker") from exc
    year = today_in_china().year
    record = await MeRepository(session).my_record(worker_id, year)
    if record is None or not principal.can_see_record(record.worker.community_code, record.worker.id):
        raise not_found("社区工作者", "worker")
    detail = await worker_detail(_Loaded(WorkerRepository(session), record.histories, record.community_names),
                                 record.worker, principal)
    return MeOut(worker=detail, contract=detail.contract, training_year=year,
                 training_hours_this_year=record.training_hours, training_requirement=record.training_requirement)
