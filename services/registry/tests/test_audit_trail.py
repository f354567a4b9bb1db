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


async def test_the_date_filters_count_china_days(client, session, tokens):
    """An entry made at 01:00 on 3 December in China is 17:00 UTC on the 2nd: `until=2026-12-02` leaves it out and
    `since=2026-12-03` keeps it, whatever zone the database session uses (UTC here)."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from registry.models import audit_log

    def entry(at: datetime, entity_id: str) -> dict:
        return {"at": at, "actor": "xq_county", "actor_role": "county_officer", "action": "update",
                "entity": "dated", "entity_id": entity_id, "region_code": "640104001001"}

    await session.execute(insert(audit_log), [entry(datetime(2026, 12, 2, 15, 30, tzinfo=UTC), "china-2nd-late"),
                                              entry(datetime(2026, 12, 2, 17, 0, tzinfo=UTC), "china-3rd-early")])
    await session.flush()
    auditor = tokens.headers("auditor", "640104")

    async def ids(query: str) -> list[str]:
        page = (await client.get(f"/v1/audit?entity=dated&{query}", headers=auditor)).json()
        return sorted(item["entity_id"] for item in page["items"])

    assert await ids("until=2026-12-02") == ["china-2nd-late"]
    assert await ids("since=2026-12-03") == ["china-3rd-early"]
    assert await ids("since=2026-12-02&until=2026-12-02") == ["china-2nd-late"]
    assert await ids("since=2026-12-03&until=2026-12-03") == ["china-3rd-early"]
