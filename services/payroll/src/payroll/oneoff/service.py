"""One-off items: entered per worker or imported from a sheet by officers inside their jurisdiction, each
write audited, locked once an approved run has paid their month. Workers read theirs on the payslip."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.problems import FieldError, Problem, forbidden, not_found
from cwm_kit.security import Principal, Role
from cwm_kit.sheets import sheet_rows

from payroll.inputs.lookup import WorkerIdentity, worker_identity
from payroll.models import audit_log
from payroll.oneoff.kinds import KINDS
from payroll.oneoff.models import OneOffItem
from payroll.oneoff.repository import ItemRepository
from payroll.oneoff.schemas import ItemImportOut, ItemIn, ItemOut, ItemUpdate, PaidBy
from payroll.runs.models import PayrollRun

WRITERS = (Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER,
           Role.FINANCE_OFFICER)
IMPORT_COLUMNS = ("工号", "月份", "项目", "金额", "是否计税", "依据")
KIND_BY_LABEL = {k.label_zh: code for code, k in KINDS.items()}


def month_closed() -> Problem:
    return Problem(409, "month_closed", "该月工资已审批发放，不能再增改一次性项目，请计入下月",
                   "that month's payroll is approved: enter the item in a later month")


def item_paid(run: PayrollRun) -> Problem:
    return Problem(409, "one_off_item_paid",
                   f"该项目已由 {run.month} 的已审批批次（{run.region_code}）发放，不能再修改或删除，如需更正请在以后月份录入补发或扣回",
                   f"the item was paid by the approved run of {run.month} for {run.region_code}: it cannot be changed "
                   "or deleted; enter a correction in a later month", run_id=str(run.id))


def _paid_by(run: PayrollRun | None) -> PaidBy | None:
    return None if run is None else PaidBy(run_id=run.id, region_code=run.region_code, month=run.month,
                                           kind=run.kind, state=run.state)


class ItemService:
    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal
        self.repo = ItemRepository(session)

    def _ensure_writer(self) -> None:
        self.principal.ensure_role(WRITERS)
        if not self.principal.can_write:
            raise forbidden("只读角色不能修改数据", "this role is read-only")

    async def list(self, month: str | None, worker_id: str | None, region: str | None) -> list[ItemOut]:
        prefix = self.principal.scope_prefix(region) if region else None
        rows = await self.repo.list(self.principal.region_filter(OneOffItem.region_code), month, worker_id, prefix)
        paid = await self.repo.paid_by([r.id for r in rows])
        return [ItemOut.model_validate(r).model_copy(update={"paid_by": _paid_by(paid.get(r.id))}) for r in rows]

    async def _add(self, who: WorkerIdentity, body: ItemIn, source: str) -> OneOffItem:
        self.principal.ensure_visible(who.community_code, what_zh="社区工作者", what_en="worker")
        if await self.repo.month_closed(who.community_code, body.month):
            raise month_closed()
        kind = KINDS[body.kind]
        row = OneOffItem(worker_id=who.worker_id, worker_name=who.name[:64], region_code=who.community_code,
                         month=body.month, kind=body.kind, label_zh=body.label_zh or kind.label_zh,
                         amount=body.amount, taxable=body.taxable if kind.effect != "deduction" else False,
                         clause=body.clause or kind.clause, basis=body.basis, source=source,
                         created_by=self.principal.subject)
        return await audit.saved(self.session, audit_log, self.principal, row, action="create",
                                 region_code=row.region_code)

    async def create(self, request: Request, body: ItemIn) -> ItemOut:
        self._ensure_writer()
        who = await worker_identity(request, body.worker_id)
        return ItemOut.model_validate(await self._add(who, body, "officer"))

    async def _visible(self, item_id: int) -> OneOffItem:
        row = await self.repo.get(item_id, lock=True)
        if row is None or not self.principal.covers(row.region_code):
            raise not_found("一次性项目", "one-off item")
        return row

    async def _ensure_open(self, row: OneOffItem) -> None:
        """An item stays as paid once an approved run has paid it, or its month's monthly run is approved."""
        if await self.repo.month_closed(row.region_code, row.month):
            raise month_closed()
        paid_by = await self.repo.paid_by_locked_run(row.id)
        if paid_by is not None:
            raise item_paid(paid_by)

    async def update(self, item_id: int, body: ItemUpdate) -> ItemOut:
        row = await self._visible(item_id)
        self._ensure_writer()
        await self._ensure_open(row)
        before = audit.snapshot(row)
        kind = KINDS[row.kind]
        row.amount = body.amount
        row.taxable = body.taxable if kind.effect != "deduction" else False
        row.label_zh = body.label_zh or row.label_zh
        row.clause = body.clause or row.clause
        row.basis = body.basis
        row.updated_at = func.now()
        row = await audit.saved(self.session, audit_log, self.principal, row, action="update",
                                region_code=row.region_code, before=before)
        return ItemOut.model_validate(row)

    async def delete(self, item_id: int) -> None:
        row = await self._visible(item_id)
        self._ensure_writer()
        await self._ensure_open(row)
        before = audit.snapshot(row)
        await self.session.delete(row)
        await self.session.flush()
        await audit.record(self.session, audit_log, self.principal, action="delete", entity="one_off_item",
                           entity_id=item_id, region_code=before["region_code"], before=before)

    async def import_sheet(self, request: Request, content: bytes) -> ItemImportOut:
        """Rows 工号, 月份, 项目 (kind code or its Chinese label), 金额, 是否计税 (是/否), 依据. All or none."""
        self._ensure_writer()
        errors: list[dict[str, Any]] = []
        created: list[OneOffItem] = []
        identities: dict[str, WorkerIdentity] = {}
        for number, cell in sheet_rows(content, IMPORT_COLUMNS):
            worker_id = str(cell["工号"] or "").strip()
            try:
                # A cell is text: lax, like a query string (是/否 and yes/no, true/false, 1/0).
                body = ItemIn.model_validate(_row_body(worker_id, cell), strict=False)
                if worker_id not in identities:
                    identities[worker_id] = await worker_identity(request, worker_id)
                created.append(await self._add(identities[worker_id], body, "import"))
            except ValidationError as exc:
                errors.append({"row": number, "worker_id": worker_id, "errors": [
                    {"field": ".".join(str(p) for p in e["loc"]), "code": e["type"], "message_zh": "取值无效",
                     "message_en": e["msg"]} for e in exc.errors()]})
            except (ValueError, InvalidOperation) as exc:
                errors.append({"row": number, "worker_id": worker_id, "errors": [
                    FieldError("金额", "invalid", "取值无效", str(exc))]})
            except Problem as problem:
                errors.append({"row": number, "worker_id": worker_id, "errors": [
                    FieldError("工号", problem.code, problem.message_zh, problem.message_en)]})
        if errors:
            raise Problem(422, "import_failed", f"{len(errors)} 行有错误，未导入任何项目",
                          f"{len(errors)} rows have errors; nothing was imported", rows=errors)
        return ItemImportOut(created=len(created), items=[ItemOut.model_validate(r) for r in created])


def _row_body(worker_id: str, cell: dict[str, Any]) -> dict[str, Any]:
    month = cell["月份"]
    month = month.strftime("%Y-%m") if hasattr(month, "strftime") else str(month or "").strip()
    kind = str(cell["项目"] or "").strip()
    taxable = cell["是否计税"]
    if not isinstance(taxable, bool):
        # 是/否 or the usual yes/no spellings (pydantic's); anything else is refused, naming the field.
        taxable = str(taxable if taxable is not None else "是").strip()
        taxable = {"是": True, "否": False, "": True}.get(taxable, taxable)
    return {"worker_id": worker_id, "month": month, "kind": KIND_BY_LABEL.get(kind, kind),
            "amount": Decimal(str(cell["金额"]).strip()), "taxable": taxable,
            "basis": str(cell["依据"] or "").strip()}
