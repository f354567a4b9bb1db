"""The audit trail every write leaves: who, when, what, before and after.

Each service keeps its own `audit_log` table (built by `audit_table` on its own metadata); the
function below is the single way rows get there, inside the request's transaction.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from decimal import Decimal
from enum import Enum
from collections.abc import Awaitable, Callable
from typing import Annotated, Any
from uuid import UUID

import httpx
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, String, Table, Text, func, insert, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from . import privacy
from .context import bearer_token_var, request_id_var
from .dates import CHINA
from .db import SessionDep
from .pagination import PageDep
from .security import OfficerPrincipal, Principal
from .types import PlausibleDate


def audit_table(metadata: MetaData, *, with_worker_id: bool = False) -> Table:
    """`with_worker_id` adds a nullable, indexed `worker_id` column: the worker a row concerns, so a
    change feed can be filtered per worker whatever the entity (education, secondment, ...)."""
    extra = [Column("worker_id", String(64), nullable=True), Index("ix_audit_log_worker_id", "worker_id")] \
        if with_worker_id else []
    return Table(
        "audit_log",
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("actor", String(64), nullable=False),
        Column("actor_role", String(32), nullable=False),
        # The actor's name from the token at write time (a person, not only an account id).
        Column("actor_name", String(64), nullable=True),
        # Who issued the actor's password (created the account or last reset it), from the token: the other
        # person who could act as this account, kept so maker–checker can tell them apart (cwm_kit.duties).
        Column("actor_credentials_by", String(64), nullable=True),
        Column("action", String(64), nullable=False),
        Column("entity", String(64), nullable=False),
        Column("entity_id", String(64), nullable=False),
        Column("region_code", String(12), nullable=True),
        Column("reason", Text, nullable=True),
        Column("before", JSONB, nullable=True),
        Column("after", JSONB, nullable=True),
        Column("request_id", String(128), nullable=True),
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_region_code", "region_code"),
        *extra,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (UUID, Enum)):
        return str(value.value if isinstance(value, Enum) else value)
    return value


def concerned_worker(worker_id: Any, *states: Any) -> str | None:
    """The worker an entry is about: `worker_id` when given, else the one its states (`after`, then `before`)
    name: a row's snapshot naming a `worker_id` (a secondment, a leave request, an assessment, a one-off item ...),
    or a batch of rows all naming the same one. None when no state names one, or a batch names several."""
    if worker_id is not None:
        return str(worker_id)
    for state in states:
        rows = state if isinstance(state, list) else [state]
        named = {str(row["worker_id"]) if isinstance(row, dict) and row.get("worker_id") is not None else None
                 for row in rows}
        if named and None not in named:
            return named.pop() if len(named) == 1 else None
    return None


def actor_name(principal: Principal) -> str | None:
    name = (principal.claims or {}).get("name")
    return str(name)[:64] if name else None


def snapshot(obj: Any, fields: list[str] | None = None) -> dict[str, Any]:
    """Column values of an ORM object as JSON-ready data."""
    if obj is None:
        return {}
    names = fields or [c.key for c in obj.__table__.columns]
    return _plain({name: getattr(obj, name) for name in names})


async def record(
    session: AsyncSession,
    table: Table,
    principal: Principal,
    *,
    action: str,
    entity: str,
    entity_id: Any,
    region_code: str | None = None,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
    worker_id: Any = None,
) -> None:
    """One audit row. `worker_id` (the worker it concerns), when not given, is the one `after` or `before` names
    (`concerned_worker`); only tables built `with_worker_id` have the column, others never get the key."""
    worker = concerned_worker(worker_id, after, before)
    extra = {"worker_id": worker} if worker is not None and "worker_id" in table.c else {}
    await session.execute(
        insert(table).values(
            **extra,
            actor=principal.subject,
            actor_role=principal.role.value,
            actor_name=actor_name(principal),
            actor_credentials_by=principal.credentials_by,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            region_code=region_code,
            reason=reason,
            before=json.loads(json.dumps(_plain(before))) if before is not None else None,
            after=json.loads(json.dumps(_plain(after))) if after is not None else None,
            request_id=request_id_var.get(),
        )
    )


async def saved(session: AsyncSession, table: Table, principal: Principal, row: Any, *, action: str,
                region_code: str | None, before: Any = None, reason: str | None = None) -> Any:
    """`row` (an ORM object, new or changed) added, flushed and read back (server defaults such as timestamps),
    with its audit entry: its table as the entity, `before` (a snapshot taken before a change), its snapshot
    after and the worker it concerns, its `worker_id` when it has one."""
    session.add(row)
    await session.flush()
    await session.refresh(row)
    await record(session, table, principal, action=action, entity=row.__tablename__, entity_id=row.id,
                 region_code=region_code, before=before, after=snapshot(row), reason=reason)
    return row


async def record_many(session: AsyncSession, table: Table, principal: Principal, entries: list[dict[str, Any]]) -> None:
    """One insert for many audit rows (bulk writes). Each entry has the keyword arguments of `record`:
    action, entity, entity_id, and optionally region_code, before, after, reason, worker_id (as in `record`, else
    the one its `after` or `before` names)."""
    if not entries:
        return
    has_worker = "worker_id" in table.c
    rows = []
    for entry in entries:
        row = {
            "actor": principal.subject, "actor_role": principal.role.value, "actor_name": actor_name(principal),
            "actor_credentials_by": principal.credentials_by, "action": entry["action"],
            "entity": entry["entity"], "entity_id": str(entry["entity_id"]), "region_code": entry.get("region_code"),
            "reason": entry.get("reason"), "request_id": request_id_var.get(),
            "before": json.loads(json.dumps(_plain(entry["before"]))) if entry.get("before") is not None else None,
            "after": json.loads(json.dumps(_plain(entry["after"]))) if entry.get("after") is not None else None,
        }
        if has_worker:
            row["worker_id"] = concerned_worker(entry.get("worker_id"), entry.get("after"), entry.get("before"))
        rows.append(row)
    await session.execute(insert(table), rows)


class AuditEntry(BaseModel):
    id: int
    at: datetime
    actor: str
    actor_role: str
    actor_name: str | None = None
    action: str
    entity: str
    entity_id: str
    worker_id: str | None = None
    region_code: str | None
    region_name: str | None = None
    reason: str | None
    before: Any = None
    after: Any = None
    request_id: str | None


class AuditPage(BaseModel):
    items: list[AuditEntry]
    total: int
    page: int
    size: int


RegionNames = Callable[[AsyncSession, set[str]], Awaitable[dict[str, str]]]

logger = logging.getLogger("cwm.audit")


class RegistryRegionNames:
    """Region names for services that know only codes (payroll, assessment): asked of the registry's regions
    API (`GET /v1/regions/{code}`, with the caller's token: audit entries lie inside the caller's jurisdiction,
    and so do their regions), each name cached for `max_age` seconds. A code the registry does not answer
    (down, unknown, outside) stays unnamed for this page and is asked again next time."""

    def __init__(self, registry_url: str = "", *, max_age: float = 600.0,
                 transport: httpx.AsyncBaseTransport | None = None):
        self.registry_url = registry_url.rstrip("/")
        self.max_age = max_age
        self._transport = transport
        self._cache: dict[str, tuple[float, str]] = {}

    async def __call__(self, session: AsyncSession, codes: set[str]) -> dict[str, str]:
        now = time.monotonic()
        names = {code: hit[1] for code in codes if (hit := self._cache.get(code)) and now - hit[0] < self.max_age}
        missing = sorted(codes - names.keys())
        token = bearer_token_var.get()
        if not missing or not self.registry_url or not token:
            return names
        headers = {"Authorization": f"Bearer {token}", "X-Request-Id": request_id_var.get()}
        async with httpx.AsyncClient(timeout=5.0, transport=self._transport) as client:
            async def one(code: str) -> tuple[str, str | None]:
                try:
                    response = await client.get(f"{self.registry_url}/v1/regions/{code}", headers=headers)
                    if response.status_code != 200:
                        return code, None
                    name = response.json().get("name")
                    return code, name if isinstance(name, str) else None
                except (httpx.HTTPError, ValueError, AttributeError):
                    return code, None
            answers = await asyncio.gather(*(one(code) for code in missing))
        unnamed = [code for code, name in answers if name is None]
        if unnamed:
            logger.warning("region names unavailable for %s", ", ".join(unnamed))
        for code, name in answers:
            if name is not None:
                self._cache[code] = (time.monotonic(), name)
                names[code] = name
        return names


def audit_router(table: Table, *, region_names: RegionNames | None = None) -> APIRouter:
    """`GET /audit`: the service's audit trail, for officers and auditors inside their jurisdiction. Personal
    numbers in `before`/`after` are masked for the caller exactly as the records are (`cwm_kit.privacy`);
    `region_names` (a service that knows its regions) names each entry's region; without it the app's
    `state.region_names` does (`create_service_app` installs a `RegistryRegionNames`)."""
    router = APIRouter(prefix="/audit", tags=["audit"])
    has_worker = "worker_id" in table.c

    @router.get("", response_model=AuditPage, summary="Who changed what, when, before and after (newest first)")
    async def list_audit(
        request: Request,
        principal: OfficerPrincipal,
        session: SessionDep,
        paging: PageDep,
        entity: Annotated[str | None, Query(max_length=64)] = None,
        entity_id: Annotated[str | None, Query(max_length=64)] = None,
        worker_id: Annotated[str | None, Query(max_length=64)] = None,
        action: Annotated[str | None, Query(max_length=64)] = None,
        region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
        since: PlausibleDate | None = None,
        until: PlausibleDate | None = None,
    ) -> AuditPage:
        scope = principal.scope_prefix(region)
        conditions = [table.c.region_code.is_not(None), principal.region_filter(table.c.region_code)]
        if scope:
            conditions.append(table.c.region_code.startswith(scope, autoescape=True))
        for column, value in (("entity", entity), ("entity_id", entity_id), ("action", action)):
            if value:
                conditions.append(table.c[column] == value)
        if worker_id:
            conditions.append((table.c.worker_id == worker_id) if has_worker else
                              ((table.c.entity == "worker") & (table.c.entity_id == worker_id)))
        # Days are China's days (an entry at 23:30 UTC on the 2nd was made on the 3rd), whatever the database's zone.
        if since:
            conditions.append(table.c.at >= datetime.combine(since, time_of_day.min, CHINA))
        if until:
            conditions.append(table.c.at < datetime.combine(until + timedelta(days=1), time_of_day.min, CHINA))
        total = await session.scalar(select(func.count()).select_from(table).where(*conditions))
        rows = (await session.execute(select(table).where(*conditions).order_by(table.c.id.desc())
                                      .limit(paging.size).offset(paging.offset))).mappings().all()
        naming = region_names or getattr(request.app.state, "region_names", None)
        names = await naming(session, {r["region_code"] for r in rows if r["region_code"]}) if naming else {}
        items = []
        for row in rows:
            worker = str(row["worker_id"]) if has_worker and row["worker_id"] else None
            full = privacy.sees_full_identity(principal, row["region_code"], worker)
            items.append(AuditEntry(**{**row, "worker_id": worker, "region_name": names.get(row["region_code"]),
                                       "before": privacy.mask_data(row["before"], full),
                                       "after": privacy.mask_data(row["after"], full)}))
        return AuditPage(items=items, total=int(total or 0), page=paging.page, size=paging.size)

    return router
