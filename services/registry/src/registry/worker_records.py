"""Dated records kept per worker (discipline, secretary filings, health checks, leave): the one way they find
their worker inside the caller's jurisdiction, are written with an audit entry and are listed; and the one check
of the date of a record of something that happened (these, visits, training): not after today, not before the
worker worked."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Select, String, and_, func, select
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import today_in_china
from cwm_kit.problems import FieldError, Problem, not_found
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.quota.repository import in_post_in
from registry.rules import service as rules
from registry.workers.models import ServicePeriod, Worker

LISTED_FAULTS = 50  # rows named in one refusal; a batch of visits holds up to 20,000


class WorkerRecord:
    """Columns of every dated record per worker: the worker, their community when recorded, who and when."""

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"), index=True)
    community_code: Mapped[str] = mapped_column(String(12), index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


async def worker_in_reach(session: AsyncSession, principal: Principal, worker_id: uuid.UUID, *,
                          write: bool = True) -> Worker:
    """The worker, when the caller may see (and, with `write`, change) their records; else 404 / 403."""
    worker = await session.get(Worker, worker_id)
    if worker is None or not principal.can_see_record(worker.community_code, worker.id):
        raise not_found("社区工作者", "worker")
    if write:
        principal.ensure_can_write()
    return worker


async def add_audited(session: AsyncSession, principal: Principal, record: Any, action: str,
                      region_code: str, reason: str | None = None) -> Any:
    """`record` added and read back (server defaults), with its audit entry."""
    return await audit.saved(session, audit_log, principal, record, action=action, region_code=region_code,
                             reason=reason)


async def record_for_worker(session: AsyncSession, principal: Principal, model: type, body: Any, action: str) -> Any:
    """A new `model` row (a WorkerRecord) for `body.worker_id` from the body's other fields, audited."""
    worker = await worker_in_reach(session, principal, body.worker_id)
    return await add_audited(session, principal, model(
        worker_id=worker.id, community_code=worker.community_code, created_by=principal.subject,
        **body.model_dump(exclude={"worker_id"})), action, worker.community_code)


def date_fault(field: str, on: date, what_zh: str, what_en: str, *, today: date,
               first_day: date | None = None) -> FieldError | None:
    """What is wrong with `on`, the date of a record of something that happened (a visit, a training, a check), if
    anything: after today (China's date: pass `today_in_china()`), or before `first_day`, the worker's first day
    at work (`first_days_at_work`), when the record cannot precede it."""
    if on > today:
        return FieldError(field, "date_in_future", f"{what_zh}不能晚于今天（{today}）",
                          f"{what_en} cannot be after today ({today})")
    if first_day is not None and on < first_day:
        return FieldError(field, "date_before_hire", f"{what_zh}不能早于该社区工作者入职日期（{first_day}）",
                          f"{what_en} cannot be before the worker was hired ({first_day})")
    return None


def refuse_date_faults(faults: Iterable[FieldError | None]) -> None:
    """422 naming each row at fault (`date_fault`; the first in the message, at most LISTED_FAULTS listed), if any."""
    found = [fault for fault in faults if fault is not None]
    if not found:
        return
    first = found[0]
    more_zh, more_en = (f"（共 {len(found)} 行）", f" ({len(found)} rows)") if len(found) > 1 else ("", "")
    raise Problem(422, "validation_failed", f"{first['field']}: {first['message_zh']}{more_zh}",
                  f"{first['field']}: {first['message_en']}{more_en}", errors=found[:LISTED_FAULTS])


async def first_days_at_work(session: AsyncSession, ids: Iterable[uuid.UUID], allowed: Any) -> dict[uuid.UUID, date]:
    """The first day each worker of `ids` that `allowed` (a condition on Worker) admits is known to have worked in
    a community: the hire date, or an earlier service period's start (a rehire's hire date is the rehire's, and
    work before it still happened)."""
    earliest = (select(func.min(ServicePeriod.start_date)).where(ServicePeriod.worker_id == Worker.id)
                .scalar_subquery())
    statement = select(Worker.id, func.least(Worker.hired_on, earliest)).where(Worker.id.in_(set(ids)), allowed)
    return dict((await session.execute(statement)).all())


class RecordService:
    """Writes and lists one kind of dated record per worker: `model` rows, written (audited) as `action`, listed
    by `repository_class(session).listed(principal, scope, worker_id)` as `out` with their workers' names. The
    record is of something that happened: its date (`date_field`, named `date_what` in Chinese and English)
    cannot be after today."""

    model: Any
    out: Any
    action: str
    repository_class: Any
    date_field: str
    date_what: tuple[str, str]

    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = self.repository_class(session)

    async def create(self, principal: Principal, body: Any) -> Any:
        refuse_date_faults([date_fault(self.date_field, getattr(body, self.date_field), *self.date_what,
                                       today=today_in_china())])
        record = await record_for_worker(self.session, principal, self.model, body, self.action)
        return (await named(self.session, [record], self.out))[0]

    async def list(self, principal: Principal, prefix: str | None, worker_id: uuid.UUID | None) -> list[Any]:
        return await named(self.session, await self.repository.listed(principal, principal.scope_prefix(prefix),
                                                                      worker_id), self.out)


def per_worker_against_rule(principal: Principal, scope: str, rule: str, last: date, counts: Any,
                            columns: Callable[[Any], list[Any]]) -> Select:
    """Workers in post in scope hired by `last`, in communities under `rule` (resolved on `last`), each with their
    row of `counts` (a subquery by worker_id, outer-joined) and `columns(params)` (params: the rule's JSON)."""
    in_scope = and_(in_post_in(principal, scope), Worker.hired_on <= last)
    communities = select(Worker.community_code).where(in_scope).distinct()
    resolved = rules.resolved_per_region(rule, communities, last).subquery()
    return (select(Worker.id.label("worker_id"), Worker.name, Worker.community_code, *columns(resolved.c.params))
            .join(resolved, resolved.c.region_code == Worker.community_code)
            .outerjoin(counts, counts.c.worker_id == Worker.id)
            .where(in_scope))


def visible(principal: Principal, model: Any, scope: str, worker_id: uuid.UUID | None) -> Select:
    """Records of `model` (with worker_id, community_code) inside `scope` that the caller may read."""
    statement = select(model).where(model.community_code.startswith(scope, autoescape=True),
                                    principal.record_filter(model.community_code, model.worker_id))
    return statement if worker_id is None else statement.where(model.worker_id == worker_id)


async def counted_page(session: AsyncSession, rows: Any, flagged: Any, only_flagged: bool, order: tuple[Any, ...],
                       limit: int, offset: int) -> tuple[int, int, list[dict[str, Any]]]:
    """For a per-worker report (`rows`, a subquery): (its rows, those `flagged`, one page of the rows — only the
    flagged if asked — in `order`)."""
    total, with_flag = (await session.execute(
        select(func.count(), func.count().filter(flagged)).select_from(rows))).one()
    listing = select(rows).where(flagged) if only_flagged else select(rows)
    result = await session.execute(listing.order_by(*order).limit(limit).offset(offset))
    return total, with_flag, [dict(r._mapping) for r in result]


async def named(session: AsyncSession, records: list[Any], out: Any) -> list[Any]:
    """`out` models of `records`, each with its worker's name (`worker_name`): pages show names, not ids."""
    names = dict((await session.execute(select(Worker.id, Worker.name).where(
        Worker.id.in_({r.worker_id for r in records})))).all()) if records else {}
    return [out.model_validate(r).model_copy(update={"worker_name": names.get(r.worker_id)}) for r in records]
