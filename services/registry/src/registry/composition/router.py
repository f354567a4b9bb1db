from typing import Annotated

from fastapi import APIRouter, Path, Query

from cwm_kit.types import PlausibleDate

from .dependencies import CompositionServiceDep
from .schemas import CompositionOut

router = APIRouter(prefix="/communities", tags=["composition"])


@router.get("/{code}/composition", response_model=CompositionOut,
            summary="A community's 两委 composition against its rule (leadership posts, party-affairs worker, "
                    "members living locally; SS 二(三)1) with warnings")
async def community_composition(code: Annotated[str, Path(pattern=r"^\d{12}$")], service: CompositionServiceDep,
                                on: Annotated[PlausibleDate | None, Query()] = None) -> CompositionOut:
    return await service.community(code, on)
