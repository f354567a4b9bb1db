"""What leaves the finance office: the bank's payroll file (代发文件) of an approved run, the monthly
withholding declaration for the national withholding client (自然人电子税务局 扣缴端, 正常工资薪金所得) and
each worker's annual summary for the annual reconciliation (汇算清缴).

Only finance officers inside the run's jurisdiction export files carrying full ID numbers and accounts; every
export is audited with the file's SHA-256, and marking a run paid checks the checksum of the file sent."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import uuid
from decimal import Decimal
from typing import Any

from fastapi import Request
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal, Role
from cwm_kit.types import money

from payroll.calculation.engine import BONUS_TAX_CODE
from payroll.calendar import parse_month
from payroll.exports.identities import Identity, identities
from payroll.exports.schemas import TaxSummaryBonus, TaxSummaryMonth, TaxSummaryOut
from payroll.inputs.lookup import visible_worker
from payroll.models import audit_log
from payroll.runs.models import PayrollRun

EXPORTERS = (Role.FINANCE_OFFICER,)
ZERO = Decimal("0.00")
# 自然人电子税务局（扣缴端）综合所得申报 › 正常工资薪金所得 导入模板, column by column. The client computes the
# cumulative income and tax itself from the months it holds; the 累计 deduction columns are the year to date.
WITHHOLDING_COLUMNS = (
    "工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费", "基本医疗保险费",
    "失业保险费", "住房公积金", "累计子女教育", "累计继续教育", "累计住房贷款利息", "累计住房租金", "累计赡养老人",
    "累计3岁以下婴幼儿照护", "累计个人养老金", "企业(职业)年金", "商业健康保险", "税延养老保险", "其他",
    "准予扣除的捐赠额", "减免税额", "备注",
)
CUMULATIVE_COLUMNS = {"children_education": "累计子女教育", "continuing_education": "累计继续教育",
                      "housing_loan_interest": "累计住房贷款利息", "housing_rent": "累计住房租金",
                      "elderly_support": "累计赡养老人", "infant_care": "累计3岁以下婴幼儿照护",
                      "private_pension": "累计个人养老金"}
OTHER_COLUMNS = {"tax_favoured_health_insurance": "商业健康保险"}
SI_COLUMNS = {"si_pension": "基本养老保险费", "si_medical": "基本医疗保险费", "si_unemployment": "失业保险费",
              "housing_fund": "住房公积金"}


def _xlsx(rows: list[list[Any]], title: str, bold_rows: tuple[int, ...] = (0,)) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for index in bold_rows:
        for cell in sheet[index + 1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel and bank clients read it as UTF-8


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class ExportService:
    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal

    async def _run(self, run_id: uuid.UUID, *, lock: bool = False) -> PayrollRun:
        run = await self.session.get(PayrollRun, run_id, with_for_update=lock)
        if run is None or not self.principal.covers(run.region_code):
            raise not_found("工资发放批次", "payroll run")
        return run

    def _ensure_exporter(self) -> None:
        self.principal.ensure_role(EXPORTERS)

    async def _payslips(self, run_id: uuid.UUID) -> list[Any]:
        return list((await self.session.execute(text(
            """SELECT worker_id, worker_name, community_code, township_code, gross, net, tax, month
               FROM payslip WHERE run_id = :run ORDER BY township_code, community_code, worker_id"""),
            {"run": run_id})).all())

    # ------------------------------------------------------------------ 代发文件

    async def bank_file(self, request: Request, run_id: uuid.UUID, fmt: str) -> tuple[PayrollRun, bytes, str]:
        """name, account, amount per worker and a totals row equal to the run's net total."""
        run = await self._run(run_id, lock=True)
        self._ensure_exporter()
        if run.state not in ("approved", "paid"):
            raise Problem(409, "run_not_approved", "只有已审批的批次可以生成代发文件",
                          "only an approved run has a bank file")
        first, last = parse_month(run.month)
        people = await identities(request, run.region_code, first, last)
        slips = await self._payslips(run.id)
        missing = [s.worker_id for s in slips if s.net > 0 and not people.get(s.worker_id, _NONE).bank_account]
        if missing:
            raise Problem(409, "bank_account_missing", f"{len(missing)} 人没有登记银行账户，请先在人员信息中补全",
                          f"{len(missing)} workers have no bank account in the registry", worker_ids=missing[:50])
        rows: list[list[Any]] = [["序号", "姓名", "账号", "金额", "开户行", "备注"]]
        total = ZERO
        for index, slip in enumerate((s for s in slips if s.net > 0), start=1):
            who = people[slip.worker_id]
            rows.append([index, who.name or slip.worker_name, who.bank_account, f"{money(slip.net)}",
                         " ".join(x for x in (who.bank_name, who.bank_branch) if x), f"{run.month} 工资"])
            total = money(total + slip.net)
        # A negative net is owed back, not paid: the file pays the run's net total plus those shortfalls.
        shortfall = money(-sum((s.net for s in slips if s.net < 0), ZERO))
        if total != money(run.net_total + shortfall):
            raise Problem(409, "run_totals_inconsistent", "代发文件合计与批次实发合计不符，请重新计算该批次",
                          "the payslips do not add up to the run's net total: recalculate the run")
        rows.append(["合计", f"{len(rows) - 1} 人", "", f"{total}", "", ""])
        content = _xlsx(rows, "代发") if fmt == "xlsx" else _csv(rows)
        checksum = sha256(content)
        before = {"bank_file_sha256": run.bank_file_sha256}
        run.bank_file_sha256, run.bank_file_by, run.bank_file_at = checksum, self.principal.subject, dt.datetime.now(dt.UTC)
        await self.session.flush()
        await audit.record(self.session, audit_log, self.principal, action="bank_file", entity="payroll_run",
                           entity_id=run.id, region_code=run.region_code, before=before,
                           after={"bank_file_sha256": checksum, "format": fmt, "rows": len(rows) - 2,
                                  "total": str(total), "owed_back": str(shortfall)})
        return run, content, checksum

    # ------------------------------------------------------------------ 扣缴申报 (正常工资薪金所得)

    async def withholding(self, request: Request, month: str, region: str | None) -> tuple[str, bytes]:
        """One row per worker paid in `month` (approved or paid runs) inside the prefix, columns as the
        withholding client imports them. A year-end bonus taxed separately (全年一次性奖金单独计税) is not
        正常工资薪金所得: it is left out of 本期收入 and named in 备注 (it is declared as 全年一次性奖金收入)."""
        prefix = self.principal.scope_prefix(region)  # first: a region outside is 404 whatever the role
        self._ensure_exporter()
        slips = (await self.session.execute(text(
            """SELECT p.worker_id, p.worker_name, p.gross, l.code, l.amount, l.kind, l.inputs
               FROM payslip p JOIN payroll_run r ON r.id = p.run_id
               JOIN payslip_line l ON l.run_id = p.run_id AND l.worker_id = p.worker_id
               WHERE p.month = :month AND r.state IN ('approved', 'paid') AND starts_with(p.community_code, :prefix)
                 AND (l.code IN ('si_pension', 'si_medical', 'si_unemployment', 'housing_fund', 'income_tax',
                                 :bonus_code)
                      OR (l.kind = 'earning'))
               ORDER BY p.worker_id, r.calculated_at, r.kind, l.position"""),
            {"month": month, "prefix": prefix, "bonus_code": BONUS_TAX_CODE})).all()
        if not slips:
            raise not_found("该月已审批的工资", "approved payslips of that month")
        first, last = parse_month(month)
        people = await identities(request, prefix, first, last)
        per_worker: dict[str, dict[str, Any]] = {}
        for s in slips:
            row = per_worker.setdefault(s.worker_id, {"name": s.worker_name, "income": ZERO, "exempt": ZERO,
                                                      "columns": {}, "tax": {}, "note": ""})
            if s.kind == "earning":
                row["income"] = money(row["income"] + s.amount)
                if s.code.startswith("one_off_") and (s.inputs or {}).get("taxable") is False:
                    row["exempt"] = money(row["exempt"] + s.amount)
            elif s.code == BONUS_TAX_CODE:
                bonus = money(Decimal((s.inputs or {})["bonus"]))
                row["income"] = money(row["income"] - bonus)
                row["note"] = (f"全年一次性奖金 {bonus} 元单独计税（税额 {money(s.amount)} 元），另按全年一次性奖金收入申报，"
                               "不含在本期收入")
            elif s.code in SI_COLUMNS:
                column = SI_COLUMNS[s.code]
                row["columns"][column] = money(row["columns"].get(column, ZERO) + s.amount)
            if s.code == "income_tax":
                # The payslip of the month calculated last counted the others (runs.calculator.year_to_date,
                # whatever their order): its cumulative figures are the month's.
                row["tax"] = s.inputs or {}
        rows: list[list[Any]] = [list(WITHHOLDING_COLUMNS)]
        for worker_id, row in per_worker.items():
            who = people.get(worker_id)
            values: dict[str, Any] = {"工号": worker_id, "*姓名": who.name if who else row["name"],
                                      "*证件类型": "居民身份证", "*证件号码": who.national_id if who else "",
                                      "本期收入": row["income"], "本期免税收入": row["exempt"], **row["columns"]}
            if row["note"]:
                values["备注"] = row["note"]
            additional = row["tax"].get("cumulative_additional_deductions", {})
            other = row["tax"].get("cumulative_other_deductions", {})
            for kind, column in CUMULATIVE_COLUMNS.items():
                values[column] = money(additional.get(kind) or other.get(kind) or 0)
            for kind, column in OTHER_COLUMNS.items():
                values[column] = money(other.get(kind) or 0)
            rows.append([values.get(c, "") for c in WITHHOLDING_COLUMNS])
        content = _xlsx(rows, "正常工资薪金所得")
        await audit.record(self.session, audit_log, self.principal, action="withholding_export", entity="payslip",
                           entity_id=month, region_code=prefix,
                           after={"month": month, "rows": len(rows) - 1, "sha256": sha256(content)})
        return prefix, content

    # ------------------------------------------------------------------ annual summary (汇算清缴)

    async def annual_summary(self, request: Request, worker_id: str, year: int) -> TaxSummaryOut:
        """A worker's year from the last payslip's cumulative figures and the month-by-month amounts; a year-end
        bonus taxed separately and its tax apart from them (exports.schemas). No approved payslip yet this year is
        a normal state, an empty summary (zeros, no months) — for a worker the caller may see: an officer's worker
        is asked of the registry with the officer's token, so one outside the jurisdiction or unknown stays 404."""
        if self.principal.is_worker and self.principal.worker_id != worker_id:
            raise not_found("社区工作者", "worker")
        scope = self.principal.record_filter_sql("p.community_code", "p.worker_id")
        rows = (await self.session.execute(text(f"""
            SELECT p.month, r.kind, p.gross, p.social_insurance, p.housing_fund, p.tax, p.net, l.inputs,
                   b.amount AS bonus_tax, b.inputs ->> 'bonus' AS bonus
            FROM payslip p JOIN payroll_run r ON r.id = p.run_id
            LEFT JOIN payslip_line l ON l.run_id = p.run_id AND l.worker_id = p.worker_id AND l.code = 'income_tax'
            LEFT JOIN payslip_line b ON b.run_id = p.run_id AND b.worker_id = p.worker_id AND b.code = :bonus_code
            WHERE p.worker_id = :worker AND r.state IN ('approved', 'paid') AND left(p.month, 4) = :year AND {scope}
            ORDER BY p.month, r.calculated_at, r.kind"""),
            {"worker": worker_id, "year": str(year), "bonus_code": BONUS_TAX_CODE})).all()
        if not rows:
            if not self.principal.is_worker:
                await visible_worker(request, self.principal, worker_id)
            return _empty_summary(worker_id, year)
        last = rows[-1].inputs or {}  # calculated last in the last month: it counted every other payslip
        # A year-end bonus taxed separately (全年一次性奖金单独计税) is outside the cumulative figures, so its tax is
        # kept out of tax_withheld too (tax_due and tax_withheld are both the comprehensive income's).
        bonuses = [TaxSummaryBonus(month=r.month, bonus=money(Decimal(r.bonus)), tax=money(r.bonus_tax))
                   for r in rows if r.bonus_tax is not None]
        withheld_total = money(sum((r.tax for r in rows), ZERO))
        bonus_tax = money(sum((b.tax for b in bonuses), ZERO))
        months = [TaxSummaryMonth(month=r.month, kind=r.kind, gross=money(r.gross),
                                  social_insurance_housing_fund=money(r.social_insurance + r.housing_fund),
                                  tax=money(r.tax), net=money(r.net)) for r in rows]
        return TaxSummaryOut(
            worker_id=worker_id, year=year, months=months,
            income=last.get("cumulative_income", ZERO),
            basic_deduction=last.get("cumulative_basic_deduction", ZERO),
            social_insurance_housing_fund=last.get("cumulative_social_insurance_housing_fund", ZERO),
            additional_deductions=last.get("cumulative_additional_deductions", {}),
            other_deductions=last.get("cumulative_other_deductions", {}),
            taxable_income=last.get("cumulative_taxable_income", ZERO),
            tax_due=last.get("cumulative_tax_due", ZERO),
            tax_withheld=money(withheld_total - bonus_tax),
            year_end_bonus=money(sum((b.bonus for b in bonuses), ZERO)), year_end_bonus_tax=bonus_tax,
            tax_withheld_total=withheld_total,
            net=money(sum((r.net for r in rows), ZERO)),
            year_end_bonus_separate=bonuses,
            note_zh=SUMMARY_NOTE,
        )


SUMMARY_NOTE = ("预扣预缴数据，供次年3月1日至6月30日办理综合所得年度汇算时核对（大病医疗等只在汇算时扣除）；"
                "单独计税的全年一次性奖金及其税额另列，不含在累计收入、累计应纳税额和已预扣税额中")


def _empty_summary(worker_id: str, year: int) -> TaxSummaryOut:
    return TaxSummaryOut(
        worker_id=worker_id, year=year, months=[], income=ZERO, basic_deduction=ZERO,
        social_insurance_housing_fund=ZERO, additional_deductions={}, other_deductions={}, taxable_income=ZERO,
        tax_due=ZERO, tax_withheld=ZERO, year_end_bonus=ZERO, year_end_bonus_tax=ZERO, tax_withheld_total=ZERO,
        net=ZERO, year_end_bonus_separate=[],
        note_zh=f"{year} 年度尚无已审批或已发放的工资记录，各项均为 0。{SUMMARY_NOTE}")


_NONE = Identity("", "", "", "", "")
