"""Run life cycle: draft → calculated → approved (locked) → paid (POLICY.md §5).

Calculation happens in the background (payroll.jobs); this module only changes states, each with a
conditional UPDATE so concurrent requests cannot both succeed, and audits every change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import today_in_china
from cwm_kit.pagination import PageParams, paginate
from cwm_kit.problems import FieldError, Problem, not_found
from cwm_kit.security import Principal

from payroll import duties
from payroll.jobs import RunQueue
from payroll.models import audit_log
from payroll.runs.calculator import PAYS_ONE_OFF_ITEMS
from payroll.runs.models import PayrollRun
from payroll.runs.repository import RunRepository
from payroll.runs.schemas import RunStart

AUDIT_FIELDS = ["id", "region_code", "month", "kind", "state", "job_status", "worker_count", "gross_total",
                "net_total", "approved_by", "paid_by", "bank_file_sha256", "bank_file_by"]


KIND_ZH = {"monthly": "月度工资", "year_end": "年终绩效", "retiree": "退休荣誉补贴", "one-off": "一次性项目"}
KIND_EN = {"monthly": "monthly pay", "year_end": "year-end performance", "retiree": "retirees' honours subsidy",
           "one-off": "one-off items"}


def conflict(code: str, zh: str, en: str) -> Problem:
    return Problem(409, code, zh, en)


def current_month() -> str:
    """The month it is in China now (YYYY-MM)."""
    return today_in_china().strftime("%Y-%m")


def refuse_future_month(month: str) -> None:
    """A run pays a month that has begun: a later month is refused (its facts, assessments and items are not known)."""
    now = current_month()
    if month > now:
        zh = f"不能为尚未开始的月份（{month}）发放工资，最晚可发放本月（{now}）"
        en = f"cannot start a payroll run for a future month ({month}); the latest is the current month ({now})"
        raise Problem(422, "month_in_future", zh, en, errors=[FieldError("month", "month_in_future", zh, en)],
                      current_month=now)


class RunService:
    def __init__(self, session: AsyncSession, principal: Principal, queue: RunQueue):
        self.session = session
        self.repo = RunRepository(session)
        self.principal = principal
        self.queue = queue

    async def _audit(self, action: str, run: PayrollRun, before: dict | None) -> None:
        await audit.record(self.session, audit_log, self.principal, action=action, entity="payroll_run",
                           entity_id=run.id, region_code=run.region_code, before=before,
                           after=audit.snapshot(run, AUDIT_FIELDS))

    async def visible(self, run_id: uuid.UUID) -> PayrollRun:
        run = await self.repo.get(run_id)
        if run is None or not (self.principal.is_officer or self.principal.is_service) \
                or not self.principal.covers(run.region_code):
            raise not_found("工资发放批次", "payroll run")
        return run

    async def list(self, params: PageParams, month: str | None, state: str | None,
                   region: str | None) -> tuple[list[PayrollRun], int]:
        prefix = self.principal.scope_prefix(region)
        statement = select(PayrollRun).where(self.principal.region_filter(PayrollRun.region_code),
                                             PayrollRun.region_code.startswith(prefix, autoescape=True))
        if month:
            statement = statement.where(PayrollRun.month == month)
        if state:
            statement = statement.where(PayrollRun.state == state)
        return await paginate(self.session, statement.order_by(PayrollRun.month.desc(), PayrollRun.region_code),
                              params)

    async def start(self, body: RunStart) -> tuple[PayrollRun, bool]:
        duties.ensure_may(self.principal, "payroll_run.start")
        self.principal.ensure_can_write(body.region_code)  # outside the jurisdiction: 404
        refuse_future_month(body.month)
        if body.kind == "retiree":
            await self._refuse_scheme_without_retired_amounts(body)
        await self.repo.lock_tax_year(body.month)
        run, created = await self.repo.insert_or_get({
            "region_code": body.region_code, "month": body.month, "kind": body.kind,
            "created_by": self.principal.subject, "state": "draft", "job_status": "queued"})
        if created:
            other = await self.repo.overlapping(body.region_code, body.month, body.kind)
            if other is not None:
                raise conflict("overlapping_run", f"同月已有覆盖相同人员的批次（{other.region_code}），不能重复发放",
                               f"a run for {other.region_code} already covers some of these workers this month")
            await self._refuse_while_tax_year_calculating(run)
            await self._audit("start", run, None)
            await self.queue.enqueue(run.id)
            return run, True
        # Starting again returns the same run; a failed or cancelled one is queued again.
        if run.state in ("draft", "calculated") and run.job_status in ("failed", "cancelled", "running"):
            await self._refuse_while_tax_year_calculating(run)
            before = audit.snapshot(run, AUDIT_FIELDS)
            requeued = await self.repo.transition(run.id, and_(PayrollRun.job_status.in_(("failed", "cancelled"))
                                                               | _stale(),
                                                               PayrollRun.state.in_(("draft", "calculated"))),
                                                  job_status="queued", error=None)
            if requeued is not None:
                await self._audit("restart", requeued, before)
                await self.queue.enqueue(requeued.id)
                return requeued, False
        return run, False

    async def _refuse_outdated(self, run: PayrollRun) -> None:
        """409 when the run's income tax may be stale: a payslip's tax is cumulative over the year's earlier
        payslips (累计预扣法), read when the run was calculated, and a run it depends on was calculated or
        recalculated since, or is being calculated now. Recalculating the run brings it up to date."""
        await self.repo.lock_tax_year(run.month)  # no start or recalculation of the tax year meanwhile
        other = await self.repo.calculating_in_tax_year(run.region_code, run.month, run.id, through_month=True)
        calculating = other is not None
        other = other or await self.repo.outdated_by(run.id)
        if other is None:
            return
        what_zh = "正在计算" if calculating else "又计算过"
        what_en = "is being calculated" if calculating else "was calculated again"
        raise _other_run_problem(
            "run_outdated", other,
            lambda kind: f"本批次计算后，{other.month} {kind}批次（{other.region_code}）{what_zh}；个人所得税按全年累计预扣，"
                         f"本批次的税额可能已不准确，请重新计算本批次后再审批",
            lambda kind: f"the {kind} run of {other.month} for {other.region_code} {what_en} after this run was "
                         "calculated; income tax is withheld cumulatively over the year, so recalculate this run "
                         "before approving it")

    async def _refuse_items_changed(self, run: PayrollRun) -> None:
        """409 when one-off items the run pays were entered, corrected or removed after it was calculated: once the
        monthly run is approved the month is closed to items, so one left out now would never be paid."""
        if run.kind not in PAYS_ONE_OFF_ITEMS or run.calculated_at is None:
            return
        changed = await self.repo.items_changed_since_calculated(run)
        if changed:
            raise Problem(
                409, "run_outdated",
                f"本批次计算后，{run.month} 的一次性项目有 {changed} 项新增、修改或删除，请重新计算本批次后再审批",
                f"{changed} one-off item(s) of {run.month} were entered, corrected or removed after this run was "
                "calculated: recalculate it before approving it", changed_items=changed)

    async def _refuse_while_tax_year_calculating(self, run: PayrollRun) -> None:
        """409 while another run of the same tax year covering some of the same workers is queued or being
        calculated: a payslip's income tax is cumulative over the year's earlier payslips (累计预扣法, every run
        kind), which a run reads when it is calculated, so two such calculations at once would each miss the
        other's payslips (the month's single basic deduction taken twice, income left out of the cumulation).
        Serialised by the tax year's lock (lock_tax_year), taken before this check."""
        other = await self.repo.calculating_in_tax_year(run.region_code, run.month, run.id)
        if other is None:
            return
        raise _other_run_problem(
            "tax_year_run_calculating", other,
            lambda kind: f"{other.month} {kind}批次（{other.region_code}）正在计算，其中有本批次的人员；个人所得税按全年累计预扣，"
                         "请待其计算完成后再计算本批次",
            lambda kind: f"the {kind} run of {other.month} for {other.region_code} covers some of these workers and is "
                         "being calculated; income tax is withheld cumulatively over the year, so calculate this run "
                         "when it has finished")

    async def _refuse_scheme_without_retired_amounts(self, body: RunStart) -> None:
        """422 before anything is queued when the scheme in force for the run's region pays retirees nothing
        (a wider region whose counties have their own schemes is checked per county by the calculation)."""
        from payroll.policy.service import resolve_scheme
        from payroll.runs.calculator import refuse_scheme_without_retired_amounts

        first_day = date(int(body.month[:4]), int(body.month[5:7]), 1)
        try:
            resolved = await resolve_scheme(self.session, body.region_code, first_day)
        except Problem as problem:
            if problem.code == "no_pay_scheme":
                return
            raise
        refuse_scheme_without_retired_amounts(resolved.scheme, body.region_code, body.month)

    async def recalculate(self, run_id: uuid.UUID) -> PayrollRun:
        run = await self.visible(run_id)
        duties.ensure_may(self.principal, "payroll_run.recalculate")
        self.principal.ensure_can_write(run.region_code)
        await self.repo.lock_tax_year(run.month)
        if run.state in ("draft", "calculated"):
            await self._refuse_while_tax_year_calculating(run)
        before = audit.snapshot(run, AUDIT_FIELDS)
        changed = await self.repo.transition(
            run.id, and_(PayrollRun.state.in_(("draft", "calculated")),
                         PayrollRun.job_status.in_(("succeeded", "failed", "cancelled")) | _stale()),
            job_status="queued", error=None)
        if changed is None:
            if run.state in ("approved", "paid"):
                raise conflict("run_locked", "批次已审批，不能重新计算", "the run is approved: it cannot be recalculated")
            raise conflict("run_busy", "批次正在计算中", "the run is already being calculated")
        await self._audit("recalculate", changed, before)
        await self.queue.enqueue(changed.id)
        return changed

    async def cancel(self, run_id: uuid.UUID) -> PayrollRun:
        run = await self.visible(run_id)
        duties.ensure_may(self.principal, "payroll_run.cancel")
        self.principal.ensure_can_write(run.region_code)
        before = audit.snapshot(run, AUDIT_FIELDS)
        changed = await self.repo.transition(run.id, PayrollRun.job_status.in_(("queued", "running")),
                                             job_status="cancelled")
        if changed is None:
            raise conflict("run_not_running", "批次没有正在进行的计算", "the run has no calculation in progress")
        await self._audit("cancel", changed, before)
        return changed

    async def approve(self, run_id: uuid.UUID) -> PayrollRun:
        run = await self.visible(run_id)
        self.principal.ensure_can_write(run.region_code)
        await duties.ensure_may_approve(self.session, self.principal, run.id, run.region_code, run.created_by)
        if run.state == "calculated":
            await self._refuse_outdated(run)
            await self._refuse_items_changed(run)
        changed_method = await self.repo.bonus_method_changed_since(run)
        if changed_method:
            names = "、".join(name for _, name in changed_method)
            raise Problem(409, "bonus_method_changed",
                          f"{names} 的全年一次性奖金计税方式在本批次计算后已更改，请重新计算后再审批",
                          f"the year-end bonus method of {names} changed after this run was "
                          "calculated: recalculate it before approving", workers=[w for w, _ in changed_method])
        before = audit.snapshot(run, AUDIT_FIELDS)
        # Conditional UPDATE: of two officers approving at once exactly one finds state = 'calculated'.
        changed = await self.repo.transition(
            run.id, and_(PayrollRun.state == "calculated", PayrollRun.job_status == "succeeded"),
            state="approved", approved_by=self.principal.subject, approved_at=_now())
        if changed is None:
            raise conflict("run_not_calculated", "只有计算完成且未审批的批次可以审批",
                           "only a calculated, not yet approved run can be approved")
        await self._audit("approve", changed, before)
        return changed

    async def mark_paid(self, run_id: uuid.UUID, bank_file_sha256: str | None = None) -> PayrollRun:
        """Approved → paid by whoever sent the bank file. With `bank_file_sha256` the checksum of the file sent
        must be the one generated for this run (GET .../bank-file); it is kept with the run."""
        run = await self.visible(run_id)
        self.principal.ensure_can_write(run.region_code)
        await duties.ensure_may_pay(self.session, self.principal, run.id, run.region_code, run.approved_by)
        if bank_file_sha256 is not None and bank_file_sha256 != run.bank_file_sha256:
            raise Problem(409, "bank_file_mismatch", "代发文件校验值与本批次生成的文件不符，请重新下载后发送",
                          "the bank file checksum is not the one generated for this run: download it again",
                          field="bank_file_sha256")
        before = audit.snapshot(run, AUDIT_FIELDS)
        changed = await self.repo.transition(run.id, PayrollRun.state == "approved", state="paid",
                                             paid_by=self.principal.subject, paid_at=_now())
        if changed is None:
            raise conflict("run_not_approved", "只有已审批的批次可以标记为已发放",
                           "only an approved run can be marked paid")
        await self._audit("pay", changed, before)
        return changed


def _other_run_problem(code: str, other: PayrollRun, zh: Callable[[str], str], en: Callable[[str], str]) -> Problem:
    """A 409 about another run (named by its kind's label in each language), with that run in the body."""
    return Problem(409, code, zh(KIND_ZH.get(other.kind, other.kind)), en(KIND_EN.get(other.kind, other.kind)),
                   other_run_id=str(other.id), other_month=other.month, other_kind=other.kind,
                   other_region_code=other.region_code)


def _stale():
    """A calculation whose process died (nobody holds the run's lock any more): it may be started again."""
    from sqlalchemy import text

    from payroll.runs.execution import calculation_alive_sql

    return and_(PayrollRun.job_status == "running", text("NOT " + calculation_alive_sql("payroll_run.id")))


def _now():
    from sqlalchemy import func

    return func.now()
