"""Secondments (借调, POLICY.md §7): refused — naming the rule — when the borrower is a county-level or
higher organ, when the worker's continuous time on secondment (back-to-back secondments joined) is longer than
the limit, when on some day of the period the community already has the maximum seconded, or without the
approving department. Limits are the `secondment.limits` rule."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import add_months, today_in_china
from cwm_kit.problems import FieldError, Problem, not_found
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.rules import service as rules
from registry.quota.repository import IN_POST_STATUSES
from registry.workers.models import Worker
from registry.workers.service import WorkerService
from registry.workers.statuses import status_text

from .models import Secondment
from .repository import SecondmentRepository
from .schemas import SecondmentApproval, SecondmentIn

LIMITS_RULE = "secondment.limits"
# Which key of the rule each refusal applies (the problem names the document and clause that state it).
RULE_KEY_OF = {"secondment_borrower_level": "forbidden_borrower_levels", "secondment_too_long": "max_months",
               "secondment_approval_missing": "approvals",
               "secondment_community_limit": "max_concurrent_per_community"}


STEP_ZH = {"review": "审核", "approve": "批准"}
STEP_EN = {"review": "review", "approve": "approval"}
# Where a rule says approval is required but names no steps: one approval by a body the request names.
DEFAULT_STEP = {"step": "approve", "body_zh": "审批部门", "body_en": "an approving body"}


def given_approvals(body: SecondmentIn) -> list[SecondmentApproval]:
    """The steps the request records: its `approvals`, or the single approval `approving_department` names."""
    if body.approvals is not None:
        return list(body.approvals)
    if body.approving_department:
        return [SecondmentApproval(step="approve", body=body.approving_department,
                                   reference=body.approval_reference)]
    return []


def missing_steps(required: list[dict], given: list[SecondmentApproval]) -> list[dict]:
    """The rule's steps the request does not record (each step kind must be there with its body)."""
    steps = [a.step for a in given]
    missing = []
    for step in required:
        if step["step"] in steps:
            steps.remove(step["step"])
        else:
            missing.append(step)
    return missing


def approval_missing(missing: list[dict], required: list[dict], field: str) -> FieldError:
    def zh(steps: list[dict]) -> str:
        return "、".join(s["body_zh"] + STEP_ZH[s["step"]] for s in steps)

    def en(steps: list[dict]) -> str:
        return ", then ".join(f"{STEP_EN[s['step']]} by {s['body_en']}" for s in steps)

    return FieldError(field, "secondment_approval_missing", f"借调须经{zh(required)}，缺少：{zh(missing)}",
                      f"a secondment needs {en(required)}; missing: {en(missing)}")


def final_approver(approvals: list[SecondmentApproval], named: str | None) -> str:
    """The body of the last approval step (the record's approving department)."""
    approving = [a.body for a in approvals if a.step == "approve"]
    return approving[-1] if approving else (approvals[-1].body if approvals else named or "")


def last_allowed_end(start: date, max_months: int) -> date:
    """A secondment of at most N months starting on `start` ends no later than the day before the same day
    N months later; when that month has no such day, on its last day (Civil Code art.202)."""
    target = add_months(start, max_months)
    return target if target.day < start.day else target - timedelta(days=1)


def joined_period(start: date, end: date, others: list[tuple[date, date]], joins_within_days: int) -> tuple[date, date]:
    """The worker's continuous time on secondment that [start, end] belongs to (IM art.24 read as the worker's
    time seconded): secondments starting at most `joins_within_days` after the previous one ended continue it."""
    first, last = start, end
    changed = True
    while changed:
        changed = False
        for other_start, other_end in others:
            if other_start <= last + timedelta(days=joins_within_days) and other_end >= first - timedelta(
                    days=joins_within_days) and (other_start < first or other_end > last):
                first, last = min(first, other_start), max(last, other_end)
                changed = True
    return first, last


def most_on_one_day(start: date, end: date, periods: list[tuple[date, date]]) -> tuple[int, date | None]:
    """The largest number of `periods` covering one day of [start, end], and the first such day (SS 二(四)2
    read as a maximum on any one day: the count only rises on a start, so only starts are looked at)."""
    best, best_day = 0, None
    for day in sorted({start} | {s for s, _ in periods if start <= s <= end}):
        count = sum(1 for s, e in periods if s <= day <= e)
        if count > best:
            best, best_day = count, day
    return best, best_day


class SecondmentService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = SecondmentRepository(session)

    async def create(self, principal: Principal, body: SecondmentIn) -> Secondment:
        principal.ensure_can_write()
        worker = await self.session.get(Worker, body.worker_id)
        if worker is None or not principal.covers(worker.community_code):
            raise not_found("社区工作者", "worker")
        await self.repository.lock_community(worker.community_code)
        rule = await rules.require(self.session, LIMITS_RULE, worker.community_code, body.start_date)
        limits = rule.params
        violations: list[FieldError] = []
        if worker.status not in IN_POST_STATUSES:
            status_zh, status_en = status_text(worker.status)
            violations.append(FieldError("worker_id", "secondment_worker_not_in_post",
                                         f"该工作者当前状态为「{status_zh}」，不在岗", f"the worker is {status_en}, not in post"))
        if body.borrower_level in (limits.get("forbidden_borrower_levels") or []):
            violations.append(FieldError(
                "borrower_level", "secondment_borrower_level",
                "县级及以上机关不得借调社区工作者（中办发〔2024〕33号 第十七条）",
                "county-level and higher organs may not second community workers (CENTRAL §17)"))
        # Keys a text in force does not state are no limit (Ningxia has no length or per-community number).
        if limits.get("max_months") is not None:
            # IM art.24 read as the worker's time on secondment: back-to-back secondments count as one.
            joins = limits.get("max_months_joins_within_days")
            first, last = ((body.start_date, body.end_date) if joins is None else joined_period(
                body.start_date, body.end_date, await self.repository.periods_of_worker(worker.id), int(joins)))
            latest_end = last_allowed_end(first, int(limits["max_months"]))
            if last > latest_end:
                joined = (first, last) != (body.start_date, body.end_date)
                violations.append(FieldError(
                    "end_date", "secondment_too_long",
                    (f"该工作者连续借调（{first.isoformat()} 至 {last.isoformat()}）合计" if joined else "借调期限")
                    + f"不得超过 {limits['max_months']} 个月（最晚 {latest_end.isoformat()} 结束）",
                    (f"the worker's back-to-back secondments ({first.isoformat()} to {last.isoformat()}) together "
                     if joined else "a secondment ")
                    + f"last at most {limits['max_months']} months (must end by {latest_end.isoformat()})"))
        approvals = given_approvals(body)
        if limits.get("approval_required"):
            missing = missing_steps(limits.get("approvals") or [DEFAULT_STEP], approvals)
            if missing:
                violations.append(approval_missing(missing, limits.get("approvals") or [DEFAULT_STEP],
                                                   "approvals" if body.approvals is not None else
                                                   "approving_department"))
        maximum = limits.get("max_concurrent_per_community")
        already, on_day = ((0, None) if maximum is None else most_on_one_day(
            body.start_date, body.end_date,
            await self.repository.periods_in_community(worker.community_code, body.start_date, body.end_date)))
        if maximum is not None and already >= int(maximum):
            violations.append(FieldError(
                "start_date", "secondment_community_limit",
                f"同一社区同一时期借调人数不得超过 {maximum} 人（{(on_day or body.start_date).isoformat()} 已有 {already} 人借调在外）",
                f"at most {maximum} workers of one community may be seconded on any one day ({already} already "
                f"out on {(on_day or body.start_date).isoformat()})"))
        if await self.repository.overlapping_for_worker(worker.id, body.start_date, body.end_date):
            violations.append(FieldError("start_date", "secondment_worker_overlap", "该工作者在此期间已被借调",
                                         "the worker is already seconded in this period"))
        if violations:
            first = violations[0]
            raise Problem(409, first["code"], first["message_zh"], first["message_en"], errors=violations,
                          rule=rules.describe(rule, RULE_KEY_OF.get(first["code"])))
        secondment = Secondment(worker_id=worker.id, community_code=worker.community_code,
                                start_date=body.start_date, end_date=body.end_date, borrower=body.borrower,
                                borrower_level=body.borrower_level,
                                approving_department=final_approver(approvals, body.approving_department),
                                approval_reference=body.approval_reference or next(
                                    (a.reference for a in reversed(approvals) if a.reference), None),
                                approvals=[a.model_dump() for a in approvals] or None,
                                created_by=principal.subject)
        self.session.add(secondment)
        await self.session.flush()
        await self.session.refresh(secondment)
        await audit.record(self.session, audit_log, principal, action="secondment.create", entity="secondment",
                           entity_id=secondment.id, region_code=worker.community_code,
                           after=audit.snapshot(secondment))
        # A secondment under way now puts an active worker into status "seconded" (from its start) through the
        # worker record's own status machine; future ones change nothing until recorded as started.
        today = today_in_china()
        if (worker.status == "active" and body.start_date <= today <= body.end_date
                and body.start_date >= worker.status_since):
            await WorkerService.for_session(self.session).change_status(
                principal, worker.id, "seconded", body.start_date,
                reason=f"借调至 {body.borrower}（{secondment.approval_reference or secondment.approving_department}）",
                by_secondment=True)
        return secondment

    async def end(self, principal: Principal, secondment_id: uuid.UUID, on: date) -> Secondment:
        """The worker is back on `on`: the secondment ends the day before, and a seconded worker is active again."""
        secondment = await self.session.get(Secondment, secondment_id)
        if secondment is None or not principal.covers(secondment.community_code):
            raise not_found("借调记录", "secondment")
        principal.ensure_can_write()
        if not secondment.start_date < on <= secondment.end_date + timedelta(days=1):
            raise Problem(422, "validation_failed", "返回日期应在借调开始之后、结束次日之前",
                          "the return date must fall after the start and at most the day after the end",
                          errors=[FieldError("on", "return_outside_period", "返回日期不在借调期间内",
                                             "return date outside the secondment")])
        before = audit.snapshot(secondment)
        secondment.end_date = on - timedelta(days=1)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="secondment.end", entity="secondment",
                           entity_id=secondment.id, region_code=secondment.community_code, before=before,
                           after=audit.snapshot(secondment))
        worker = await self.session.get(Worker, secondment.worker_id)
        if worker is not None and worker.status == "seconded" and on <= today_in_china():
            await WorkerService.for_session(self.session).change_status(
                principal, worker.id, "active", on, reason=f"借调结束，返回社区（{secondment.borrower}）",
                by_secondment=True)
        return secondment

    async def list(self, principal: Principal, prefix: str | None, active_on: date | None) -> list[Secondment]:
        return await self.repository.in_scope(principal, principal.scope_prefix(prefix), active_on)
