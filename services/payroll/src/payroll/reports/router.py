import uuid
from typing import Annotated, Literal
from urllib.parse import quote

from cwm_kit.types import YearMonth
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from payroll.reports.dependencies import ReportServiceDep, StreamingReportServiceDep
from payroll.reports.schemas import BudgetSummary, PayLevelReport

router = APIRouter(tags=["reports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GROUP_LENGTH = {"city": 4, "county": 6, "township": 9}


@router.get("/runs/{run_id}/reports/payroll.xlsx", summary="工资表 (.xlsx): a 汇总 sheet and one sheet per township with names, masked ID and account, post "
                    "and level, a column per component and deduction, totals and a 签字 column",
            response_class=StreamingResponse, responses={200: {"content": {XLSX: {}}}})
async def payroll_sheet(run_id: uuid.UUID, request: Request, service: StreamingReportServiceDep,
                        township: Annotated[str | None, Query(pattern=r"^\d{6,12}$")] = None) -> StreamingResponse:
    run, prefix, chunks = await service.payroll_sheet(request, run_id, township)
    filename = f"工资表-{run.region_code}-{run.month}{'-' + prefix if township else ''}.xlsx"
    return StreamingResponse(chunks, media_type=XLSX, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/reports/budget", response_model=BudgetSummary,
            summary="Budget summary for a month by fiscal level, county and component")
async def budget(service: ReportServiceDep, month: Annotated[YearMonth, Query()],
                 region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None) -> BudgetSummary:
    return await service.budget(month, region)


@router.get("/reports/pay-level", response_model=PayLevelReport,
            summary="Pay against the local average wage (NX target 100%) and disposable income (SS floor)")
async def pay_level(service: ReportServiceDep, year: Annotated[int, Query(ge=2000, le=2100)],
                    region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                    group_by: Annotated[Literal["city", "county", "township"], Query()] = "county") -> PayLevelReport:
    return await service.pay_level(year, region, GROUP_LENGTH[group_by])
