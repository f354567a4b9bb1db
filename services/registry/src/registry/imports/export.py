"""Export of a filtered worker list to .xlsx, streamed; masked unless the caller may see full identity."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.security import Principal

from registry.workers.national_id import mask_national_id, mask_phone
from registry.workers.repository import WorkerFilters, WorkerRepository
from registry.workers.service import sees_full_identity, service_years_today

from .spreadsheet import ExportWorkbook

CHUNK = 64 * 1024
BATCH = 1000


async def export_workers(session: AsyncSession, principal: Principal, prefix: str,
                         filters: WorkerFilters) -> AsyncIterator[bytes]:
    book = ExportWorkbook()
    today = today_in_china()
    statement = WorkerRepository(session).search(principal, prefix, filters)
    result = await session.stream(statement.execution_options(yield_per=BATCH))
    async for partition in result.scalars().partitions(BATCH):
        # openpyxl is CPU-bound: build each batch in a worker thread so the event loop keeps serving.
        await asyncio.to_thread(_append_all, book, [_row(principal, worker, today) for worker in partition])
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as buffer:
        await asyncio.to_thread(book.save, buffer)
        buffer.seek(0)
        while chunk := buffer.read(CHUNK):
            yield chunk


def _append_all(book: ExportWorkbook, rows: list[dict]) -> None:
    for row in rows:
        book.append(row)


def _row(principal: Principal, worker, today: date) -> dict:
    full = sees_full_identity(principal, worker)
    return {
        "name": worker.name,
        "national_id": worker.national_id if full else mask_national_id(worker.national_id),
        "sex": worker.sex, "birth_date": worker.birth_date, "ethnicity": worker.ethnicity,
        "political_status": worker.political_status,
        "phone": worker.phone if full else mask_phone(worker.phone),
        "community_code": worker.community_code, "post": worker.post, "yijiantiao": "是" if worker.yijiantiao else "否",
        "status": worker.status, "status_since": worker.status_since, "education_level": worker.education_level,
        "certificate_level": worker.certificate_level, "hired_on": worker.hired_on,
        "contract_end": worker.contract_end, "probation_end": worker.probation_end,
        "cumulative_service_years": str(service_years_today(worker, today)),
    }
