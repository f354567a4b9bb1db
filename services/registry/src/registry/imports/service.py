"""Excel import of workers: validate every row first, park the parsed rows, write only on confirm.

National ID is the key: a row whose worker exists updates that worker's identity fields and adds missing
education / certificate records, or is skipped as unchanged; so importing the same file twice never
duplicates anyone. Every row is checked by registration's own rules (`WorkerService.hire_checks`, rows taken in the
file's order as if registered one after another). Reads and writes are set-based (one query per table, not per
row; rules once per community and date).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.problems import FieldError, Problem, not_found, validation_problem
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.workers.models import Worker
from registry.workers.national_id import mask_national_id
from registry.workers.schemas import CERTIFICATE_RANK, EDUCATION_RANK, WorkerCreate
from registry.workers.service import WorkerService, current_service_start, education_values, ensure_record_keeper

from . import spreadsheet
from .models import WorkerImport
from .repository import ImportRepository
from .schemas import ImportReport, ImportRowOut

IDENTITY_FIELDS = ("name", "ethnicity", "political_status", "phone", "bank_name", "bank_branch", "bank_account")
YES = {"是", "y", "yes", "true", "1", "t"}
NO = {"否", "n", "no", "false", "0", "f"}
# Where a nested body field came from in the sheet.
SHEET_FIELD = {"education.0.level": "education_level", "education.0.graduated_on": "graduated_on",
               "education.0.institution": "institution", "certificates.0.level": "certificate_level",
               "certificates.0.approved_on": "certificate_approved_on", "education": "education_level",
               "certificates": "certificate_level"}


def _error(field: str, code: str, zh: str, en: str) -> dict[str, str]:
    return dict(FieldError(field, code, zh, en))


def _as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def row_body(cells: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The WorkerCreate body a sheet row describes, and the cell errors found on the way."""
    errors: list[dict[str, str]] = []
    body: dict[str, Any] = {}
    texts = ("national_id", "community_code", "phone", "name", "bank_name", "bank_branch", "bank_account")
    for key in ("name", "national_id", "ethnicity", "political_status", "phone", "community_code", "post",
                "hired_on", "contract_term_years", "probation_end", "bank_name", "bank_branch", "bank_account"):
        value = cells.get(key)
        if value is not None:
            body[key] = _as_text(value) if key in texts else value
    if isinstance(body.get("bank_account"), str):
        body["bank_account"] = body["bank_account"].replace(" ", "")
    for key, zh, en in (("national_id", "身份证号", "national ID"), ("bank_account", "银行账号", "bank account")):
        if isinstance(cells.get(key), (int, float)) and not isinstance(cells.get(key), bool):
            # Excel keeps 15 significant digits of a number: a long number typed as a number is already damaged.
            body.pop(key, None)
            errors.append(_error(key, f"{key}_not_text", f"{zh}须设为文本格式（数字格式会丢失末几位）",
                                 f"the {en} cell must be text (as a number Excel loses the last digits)"))
    for key in ("yijiantiao", "committee_member", "party_affairs", "lives_locally"):
        flag = cells.get(key)
        if flag is None:
            continue
        text = str(flag).strip().lower()
        if text in YES:
            body[key] = True
        elif text in NO:
            body[key] = False
        else:
            errors.append(_error(key, "yes_no", "应填“是”或“否”", "must be yes or no"))
    for key, words in (("head_role", spreadsheet.HEAD_ROLES), ("other_status", spreadsheet.OTHER_STATUSES)):
        value = cells.get(key)
        if value is not None:
            # The word from the dropdown, or the code itself.
            body[key] = words.get(str(value).strip(), str(value).strip())
    if body.get("head_role") == "both":
        body.setdefault("yijiantiao", True)
    if cells.get("other_status_since") is not None:
        body["other_status_since"] = cells["other_status_since"]
    if cells.get("education_level") is not None or cells.get("graduated_on") is not None:
        body["education"] = [{k: v for k, v in {"level": cells.get("education_level"),
                                                  "graduated_on": cells.get("graduated_on"),
                                                  "institution": _as_text(cells.get("institution"))}.items()
                              if v is not None}]
    if cells.get("certificate_level") is not None or cells.get("certificate_approved_on") is not None:
        body["certificates"] = [{k: v for k, v in {"level": cells.get("certificate_level"),
                                                     "approved_on": cells.get("certificate_approved_on")}.items()
                                 if v is not None}]
    return body, errors


def _problem_errors(problems: list[Problem]) -> list[dict[str, str]]:
    """The row errors of the rules registration refused (each problem's field errors, as registration answers)."""
    return [dict(e) for p in problems for e in p.errors or [FieldError("community_code", p.code, p.message_zh, p.message_en)]]


def _validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    problem = validation_problem(RequestValidationError(exc.errors()))
    errors = []
    for error in problem.errors:
        field = SHEET_FIELD.get(error["field"], error["field"])
        errors.append({**error, "field": field})
    return errors


class ImportService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = ImportRepository(session)
        self.workers = WorkerService.for_session(session)

    # ---- upload & validate -------------------------------------------------------------------------------

    async def upload(self, principal: Principal, filename: str, content: bytes) -> ImportReport:
        principal.ensure_can_write()
        if principal.is_service:
            raise Problem(403, "forbidden", "导入须由具体的工作人员执行", "imports are done by a named officer")
        parsed = spreadsheet.read_rows(content)
        checked = await self._validate(principal, parsed)
        record = WorkerImport(id=uuid.uuid4(), filename=filename[:255], file_sha256=hashlib.sha256(content).hexdigest(),
                              uploaded_by=principal.subject, jurisdiction=principal.jurisdiction,
                              row_count=len(checked), valid_count=sum(1 for r in checked if not r["errors"]),
                              status="validated")
        await self.repository.add(record, checked)
        await audit.record(self.session, audit_log, principal, action="import.upload", entity="worker_import",
                           entity_id=record.id, region_code=principal.jurisdiction or None,
                           after={"filename": record.filename, "rows": record.row_count, "valid": record.valid_count})
        return await self.report(principal, record.id)

    async def _validate(self, principal: Principal, parsed: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
        drafts = []
        for number, cells in parsed:
            body, errors = row_body(cells)
            validated = None
            try:
                validated = WorkerCreate.model_validate(body, strict=False)  # a cell is text: "3" is 3
            except ValidationError as exc:
                already = {e["field"] for e in errors}  # one message per field: the cell's own comes first
                errors += [e for e in _validation_errors(exc) if e["field"] not in already]
            drafts.append((number, cells, body, validated, errors))

        good = [d[3] for d in drafts if d[3] is not None]
        existing = await self.workers.repository.by_national_ids([b.national_id for b in good])
        education, certificates = await self.repository.records([w.id for w in existing.values()])
        # The rows in the jurisdiction get registration's own checks (WorkerService.hire_checks), as if registered
        # one after another in the file's order; the existing people they name are updated, not hired.
        covered = [(d[0], d[3]) for d in drafts if d[3] is not None and principal.covers(d[3].community_code)]
        # A row that failed validation still has its place and post checked, so one upload reports every bad field.
        partial = [(number, str(body["community_code"]), str(body["post"]))
                   for number, _cells, body, validated, errors in drafts
                   if validated is None and body.get("community_code") and body.get("post")
                   and not {e["field"] for e in errors} & {"community_code", "post"}]
        inside = [(number, code, post) for number, code, post in partial if principal.covers(code)]
        # The communities and the post catalogue both checks need, read once for the upload.
        read = await self.workers.places({body.community_code for _number, body in covered}
                                         | {code for _number, code, _post in inside})
        hires = dict(zip((number for number, _body in covered), await self.workers.hire_checks(
            [body for _number, body in covered], registered=existing.keys(), places=read), strict=True))
        places = dict(zip((number for number, _code, _post in inside), await self.workers.placements(
            [(code, post) for _number, code, post in inside], read), strict=True))
        outside = {number for number, code, _post in partial if not principal.covers(code)}
        first_row: dict[str, int] = {}
        checked = []
        for number, cells, body, validated, errors in drafts:
            outcome = "invalid"
            if number in outside or (validated is not None and number not in hires):
                errors.append(_error("community_code", "outside_jurisdiction", "社区不在您的管辖范围内",
                                     "the community is outside your jurisdiction"))
            if places.get(number) is not None:
                errors += _problem_errors([places[number]])
            if validated is not None:
                errors += _problem_errors(hires.get(number, (None, []))[1])
                if validated.national_id in first_row:
                    errors.append(_error("national_id", "duplicate_in_file",
                                         f"与第 {first_row[validated.national_id]} 行身份证号重复",
                                         f"same national ID as row {first_row[validated.national_id]}"))
                else:
                    first_row[validated.national_id] = number
                worker = existing.get(validated.national_id)
                if worker is not None and not principal.covers(worker.community_code):
                    errors.append(_error("national_id", "registered_elsewhere", "该身份证号已在其他辖区登记",
                                         "this national ID is registered in another jurisdiction"))
                if not errors:
                    outcome = "create" if worker is None else (
                        "update" if self._changes(worker, validated, education, certificates) else "unchanged")
            number_text = (validated.national_id if validated else _as_text(cells.get("national_id")))
            checked.append({
                "row_number": number,
                "national_id": str(number_text)[:32] if number_text is not None else None,
                "data": validated.model_dump(mode="json") if validated is not None and not errors else
                {k: (v if isinstance(v, (str, int, float, bool)) or v is None else str(v)) for k, v in cells.items()},
                "errors": errors,
                "outcome": outcome,
            })
        return checked

    @staticmethod
    def _changes(worker: Worker, body: WorkerCreate, education: dict, certificates: dict) -> dict[str, Any]:
        """What importing `body` would change on an existing worker (blank cells change nothing)."""
        changes: dict[str, Any] = {}
        for field in IDENTITY_FIELDS:
            value = getattr(body, field)
            if value is not None and value != getattr(worker, field):
                changes[field] = value
        new_education = [e for e in body.education if (e.level, e.graduated_on) not in education[worker.id]]
        new_certificates = [c for c in body.certificates if (c.level, c.approved_on) not in certificates[worker.id]]
        if new_education:
            changes["education"] = new_education
        if new_certificates:
            changes["certificates"] = new_certificates
        return changes

    # ---- report --------------------------------------------------------------------------------------------

    async def _visible(self, principal: Principal, import_id: uuid.UUID) -> WorkerImport:
        record = await self.repository.get(import_id)
        # Anyone whose jurisdiction contains the uploader's may see and confirm it.
        if record is None or principal.is_worker or not record.jurisdiction.startswith(principal.jurisdiction):
            raise not_found("导入批次", "import")
        return record

    async def report(self, principal: Principal, import_id: uuid.UUID) -> ImportReport:
        record = await self._visible(principal, import_id)
        rows = await self.repository.rows(record.id, fresh=True)
        return ImportReport(
            id=record.id, filename=record.filename, status=record.status, created_at=record.created_at,
            confirmed_at=record.confirmed_at, row_count=record.row_count, valid_count=record.valid_count,
            invalid_count=record.row_count - record.valid_count,
            counts=dict(Counter(r.outcome for r in rows)),
            rows=[ImportRowOut(row_number=r.row_number, national_id=mask_national_id(r.national_id),
                               outcome=r.outcome or "invalid", errors=r.errors) for r in rows],
        )

    # ---- confirm -------------------------------------------------------------------------------------------

    async def confirm(self, principal: Principal, import_id: uuid.UUID) -> ImportReport:
        principal.ensure_can_write()
        ensure_record_keeper(principal)  # creates and updates worker records
        record = await self.repository.lock(import_id)
        if record is None:
            raise not_found("导入批次", "import")
        await self._visible(principal, import_id)
        if record.status != "validated":
            raise Problem(409, "import_already_confirmed", "该导入批次已确认", "this import was already confirmed")
        rows = await self.repository.rows(record.id, valid_only=True)
        bodies = {row.row_number: WorkerCreate.model_validate(row.data, strict=False) for row in rows}
        # Re-read now: another import may have created some of these people since the upload.
        existing = await self.workers.repository.by_national_ids([b.national_id for b in bodies.values()])
        education, certificates = await self.repository.records([w.id for w in existing.values()])
        outcomes: dict[int, str] = {}
        to_create = []
        updates: list[tuple[Worker, dict[str, Any]]] = []
        for number, body in bodies.items():
            worker = existing.get(body.national_id)
            if worker is None:
                to_create.append(body)
                outcomes[number] = "created"
            elif not principal.covers(worker.community_code):
                outcomes[number] = "skipped"
            else:
                changes = self._changes(worker, body, education, certificates)
                outcomes[number] = "updated" if changes else "unchanged"
                if changes:
                    updates.append((worker, changes))
        await self.workers.create_many(principal, to_create, action="worker.import")
        await self._apply_updates(principal, updates, education, certificates)
        if outcomes:
            await self.repository.set_outcomes(record.id, outcomes)
        record.status = "confirmed"
        record.confirmed_at = datetime.now(UTC)
        record.outcome = dict(Counter(outcomes.values()))
        await self.repository.flush()
        await audit.record(self.session, audit_log, principal, action="import.confirm", entity="worker_import",
                           entity_id=record.id, region_code=record.jurisdiction or None, after=record.outcome)
        return await self.report(principal, record.id)

    async def _apply_updates(self, principal: Principal, updates: list[tuple[Worker, dict[str, Any]]],
                             education: dict, certificates: dict) -> None:
        if not updates:
            return
        new_education, new_certificates, params, entries = [], [], [], []
        for worker, changes in updates:
            for e in changes.get("education", []):
                # The sheet has no in_service column: derived from the dates against the worker's current service.
                new_education.append({"id": uuid.uuid4(), "worker_id": worker.id,
                                      **education_values(e, current_service_start(worker))})
                education[worker.id].add((e.level, e.graduated_on))
            for c in changes.get("certificates", []):
                new_certificates.append({"id": uuid.uuid4(), "worker_id": worker.id, **c.model_dump()})
                certificates[worker.id].add((c.level, c.approved_on))
            after = {f: changes.get(f, getattr(worker, f)) for f in IDENTITY_FIELDS}
            levels = {
                "education_level": max((lvl for lvl, _ in education[worker.id]), key=EDUCATION_RANK.__getitem__,
                                       default=None),
                "certificate_level": max((lvl for lvl, _ in certificates[worker.id]),
                                         key=CERTIFICATE_RANK.__getitem__, default=None),
            }
            params.append({"b_id": worker.id, **{f"b_{k}": v for k, v in {**after, **levels}.items()}})
            entries.append({"action": "worker.import_update", "entity": "worker", "entity_id": worker.id,
                            "region_code": worker.community_code, "worker_id": worker.id,
                            "before": {f: getattr(worker, f) for f in (*IDENTITY_FIELDS, "education_level",
                                                                       "certificate_level")},
                            "after": {**after, **levels}})
        await self.repository.update_workers((*IDENTITY_FIELDS, "education_level", "certificate_level"), params,
                                             new_education, new_certificates)
        await audit.record_many(self.session, audit_log, principal, entries)
