import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import RecruitmentServiceDep
from .schemas import (ApplicantIn, ApplicantOut, CampaignIn, CampaignOut, EligibilityCheckIn, EligibilityOut, HireIn,
                      OutcomeIn, ReviewIn, StepIn)

router = APIRouter(prefix="/recruitment", tags=["recruitment"])


@router.post("/eligibility-check", response_model=EligibilityOut,
             summary="Check an applicant's facts against the eligibility rule: every failed rule, zh/en")
async def eligibility_check(body: EligibilityCheckIn, principal: OfficerPrincipal,
                            service: RecruitmentServiceDep) -> EligibilityOut:
    principal.scope_prefix(body.region_code)
    return await service.evaluate(body.region_code, body, body.on or today_in_china())


@router.get("/campaigns", response_model=list[CampaignOut])
async def list_campaigns(principal: OfficerPrincipal, service: RecruitmentServiceDep,
                         region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None) -> list[CampaignOut]:
    return await service.list(principal, region)


@router.post("/campaigns", response_model=CampaignOut, status_code=201, summary="Make a recruitment plan (step 1)")
async def create_campaign(body: CampaignIn, principal: WriterPrincipal, service: RecruitmentServiceDep) -> CampaignOut:
    return await service.create(principal, body)


@router.get("/campaigns/{campaign_id}", response_model=CampaignOut)
async def get_campaign(campaign_id: uuid.UUID, principal: OfficerPrincipal,
                       service: RecruitmentServiceDep) -> CampaignOut:
    return await service.get(principal, campaign_id)


@router.post("/campaigns/{campaign_id}/review", response_model=CampaignOut,
             summary="The city's review of a county-run plan (recorded)")
async def review_campaign(campaign_id: uuid.UUID, body: ReviewIn, principal: WriterPrincipal,
                          service: RecruitmentServiceDep) -> CampaignOut:
    return await service.review(principal, campaign_id, body.note)


@router.post("/campaigns/{campaign_id}/steps", response_model=CampaignOut,
             summary="Enter the next step (in order; none skipped)")
async def advance_campaign(campaign_id: uuid.UUID, body: StepIn, principal: WriterPrincipal,
                           service: RecruitmentServiceDep) -> CampaignOut:
    return await service.advance(principal, campaign_id, body)


@router.get("/campaigns/{campaign_id}/applicants", response_model=list[ApplicantOut])
async def list_applicants(campaign_id: uuid.UUID, principal: OfficerPrincipal,
                          service: RecruitmentServiceDep) -> list[ApplicantOut]:
    return await service.applicants(principal, campaign_id)


@router.post("/campaigns/{campaign_id}/applicants", response_model=ApplicantOut, status_code=201,
             summary="Register an applicant; the eligibility review runs and is recorded")
async def register_applicant(campaign_id: uuid.UUID, body: ApplicantIn, principal: WriterPrincipal,
                             service: RecruitmentServiceDep) -> ApplicantOut:
    return await service.register(principal, campaign_id, body)


@router.post("/campaigns/{campaign_id}/applicants/{applicant_id}/outcomes", response_model=ApplicantOut,
             summary="Record or correct an eligible applicant's outcome of the written test and interview, the "
                     "medical or the background check, once the campaign has reached that step (audited)")
async def record_outcome(campaign_id: uuid.UUID, applicant_id: uuid.UUID, body: OutcomeIn, principal: WriterPrincipal,
                         service: RecruitmentServiceDep) -> ApplicantOut:
    return await service.record_outcome(principal, campaign_id, applicant_id, body)


@router.post("/campaigns/{campaign_id}/applicants/{applicant_id}/hire", response_model=ApplicantOut,
             summary="Hire a person on the public notice's list (eligible, passed the written test and "
                     "interview, the medical and the background check): creates the worker, contract and "
                     "probation, inside the quota")
async def hire_applicant(campaign_id: uuid.UUID, applicant_id: uuid.UUID, body: HireIn, principal: WriterPrincipal,
                         service: RecruitmentServiceDep) -> ApplicantOut:
    return await service.hire(principal, campaign_id, applicant_id, body)
