"""The audit trail (cwm_kit.audit.audit_router): who, when, what, before and after, per jurisdiction."""

from registry.seed import seed_regions


async def test_writes_are_readable_by_auditors_inside_the_jurisdiction_only(client, session, tokens):
    await seed_regions(session)
    county = tokens.headers("county_officer", "640104", subject="xq_county")
    assert (await client.put("/v1/regions/640104001001/star-ratings/2026", json={"stars": 4},
                             headers=county)).status_code == 200
    assert (await client.put("/v1/regions/640104001001/star-ratings/2026", json={"stars": 5},
                             headers=county)).status_code == 200

    auditor = tokens.headers("auditor", "640104")
    page = (await client.get("/v1/audit?entity=region&entity_id=640104001001", headers=auditor)).json()
    assert page["total"] == 2
    newest = page["items"][0]
    assert newest["actor"] == "xq_county" and newest["actor_role"] == "county_officer"
    assert newest["before"] == {"year": 2026, "stars": 4} and newest["after"] == {"year": 2026, "stars": 5}
    assert newest["at"]

    other = tokens.headers("auditor", "640105")
    assert (await client.get("/v1/audit?entity=region", headers=other)).json()["total"] == 0
    assert (await client.get("/v1/audit?region=640104", headers=other)).status_code == 404
    worker = tokens.headers("worker", "640104001001", worker_id="00000000-0000-0000-0000-000000000001")
    assert (await client.get("/v1/audit", headers=worker)).status_code == 403
    assert (await client.get("/v1/audit?since=0001-01-01", headers=auditor)).status_code == 422
