"""The assessment workflow (POLICY.md §8, SS §4.4): inputs → proposal by the community party secretary →
decision by the township party committee under the excellent quota → public notice with objections → final.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from typing import Any
from uuid import UUID

from cwm_kit import audit
from cwm_kit.context import request_id_var
from cwm_kit.pagination import PageParams, paginate
from cwm_kit.problems import FieldError, Problem, field_problem, not_found
from cwm_kit.security import Principal, Role

from assessment.cycles.models import Cycle
from assessment.cycles.service import cycle_visible, region_name
from assessment.duties import DECIDERS, PROPOSERS, ensure_may_decide
from assessment.models import audit_log
from assessment.vocabulary import Result, Status, option_zh, status_zh

from .absences import longest_streak, period_days, period_months
from .models import Assessment, Objection
from .repository import AssessmentRepository
from .schemas import (AssessmentDetail, AssessmentOut, CycleObjectionOut, DailyRecordOut, DailyRecordsIn, DecisionIn, EventOut, ExitFlag,
                      MyAssessment, ObjectionIn, ObjectionOut, ProposalIn, ReasonIn, ResolutionIn, SatisfactionIn,
                      SatisfactionOut, Suggestion, TextIn, UnitDecided, UnitDecisionIn)

TWO_PLACES = Decimal("0.01")
RECORD_KEEPERS = (Role.PARTY_SECRETARY, Role.TOWNSHIP_OFFICER)
CORRECTORS = (Role.TOWNSHIP_OFFICER, Role.COUNTY_OFFICER)


def two_places(value: Decimal) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_score(plan: dict[str, Any], scores: dict[str, Decimal]) -> Decimal:
    """Σ weight × dimension score / 100, two places half-up."""
    return two_places(sum((Decimal(d["weight"]) * scores[d["code"]] for d in plan["dimensions"]), Decimal(0)) / 100)


def result_for(plan: dict[str, Any], score: Decimal) -> Result:
    for threshold in plan["thresholds"]:
        if score >= Decimal(threshold["min_score"]):
            return Result(threshold["result"])
    return Result.INCOMPETENT


def excellent_limit(plan: dict[str, Any], assessed: int) -> int | None:
    """Most 优秀 a unit may have: quota percent of those assessed, rounded per the plan (default floor); None
    where the plan has no share (no text in force caps 优秀)."""
    if plan.get("excellent_quota_percent") is None:
        return None
    exact = Decimal(assessed) * Decimal(plan["excellent_quota_percent"]) / 100
    rounding = plan.get("excellent_quota_rounding", "floor")
    if rounding == "ceil":
        return math.ceil(exact)
    if rounding == "half_up":
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return math.floor(exact)


def satisfaction_score(option_scores: dict[str, Any], votes: dict[str, int]) -> Decimal:
    """Votes-weighted mean of the options' scores over the votes cast, two places half-up."""
    cast = sum(votes.values())
    return two_places(sum((Decimal(option_scores[o]) * n for o, n in votes.items()), Decimal(0)) / cast)


def absence_flags(plan: dict[str, Any], absent_days: int, longest_streak: int) -> list[str]:
    rule = plan.get("absence_exit")
    flags: list[str] = []
    if not rule:
        return flags
    if longest_streak >= int(rule["consecutive_days"]):
        flags.append("absence_consecutive")
    if absent_days > int(rule["total_days_over"]):
        flags.append("absence_total")
    return flags


def in_notice(assessment: Assessment, today: date) -> bool:
    """The public notice is running: objections are possible."""
    return (assessment.status == Status.NOTICE and assessment.notice_from is not None
            and assessment.notice_until is not None and assessment.notice_from <= today <= assessment.notice_until)


def step_problem(assessment: Assessment, wanted: str, step_zh: str, step_en: str) -> Problem:
    """`wanted`: the states the step needs, "pending/proposed"; the Chinese message names them in words."""
    wanted_zh = "或".join(f"“{status_zh(s)}”" for s in wanted.split("/"))
    return Problem(409, "wrong_step", f"当前状态为“{status_zh(assessment.status)}”，{step_zh}需要状态为{wanted_zh}",
                   f"the assessment is {assessment.status}; {step_en} needs it to be {wanted}",
                   status_now=assessment.status)


class AssessmentService:
    def __init__(self, repository: AssessmentRepository):
        self.repository = repository

    @property
    def session(self):
        return self.repository.session

    # ---------------------------------------------------------------- reading

    async def _visible(self, principal: Principal, assessment_id: UUID, *, for_update: bool = False) -> Assessment:
        assessment = await self.repository.get(assessment_id, for_update=for_update)
        if assessment is None or not principal.can_see_record(assessment.community_code, assessment.worker_id):
            raise not_found("考核记录", "assessment")
        return assessment

    async def _writable(self, principal: Principal, assessment_id: UUID, roles: tuple[Role, ...]) -> Assessment:
        assessment = await self._visible(principal, assessment_id, for_update=True)
        principal.ensure_can_write()
        principal.ensure_role(roles)
        if principal.worker_id is not None and principal.worker_id == str(assessment.worker_id):
            # A secretary or officer who is also a community worker is assessed by others, never by themselves.
            raise Problem(403, "own_assessment", "不能对本人的考核提出建议或作出决定",
                          "nobody proposes or decides their own assessment")
        if assessment.historical:
            raise Problem(409, "historical_result", "历史考核结果不走考核流程，请用历史结果更正",
                          "a historical result has no workflow: correct it through /v1/historical-results")
        return assessment

    async def _cycle(self, principal: Principal, cycle_id: UUID) -> Cycle:
        cycle = await self.session.get(Cycle, cycle_id)
        if cycle is None or not cycle_visible(principal, cycle):
            raise not_found("考核周期", "assessment cycle")
        return cycle

    async def list(self, principal: Principal, cycle_id: UUID, params: PageParams, township: str | None,
                   status: Status | None) -> tuple[list[AssessmentOut], int]:
        await self._cycle(principal, cycle_id)
        statement = self.repository.in_cycle(principal, cycle_id).order_by(Assessment.community_code,
                                                                          Assessment.worker_name, Assessment.id)
        if township:
            statement = statement.where(Assessment.township_code == township)
        if status:
            statement = statement.where(Assessment.status == status.value)
        rows, total = await paginate(self.session, statement, params)
        return [AssessmentOut.model_validate(r) for r in rows], total

    async def suggestion(self, assessment: Assessment, plan: dict[str, Any]) -> Suggestion:
        daily = await self.repository.daily_average(assessment.id)
        survey = await self.repository.satisfaction(assessment.id)
        scores: dict[str, Decimal | None] = {}
        for dimension in plan["dimensions"]:
            source = dimension.get("source", "manual")
            if source == "daily":
                scores[dimension["code"]] = two_places(daily) if daily is not None else None
            elif source == "satisfaction":
                scores[dimension["code"]] = survey.score if survey is not None else None
            else:
                scores[dimension["code"]] = None
        missing = [code for code, value in scores.items() if value is None]
        total = None if missing else weighted_score(plan, scores)  # type: ignore[arg-type]
        return Suggestion(dimension_scores=scores, score=total,
                          result=result_for(plan, total) if total is not None else None, missing=missing)

    async def detail(self, principal: Principal, assessment_id: UUID) -> AssessmentDetail:
        assessment = await self._visible(principal, assessment_id)
        if principal.is_worker:
            raise not_found("考核记录", "assessment")  # workers use /v1/me/assessments
        plan = await self.repository.plan_of(assessment)
        records = await self.repository.daily_records(assessment.id)
        survey = await self.repository.satisfaction(assessment.id)
        flags = absence_flags(plan, sum(r.absent_days for r in records), longest_streak(records)) if plan else []
        return AssessmentDetail.model_validate(assessment).model_copy(update={
            "history": [EventOut.model_validate(e) for e in await self.repository.history(assessment.id)],
            "daily_records": [DailyRecordOut.model_validate(r) for r in records],
            "satisfaction": SatisfactionOut.model_validate(survey) if survey else None,
            "objections": [ObjectionOut.model_validate(o) for o in await self.repository.objections([assessment.id])],
            "suggestion": await self.suggestion(assessment, plan) if plan else None,
            "flags": flags,
        })

    async def exit_flags(self, principal: Principal, cycle_id: UUID) -> list[ExitFlag]:
        cycle = await self._cycle(principal, cycle_id)
        out = []
        for _, group in groupby(await self.repository.absence_records(cycle_id, principal), key=lambda r: r.id):
            rows = list(group)
            absent_days, longest = sum(int(r.absent_days) for r in rows), longest_streak(rows)
            flags = absence_flags(cycle.plan, absent_days, longest)
            if flags:
                row = rows[0]
                out.append(ExitFlag(assessment_id=row.id, worker_id=row.worker_id, worker_name=row.worker_name,
                                    community_code=row.community_code, absent_days=absent_days,
                                    longest_absence_streak=longest, flags=flags))
        return out

    async def objections(self, principal: Principal, cycle_id: UUID, status: str | None) -> list[CycleObjectionOut]:
        await self._cycle(principal, cycle_id)
        return [CycleObjectionOut(**ObjectionOut.model_validate(objection).model_dump(),
                                  worker_id=objection.worker_id, worker_name=worker_name,
                                  community_code=community_code)
                for objection, worker_name, community_code in
            await self.repository.cycle_objections(principal, cycle_id, status)]

    # ---------------------------------------------------------------- inputs

    async def save_daily_records(self, principal: Principal, cycle_id: UUID, body: DailyRecordsIn) -> int:
        cycle = await self._cycle(principal, cycle_id)
        principal.ensure_can_write()
        principal.ensure_role(RECORD_KEEPERS)
        # Locked: a concurrent save of the same worker's other periods is checked against this one.
        listed = await self.repository.by_workers(cycle_id, list({r.worker_id for r in body.records}),
                                                  for_update=True)
        errors = []
        seen: set[tuple[UUID, str]] = set()
        # Months covered per worker, by the periods recorded (stored, then this request's): a month is recorded
        # monthly or in its quarter, never both (its absences would count twice).
        stored = await self.repository.daily_periods([a.id for a in listed.values()])
        covered: dict[UUID, dict[str, set[int]]] = {
            worker_id: {p: set(period_months(p)) for p in stored.get(a.id, [])} for worker_id, a in listed.items()}
        for index, record in enumerate(body.records):
            assessment = listed.get(record.worker_id)
            if assessment is None or not principal.covers(assessment.community_code):
                errors.append(FieldError(f"records.{index}.worker_id", "not_listed",
                                         "该工作者不在本周期考核名单中或不在您的管辖范围内",
                                         "worker not listed in this cycle or outside your jurisdiction"))
            elif assessment.status == Status.FINAL:
                errors.append(FieldError(f"records.{index}.worker_id", "already_final", "考核结果已确定，不能再改日常记录",
                                         "the result is final; daily records can no longer change"))
            if not record.period.startswith(f"{cycle.year}-"):
                errors.append(FieldError(f"records.{index}.period", "outside_year", f"期间须在 {cycle.year} 年内",
                                         f"period must lie in {cycle.year}"))
            if (record.worker_id, record.period) in seen:
                errors.append(FieldError(f"records.{index}.period", "duplicate", "同一期间重复", "period given twice"))
            seen.add((record.worker_id, record.period))
            errors += self._period_overlap(index, record.period, covered.setdefault(record.worker_id, {}))
            errors += self._absences_fit(index, record)
        if errors:
            raise Problem(422, "validation_failed", "日常考核记录校验失败", "daily records failed validation",
                          errors=errors)
        rows = [{"assessment_id": listed[r.worker_id].id, "period": r.period, "score": r.score,
                 "absent_days": r.absent_days, "longest_absence_streak": r.longest_absence_streak,
                 "absent_at_start": r.absent_at_start, "absent_at_end": r.absent_at_end}
                for r in body.records]
        before = await self.repository.existing_daily([(r["assessment_id"], r["period"]) for r in rows])
        await self.repository.upsert_daily(rows)
        await audit.record(self.session, audit_log, principal, action="daily_records.save", entity="cycle",
                           entity_id=cycle.id, region_code=cycle.county_code,
                           before=[dict(row._mapping) for row in before],
                           after=[r.model_dump(mode="json") for r in body.records])
        return len(rows)

    @staticmethod
    def _period_overlap(index: int, period: str, covered: dict[str, set[int]]) -> list[FieldError]:
        """A monthly and a quarterly record of the same months (2025-01..03 and 2025-Q1) would count the
        absences twice: refused, naming the period and what it overlaps. Rewriting the same period is no overlap."""
        months = set(period_months(period))
        overlapping = sorted(p for p, taken in covered.items() if p != period and taken & months)
        covered[period] = months
        if not overlapping:
            return []
        listed = ", ".join(overlapping)
        return [FieldError(f"records.{index}.period", "period_overlaps",
                           f"期间 {period} 与已记录的期间 {listed} 有重叠月份：同一月份只能按月或按季度记录一次",
                           f"period {period} overlaps the months of {listed}: a month is recorded monthly or "
                           "in its quarter, once", overlaps=overlapping)]

    @staticmethod
    def _absences_fit(index: int, record: Any) -> list[FieldError]:
        """Absences fit the period: absent days and the streak at most its days; the streaks at its edges at most
        the longest streak, and (unless absent every day) no more together than the days absent."""
        days = period_days(record.period)
        errors = []
        for name, label in (("absent_days", "缺勤天数"), ("longest_absence_streak", "最长连续缺勤天数")):
            if getattr(record, name) > days:
                errors.append(FieldError(f"records.{index}.{name}", "exceeds_period_days",
                                         f"{label}不能超过期间 {record.period} 的天数 {days}",
                                         f"{name} cannot exceed the {days} days of {record.period}"))
        for name, label in (("absent_at_start", "期初连续缺勤天数"), ("absent_at_end", "期末连续缺勤天数")):
            if getattr(record, name) > record.longest_absence_streak:
                errors.append(FieldError(f"records.{index}.{name}", "exceeds_streak",
                                         f"{label}不能超过最长连续缺勤天数 {record.longest_absence_streak}",
                                         f"{name} cannot exceed longest_absence_streak "
                                         f"({record.longest_absence_streak})"))
        if (not errors and record.absent_days < days
                and record.absent_at_start + record.absent_at_end > record.absent_days):
            errors.append(FieldError(f"records.{index}.absent_at_end", "edges_exceed_absences",
                                     "期初与期末连续缺勤天数之和不能超过缺勤天数（全期缺勤除外）",
                                     "absent_at_start + absent_at_end cannot exceed absent_days "
                                     "(unless absent the whole period)"))
        return errors

    async def record_satisfaction(self, principal: Principal, assessment_id: UUID,
                                  body: SatisfactionIn) -> AssessmentDetail:
        assessment = await self._writable(principal, assessment_id, RECORD_KEEPERS)
        self._before_final(assessment)
        plan = await self.repository.plan_of(assessment)
        rule = plan["satisfaction"]
        if body.respondents < int(rule.get("min_respondents", 1)):
            raise field_problem("respondents", "too_few", f"参与测评人数不得少于 {rule['min_respondents']}",
                                f"at least {rule['min_respondents']} respondents are required")
        if body.votes is not None:
            # The options in words, the best first (the stored plan keeps no order of its own).
            options_zh = "、".join(option_zh(o) for o in sorted(rule["option_scores"],
                                                                key=lambda o: -Decimal(rule["option_scores"][o])))
            errors = [FieldError(f"votes.{option}", "unknown_option", f"选项不在考核方案中（可选：{options_zh}）",
                                 f"option not in the plan (allowed: {', '.join(rule['option_scores'])})")
                      for option in body.votes if option not in rule["option_scores"]]
            cast = sum(body.votes.values())
            if not errors and cast == 0:
                errors.append(FieldError("votes", "no_votes", "没有有效票", "no votes cast"))
            if cast > body.respondents:
                errors.append(FieldError("votes", "more_votes_than_respondents", "票数多于参与人数",
                                         "more votes than respondents"))
            if errors:
                raise Problem(422, "validation_failed", "满意度测评校验失败", "satisfaction survey failed validation",
                              errors=errors)
            score = satisfaction_score(rule["option_scores"], body.votes)
        else:
            score = two_places(body.score)  # type: ignore[arg-type]
        before = await self.repository.satisfaction(assessment.id)
        before_data = audit.snapshot(before) if before else None
        values = {"assessment_id": assessment.id, "respondents": body.respondents, "votes": body.votes,
                  "score": score, "recorded_by": principal.subject}
        await self.repository.save_satisfaction(values)
        await audit.record(self.session, audit_log, principal, action="satisfaction.record", entity="assessment",
                           entity_id=assessment.id, region_code=assessment.community_code, before=before_data,
                           after=values, worker_id=assessment.worker_id)
        return await self.detail(principal, assessment.id)

    async def community_review(self, principal: Principal, assessment_id: UUID, body: TextIn) -> AssessmentDetail:
        assessment = await self._writable(principal, assessment_id, PROPOSERS)
        await self._write_text(principal, assessment, "community_review", "assessment.review", body.text)
        return await self.detail(principal, assessment.id)

    def _before_decision(self, assessment: Assessment) -> None:
        if assessment.status not in (Status.PENDING, Status.PROPOSED):
            raise step_problem(assessment, "pending/proposed", "修改考核材料", "changing the inputs")

    async def _write_text(self, principal: Principal, assessment: Assessment, field: str, action: str,
                          text: str) -> None:
        """One of the assessment's texts, changed before the decision and audited with its old and new wording."""
        self._before_decision(assessment)
        before = getattr(assessment, field)
        setattr(assessment, field, text)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action=action, entity="assessment",
                           entity_id=assessment.id, region_code=assessment.community_code,
                           before={field: before}, after={field: text}, worker_id=assessment.worker_id)

    async def _step_done(self, principal: Principal, assessment: Assessment, action: str, from_status: str | None,
                         reason: str | None, before: dict[str, Any],
                         data: dict[str, Any] | None = None) -> AssessmentDetail:
        """A workflow step recorded: flushed, its history event `action` (with `data`), the audit entry
        "assessment.<action>" from `before` to now, and the assessment as it now stands."""
        await self.session.flush()
        await self.repository.add_event(assessment, principal, action, from_status, reason, data)
        await audit.record(self.session, audit_log, principal, action=f"assessment.{action}", entity="assessment",
                           entity_id=assessment.id, region_code=assessment.community_code, before=before,
                           after=audit.snapshot(assessment), reason=reason)
        return await self.detail(principal, assessment.id)

    def _before_final(self, assessment: Assessment) -> None:
        if assessment.status == Status.FINAL:
            raise step_problem(assessment, "pending/proposed/notice", "修改考核材料", "changing the inputs")

    # ---------------------------------------------------------------- workflow

    async def propose(self, principal: Principal, assessment_id: UUID, body: ProposalIn) -> AssessmentDetail:
        assessment = await self._writable(principal, assessment_id, PROPOSERS)
        if assessment.status not in (Status.PENDING, Status.PROPOSED):
            raise step_problem(assessment, "pending/proposed", "提出建议等次", "proposing")
        plan = await self.repository.plan_of(assessment)
        suggestion = await self.suggestion(assessment, plan)
        codes = [d["code"] for d in plan["dimensions"]]
        errors = [FieldError(f"dimension_scores.{code}", "unknown_dimension", "考核方案中没有该维度",
                             "no such dimension in the plan") for code in body.dimension_scores if code not in codes]
        scores: dict[str, Decimal] = {}
        for code in codes:
            value = body.dimension_scores.get(code, suggestion.dimension_scores.get(code))
            if value is None:
                errors.append(FieldError(f"dimension_scores.{code}", "missing_score",
                                         "该维度没有记录可供计算，须给出分数",
                                         "no records to compute this dimension from: give a score"))
            else:
                scores[code] = two_places(value)
        if errors:
            raise Problem(422, "validation_failed", "建议等次校验失败", "proposal failed validation", errors=errors)
        score = weighted_score(plan, scores)
        result = body.result or result_for(plan, score)
        before, from_status = audit.snapshot(assessment), assessment.status
        assessment.proposed_result = result.value
        assessment.proposed_score = score
        assessment.dimension_scores = {code: str(value) for code, value in scores.items()}
        assessment.proposal_reason = body.reason
        assessment.proposed_by = principal.subject
        assessment.proposed_at = await self.repository.now()
        assessment.status = Status.PROPOSED
        return await self._step_done(principal, assessment, "propose", from_status, body.reason, before,
                                     {"result": result.value, "score": str(score),
                                      "suggested_result": suggestion.result})

    async def decide(self, principal: Principal, assessment_id: UUID, body: DecisionIn,
                     today: date) -> AssessmentDetail:
        assessment = await self._writable(principal, assessment_id, DECIDERS)
        if assessment.status != Status.PROPOSED:
            raise step_problem(assessment, "proposed", "作出决定", "deciding")
        await ensure_may_decide(self.session, principal, [assessment])
        result = body.result or Result(assessment.proposed_result)
        if result.value != assessment.proposed_result and not body.reason:
            raise field_problem("reason", "reason_required", "决定等次与建议等次不同，须说明理由",
                                "a reason is required when the decision differs from the proposal")
        plan = await self.repository.plan_of(assessment)
        township_code = assessment.township_code
        over = None
        if result is Result.EXCELLENT and assessment.kind == "annual" and assessment.cycle_id is not None:
            over = await self._over_quota(assessment.cycle_id, township_code, plan, 1, assessment.id)
        if over is not None:
            assessed, already, limit = over
            township = await region_name(self.session, township_code)  # the township's lock let go
            raise Problem(
                409, "excellent_quota_exceeded",
                f"{township}已确定优秀 {already} 人，上限为 {limit} 人"
                f"（参加考核 {assessed} 人的 {plan['excellent_quota_percent']}%）",
                f"{township_code} already has {already} excellent, the limit is {limit} "
                f"({plan['excellent_quota_percent']}% of {assessed} assessed)",
                count=already, limit=limit, assessed=assessed, township_code=township_code)
        before, from_status = audit.snapshot(assessment), assessment.status
        notice_days = int(plan["deadlines"]["notice_days"])
        assessment.result = result.value
        assessment.score = assessment.proposed_score
        assessment.decision_reason = body.reason
        assessment.decided_by = principal.subject
        assessment.decided_at = await self.repository.now()
        assessment.notice_from = today
        assessment.notice_until = today + timedelta(days=notice_days - 1)
        assessment.status = Status.NOTICE
        return await self._step_done(principal, assessment, "decide", from_status, body.reason, before,
                                     {"result": result.value, "notice_from": today.isoformat(),
                                      "notice_until": assessment.notice_until.isoformat()})

    async def _over_quota(self, cycle_id: UUID, township_code: str, plan: dict[str, Any], requested: int,
                          excluding: UUID | None = None) -> tuple[int, int, int] | None:
        """Whether `requested` more 优秀 exceed the township's quota, counted under its lock (`lock_unit`: one
        decision of the township at a time). None when they fit: the lock is then held until the transaction
        commits. Else (assessed, already decided, limit) with the lock already let go: it is taken in a savepoint
        that a refusal rolls back (PostgreSQL releases a lock taken after a savepoint rolled back to), so the
        registry asked for the township's name in the refusal, however slow, holds up no other decision there."""
        savepoint = await self.session.begin_nested()
        try:
            await self.repository.lock_unit(cycle_id, township_code)
            assessed, already = await self.repository.unit_excellent(cycle_id, township_code, excluding)
        except BaseException:
            await savepoint.rollback()
            raise
        limit = excellent_limit(plan, assessed)
        if limit is None or already + requested <= limit:
            await savepoint.commit()  # RELEASE SAVEPOINT: the lock passes to the transaction
            return None
        await savepoint.rollback()
        return assessed, already, limit

    async def decide_unit(self, principal: Principal, cycle_id: UUID, body: UnitDecisionIn,
                          today: date) -> UnitDecided:
        """Accept many proposals of one township at once; the quota is checked for the whole set."""
        cycle = await self._cycle(principal, cycle_id)
        principal.ensure_visible(body.township_code, what_zh="街道", what_en="township")
        principal.ensure_can_write()
        principal.ensure_role(DECIDERS)
        locked = await self.repository.lock_many(cycle_id, body.township_code, body.assessment_ids)
        errors = []
        for index, assessment_id in enumerate(body.assessment_ids):
            assessment = locked.get(assessment_id)
            if assessment is None:
                errors.append(FieldError(f"assessment_ids.{index}", "not_found", "该街道本周期没有这条考核记录",
                                         "no such assessment in this township and cycle"))
            elif assessment.status != Status.PROPOSED:
                errors.append(FieldError(f"assessment_ids.{index}", "wrong_step",
                                         f"当前状态为“{status_zh(assessment.status)}”，"
                                         f"需要“{status_zh(Status.PROPOSED)}”",
                                         f"the assessment is {assessment.status}, not proposed"))
        if errors:
            raise Problem(422, "validation_failed", "批量决定校验失败", "batch decision failed validation",
                          errors=errors)
        await ensure_may_decide(self.session, principal, locked.values())
        requested = sum(1 for a in locked.values() if a.kind == "annual" and a.proposed_result == Result.EXCELLENT)
        if requested and (over := await self._over_quota(cycle_id, body.township_code, cycle.plan, requested)):
            assessed, already, limit = over
            township = await region_name(self.session, body.township_code)  # the township's lock let go
            raise Problem(
                409, "excellent_quota_exceeded",
                f"{township}已确定优秀 {already} 人，本次又有 {requested} 人，上限为 {limit} 人",
                f"{body.township_code} already has {already} excellent and {requested} more were asked for; "
                f"the limit is {limit}",
                count=already, requested=requested, limit=limit, assessed=assessed,
                township_code=body.township_code)
        notice_until = today + timedelta(days=int(cycle.plan["deadlines"]["notice_days"]) - 1)
        await self.repository.accept_proposals(body.assessment_ids, principal, today, notice_until,
                                               request_id_var.get())
        return UnitDecided(decided=body.assessment_ids, notice_from=today, notice_until=notice_until)

    async def finalize(self, principal: Principal, assessment_id: UUID, today: date) -> AssessmentDetail:
        assessment = await self._writable(principal, assessment_id, DECIDERS)
        if assessment.status != Status.NOTICE:
            raise step_problem(assessment, "notice", "确定最终结果", "finalizing")
        if assessment.notice_until is not None and today <= assessment.notice_until:
            raise Problem(409, "notice_running", f"公示期至 {assessment.notice_until} 结束，期满后方可确定",
                          f"the public notice runs until {assessment.notice_until}; finalize after it ends",
                          notice_until=assessment.notice_until.isoformat())
        open_objections = await self.repository.open_objections(assessment.id)
        if open_objections:
            raise Problem(409, "objections_open", f"尚有 {open_objections} 件异议未处理",
                          f"{open_objections} objection(s) still open", open_objections=open_objections)
        before, from_status = audit.snapshot(assessment), assessment.status
        assessment.status = Status.FINAL
        await self.repository.publish_revision(assessment, principal, "finalize", from_status)
        await audit.record(self.session, audit_log, principal, action="assessment.finalize", entity="assessment",
                           entity_id=assessment.id, region_code=assessment.community_code, before=before,
                           after=audit.snapshot(assessment))
        return await self.detail(principal, assessment.id)

    async def finalize_unit(self, principal: Principal, cycle_id: UUID, township_code: str,
                            today: date) -> list[UUID]:
        """Finalize a whole township at once: every result whose notice has ended without open objections."""
        await self._cycle(principal, cycle_id)
        principal.ensure_visible(township_code, what_zh="街道", what_en="township")
        principal.ensure_can_write()
        principal.ensure_role(DECIDERS)
        return await self.repository.finalize_unit(cycle_id, township_code, today, principal, request_id_var.get())

    async def reopen(self, principal: Principal, assessment_id: UUID, body: ReasonIn) -> AssessmentDetail:
        """A final result goes back to the decision step; the corrected result is published as a new revision."""
        assessment = await self._writable(principal, assessment_id, CORRECTORS)
        if assessment.status != Status.FINAL:
            raise step_problem(assessment, "final", "重新打开", "reopening")
        before, from_status = audit.snapshot(assessment), assessment.status
        assessment.status = Status.PROPOSED
        assessment.notice_from = assessment.notice_until = None
        return await self._step_done(principal, assessment, "reopen", from_status, body.reason, before,
                                     {"published_revision": assessment.revision})

    async def record_tolerance(self, principal: Principal, assessment_id: UUID, body: ReasonIn) -> AssessmentDetail:
        """容错 (IM art.36): recorded with its reason before the result is final (reopen to add it later)."""
        assessment = await self._writable(principal, assessment_id, CORRECTORS)
        self._before_final(assessment)
        before = audit.snapshot(assessment)
        assessment.tolerance, assessment.tolerance_reason = True, body.reason
        return await self._step_done(principal, assessment, "tolerance", assessment.status, body.reason, before)

    # ---------------------------------------------------------------- objections

    async def resolve_objection(self, principal: Principal, objection_id: UUID, body: ResolutionIn) -> ObjectionOut:
        objection = await self.repository.objection(objection_id, for_update=True)
        if objection is None:
            raise not_found("异议", "objection")
        assessment = await self._writable(principal, objection.assessment_id, DECIDERS)
        if objection.status != "open":
            raise Problem(409, "objection_resolved", "该异议已处理", "the objection is already resolved")
        before = audit.snapshot(objection)
        objection.status = body.outcome
        objection.resolution = body.note
        objection.resolved_by = principal.subject
        objection.resolved_at = await self.repository.now()
        if body.outcome == "upheld" and assessment.status == Status.NOTICE:
            # An upheld objection sends the case back for a new decision (and a new notice).
            assessment.status = Status.PROPOSED
            assessment.notice_from = assessment.notice_until = None
        await self.session.flush()
        await self.repository.add_event(assessment, principal, f"objection_{body.outcome}", Status.NOTICE.value,
                                        body.note, {"objection_id": str(objection.id)})
        await audit.record(self.session, audit_log, principal, action="objection.resolve", entity="objection",
                           entity_id=objection.id, region_code=assessment.community_code, before=before,
                           after=audit.snapshot(objection), reason=body.note)
        return ObjectionOut.model_validate(objection)

    # ---------------------------------------------------------------- the worker's own

    async def mine(self, principal: Principal, today: date) -> list[MyAssessment]:
        try:
            worker_id = UUID(str(principal.worker_id))
        except ValueError:
            return []  # a worker id the registry never issues: nothing of theirs here
        assessments = await self.repository.of_worker(worker_id)
        objections = await self.repository.objections([a.id for a in assessments])
        out = []
        for a in assessments:
            decided = a.status in (Status.NOTICE, Status.FINAL) or a.revision > 0
            out.append(MyAssessment(
                id=a.id, year=a.year, kind=a.kind, status=a.status, revision=a.revision, tolerance=a.tolerance,
                result=a.result if decided else None, score=a.score if decided else None,
                dimension_scores=a.dimension_scores if decided else None, notice_from=a.notice_from,
                notice_until=a.notice_until, self_summary=a.self_summary, can_object=in_notice(a, today),
                historical=a.historical, source_document=a.source_document,
                objections=[ObjectionOut.model_validate(o) for o in objections if o.assessment_id == a.id]))
        return out

    async def _own(self, principal: Principal, assessment_id: UUID) -> Assessment:
        if not principal.is_worker:
            raise Problem(403, "forbidden", "仅限社区工作者本人", "workers only")
        return await self._visible(principal, assessment_id, for_update=True)

    async def object(self, principal: Principal, assessment_id: UUID, body: ObjectionIn, today: date) -> ObjectionOut:
        assessment = await self._own(principal, assessment_id)
        if (assessment.status == Status.NOTICE and assessment.notice_from is not None
                and today < assessment.notice_from):
            raise Problem(409, "notice_not_started",
                          f"公示期自 {assessment.notice_from} 开始，届时方可提出异议",
                          f"the public notice opens on {assessment.notice_from}; objections are possible from then",
                          notice_from=assessment.notice_from.isoformat(),
                          notice_until=assessment.notice_until.isoformat() if assessment.notice_until else None)
        if not in_notice(assessment, today):
            raise Problem(409, "not_in_notice", "只能在公示期内提出异议", "objections are only possible during the "
                          "public notice", status_now=assessment.status)
        objection = Objection(assessment_id=assessment.id, worker_id=assessment.worker_id, reason=body.reason)
        self.session.add(objection)
        await self.session.flush()
        await self.repository.add_event(assessment, principal, "object", assessment.status, body.reason,
                                        {"objection_id": str(objection.id)})
        await audit.record(self.session, audit_log, principal, action="objection.raise", entity="objection",
                           entity_id=objection.id, region_code=assessment.community_code,
                           after=audit.snapshot(objection))
        await self.session.refresh(objection)
        return ObjectionOut.model_validate(objection)

    async def self_summary(self, principal: Principal, assessment_id: UUID, body: TextIn,
                           today: date) -> MyAssessment:
        assessment = await self._own(principal, assessment_id)
        await self._write_text(principal, assessment, "self_summary", "assessment.self_summary", body.text)
        return next(m for m in await self.mine(principal, today) if m.id == assessment.id)

