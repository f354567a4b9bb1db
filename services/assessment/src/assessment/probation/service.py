"""Probation ends with an assessment (NX/IM 「试用期满考核不合格」 ends the contract): the registry knows each
probation's last day (facts `probation_end`); an officer opens a probation case for every probation ending by a
date, whatever the month — not only in the annual cycle. A case runs the same workflow (proposal → decision →
notice → final) under a plan frozen when it opens (the county's defaults), and its final result is published as
kind `probation`; the registry's exit flag reads it (only 不合格 fails, rule `exit.assessment`)."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.http import ServiceClient
from cwm_kit.security import Principal, Role
from cwm_kit.types import EARLIEST_DATE, ResponseModel, StrictModel

from assessment import upstream
from assessment.assessments.models import Assessment
from assessment.assessments.schemas import AssessmentOut
from assessment.cycles.schemas import Plan, default_plan
from assessment.models import audit_log

OPENERS = (Role.TOWNSHIP_OFFICER, Role.COUNTY_OFFICER)
LEFT = {"resigned", "dismissed", "retired", "deceased"}


class ProbationCasesIn(StrictModel):
    ending_by: date
    # Probations that ended from this day on (default: a year before `ending_by`).
    ending_from: date | None = None
    region: Annotated[str, Field(pattern=r"^\d{2,12}$")] | None = None


class ProbationCasesOpened(ResponseModel):
    opened: int
    already_open: int
    cases: list[AssessmentOut]


def probation_case(fact: dict[str, Any], start: date, end: date) -> dict[str, Any] | None:
    """The case row for a worker whose probation ends in [start, end] while still employed, else None."""
    try:
        probation_end = date.fromisoformat(fact["probation_end"]) if fact.get("probation_end") else None
        exit_date = date.fromisoformat(fact["exit_date"]) if fact.get("exit_date") else None
        community = str(fact.get("community_code") or "")
        worker_id = uuid.UUID(str(fact["worker_id"]))
    except (KeyError, TypeError, ValueError):
        return None
    if probation_end is None or not start <= probation_end <= end or len(community) != 12:
        return None
    if (exit_date is not None and exit_date <= probation_end) or (exit_date is None and fact.get("status") in LEFT):
        return None  # left during probation: nothing to assess
    return {"worker_id": worker_id, "worker_name": str(fact.get("name") or "")[:64], "community_code": community,
            "township_code": community[:9], "county_code": community[:6],
            "post": str(fact["post"])[:32] if fact.get("post") else None, "kind": "probation",
            "year": probation_end.year, "due_on": probation_end, "status": "pending", "revision": 0,
            "tolerance": False, "historical": False}


class ProbationService:
    def __init__(self, session: AsyncSession, registry: ServiceClient | None):
        self.session = session
        self.registry = registry

    async def open(self, principal: Principal, body: ProbationCasesIn) -> ProbationCasesOpened:
        principal.ensure_can_write()
        principal.ensure_role(OPENERS)
        scope = principal.scope_prefix(body.region)
        start = body.ending_from or max(body.ending_by - timedelta(days=366), EARLIEST_DATE)
        rows = []
        async for fact in upstream.worker_facts(self.registry, scope, body.ending_by, start):
            row = probation_case(fact, start, body.ending_by)
            if row is not None and principal.covers(row["community_code"]):
                # The plan of the worker's county in force when the probation ends, frozen into the case (as a
                # cycle freezes its own).
                row["plan"] = json.loads(Plan.model_validate(default_plan(row["county_code"], row["due_on"]))
                                         .model_dump_json())
                rows.append(row)
        opened: list[uuid.UUID] = []
        for chunk in range(0, len(rows), 500):
            statement = insert(Assessment).values(rows[chunk:chunk + 500]).on_conflict_do_nothing(
                index_elements=["worker_id", "due_on"],
                index_where=(Assessment.cycle_id.is_(None)) & (Assessment.kind == "probation")).returning(Assessment.id)
            opened += list((await self.session.scalars(statement)).all())
        await audit.record(self.session, audit_log, principal, action="probation_cases.open", entity="probation_case",
                           entity_id=scope or "all", region_code=scope,
                           after={"ending_from": start.isoformat(), "ending_by": body.ending_by.isoformat(),
                                  "opened": sorted(str(i) for i in opened)})
        cases = (await self.session.scalars(select(Assessment).where(Assessment.id.in_(opened))
                                            .order_by(Assessment.due_on, Assessment.worker_name))).all()
        return ProbationCasesOpened(opened=len(opened), already_open=len(rows) - len(opened),
                                    cases=[AssessmentOut.model_validate(c) for c in cases])

    async def list(self, principal: Principal, region: str | None, status: str | None) -> list[AssessmentOut]:
        scope = principal.scope_prefix(region)
        statement = (select(Assessment)
                     .where(Assessment.cycle_id.is_(None), Assessment.kind == "probation",
                            Assessment.community_code.startswith(scope, autoescape=True),
                            principal.record_filter(Assessment.community_code, Assessment.worker_id))
                     .order_by(Assessment.due_on, Assessment.worker_name).limit(2000))
        if status:
            statement = statement.where(Assessment.status == status)
        return [AssessmentOut.model_validate(a) for a in (await self.session.scalars(statement)).all()]
