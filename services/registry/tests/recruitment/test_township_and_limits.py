"""A township sees its county's campaigns read-only (CENTRAL §1, IM art.8: the county or city organises); a
street's recommendation relaxes the recruitment age, never past the statutory retirement age; messages name
groups and steps in words."""

import re
from datetime import date, timedelta

from sqlalchemy import insert

from cwm_kit.dates import today_in_china

from registry.recruitment import eligibility
from registry.recruitment.models import Campaign
from registry.rules.defaults import DEFAULT_RULES
from registry.seed import seed_regions
from registry.workers.national_id import make

from ..zh_words import SS_SCHEME, assert_in_words
from .test_recruitment import STEPS, advance, publish_county_plan

ELIGIBILITY = next(p for k, _, _, _, p, _ in DEFAULT_RULES if k == "recruitment.eligibility")
# A code (volunteer, local_party_member, registration …) or any English word inside a Chinese message.
ASCII_WORD = re.compile(r"[a-z_]{2,}")


async def county_campaign(client, session, tokens, region: str = "640104") -> str:
    await seed_regions(session)
    await publish_county_plan(session)
    created = await client.post("/v1/recruitment/campaigns", json={"region_code": region, "title": "2026年兴庆区招聘",
                                                                    "positions": 2},
                                headers=tokens.headers("county_officer", region, subject="xq_county"))
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def other_campaign(session, region: str) -> str:
    """A campaign of another organiser, written directly (its own plan is not the point here)."""
    row = (await session.execute(insert(Campaign).values(
        region_code=region, title=f"{region} 招聘", positions=1, step_index=0, steps=STEPS, review_required=False,
        created_by="someone").returning(Campaign.id))).scalar_one()
    return str(row)


async def test_a_township_sees_its_countys_campaigns_and_cannot_run_them(client, session, tokens):
    cid = await county_campaign(client, session, tokens)
    city_cid = await other_campaign(session, "6401")  # organised by 银川市: above the township too
    elsewhere = await other_campaign(session, "640105")  # another county of the same city
    town = tokens.headers("township_officer", "640104001", subject="xq_town")

    listed = await client.get("/v1/recruitment/campaigns", headers=town)
    assert listed.status_code == 200, listed.text
    assert {c["id"] for c in listed.json()} == {cid, city_cid}
    detail = await client.get(f"/v1/recruitment/campaigns/{cid}", headers=town)
    assert detail.status_code == 200 and detail.json()["region_code"] == "640104"
    # Asking for the county's campaigns by the county's code narrows to the township: the same answer.
    assert {c["id"] for c in (await client.get("/v1/recruitment/campaigns?region=640104",
                                               headers=town)).json()} == {cid, city_cid}
    # Another county's campaign does not exist for it.
    assert (await client.get(f"/v1/recruitment/campaigns/{elsewhere}", headers=town)).status_code == 404
    assert (await client.get(f"/v1/recruitment/campaigns/{elsewhere}/applicants", headers=town)).status_code == 404
    assert (await client.get("/v1/recruitment/campaigns?region=640105", headers=town)).status_code == 404
    other_town = tokens.headers("township_officer", "640105001")
    assert (await client.get(f"/v1/recruitment/campaigns/{cid}", headers=other_town)).status_code == 404
    assert {c["id"] for c in (await client.get("/v1/recruitment/campaigns", headers=other_town)).json()} == {
        city_cid, elsewhere}

    # Writes stay with the organiser: 403 naming it, nothing changes.
    refused = await advance(client, cid, "announcement", town)
    assert refused.status_code == 403 and refused.json()["code"] == "not_organiser", refused.text
    assert refused.json()["organiser"] == "640104" and "兴庆区" in refused.json()["message_zh"]
    applicant = {"name": "李静", "national_id": make("640104", date(1996, 4, 2), 122), "education": "benke"}
    for path, body in ((f"/v1/recruitment/campaigns/{cid}/applicants", applicant),
                       (f"/v1/recruitment/campaigns/{cid}/review", {}),
                       (f"/v1/recruitment/campaigns/{city_cid}/steps", {"step": "announcement"})):
        response = await client.post(path, json=body, headers=town)
        assert response.status_code == 403 and response.json()["code"] == "not_organiser", (path, response.text)
    created = await client.post("/v1/recruitment/campaigns", json={"region_code": "640104001", "title": "街道自行招聘",
                                                                    "positions": 1}, headers=town)
    assert created.status_code == 422 and created.json()["errors"][0]["code"] == "organiser_level"
    county_level = await client.post("/v1/recruitment/campaigns", json={"region_code": "640104", "title": "代县招聘",
                                                                         "positions": 1}, headers=town)
    assert county_level.status_code == 404
    assert (await client.get(f"/v1/recruitment/campaigns/{cid}", headers=town)).json()["current_step"] == "plan"
    # The county officer sees the city's campaign too, and does not run it either.
    county = tokens.headers("county_officer", "640104")
    assert (await client.get(f"/v1/recruitment/campaigns/{city_cid}", headers=county)).status_code == 200
    assert (await advance(client, city_cid, "announcement", county)).json()["code"] == "not_organiser"

    # The pre-check (资格预审) against the rule that applies to the township.
    checked = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "on": "2026-05-31", "national_id": make("640104", date(1996, 4, 2), 122),
        "education": "benke"}, headers=town)
    assert checked.status_code == 200 and checked.json()["eligible"], checked.text


async def test_a_township_sees_only_the_applicants_hired_into_its_communities(client, session, tokens):
    """Applicants name no community before the hire: the township sees the ones hired into its communities."""
    from .test_recruitment import (advance_to_public_notice, open_registration_and_register, reviewed_campaign)

    county = tokens.headers("county_officer", "640104", subject="xq_county")
    cid = await reviewed_campaign(client, session, tokens, county)
    registered, second_id, _ = await open_registration_and_register(client, cid, county)
    town, town2 = tokens.headers("township_officer", "640104001"), tokens.headers("township_officer", "640104002")
    assert (await client.get(f"/v1/recruitment/campaigns/{cid}/applicants", headers=town)).json() == []
    await advance_to_public_notice(client, cid, county, passing=[registered.json()["id"]])
    hire = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2026-09-01", "contract_term_years": 3}
    hired = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{registered.json()['id']}/hire",
                              json=hire, headers=county)
    assert hired.status_code == 200, hired.text
    # The township cannot hire (the organiser does), not even into its own community.
    refused = await client.post(f"/v1/recruitment/campaigns/{cid}/applicants/{second_id}/hire", json=hire,
                                headers=town)
    assert refused.status_code == 403 and refused.json()["code"] == "not_organiser"
    seen = (await client.get(f"/v1/recruitment/campaigns/{cid}/applicants", headers=town)).json()
    assert [a["name"] for a in seen] == ["李静"] and seen[0]["hired_worker_id"] == hired.json()["hired_worker_id"]
    assert (await client.get(f"/v1/recruitment/campaigns/{cid}/applicants", headers=town2)).json() == []
    assert len((await client.get(f"/v1/recruitment/campaigns/{cid}/applicants", headers=county)).json()) == 3


def test_relaxation_stops_at_the_statutory_retirement_age():
    """Born 1971-06-01, a woman: 55 on 2026-06-01, retiring under the gradual reform 5 months later (17 months
    after 2025-01 → 17 // 4 + 1 = 5) on 2026-11-01. The street's recommendation relaxes 40 until then."""
    facts = eligibility.EligibilityFacts(birth_date=date(1971, 6, 1), education="below_dazhuan", groups=["volunteer"],
                                         street_recommended=True)
    limit = eligibility.RetirementLimit(on=date(2026, 11, 1), source="reform", retirees_excluded_by="SS 二(一)")
    assert eligibility.check(ELIGIBILITY, facts, date(2026, 10, 31), limit)[0] == []
    failures, _ = eligibility.check(ELIGIBILITY, facts, date(2026, 11, 1), limit)
    assert [f["rule"] for f in failures] == ["retirement_age"]
    assert failures[0]["retirement_date"] == "2026-11-01"
    assert failures[0]["message_zh"].endswith(f"；退休人员不纳入社区工作者范围（{SS_SCHEME}二(一)）")
    assert_in_words(failures[0]["message_zh"])
    assert "(SS 二(一))" in failures[0]["message_en"]


async def test_eligibility_check_refuses_relaxation_past_retirement_and_a_future_recommendation(client, session,
                                                                                                tokens):
    await seed_regions(session)
    town = tokens.headers("township_officer", "150404001", subject="ss_town")
    recommended = {"groups": ["volunteer"], "street_recommendation_by": "振兴街道党工委",
                   "street_recommendation_on": "2026-01-15"}

    async def check(birth: date, sequence: int, on: str = "2026-05-31", **extra):
        return await client.post("/v1/recruitment/eligibility-check", json={
            "region_code": "150404001", "on": on, "national_id": make("150404", birth, sequence),
            "education": "below_dazhuan", **recommended, **extra}, headers=town)

    # 66 (a man born 1960-03-01 reached 60 on 2020-03-01, before the reform): relaxed age, still not eligible.
    old = await check(date(1960, 3, 1), 11)
    assert old.status_code == 200, old.text
    assert not old.json()["eligible"] and old.json()["age"] == 66
    [failure] = old.json()["failures"]
    assert failure["rule"] == "retirement_age" and failure["retirement_date"] == "2020-03-01"
    # Songshan's text excludes retirees (SS 二(一) 「退休社区工作者…不纳入本方案范围」), named too.
    assert "法定退休年龄" in failure["message_zh"] and f"{SS_SCHEME}二(一)" in failure["message_zh"]
    assert_in_words(failure["message_zh"])
    # The woman of the unit test: eligible the day before her retirement date, not on it.
    assert (await check(date(1971, 6, 1), 22, on="2026-10-31")).json()["eligible"]
    assert [f["rule"] for f in (await check(date(1971, 6, 1), 22, on="2026-11-01")).json()["failures"]] == [
        "retirement_age"]
    # A 45-year-old volunteer with the street's recommendation is eligible (the relaxation itself still works) …
    assert (await check(date(1980, 6, 1), 11)).json()["eligible"]
    # … but not as of a day before the recommendation was given.
    before = await check(date(1980, 6, 1), 11, on="2026-01-14")
    assert [f["rule"] for f in before.json()["failures"]] == ["age_limit", "education_minimum"]

    # A recommendation dated after today (China's date) is refused, naming the field.
    for future in ("2030-11-01", (today_in_china() + timedelta(days=1)).isoformat()):
        refused = await check(date(1980, 6, 1), 11, street_recommendation_on=future)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "street_recommendation_on"
        assert refused.json()["errors"][0]["code"] == "date_in_future"
    assert (await check(date(1980, 6, 1), 11, street_recommendation_on=today_in_china().isoformat(),
                        on=today_in_china().isoformat())).json()["eligible"]


async def test_messages_name_groups_education_and_steps_in_words(client, session, tokens):
    cid = await county_campaign(client, session, tokens)
    town = tokens.headers("township_officer", "150404001")
    response = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "150404001", "on": "2026-05-31", "national_id": make("150404", date(1980, 6, 1), 11),
        "education": "below_dazhuan", "groups": ["veteran"]}, headers=town)
    failures = response.json()["failures"]
    assert [f["rule"] for f in failures] == ["age_limit", "education_minimum"]
    for failure in failures:
        assert ASCII_WORD.search(failure["message_zh"]) is None, failure["message_zh"]
        assert "本地党员、志愿者、退役军人、社区社会组织负责人、业主委员会成员" in failure["message_zh"]
        assert "volunteers" in failure["message_en"] and "local_party_member" not in failure["message_en"]
    assert "大专以下" in failures[1]["message_zh"] and "below associate degree" in failures[1]["message_en"]

    county = tokens.headers("county_officer", "640104")
    skipped = await advance(client, cid, "registration", county)
    assert skipped.status_code == 409 and skipped.json()["code"] == "step_out_of_order"
    assert skipped.json()["message_zh"] == "招聘程序须按顺序进行，不得跳过：当前为「制定招聘方案」，下一步应为「发布招聘公告」"
    assert skipped.json()["expected_step"] == "announcement"  # the code stays in its own field
