from datetime import date

from sqlalchemy import func, insert, select

from registry.models import audit_log
from registry.quota.demo import DEMO_COUNTY_RULES
from registry.rules.models import ManagementRule
from registry.rules.defaults import DEFAULT_RULES
from registry.recruitment import eligibility
from registry.seed import seed_regions
from registry.workers.models import Worker
from registry.workers.national_id import make

from ..quota.factories import set_region
from ..zh_words import assert_in_words

STEPS = ["plan", "announcement", "registration", "exam", "medical", "background_check", "public_notice"]
OUTCOME_STEPS = ["exam", "medical", "background_check"]
ELIGIBILITY = next(p for k, _, _, _, p, _ in DEFAULT_RULES if k == "recruitment.eligibility")


def test_eligibility_returns_every_failed_rule():
    facts = eligibility.EligibilityFacts(birth_date=date(1980, 6, 1), education="below_dazhuan", citizen=False,
                                         groups=["veteran"], street_recommended=False,
                                         disqualifications=["criminal_record", "credit_blacklist"])
    failures, priority = eligibility.check(ELIGIBILITY, facts, date(2026, 5, 31))
    assert [f["rule"] for f in failures] == ["citizenship", "age_limit", "education_minimum",
                                             "disqualified.criminal_record", "disqualified.credit_blacklist"]
    assert failures[1]["age"] == 45 and all(f["message_zh"] and f["message_en"] for f in failures)
    assert priority == []


def test_street_recommendation_relaxes_age_and_education_for_listed_groups_only():
    old = {"birth_date": date(1980, 6, 1), "education": "below_dazhuan"}
    relaxed = eligibility.EligibilityFacts(**old, groups=["veteran"], street_recommended=True)
    assert eligibility.check(ELIGIBILITY, relaxed, date(2026, 5, 31))[0] == []
    not_listed = eligibility.EligibilityFacts(**old, groups=["grid_worker_in_post"], street_recommended=True)
    failures, priority = eligibility.check(ELIGIBILITY, not_listed, date(2026, 5, 31))
    assert [f["rule"] for f in failures] == ["age_limit", "education_minimum"] and priority == ["grid_worker_in_post"]
    # 40 until the day before the 41st birthday.
    assert eligibility.check(ELIGIBILITY, eligibility.EligibilityFacts(birth_date=date(1985, 6, 1),
                                                                      education="dazhuan"), date(2026, 5, 31))[0] == []
    assert eligibility.check(ELIGIBILITY, eligibility.EligibilityFacts(birth_date=date(1985, 6, 1),
                                                                      education="dazhuan"), date(2026, 6, 1))[0]


async def advance(client, campaign_id, step, headers):
    return await client.post(f"/v1/recruitment/campaigns/{campaign_id}/steps", json={"step": step}, headers=headers)


async def record_outcome(client, campaign_id, applicant_id, headers, step, passed=True, **extra):
    return await client.post(f"/v1/recruitment/campaigns/{campaign_id}/applicants/{applicant_id}/outcomes",
                             json={"step": step, "passed": passed, **extra}, headers=headers)


async def advance_to_public_notice(client, campaign_id, headers, passing=()):
    """From registration through the public notice; the applicants in `passing` pass the written test and
    interview, the medical and the background check, each recorded once its step is reached."""
    for step in STEPS[3:]:
        assert (await advance(client, campaign_id, step, headers)).status_code == 200
        if step in OUTCOME_STEPS:
            for applicant_id in passing:
                recorded = await record_outcome(client, campaign_id, applicant_id, headers, step)
                assert recorded.status_code == 200, recorded.text


async def test_campaign_steps_in_order_city_review_eligibility_and_hire_inside_quota(client, session, tokens):
    county = tokens.headers("county_officer", "640104", subject="xq_county")
    cid = await reviewed_campaign(client, session, tokens, county)
    registered, second_id, rejected = await open_registration_and_register(client, cid, county)

    hire = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2026-09-01",
            "contract_term_years": 3}
    applicant_id = registered.json()["id"]
    too_soon = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{applicant_id}/hire", json=hire,
                                 headers=county)
    assert too_soon.status_code == 409 and too_soon.json()["code"] == "procedure_incomplete"
    await advance_to_public_notice(client, cid, county, passing=[applicant_id, second_id])
    finished = await advance(client, cid, "public_notice", county)
    assert finished.status_code == 409 and finished.json()["code"] == "campaign_finished"

    refused = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{rejected.json()['id']}/hire",
                                json=hire, headers=county)
    assert refused.status_code == 409 and refused.json()["code"] == "applicant_ineligible"
    # A typed probation longer than a 3-year term allows (6 months, art.19) is refused, naming field and rule.
    too_long = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{applicant_id}/hire",
                                 json={**hire, "probation_end": "2027-03-31"}, headers=county)
    assert too_long.status_code == 422 and too_long.json()["code"] == "probation_too_long"
    assert too_long.json()["errors"][0]["field"] == "probation_end"
    assert too_long.json()["rule"]["kind"] == "contract.probation"
    hired = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{applicant_id}/hire", json=hire,
                              headers=county)
    assert hired.status_code == 200, hired.text
    worker = await session.get(Worker, hired.json()["hired_worker_id"])
    assert worker.status == "probation" and worker.probation_end == date(2027, 2, 28)
    assert worker.contract_end == date(2029, 8, 31) and worker.education_level == "benke"

    over = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{second_id}/hire", json=hire,
                             headers=county)
    assert over.status_code == 409 and over.json()["code"] == "quota_exceeded" and over.json()["allowed"] == 1
    assert (await session.scalar(select(Worker.id).where(Worker.name == "王强"))) is None  # nothing half-written
    requested = await client.post("/v1/quota/exceptions", json={"region_code": "640104", "extra_posts": 1,
                                                                 "reason": "招聘计划经市级批准",
                                                                 "valid_from": "2026-01-01"}, headers=county)
    assert (await client.post(f"/v1/quota/exceptions/{requested.json()['id']}/decision",
                              json={"decision": "approve"}, headers=tokens.headers("city_officer", "6401"))
            ).status_code == 200
    assert (await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{second_id}/hire", json=hire,
                              headers=county)).status_code == 200

    history = (await client.get(f"/v1/recruitment/campaigns/{cid}", headers=county)).json()["history"]
    assert [h["step"] for h in history] == STEPS
    actions = set((await session.scalars(select(audit_log.c.action).where(audit_log.c.entity_id.in_(
        [cid, applicant_id])))).all())
    assert {"recruitment.campaign.create", "recruitment.campaign.review", "recruitment.campaign.advance",
            "recruitment.applicant.register", "recruitment.applicant.hire"} <= actions
    # Another county's officer sees nothing of it.
    assert (await client.get(f"/v1/recruitment/campaigns/{cid}",
                             headers=tokens.headers("county_officer", "640105"))).status_code == 404


async def reviewed_campaign(client, session, tokens, county) -> str:
    """A county campaign for 2 positions inside a quota of 1, its plan reviewed by the city: steps in order, the
    county cannot review its own plan, another city cannot see it, the auditor cannot write."""
    await seed_regions(session)
    await publish_county_plan(session)
    await set_region(session, "640104", urban_population=1_000)  # 1.8 → 1 place
    created = await client.post("/v1/recruitment/campaigns", json={"region_code": "640104", "title": "2026年兴庆区社区工作者招聘",
                                                                    "positions": 2}, headers=county)
    assert created.status_code == 201, created.text
    campaign = created.json()
    assert campaign["steps"] == STEPS and campaign["current_step"] == "plan" and campaign["review_required"]
    cid = campaign["id"]

    skipped = await advance(client, cid, "registration", county)
    assert skipped.status_code == 409 and skipped.json()["code"] == "step_out_of_order"
    assert skipped.json()["expected_step"] == "announcement"
    unreviewed = await advance(client, cid, "announcement", county)
    assert unreviewed.status_code == 409 and unreviewed.json()["code"] == "plan_review_required"
    # The county cannot review its own plan; another city cannot see it; the auditor cannot write.
    self_review = await client.post(f"/v1/recruitment/campaigns/{cid}/review", json={}, headers=county)
    assert self_review.status_code == 403
    assert (await client.post(f"/v1/recruitment/campaigns/{cid}/review", json={},
                              headers=tokens.headers("city_officer", "6402"))).status_code == 404
    assert (await client.post(f"/v1/recruitment/campaigns/{cid}/review", json={},
                              headers=tokens.headers("auditor", "6401"))).status_code == 403
    city = tokens.headers("city_officer", "6401", subject="yc_city")
    reviewed = await client.post(f"/v1/recruitment/campaigns/{cid}/review", json={"note": "同意"}, headers=city)
    assert reviewed.status_code == 200 and reviewed.json()["reviewed_by"] == "yc_city"
    return cid


async def open_registration_and_register(client, cid, county):
    """Registration opens only at its step; an eligible priority applicant, a second, and an ineligible one."""
    assert (await advance(client, cid, "announcement", county)).status_code == 200
    applicant = {"name": "李静", "national_id": make("640104", date(1996, 4, 2), 122), "education": "benke",
                 "graduated_on": "2018-07-01", "groups": ["certified_social_worker"]}
    early = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants", json=applicant, headers=county)
    assert early.status_code == 409 and early.json()["code"] == "registration_closed"
    assert (await advance(client, cid, "registration", county)).status_code == 200

    registered = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants", json=applicant, headers=county)
    assert registered.status_code == 201, registered.text
    assert registered.json()["eligible"] and registered.json()["priority"] == ["certified_social_worker"]
    second = {"name": "王强", "national_id": make("640104", date(1997, 1, 9), 131), "education": "dazhuan",
              "graduated_on": "2018-07-01"}
    second_id = (await client.post(f"/v1/recruitment/campaigns/{cid}/applicants", json=second,
                                   headers=county)).json()["id"]
    ineligible = {"name": "赵大", "national_id": make("640104", date(1970, 1, 9), 141), "education": "below_dazhuan",
                  "disqualifications": ["criminal_record"]}
    rejected = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants", json=ineligible, headers=county)
    assert rejected.status_code == 201 and not rejected.json()["eligible"]
    assert [f["rule"] for f in rejected.json()["failures"]] == ["age_limit", "education_minimum",
                                                                "disqualified.criminal_record"]
    return registered, second_id, rejected


async def publish_county_plan(session) -> None:
    """Ningxia's text sets no recruitment steps, age or education (「科学设置学历、专业等条件」): 兴庆区 publishes its own."""
    await session.execute(insert(ManagementRule).values(DEMO_COUNTY_RULES))


async def test_ningxia_applicant_is_not_held_to_inner_mongolian_age_or_education(client, session, tokens):
    """The attack of issue 13: IM art.9's ≤ 40 and 大专 are not Ningxia's rules; without a county plan none apply."""
    await seed_regions(session)
    headers = tokens.headers("township_officer", "640104001")
    response = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "on": "2026-05-31", "national_id": make("640104", date(1980, 6, 1), 11),
        "education": "below_dazhuan"}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["eligible"] and response.json()["failures"] == []
    # Nor does Ningxia inherit IM art.8's procedure: a county must publish its own before a campaign opens.
    campaign = await client.post("/v1/recruitment/campaigns", json={"region_code": "640104", "title": "2026年招聘",
                                                                     "positions": 2},
                                 headers=tokens.headers("county_officer", "640104"))
    assert campaign.status_code == 409 and campaign.json()["code"] == "rule_missing"
    # The rule and the county in words (「招聘程序」, 兴庆区); the key stays in `rule` and the English.
    assert campaign.json()["message_zh"] == "未配置适用于兴庆区的「招聘程序」规则（适用的政策文件未规定）"
    assert_in_words(campaign.json()["message_zh"], "640104")
    assert campaign.json()["rule"] == "recruitment.procedure"
    assert "'Recruitment procedure' (recruitment.procedure)" in campaign.json()["message_en"]
    assert "640104" in campaign.json()["message_en"]


async def test_eligibility_check_endpoint_lists_all_failures(client, session, tokens):
    await seed_regions(session)
    await publish_county_plan(session)
    headers = tokens.headers("township_officer", "640104001")
    response = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "on": "2026-05-31", "national_id": make("640104", date(1980, 6, 1), 11),
        "education": "below_dazhuan", "groups": ["veteran"], "disqualifications": ["credit_blacklist"]},
        headers=headers)
    assert response.status_code == 200, response.text
    result = response.json()
    assert not result["eligible"] and result["age"] == 45
    assert [f["rule"] for f in result["failures"]] == ["age_limit", "education_minimum",
                                                       "disqualified.credit_blacklist"]
    unknown = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "national_id": make("640104", date(1990, 6, 1), 11), "education": "benke",
        "groups": ["astronaut"]}, headers=headers)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "groups"
    bad_id = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "national_id": "640104199006011234", "education": "benke"}, headers=headers)
    assert bad_id.status_code == 422 and bad_id.json()["errors"][0]["field"] == "national_id"


async def test_a_child_is_not_eligible_and_nowhere_has_no_answer(client, session, tokens):
    """Labour Law art.15 is national law: under 16 fails wherever no text sets an age. An unknown region is a 422."""
    await seed_regions(session)
    headers = tokens.headers("provincial_admin", "64")
    child = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "on": "2026-05-31", "national_id": make("640104", date(2016, 6, 1), 11),
        "education": "below_dazhuan"}, headers=headers)
    assert child.status_code == 200, child.text
    assert not child.json()["eligible"] and child.json()["age"] == 9
    assert [(f["rule"], f["limit"]) for f in child.json()["failures"]] == [("age_minimum", 16)]
    sixteen = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "on": "2026-05-31", "national_id": make("640104", date(2010, 5, 31), 11),
        "education": "below_dazhuan"}, headers=headers)
    assert sixteen.json()["eligible"] and sixteen.json()["age"] == 16
    nowhere = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "649999", "national_id": make("640104", date(1990, 6, 1), 11), "education": "benke"},
        headers=headers)
    assert nowhere.status_code == 422 and nowhere.json()["errors"][0]["field"] == "region_code", nowhere.text


async def test_campaign_needs_a_known_city_or_county(client, session, tokens):
    await seed_regions(session)
    county = tokens.headers("county_officer", "640104")
    unknown = await client.post("/v1/recruitment/campaigns", json={"region_code": "640104999", "title": "街道自行招聘",
                                                                    "positions": 1}, headers=county)
    assert unknown.status_code == 404
    township = await client.post("/v1/recruitment/campaigns", json={"region_code": "640104001", "title": "街道自行招聘",
                                                                     "positions": 1}, headers=county)
    assert township.status_code == 422 and township.json()["errors"][0]["code"] == "organiser_level"
    assert (await client.post("/v1/recruitment/campaigns", json={"region_code": "640104", "title": "审计员招聘",
                                                                  "positions": 1},
                              headers=tokens.headers("auditor", "640104"))).status_code == 403


async def test_outcomes_of_exam_medical_and_background_gate_the_list_and_hiring(client, session, tokens):
    """IM art.8 (四)–(七): each eligible applicant's outcome of the written test and interview, the medical and the
    background check is recorded once its step is reached (a correction audited with before and after); only the
    eligible who passed all three are on the public notice's list and hired; nothing is written when refused."""
    county = tokens.headers("county_officer", "640104", subject="xq_county")
    cid = await reviewed_campaign(client, session, tokens, county)
    registered, failed_id, rejected = await open_registration_and_register(client, cid, county)
    passed_id, rejected_id = registered.json()["id"], rejected.json()["id"]
    missing = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants", json={
        "name": "陈明", "national_id": make("640104", date(1995, 3, 3), 151), "education": "benke"}, headers=county)
    missing_id = missing.json()["id"]
    assert missing.json()["outcomes"] == {"exam": None, "medical": None, "background_check": None}
    assert not missing.json()["on_public_notice_list"]

    # Before its step is reached, no outcome is recorded.
    early = await record_outcome(client, cid, passed_id, county, "exam", score="85.5")
    assert early.status_code == 409 and early.json()["code"] == "step_not_reached"
    assert early.json()["errors"][0]["field"] == "step" and early.json()["step"] == "exam"
    assert (await advance(client, cid, "exam", county)).status_code == 200
    medical_early = await record_outcome(client, cid, passed_id, county, "medical")
    assert medical_early.status_code == 409 and medical_early.json()["code"] == "step_not_reached"
    # Not for an applicant who failed the eligibility review.
    ineligible = await record_outcome(client, cid, rejected_id, county, "exam")
    assert ineligible.status_code == 409 and ineligible.json()["code"] == "applicant_ineligible"
    # The same jurisdiction and role checks as every recruitment write.
    assert (await record_outcome(client, cid, passed_id, tokens.headers("county_officer", "640105"),
                                 "exam")).status_code == 404
    # A township of the county sees the campaign but does not run it (the organiser does).
    assert (await record_outcome(client, cid, passed_id, tokens.headers("township_officer", "640104001"),
                                 "exam")).status_code == 403
    assert (await record_outcome(client, cid, passed_id, tokens.headers("auditor", "640104"),
                                 "exam")).status_code == 403
    out_of_range = await record_outcome(client, cid, passed_id, county, "exam", score="100.5")
    assert out_of_range.status_code == 422 and out_of_range.json()["errors"][0]["field"] == "score"
    unknown_step = await record_outcome(client, cid, passed_id, county, "interview")
    assert unknown_step.status_code == 422 and unknown_step.json()["errors"][0]["field"] == "step"

    first = await record_outcome(client, cid, passed_id, county, "exam", passed=False, score="55")
    assert first.status_code == 200, first.text
    assert first.json()["outcomes"]["exam"]["passed"] is False and first.json()["outcomes"]["exam"]["score"] == "55"
    corrected = await record_outcome(client, cid, passed_id, county, "exam", score="85.5", note="复核更正：登分错误")
    assert corrected.status_code == 200, corrected.text
    exam = corrected.json()["outcomes"]["exam"]
    assert exam["passed"] and exam["score"] == "85.5" and exam["recorded_by"] == "xq_county"
    assert exam["note"] == "复核更正：登分错误"
    correction = (await session.execute(select(audit_log).where(
        audit_log.c.entity_id == passed_id, audit_log.c.action == "recruitment.applicant.outcome.correct"))).one()
    assert correction.before["outcome"]["passed"] is False and correction.before["outcome"]["score"] == "55"
    assert correction.after["outcome"]["passed"] is True and correction.after["outcome"]["score"] == "85.5"
    assert correction.reason == "复核更正：登分错误"
    assert (await record_outcome(client, cid, failed_id, county, "exam", score="78")).status_code == 200

    assert (await advance(client, cid, "medical", county)).status_code == 200
    score_elsewhere = await record_outcome(client, cid, passed_id, county, "medical", score="90")
    assert score_elsewhere.status_code == 422 and score_elsewhere.json()["errors"][0]["field"] == "score"
    assert (await record_outcome(client, cid, passed_id, county, "medical")).status_code == 200
    assert (await record_outcome(client, cid, failed_id, county, "medical", passed=False,
                                 note="体检不合格")).status_code == 200
    assert (await advance(client, cid, "background_check", county)).status_code == 200
    for applicant_id in (passed_id, failed_id):
        assert (await record_outcome(client, cid, applicant_id, county, "background_check")).status_code == 200
    assert (await advance(client, cid, "public_notice", county)).status_code == 200

    listed = {a["id"]: a for a in (await client.get(f"/v1/recruitment/campaigns/{cid}/applicants",
                                                     headers=county)).json()}
    assert [listed[i]["on_public_notice_list"] for i in (passed_id, failed_id, rejected_id, missing_id)] == [
        True, False, False, False]
    assert listed[failed_id]["outcomes"]["medical"]["passed"] is False
    assert listed[failed_id]["outcomes"]["medical"]["note"] == "体检不合格"
    assert listed[rejected_id]["outcomes"]["exam"] is None

    # Published: no one joins the list any more; an objection upheld may still take someone off it.
    late = await record_outcome(client, cid, missing_id, county, "exam")
    assert late.status_code == 409 and late.json()["code"] == "public_notice_published"
    assert late.json()["errors"][0]["field"] == "passed"

    hire = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2026-09-01",
            "contract_term_years": 3}
    url = f"/v1/recruitment/campaigns/{cid}/applicants/{{}}/hire"
    failed = await client.post(url.format(failed_id), json=hire, headers=county)
    assert failed.status_code == 409 and failed.json()["code"] == "step_failed"
    assert failed.json()["step"] == "medical" and failed.json()["errors"][0]["field"] == "outcomes.medical"
    assert "体检未通过" in failed.json()["message_zh"]
    none = await client.post(url.format(missing_id), json=hire, headers=county)
    assert none.status_code == 409 and none.json()["code"] == "step_outcome_missing"
    assert none.json()["steps"] == OUTCOME_STEPS and none.json()["step"] == "exam"
    assert [e["code"] for e in none.json()["errors"]] == ["step_outcome_missing"] * 3
    assert (await session.scalar(select(func.count()).select_from(Worker).where(
        Worker.name.in_(["王强", "陈明"])))) == 0
    assert (await session.scalar(select(func.count()).select_from(audit_log).where(
        audit_log.c.action == "recruitment.applicant.hire"))) == 0
    objection = await record_outcome(client, cid, missing_id, county, "background_check", passed=False,
                                     note="公示期间异议经核实")
    assert objection.status_code == 200 and not objection.json()["on_public_notice_list"]

    hired = await client.post(url.format(passed_id), json=hire, headers=county)
    assert hired.status_code == 200, hired.text
    assert hired.json()["hired_worker_id"] and hired.json()["on_public_notice_list"]
    after_hire = await record_outcome(client, cid, passed_id, county, "background_check", passed=False)
    assert after_hire.status_code == 409 and after_hire.json()["code"] == "already_hired"
