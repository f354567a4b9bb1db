"""Recruitment campaigns (IM art.8–12): the procedure's steps in order, none skipped; a county-run plan
needs the city's review before it is announced; applicants get an eligibility review listing every
failed rule; hiring creates the worker (contract, probation) through WorkerService inside the quota."""

from __future__ import annotations

import uuid
from datetime import date, datetime, UTC

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.problems import FieldError, Problem, field_problem, not_found
from cwm_kit.security import Principal, Role

from registry.models import audit_log
from registry.rules import service as rules
from registry.regions.models import LEVEL_BY_LENGTH, Region
from registry.workers import national_id as national_ids

from . import eligibility
from .hiring import create_worker
from .models import Applicant, Campaign, CampaignStep
from .schemas import ApplicantIn, CampaignIn, CampaignOut, EligibilityIn, EligibilityOut, HireIn, StepIn, StepOut

PROCEDURE_RULE = "recruitment.procedure"
ELIGIBILITY_RULE = "recruitment.eligibility"
REVIEW_ROLES = (Role.CITY_OFFICER, Role.PROVINCIAL_ADMIN)
ORGANISER_LEVELS = ("city", "county")


def _facts(body: EligibilityIn) -> tuple[eligibility.EligibilityFacts, national_ids.NationalId]:
    parsed = national_ids.parse(body.national_id)
    return eligibility.EligibilityFacts(
        birth_date=parsed.birth_date, education=body.education, citizen=body.citizen, groups=list(body.groups),
        street_recommended=bool(body.street_recommendation_by and body.street_recommendation_on),
        disqualifications=list(body.disqualifications)), parsed


class RecruitmentService:
    def __init__(self, session: AsyncSession):
        self.session = session

    # ---- eligibility -------------------------------------------------------------------------------
    async def evaluate(self, region_code: str, body: EligibilityIn, on: date) -> EligibilityOut:
        # Where no text in force sets conditions (NX leaves them to the county), none apply until one is published.
        if await self.session.get(Region, region_code) is None:
            # No region, no rule: "eligible" would be an answer about nowhere.
            raise field_problem("region_code", "unknown_region", f"区划 {region_code} 不存在",
                                f"no region {region_code}")
        rule = await rules.resolve(self.session, ELIGIBILITY_RULE, region_code, on)
        params = rule.params if rule is not None else {}
        facts, parsed = _facts(body)
        unknown = eligibility.unknown_codes(params, facts)
        if unknown:
            raise Problem(422, "validation_failed", "含有规则未定义的代码", "codes unknown to the eligibility rule",
                          errors=[FieldError(f, "unknown_code", f"未定义的代码 {c}", f"unknown code {c}")
                                  for f, c in unknown])
        failures, priority = eligibility.check(params, facts, on)
        return EligibilityOut(eligible=not failures, age=eligibility.age_on(parsed.birth_date, on),
                              failures=failures, priority=priority)

    # ---- campaigns ---------------------------------------------------------------------------------
    async def _campaign(self, principal: Principal, campaign_id: uuid.UUID, *, lock: bool = False) -> Campaign:
        statement = select(Campaign).where(Campaign.id == campaign_id)
        if lock:
            statement = statement.with_for_update()
        campaign = (await self.session.scalars(statement)).first()
        if campaign is None or not principal.covers(campaign.region_code):
            raise not_found("招聘活动", "recruitment campaign")
        return campaign

    async def out(self, campaign: Campaign) -> CampaignOut:
        history = (await self.session.scalars(select(CampaignStep).where(CampaignStep.campaign_id == campaign.id)
                                              .order_by(CampaignStep.step_index))).all()
        return CampaignOut.model_validate(campaign).model_copy(update={
            "history": [StepOut.model_validate(h) for h in history]})

    async def get(self, principal: Principal, campaign_id: uuid.UUID) -> CampaignOut:
        return await self.out(await self._campaign(principal, campaign_id))

    async def list(self, principal: Principal, prefix: str | None) -> list[CampaignOut]:
        scope = principal.scope_prefix(prefix)
        campaigns = (await self.session.scalars(
            select(Campaign).where(Campaign.region_code.startswith(scope, autoescape=True),
                                   principal.region_filter(Campaign.region_code))
            .order_by(Campaign.created_at.desc()))).all()
        return [CampaignOut.model_validate(c) for c in campaigns]

    async def create(self, principal: Principal, body: CampaignIn) -> CampaignOut:
        principal.ensure_can_write(body.region_code)
        if await self.session.get(Region, body.region_code) is None:
            raise not_found("地区", "region")
        level = LEVEL_BY_LENGTH[len(body.region_code)]
        if level not in ORGANISER_LEVELS:
            raise Problem(422, "validation_failed", "招聘由盟市或旗县（市、区）统一组织",
                          "recruitment is organised by a city or a county (IM art.8)",
                          errors=[FieldError("region_code", "organiser_level", "应为市或县区代码",
                                             "must be a city or county code")])
        procedure = (await rules.require(self.session, PROCEDURE_RULE, body.region_code, date.today())).params
        campaign = Campaign(region_code=body.region_code, title=body.title, positions=body.positions, step_index=0,
                            steps=list(procedure["steps"]),
                            review_required=level in procedure.get("review_by_parent_for_levels", []),
                            created_by=principal.subject)
        self.session.add(campaign)
        await self.session.flush()
        self.session.add(CampaignStep(campaign_id=campaign.id, step_index=0, step=campaign.steps[0],
                                      entered_by=principal.subject, note=None))
        await self.session.flush()
        await self.session.refresh(campaign)
        await audit.record(self.session, audit_log, principal, action="recruitment.campaign.create",
                           entity="recruitment_campaign", entity_id=campaign.id, region_code=campaign.region_code,
                           after=audit.snapshot(campaign))
        return await self.out(campaign)

    async def review(self, principal: Principal, campaign_id: uuid.UUID, note: str | None) -> CampaignOut:
        campaign = await self._campaign(principal, campaign_id, lock=True)
        principal.ensure_can_write()
        principal.ensure_role(REVIEW_ROLES)
        if len(principal.jurisdiction) >= len(campaign.region_code):
            raise Problem(403, "review_by_higher_level", "招聘方案须由上一级（市）审核，不能自审",
                          "the plan must be reviewed by the level above (the city), not by its author")
        if campaign.reviewed_at is not None:
            raise Problem(409, "already_reviewed", "招聘方案已审核", "the plan has already been reviewed")
        before = audit.snapshot(campaign)
        campaign.reviewed_by, campaign.reviewed_at = principal.subject, datetime.now(UTC)
        campaign.review_note = note
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="recruitment.campaign.review",
                           entity="recruitment_campaign", entity_id=campaign.id, region_code=campaign.region_code,
                           before=before, after=audit.snapshot(campaign))
        return await self.out(campaign)

    async def advance(self, principal: Principal, campaign_id: uuid.UUID, body: StepIn) -> CampaignOut:
        campaign = await self._campaign(principal, campaign_id, lock=True)
        principal.ensure_can_write()
        steps = campaign.steps
        if campaign.step_index + 1 >= len(steps):
            raise Problem(409, "campaign_finished", "招聘程序已完成全部步骤", "the campaign has completed every step")
        expected = steps[campaign.step_index + 1]
        if body.step != expected:
            raise Problem(409, "step_out_of_order",
                          f"招聘程序须按顺序进行，不得跳过：当前为「{steps[campaign.step_index]}」，下一步应为「{expected}」",
                          f"the procedure runs in order and no step may be skipped: current "
                          f"'{steps[campaign.step_index]}', next must be '{expected}', not '{body.step}'",
                          current_step=steps[campaign.step_index], expected_step=expected, requested_step=body.step)
        if campaign.step_index == 0 and campaign.review_required and campaign.reviewed_at is None:
            raise Problem(409, "plan_review_required", "县级组织的招聘方案须经市级审核后方可发布公告",
                          "a county-run plan needs the city's review before the announcement (IM art.8)")
        before = audit.snapshot(campaign)
        campaign.step_index += 1
        self.session.add(CampaignStep(campaign_id=campaign.id, step_index=campaign.step_index, step=expected,
                                      entered_by=principal.subject, note=body.note))
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="recruitment.campaign.advance",
                           entity="recruitment_campaign", entity_id=campaign.id, region_code=campaign.region_code,
                           before=before, after=audit.snapshot(campaign), reason=body.note)
        return await self.out(campaign)

    # ---- applicants --------------------------------------------------------------------------------
    async def register(self, principal: Principal, campaign_id: uuid.UUID, body: ApplicantIn) -> Applicant:
        campaign = await self._campaign(principal, campaign_id)
        principal.ensure_can_write()
        if campaign.steps[campaign.step_index] != "registration":
            raise Problem(409, "registration_closed", "仅在「报名与资格审查」阶段可以登记报名",
                          "applicants register only during the registration and eligibility-review step",
                          current_step=campaign.steps[campaign.step_index])
        outcome = await self.evaluate(campaign.region_code, body, date.today())
        parsed = national_ids.parse(body.national_id)
        duplicate = await self.session.scalar(select(func.count()).where(
            Applicant.campaign_id == campaign.id, Applicant.national_id == parsed.number))
        if duplicate:
            raise Problem(409, "duplicate_applicant", "该身份证号已报名本次招聘",
                          "this national ID has already registered for the campaign")
        applicant = Applicant(campaign_id=campaign.id, name=body.name, national_id=parsed.number, sex=parsed.sex,
                              birth_date=parsed.birth_date, education=body.education,
                              facts=body.model_dump(mode="json"), eligible=outcome.eligible,
                              failures=outcome.failures, priority=outcome.priority)
        self.session.add(applicant)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="recruitment.applicant.register",
                           entity="recruitment_applicant", entity_id=applicant.id, region_code=campaign.region_code,
                           after=audit.snapshot(applicant, ["id", "campaign_id", "name", "eligible", "failures"]))
        return applicant

    async def applicants(self, principal: Principal, campaign_id: uuid.UUID) -> list[Applicant]:
        campaign = await self._campaign(principal, campaign_id)
        return list((await self.session.scalars(select(Applicant).where(Applicant.campaign_id == campaign.id)
                                                .order_by(Applicant.created_at, Applicant.name))).all())

    async def hire(self, principal: Principal, campaign_id: uuid.UUID, applicant_id: uuid.UUID,
                   body: HireIn) -> Applicant:
        campaign = await self._campaign(principal, campaign_id, lock=True)
        principal.ensure_can_write(body.community_code)
        applicant = await self.session.get(Applicant, applicant_id)
        if applicant is None or applicant.campaign_id != campaign.id:
            raise not_found("报名人员", "applicant")
        if campaign.step_index != len(campaign.steps) - 1:
            raise Problem(409, "procedure_incomplete", "须完成全部招聘程序（含公示）后方可聘用",
                          "hiring comes after every step of the procedure, the public notice included",
                          current_step=campaign.steps[campaign.step_index])
        if not body.community_code.startswith(campaign.region_code):
            raise Problem(422, "validation_failed", "社区不在本次招聘的组织范围内",
                          "the community is outside the campaign's region",
                          errors=[FieldError("community_code", "outside_campaign", "社区不在招聘范围内",
                                             "community outside the campaign's region")])
        if applicant.hired_worker_id is not None:
            raise Problem(409, "already_hired", "该人员已被聘用", "the applicant has already been hired")
        if not applicant.eligible:
            raise Problem(409, "applicant_ineligible", "资格审查未通过，不能聘用",
                          "the applicant failed the eligibility review", failures=applicant.failures)
        hired = await self.session.scalar(select(func.count()).where(Applicant.campaign_id == campaign.id,
                                                                     Applicant.hired_worker_id.is_not(None)))
        if hired >= campaign.positions:
            raise Problem(409, "positions_filled", f"本次招聘的 {campaign.positions} 个岗位已聘满",
                          f"all {campaign.positions} positions of the campaign are filled")
        # The quota is checked where every hire goes through: WorkerService.create.
        worker_id = await create_worker(self.session, principal, applicant, body)
        before = audit.snapshot(applicant, ["hired_worker_id", "hired_on"])
        applicant.hired_worker_id, applicant.hired_on = worker_id, body.hired_on
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="recruitment.applicant.hire",
                           entity="recruitment_applicant", entity_id=applicant.id, region_code=body.community_code,
                           before=before, after=audit.snapshot(applicant, ["hired_worker_id", "hired_on"]))
        return applicant
