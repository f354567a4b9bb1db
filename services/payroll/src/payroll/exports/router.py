import uuid
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from cwm_kit.types import YearMonth

from payroll.exports.dependencies import AnyExportsDep, OfficerExportsDep
from payroll.exports.schemas import TaxSummaryOut

router = APIRouter(tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
Year = Annotated[int, Query(ge=2019, le=2100)]


def _download(content: bytes, media_type: str, filename: str, checksum: str | None = None) -> Response:
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    if checksum:
        headers["X-Checksum-SHA256"] = checksum
    return Response(content, media_type=media_type, headers=headers)


@router.get("/runs/{run_id}/bank-file", response_class=Response,
            summary="代发文件 of an approved run (.xlsx or .csv: name, account, amount, totals row = the run's net); "
                    "finance officers; the SHA-256 is in X-Checksum-SHA256 and kept with the run",
            responses={200: {"content": {XLSX: {}, "text/csv": {}}}})
async def bank_file(run_id: uuid.UUID, request: Request, service: OfficerExportsDep,
                    format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx") -> Response:
    run, content, checksum = await service.bank_file(request, run_id, format)
    return _download(content, XLSX if format == "xlsx" else CSV, f"代发-{run.region_code}-{run.month}.{format}",
                     checksum)


@router.get("/reports/withholding.xlsx", response_class=Response,
            summary="扣缴申报 正常工资薪金所得 of a month (import layout of the withholding client), finance officers",
            responses={200: {"content": {XLSX: {}}}})
async def withholding(request: Request, service: OfficerExportsDep, month: Annotated[YearMonth, Query()],
                      region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None) -> Response:
    prefix, content = await service.withholding(request, month, region)
    return _download(content, XLSX, f"正常工资薪金所得-{prefix}-{month}.xlsx")


@router.get("/workers/{worker_id}/tax-summary", response_model=TaxSummaryOut,
            summary="A worker's year for 汇算清缴 (officers in the jurisdiction): the comprehensive income's cumulative "
                    "figures, a year-end bonus taxed separately apart; no payslip yet this year is an empty summary "
                    "(zeros, no months), a worker unknown or outside the jurisdiction 404")
async def worker_tax_summary(worker_id: Annotated[str, Path(max_length=64)], request: Request,
                             service: OfficerExportsDep, year: Year) -> TaxSummaryOut:
    return await service.annual_summary(request, worker_id, year)


@router.get("/me/tax-summary", response_model=TaxSummaryOut,
            summary="My year for 汇算清缴: income, deductions, tax withheld, month by month; a year-end bonus taxed "
                    "separately apart; no payslip yet this year is an empty summary (zeros, no months)")
async def my_tax_summary(request: Request, service: AnyExportsDep, year: Year) -> TaxSummaryOut:
    if not service.principal.is_worker or not service.principal.worker_id:
        from cwm_kit.problems import forbidden

        raise forbidden("仅限职工本人", "workers only")
    return await service.annual_summary(request, str(service.principal.worker_id), year)
