"""Results from before the system (issue 10): a province adopting it brings years of past results per
worker, which decide today's grades. An officer enters them one by one or imports a sheet (row report,
then confirm); each is final at once — no public notice runs today for a result decided years ago — with
its source document, audited, marked historical, and published in the results feed like any final result,
so payroll's grades read it. A correction publishes a new revision (payroll pays the difference as arrears).
"""

from __future__ import annotations

import io
import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.http import ServiceClient
from cwm_kit.problems import Problem, field_problem, not_found
from cwm_kit.security import Principal, Role
from cwm_kit.sheets import filled_rows, first_sheet, require_columns

from assessment import upstream
from assessment.assessments.models import Assessment
from assessment.assessments.repository import AssessmentRepository
from assessment.models import audit_log
from assessment.vocabulary import RESULT_ZH, Result, Status

from .models import HistoricalImport
from .schemas import HistoricalCorrectionIn, HistoricalIn, HistoricalOut, ImportReport, ImportRow

ENTERERS = (Role.TOWNSHIP_OFFICER, Role.COUNTY_OFFICER)
# The sheet's columns (Chinese header, key). A worker is named by the registry's worker ID or the national ID.
COLUMNS = (("人员ID", "worker_id"), ("身份证号", "national_id"), ("姓名", "name"), ("年度", "year"),
           ("考核结果", "result"), ("依据文件", "source_document"))
RESULT_WORDS = {**{zh: code.value for code, zh in RESULT_ZH.items()}, **{r.value: r.value for r in Result}}
FIRST_FACTS_DAY = "1978-01-01"
# The registry's statuses of a worker in post (registry workers/service.py EMPLOYED_STATUSES).
EMPLOYED_STATUSES = frozenset({"probation", "active", "seconded"})


def _error(field: str, code: str, zh: str, en: str) -> dict[str, str]:
    return {"field": field, "code": code, "message_zh": zh, "message_en": en}


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def employment_spans(fact: dict[str, Any]) -> list[tuple[date, date | None]]:
    """Every span the registry's facts show the worker employed (inclusive; end None = still open): the status
    history's in-post periods, the recorded service periods (a rehire keeps the earlier contract's), and the
    current contract (hired_on to exit_date)."""
    spans: list[tuple[date, date | None]] = []
    for period in fact.get("status_history") or []:
        if isinstance(period, dict) and period.get("status") in EMPLOYED_STATUSES and _day(period.get("from")):
            spans.append((_day(period["from"]), _day(period.get("to"))))  # type: ignore[arg-type]
    for period in fact.get("service_periods") or []:
        if isinstance(period, dict) and _day(period.get("start")):
            spans.append((_day(period["start"]), _day(period.get("end"))))  # type: ignore[arg-type]
    hired, left = _day(fact.get("hired_on")), _day(fact.get("exit_date"))
    if hired is not None:
        spans.append((hired, left if left is not None and left >= hired else None))
    return spans


def employed_in(fact: dict[str, Any], year: int) -> bool:
    """The worker was employed at some time in `year`, per the registry's facts. Facts with no dates at all
    cannot say, and do not refuse."""
    spans = employment_spans(fact)
    if not spans:
        return True
    first, last = date(year, 1, 1), date(year, 12, 31)
    return any(start <= last and (end is None or end >= first) for start, end in spans)


def out(a: Assessment) -> HistoricalOut:
    return HistoricalOut(id=a.id, worker_id=a.worker_id, worker_name=a.worker_name, community_code=a.community_code,
                         year=a.year, kind=a.kind, result=Result(a.result), source_document=a.source_document or "",
                         revision=a.revision, finalized_by=a.finalized_by, finalized_at=a.finalized_at)


class HistoricalService:
    def __init__(self, session: AsyncSession, registry: ServiceClient | None):
        self.session = session
        self.registry = registry
        self.repository = AssessmentRepository(session)

    # ---------------------------------------------------------------- workers, from the registry

    async def _workers(self, principal: Principal, today: date) -> dict[str, dict[str, Any]]:
        """The workers the officer may see, ever employed (the registry applies the caller's jurisdiction too),
        by worker ID and by national ID."""
        found: dict[str, dict[str, Any]] = {}
        async for fact in upstream.worker_facts(self.registry, principal.jurisdiction, today, FIRST_FACTS_DAY):
            try:
                worker_id = str(uuid.UUID(str(fact["worker_id"])))
            except (ValueError, KeyError, TypeError):
                continue
            community = str(fact.get("community_code") or "")
            if len(community) != 12 or not principal.covers(community):
                continue
            found[worker_id] = fact
            national_id = str(fact.get("national_id") or "")
            if national_id and "*" not in national_id:
                found[national_id.upper()] = fact
        return found

    async def _taken(self, keys: list[tuple[uuid.UUID, int]]) -> dict[tuple[uuid.UUID, int], bool]:
        """(worker, year) → True when a historical result exists, False when a cycle already assesses it."""
        if not keys:
            return {}
        rows = await self.session.execute(
            select(Assessment.worker_id, Assessment.year, Assessment.historical)
            .where(Assessment.kind == "annual", Assessment.worker_id.in_({w for w, _ in keys}),
                   Assessment.year.in_({y for _, y in keys})))
        return {(w, y): bool(h) for w, y, h in rows.all()}

    def _check(self, principal: Principal, fact: dict | None, year: int, today: date,
               taken: dict[tuple[uuid.UUID, int], bool]) -> list[dict[str, str]]:
        errors = []
        if fact is None:
            errors.append(_error("worker_id", "worker_not_found", "人员库中没有该工作者，或不在您的管辖范围内",
                                 "no such worker in the registry, or outside your jurisdiction"))
        if year >= today.year:
            errors.append(_error("year", "year_not_past", "只能录入往年的考核结果", "only past years can be entered"))
        if fact is not None and not employed_in(fact, year):
            # A year before the hire (or between two contracts) has no result: a 不合格 entered for it would raise
            # the two-consecutive-不合格 exit flag and cost seniority (NX) for a year the worker never served.
            hired = fact.get("hired_on") or "?"
            errors.append(_error("year", "not_employed_that_year",
                                 f"人员库显示该工作者 {year} 年全年不在岗（入职日期 {hired}），不能录入该年度考核结果",
                                 f"the registry has this worker employed at no time in {year} (hired {hired}): "
                                 "no result can be entered for that year"))
        if fact is not None:
            key = (uuid.UUID(str(fact["worker_id"])), year)
            if key in taken:
                errors.append(_error("year", "already_recorded" if taken[key] else "assessed_in_system",
                                     "该年度已有历史考核结果（如需更正请使用更正）" if taken[key]
                                     else "该年度已在系统中开展考核，不能再录入历史结果",
                                     "a historical result exists for this year (correct it instead)" if taken[key]
                                     else "this year is assessed in the system; no historical result can be added"))
        return errors

    # ---------------------------------------------------------------- one by one

    async def _write(self, principal: Principal, fact: dict, year: int, result: str, source_document: str,
                     note: str | None, via: str) -> Assessment:
        community = str(fact["community_code"])
        now = await self.repository.now()
        assessment = Assessment(
            cycle_id=None, year=year, worker_id=uuid.UUID(str(fact["worker_id"])),
            worker_name=str(fact.get("name") or "")[:64], community_code=community, township_code=community[:9],
            county_code=community[:6], post=str(fact["post"])[:32] if fact.get("post") else None, kind="annual",
            status=Status.FINAL.value, result=result, decision_reason=note, decided_by=principal.subject,
            decided_at=now, finalized_by=principal.subject, finalized_at=now, revision=1, tolerance=False,
            historical=True, source_document=source_document)
        self.session.add(assessment)
        await self.session.flush()
        cursor = await self.repository.publish(assessment)
        await self.repository.add_event(assessment, principal, "historical_entry", None, note,
                                        {"source_document": source_document, "via": via, "cursor": cursor})
        await audit.record(self.session, audit_log, principal, action="assessment.historical", entity="assessment",
                           entity_id=assessment.id, region_code=community, after=audit.snapshot(assessment),
                           reason=note)
        return assessment

    async def enter(self, principal: Principal, body: HistoricalIn, today: date) -> HistoricalOut:
        principal.ensure_can_write()
        principal.ensure_role(ENTERERS)
        workers = await self._workers(principal, today)
        fact = workers.get(str(body.worker_id))
        errors = self._check(principal, fact, body.year, today, await self._taken(
            [(body.worker_id, body.year)] if fact else []))
        if errors:
            if errors[0]["code"] == "worker_not_found":
                raise not_found("社区工作者", "worker")
            status = 409 if errors[0]["code"] in ("already_recorded", "assessed_in_system") else 422
            raise Problem(status, errors[0]["code"], errors[0]["message_zh"], errors[0]["message_en"],
                          errors=errors)
        assert fact is not None
        return out(await self._write(principal, fact, body.year, body.result.value, body.source_document,
                                     body.note, "form"))

    async def list(self, principal: Principal, region: str | None, worker_id: uuid.UUID | None) -> list[HistoricalOut]:
        prefix = principal.scope_prefix(region)
        statement = (select(Assessment)
                     .where(Assessment.historical, Assessment.community_code.startswith(prefix, autoescape=True),
                            principal.record_filter(Assessment.community_code, Assessment.worker_id))
                     .order_by(Assessment.community_code, Assessment.worker_name, Assessment.year))
        if worker_id is not None:
            statement = statement.where(Assessment.worker_id == worker_id)
        return [out(a) for a in (await self.session.scalars(statement.limit(5000))).all()]

    async def correct(self, principal: Principal, result_id: uuid.UUID, body: HistoricalCorrectionIn) -> HistoricalOut:
        """A corrected historical result is published again with the next revision (audited, with its reason);
        payroll pays or recovers the difference for months already paid."""
        assessment = await self.repository.get(result_id, for_update=True)
        if assessment is None or not assessment.historical or not principal.covers(assessment.community_code):
            raise not_found("历史考核结果", "historical result")
        principal.ensure_can_write()
        principal.ensure_role(ENTERERS)
        before = audit.snapshot(assessment)
        assessment.result = body.result.value
        assessment.source_document = body.source_document
        await self.repository.publish_revision(assessment, principal, "historical_correction", Status.FINAL.value,
                                               body.reason)
        await audit.record(self.session, audit_log, principal, action="assessment.historical_correct",
                           entity="assessment", entity_id=assessment.id, region_code=assessment.community_code,
                           before=before, after=audit.snapshot(assessment), reason=body.reason)
        return out(assessment)

    # ---------------------------------------------------------------- import: upload, report, confirm

    async def upload(self, principal: Principal, filename: str, content: bytes, today: date) -> ImportReport:
        principal.ensure_can_write()
        principal.ensure_role(ENTERERS)
        parsed = list(read_sheet(content))
        workers = await self._workers(principal, today)
        rows: list[dict[str, Any]] = []
        keys = []
        for number, cells, errors in parsed:
            key = str(cells.get("worker_id") or "").strip() or str(cells.get("national_id") or "").strip().upper()
            fact = workers.get(key) if key else None
            if key and fact is not None and cells.get("name") and str(cells["name"]).strip() != fact.get("name"):
                errors.append(_error("name", "name_mismatch", f"姓名与人员库不符（人员库：{fact.get('name')}）",
                                     "the name differs from the registry's"))
            rows.append({"row": number, "fact": fact, "cells": cells, "errors": errors})
            if fact is not None and isinstance(cells.get("year"), int):
                keys.append((uuid.UUID(str(fact["worker_id"])), cells["year"]))
        taken = await self._taken(keys)
        seen: set[tuple[str, int]] = set()
        stored = []
        for row in rows:
            cells, fact, errors = row["cells"], row["fact"], row["errors"]
            year = cells.get("year")
            if isinstance(year, int):
                errors += [e for e in self._check(principal, fact, year, today, taken)
                           if not any(x["code"] == e["code"] for x in errors)]
                if fact is not None:
                    if (fact["worker_id"], year) in seen:
                        errors.append(_error("year", "duplicate_row", "同一人同一年度在表中重复",
                                             "the same worker and year appear twice in the sheet"))
                    seen.add((fact["worker_id"], year))
            elif fact is None and not any(e["field"] == "worker_id" for e in errors):
                errors.append(_error("worker_id", "worker_not_found", "人员库中没有该工作者，或不在您的管辖范围内",
                                     "no such worker in the registry, or outside your jurisdiction"))
            stored.append({"row": row["row"], "worker_id": str(fact["worker_id"]) if fact else None,
                           "name": (fact or {}).get("name") or cells.get("name"), "year": year if isinstance(year, int)
                           else None, "result": cells.get("result_code"), "source_document": cells.get("source_document"),
                           "status": "invalid" if errors else "valid", "errors": errors})
        record = HistoricalImport(filename=filename[:255], uploaded_by=principal.subject,
                                  jurisdiction=principal.jurisdiction, state="validated", rows=stored, imported=0)
        self.session.add(record)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="historical_import.upload",
                           entity="historical_import", entity_id=record.id, region_code=principal.jurisdiction,
                           after={"filename": record.filename, "rows": len(stored),
                                  "valid": sum(1 for r in stored if r["status"] == "valid")})
        return self._report(record)

    async def _import(self, principal: Principal, import_id: uuid.UUID, *, for_update: bool = False) -> HistoricalImport:
        statement = select(HistoricalImport).where(HistoricalImport.id == import_id)
        if for_update:
            statement = statement.with_for_update()
        record = await self.session.scalar(statement)
        if record is None or principal.is_worker or not record.jurisdiction.startswith(principal.jurisdiction):
            raise not_found("导入批次", "import")
        return record

    async def report(self, principal: Principal, import_id: uuid.UUID) -> ImportReport:
        return self._report(await self._import(principal, import_id))

    async def confirm(self, principal: Principal, import_id: uuid.UUID, today: date) -> ImportReport:
        record = await self._import(principal, import_id, for_update=True)
        principal.ensure_can_write()
        principal.ensure_role(ENTERERS)
        if record.state != "validated":
            raise Problem(409, "import_confirmed", "该批次已确认导入", "this import is already confirmed")
        workers = await self._workers(principal, today)
        valid = [r for r in record.rows if r["status"] == "valid"]
        # Checked again: something may have been entered since the upload.
        taken = await self._taken([(uuid.UUID(r["worker_id"]), r["year"]) for r in valid])
        rows, imported = [], 0
        for r in record.rows:
            if r["status"] != "valid":
                rows.append(r)
                continue
            fact = workers.get(r["worker_id"])
            errors = self._check(principal, fact, r["year"], today, taken)
            if errors:
                rows.append({**r, "status": "skipped", "errors": errors})
                continue
            assert fact is not None
            await self._write(principal, fact, r["year"], r["result"], r["source_document"],
                              f"导入 {record.filename} 第 {r['row']} 行", "import")
            taken[(uuid.UUID(r["worker_id"]), r["year"])] = True
            rows.append({**r, "status": "imported"})
            imported += 1
        record.rows, record.state, record.imported = rows, "confirmed", imported
        record.confirmed_at = await self.repository.now()
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="historical_import.confirm",
                           entity="historical_import", entity_id=record.id, region_code=record.jurisdiction,
                           after={"imported": imported, "skipped": sum(1 for r in rows if r["status"] == "skipped")})
        return self._report(record)

    @staticmethod
    def _report(record: HistoricalImport) -> ImportReport:
        rows = [ImportRow(**r) for r in record.rows]
        return ImportReport(id=record.id, filename=record.filename, state=record.state,  # type: ignore[arg-type]
                            valid=sum(1 for r in rows if r.status in ("valid", "imported")),
                            invalid=sum(1 for r in rows if r.status in ("invalid", "skipped")),
                            imported=record.imported, rows=rows)


def read_sheet(content: bytes):
    """(row number, cells, errors) for every non-empty row of the first sheet; a missing column or an unreadable
    file is a 422 naming `file`. Cells: worker_id, national_id, name, year (int), result_code, source_document."""
    header, table = first_sheet(content)
    missing = [zh for zh, key in COLUMNS if zh not in header and key not in ("worker_id", "national_id", "name")]
    if "人员ID" not in header and "身份证号" not in header:
        missing.append("人员ID 或 身份证号")
    require_columns(missing)
    index = {key: header.index(zh) for zh, key in COLUMNS if zh in header}
    if len(table) > 5000:
        raise field_problem("file", "too_many_rows", "一次最多导入 5000 行", "at most 5000 rows per import")
    for number, values in filled_rows(table):
        cells: dict[str, Any] = {k: (values[i] if i < len(values) else None) for k, i in index.items()}
        errors = []
        for key in ("worker_id", "national_id", "name", "source_document"):
            cells[key] = str(cells[key]).strip()[:500] if cells.get(key) not in (None, "") else None
        if cells.get("worker_id"):
            try:
                cells["worker_id"] = str(uuid.UUID(cells["worker_id"]))
            except ValueError:
                errors.append(_error("worker_id", "bad_worker_id", "人员ID格式不正确", "not a worker ID"))
        if not cells.get("worker_id") and not cells.get("national_id"):
            errors.append(_error("worker_id", "worker_missing", "须填写人员ID或身份证号",
                                 "give the worker ID or the national ID"))
        year = cells.get("year")
        try:
            cells["year"] = int(str(year).strip().removesuffix("年")) if year not in (None, "") else None
        except ValueError:
            cells["year"] = None
        if cells["year"] is None or not 1978 <= cells["year"] <= 2100:
            errors.append(_error("year", "bad_year", "年度须为四位年份", "year must be a four-digit year"))
            cells["year"] = None
        word = str(cells.get("result") or "").strip()
        cells["result_code"] = RESULT_WORDS.get(word)
        if cells["result_code"] is None:
            errors.append(_error("result", "bad_result", "考核结果须为 优秀/合格/基本合格/不合格",
                                 "result must be 优秀/合格/基本合格/不合格"))
        if not cells.get("source_document") or len(cells["source_document"]) < 2:
            errors.append(_error("source_document", "source_missing", "须填写依据文件（文号或标题）",
                                 "the source document is required"))
        yield number, cells, errors


def template() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "历史考核结果"
    sheet.append([zh for zh, _ in COLUMNS])
    sheet.append(["", "", "张三", 2022, "合格", "松组通〔2023〕5号 2022年度社区工作者考核结果的通报"])
    notes = book.create_sheet("说明")
    for line in ("每行一名工作者一个年度的考核结果；人员ID 与 身份证号 至少填一项。",
                 "考核结果：优秀 / 合格 / 基本合格 / 不合格。依据文件：印发该结果的文件文号或标题。",
                 "上传后先生成逐行校验报告，确认后才写入；只能导入您管辖范围内的工作者、往年的结果。"):
        notes.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
