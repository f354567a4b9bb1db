"""Recruitment campaigns (IM art.8–12): the procedure's steps in order, none skipped; a county-run plan
needs the city's review before it is announced; applicants get an eligibility review listing every
failed rule; each eligible applicant's outcome of the written test and interview, the medical and the
background check (art.8 (四)–(六)) is recorded once the campaign has reached that step; the eligible who passed
all three make the list of the public notice (art.8 (七)), and only they can be hired: hiring creates the worker
(contract, probation) through WorkerService inside the quota."""

from __future__ import annotations

import uuid
from datetime import date, datetime, UTC

from sqlalchemy import false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import today_in_china
from cwm_kit.problems import FieldError, Problem, field_problem, not_found
from cwm_kit.security import Principal, Role

from registry.composition.service import EXCLUSION_RULE
from registry.flags.retirement import retirement_date
from registry.models import audit_log
from registry.rules import service as rules
from registry.regions.models import LEVEL_BY_LENGTH, Region
from registry.worker_records import date_fault, refuse_date_faults
from registry.workers import national_id as national_ids
from registry.workers.models import Worker

from . import eligibility
from .hiring import create_worker
from .models import Applicant, Campaign, CampaignStep
from .schemas import (OUTCOME_STEPS, ApplicantIn, ApplicantOut, ApplicantOutcomesOut, CampaignIn, CampaignOut,
                      EligibilityIn, EligibilityOut, HireIn, OutcomeIn, StepIn, StepOut)

PROCEDURE_RULE = "recruitment.procedure"
ELIGIBILITY_RULE = "recruitment.eligibility"
RETIREMENT_RULE = "retirement.age"
REVIEW_ROLES = (Role.CITY_OFFICER, Role.PROVINCIAL_ADMIN)
ORGANISER_LEVELS = ("city", "county")
PUBLIC_NOTICE_STEP = "public_notice"
# The procedure's steps (IM art.8 (一)–(七)) in words, as the SPA names them;
# a step a later procedure adds shows as its code until named here.
STEP_TEXT = {"plan": ("制定招聘方案", "the plan"), "announcement": ("发布招聘公告", "the announcement"),
             "registration": ("报名与资格审查", "registration and eligibility review"),
             "exam": ("笔试与面试", "the written test and interview"), "medical": ("体检", "the medical"),
             "background_check": ("考察", "the background check"),
             "public_notice": ("公示拟聘用人员名单", "the public notice of the list")}
# Refusal codes (the rule each names).
STEP_NOT_REACHED = "step_not_reached"
STEP_NOT_IN_PROCEDURE = "step_not_in_procedure"
NOTICE_PUBLISHED = "public_notice_published"
STEP_OUTCOME_MISSING = "step_outcome_missing"
STEP_FAILED = "step_failed"
NOT_ORGANISER = "not_organiser"


def step_text(step: str) -> tuple[str, str]:
    return STEP_TEXT.get(step, (step, step))


def outcome_steps(campaign: Campaign) -> list[str]:
    """The steps of the campaign's procedure whose outcome is recorded per applicant, in the procedure's order."""
    return [step for step in campaign.steps if step in OUTCOME_STEPS]


def applicant_out(campaign: Campaign, applicant: Applicant) -> ApplicantOut:
    recorded = applicant.outcomes or {}
    steps = outcome_steps(campaign)
    outcomes = ApplicantOutcomesOut.model_validate({step: recorded.get(step) if step in steps else None
                                                    for step in OUTCOME_STEPS})
    return ApplicantOut(
        id=applicant.id, campaign_id=applicant.campaign_id, name=applicant.name, sex=applicant.sex,
        birth_date=applicant.birth_date, education=applicant.education, eligible=applicant.eligible,
        failures=applicant.failures, priority=applicant.priority, hired_worker_id=applicant.hired_worker_id,
        hired_on=applicant.hired_on, outcomes=outcomes,
        on_public_notice_list=on_public_notice_list(campaign, applicant))


def outcome_problems(campaign: Campaign, applicant: Applicant) -> list[FieldError]:
    """Every outcome step the applicant has not passed (missing or failed), in the procedure's order."""
    recorded = applicant.outcomes or {}
    problems = []
    for step in outcome_steps(campaign):
        zh, en = step_text(step)
        outcome = recorded.get(step)
        if outcome is None:
            problems.append(FieldError(f"outcomes.{step}", STEP_OUTCOME_MISSING, f"未录入{zh}结果",
                                       f"no outcome of {en} is recorded", step=step))
        elif not outcome.get("passed"):
            problems.append(FieldError(f"outcomes.{step}", STEP_FAILED, f"{zh}未通过", f"did not pass {en}",
                                       step=step))
    return problems


def on_public_notice_list(campaign: Campaign, applicant: Applicant) -> bool:
    """Eligible and passed every outcome step of the procedure: a person proposed for hiring (IM art.8 (七))."""
    return applicant.eligible and not outcome_problems(campaign, applicant)


def _facts(body: EligibilityIn, on: date) -> tuple[eligibility.EligibilityFacts, national_ids.NationalId]:
    parsed = national_ids.parse(body.national_id)
    # A recommendation counts from its date: a check as of an earlier day does not see it.
    recommended_on = body.street_recommendation_on
    return eligibility.EligibilityFacts(
        birth_date=parsed.birth_date, education=body.education, citizen=body.citizen, groups=list(body.groups),
        street_recommended=bool(body.street_recommendation_by and recommended_on and recommended_on <= on),
        disqualifications=list(body.disqualifications)), parsed


def ancestors(code: str) -> list[str]:
    """The codes of the regions above `code` (a township's county and city; the province)."""
    return [code[:length] for length in sorted(LEVEL_BY_LENGTH) if length < len(code)]


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
        if body.street_recommendation_on is not None:
            refuse_date_faults([date_fault("street_recommendation_on", body.street_recommendation_on, "街道推荐日期",
                                           "the street recommendation's date", today=today_in_china())])
        rule = await rules.resolve(self.session, ELIGIBILITY_RULE, region_code, on)
        params = rule.params if rule is not None else {}
        facts, parsed = _facts(body, on)
        unknown = eligibility.unknown_codes(params, facts)
        if unknown:
            raise Problem(422, "validation_failed", "含有规则未定义的代码", "codes unknown to the eligibility rule",
                          errors=[FieldError(f, "unknown_code", f"未定义的代码 {c}", f"unknown code {c}")
                                  for f, c in unknown])
        failures, priority = eligibility.check(params, facts, on,
                                               await self._retirement(region_code, parsed, on))
        return EligibilityOut(eligible=not failures, age=eligibility.age_on(parsed.birth_date, on),
                              failures=failures, priority=priority)

    async def _retirement(self, region_code: str, parsed: national_ids.NationalId,
                          on: date) -> eligibility.RetirementLimit | None:
        """The person's statutory retirement date by the rule in force, and the local text excluding retirees."""
        rule = await rules.resolve(self.session, RETIREMENT_RULE, region_code, on)
        if rule is None or parsed.sex not in rule.params.get("by_sex", {}):
            return None
        exclusions = await rules.resolve(self.session, EXCLUSION_RULE, region_code, on)
        excluded_by = (exclusions.provenance["excluded"]["source"]
                       if exclusions is not None and "retired" in (exclusions.params.get("excluded") or []) else None)
        return eligibility.RetirementLimit(on=retirement_date(rule.params, parsed.sex, parsed.birth_date),
                                           source=rule.source, retirees_excluded_by=excluded_by)

    # ---- campaigns ---------------------------------------------------------------------------------
    # A campaign is organised by a city or a county (IM art.8; CENTRAL §1). Its organiser — an officer whose
    # jurisdiction covers its region — runs it. An officer below it (a township of the county) sees it, runs the
    # eligibility pre-check, and sees the applicants hired into their own communities; writes stay with the organiser.
    @staticmethod
    def _sees(principal: Principal, campaign: Campaign) -> bool:
        return principal.covers(campaign.region_code) or (
            principal.is_officer and principal.jurisdiction.startswith(campaign.region_code))

    async def _campaign(self, principal: Principal, campaign_id: uuid.UUID, *, lock: bool = False,
                        write: bool = False) -> Campaign:
        """The campaign as `principal` may see it (404 otherwise); with `write`, only for its organiser (403 for an
        officer who only sees it), and only for a role that writes."""
        statement = select(Campaign).where(Campaign.id == campaign_id)
        if lock:
            statement = statement.with_for_update()
        campaign = (await self.session.scalars(statement)).first()
        if campaign is None or not self._sees(principal, campaign):
            raise not_found("招聘活动", "recruitment campaign")
        if write:
            if not principal.covers(campaign.region_code):
                region = await self.session.get(Region, campaign.region_code)
                name = region.name if region is not None else campaign.region_code
                raise Problem(403, NOT_ORGANISER,
                              f"本次招聘由{name}（{campaign.region_code}）组织，由其办理；下级只能查看和资格预审",
                              f"the campaign is organised by {name} ({campaign.region_code}) and run by it; a level "
                              f"below may only view it and pre-check eligibility", organiser=campaign.region_code)
            principal.ensure_can_write()
        return campaign

    async def out(self, campaign: Campaign) -> CampaignOut:
        history = (await self.session.scalars(select(CampaignStep).where(CampaignStep.campaign_id == campaign.id)
                                              .order_by(CampaignStep.step_index))).all()
        return CampaignOut.model_validate(campaign).model_copy(update={
            "history": [StepOut.model_validate(h) for h in history]})

    async def get(self, principal: Principal, campaign_id: uuid.UUID) -> CampaignOut:
        return await self.out(await self._campaign(principal, campaign_id))

    async def list(self, principal: Principal, prefix: str | None) -> list[CampaignOut]:
        """The campaigns inside the scope and those organised above it (a township's county and city)."""
        scope = principal.scope_prefix(prefix)
        inside = Campaign.region_code.startswith(scope, autoescape=True) & principal.region_filter(Campaign.region_code)
        above = Campaign.region_code.in_(ancestors(scope)) if principal.is_officer else false()
        campaigns = (await self.session.scalars(
            select(Campaign).where(inside | above).order_by(Campaign.created_at.desc()))).all()
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
        procedure = (await rules.require(self.session, PROCEDURE_RULE, body.region_code, today_in_china())).params
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
        campaign = await self._campaign(principal, campaign_id, lock=True, write=True)
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
        campaign = await self._campaign(principal, campaign_id, lock=True, write=True)
        steps = campaign.steps
        if campaign.step_index + 1 >= len(steps):
            raise Problem(409, "campaign_finished", "招聘程序已完成全部步骤", "the campaign has completed every step")
        expected = steps[campaign.step_index + 1]
        if body.step != expected:
            current_zh, current_en = step_text(steps[campaign.step_index])
            expected_zh, expected_en = step_text(expected)
            raise Problem(409, "step_out_of_order",
                          f"招聘程序须按顺序进行，不得跳过：当前为「{current_zh}」，下一步应为「{expected_zh}」",
                          f"the procedure runs in order and no step may be skipped: current step {current_en}, "
                          f"next must be {expected_en}, not '{body.step}'",
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
    async def register(self, principal: Principal, campaign_id: uuid.UUID, body: ApplicantIn) -> ApplicantOut:
        campaign = await self._campaign(principal, campaign_id, write=True)
        if campaign.steps[campaign.step_index] != "registration":
            raise Problem(409, "registration_closed", "仅在「报名与资格审查」阶段可以登记报名",
                          "applicants register only during the registration and eligibility-review step",
                          current_step=campaign.steps[campaign.step_index])
        outcome = await self.evaluate(campaign.region_code, body, today_in_china())
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
        return applicant_out(campaign, applicant)

    async def applicants(self, principal: Principal, campaign_id: uuid.UUID) -> list[ApplicantOut]:
        """All applicants for the organiser. An officer below it sees only those hired into a community of their
        jurisdiction: an applicant names no community before the hire, so no other applicant is theirs to see."""
        campaign = await self._campaign(principal, campaign_id)
        statement = select(Applicant).where(Applicant.campaign_id == campaign.id)
        if not principal.covers(campaign.region_code):
            statement = statement.join(Worker, Worker.id == Applicant.hired_worker_id).where(
                principal.region_filter(Worker.community_code))
        rows = (await self.session.scalars(statement.order_by(Applicant.created_at, Applicant.name))).all()
        return [applicant_out(campaign, a) for a in rows]

    async def _applicant(self, campaign: Campaign, applicant_id: uuid.UUID, *, lock: bool = False) -> Applicant:
        statement = select(Applicant).where(Applicant.id == applicant_id, Applicant.campaign_id == campaign.id)
        if lock:
            statement = statement.with_for_update()
        applicant = (await self.session.scalars(statement)).first()
        if applicant is None:
            raise not_found("报名人员", "applicant")
        return applicant

    async def record_outcome(self, principal: Principal, campaign_id: uuid.UUID, applicant_id: uuid.UUID,
                             body: OutcomeIn) -> ApplicantOut:
        """Record (or correct) one eligible applicant's outcome of the written test and interview, the medical or
        the background check, once the campaign has reached that step. Once the public notice is published the
        list it published is not added to: only a 未通过 (an objection upheld during the notice) may still be
        recorded, for someone not yet hired."""
        campaign = await self._campaign(principal, campaign_id, lock=True, write=True)
        applicant = await self._applicant(campaign, applicant_id, lock=True)
        steps = campaign.steps
        zh, en = step_text(body.step)
        current = steps[campaign.step_index]
        if body.step not in steps:
            raise Problem(422, "validation_failed", f"本次招聘程序不含「{zh}」", f"the campaign's procedure has no {en}",
                          errors=[FieldError("step", STEP_NOT_IN_PROCEDURE, f"招聘程序不含{zh}",
                                             f"{en} is not a step of the procedure")])
        if campaign.step_index < steps.index(body.step):
            raise Problem(409, STEP_NOT_REACHED,
                          f"招聘程序尚未进入「{zh}」（当前为「{step_text(current)[0]}」），不能录入其结果",
                          f"the campaign has not reached {en} (current step: {step_text(current)[1]}): its outcome "
                          f"cannot be recorded yet", current_step=current, step=body.step,
                          errors=[FieldError("step", STEP_NOT_REACHED, f"尚未进入{zh}阶段",
                                             f"the campaign has not reached {en}")])
        if applicant.hired_worker_id is not None:
            raise Problem(409, "already_hired", "该人员已被聘用，不能再录入或更正考试、体检、考察结果",
                          "the applicant has already been hired: outcomes can no longer be recorded or corrected")
        if not applicant.eligible:
            raise Problem(409, "applicant_ineligible", "资格审查未通过，不参加后续笔试面试、体检和考察",
                          "the applicant failed the eligibility review and takes no further step",
                          failures=applicant.failures,
                          errors=[FieldError("applicant_id", "applicant_ineligible", "资格审查未通过",
                                             "failed the eligibility review")])
        if body.score is not None and body.step != "exam":
            raise field_problem("score", "score_exam_only", "只有笔试与面试有成绩",
                                "only the written test and interview has a score")
        notice = steps.index(PUBLIC_NOTICE_STEP) if PUBLIC_NOTICE_STEP in steps else len(steps)
        if campaign.step_index >= notice and body.passed:
            raise Problem(409, NOTICE_PUBLISHED,
                          f"拟聘用人员名单已公示：不能再将{zh}结果录为通过（公示后不得增补名单，只能因异议录为未通过）",
                          f"the list has been publicly notified: {en} can no longer be recorded as passed (no one "
                          f"joins a list after its notice; only a failure, e.g. an objection upheld, may be recorded)",
                          current_step=current, step=body.step,
                          errors=[FieldError("passed", NOTICE_PUBLISHED, "公示后只能录为未通过",
                                             "after the notice only a failure may be recorded")])
        recorded = dict(applicant.outcomes or {})
        previous = recorded.get(body.step)
        entry = {"passed": body.passed, "score": str(body.score) if body.score is not None else None,
                 "note": body.note, "recorded_by": principal.subject, "recorded_at": datetime.now(UTC).isoformat()}
        recorded[body.step] = entry
        applicant.outcomes = recorded
        await self.session.flush()
        await audit.record(self.session, audit_log, principal,
                           action="recruitment.applicant.outcome.correct" if previous else "recruitment.applicant.outcome",
                           entity="recruitment_applicant", entity_id=applicant.id, region_code=campaign.region_code,
                           before={"step": body.step, "outcome": previous}, after={"step": body.step, "outcome": entry},
                           reason=body.note)
        return applicant_out(campaign, applicant)

    async def hire(self, principal: Principal, campaign_id: uuid.UUID, applicant_id: uuid.UUID,
                   body: HireIn) -> ApplicantOut:
        campaign = await self._campaign(principal, campaign_id, lock=True, write=True)
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
        missing = outcome_problems(campaign, applicant)
        if missing:
            # Only the persons on the public notice's list (eligible, passed all three) are hired (IM art.8).
            first = missing[0]
            code = STEP_FAILED if any(p["code"] == STEP_FAILED for p in missing) else STEP_OUTCOME_MISSING
            zh = "；".join(p["message_zh"] for p in missing)
            en = "; ".join(p["message_en"] for p in missing)
            raise Problem(409, code, f"不在公示拟聘用人员名单上，不能聘用：{zh}",
                          f"not on the public notice's list of persons to be hired: {en}",
                          step=first["step"], steps=[p["step"] for p in missing], errors=missing)
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
                           before=before, after=audit.snapshot(applicant, ["hired_worker_id", "hired_on"]),
                           worker_id=worker_id)
        return applicant_out(campaign, applicant)
