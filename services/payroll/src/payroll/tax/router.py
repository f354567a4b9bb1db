from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response, UploadFile, status

from cwm_kit.dates import today_in_china
from cwm_kit.security import CurrentPrincipal

from payroll.tax.dependencies import (OfficerBonusElectionDep, OfficerDeclarationsDep, WorkerBonusElectionDep,
                                      WorkerDeclarationsDep)
from payroll.tax.rules import TaxRules, rules_for_year
from payroll.tax.schemas import BonusElectionIn, BonusElectionOut, DeclarationIn, DeclarationOut, ImportOut

router = APIRouter(tags=["income tax"])
DeclarationId = Annotated[int, Path(ge=1, le=2_147_483_647)]
WorkerId = Annotated[str, Path(max_length=64)]
Year = Annotated[int | None, Query(ge=2019, le=2100)]
TaxYear = Annotated[int, Path(ge=2019, le=2100)]
MAX_IMPORT_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/tax-rules/{year}", response_model=TaxRules,
            summary="The national income-tax rules in force for a tax year (brackets, deductions and caps)")
async def tax_rules(year: Annotated[int, Path(ge=2019, le=2100)], principal: CurrentPrincipal) -> TaxRules:
    return rules_for_year(year)


@router.get("/me/tax-declarations", response_model=list[DeclarationOut], summary="My declared deductions")
async def my_declarations(service: WorkerDeclarationsDep, year: Year = None) -> list[DeclarationOut]:
    return await service.mine(year)


@router.post("/me/tax-declarations", response_model=DeclarationOut, status_code=status.HTTP_201_CREATED,
             summary="Declare a deduction (专项附加扣除 or other deduction) for a tax year (audited)")
async def declare(body: DeclarationIn, service: WorkerDeclarationsDep) -> DeclarationOut:
    return await service.declare(body)


@router.put("/me/tax-declarations/{declaration_id}", response_model=DeclarationOut,
            summary="Correct one of my declarations (audited)")
async def update_mine(declaration_id: DeclarationId, body: DeclarationIn,
                      service: WorkerDeclarationsDep) -> DeclarationOut:
    return await service.update_mine(declaration_id, body)


@router.delete("/me/tax-declarations/{declaration_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Withdraw one of my declarations (audited)")
async def withdraw_mine(declaration_id: DeclarationId, service: WorkerDeclarationsDep) -> Response:
    await service.withdraw_mine(declaration_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me/year-end-bonus-tax/{year}", response_model=BonusElectionOut,
            summary="How my year-end one-off bonus (全年一次性奖金) is taxed in a tax year, with the rule")
async def my_bonus_method(year: TaxYear, service: WorkerBonusElectionDep) -> BonusElectionOut:
    return await service.mine(year)


@router.put("/me/year-end-bonus-tax/{year}", response_model=BonusElectionOut,
            summary="Choose how my year-end one-off bonus is taxed in a tax year: combined (并入综合所得) or separate "
                    "(单独计税, while the year's tax rules allow it) (audited)")
async def elect_my_bonus_method(year: TaxYear, body: BonusElectionIn,
                                service: WorkerBonusElectionDep) -> BonusElectionOut:
    return await service.elect_mine(year, body)


@router.get("/workers/{worker_id}/year-end-bonus-tax/{year}", response_model=BonusElectionOut,
            summary="How a worker's year-end one-off bonus is taxed in a tax year (officers inside the jurisdiction)")
async def worker_bonus_method(worker_id: WorkerId, year: TaxYear, request: Request,
                              service: OfficerBonusElectionDep) -> BonusElectionOut:
    return await service.of_worker(request, worker_id, year)


@router.put("/workers/{worker_id}/year-end-bonus-tax/{year}", response_model=BonusElectionOut,
            summary="Record how a worker's year-end one-off bonus is taxed in a tax year (officers, audited)")
async def elect_worker_bonus_method(worker_id: WorkerId, year: TaxYear, body: BonusElectionIn, request: Request,
                                    service: OfficerBonusElectionDep) -> BonusElectionOut:
    return await service.elect(request, worker_id, year, body)


@router.get("/workers/{worker_id}/tax-declarations", response_model=list[DeclarationOut],
            summary="A worker's declared deductions (officers inside the jurisdiction)")
async def worker_declarations(worker_id: WorkerId, service: OfficerDeclarationsDep, request: Request,
                              year: Year = None) -> list[DeclarationOut]:
    return await service.of_worker(request, worker_id, year)


@router.post("/workers/{worker_id}/tax-declarations", response_model=DeclarationOut,
             status_code=status.HTTP_201_CREATED, summary="Enter a worker's declaration from their form (audited)")
async def enter_declaration(worker_id: WorkerId, body: DeclarationIn, request: Request,
                            service: OfficerDeclarationsDep) -> DeclarationOut:
    return await service.enter(request, worker_id, body)


@router.put("/tax-declarations/{declaration_id}", response_model=DeclarationOut,
            summary="Correct a declaration (officers, audited)")
async def update_declaration(declaration_id: DeclarationId, body: DeclarationIn,
                             service: OfficerDeclarationsDep) -> DeclarationOut:
    return await service.update(declaration_id, body)


@router.delete("/tax-declarations/{declaration_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Remove a declaration (officers, audited)")
async def delete_declaration(declaration_id: DeclarationId, service: OfficerDeclarationsDep) -> Response:
    await service.delete(declaration_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/tax-declarations/import-template", response_class=Response, responses={200: {"content": {XLSX: {}}}},
            summary="The declaration import template of a tax year (.xlsx, officers who may write): Chinese headers, "
                    "dropdowns of the year's deduction kinds and cases in Chinese, an instructions sheet; the year "
                    "defaults to this one")
async def import_template(service: OfficerDeclarationsDep, year: Year = None) -> Response:
    year = year or today_in_china().year
    filename = f"个税扣除申报导入模板-{year}.xlsx"
    return Response(service.template(year), media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.post("/tax-declarations/import", response_model=ImportOut,
             summary="Import declarations from a sheet (columns 工号, 扣除项目, 情形, 人数, 每月金额, 起始月份, "
                     "截止月份, 依据; 扣除项目 and 情形 as the Chinese labels of the year's tax rules, or their codes); "
                     "all rows or none, each error naming its row and column")
async def import_declarations(file: UploadFile, request: Request, service: OfficerDeclarationsDep) -> ImportOut:
    content = await file.read(MAX_IMPORT_BYTES + 1)
    if len(content) > MAX_IMPORT_BYTES:
        from cwm_kit.problems import field_problem

        raise field_problem("file", "too_large", "文件超过 5 MB", "the file is larger than 5 MB", status=413)
    return await service.import_sheet(request, content)
