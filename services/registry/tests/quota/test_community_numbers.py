"""A community's number of workers (IM art.6 「每个社区配备社区工作者的人数,由旗县…提出,报旗县党委和政府批准，并报盟市…
备案」): proposed by a county officer, decided by another officer of a level the quota.approval rule lists, filed
with the level above; once approved and in force it is the community's quota instead of the households formula."""

from datetime import date

import pytest
from sqlalchemy import select

from cwm_kit.dates import today_in_china
from cwm_kit.problems import Problem
from registry.models import audit_log
from registry.quota.service import ensure_quota
from registry.seed import seed_regions

from .factories import make_worker, set_region

COMMUNITY = "150404001001"


async def test_county_proposes_another_county_officer_approves_and_files_with_the_city(client, session, tokens):
    await seed_regions(session)
    await set_region(session, COMMUNITY, households=1_500)  # SS formula: ~1 per 300 households → 6 (the minimum)
    await set_region(session, "150404", urban_population=1_000_000)  # the county total is not what is tested
    for _ in range(6):
        await make_worker(session, COMMUNITY)
    county = tokens.headers("county_officer", "150404", subject="ss_county")
    colleague = tokens.headers("county_officer", "150404", subject="ss_county2")
    city = tokens.headers("city_officer", "1504", subject="bt_city")
    town = tokens.headers("township_officer", "150404001", subject="ss_town")
    body = {"region_code": COMMUNITY, "number": 8, "reason": "辖区新增两个小区", "valid_from": "2026-01-01"}

    # Only county level and above proposes; a township officer cannot, another county's officer sees nothing.
    assert (await client.post("/v1/quota/community-numbers", json=body, headers=town)).status_code == 403
    other = tokens.headers("county_officer", "150403", subject="other_county")
    assert (await client.post("/v1/quota/community-numbers", json=body, headers=other)).status_code == 404
    not_community = await client.post("/v1/quota/community-numbers", json={**body, "region_code": "150404001"},
                                      headers=county)
    assert not_community.status_code == 422 and not_community.json()["errors"][0]["field"] == "region_code"

    proposed = await client.post("/v1/quota/community-numbers", json=body, headers=county)
    assert proposed.status_code == 201, proposed.text
    number = proposed.json()
    assert number["status"] == "pending" and number["proposed_by"] == "ss_county"
    # Pending: the formula still holds (6 in post, 6 allowed).
    with pytest.raises(Problem) as refused:
        await ensure_quota(session, COMMUNITY, on=date(2026, 6, 1))
    assert refused.value.extra["allowed"] == 6
    early_filing = await client.post(f"/v1/quota/community-numbers/{number['id']}/filing",
                                     json={"filed_with": "包头市委社会工作部", "filed_on": "2026-02-01"}, headers=county)
    assert early_filing.status_code == 409

    # The proposer cannot approve it (maker–checker); another county officer can (the rule lists the county).
    own = await client.post(f"/v1/quota/community-numbers/{number['id']}/decision", json={"decision": "approve"},
                            headers=county)
    assert own.status_code == 403 and own.json()["code"] == "community_number_self_approval"
    approved = await client.post(f"/v1/quota/community-numbers/{number['id']}/decision",
                                 json={"decision": "approve", "note": "同意"}, headers=colleague)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["decided_by"] == "ss_county2"
    again = await client.post(f"/v1/quota/community-numbers/{number['id']}/decision", json={"decision": "reject"},
                              headers=city)
    assert again.status_code == 409

    # In force: 8 replace the formula's 6, so two more may be hired, not three.
    await ensure_quota(session, COMMUNITY, adding=2, on=date(2026, 6, 1))
    with pytest.raises(Problem) as over:
        await ensure_quota(session, COMMUNITY, adding=3, on=date(2026, 6, 1))
    assert over.value.extra["allowed"] == 8 and over.value.extra["approved_number"] == 8
    # Not before its valid_from.
    with pytest.raises(Problem):
        await ensure_quota(session, COMMUNITY, adding=1, on=date(2025, 12, 31))
    lines = (await client.get(f"/v1/quota?region={COMMUNITY}&on=2026-06-01", headers=county)).json()
    line = next(x for x in lines if x["region_code"] == COMMUNITY)
    assert (line["computed"], line["approved_number"], line["allowed"], line["vacancies"]) == (6, 8, 8, 2)

    # Filed with the city (备案) once, not before the approval; the city sees it.
    before_approval = await client.post(f"/v1/quota/community-numbers/{number['id']}/filing",
                                        json={"filed_with": "包头市委社会工作部", "filed_on": "2020-01-01"},
                                        headers=county)
    assert before_approval.status_code == 422 and before_approval.json()["errors"][0]["field"] == "filed_on"
    today = today_in_china().isoformat()
    filed = await client.post(f"/v1/quota/community-numbers/{number['id']}/filing",
                              json={"filed_with": "包头市委社会工作部", "filed_on": today, "reference": "昆社工备〔2026〕1号"},
                              headers=county)
    assert filed.status_code == 200, filed.text
    assert (filed.json()["filed_with"], filed.json()["filed_on"], filed.json()["filed_by"]) == (
        "包头市委社会工作部", today, "ss_county")
    twice = await client.post(f"/v1/quota/community-numbers/{number['id']}/filing",
                              json={"filed_with": "包头市委社会工作部", "filed_on": today}, headers=county)
    assert twice.status_code == 409
    listed = (await client.get("/v1/quota/community-numbers?region=1504", headers=city)).json()
    assert [n["id"] for n in listed] == [number["id"]]
    seen_by_other = await client.get("/v1/quota/community-numbers?region=1504", headers=other)
    assert seen_by_other.status_code == 200 and seen_by_other.json() == []  # narrowed to their own county

    actions = (await session.scalars(select(audit_log.c.action).where(
        audit_log.c.entity == "community_number").order_by(audit_log.c.at))).all()
    assert actions == ["quota.community_number.propose", "quota.community_number.approve",
                       "quota.community_number.file"]


async def test_a_community_without_a_formula_is_listed_under_its_approved_number(client, session, tokens):
    """Ningxia states no per-community formula: an approved number still becomes the community's quota."""
    await seed_regions(session)
    county = tokens.headers("county_officer", "640104", subject="xq_county")
    colleague = tokens.headers("county_officer", "640104", subject="xq_county2")
    community = "640104001001"
    lines = (await client.get(f"/v1/quota?region={community}", headers=county)).json()
    assert all(x["region_code"] != community for x in lines)
    proposed = (await client.post("/v1/quota/community-numbers", json={
        "region_code": community, "number": 7, "reason": "按服务人口测算"}, headers=county)).json()
    decided = await client.post(f"/v1/quota/community-numbers/{proposed['id']}/decision",
                                json={"decision": "approve"}, headers=colleague)
    assert decided.status_code == 200, decided.text
    line = next(x for x in (await client.get(f"/v1/quota?region={community}", headers=county)).json()
                if x["region_code"] == community)
    assert (line["approved_number"], line["allowed"], line["rule_kind"]) == (7, 7, None)
