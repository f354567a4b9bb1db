
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
    approved = await client.post("/v1/quota/exceptions", json=body, headers=county)
    assert approved.status_code == 201, approved.text
    assert approved.json()["approved_by"] == "xq_county" and approved.json()["extra_posts"] == 2
    row = (await session.execute(select(audit_log).where(audit_log.c.action == "quota.exception.approve"))
           ).mappings().one()
    assert row["actor"] == "xq_county" and row["after"]["reason"] == body["reason"]

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
