from datetime import timedelta

from cwm_kit.dates import add_years, today_in_china

from registry.posts.models import PostDefinition
from registry.posts.repository import PostRepository

from tests.workers.helpers import regions


async def test_catalogue_per_prefix_most_specific_wins(client, session, tokens):
    await regions(session)
    ss = await client.get("/v1/posts?region=150404001001", headers=tokens.headers("township_officer", "150404001"))
    assert ss.status_code == 200
    assert [(p["code"], p["committee"], p["contract_term_years"]) for p in ss.json()] == [
        ("ss_head", True, 5), ("ss_deputy", True, 5), ("ss_staff", False, 3)]
    nx = await client.get("/v1/posts?region=640104001001", headers=tokens.headers("township_officer", "640104001"))
    assert [p["code"] for p in nx.json()] == ["nx_head", "nx_deputy", "nx_member", "nx_staff"]
    assert {p["label_zh"] for p in nx.json()} >= {"两委正职", "专职工作人员"}
    # A county-specific catalogue (data only) overrides the province's for that county alone.
    session.add(PostDefinition(code="xq_grid", jurisdiction_prefix="640104", label_zh="网格员", label_en="grid worker",
                               committee=False, head=False, contract_term_years=2, rank=1))
    await session.flush()
    repository = PostRepository(session)
    assert [p.code for p in await repository.catalogue_for("640104001001")] == ["xq_grid"]
    assert [p.code for p in await repository.catalogue_for("640105001001")][0] == "nx_head"
    assert await repository.catalogue_for("110101001001") == []


async def test_catalogue_outside_jurisdiction_is_404(client, session, tokens):
    await regions(session)
    response = await client.get("/v1/posts?region=150404001001", headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 404


async def test_catalogue_is_data_managed_inside_the_jurisdiction(client, session, tokens):
    await regions(session)
    admin = tokens.headers("provincial_admin", "15")
    changed = await client.patch("/v1/posts/ss_staff", json={"contract_term_years": 4}, headers=admin)
    assert changed.status_code == 200 and changed.json()["contract_term_years"] == 4
    # New workers on the post now get the new term (rules are data).
    from tests.workers.helpers import nid, worker_body
    body = worker_body(national_id=nid(sequence=881), community_code="150404001001", post="ss_staff",
                       hired_on="2025-01-01")
    body.pop("contract_term_years")
    town = tokens.headers("township_officer", "150404001")
    hired = await client.post("/v1/workers", json=body, headers=town)
    # Songshan's text states the term (rule contract.term @150404, SS 二(四)5): the rule, not the catalogue,
    # decides there; a new version of the rule changes it (issue 13 item 2).
    assert hired.json()["contract"]["end"] == "2027-12-31"
    # A new version takes effect today or later (never backdated): a hire from its date gets the new term.
    today = today_in_china()
    revised = await client.post("/v1/management-rules", headers=admin, json={
        "kind": "contract.term", "region_prefix": "150404", "effective_from": today.isoformat(),
        "source": "SS revision", "params": {"staff_years": 4}})
    assert revised.status_code == 201, revised.text
    again = await client.post("/v1/workers", json={**body, "national_id": nid(sequence=883),
                                                   "hired_on": today.isoformat()}, headers=town)
    assert again.json()["contract"]["end"] == (add_years(today, 4) - timedelta(days=1)).isoformat()
    # Ningxia's admin cannot touch Songshan's catalogue; a township officer cannot change the province's:
    # outside the jurisdiction, a post answers 404 exactly like a made-up code (no hint that it exists).
    for code, who in (("ss_staff", ("provincial_admin", "64")), ("nx_staff", ("township_officer", "640104001"))):
        foreign = await client.patch(f"/v1/posts/{code}", json={"rank": 9}, headers=tokens.headers(*who))
        made_up = await client.patch("/v1/posts/no_such_post", json={"rank": 9}, headers=tokens.headers(*who))
        assert (foreign.status_code, foreign.json()["code"]) == (made_up.status_code, made_up.json()["code"]) \
            == (404, "not_found")
    assert (await client.patch("/v1/posts/nx_staff", json={"rank": 9},
                               headers=tokens.headers("auditor", "64"))).status_code == 403
    added = await client.post("/v1/posts", headers=tokens.headers("county_officer", "640104"), json={
        "code": "xq_grid", "jurisdiction_prefix": "640104", "label_zh": "网格员", "label_en": "grid worker",
        "committee": False, "contract_term_years": 2})
    assert added.status_code == 201
    listed = await client.get("/v1/posts?region=640104001001", headers=tokens.headers("township_officer", "640104001"))
    assert [p["code"] for p in listed.json()] == ["xq_grid"]
    again = await client.post("/v1/posts", headers=tokens.headers("county_officer", "640104"), json={
        "code": "xq_grid", "jurisdiction_prefix": "640104", "label_zh": "x", "label_en": "x", "committee": False})
    assert again.status_code == 409
