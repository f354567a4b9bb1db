"""Issue 13, missing duties part A: who may not be a community worker (rule eligibility.exclusions, SS 二(一)) and
Songshan's 两委 composition (rule community.composition, SS 二(三)1) — refused at registration, post change,
edit, rehire, transfer; reported on the community and in the statistics; Ningxia is held to neither."""

from datetime import date

from sqlalchemy import insert

from registry.regions.models import Region
from registry.rules.models import ManagementRule

from ..stats.helpers import on_session
from ..workers.helpers import create_worker, nid, regions, worker_body
from ..zh_words import SS_SCHEME, assert_in_words

SS = "150404001001"
SS_TOWN = ("township_officer", "150404001")


def ss_body(sequence: int, **overrides):
    return worker_body(**{"community_code": SS, "post": "ss_staff", "hired_on": "2026-03-01",
                          "contract_term_years": None, "national_id": nid(sequence=sequence, region="150404"),
                          **overrides})


async def register(client, tokens, body, who=SS_TOWN):
    return await client.post("/v1/workers", json=body, headers=tokens.headers(*who))


def assert_refused(response, code, field, kind, key=None):
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == code and problem["errors"][0]["field"] == field
    assert problem["message_zh"] and problem["message_en"] and problem["rule"]["kind"] == kind
    if key is not None:
        assert problem["rule"]["key"] == key


async def test_songshan_excludes_retirees_and_serving_staff_on_a_committee(client, session, tokens):
    await regions(session)
    retiree = await register(client, tokens, ss_body(701, other_status="retired", other_status_since="2020-01-01"))
    assert_refused(retiree, "excluded_person", "other_status", "eligibility.exclusions", "excluded")
    assert retiree.json()["rule"]["stated_by"]["source"] == "SS 二(一)"
    assert "退休人员" in retiree.json()["message_zh"]
    # In Chinese the text by its name; "SS 二(一)" stays in the English and the `rule` extra.
    assert retiree.json()["errors"][0]["message_zh"] == f"退休人员不纳入社区工作者范围（{SS_SCHEME}二(一)）"
    assert_in_words(retiree.json()["message_zh"])
    assert "(SS 二(一))" in retiree.json()["message_en"]
    toll = await register(client, tokens, ss_body(702, other_status="toll_station_transferee"))
    assert_refused(toll, "excluded_person", "other_status", "eligibility.exclusions", "excluded")
    # A serving civil servant is excluded on a 两委 post (副职, or a 两委脱产委员 on the staff pay post) …
    deputy = await register(client, tokens, ss_body(703, post="ss_deputy", other_status="civil_servant"))
    assert_refused(deputy, "excluded_person", "other_status", "eligibility.exclusions", "excluded_on_committee")
    member = await register(client, tokens, ss_body(704, committee_member=True, other_status="public_institution"))
    assert_refused(member, "excluded_person", "other_status", "eligibility.exclusions", "excluded_on_committee")
    # … not as community staff: the text names 「在社区“两委”任职的」.
    staff = await register(client, tokens, ss_body(705, other_status="enterprise", other_status_since="2024-01-01"))
    assert staff.status_code == 201, staff.text
    assert staff.json()["other_status"] == "enterprise" and staff.json()["other_status_since"] == "2024-01-01"

    # An edit cannot record an excluded status on a current worker either.
    etag = staff.headers["etag"]
    edit = await client.patch(f"/v1/workers/{staff.json()['id']}", json={"other_status": "retired"},
                              headers={**tokens.headers(*SS_TOWN), "If-Match": etag})
    assert_refused(edit, "excluded_person", "other_status", "eligibility.exclusions")

    # Ningxia: CENTRAL §12 excludes no one, and Songshan's rule does not reach it.
    nx = await create_worker(client, tokens, national_id=nid(sequence=706), other_status="retired", post="nx_head")
    assert nx["other_status"] == "retired"


async def test_a_retired_former_worker_is_not_rehired_in_songshan(client, session, tokens):
    await regions(session)
    town = tokens.headers(*SS_TOWN)
    worker = (await register(client, tokens, ss_body(711, hired_on="2020-03-01"))).json()
    retired = await client.post(f"/v1/workers/{worker['id']}/status-transitions",
                                json={"status": "retired", "on": "2025-12-31", "reason": "到龄退休"}, headers=town)
    assert retired.status_code == 201, retired.text
    rehire = await client.post(f"/v1/workers/{worker['id']}/rehire",
                               json={"community_code": SS, "post": "ss_staff", "hired_on": "2026-03-01",
                                     "reason": "返聘"}, headers=town)
    assert_refused(rehire, "excluded_person", "other_status", "eligibility.exclusions", "excluded")


async def test_at_most_three_leadership_posts_per_songshan_community(client, session, tokens):
    await regions(session)
    for sequence, post in ((721, "ss_head"), (722, "ss_deputy"), (723, "ss_deputy")):
        created = await register(client, tokens, ss_body(sequence, post=post))
        assert created.status_code == 201, created.text
    fourth = await register(client, tokens, ss_body(724, post="ss_deputy"))
    assert_refused(fourth, "leadership_posts_full", "post", "community.composition", "max_leadership_posts")
    assert fourth.json()["leadership_count"] == 3 and fourth.json()["rule"]["stated_by"]["source"] == "SS 二(三)1"
    # In Chinese the text and the community by name (its code and "SS 二(三)1" stay in the English).
    name = (await session.get(Region, SS)).name
    assert fourth.json()["errors"][0]["message_zh"] == (
        f"社区“两委”领导职数不超过 3 人（{SS_SCHEME}二(三)1），{name}已有 3 人")
    assert_in_words(fourth.json()["message_zh"], SS)
    assert "(SS 二(三)1)" in fourth.json()["message_en"] and SS in fourth.json()["message_en"]
    # Staff posts are not leadership posts; a staff worker cannot be moved onto a fourth one.
    staff = await register(client, tokens, ss_body(725))
    assert staff.status_code == 201, staff.text
    moved = await client.post(f"/v1/workers/{staff.json()['id']}/post-changes",
                              json={"post": "ss_deputy", "on": "2026-04-01", "reason": "补录"}, headers=tokens.headers(*SS_TOWN))
    assert_refused(moved, "leadership_posts_full", "post", "community.composition")
    # Nor transferred in as a deputy from another community of the district.
    other = await register(client, tokens, ss_body(726, post="ss_deputy", community_code="150404001002"))
    assert other.status_code == 201, other.text
    transfer = await client.post(f"/v1/workers/{other.json()['id']}/transfers",
                                 json={"community_code": SS, "on": "2026-04-01", "reason": "补录"}, headers=tokens.headers(*SS_TOWN))
    assert_refused(transfer, "leadership_posts_full", "post", "community.composition")

    # Ningxia has no such limit: a fourth leadership post is registered.
    for sequence, post in ((731, "nx_head"), (732, "nx_deputy"), (733, "nx_deputy"), (734, "nx_deputy")):
        await create_worker(client, tokens, national_id=nid(sequence=sequence), post=post)


async def test_the_community_shows_its_composition_and_the_statistics_count_shortfalls(app, client, session, tokens):
    await regions(session)
    town = tokens.headers(*SS_TOWN)
    assert (await register(client, tokens, ss_body(741, post="ss_head", head_role="secretary"))).status_code == 201
    shown = await client.get(f"/v1/communities/{SS}/composition", headers=town)
    assert shown.status_code == 200, shown.text
    body = shown.json()
    assert body["leadership_count"] == 1 and body["max_leadership_posts"] == 3
    assert body["leadership_posts"] == ["ss_head", "ss_deputy"] and body["rule"]["kind"] == "community.composition"
    assert {w["code"] for w in body["warnings"]} == {"party_affairs_missing", "local_member_missing"}
    assert all(w["message_zh"] and w["message_en"] for w in body["warnings"])
    for warning in body["warnings"]:
        assert f"（{SS_SCHEME}二(三)1）" in warning["message_zh"] and "(SS 二(三)1)" in warning["message_en"]
        assert_in_words(warning["message_zh"])
    stats = (await client.get("/v1/stats", params={"region": "150404001"}, headers=town)).json()["composition"]
    assert stats == {"communities": 1, "over_leadership": 0, "without_party_affairs": 1, "without_local_member": 1}

    # A party-affairs worker on the staff post, and a 两委 member living locally: no warnings left.
    assert (await register(client, tokens, ss_body(742, party_affairs=True))).status_code == 201
    assert (await register(client, tokens, ss_body(743, post="ss_deputy", lives_locally=True))).status_code == 201
    body = (await client.get(f"/v1/communities/{SS}/composition", headers=town)).json()
    assert body["warnings"] == [] and body["party_affairs_count"] == 1 and body["local_members_count"] == 1
    assert body["leadership_count"] == 2 and body["committee_members"] == 2
    # Statistics are a snapshot the background refresher brings up to date (ADR 0006): here, as it would.
    app.state.stats_snapshots.refresh_seconds = 0
    await app.state.stats_snapshots.refresh_polled(on_session(session))
    stats = (await client.get("/v1/stats", params={"region": "150404001"}, headers=town)).json()["composition"]
    assert stats["without_party_affairs"] == 0 and stats["without_local_member"] == 0

    # Outside the jurisdiction the community does not exist; Ningxia has no composition rule.
    outside = await client.get(f"/v1/communities/{SS}/composition", headers=tokens.headers("township_officer",
                                                                                          "640104001"))
    assert outside.status_code == 404
    await create_worker(client, tokens, national_id=nid(sequence=744))
    nx = (await client.get("/v1/communities/640104001001/composition",
                           headers=tokens.headers("township_officer", "640104001"))).json()
    assert nx["rule"] is None and nx["warnings"] == [] and nx["leadership_count"] == 0
    nx_stats = await client.get("/v1/stats", params={"region": "640104001"},
                                headers=tokens.headers("township_officer", "640104001"))
    assert nx_stats.json()["composition"] is None


async def test_a_local_rule_version_is_applied_at_recruitment_hire(client, session, tokens):
    """The exclusion is data: a county publishing its own version (here for 兴庆区) is applied when an applicant is
    hired; without it Ningxia excludes no one."""
    from ..recruitment.test_recruitment import advance_to_public_notice, open_registration_and_register, reviewed_campaign

    county = tokens.headers("county_officer", "640104", subject="xq_county")
    cid = await reviewed_campaign(client, session, tokens, county)
    registered, _second_id, _rejected = await open_registration_and_register(client, cid, county)
    await advance_to_public_notice(client, cid, county, passing=[registered.json()["id"]])
    await session.execute(insert(ManagementRule).values(
        kind="eligibility.exclusions", region_prefix="640104", effective_from=date(2026, 1, 1),
        source="兴庆区 test version", params={"excluded": ["retired"]}, clauses=None))
    hire = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2026-09-01", "contract_term_years": 3}
    url = f"/v1/recruitment/campaigns/{cid}/applicants/{registered.json()['id']}/hire"
    refused = await client.post(url, json={**hire, "other_status": "retired"}, headers=county)
    assert_refused(refused, "excluded_person", "other_status", "eligibility.exclusions", "excluded")
    assert refused.json()["rule"]["stated_by"]["region_prefix"] == "640104"
    hired = await client.post(url, json={**hire, "other_status": "civil_servant"}, headers=county)
    assert hired.status_code == 200, hired.text
