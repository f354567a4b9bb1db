"""Issue 13: the three-year rotation of workers other than secretaries and directors (training.rotation @"",
CENTRAL §8; NX; IM art.20) and the NX 2:3:5 split by organiser level (training.split @64)."""

from datetime import date

from registry.seed import seed_regions

from ..quota.factories import make_worker

NX_TOWN = "640104001"


def _training(worker, day: str, level: str) -> dict:
    return {"worker_id": str(worker.id), "training_date": day, "hours": "8", "kind": "in_service",
            "organiser_level": level, "title": "轮训"}


async def test_who_is_overdue_for_the_three_year_rotation(client, session, tokens):
    await seed_regions(session)
    recent = await make_worker(session, "640104001001", name="近期", hired_on=date(2018, 3, 1))
    stale = await make_worker(session, "640104001001", name="超期", hired_on=date(2018, 3, 1))
    township_only = await make_worker(session, "640104001001", name="仅街道", hired_on=date(2018, 3, 1))
    await make_worker(session, "640104001001", name="新人", hired_on=date(2025, 3, 1))
    await make_worker(session, "640104001001", name="书记", post="nx_head", head_role="secretary",
                      hired_on=date(2018, 3, 1))
    headers = tokens.headers("township_officer", NX_TOWN)
    records = [_training(recent, "2025-05-01", "county"), _training(stale, "2023-05-01", "city"),
               _training(township_only, "2025-05-01", "township")]
    assert (await client.post("/v1/training/records", json={"records": records}, headers=headers)).status_code == 201
    report = (await client.get("/v1/training/rotation?on=2026-06-01", headers=headers)).json()
    # 4 workers rotate (the secretary is trained yearly instead); a township-organised training does not count.
    assert (report["workers"], report["overdue"]) == (4, 2)
    overdue = {i["name"]: (i["last_trained_on"], i["due_on"]) for i in report["items"]}
    assert overdue == {"超期": ("2023-05-01", "2026-05-01"), "仅街道": (None, "2021-03-01")}
    # The day before it falls due the worker is not yet overdue.
    earlier = (await client.get("/v1/training/rotation?on=2026-04-30", headers=headers)).json()
    assert "超期" not in {i["name"] for i in earlier["items"]}
    other = tokens.headers("township_officer", "640104002")
    assert (await client.get("/v1/training/rotation?on=2026-06-01", headers=other)).json()["workers"] == 0


async def test_the_2_3_5_split_of_secretaries_and_directors_by_organiser_level(client, session, tokens):
    await seed_regions(session)
    heads = [await make_worker(session, f"64010400100{1 + n % 2}", post="nx_head", head_role="secretary", name=f"书记{n}")
             for n in range(1, 5)]
    staff = await make_worker(session, "640104001001", name="干事")
    headers = tokens.headers("township_officer", NX_TOWN)
    records = [_training(heads[0], "2026-04-01", "province"), _training(heads[1], "2026-04-01", "county"),
               _training(heads[2], "2026-04-01", "county"), _training(heads[3], "2025-04-01", "city"),
               _training(staff, "2026-04-01", "city")]
    assert (await client.post("/v1/training/records", json={"records": records}, headers=headers)).status_code == 201
    report = (await client.get("/v1/training/levels?year=2026", headers=headers)).json()
    assert (report["head_workers"], report["trained_workers"], report["untrained_workers"]) == (4, 3, 1)
    levels = {line["level"]: line for line in report["levels"]}
    assert {k: (v["target_share"], v["trained_workers"]) for k, v in levels.items()} == {
        "province": ("0.20", 1), "city": ("0.30", 0), "county": ("0.50", 2)}
    assert levels["county"]["target_workers"] == "2.00" and levels["county"]["share"] == "0.67"
    assert report["rule"]["stated_by"]["region_prefix"] == "64"
    songshan = (await client.get("/v1/training/levels?year=2026",
                                 headers=tokens.headers("township_officer", "150404001"))).json()
    assert songshan["levels"] == [] and songshan["rule"] is None
