from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (Boolean, ColumnElement, Date, Integer, Numeric, Select, and_, case, cast, extract, false, func, insert, literal, or_,
                        select, true)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.rules import service as rules
from registry.quota.repository import in_post_in
from registry.worker_records import counted_page, first_days_at_work
from registry.workers.models import Worker

from .models import TrainingRecord

REQUIREMENT_RULE = "training.requirement"


def _number(params, *path: str):
    node = params
    for key in path[:-1]:
        node = node.op("->")(key)
    return cast(node.op("->>")(path[-1]), Numeric)


def _number_by(params, section: str, key):
    return cast(params.op("->")(section).op("->>")(key), Numeric)


def compliance_statement(principal: Principal, scope: str, year: int, *, hours_for_all: bool = True,
                         worker_id: uuid.UUID | ColumnElement[Any] | None = None) -> Select:
    """One row per worker in post in scope: hours done this year, initial hours, and the requirement from
    the applying rule document, all computed in SQL (rules resolved per community with DISTINCT ON).

    `hours_for_all=False` (counting only, e.g. statistics) sums training only for workers with a non-zero
    requirement: the others are compliant whatever they attended, and summing fewer rows keeps it fast.
    `worker_id` narrows it to that one worker's row (the same row: a worker's line depends only on their own
    community, post and training), e.g. for /v1/me."""
    in_scope = and_(in_post_in(principal, scope), Worker.id == worker_id if worker_id is not None else true())
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    # The requirement depends only on the community's rule and the post: resolve and read the JSON once per
    # (community, post) pair, not once per worker.
    pairs = select(Worker.community_code, Worker.post).where(in_scope).distinct().subquery("pairs")
    resolved = rules.resolved_per_region(REQUIREMENT_RULE, select(pairs.c.community_code).distinct(),
                                         year_end).subquery()
    p = resolved.c.params
    per_day = _number(p, "hours_per_day")
    by_pair = (
        select(pairs.c.community_code, pairs.c.post, resolved.c.region_prefix,
               func.coalesce(_number_by(p, "yearly_hours", pairs.c.post), _number(p, "yearly_hours", "default"),
                             _number_by(p, "yearly_days", pairs.c.post) * per_day,
                             _number(p, "yearly_days", "default") * per_day, 0).label("yearly"),
               func.coalesce(_number(p, "initial_hours"), _number(p, "initial_days") * per_day, 0).label("initial"),
               # IM art.20: the initial hours count only when done before the first day of work.
               func.coalesce(cast(p.op("->>")("initial_before_start"), Boolean), false()).label("before_start"))
        .join(resolved, resolved.c.region_code == pairs.c.community_code)
    ).subquery("by_pair")
    # New hires of the year answer for initial training; the yearly requirement starts the year after.
    new_hire = Worker.hired_on >= year_start
    requirement = (
        select(Worker.id.label("worker_id"), Worker.name, Worker.community_code, Worker.post, Worker.hired_on,
               case((new_hire, literal(Decimal(0))), else_=by_pair.c.yearly).label("yearly_required"),
               case((new_hire, by_pair.c.initial), else_=literal(Decimal(0))).label("initial_required"),
               by_pair.c.region_prefix.label("rule_prefix"), by_pair.c.before_start)
        .join(by_pair, and_(by_pair.c.community_code == Worker.community_code, by_pair.c.post == Worker.post))
        .where(in_scope, Worker.hired_on <= year_end)
    ).cte("requirement")
    counted = requirement if hours_for_all else (
        select(requirement.c.worker_id, requirement.c.hired_on, requirement.c.before_start)
        .where(or_(requirement.c.yearly_required > 0, requirement.c.initial_required > 0)).subquery())
    hours = (select(TrainingRecord.worker_id,
                    func.sum(case((extract("year", TrainingRecord.training_date) == year, TrainingRecord.hours),
                                  else_=0)).label("done"),
                    func.sum(case((and_(TrainingRecord.kind == "initial",
                                        or_(~counted.c.before_start, TrainingRecord.training_date <= counted.c.hired_on)),
                                   TrainingRecord.hours), else_=0)).label("initial"))
             # Only the counted workers, and only the records that can count: the year's, and initial ones.
             .join(counted, counted.c.worker_id == TrainingRecord.worker_id)
             .where(or_(TrainingRecord.training_date.between(year_start, year_end), TrainingRecord.kind == "initial"))
             .group_by(TrainingRecord.worker_id).subquery())
    done = func.coalesce(hours.c.done, 0)
    initial = func.coalesce(hours.c.initial, 0)
    r = requirement.c
    return (
        select(r.worker_id, r.name, r.community_code, r.post, r.hired_on, done.label("hours_done"),
               r.yearly_required, func.greatest(r.yearly_required - done, 0).label("yearly_shortfall"),
               initial.label("initial_done"), r.initial_required,
               func.greatest(r.initial_required - initial, 0).label("initial_shortfall"), r.rule_prefix)
        .outerjoin(hours, hours.c.worker_id == r.worker_id)
    )


class TrainingRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def visible_first_days(self, principal: Principal, ids: set[uuid.UUID]) -> dict[uuid.UUID, date]:
        """The first day at work of each worker of `ids` the caller may see."""
        return await first_days_at_work(self.session, ids, principal.record_filter(Worker.community_code, Worker.id))

    async def hours_in_year(self, worker_id: uuid.UUID, year: int) -> Decimal:
        statement = select(func.coalesce(func.sum(TrainingRecord.hours), 0)).where(
            TrainingRecord.worker_id == worker_id,
            TrainingRecord.training_date.between(date(year, 1, 1), date(year, 12, 31)))
        return Decimal(await self.session.scalar(statement) or 0)

    async def add_records(self, rows: list[dict[str, Any]]) -> list[TrainingRecord]:
        await self.session.execute(insert(TrainingRecord), rows)
        return list((await self.session.scalars(
            select(TrainingRecord).where(TrainingRecord.id.in_([r["id"] for r in rows]))
            .order_by(TrainingRecord.training_date))).all())

    async def worker(self, worker_id: uuid.UUID) -> Worker | None:
        return await self.session.get(Worker, worker_id)

    async def records(self, worker_id: uuid.UUID, year: int | None) -> list[TrainingRecord]:
        statement = select(TrainingRecord).where(TrainingRecord.worker_id == worker_id)
        if year:
            statement = statement.where(func.extract("year", TrainingRecord.training_date) == year)
        return list((await self.session.scalars(statement.order_by(TrainingRecord.training_date))).all())

    async def compliance(self, principal: Principal, scope: str, year: int, only_shortfalls: bool, limit: int,
                         offset: int) -> tuple[int, int, list[dict[str, Any]]]:
        """(workers in post in scope, those with a shortfall, one page of compliance lines — only those with a
        shortfall if asked — by community, name and id)."""
        rows = compliance_statement(principal, scope, year).subquery()
        short = or_(rows.c.yearly_shortfall > 0, rows.c.initial_shortfall > 0)
        return await counted_page(self.session, rows, short, only_shortfalls,
                                        (rows.c.community_code, rows.c.name, rows.c.worker_id), limit, offset)

    async def rotation(self, principal: Principal, scope: str, on: date, only_overdue: bool, limit: int,
                       offset: int) -> tuple[int, int, list[dict[str, Any]]]:
        """(workers under the rotation rule in scope, those overdue on `on`, one page of rotation lines — only the
        overdue if asked — by due day, community, name and id)."""
        rows = rotation_statement(principal, scope, on).subquery()
        return await counted_page(self.session, rows, rows.c.due_on <= on, only_overdue,
                                        (rows.c.due_on, rows.c.community_code, rows.c.name, rows.c.worker_id),
                                        limit, offset)

    async def split(self, principal: Principal, scope: str, year: int) -> tuple[int, int, list[int]]:
        """(head-post workers under the split rule in scope, those trained in `year` at any level, and those
        trained at the province, city and county levels)."""
        rows = split_statement(principal, scope, year).subquery()
        any_level = rows.c.province | rows.c.city | rows.c.county
        heads, trained, *by_level = (await self.session.execute(select(
            func.count(), func.count().filter(any_level), func.count().filter(rows.c.province),
            func.count().filter(rows.c.city), func.count().filter(rows.c.county)).select_from(rows))).one()
        return heads, trained, by_level


ROTATION_RULE = "training.rotation"
SPLIT_RULE = "training.split"


def _has(array, value):
    """SQL: the JSON array `array` holds the string `value` (jsonb ?)."""
    return array.op("?", is_comparison=True)(value)


def rotation_statement(principal: Principal, scope: str, on: date) -> Select:
    """One row per worker in post outside the rule's exempt posts (CENTRAL §8 「对其他社区工作者每3年轮训1次」):
    the last training at a counted organiser level up to `on`, and the day the next is due (the rule's years after
    that training, or after hiring when there is none)."""
    communities = select(Worker.community_code).where(in_post_in(principal, scope)).distinct()
    resolved = rules.resolved_per_region(ROTATION_RULE, communities, on).subquery()
    p = resolved.c.params
    last = (select(TrainingRecord.worker_id, func.max(TrainingRecord.training_date).label("last_trained_on"))
            .join(Worker, Worker.id == TrainingRecord.worker_id)
            .join(resolved, resolved.c.region_code == Worker.community_code)
            .where(in_post_in(principal, scope), TrainingRecord.training_date <= on,
                   _has(p.op("->")("organiser_levels"), TrainingRecord.organiser_level))
            .group_by(TrainingRecord.worker_id).subquery())
    every = cast(p.op("->>")("every_years"), Integer)
    since = func.greatest(last.c.last_trained_on, Worker.hired_on)
    due = cast(since + func.make_interval(every), Date)
    return (select(Worker.id.label("worker_id"), Worker.name, Worker.community_code, Worker.post, Worker.hired_on,
                   last.c.last_trained_on, due.label("due_on"), every.label("every_years"),
                   resolved.c.region_prefix.label("rule_prefix"))
            .join(resolved, resolved.c.region_code == Worker.community_code)
            .outerjoin(last, last.c.worker_id == Worker.id)
            .where(in_post_in(principal, scope), p.op("->>")("every_years").is_not(None),
                   ~_has(func.coalesce(p.op("->")("exempt_posts"), cast(literal("[]"), JSONB)), Worker.post)))


def split_statement(principal: Principal, scope: str, year: int) -> Select:
    """Per head-post worker in post under a `training.split` rule (NX 2:3:5): whether they were trained in
    `year` at each of the province, city and county levels."""
    communities = select(Worker.community_code).where(in_post_in(principal, scope)).distinct()
    resolved = rules.resolved_per_region(SPLIT_RULE, communities, date(year, 12, 31)).subquery()
    in_year = TrainingRecord.training_date.between(date(year, 1, 1), date(year, 12, 31))

    def trained_at(level: str):
        return (select(TrainingRecord.id).where(TrainingRecord.worker_id == Worker.id, in_year,
                                                TrainingRecord.organiser_level == level).exists().label(level))
    return (select(Worker.id.label("worker_id"), trained_at("province"), trained_at("city"), trained_at("county"))
            .join(resolved, resolved.c.region_code == Worker.community_code)
            .where(in_post_in(principal, scope), _has(resolved.c.params.op("->")("head_posts"), Worker.post)))
