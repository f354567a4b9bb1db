from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (ARRAY, Select, String, and_, any_, bindparam, cast, func, literal, select, text, true, tuple_,
                        update)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.db import CompiledSelect
from cwm_kit.security import Principal

from assessment.cycles.models import Cycle, DecidingUnit
from assessment.models import audit_log
from assessment.results.models import PublishedResult

from .models import Assessment, AssessmentEvent, DailyRecord, Objection, SatisfactionSurvey

# Every publication takes this transaction-scoped lock, so feed cursors commit in the order they were
# drawn and a consumer that has read cursor N never later misses a row below N.
FEED_LOCK_KEY = 7_300_104


_OF_WORKER = CompiledSelect(select(*Assessment.__table__.c)
                            .where(Assessment.worker_id == bindparam("worker_id", type_=Assessment.worker_id.type))
                            .order_by(Assessment.year.desc(), Assessment.kind))
_OBJECTIONS = CompiledSelect(
    select(*Objection.__table__.c)
    .where(Objection.assessment_id == any_(bindparam("assessment_ids", type_=ARRAY(Objection.assessment_id.type))))
    .order_by(Objection.raised_at))


class AssessmentRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, assessment_id: UUID, *, for_update: bool = False) -> Assessment | None:
        statement = select(Assessment).where(Assessment.id == assessment_id)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        return await self.session.scalar(statement)

    async def cycle(self, cycle_id: UUID) -> Cycle:
        cycle = await self.session.get(Cycle, cycle_id)
        assert cycle is not None
        return cycle

    async def plan_of(self, assessment: Assessment) -> dict[str, Any] | None:
        """The plan the assessment runs under: its cycle's, a probation case's own (frozen when it opened);
        None for a historical result (no workflow)."""
        if assessment.cycle_id is None:
            return assessment.plan
        return (await self.cycle(assessment.cycle_id)).plan

    def in_cycle(self, principal: Principal, cycle_id: UUID) -> Select:
        return select(Assessment).where(Assessment.cycle_id == cycle_id,
                                        principal.record_filter(Assessment.community_code, Assessment.worker_id))

    async def by_workers(self, cycle_id: UUID, worker_ids: list[UUID], *,
                         for_update: bool = False) -> dict[UUID, Assessment]:
        """The cycle's assessments of these workers; `for_update` locks them in id order (the order everywhere:
        no deadlock), so two saves of one worker's records are checked against each other one after the other."""
        statement = select(Assessment).where(Assessment.cycle_id == cycle_id, Assessment.worker_id.in_(worker_ids))
        if for_update:
            statement = (statement.order_by(Assessment.id).with_for_update()
                         .execution_options(populate_existing=True))
        rows = await self.session.scalars(statement)
        return {a.worker_id: a for a in rows}

    async def of_worker(self, worker_id: UUID) -> list[Any]:
        """A worker's assessments, newest year first, as rows (attribute access like an Assessment; the worker's
        own read, straight on asyncpg: what a caller changed must be flushed first)."""
        return await _OF_WORKER.fetch(self.session, worker_id=worker_id)

    async def objections(self, assessment_ids: list[UUID]) -> list[Any]:
        """The objections to those assessments, oldest first, as rows (attribute access like an Objection; straight
        on asyncpg: what a caller changed must be flushed first)."""
        return await _OBJECTIONS.fetch(self.session, assessment_ids=assessment_ids) if assessment_ids else []

    async def add_event(self, assessment: Assessment, principal: Principal, action: str, from_status: str | None,
                        reason: str | None = None, data: dict[str, Any] | None = None) -> None:
        self.session.add(AssessmentEvent(assessment_id=assessment.id, action=action, from_status=from_status,
                                         to_status=assessment.status, actor=principal.subject,
                                         actor_role=principal.role.value, reason=reason, data=data))
        await self.session.flush()

    async def history(self, assessment_id: UUID) -> list[AssessmentEvent]:
        rows = await self.session.scalars(select(AssessmentEvent).where(AssessmentEvent.assessment_id == assessment_id)
                                          .order_by(AssessmentEvent.id))
        return list(rows.all())

    async def daily_records(self, assessment_id: UUID) -> list[DailyRecord]:
        rows = await self.session.scalars(select(DailyRecord).where(DailyRecord.assessment_id == assessment_id)
                                          .order_by(DailyRecord.period))
        return list(rows.all())

    async def existing_daily(self, keys: list[tuple[UUID, str]]) -> list[Any]:
        """The records about to be overwritten (for the audit's `before`), in one query."""
        if not keys:
            return []
        statement = (select(Assessment.worker_id, DailyRecord.period, DailyRecord.score, DailyRecord.absent_days,
                            DailyRecord.longest_absence_streak, DailyRecord.absent_at_start,
                            DailyRecord.absent_at_end)
                     .join(Assessment, Assessment.id == DailyRecord.assessment_id)
                     .where(tuple_(DailyRecord.assessment_id, DailyRecord.period).in_(keys))
                     .order_by(Assessment.worker_id, DailyRecord.period))
        return list((await self.session.execute(statement)).all())

    async def daily_periods(self, assessment_ids: list[UUID]) -> dict[UUID, list[str]]:
        """The periods already recorded for these assessments."""
        found: dict[UUID, list[str]] = {}
        if not assessment_ids:
            return found
        rows = await self.session.execute(select(DailyRecord.assessment_id, DailyRecord.period)
                                          .where(DailyRecord.assessment_id.in_(assessment_ids))
                                          .order_by(DailyRecord.assessment_id, DailyRecord.period))
        for assessment_id, period in rows.all():
            found.setdefault(assessment_id, []).append(period)
        return found

    async def upsert_daily(self, rows: list[dict]) -> None:
        for start in range(0, len(rows), 2000):
            statement = insert(DailyRecord).values(rows[start:start + 2000])
            statement = statement.on_conflict_do_update(
                index_elements=["assessment_id", "period"],
                set_={"score": statement.excluded.score, "absent_days": statement.excluded.absent_days,
                      "longest_absence_streak": statement.excluded.longest_absence_streak,
                      "absent_at_start": statement.excluded.absent_at_start,
                      "absent_at_end": statement.excluded.absent_at_end})
            await self.session.execute(statement)

    async def daily_average(self, assessment_id: UUID) -> Decimal | None:
        return await self.session.scalar(select(func.avg(DailyRecord.score))
                                         .where(DailyRecord.assessment_id == assessment_id))

    async def satisfaction(self, assessment_id: UUID) -> SatisfactionSurvey | None:
        return await self.session.get(SatisfactionSurvey, assessment_id, populate_existing=True)

    async def save_satisfaction(self, values: dict) -> None:
        statement = insert(SatisfactionSurvey).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=["assessment_id"],
            set_={k: statement.excluded[k] for k in ("respondents", "votes", "score", "recorded_by")}
            | {"recorded_at": func.now()})
        await self.session.execute(statement)

    async def absence_records(self, cycle_id: UUID, principal: Principal) -> list[Any]:
        """Every daily record with absences data of the cycle's assessees inside the caller's view, one row each
        (assessment id, worker, community, period, absences), assessee by assessee, periods in order: a streak
        across periods is joined from them (assessments/absences.py)."""
        statement = (
            select(Assessment.id, Assessment.worker_id, Assessment.worker_name, Assessment.community_code,
                   DailyRecord.period, DailyRecord.absent_days, DailyRecord.longest_absence_streak,
                   DailyRecord.absent_at_start, DailyRecord.absent_at_end)
            .join(DailyRecord, DailyRecord.assessment_id == Assessment.id)
            .where(Assessment.cycle_id == cycle_id,
                   principal.record_filter(Assessment.community_code, Assessment.worker_id))
            .order_by(Assessment.community_code, Assessment.worker_name, Assessment.id, DailyRecord.period)
        )
        return list((await self.session.execute(statement)).all())

    async def cycle_objections(self, principal: Principal, cycle_id: UUID, status: str | None) -> list[Any]:
        statement = (select(Objection, Assessment.worker_name, Assessment.community_code)
                     .join(Assessment, Assessment.id == Objection.assessment_id)
                     .where(Assessment.cycle_id == cycle_id,
                            principal.record_filter(Assessment.community_code, Assessment.worker_id))
                     .order_by(Objection.raised_at, Objection.id))
        if status:
            statement = statement.where(Objection.status == status)
        return list((await self.session.execute(statement)).all())

    async def open_objections(self, assessment_id: UUID) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(Objection).where(
            Objection.assessment_id == assessment_id, Objection.status == "open")) or 0)

    async def objection(self, objection_id: UUID, *, for_update: bool = False) -> Objection | None:
        statement = select(Objection).where(Objection.id == objection_id)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        return await self.session.scalar(statement)

    async def lock_unit(self, cycle_id: UUID, township_code: str) -> None:
        """Serialise every excellent-quota decision of one deciding unit (the township) until commit."""
        await self.session.execute(select(DecidingUnit).where(DecidingUnit.cycle_id == cycle_id,
                                                              DecidingUnit.township_code == township_code)
                                   .with_for_update())

    async def unit_excellent(self, cycle_id: UUID, township_code: str,
                             excluding: UUID | None = None) -> tuple[int, int]:
        """(annual assessees of the unit, excellent results already decided there, excluding one)."""
        unit = and_(Assessment.cycle_id == cycle_id, Assessment.township_code == township_code,
                    Assessment.kind == "annual")
        row = (await self.session.execute(select(
            func.count(),
            func.count().filter(Assessment.result == "excellent", Assessment.status.in_(("notice", "final")),
                                Assessment.id != excluding if excluding else true()),
        ).where(unit))).one()
        return int(row[0]), int(row[1])

    async def publish(self, assessment: Assessment) -> int:
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK_KEY})
        published = PublishedResult(
            assessment_id=assessment.id, worker_id=assessment.worker_id, year=assessment.year,
            kind=assessment.kind, result=assessment.result, score=assessment.score,
            community_code=assessment.community_code, finalized_at=assessment.finalized_at,
            revision=assessment.revision, tolerance=assessment.tolerance, historical=assessment.historical,
            source_document=assessment.source_document if assessment.historical else None)
        self.session.add(published)
        await self.session.flush()
        return published.cursor

    async def publish_revision(self, assessment: Assessment, principal: Principal, action: str,
                               from_status: str | None, reason: str | None = None) -> None:
        """A final result's next revision: stamped as finalized by `principal` now, published on the results feed
        and recorded as `action` in its history (with the revision and the feed cursor)."""
        assessment.revision += 1
        assessment.finalized_by = principal.subject
        assessment.finalized_at = await self.now()
        await self.session.flush()
        cursor = await self.publish(assessment)
        await self.add_event(assessment, principal, action, from_status, reason,
                             {"revision": assessment.revision, "cursor": cursor})

    async def now(self) -> datetime:
        return await self.session.scalar(select(func.now()))

    async def finalize_unit(self, cycle_id: UUID, township_code: str, today: Any, principal: Principal,
                            request_id: str) -> list[UUID]:
        """Finalize, in bulk, every assessment of the unit whose notice has ended with no open objection:
        one UPDATE, then the feed rows, history and audit rows inserted from a SELECT (no per-row loop)."""
        open_objection = select(Objection.id).where(Objection.assessment_id == Assessment.id,
                                                    Objection.status == "open").exists()
        # Rows first, in id order, then the feed lock: the same order as a single finalization takes them.
        ready = list((await self.session.scalars(
            select(Assessment.id)
            .where(Assessment.cycle_id == cycle_id, Assessment.township_code == township_code,
                   Assessment.status == "notice", Assessment.notice_until < today, ~open_objection)
            .order_by(Assessment.id).with_for_update())).all())
        if not ready:
            return []
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK_KEY})
        finalized = list((await self.session.scalars(
            update(Assessment)
            .where(Assessment.id.in_(ready), Assessment.status == "notice")
            .values(status="final", revision=Assessment.revision + 1, finalized_by=principal.subject,
                    finalized_at=func.now())
            .returning(Assessment.id))).all())
        if not finalized:
            return []
        chosen = Assessment.id.in_(finalized)
        columns = ["assessment_id", "worker_id", "year", "kind", "result", "score", "community_code",
                   "finalized_at", "revision", "tolerance"]
        await self.session.execute(insert(PublishedResult).from_select(columns, select(
            Assessment.id, Assessment.worker_id, Assessment.year, Assessment.kind, Assessment.result,
            Assessment.score, Assessment.community_code, Assessment.finalized_at, Assessment.revision,
            Assessment.tolerance).where(chosen).order_by(Assessment.community_code, Assessment.id)))
        await self._record_batch(
            chosen, principal, request_id, ("finalize", "notice", "final"),
            func.jsonb_build_object("revision", Assessment.revision, "batch", True),
            func.jsonb_build_object("status", "notice", "revision", Assessment.revision - 1),
            func.jsonb_build_object("status", "final", "revision", Assessment.revision, "result", Assessment.result))
        return finalized

    async def lock_many(self, cycle_id: UUID, township_code: str, ids: list[UUID]) -> dict[UUID, Assessment]:
        """Lock the unit's assessments among `ids`, in id order (the same order everywhere: no deadlock)."""
        rows = await self.session.scalars(
            select(Assessment).where(Assessment.cycle_id == cycle_id, Assessment.township_code == township_code,
                                     Assessment.id.in_(ids))
            .order_by(Assessment.id).with_for_update().execution_options(populate_existing=True))
        return {a.id: a for a in rows}

    async def accept_proposals(self, ids: list[UUID], principal: Principal, notice_from: Any, notice_until: Any,
                               request_id: str) -> None:
        """The decision = the proposal for every id: one UPDATE, history and audit inserted from a SELECT."""
        chosen = Assessment.id.in_(ids)
        await self.session.execute(
            update(Assessment).where(chosen).values(
                status="notice", result=Assessment.proposed_result, score=Assessment.proposed_score,
                decision_reason=None, decided_by=principal.subject, decided_at=func.now(),
                notice_from=notice_from, notice_until=notice_until)
            .execution_options(synchronize_session=False))
        await self._record_batch(
            chosen, principal, request_id, ("decide", "proposed", "notice"),
            func.jsonb_build_object("result", Assessment.result, "batch", True, "notice_from", Assessment.notice_from,
                                    "notice_until", Assessment.notice_until),
            func.jsonb_build_object("status", "proposed", "proposed_result", Assessment.proposed_result),
            func.jsonb_build_object("status", "notice", "result", Assessment.result, "score", Assessment.score,
                                    "notice_until", Assessment.notice_until))

    async def _record_batch(self, chosen: Any, principal: Principal, request_id: str, step: tuple[str, str, str],
                            data: Any, before: Any, after: Any) -> None:
        """The history event (`step`: action, from and to status, with `data`) and the audit entry
        ("assessment.<action>", `before` → `after`) of every chosen assessment, each inserted from one SELECT."""
        action, from_status, to_status = step
        await self.session.execute(insert(AssessmentEvent).from_select(
            ["assessment_id", "action", "from_status", "to_status", "actor", "actor_role", "data"],
            select(Assessment.id, literal(action), literal(from_status), literal(to_status),
                   literal(principal.subject), literal(principal.role.value), data).where(chosen)))
        await self.session.execute(insert(audit_log).from_select(
            ["actor", "actor_role", "actor_name", "actor_credentials_by", "action", "entity", "entity_id",
             "worker_id", "region_code", "before", "after", "request_id"],
            select(literal(principal.subject), literal(principal.role.value),
                   literal(audit.actor_name(principal), type_=String),
                   literal(principal.credentials_by, type_=String), literal(f"assessment.{action}"),
                   literal("assessment"), cast(Assessment.id, String), cast(Assessment.worker_id, String),
                   Assessment.community_code, before, after, literal(request_id)).where(chosen)))
