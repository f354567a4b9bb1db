import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response

from cwm_kit.pagination import Page, PageDep, paginate
from cwm_kit.security import CurrentPrincipal

from .dependencies import IfMatchDep, WorkerFiltersDep, WorkerServiceDep
from .presenter import worker_detail, worker_out
from .schemas import (CertificateIn, CertificateOut, EducationIn, EducationOut, HonourIn, HonourOut, PostChangeIn,
                      PostPeriodOut, ServicePeriodClose, ServicePeriodIn, ServicePeriodOut, StatusChangeIn,
                      RehireIn, StatusPeriodOut, TransferIn, WorkerCreate, WorkerDetail, WorkerOut, WorkerUpdate, YijiantiaoChangeIn)

router = APIRouter(prefix="/workers", tags=["workers"])

WorkerId = Annotated[uuid.UUID, Path(description="worker id")]


def _etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'


async def _detail(service, worker, principal, response: Response) -> WorkerDetail:
    await service.session.flush()  # the version (ETag) is final only after the flush
    _etag(response, worker.version)
    return await worker_detail(service.repository, worker, principal)


@router.post("", response_model=WorkerDetail, status_code=201, summary="Register a worker (audited)")
async def create_worker(body: WorkerCreate, principal: CurrentPrincipal, service: WorkerServiceDep,
                        response: Response) -> WorkerDetail:
    worker = await service.create(principal, body)
    response.headers["Location"] = f"/v1/workers/{worker.id}"
    return await _detail(service, worker, principal, response)


@router.get("", response_model=Page[WorkerOut],
            summary="Search workers in the jurisdiction (IDs and phones always masked in lists)")
async def list_workers(principal: CurrentPrincipal, service: WorkerServiceDep, filters: WorkerFiltersDep,
                       page: PageDep) -> Page[WorkerOut]:
    region, criteria = filters
    prefix = "" if principal.is_worker else principal.scope_prefix(region)
    rows, total = await paginate(service.session, service.repository.search(principal, prefix, criteria), page)
    return Page(items=[worker_out(w, principal, full_identity=False) for w in rows], total=total,
                page=page.page, size=page.size)


@router.get("/{worker_id:uuid}", response_model=WorkerDetail, summary="One worker's record (ETag = version)")
async def get_worker(worker_id: WorkerId, principal: CurrentPrincipal, service: WorkerServiceDep,
                     response: Response) -> WorkerDetail:
    return await _detail(service, await service.visible(principal, worker_id), principal, response)


@router.patch("/{worker_id:uuid}", response_model=WorkerDetail,
              summary="Correct identity / contract facts; requires If-Match with the current ETag")
async def update_worker(worker_id: WorkerId, body: WorkerUpdate, principal: CurrentPrincipal,
                        service: WorkerServiceDep, if_match: IfMatchDep, response: Response) -> WorkerDetail:
    worker = await service.update(principal, worker_id, body, if_match)
    return await _detail(service, worker, principal, response)


# ---- career facts ------------------------------------------------------------------------------

@router.get("/{worker_id:uuid}/education", response_model=list[EducationOut])
async def list_education(worker_id: WorkerId, principal: CurrentPrincipal, service: WorkerServiceDep) -> list:
    worker = await service.visible(principal, worker_id)
    return await service.repository.education(worker.id)


@router.post("/{worker_id:uuid}/education", response_model=EducationOut, status_code=201)
async def add_education(worker_id: WorkerId, body: EducationIn, principal: CurrentPrincipal,
                        service: WorkerServiceDep):
    return await service.add_education(principal, worker_id, body)


@router.get("/{worker_id:uuid}/certificates", response_model=list[CertificateOut])
async def list_certificates(worker_id: WorkerId, principal: CurrentPrincipal, service: WorkerServiceDep) -> list:
    worker = await service.visible(principal, worker_id)
    return await service.repository.certificates(worker.id)


@router.post("/{worker_id:uuid}/certificates", response_model=CertificateOut, status_code=201)
async def add_certificate(worker_id: WorkerId, body: CertificateIn, principal: CurrentPrincipal,
                          service: WorkerServiceDep):
    return await service.add_certificate(principal, worker_id, body)


@router.get("/{worker_id:uuid}/honours", response_model=list[HonourOut])
async def list_honours(worker_id: WorkerId, principal: CurrentPrincipal, service: WorkerServiceDep) -> list:
    worker = await service.visible(principal, worker_id)
    return await service.repository.honours(worker.id)


@router.post("/{worker_id:uuid}/honours", response_model=HonourOut, status_code=201)
async def add_honour(worker_id: WorkerId, body: HonourIn, principal: CurrentPrincipal, service: WorkerServiceDep):
    return await service.add_honour(principal, worker_id, body)


@router.delete("/{worker_id:uuid}/{kind}/{record_id:uuid}", status_code=204,
               summary="Delete a mistaken education, certificate or honour record (audited)")
async def remove_fact(worker_id: WorkerId, kind: Annotated[Literal["education", "certificates", "honours"], Path()],
                      record_id: Annotated[uuid.UUID, Path()], principal: CurrentPrincipal,
                      service: WorkerServiceDep) -> Response:
    await service.remove_fact(principal, worker_id, kind, record_id)
    return Response(status_code=204)


def _period_out(p) -> ServicePeriodOut:
    return ServicePeriodOut(id=p.id, community_code=p.community_code, start=p.start_date, end=p.end_date)


@router.get("/{worker_id:uuid}/service-periods", response_model=list[ServicePeriodOut])
async def list_service_periods(worker_id: WorkerId, principal: CurrentPrincipal,
                               service: WorkerServiceDep) -> list[ServicePeriodOut]:
    worker = await service.visible(principal, worker_id)
    return [_period_out(p) for p in await service.repository.service_periods(worker.id)]


@router.post("/{worker_id:uuid}/service-periods", response_model=ServicePeriodOut, status_code=201,
             summary="Record service in a community (earlier or elsewhere); counts toward cumulative years")
async def add_service_period(worker_id: WorkerId, body: ServicePeriodIn, principal: CurrentPrincipal,
                             service: WorkerServiceDep) -> ServicePeriodOut:
    return _period_out(await service.add_service_period(principal, worker_id, body))


@router.patch("/{worker_id:uuid}/service-periods/{period_id:uuid}", response_model=ServicePeriodOut)
async def close_service_period(worker_id: WorkerId, period_id: Annotated[uuid.UUID, Path()], body: ServicePeriodClose,
                               principal: CurrentPrincipal, service: WorkerServiceDep) -> ServicePeriodOut:
    return _period_out(await service.close_service_period(principal, worker_id, period_id, body.end))


# ---- dated changes -----------------------------------------------------------------------------

@router.get("/{worker_id:uuid}/status-transitions", response_model=list[StatusPeriodOut])
async def list_status(worker_id: WorkerId, principal: CurrentPrincipal,
                      service: WorkerServiceDep) -> list[StatusPeriodOut]:
    worker = await service.visible(principal, worker_id)
    return [StatusPeriodOut(id=p.id, status=p.status, from_=p.from_date, to=p.to_date, reason=p.reason)
            for p in await service.repository.status_history(worker.id)]


@router.post("/{worker_id:uuid}/status-transitions", response_model=WorkerDetail, status_code=201,
             summary="Change status (probation → active → seconded … → exit); backdated > 1 month needs a reason")
async def change_status(worker_id: WorkerId, body: StatusChangeIn, principal: CurrentPrincipal,
                        service: WorkerServiceDep, response: Response) -> WorkerDetail:
    worker = await service.change_status(principal, worker_id, body.status, body.on, body.reason)
    return await _detail(service, worker, principal, response)


@router.get("/{worker_id:uuid}/post-changes", response_model=list[PostPeriodOut])
async def list_posts(worker_id: WorkerId, principal: CurrentPrincipal, service: WorkerServiceDep) -> list[PostPeriodOut]:
    worker = await service.visible(principal, worker_id)
    return [PostPeriodOut(id=p.id, post=p.post, head_role=p.head_role, from_=p.from_date, to=p.to_date)
            for p in await service.repository.post_history(worker.id)]


@router.post("/{worker_id:uuid}/post-changes", response_model=WorkerDetail, status_code=201,
             summary="Move to another post of the community's catalogue")
async def change_post(worker_id: WorkerId, body: PostChangeIn, principal: CurrentPrincipal,
                      service: WorkerServiceDep, response: Response) -> WorkerDetail:
    worker = await service.change_post(principal, worker_id, body)
    return await _detail(service, worker, principal, response)


@router.post("/{worker_id:uuid}/yijiantiao", response_model=WorkerDetail, status_code=201,
             summary="Start or end holding secretary and committee director together (一肩挑)")
async def change_yijiantiao(worker_id: WorkerId, body: YijiantiaoChangeIn, principal: CurrentPrincipal,
                            service: WorkerServiceDep, response: Response) -> WorkerDetail:
    worker = await service.change_yijiantiao(principal, worker_id, body)
    return await _detail(service, worker, principal, response)


@router.post("/{worker_id:uuid}/transfers", response_model=WorkerDetail, status_code=201,
             summary="Move to another community (ends the open service period the day before)")
async def transfer(worker_id: WorkerId, body: TransferIn, principal: CurrentPrincipal, service: WorkerServiceDep,
                   response: Response) -> WorkerDetail:
    worker = await service.transfer(principal, worker_id, body.community_code, body.on, body.reason)
    return await _detail(service, worker, principal, response)


@router.post("/{worker_id:uuid}/rehire", response_model=WorkerDetail, status_code=201,
             summary="A new contract for a former worker (same record; the break is not bridged)")
async def rehire(worker_id: WorkerId, body: RehireIn, principal: CurrentPrincipal, service: WorkerServiceDep,
                 response: Response) -> WorkerDetail:
    worker = await service.rehire(principal, worker_id, body)
    return await _detail(service, worker, principal, response)
