"""The worker import's SQL: the parked batch and its rows, the people's existing education and
certificate records, and the bulk update of existing workers on confirm."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.workers.models import CertificateRecord, EducationRecord, Worker

from .models import WorkerImport, WorkerImportRow


class ImportRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def add(self, record: WorkerImport, rows: list[dict[str, Any]]) -> None:
        self.session.add(record)
        await self.session.flush()
        if rows:
            await self.session.execute(insert(WorkerImportRow), [{"import_id": record.id, **row} for row in rows])

    async def get(self, import_id: uuid.UUID) -> WorkerImport | None:
        return await self.session.get(WorkerImport, import_id)

    async def lock(self, import_id: uuid.UUID) -> WorkerImport | None:
        return await self.session.scalar(select(WorkerImport).where(WorkerImport.id == import_id).with_for_update())

    async def rows(self, import_id: uuid.UUID, *, valid_only: bool = False, fresh: bool = False
                   ) -> list[WorkerImportRow]:
        statement = select(WorkerImportRow).where(WorkerImportRow.import_id == import_id)
        if valid_only:
            statement = statement.where(WorkerImportRow.outcome != "invalid")
        statement = statement.order_by(WorkerImportRow.row_number)
        if fresh:
            statement = statement.execution_options(populate_existing=True)
        return list((await self.session.scalars(statement)).all())

    async def set_outcomes(self, import_id: uuid.UUID, outcomes: dict[int, str]) -> None:
        table = WorkerImportRow.__table__
        await self.session.execute(
            update(table).where(table.c.import_id == import_id, table.c.row_number == bindparam("b_row"))
            .values(outcome=bindparam("b_outcome")),
            [{"b_row": n, "b_outcome": o} for n, o in outcomes.items()])

    async def flush(self) -> None:
        await self.session.flush()

    async def records(self, worker_ids: list[uuid.UUID]) -> tuple[dict, dict]:
        """Each worker's (level, graduated_on) education and (level, approved_on) certificate records."""
        education: dict[uuid.UUID, set] = defaultdict(set)
        certificates: dict[uuid.UUID, set] = defaultdict(set)
        if worker_ids:
            for worker_id, level, day in (await self.session.execute(select(
                    EducationRecord.worker_id, EducationRecord.level, EducationRecord.graduated_on)
                    .where(EducationRecord.worker_id.in_(worker_ids)))).all():
                education[worker_id].add((level, day))
            for worker_id, level, day in (await self.session.execute(select(
                    CertificateRecord.worker_id, CertificateRecord.level, CertificateRecord.approved_on)
                    .where(CertificateRecord.worker_id.in_(worker_ids)))).all():
                certificates[worker_id].add((level, day))
        return education, certificates

    async def update_workers(self, fields: Iterable[str], params: list[dict[str, Any]],
                             new_education: list[dict[str, Any]], new_certificates: list[dict[str, Any]]) -> None:
        """One UPDATE for every worker (`b_id` and `b_<field>` per params line, version + 1), then the new
        education and certificate records."""
        table = Worker.__table__
        await self.session.execute(
            update(table).where(table.c.id == bindparam("b_id")).values(
                **{f: bindparam(f"b_{f}") for f in fields}, version=table.c.version + 1, updated_at=func.now()),
            params)
        if new_education:
            await self.session.execute(insert(EducationRecord.__table__), new_education)
        if new_certificates:
            await self.session.execute(insert(CertificateRecord.__table__), new_certificates)
