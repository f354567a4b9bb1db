import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from cwm_kit.dates import today_in_china
from cwm_kit.pagination import Page, PageDep, paginate
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal
from cwm_kit.types import PlausibleDate

from registry.upstream import assessment_client

from .dependencies import IfMatchDep, WorkerFiltersDep, WorkerServiceDep
from .presenter import service_periods_out, worker_detail, workers_out
from .schemas import (CertificateIn, CertificateOut, ContractEndingOut, ContractOut, ContractsEndingOut, EducationIn,
                      EducationOut, HonourIn, HonourOut, PostChangeIn, PostPeriodOut, RehireIn, RenewalIn, RenewalOut,
                      RenewalRefusalOut, ServicePeriodClose, ServicePeriodIn, ServicePeriodOut, StatusChangeIn,
                      StatusPeriodOut, TransferIn, WorkerCreate, WorkerDetail, WorkerOut, WorkerUpdate,
                      YijiantiaoChangeIn)

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
    return Page(items=await workers_out(service.session, rows, principal), total=total, page=page.page,
                size=page.size)


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


@router.get("/{worker_id:uuid}/service-periods", response_model=list[ServicePeriodOut])
async def list_service_periods(worker_id: WorkerId, principal: CurrentPrincipal,
                               service: WorkerServiceDep) -> list[ServicePeriodOut]:
    worker = await service.visible(principal, worker_id)
    return await service_periods_out(service.session, await service.repository.service_periods(worker.id))


@router.post("/{worker_id:uuid}/service-periods", response_model=ServicePeriodOut, status_code=201,
             summary="Record service in a community (earlier or elsewhere); counts toward cumulative years")
async def add_service_period(worker_id: WorkerId, body: ServicePeriodIn, principal: CurrentPrincipal,
                             service: WorkerServiceDep) -> ServicePeriodOut:
    period = await service.add_service_period(principal, worker_id, body)
    return (await service_periods_out(service.session, [period]))[0]


@router.patch("/{worker_id:uuid}/service-periods/{period_id:uuid}", response_model=ServicePeriodOut)
async def close_service_period(worker_id: WorkerId, period_id: Annotated[uuid.UUID, Path()], body: ServicePeriodClose,
                               principal: CurrentPrincipal, service: WorkerServiceDep) -> ServicePeriodOut:
    period = await service.close_service_period(principal, worker_id, period_id, body.end)
    return (await service_periods_out(service.session, [period]))[0]


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


# ---- contract renewal (续聘, workers/renewal.py) ----------------------------------------------------

@router.get("/contracts-ending", response_model=ContractsEndingOut,
            summary="Employed workers whose contract ends within the window (rule contract.renewal window_days unless "
                    "within_days is given; lapsed contracts included), with the renewal eligibility")
async def contracts_ending(request: Request, principal: OfficerPrincipal, service: WorkerServiceDep,
                           region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                           on: PlausibleDate | None = None,
                           within_days: Annotated[int | None, Query(ge=0, le=1830)] = None) -> ContractsEndingOut:
    day = on or today_in_china()
    scope, until, available, items = await service.contracts_ending(principal, region, day, within_days,
                                                                    assessment_client(request))
    return ContractsEndingOut(on=day, until=until, region=scope, assessment_available=available,
                              items=[ContractEndingOut(**item) for item in items])


@router.get("/{worker_id:uuid}/contract-renewal", response_model=RenewalOut,
            summary="The renewal of the current contract as it would be decided today: new term, last assessment, "
                    "eligibility and any reason it cannot be decided now (nothing written)")
async def renewal_preview(worker_id: WorkerId, request: Request, principal: OfficerPrincipal,
                          service: WorkerServiceDep, end: Annotated[date | None, Query()] = None) -> RenewalOut:
    worker = await service.visible(principal, worker_id)
    plan = await service.renewal_plan(principal, worker, assessment_client(request), end)
    refusal = plan.refusal
    return RenewalOut(
        worker_id=worker.id,
        current=ContractOut(term_years=worker.contract_term_years, start=plan.current_start, end=plan.current_end,
                            probation_end=worker.probation_end),
        next_start=plan.start, next_end=plan.end, term_years=plan.term_years, term_basis=plan.term_basis,
        earliest_on=plan.earliest_on, assessment_years=plan.details.get("assessment_years", []),
        renewal_status=plan.details["renewal_status"], renewal_eligible=plan.details["renewal_eligible"],
        renewal_condition=plan.details["renewal_condition"], last_result=plan.details["last_result"],
        message_zh=plan.message_zh, message_en=plan.message_en, allowed=refusal is None,
        refusal=None if refusal is None else RenewalRefusalOut(code=refusal.code, field=refusal.field,
                                                               message_zh=refusal.message_zh,
                                                               message_en=refusal.message_en))


@router.post("/{worker_id:uuid}/contract-renewal", response_model=WorkerDetail, status_code=201,
             summary="Renew the current contract (续聘): the next term from the day after it ends, when the rule's "
                     "assessment condition holds; refused with the rule, nothing written, otherwise (audited)")
async def renew_contract(worker_id: WorkerId, body: RenewalIn, request: Request, principal: OfficerPrincipal,
                         service: WorkerServiceDep, response: Response) -> WorkerDetail:
    worker = await service.renew_contract(principal, worker_id, body, assessment_client(request))
    return await _detail(service, worker, principal, response)
