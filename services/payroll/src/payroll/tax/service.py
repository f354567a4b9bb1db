"""Declarations of deductions: workers their own (/v1/me), officers inside their jurisdiction (entered or
imported). Every write is audited; amounts are checked against the national tax rules of the year.

The year-end bonus election (`BonusElectionService`): per worker and tax year, `combined` (the default when
nothing is recorded) or `separate` (全年一次性奖金单独计税) — by the worker on their own record or by an officer
inside the jurisdiction; audited; refused when the year's rules do not allow the separate method (422) or once
a payslip of an approved or paid run of the year has taxed a year-end bonus separately (409)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy import func, true
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.problems import FieldError, Problem, field_problem, forbidden, not_found, validation_problem
from cwm_kit.security import Principal, Role
from cwm_kit.sheets import sheet_rows

from payroll.inputs.lookup import WorkerIdentity, visible_worker, worker_identity
from payroll.models import audit_log
from payroll.tax import sheet
from payroll.tax.models import TaxDeclaration, YearEndBonusElection
from payroll.tax.repository import BonusElectionRepository, DeclarationRepository
from payroll.tax.rules import YearEndBonusRules, rules_for_year, separate_bonus_for
from payroll.tax.schemas import (BonusElectionIn, BonusElectionOut, DeclarationIn, DeclarationOut, ImportOut,
                                 ImportRowOut)

WRITERS = (Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER,
           Role.FINANCE_OFFICER)


def out(row: TaxDeclaration) -> DeclarationOut:
    result = DeclarationOut.model_validate(row)
    rules = rules_for_year(row.tax_year)
    kind = rules.deductions.get(row.kind)
    result.kind_label_zh = kind.label_zh if kind else row.kind
    return result


def check(body: DeclarationIn) -> list[FieldError]:
    """Errors of a declaration against the tax rules of its year (empty when it is acceptable)."""
    errors: list[FieldError] = []
    year = int(body.start_month[:4])
    try:
        rules = rules_for_year(year)
    except Problem:
        return [FieldError("start_month", "no_tax_rules", f"{year} 年没有个人所得税规则", f"no tax rules for {year}")]
    kind = rules.deductions.get(body.kind)
    if kind is None:
        return [FieldError("kind", "unknown_kind", f"{year} 年没有此扣除项目：{body.kind}",
                           f"no such deduction in {year}: {body.kind}", allowed=sorted(rules.deductions))]
    variant = kind.variants.get(body.variant)
    if variant is None:
        return [FieldError("variant", "unknown_variant", f"{kind.label_zh}没有此情形：{body.variant}",
                           f"{kind.label_en} has no variant {body.variant}", allowed=sorted(kind.variants))]
    if body.units > 1 and not kind.per_unit:
        errors.append(FieldError("units", "units_not_applicable", f"{kind.label_zh}不按人数计算",
                                 f"{kind.label_en} is not counted per person"))
    cap = rules.cap(body.kind, body.variant, body.units)
    if cap is not None and body.amount > cap:
        per = "每年" if variant.once_a_year else "每月"
        errors.append(FieldError("amount", "above_cap", f"{kind.label_zh}（{variant.label_zh}）{per}最多 {cap} 元",
                                 f"{kind.label_en} ({variant.label_en}) is at most {cap} a "
                                 f"{'year' if variant.once_a_year else 'month'}", cap=str(cap)))
    if body.end_month is not None:
        if variant.once_a_year:
            errors.append(FieldError("end_month", "once_a_year", "一次性扣除项目没有截止月份",
                                     "a once-a-year item has no end month"))
        elif body.end_month[:4] != body.start_month[:4] or body.end_month < body.start_month:
            errors.append(FieldError("end_month", "outside_year", "截止月份须在同一纳税年度且不早于起始月份",
                                     "the end month must lie in the same tax year, not before the start"))
    return errors


def worker_self(principal: Principal) -> WorkerIdentity:
    """The worker acting on their own record (/v1/me): workers only."""
    if not principal.is_worker or not principal.worker_id:
        raise forbidden("仅限职工本人", "workers only")
    name = str((principal.claims or {}).get("name", ""))
    return WorkerIdentity(principal.worker_id, name, principal.jurisdiction)


def ensure_writer(principal: Principal) -> None:
    """An officer who may change tax records (not read-only)."""
    principal.ensure_role(WRITERS)
    if not principal.can_write:
        raise forbidden("只读角色不能修改数据", "this role is read-only")


def _overlaps(a: TaxDeclaration, start: str, end: str | None) -> bool:
    a_end = a.end_month or f"{a.tax_year}-12"
    return a.start_month <= (end or f"{start[:4]}-12") and start <= a_end


class DeclarationService:
    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal
        self.repo = DeclarationRepository(session)

    # ------------------------------------------------------------------ shared

    async def _validate(self, worker_id: str, body: DeclarationIn, exclude_id: int | None = None) -> None:
        errors = check(body)
        if not errors:
            rules = rules_for_year(int(body.start_month[:4]))
            excluded = set(rules.deductions[body.kind].exclusive_with)
            existing = await self.repo.of_worker(worker_id, int(body.start_month[:4]), true())
            clash = next((d for d in existing if d.id != exclude_id and d.kind in excluded
                          and _overlaps(d, body.start_month, body.end_month)), None)
            if clash is not None:
                other = rules.deductions[clash.kind].label_zh
                errors.append(FieldError("kind", "exclusive", f"同一月份不能同时享受{other}和"
                                         f"{rules.deductions[body.kind].label_zh}扣除（声明 {clash.id}）",
                                         f"cannot be claimed in the same months as {clash.kind} (declaration "
                                         f"{clash.id})"))
        if errors:
            raise Problem(422, "validation_failed", "扣除声明不符合个人所得税规则",
                          "the declaration does not meet the income-tax rules", errors=errors)

    async def _create(self, who: WorkerIdentity, body: DeclarationIn, source: str) -> TaxDeclaration:
        await self._validate(who.worker_id, body)
        row = TaxDeclaration(worker_id=who.worker_id, worker_name=who.name[:64], region_code=who.community_code,
                             tax_year=int(body.start_month[:4]), kind=body.kind, variant=body.variant,
                             units=body.units, amount=body.amount, start_month=body.start_month,
                             end_month=body.end_month, basis=body.basis, source=source,
                             created_by=self.principal.subject)
        return await audit.saved(self.session, audit_log, self.principal, row, action="create",
                                 region_code=row.region_code)

    async def _update(self, row: TaxDeclaration, body: DeclarationIn) -> TaxDeclaration:
        if int(body.start_month[:4]) != row.tax_year:
            raise field_problem("start_month", "year_fixed", "不能改变声明的纳税年度，请撤销后重新声明",
                                "the tax year of a declaration cannot change: withdraw it and declare again")
        await self._validate(row.worker_id, body, exclude_id=row.id)
        before = audit.snapshot(row)
        for name in ("kind", "variant", "units", "amount", "start_month", "end_month", "basis"):
            setattr(row, name, getattr(body, name))
        row.updated_at = func.now()
        return await audit.saved(self.session, audit_log, self.principal, row, action="update",
                                 region_code=row.region_code, before=before)

    async def _delete(self, row: TaxDeclaration) -> None:
        before = audit.snapshot(row)
        await self.session.delete(row)
        await self.session.flush()
        await audit.record(self.session, audit_log, self.principal, action="delete", entity="tax_declaration",
                           entity_id=row.id, region_code=row.region_code, before=before)

    # ------------------------------------------------------------------ the worker's own

    def _me(self) -> WorkerIdentity:
        return worker_self(self.principal)

    async def mine(self, year: int | None) -> list[DeclarationOut]:
        me = self._me()
        return [out(r) for r in await self.repo.of_worker(me.worker_id, year, true())]

    async def declare(self, body: DeclarationIn) -> DeclarationOut:
        return out(await self._create(self._me(), body, "self"))

    async def _my_row(self, declaration_id: int) -> TaxDeclaration:
        me = self._me()
        row = await self.repo.get(declaration_id, lock=True)
        if row is None or row.worker_id != me.worker_id:
            raise not_found("扣除声明", "declaration")
        return row

    async def update_mine(self, declaration_id: int, body: DeclarationIn) -> DeclarationOut:
        return out(await self._update(await self._my_row(declaration_id), body))

    async def withdraw_mine(self, declaration_id: int) -> None:
        await self._delete(await self._my_row(declaration_id))

    # ------------------------------------------------------------------ officers

    def _ensure_writer(self) -> None:
        ensure_writer(self.principal)

    async def of_worker(self, request: Request, worker_id: str, year: int | None) -> list[DeclarationOut]:
        """The worker's declarations inside the jurisdiction; a worker outside it is 404, not an empty list."""
        scope = self.principal.region_filter(TaxDeclaration.region_code)
        rows = await self.repo.of_worker(worker_id, year, scope)
        if not rows:
            await visible_worker(request, self.principal, worker_id)
        return [out(r) for r in rows]

    async def enter(self, request: Request, worker_id: str, body: DeclarationIn) -> DeclarationOut:
        who = await visible_worker(request, self.principal, worker_id)
        self._ensure_writer()
        return out(await self._create(who, body, "officer"))

    async def _visible_row(self, declaration_id: int) -> TaxDeclaration:
        row = await self.repo.get(declaration_id, lock=True)
        if row is None or not self.principal.covers(row.region_code):
            raise not_found("扣除声明", "declaration")
        return row

    async def update(self, declaration_id: int, body: DeclarationIn) -> DeclarationOut:
        row = await self._visible_row(declaration_id)
        self._ensure_writer()
        return out(await self._update(row, body))

    async def delete(self, declaration_id: int) -> None:
        row = await self._visible_row(declaration_id)
        self._ensure_writer()
        await self._delete(row)

    def template(self, year: int) -> bytes:
        """The import template of a tax year (tax.sheet): its kinds and cases from that year's tax rules."""
        self._ensure_writer()
        return sheet.template(rules_for_year(year), year)

    async def import_sheet(self, request: Request, content: bytes) -> ImportOut:
        """Rows of the import template (tax.sheet.COLUMNS): kinds and cases by their Chinese labels or codes.
        All or nothing: any row in error creates none, and every error names its row and its column."""
        self._ensure_writer()
        results: list[ImportRowOut] = []
        identities: dict[str, WorkerIdentity] = {}
        for number, cell in sheet_rows(content, sheet.IMPORT_COLUMNS):
            worker_id = str(cell["工号"] or "").strip()
            body = _row_declaration(cell)
            if isinstance(body, list):
                results.append(ImportRowOut(row=number, worker_id=worker_id, status="error", errors=body))
                continue
            try:
                if worker_id not in identities:
                    identities[worker_id] = await worker_identity(request, worker_id)
                who = identities[worker_id]
                self.principal.ensure_visible(who.community_code, what_zh="社区工作者", what_en="worker")
                row = await self._create(who, body, "import")
            except Problem as problem:
                errors = [_in_column(e) for e in problem.errors] or [
                    FieldError("工号", problem.code, problem.message_zh, problem.message_en)]
                results.append(ImportRowOut(row=number, worker_id=worker_id, status="error", errors=errors))
                continue
            results.append(ImportRowOut(row=number, worker_id=worker_id, status="created", id=row.id))
        failed = [r for r in results if r.status == "error"]
        if failed:
            first, error = failed[0], failed[0].errors[0]
            raise Problem(422, "import_failed",
                          f"{len(failed)} 行有错误，未导入任何声明（第 {first.row} 行“{error['field']}”：{error['message_zh']}）",
                          f"{len(failed)} rows have errors; nothing was imported (row {first.row}, "
                          f"{error['field']}: {error['message_en']})",
                          rows=[r.model_dump() for r in failed])
        return ImportOut(created=len(results), errors=0, rows=results)


def _in_column(error: dict[str, Any]) -> FieldError:
    """An error of a declaration field (`amount`) as the sheet's column (每月金额), the rest of it kept."""
    return FieldError(**{**error, "field": sheet.column_of(str(error.get("field", "")))})


def _row_declaration(cell: dict[str, Any]) -> DeclarationIn | list[FieldError]:
    """The row as a declaration with the codes of its year's tax rules, or its errors by column."""
    def text(value: Any) -> str | None:
        if value is None or str(value).strip() == "":
            return None
        return str(value).strip()

    def month(value: Any) -> str | None:
        return value.strftime("%Y-%m") if hasattr(value, "strftime") else text(value)

    def whole(value: Any) -> Any:
        # A whole number (Excel stores 2 as 2.0, a text cell "2"); 1.5 or "两" go to validation and are refused.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdecimal():
            return int(value.strip())
        return value.strip() if isinstance(value, str) else value

    def amount(value: Any) -> Any:
        # Through str: Excel's float 1333.33 is the amount typed, not its binary expansion.
        return Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else text(value)

    values = {"kind": text(cell["扣除项目"]), "variant": text(cell["情形"]) or "standard",
              "units": whole(cell["人数"]) if text(cell["人数"]) else None, "amount": amount(cell["每月金额"]),
              "start_month": month(cell["起始月份"]), "end_month": month(cell["截止月份"]), "basis": text(cell["依据"])}
    try:
        # A blank required cell is left out, so it reads 必填 (missing), not a wrong type.
        body = DeclarationIn.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        errors = [_in_column(e) for e in validation_problem(RequestValidationError(exc.errors())).errors]
        for error in errors:
            if error["field"] in ("起始月份", "截止月份") and error["code"] == "string_pattern_mismatch":
                error["message_zh"], error["message_en"] = "应为年月 YYYY-MM，如 2025-03", "must be YYYY-MM, e.g. 2025-03"
        return errors
    try:
        rules = rules_for_year(int(body.start_month[:4]))
    except Problem:
        return body  # check() names 起始月份: no rules for that year
    kind = sheet.kind_code(rules, body.kind)
    if isinstance(kind, FieldError):
        return [kind]
    variant = sheet.variant_code(rules.deductions[kind], text(cell["情形"]))
    if isinstance(variant, FieldError):
        return [variant]
    return body.model_copy(update={"kind": kind, "variant": variant})


class BonusElectionService:
    """How a worker's year-end one-off bonus is taxed in a tax year (全年一次性奖金计税方式)."""

    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal
        self.repo = BonusElectionRepository(session)

    async def _out(self, worker_id: str, year: int, row: YearEndBonusElection | None,
                   applied: bool | None = None) -> BonusElectionOut:
        """`applied`: whether an approved payslip of the year taxed a bonus separately, when already known."""
        rule = separate_bonus_for(year)
        if applied is None:
            applied = await self.repo.applied(worker_id, year)
        return BonusElectionOut(worker_id=worker_id, tax_year=year, method=row.method if row else "combined",
                                recorded=row is not None, separate_available=rule is not None, rule=rule,
                                applied=applied,
                                updated_by=row.updated_by if row else None, updated_at=row.updated_at if row else None)

    async def mine(self, year: int) -> BonusElectionOut:
        me = worker_self(self.principal)
        return await self._out(me.worker_id, year, await self.repo.get(me.worker_id, year))

    async def elect_mine(self, year: int, body: BonusElectionIn) -> BonusElectionOut:
        return await self._elect(worker_self(self.principal), year, body, "self")

    async def of_worker(self, request: Request, worker_id: str, year: int) -> BonusElectionOut:
        who = await visible_worker(request, self.principal, worker_id)
        return await self._out(who.worker_id, year, await self.repo.get(who.worker_id, year))

    async def elect(self, request: Request, worker_id: str, year: int, body: BonusElectionIn) -> BonusElectionOut:
        who = await visible_worker(request, self.principal, worker_id)
        ensure_writer(self.principal)
        return await self._elect(who, year, body, "officer")

    async def _elect(self, who: WorkerIdentity, year: int, body: BonusElectionIn, source: str) -> BonusElectionOut:
        if body.method == "separate" and separate_bonus_for(year) is None:
            # Named from the document in force, so a later document (a new extension) changes the message too.
            lapsed = _lapsed_bonus_section(year)
            why_zh = f"（该办法执行至{lapsed.last_year}年12月31日）" if lapsed else ""
            why_en = f" (the method ran through {lapsed.last_year})" if lapsed else ""
            raise field_problem("method", "separate_not_available",
                                f"{year} 年的个人所得税规则不允许全年一次性奖金单独计税{why_zh}，只能并入综合所得",
                                f"the income-tax rules of {year} do not allow the year-end one-off bonus to be taxed "
                                f"separately{why_en}: only combined")
        row = await self.repo.get(who.worker_id, year, lock=True)
        current = row.method if row else "combined"
        applied = await self.repo.applied(who.worker_id, year)
        if row is not None and row.method == body.method:
            return await self._out(who.worker_id, year, row, applied)  # nothing changes, nothing written
        if body.method != current and applied:
            raise Problem(409, "bonus_method_applied",
                          f"method: {year} 年已有已审核或已发放的工资条对全年一次性奖金单独计税，本年度计税方式不能再更改",
                          f"method: a payslip of an approved or paid run in {year} already taxed a year-end bonus "
                          "separately: the method for the year can no longer change",
                          errors=[FieldError("method", "already_applied",
                                             "本年度已按单独计税扣缴全年一次性奖金个人所得税，不能更改",
                                             "the year-end bonus was already taxed separately this year: no change")])
        if row is None:
            row = YearEndBonusElection(worker_id=who.worker_id, worker_name=who.name[:64],
                                       region_code=who.community_code, tax_year=year, method=body.method,
                                       source=source, updated_by=self.principal.subject)
            row = await audit.saved(self.session, audit_log, self.principal, row, action="create",
                                    region_code=row.region_code)
        else:
            before = audit.snapshot(row)
            row.method, row.source, row.updated_by, row.updated_at = (body.method, source, self.principal.subject,
                                                                      func.now())
            row.region_code = who.community_code
            if who.name:
                row.worker_name = who.name[:64]
            row = await audit.saved(self.session, audit_log, self.principal, row, action="update",
                                    region_code=row.region_code, before=before)
        return await self._out(who.worker_id, year, row, applied)


def _lapsed_bonus_section(year: int) -> YearEndBonusRules | None:
    """The separate-bonus section of the year's document when the year is past its last year (else None)."""
    try:
        return rules_for_year(year).year_end_bonus
    except Problem:
        return None
