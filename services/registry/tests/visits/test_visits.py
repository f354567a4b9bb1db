from datetime import date, timedelta

from registry.seed import seed_regions

from ..quota.factories import make_worker


async def test_monthly_visits_shortfall_under_songshan_rule(client, session, tokens):
    await seed_regions(session)
    busy = await make_worker(session, "150404001001", name="甲")
    idle = await make_worker(session, "150404001002", name="乙")
    await make_worker(session, "640104001001", name="宁夏")  # no visits rule in Ningxia: not listed
    headers = tokens.headers("township_officer", "150404001")
    visits = [{"worker_id": str(busy.id), "visit_date": (date(2026, 3, 1) + timedelta(days=i % 31)).isoformat(),
               "household": f"3号楼{i}室"} for i in range(30)]
    visits += [{"worker_id": str(idle.id), "visit_date": "2026-03-05", "household": "1号楼101"},
               {"worker_id": str(idle.id), "visit_date": "2026-04-01", "household": "1号楼102"}]
    assert (await client.post("/v1/visits", json={"visits": visits}, headers=headers)).status_code == 201
    report = (await client.get("/v1/visits/monthly?month=2026-03", headers=headers)).json()
    assert report["workers"] == 2 and report["with_shortfall"] == 1
    assert report["items"] == [{"worker_id": str(idle.id), "name": "乙", "community_code": "150404001002",
                                "visits": 1, "required": 30, "shortfall": 29}]
    everyone = (await client.get("/v1/visits/monthly?month=2026-03&only_shortfalls=false", headers=headers)).json()
    assert {i["name"]: i["visits"] for i in everyone["items"]} == {"甲": 30, "乙": 1}
    assert (await client.get("/v1/visits/monthly?month=2026-13", headers=headers)).status_code == 422
    other = tokens.headers("township_officer", "150404002")
    assert (await client.post("/v1/visits", json={"visits": visits[:1]}, headers=other)).status_code == 404
    assert (await client.get("/v1/visits/monthly?month=2026-03", headers=other)).json()["workers"] == 0


async def test_the_minimum_counts_distinct_households_not_visits(client, session, tokens):
    """SS 「每人每月走访联系服务居民不少于30户」: 30 visits to 10 households are 10 households, short of 30."""
    await seed_regions(session)
    worker = await make_worker(session, "150404001001", name="丙")
    headers = tokens.headers("township_officer", "150404001")
    visits = [{"worker_id": str(worker.id), "visit_date": f"2026-05-{1 + i % 28:02d}", "household": f"5号楼{i % 10}室"}
              for i in range(30)]
    assert (await client.post("/v1/visits", json={"visits": visits}, headers=headers)).status_code == 201
    report = (await client.get("/v1/visits/monthly?month=2026-05", headers=headers)).json()
    assert report["items"] == [{"worker_id": str(worker.id), "name": "丙", "community_code": "150404001001",
                                "visits": 10, "required": 30, "shortfall": 20}]
