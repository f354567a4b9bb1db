import uuid
from typing import Annotated

from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response

from cwm_kit.dates import today_in_china
from cwm_kit.pagination import Page, PageDep
from cwm_kit.ready import ReadyAnswer
from cwm_kit.types import YEAR_MONTH_PATTERN

from payroll.payslips.dependencies import OfficerPayslipsDep, WorkerPayslipsDep
from payroll.payslips.schemas import MonthPayslips, PayslipDetail, PayslipSummary

router = APIRouter(tags=["payslips"])
MonthPath = Annotated[str, Path(pattern=f"^{YEAR_MONTH_PATTERN}$", examples=["2025-03"])]

# Stored per worker, sent again while no run changes state and no pay scheme changes (ADR 0011: a worker sees
# only approved and paid runs' payslips, which are no longer written).
MY_PAYSLIPS = ReadyAnswer("payslips", list[PayslipSummary], "payroll", path="/v1/me/payslips")
MY_MONTH = ReadyAnswer("payslip-month", MonthPayslips, "payroll", path="/v1/me/payslips/{month}",
                       params={"month": YEAR_MONTH_PATTERN})


@router.get("/runs/{run_id}/payslips", response_model=Page[PayslipSummary],
            summary="Payslips of a run inside the jurisdiction")
async def list_run_payslips(run_id: uuid.UUID, service: OfficerPayslipsDep, page: PageDep,
                            region: Annotated[str | None, Query(pattern=r"^\d{2,12}$",
                                                                description="township or community prefix")] = None
                            ) -> Page[PayslipSummary]:
    items, total = await service.list_for_run(run_id, page, region)
    return Page[PayslipSummary](items=items, total=total, page=page.page, size=page.size)


@router.get("/runs/{run_id}/payslips/{worker_id}", response_model=PayslipDetail,
            summary="One payslip with every line explained")
async def get_run_payslip(run_id: uuid.UUID, worker_id: Annotated[str, Path(max_length=64)],
                          service: OfficerPayslipsDep) -> PayslipDetail:
    return await service.get_for_run(run_id, worker_id)


@router.get("/workers/{worker_id}/payslips", response_model=list[PayslipDetail],
            summary="A worker's recent payslips, every line explained (officers inside the jurisdiction)")
async def worker_payslips(worker_id: Annotated[str, Path(max_length=64)], service: OfficerPayslipsDep,
                          request: Request, months: Annotated[int, Query(ge=1, le=60)] = 12) -> list[PayslipDetail]:
    return await service.for_worker(request, worker_id, months)


@router.get("/me/payslips", response_model=list[PayslipSummary], summary="My payslips (approved runs only)")
async def my_payslips(request: Request, service: WorkerPayslipsDep) -> Response:
    return await MY_PAYSLIPS.respond(request, service.session, service.principal, as_of=today_in_china(),
                                     compute=service.mine)


@router.get("/me/payslips/{month}/pdf", response_class=Response, summary="My payslips of a month as PDF",
            responses={200: {"content": {"application/pdf": {}}}})
async def my_payslip_pdf(month: MonthPath, service: WorkerPayslipsDep, request: Request) -> Response:
    from payroll.payslips.pdf import month_pdf

    slips = (await service.mine_for_month(month)).payslips
    content = month_pdf(slips, await service.community_names(slips, request.app.state.region_names))
    return _pdf(content, f"工资条-{month}.pdf")


@router.get("/me/payslips/year/{year}/pdf", response_class=Response,
            summary="My year's statement as PDF: month by month, then every payslip with its lines",
            responses={200: {"content": {"application/pdf": {}}}})
async def my_year_pdf(year: Annotated[int, Path(ge=2000, le=2100)], service: WorkerPayslipsDep,
                      request: Request) -> Response:
    from payroll.payslips.pdf import year_pdf

    slips = await service.mine_for_year(year)
    content = year_pdf(year, slips, await service.community_names(slips, request.app.state.region_names))
    return _pdf(content, f"年度工资明细-{year}.pdf")


def _pdf(content: bytes, filename: str) -> Response:
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/me/payslips/{month}", response_model=MonthPayslips,
            summary="My payslips of a month, each line with its label, amount, clause and inputs")
async def my_payslip(request: Request, month: MonthPath, service: WorkerPayslipsDep) -> Response:
    return await MY_MONTH.respond(request, service.session, service.principal, as_of=today_in_china(), key=month,
                                  compute=lambda: service.mine_for_month(month))
