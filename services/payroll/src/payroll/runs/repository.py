"""SQL for runs. State changes are conditional UPDATEs so two concurrent requests cannot both win."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, text, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from payroll.runs.calculator import YEAR_TO_DATE_RUNS, not_paid_elsewhere
from payroll.runs.models import PayrollRun


class RunRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def lock_tax_year(self, month: str) -> None:
        """Serialises starts and recalculations inside one tax year (the checks below then see every other start)."""
        await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext('payroll_run_year:' || :y))"),
                                   {"y": month[:4]})

    async def overlapping(self, region_code: str, month: str, kind: str) -> PayrollRun | None:
        """Another run of the same month and kind covering part of the same workers (a wider or narrower region)."""
        statement = select(PayrollRun).where(
            PayrollRun.month == month, PayrollRun.kind == kind, PayrollRun.region_code != region_code,
            (func.starts_with(PayrollRun.region_code, region_code)) | (func.starts_with(region_code, PayrollRun.region_code)),
        ).limit(1)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def bonus_method_changed_since(self, run: PayrollRun) -> list[tuple[str, str]]:
        """Workers of the run paid year-end performance pay whose year-end bonus election for the payslip's tax year
        changed after the run was calculated (全年一次性奖金计税方式: the payslip was taxed by the earlier method)."""
        if run.calculated_at is None:
            return []
        rows = await self.session.execute(text(
            """SELECT e.worker_id, p.worker_name FROM year_end_bonus_election e
               JOIN payslip_compact p ON p.run_id = :run AND p.worker_id = e.worker_id
               WHERE e.tax_year = left(p.month, 4)::int AND e.updated_at > :calculated
                 AND (p.bonus_tax IS NOT NULL OR EXISTS (
                      SELECT 1 FROM payslip_line l WHERE l.run_id = p.run_id AND l.worker_id = p.worker_id
                        AND l.code = 'performance_year_end' AND l.kind = 'earning' AND l.amount > 0))
               ORDER BY e.worker_id LIMIT 20"""), {"run": run.id, "calculated": run.calculated_at})
        return [(r[0], r[1]) for r in rows]

    async def calculating_in_tax_year(self, region_code: str, month: str, other_than: uuid.UUID, *,
                                      through_month: bool = False) -> PayrollRun | None:
        """A run of the same tax year, any kind, covering some of the same workers, that is queued or being
        calculated (a calculation whose process died is not: it may be started again). `through_month`: only
        runs of `month` or earlier (those a run of `month` reads)."""
        from payroll.runs.execution import calculation_alive_sql

        statement = select(PayrollRun).where(
            PayrollRun.id != other_than, func.left(PayrollRun.month, 4) == month[:4],
            PayrollRun.month <= month if through_month else true(),
            (func.starts_with(PayrollRun.region_code, region_code)) | (func.starts_with(region_code, PayrollRun.region_code)),
            PayrollRun.state.in_(("draft", "calculated")),
            (PayrollRun.job_status == "queued")
            | ((PayrollRun.job_status == "running") & text(calculation_alive_sql("payroll_run.id"))),
        ).order_by(PayrollRun.month, PayrollRun.region_code).limit(1)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def outdated_by(self, run_id: uuid.UUID) -> PayrollRun | None:
        """Another run of the tax year, covering some of the same workers, whose payslips this run's cumulative
        income tax depends on and that changed after this run was calculated: an earlier month's run calculated
        or recalculated since (or one the run did not read at all), or a run of the same month it read that was
        recalculated since. Runs calculated before the read runs were recorded (no `year_to_date_runs`) are not
        checked."""
        statement = text(f"""
            SELECT o.id FROM payroll_run r JOIN payroll_run o ON {YEAR_TO_DATE_RUNS}
            WHERE r.id = :id AND r.inputs_snapshot ? 'year_to_date_runs'
              AND CASE WHEN r.inputs_snapshot -> 'year_to_date_runs' ? o.id::text
                       THEN (r.inputs_snapshot -> 'year_to_date_runs' ->> o.id::text)::timestamptz
                            IS DISTINCT FROM o.calculated_at
                       ELSE o.month < r.month END
            ORDER BY o.month, o.region_code LIMIT 1""")
        other = (await self.session.execute(statement, {"id": run_id})).scalar_one_or_none()
        return None if other is None else await self.get(other)

    async def items_changed_since_calculated(self, run: PayrollRun) -> int:
        """How many one-off items of the run's month inside its region were entered, corrected or removed after the
        run was calculated (and are not carried by another calculated, approved or paid run): its payslips no longer
        pay the month's items as they are. `calculated_at` is the calculation's transaction start, so an item
        entered while the run was being calculated counts too."""
        statement = text(f"""
            SELECT count(*) FROM (
                SELECT i.id FROM one_off_item i
                WHERE i.month = :month AND starts_with(i.region_code, :region)
                  AND greatest(i.created_at, i.updated_at) >= :at AND {not_paid_elsewhere(":run")}
                UNION ALL
                SELECT a.id FROM audit_log a
                WHERE a.entity = 'one_off_item' AND a.action = 'delete' AND a.at >= :at
                  AND starts_with(a.region_code, :region) AND a.before ->> 'month' = :month) changed""")
        return (await self.session.execute(statement, {"month": run.month, "region": run.region_code,
                                                       "at": run.calculated_at, "run": run.id})).scalar_one()

    async def insert_or_get(self, values: dict[str, Any]) -> tuple[PayrollRun, bool]:
        """INSERT … ON CONFLICT DO NOTHING: (run, created). A racing second start gets the first one's run."""
        statement = (insert(PayrollRun).values(**values)
                     .on_conflict_do_nothing(index_elements=["region_code", "month", "kind"])
                     .returning(PayrollRun.id))
        new_id = (await self.session.execute(statement)).scalar_one_or_none()
        if new_id is not None:
            return await self.get(new_id, refresh=True), True
        existing = (await self.session.execute(select(PayrollRun).where(
            PayrollRun.region_code == values["region_code"], PayrollRun.month == values["month"],
            PayrollRun.kind == values["kind"]))).scalar_one()
        return existing, False

    async def get(self, run_id: uuid.UUID, *, refresh: bool = False) -> PayrollRun | None:
        run = await self.session.get(PayrollRun, run_id, populate_existing=refresh)
        return run

    async def transition(self, run_id: uuid.UUID, where: Any, **values: Any) -> PayrollRun | None:
        """UPDATE … WHERE id = :id AND <where> RETURNING: None when the condition no longer holds."""
        statement = (update(PayrollRun).where(PayrollRun.id == run_id, where)
                     .values(updated_at=func.now(), **values).returning(PayrollRun.id))
        changed = (await self.session.execute(statement)).scalar_one_or_none()
        if changed is None:
            return None
        return await self.get(run_id, refresh=True)
