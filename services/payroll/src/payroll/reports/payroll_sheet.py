"""The 工资表 of a run as a township finance office prints and signs it (.xlsx).

One sheet per township and a 汇总 sheet in front (one row per township, the overall total). A township
sheet has a row per worker: name, ID number and bank account (masked as the viewer sees them on the worker
record, cwm_kit.privacy), community and post in words, grade level, one column per kind of earning and
deduction present in the run (arrears of any month are one column; one-off items one column per kind), the
totals, an empty 签字 column to sign in, and the township's totals row. Amounts are numbers to the fen
(format 0.00); the header row is frozen and printed on every page.

ID numbers and accounts are read from the registry's facts when the sheet is made (never stored in payroll);
names of townships and communities from the registry's regions (codes if it cannot answer).
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fastapi import Request
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.privacy import mask_bank_account, mask_national_id, sees_full_identity
from cwm_kit.problems import Problem
from cwm_kit.security import Principal
from cwm_kit.types import money

from payroll.calendar import parse_month
from payroll.exports.identities import Identity, identities
from payroll.upstream import registry_client
from payroll.oneoff.kinds import KINDS
from payroll.runs.models import PayrollRun

CHUNK = 64 * 1024
ZERO = Decimal("0.00")
MONEY_FORMAT = "0.00"
ARREARS_LABEL = "补发/补扣（往月）"
SHORT_LABELS = {"income_tax": "个人所得税"}  # a column header, the payslip keeps the full wording
KIND_ZH = {"monthly": "", "year_end": "年终", "retiree": "离退休荣誉补贴", "one-off": "一次性项目"}
# A line's column: one per component or deduction code; every arrears month one column; one-off items one
# column per kind (an item's own wording stays on the payslip).
COLUMN_SQL = r"""CASE WHEN l.code LIKE 'one\_off\_%' THEN 'one_off:' || coalesce(l.inputs ->> 'kind', 'other')
                      WHEN l.code LIKE 'arrears\_%' THEN 'arrears' ELSE l.code END"""
LEFT = ("序号", "姓名", "身份证号", "社区", "岗位", "等级", "开户银行", "银行账号")
WIDTHS = {"序号": 6, "姓名": 10, "身份证号": 21, "社区": 16, "岗位": 16, "等级": 6, "开户银行": 22, "银行账号": 23,
          "签字": 12, "人员编号": 38}
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass
class Column:
    key: str
    label: str
    kind: str  # earning | deduction


@dataclass
class Totals:
    workers: int = 0
    amounts: list[Decimal] = field(default_factory=list)

    def add(self, values: list[Decimal]) -> None:
        self.workers += 1
        self.amounts = [money(a + b) for a, b in zip(self.amounts, values)] if self.amounts else list(values)


def column_label(key: str, label: str) -> str:
    if key == "arrears":
        return ARREARS_LABEL
    if key.startswith("one_off:"):
        kind = KINDS.get(key.split(":", 1)[1])
        return kind.label_zh if kind else "其他一次性项目"
    return SHORT_LABELS.get(key, label)


async def region_names(request: Request, prefix: str) -> dict[str, str]:
    """Names of the townships and communities under `prefix` (codes stay where the registry cannot answer)."""
    names: dict[str, str] = {}
    client = registry_client(request)
    for level in ("township", "community"):
        try:
            rows = await client.get_json("/v1/regions", params={"prefix": prefix, "level": level}, as_service=True)
        except (Problem, ValueError, KeyError):
            return names
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and row.get("code") and row.get("name"):
                names[str(row["code"])] = str(row["name"])
    return names


def _cell(sheet: WriteOnlyWorksheet, value: Any, *, bold: bool = False, number: bool = False,
          fill: PatternFill | None = None, border: bool = True, size: int | None = None,
          center: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if bold or size:
        cell.font = Font(bold=bold, size=size or 11)
    if number:
        cell.number_format = MONEY_FORMAT
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    if center:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _layout(sheet: WriteOnlyWorksheet, header: list[str], *, freeze: str = "C3") -> None:
    """Column widths, frozen header, landscape one page wide, header row repeated on every printed page."""
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, max(11, len(name) * 2 + 2))
    sheet.freeze_panes = freeze
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"


def _sheet_title(name: str, code: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    title = "".join(ch for ch in (name or code) if ch not in "[]:*?/\\")[:31] or code
    if title in used:
        title = code[:31]
    used.add(title)
    return title


async def _columns(session: AsyncSession, scope: str, params: dict[str, Any]) -> list[Column]:
    """The run's kinds of earning and deduction present in `scope`, earnings first, in payslip order."""
    return [Column(r.key, column_label(r.key, r.label_zh), r.kind) for r in (await session.execute(text(f"""
        SELECT {COLUMN_SQL} AS key, min(l.label_zh) AS label_zh, min(l.kind) AS kind
        FROM payslip_line l JOIN payslip p ON p.run_id = l.run_id AND p.worker_id = l.worker_id
        WHERE l.run_id = :run_id AND {scope} AND l.kind IN ('earning', 'deduction')
        GROUP BY 1 ORDER BY min(l.kind) DESC, min(l.position), 1"""), params)).all()]


class _TownshipSheets:
    """One sheet per township: a title, the header, a row per worker, the totals row and the signature line."""

    def __init__(self, workbook: Workbook, run: PayrollRun, principal: Principal, names: dict[str, str],
                 people: dict[str, Identity], earnings: list[Column], deductions: list[Column],
                 header: list[str]) -> None:
        self.workbook, self.run, self.principal, self.names, self.people = workbook, run, principal, names, people
        self.earnings, self.deductions, self.header = earnings, deductions, header
        self.kind = KIND_ZH.get(run.kind, "")
        self.used_titles: set[str] = set()
        self.township_totals: list[tuple[str, Totals]] = []
        self.sheet: WriteOnlyWorksheet | None = None
        self.totals = Totals()
        self.current: str | None = None

    def open(self, township_code: str) -> None:
        self.close()
        self.current = township_code
        township_name = self.names.get(township_code, "")
        sheet = self.sheet = self.workbook.create_sheet(title=_sheet_title(township_name, township_code,
                                                                           self.used_titles))
        _layout(sheet, self.header)
        sheet.append([_cell(sheet, f"{township_name or township_code} {self.run.month} 社区工作者{self.kind}工资表",
                            bold=True, size=14, border=False)])
        sheet.append([_cell(sheet, h, bold=True, fill=HEADER_FILL, center=True) for h in self.header])
        self.totals = Totals()

    def add(self, row: Any) -> None:
        if row.township_code != self.current:
            self.open(row.township_code)
        sheet, totals = self.sheet, self.totals
        assert sheet is not None
        amounts = row.amounts or {}
        earned = [money(Decimal(str(amounts.get(c.key, 0)))) for c in self.earnings]
        deducted = [money(Decimal(str(amounts.get(c.key, 0)))) for c in self.deductions]
        deducted_total = money(sum(deducted, ZERO))
        values = [*earned, money(row.gross), *deducted, deducted_total, money(row.net)]
        totals.add(values)
        who = self.people.get(row.worker_id, _NOBODY)
        full = sees_full_identity(self.principal, row.community_code, None)
        national_id = who.national_id if full else mask_national_id(who.national_id)
        account = who.bank_account if full else mask_bank_account(who.bank_account)
        bank = " ".join(x for x in (who.bank_name, who.bank_branch) if x)
        left = [totals.workers, who.name or row.worker_name, national_id or "",
                self.names.get(row.community_code, row.community_code), row.post_label or row.post or "",
                f"{row.grade_level}级" if row.grade_level else "", bank, account or ""]
        sheet.append([_cell(sheet, v) for v in left] + [_cell(sheet, v, number=True) for v in values]
                     + [_cell(sheet, ""), _cell(sheet, row.worker_id)])

    def close(self) -> None:
        sheet, totals = self.sheet, self.totals
        if sheet is None or self.current is None:
            return
        sheet.append([_cell(sheet, "合计", bold=True, fill=TOTAL_FILL), _cell(sheet, f"{totals.workers} 人", bold=True,
                                                                             fill=TOTAL_FILL)]
                     + [_cell(sheet, "", fill=TOTAL_FILL) for _ in LEFT[2:]]
                     + [_cell(sheet, v, bold=True, number=True, fill=TOTAL_FILL) for v in totals.amounts]
                     + [_cell(sheet, "", fill=TOTAL_FILL), _cell(sheet, "", fill=TOTAL_FILL)])
        sheet.append([])
        sheet.append(["制表人：", "", "", "审核人：", "", "财务负责人：", "", "", "单位负责人："])
        self.township_totals.append((self.current, totals))


def _summary(workbook: Workbook, run: PayrollRun, names: dict[str, str], money_header: list[str],
             township_totals: list[tuple[str, Totals]]) -> None:
    """The 汇总 sheet in front: one row per township and the overall total."""
    kind = KIND_ZH.get(run.kind, "")
    summary = workbook.create_sheet(title="汇总", index=0)
    summary_header = ["序号", "街道（乡镇）", "人数", *money_header]
    _layout(summary, summary_header, freeze="C3")
    summary.column_dimensions["B"].width = 24
    summary.append([_cell(summary, f"{run.month} 社区工作者{kind}工资汇总表（{names.get(run.region_code, run.region_code)}）",
                          bold=True, size=14, border=False)])
    summary.append([_cell(summary, h, bold=True, fill=HEADER_FILL, center=True) for h in summary_header])
    overall = Totals()
    for index, (code, township) in enumerate(township_totals, start=1):
        summary.append([_cell(summary, index), _cell(summary, names.get(code, code)), _cell(summary, township.workers)]
                       + [_cell(summary, v, number=True) for v in township.amounts])
        overall.amounts = [money(a + b) for a, b in zip(overall.amounts, township.amounts)] if overall.amounts \
            else list(township.amounts)
        overall.workers += township.workers
    if township_totals:
        summary.append([_cell(summary, "总计", bold=True, fill=TOTAL_FILL), _cell(summary, "", fill=TOTAL_FILL),
                        _cell(summary, overall.workers, bold=True, fill=TOTAL_FILL)]
                       + [_cell(summary, v, bold=True, number=True, fill=TOTAL_FILL) for v in overall.amounts])
    else:
        summary.append([f"{run.month} 无工资条 / no payslips"])


def _spooled(workbook: Workbook) -> AsyncIterator[bytes]:
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (closed by the stream)
    workbook.save(spool)
    spool.seek(0)

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while data := spool.read(CHUNK):
                yield data
        finally:
            spool.close()

    return chunks()


async def payroll_sheet(session: AsyncSession, principal: Principal, request: Request, run: PayrollRun,
                        scope: str, params: dict[str, Any]) -> AsyncIterator[bytes]:
    """The workbook for `run` restricted by the SQL `scope` on `p.community_code` (jurisdiction and prefix)."""
    columns = await _columns(session, scope, params)
    earnings = [c for c in columns if c.kind == "earning"]
    deductions = [c for c in columns if c.kind == "deduction"]
    money_header = ([c.label for c in earnings] + ["应发合计"] + [c.label for c in deductions]
                    + ["扣款合计", "实发合计"])
    header = [*LEFT, *money_header, "签字", "人员编号"]

    first, last = parse_month(run.month)
    people = await identities(request, run.region_code, first, last)
    names = await region_names(request, run.region_code)
    rows = await session.stream(text(f"""
        SELECT p.township_code, p.community_code, p.worker_id, p.worker_name, p.post, p.post_label, p.grade_level,
               p.gross, p.net, a.amounts
        FROM payslip p LEFT JOIN LATERAL (
            SELECT jsonb_object_agg(s.key, s.amount) AS amounts FROM (
                SELECT {COLUMN_SQL} AS key, sum(l.amount) AS amount FROM payslip_line l
                WHERE l.run_id = p.run_id AND l.worker_id = p.worker_id AND l.kind IN ('earning', 'deduction')
                GROUP BY 1) s) a ON true
        WHERE p.run_id = :run_id AND {scope}
        ORDER BY p.township_code, p.community_code, p.worker_name, p.worker_id"""), params)

    workbook = Workbook(write_only=True)
    sheets = _TownshipSheets(workbook, run, principal, names, people, earnings, deductions, header)
    async for row in rows:
        sheets.add(row)
    sheets.close()
    _summary(workbook, run, names, money_header, sheets.township_totals)
    return _spooled(workbook)


_NOBODY = Identity("", "", "", "", "")
