from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from cwm_kit.pagination import Page, PageDep
from cwm_kit.ready import ReadyAnswer
from cwm_kit.security import CurrentPrincipal, WorkerPrincipal

from assessment.clock import TodayDep
from assessment.vocabulary import Status

from .dependencies import AssessmentServiceDep, ReadingAssessmentServiceDep
from .schemas import (AssessmentDetail, AssessmentOut, CycleObjectionOut, DailyRecordsIn, DailyRecordsSaved, DecisionIn, ExitFlag,
                      MyAssessment, ObjectionIn, ObjectionOut, ProposalIn, ReasonIn, ResolutionIn, SatisfactionIn,
                      TextIn, UnitDecided, UnitDecisionIn, UnitFinalizationIn, UnitFinalized)

router = APIRouter(tags=["assessments"])
me_router = APIRouter(prefix="/me", tags=["worker self-service"])

# Stored per worker and day (whether an objection is open depends on the day), sent again while the worker's
# assessments, objections and results and the cycles are unchanged (ADR 0011).
MY_ASSESSMENTS = ReadyAnswer("assessments", list[MyAssessment], "assessment", path="/v1/me/assessments")


@router.get("/cycles/{cycle_id}/assessments", response_model=Page[AssessmentOut],
            summary="Assessees of a cycle inside the caller's jurisdiction")
async def list_assessments(
    cycle_id: UUID, principal: CurrentPrincipal, service: AssessmentServiceDep, params: PageDep,
    township: Annotated[str | None, Query(pattern=r"^\d{9}$")] = None,
    status: Annotated[Status | None, Query()] = None,
) -> Page[AssessmentOut]:
    items, total = await service.list(principal, cycle_id, params, township, status)
    return Page(items=items, total=total, page=params.page, size=params.size)


@router.put("/cycles/{cycle_id}/daily-records", response_model=DailyRecordsSaved,
            summary="Save daily-management records (monthly or quarterly) for many workers at once")
async def save_daily_records(cycle_id: UUID, body: DailyRecordsIn, principal: CurrentPrincipal,
                             service: AssessmentServiceDep) -> DailyRecordsSaved:
    return DailyRecordsSaved(saved=await service.save_daily_records(principal, cycle_id, body))


@router.post("/cycles/{cycle_id}/decisions", response_model=UnitDecided,
             summary="Decide many proposals of one township as proposed (quota checked for the whole set)")
async def decide_unit(cycle_id: UUID, body: UnitDecisionIn, principal: CurrentPrincipal,
                      service: AssessmentServiceDep, today: TodayDep) -> UnitDecided:
    return await service.decide_unit(principal, cycle_id, body, today)


@router.post("/cycles/{cycle_id}/finalization", response_model=UnitFinalized,
             summary="Finalize every result of a township whose notice ended with no open objection")
async def finalize_unit(cycle_id: UUID, body: UnitFinalizationIn, principal: CurrentPrincipal,
                        service: AssessmentServiceDep, today: TodayDep) -> UnitFinalized:
    return UnitFinalized(finalized=await service.finalize_unit(principal, cycle_id, body.township_code, today))


@router.get("/cycles/{cycle_id}/exit-flags", response_model=list[ExitFlag],
            summary="Assessees whose absences reach the plan's exit limits (for a person to decide)")
async def exit_flags(cycle_id: UUID, principal: CurrentPrincipal, service: AssessmentServiceDep) -> list[ExitFlag]:
    return await service.exit_flags(principal, cycle_id)


@router.get("/cycles/{cycle_id}/objections", response_model=list[CycleObjectionOut],
            summary="Objections raised in a cycle (e.g. the open ones to resolve)")
async def cycle_objections(cycle_id: UUID, principal: CurrentPrincipal, service: AssessmentServiceDep,
                           status: Annotated[Literal["open", "upheld", "rejected"] | None, Query()] = None,
                           ) -> list[CycleObjectionOut]:
    return await service.objections(principal, cycle_id, status)


@router.get("/assessments/{assessment_id}", response_model=AssessmentDetail)
async def get_assessment(assessment_id: UUID, principal: CurrentPrincipal,
                         service: AssessmentServiceDep) -> AssessmentDetail:
    return await service.detail(principal, assessment_id)


@router.put("/assessments/{assessment_id}/satisfaction", response_model=AssessmentDetail,
            summary="Record the residents' satisfaction survey (votes per option or a score)")
async def record_satisfaction(assessment_id: UUID, body: SatisfactionIn, principal: CurrentPrincipal,
                              service: AssessmentServiceDep) -> AssessmentDetail:
    return await service.record_satisfaction(principal, assessment_id, body)


@router.put("/assessments/{assessment_id}/review", response_model=AssessmentDetail,
            summary="The community's review of the worker (party secretary)")
async def community_review(assessment_id: UUID, body: TextIn, principal: CurrentPrincipal,
                           service: AssessmentServiceDep) -> AssessmentDetail:
    return await service.community_review(principal, assessment_id, body)


@router.post("/assessments/{assessment_id}/proposal", response_model=AssessmentDetail,
             summary="Propose a result and score (community party secretary)")
async def propose(assessment_id: UUID, body: ProposalIn, principal: CurrentPrincipal,
                  service: AssessmentServiceDep) -> AssessmentDetail:
    return await service.propose(principal, assessment_id, body)


@router.post("/assessments/{assessment_id}/decision", response_model=AssessmentDetail,
             summary="Decide the result (township party committee); starts the public notice")
async def decide(assessment_id: UUID, body: DecisionIn, principal: CurrentPrincipal, service: AssessmentServiceDep,
                 today: TodayDep) -> AssessmentDetail:
    return await service.decide(principal, assessment_id, body, today)


@router.post("/assessments/{assessment_id}/finalization", response_model=AssessmentDetail,
             summary="Make the result final after the notice period with no open objections")
async def finalize(assessment_id: UUID, principal: CurrentPrincipal, service: AssessmentServiceDep,
                   today: TodayDep) -> AssessmentDetail:
    return await service.finalize(principal, assessment_id, today)


@router.post("/assessments/{assessment_id}/reopening", response_model=AssessmentDetail,
             summary="Reopen a final result for correction (reason required, audited)")
async def reopen(assessment_id: UUID, body: ReasonIn, principal: CurrentPrincipal,
                 service: AssessmentServiceDep) -> AssessmentDetail:
    return await service.reopen(principal, assessment_id, body)


@router.put("/assessments/{assessment_id}/tolerance", response_model=AssessmentDetail,
            summary="Record error tolerance (容错) with its reason")
async def record_tolerance(assessment_id: UUID, body: ReasonIn, principal: CurrentPrincipal,
                           service: AssessmentServiceDep) -> AssessmentDetail:
    return await service.record_tolerance(principal, assessment_id, body)


@router.post("/objections/{objection_id}/resolution", response_model=ObjectionOut,
             summary="Resolve a worker's objection (township party committee)")
async def resolve_objection(objection_id: UUID, body: ResolutionIn, principal: CurrentPrincipal,
                            service: AssessmentServiceDep) -> ObjectionOut:
    return await service.resolve_objection(principal, objection_id, body)


@me_router.get("/assessments", response_model=list[MyAssessment], summary="My assessments, every year")
async def my_assessments(request: Request, principal: WorkerPrincipal, service: ReadingAssessmentServiceDep,
                         today: TodayDep) -> Response:
    return await MY_ASSESSMENTS.respond(request, service.repository.session, principal, as_of=today,
                                        compute=lambda: service.mine(principal, today))


@me_router.post("/assessments/{assessment_id}/objections", response_model=ObjectionOut, status_code=201,
                summary="Object to my result during the public notice")
async def object_to_result(assessment_id: UUID, body: ObjectionIn, principal: WorkerPrincipal,
                           service: AssessmentServiceDep, today: TodayDep) -> ObjectionOut:
    return await service.object(principal, assessment_id, body, today)


@me_router.put("/assessments/{assessment_id}/summary", response_model=MyAssessment,
               summary="My own year summary (before the decision)")
async def my_summary(assessment_id: UUID, body: TextIn, principal: WorkerPrincipal,
                     service: AssessmentServiceDep, today: TodayDep) -> MyAssessment:
    return await service.self_summary(principal, assessment_id, body, today)
