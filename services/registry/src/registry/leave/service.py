"""Leave requests and approvals (IM art.27 「请销假」; CENTRAL §9; NX 三) and annual leave balances
(职工带薪年休假条例 art.3, the `leave.annual` rule; SS 二(五)3(2)).

A worker (their own, through /me) or an officer asks; an officer of the worker's township — never the one who
asked — approves or rejects. An annual leave lies within one year and takes its working days (Monday to Friday)
from the year's entitlement: days by completed years of counted service on 1 January (workers.service.service_years_today, the kit's
one function);
asking for more than remains is refused naming the rule."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import true
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import FieldError, Problem, forbidden, not_found
from cwm_kit.security import Principal, Role

from registry.decisions import record_decision
from registry.rules import service as rules
from registry.worker_records import add_audited, first_days_at_work, worker_in_reach
from registry.workers.models import Worker
from registry.workers.service import service_years_today

from .models import LeaveRequest
from .repository import LeaveRepository
from .schemas import LeaveBalance, LeaveDecision, LeaveIn, LeaveOut, MyLeaveIn

ANNUAL_RULE = "leave.annual"
DECIDER_ROLES = (Role.TOWNSHIP_OFFICER,)


def working_days(start: date, end: date) -> int:
    return sum(1 for n in range((end - start).days + 1) if (start + timedelta(days=n)).weekday() < 5)


def entitled_days(params: dict, years) -> int:
    days = 0
    for tier in sorted(params.get("days_by_service_years") or [], key=lambda t: t["from_years"]):
        if years >= tier["from_years"]:
            days = int(tier["days"])
    return days


def _out(request: LeaveRequest, name: str | None) -> LeaveOut:
    return LeaveOut.model_validate(request).model_copy(update={"worker_name": name})


class LeaveService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = LeaveRepository(session)

    async def _balance(self, worker: Worker, year: int, exclude: uuid.UUID | None = None):
        january = date(year, 1, 1)
        rule = await rules.resolve(self.session, ANNUAL_RULE, worker.community_code, january)
        # Years served through 31 December before the leave year (the registry's one years-of-service function).
        years = service_years_today(worker, january - timedelta(days=1))
        entitled = entitled_days(rule.params, years) if rule is not None else 0
        taken = await self.repository.annual_days(worker.id, year, exclude)
        return rule, years, entitled, taken.get("approved", 0), taken.get("pending", 0)

    async def balance(self, principal: Principal, worker_id: uuid.UUID, year: int) -> LeaveBalance:
        worker = await worker_in_reach(self.session, principal, worker_id, write=False)
        rule, years, entitled, used, pending = await self._balance(worker, year)
        return LeaveBalance(worker_id=worker.id, year=year, service_years=years, entitled_days=entitled,
                            used_days=used, pending_days=pending, remaining_days=entitled - used - pending,
                            rule=rules.describe(rule, "days_by_service_years") if rule is not None else None)

    async def _ensure_within_balance(self, worker: Worker, request: LeaveRequest | LeaveIn, days: int,
                                     exclude: uuid.UUID | None = None) -> None:
        if request.start_date.year != request.end_date.year:
            raise Problem(422, "validation_failed", "年休假应在同一年度内", "an annual leave lies within one year",
                          errors=[FieldError("end_date", "annual_leave_across_years", "年休假不能跨年度",
                                             "an annual leave cannot run into the next year")])
        rule, _, entitled, used, pending = await self._balance(worker, request.start_date.year, exclude)
        remaining = entitled - used - pending
        if days > remaining:
            raise Problem(422, "annual_leave_exceeded",
                          f"年休假余额不足：{request.start_date.year} 年应休 {entitled} 天，已休或待批 {used + pending} 天，"
                          f"剩余 {max(remaining, 0)} 天，本次 {days} 天",
                          f"not enough annual leave: {entitled} days in {request.start_date.year}, {used + pending} "
                          f"taken or pending, {max(remaining, 0)} left, {days} asked",
                          errors=[FieldError("end_date", "annual_leave_exceeded", f"超出年休假余额（剩余 {max(remaining, 0)} 天）",
                                             f"more than the annual leave left ({max(remaining, 0)} days)")],
                          rule=rules.describe(rule, "days_by_service_years") if rule is not None else ANNUAL_RULE)

    async def _ensure_while_employed(self, worker: Worker, body: LeaveIn) -> None:
        """Leave is time off work: it cannot begin before the worker's first day at work (the hire date, or an
        earlier service period's start) nor end after the day they left."""
        first_day = (await first_days_at_work(self.session, [worker.id], true())).get(worker.id)
        if first_day is not None and body.start_date < first_day:
            raise Problem(422, "validation_failed", f"请假开始日期不能早于该社区工作者入职日期（{first_day}）",
                          f"the leave cannot start before the worker was hired ({first_day})",
                          errors=[FieldError("start_date", "date_before_hire",
                                             f"请假开始日期不能早于该社区工作者入职日期（{first_day}）",
                                             f"the leave cannot start before the worker was hired ({first_day})")])
        if worker.exit_date is not None and body.end_date > worker.exit_date:
            raise Problem(422, "validation_failed", f"请假结束日期不能晚于该社区工作者离职日期（{worker.exit_date}）",
                          f"the leave cannot end after the worker left ({worker.exit_date})",
                          errors=[FieldError("end_date", "date_after_exit",
                                             f"请假结束日期不能晚于该社区工作者离职日期（{worker.exit_date}）",
                                             f"the leave cannot end after the worker left ({worker.exit_date})")])

    async def request(self, principal: Principal, body: LeaveIn) -> LeaveOut:
        worker = await worker_in_reach(self.session, principal, body.worker_id, write=not principal.is_worker)
        if body.end_date < body.start_date:
            raise Problem(422, "validation_failed", "结束日期不能早于开始日期", "the end date is before the start date",
                          errors=[FieldError("end_date", "period_reversed", "结束日期不能早于开始日期",
                                             "the end date is before the start date")])
        await self._ensure_while_employed(worker, body)
        days = working_days(body.start_date, body.end_date)
        await self.repository.lock_worker(worker.id)
        if body.kind == "annual":
            await self._ensure_within_balance(worker, body, days)
        request = await add_audited(self.session, principal, LeaveRequest(
            worker_id=worker.id, community_code=worker.community_code, days=days, status="pending",
            requested_by=principal.subject, **body.model_dump(exclude={"worker_id"})),
            "leave.request", worker.community_code)
        return _out(request, worker.name)

    async def request_own(self, principal: Principal, body: MyLeaveIn) -> LeaveOut:
        if not principal.worker_id:
            raise not_found("社区工作者", "worker")
        return await self.request(principal, LeaveIn(worker_id=uuid.UUID(str(principal.worker_id)),
                                                     **body.model_dump()))

    async def decide(self, principal: Principal, request_id: uuid.UUID, body: LeaveDecision) -> LeaveOut:
        request = await self.session.get(LeaveRequest, request_id, with_for_update=True)
        if request is None or principal.is_worker or not principal.covers(request.community_code):
            raise not_found("请假申请", "leave_request")
        principal.ensure_can_write()
        if principal.role not in DECIDER_ROLES:
            raise forbidden("请假由社区工作者所在街道（乡镇）审批", "leave is decided by the worker's township")
        if principal.subject == request.requested_by:
            raise Problem(403, "leave_self_approval", "申请人不能审批自己提交的请假申请",
                          "the one who asked for the leave cannot decide it")
        if request.status != "pending":
            raise Problem(409, "leave_decided", "该请假申请已审批", "this leave request has been decided already")
        worker = await self.session.get(Worker, request.worker_id)
        if body.decision == "approve" and request.kind == "annual":
            await self.repository.lock_worker(worker.id)
            await self._ensure_within_balance(worker, request, request.days, exclude=request.id)
        await record_decision(self.session, principal, request, body.decision, body.note, "leave",
                              request.community_code)
        return _out(request, worker.name)

    async def list(self, principal: Principal, prefix: str | None, worker_id: uuid.UUID | None,
                   status: str | None) -> list[LeaveOut]:
        scope = "" if principal.is_worker else principal.scope_prefix(prefix)
        return [_out(r, name) for r, name in await self.repository.requests(principal, scope, worker_id, status)]
