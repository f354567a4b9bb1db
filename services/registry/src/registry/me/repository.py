"""Everything /v1/me shows, read in ONE statement: the worker row, each of its histories as a JSON array
(correlated subqueries, ordered as the worker page orders them), this year's training hours and the worker's own
line of the training compliance statement, and the names of the communities the record refers to. The worker page's
presenter then renders it unchanged."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import cache, lru_cache
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, Text, bindparam, cast, func, literal, select, text, union
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import CompiledSelect
from cwm_kit.security import Principal, Role

from registry.regions.models import Region
from registry.training.models import TrainingRecord
from registry.training.repository import compliance_statement
from registry.workers.models import (CertificateRecord, EducationRecord, HonourRecord, PostPeriod, ServicePeriod,
                                     StatusPeriod, Worker, YijiantiaoPeriod)

# The presenter's repository reads (WorkerRepository.<name>) and what each returns, in the repository's order.
HISTORIES = {
    "education": (EducationRecord, EducationRecord.graduated_on),
    "certificates": (CertificateRecord, CertificateRecord.approved_on),
    "honours": (HonourRecord, HonourRecord.awarded_on),
    "service_periods": (ServicePeriod, ServicePeriod.start_date),
    "status_history": (StatusPeriod, StatusPeriod.from_date),
    "post_history": (PostPeriod, PostPeriod.from_date),
    "yijiantiao_history": (YijiantiaoPeriod, YijiantiaoPeriod.from_date),
}
REQUIREMENT = ("yearly_required", "yearly_shortfall", "initial_required", "initial_done", "initial_shortfall")
_PARSE = {date: date.fromisoformat, datetime: datetime.fromisoformat, uuid.UUID: uuid.UUID, Decimal: Decimal}


@dataclass
class MyRecord:
    worker: Any  # the worker's columns (a named tuple: attribute access like a Worker)
    histories: dict[str, list[Any]]
    training_hours: Decimal
    training_requirement: dict[str, Decimal] | None
    community_names: dict[str, str]


def _history(model, order) -> Any:
    """The worker's rows of `model` as one JSON array (text: parsed with exact decimals)."""
    table = model.__table__
    row = func.json_build_object(*[part for column in table.columns for part in (literal(column.key), column)])
    array = func.json_agg(aggregate_order_by(row, order, table.c.id))
    return cast(func.coalesce(array, text("'[]'::json")), Text).label(f"h_{table.name}")


@cache
def _parsers(model) -> tuple[tuple[str, Any], ...]:
    """The model's columns whose JSON value is parsed back to a Python type, with the parser."""
    kinds = {c.key: c.type.python_type for c in model.__table__.columns}
    return tuple((key, _PARSE[kind]) for key, kind in kinds.items() if kind in _PARSE)


def _rows(model, payload: str) -> list[SimpleNamespace]:
    """JSON rows back to objects with the ORM model's attributes and Python types."""
    parsers = _parsers(model)
    rows = json.loads(payload, parse_float=Decimal)
    for row in rows:
        for key, parse in parsers:
            if row[key] is not None:
                row[key] = parse(row[key])
    return [SimpleNamespace(**row) for row in rows]


def _statement(year: int) -> Select:
    """The statement of a year (built once per year through `_query`: building the compliance statement costs
    more than running it); the worker is a bound parameter."""
    worker_id = bindparam("me_worker_id", type_=Worker.id.type)
    histories = {name: select(_history(model, order)).where(model.worker_id == Worker.id).scalar_subquery()
                 for name, (model, order) in HISTORIES.items()}
    hours = (select(func.coalesce(func.sum(TrainingRecord.hours), 0))
             .where(TrainingRecord.worker_id == Worker.id,
                    TrainingRecord.training_date.between(date(year, 1, 1), date(year, 12, 31)))
             .scalar_subquery())
    # The worker's community and those of their service periods, by name (WorkerRepository.community_names).
    # The codes are correlated to the outer worker row explicitly (nested two levels down, automatic correlation
    # would give them a FROM of their own: every worker's service periods), and looked up by primary key, not by
    # an OR that scans every region.
    codes = union(select(Worker.community_code).correlate(Worker),
                  select(ServicePeriod.community_code).where(ServicePeriod.worker_id == Worker.id).correlate(Worker))
    names = (select(cast(func.coalesce(func.json_object_agg(Region.code, Region.name), text("'{}'::json")), Text))
             .where(Region.code.in_(codes)).scalar_subquery())
    # The caller is already allowed this one record: the statement is narrowed to it, not to a jurisdiction.
    scope = Principal(subject="me", role=Role.SERVICE, jurisdiction="")
    report = compliance_statement(scope, "", year, worker_id=worker_id).subquery()
    # The worker's columns as a plain row (attribute access like a Worker, no ORM instance to build).
    return (select(*Worker.__table__.c, hours.label("hours"), names.label("community_names"),
                   report.c.worker_id.label("listed"),
                   *[report.c[key] for key in REQUIREMENT],
                   *[subquery.label(name) for name, subquery in histories.items()])
            .outerjoin(report, report.c.worker_id == Worker.id)
            .where(Worker.id == worker_id))


@lru_cache(maxsize=4)
def _query(year: int) -> CompiledSelect:
    """Run straight on asyncpg: the statement is the same for every worker of a year (cwm_kit.db.CompiledSelect)."""
    return CompiledSelect(_statement(year))


class MeRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def my_record(self, worker_id: uuid.UUID, year: int) -> MyRecord | None:
        row = await _query(year).first(self.session, me_worker_id=worker_id)
        if row is None:
            return None
        requirement = {key: Decimal(getattr(row, key)) for key in REQUIREMENT} if row.listed is not None else None
        return MyRecord(worker=row,
                        histories={name: _rows(model, getattr(row, name)) for name, (model, _) in HISTORIES.items()},
                        training_hours=Decimal(row.hours), training_requirement=requirement,
                        community_names=json.loads(row.community_names))
