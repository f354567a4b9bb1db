
from datetime import date

import pytest
from sqlalchemy import select

from cwm_kit.problems import Problem

from registry.models import audit_log
from registry.quota.service import community_allowed, county_allowed, ensure_quota
from registry.seed import seed_regions

from .factories import make_worker, set_region

TOWN = "640104001"
COMMUNITY = "640104001001"


def test_quota_arithmetic():
    assert county_allowed({"per_10000_urban_residents": 18}, 10_000) == 18
    assert county_allowed({"per_10000_urban_residents": 18}, 15_555) == 27  # 27.999 → 27 whole places
    assert community_allowed({"households_per_worker": 300, "minimum": 6}, 1_000) == 6  # 3.33 → minimum 6
    assert community_allowed({"households_per_worker": 300, "minimum": 6}, 2_850) == 10  # 9.5 → 10 (half up)
    assert community_allowed({"households_per_worker": 300, "minimum": 6}, 2_840) == 9  # 9.47 → 9


async def test_over_quota_hire_refused_then_allowed_after_exception(client, session, tokens):
    await seed_regions(session)
    # 5,000 urban residents × 18 / 10,000 = 9 places for the whole county.
    await set_region(session, "640104", urban_population=5_000)
    for _ in range(9):
        await make_worker(session, COMMUNITY)
    with pytest.raises(Problem) as refused:
        await ensure_quota(session, "640104002001")
    problem = refused.value
    assert problem.status == 409 and problem.code == "quota_exceeded"
    assert problem.extra["allowed"] == 9 and problem.extra["filled"] == 9 and problem.extra["level"] == "county"
    assert problem.extra["rule"]["kind"] == "quota.county"
    assert problem.extra["rule"]["params"] == {"per_10000_urban_residents": 18}

    # A township officer cannot approve exceptions; an auditor cannot write; another county gets 404.
    body = {"region_code": "640104", "extra_posts": 2, "reason": "旧城改造安置社区人口激增"}
    town = tokens.headers("township_officer", TOWN)
    assert (await client.post("/v1/quota/exceptions", json=body, headers=town)).status_code == 404
    own = {**body, "region_code": COMMUNITY}
    assert (await client.post("/v1/quota/exceptions", json=own, headers=town)).status_code == 403
    auditor = tokens.headers("auditor", "640104")
    assert (await client.post("/v1/quota/exceptions", json=body, headers=auditor)).status_code == 403
    other = tokens.headers("county_officer", "640105")
    assert (await client.post("/v1/quota/exceptions", json=body, headers=other)).status_code == 404

    county = tokens.headers("county_officer", "640104", subject="xq_county")
    requested = await client.post("/v1/quota/exceptions", json=body, headers=county)
    assert requested.status_code == 201, requested.text
    assert requested.json()["status"] == "pending" and requested.json()["requested_by"] == "xq_county"
    with pytest.raises(Problem):  # a pending request raises nothing
        await ensure_quota(session, "640104002001")
    # No county officer raises their own county's total — neither the requester nor a colleague (issue 13, the
    # attack); the level above (the city) decides.
    colleague = tokens.headers("county_officer", "640104", subject="xq_county2")
    for officer in (county, colleague):
        attack = await client.post(f"/v1/quota/exceptions/{requested.json()['id']}/decision",
                                   json={"decision": "approve"}, headers=officer)
        assert attack.status_code == 403 and attack.json()["code"] == "exception_approver_level", attack.text
        assert "市级" in attack.json()["message_zh"]
    city = tokens.headers("city_officer", "6401", subject="yc_city")
    approved = await client.post(f"/v1/quota/exceptions/{requested.json()['id']}/decision",
                                 json={"decision": "approve", "note": "市委社会工作部核定"}, headers=city)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["decided_by"] == "yc_city"
    assert approved.json()["decided_at"] and approved.json()["extra_posts"] == 2
    again_decided = await client.post(f"/v1/quota/exceptions/{requested.json()['id']}/decision",
                                      json={"decision": "reject"}, headers=city)
    assert again_decided.status_code == 409
    row = (await session.execute(select(audit_log).where(audit_log.c.action == "quota.exception.approve"))
           ).mappings().one()
    assert row["actor"] == "yc_city" and row["after"]["status"] == "approved"

    await ensure_quota(session, "640104002001")  # 9 + 1 ≤ 11
    await make_worker(session, "640104002001")
    await make_worker(session, "640104002001")
    with pytest.raises(Problem) as again:
        await ensure_quota(session, COMMUNITY)
    assert again.value.extra["allowed"] == 11 and again.value.extra["filled"] == 11


async def test_songshan_community_minimum_and_overview(client, session, tokens):
    await seed_regions(session)
    await set_region(session, "150404", urban_population=1_000_000)  # county total is not the limit here
    await set_region(session, "150404001001", households=1_000)  # 3.3 → at least 6
    for _ in range(6):
        await make_worker(session, "150404001001")
    with pytest.raises(Problem) as refused:
        await ensure_quota(session, "150404001001")
    assert refused.value.extra["level"] == "community" and refused.value.extra["allowed"] == 6
    assert refused.value.extra["rule"]["region_prefix"] == "150404"

    headers = tokens.headers("township_officer", "150404001")
    response = await client.get("/v1/quota", headers=headers)
    assert response.status_code == 200
    lines = {line["region_code"]: line for line in response.json()}
    assert "150404" not in lines  # the county line is outside a township officer's jurisdiction
    assert lines["150404001001"]["allowed"] == 6 and lines["150404001001"]["filled"] == 6
    assert lines["150404001001"]["vacancies"] == 0
    assert all(code.startswith("150404001") for code in lines)
    county = await client.get("/v1/quota?region=150404", headers=tokens.headers("county_officer", "150404"))
    county_line = next(line for line in county.json() if line["region_code"] == "150404")
    assert county_line["allowed"] == 1800 and county_line["filled"] == 6
    assert (await client.get("/v1/quota?region=640104", headers=headers)).status_code == 404


async def test_every_way_of_adding_a_worker_respects_the_quota(client, session, tokens):
    await seed_regions(session)
    await set_region(session, "640104", urban_population=5_000)  # 9 places for the county
    for _ in range(9):
        await make_worker(session, COMMUNITY)
    # Registering directly (the officer's form and the Excel import go through WorkerService).
    with pytest.raises(Problem) as direct:
        await make_worker(session, "640104002001")
    assert direct.value.code == "quota_exceeded" and direct.value.extra["level"] == "county"
    body = {"national_id": "640104199001010011", "name": "超编者", "community_code": "640104002001",
            "post": "nx_staff", "hired_on": "2024-01-01", "contract_term_years": 3}
    over = await client.post("/v1/workers", json=body, headers=tokens.headers("township_officer", "640104002"))
    assert over.status_code in (409, 422), over.text
    if over.status_code == 409:
        assert over.json()["code"] == "quota_exceeded"


async def test_inner_mongolian_county_requests_its_total_the_city_approves(client, session, tokens):
    """IM art.6 「盟市党委社会工作部门负责核定所辖每个旗县…总量」: a county officer may ask for more places for
    their own county but not approve it (the attack), a city officer approves; rejected and pending requests
    raise nothing. A community's number is decided at county level by another officer (art.6, filed with the
    city)."""
    await seed_regions(session)
    await set_region(session, "150404", urban_population=5_000)  # 9 places
    for _ in range(9):
        await make_worker(session, "150404001001")
    county = tokens.headers("county_officer", "150404", subject="ss_county")
    other_county_officer = tokens.headers("county_officer", "150404", subject="ss_county2")
    city = tokens.headers("city_officer", "1504", subject="cf_city")
    body = {"region_code": "150404", "extra_posts": 1, "reason": "新建小区入住", "valid_from": "2026-01-01"}

    rejected = (await client.post("/v1/quota/exceptions", json=body, headers=county)).json()
    no = await client.post(f"/v1/quota/exceptions/{rejected['id']}/decision", json={"decision": "reject",
                                                                                   "note": "人口未达标"}, headers=city)
    assert no.status_code == 200 and no.json()["status"] == "rejected" and no.json()["decided_by"] == "cf_city"

    requested = (await client.post("/v1/quota/exceptions", json=body, headers=county)).json()
    for officer in (county, other_county_officer):  # no county officer approves the county's own total
        attack = await client.post(f"/v1/quota/exceptions/{requested['id']}/decision", json={"decision": "approve"},
                                   headers=officer)
        assert attack.status_code == 403, attack.text
    assert attack.json()["code"] == "exception_approver_level"
    assert attack.json()["rule"]["stated_by"]["source"] == "IM art.6"
    with pytest.raises(Problem):
        await ensure_quota(session, "150404001002", on=date(2026, 6, 1))
    ok = await client.post(f"/v1/quota/exceptions/{requested['id']}/decision", json={"decision": "approve"},
                           headers=city)
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    await ensure_quota(session, "150404001002", on=date(2026, 6, 1))  # 9 + 1 ≤ 10
    listed = (await client.get("/v1/quota/exceptions?region=150404", headers=city)).json()
    assert sorted(e["status"] for e in listed) == ["approved", "rejected"]

    # A community's number: proposed by one county officer, approved by another (art.6), listed to the city.
    community = (await client.post("/v1/quota/exceptions", json={**body, "region_code": "150404001001"},
                                   headers=county)).json()
    decided = await client.post(f"/v1/quota/exceptions/{community['id']}/decision", json={"decision": "approve"},
                                headers=other_county_officer)
    assert decided.status_code == 200 and decided.json()["decided_by"] == "ss_county2"
    assert any(e["id"] == community["id"] for e in
               (await client.get("/v1/quota/exceptions?region=150404", headers=city)).json())


async def test_a_retired_community_leaves_the_quota_table(client, session, tokens):
    """A community retired by the day asked has no quota line (its formula's places would be counted as
    vacancies); the day before it still has one."""
    await seed_regions(session)
    await set_region(session, "150404001002", retired_on=date(2026, 6, 1))
    county = tokens.headers("county_officer", "150404")

    async def codes(on: str) -> set[str]:
        response = await client.get(f"/v1/quota?region=150404001&on={on}", headers=county)
        assert response.status_code == 200, response.text
        return {line["region_code"] for line in response.json()}

    before = await codes("2026-05-31")
    assert "150404001002" in before and "150404001001" in before
    assert await codes("2026-06-01") == before - {"150404001002"}


async def test_a_songshan_community_below_the_minimum_of_six_is_warned_about(client, session, tokens):
    """SS 二(三)1 「每个社区最少不低于6人」: four workers in post is a gap of two, named with its clause; six is not
    warned about; Ningxia's communities (no per-community rule) carry no minimum."""
    await seed_regions(session)
    await set_region(session, "150404", urban_population=1_000_000)
    await set_region(session, "150404001001", households=1_000)  # 3.3 → the minimum, 6
    await set_region(session, "150404001002", households=3_000)  # 10
    for _ in range(4):
        await make_worker(session, "150404001001")
    for _ in range(6):
        await make_worker(session, "150404001002")
    response = await client.get("/v1/quota", headers=tokens.headers("township_officer", "150404001"))
    assert response.status_code == 200, response.text
    lines = {line["region_code"]: line for line in response.json()}
    short = lines["150404001001"]
    assert short["minimum"] == 6 and short["filled"] == 4 and short["vacancies"] == 2
    [warning] = short["warnings"]
    assert warning["code"] == "below_minimum"
    assert "在岗 4 人，低于每个社区最少 6 人，缺 2 人" in warning["message_zh"]
    # The text by its Chinese name, no Latin abbreviation in a Chinese message.
    assert "松山区《社区工作者职业体系建设实施方案》二(三)1" in warning["message_zh"] and "SS" not in warning["message_zh"]
    assert "「每个社区最少不低于6人」" in warning["message_zh"]
    assert "4 in post, below the minimum of 6 per community, 2 short (SS 二(三)1)" in warning["message_en"]
    assert warning["rule"]["kind"] == "quota.community" and warning["rule"]["stated_by"]["source"] == "SS 二(三)1"
    # Six in post where ten are allowed: vacancies, but not below the minimum.
    assert lines["150404001002"]["minimum"] == 6 and lines["150404001002"]["vacancies"] == 4
    assert lines["150404001002"]["warnings"] == []
    # An empty community is the furthest below it.
    assert [w["code"] for w in lines["150404001003"]["warnings"]] == ["below_minimum"]
    assert "缺 6 人" in lines["150404001003"]["warnings"][0]["message_zh"]
    # The county sees its communities' warnings in the same answer; its own line has no per-community minimum.
    county = {line["region_code"]: line for line in (await client.get(
        "/v1/quota?region=150404", headers=tokens.headers("county_officer", "150404"))).json()}
    assert county["150404"]["minimum"] is None and county["150404"]["warnings"] == []
    assert county["150404001001"]["warnings"][0]["code"] == "below_minimum"
    ningxia = (await client.get("/v1/quota", headers=tokens.headers("county_officer", "640104"))).json()
    assert ningxia and all(line["minimum"] is None and line["warnings"] == [] for line in ningxia)
