"""Issue 13: the yearly health check (NX 四 「每年组织1次体检」, health.check @64)."""

from registry.seed import seed_regions

from ..quota.factories import make_worker


async def test_who_has_no_check_for_the_year(client, session, tokens):
    await seed_regions(session)
    checked = await make_worker(session, "640104001001", name="已体检")
    await make_worker(session, "640104001001", name="未体检")
    await make_worker(session, "150404001001", name="松山")  # no text sets a yearly check there
    headers = tokens.headers("township_officer", "640104001")
    recorded = await client.post("/v1/health-checks", json={"worker_id": str(checked.id), "checked_on": "2026-04-10",
                                                            "institution": "兴庆区人民医院"}, headers=headers)
    assert recorded.status_code == 201, recorded.text
    report = (await client.get("/v1/health-checks/missing?year=2026", headers=headers)).json()
    assert (report["workers"], report["missing"]) == (2, 1)
    assert [(i["name"], i["checks"], i["required"]) for i in report["items"]] == [("未体检", 0, 1)]
    # Last year's check does not count for this year.
    assert (await client.get("/v1/health-checks/missing?year=2027", headers=headers)).json()["missing"] == 2
    admin = tokens.headers("provincial_admin", "15")
    assert (await client.get("/v1/health-checks/missing?year=2026", headers=admin)).json()["workers"] == 0
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/health-checks", json={"worker_id": str(checked.id), "checked_on": "2026-04-10",
                                                         "institution": "医院"}, headers=other)).status_code == 404
    assert (await client.get("/v1/health-checks/missing?year=2026", headers=other)).json()["workers"] == 0
    assert (await client.get(f"/v1/health-checks?worker_id={checked.id}", headers=other)).json() == []
    auditor = tokens.headers("auditor", "640104")
    assert (await client.post("/v1/health-checks", json={"worker_id": str(checked.id), "checked_on": "2026-04-10",
                                                         "institution": "医院"}, headers=auditor)).status_code == 403
