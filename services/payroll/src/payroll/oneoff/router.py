from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, UploadFile, status

from cwm_kit.problems import field_problem
from cwm_kit.security import CurrentPrincipal
from cwm_kit.types import YearMonth

from payroll.oneoff.dependencies import OfficerItemsDep
from payroll.oneoff.kinds import KINDS
from payroll.oneoff.schemas import ItemImportOut, ItemIn, ItemOut, ItemUpdate, KindOut

router = APIRouter(prefix="/one-off-items", tags=["one-off items"])
ItemId = Annotated[int, Path(ge=1, le=2_147_483_647)]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@router.get("/kinds", response_model=list[KindOut], summary="Kinds of one-off items with their default clause")
async def kinds(principal: CurrentPrincipal) -> list[KindOut]:
    return [KindOut(code=code, label_zh=k.label_zh, label_en=k.label_en, effect=k.effect, clause=k.clause)
            for code, k in KINDS.items()]


@router.get("", response_model=list[ItemOut], summary="One-off items inside the jurisdiction")
async def list_items(service: OfficerItemsDep, month: Annotated[YearMonth | None, Query()] = None,
                     worker_id: Annotated[str | None, Query(max_length=64)] = None,
                     region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None) -> list[ItemOut]:
    return await service.list(month, worker_id, region)


@router.post("", response_model=ItemOut, status_code=status.HTTP_201_CREATED,
             summary="Enter a one-off item for a worker and month (audited; 409 once the month is approved)")
async def create_item(body: ItemIn, request: Request, service: OfficerItemsDep) -> ItemOut:
    return await service.create(request, body)


@router.put("/{item_id}", response_model=ItemOut, summary="Correct an item (audited)")
async def update_item(item_id: ItemId, body: ItemUpdate, service: OfficerItemsDep) -> ItemOut:
    return await service.update(item_id, body)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove an item (audited)")
async def delete_item(item_id: ItemId, service: OfficerItemsDep) -> Response:
    await service.delete(item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/import", response_model=ItemImportOut,
             summary="Import items from a sheet (工号, 月份, 项目, 金额, 是否计税, 依据); all rows or none")
async def import_items(file: UploadFile, request: Request, service: OfficerItemsDep) -> ItemImportOut:
    content = await file.read(MAX_IMPORT_BYTES + 1)
    if len(content) > MAX_IMPORT_BYTES:
        raise field_problem("file", "too_large", "文件超过 5 MB", "the file is larger than 5 MB", status=413)
    return await service.import_sheet(request, content)
