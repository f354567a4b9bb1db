from sqlalchemy import select

from registry.models import audit_log
from registry.seed import seed_regions

TOWN = "640104001"  # three communities → three secretary posts → nine candidates at 1:3


async def test_reserve_pool_shortfall_at_one_to_three(client, session, tokens):
    await seed_regions(session)
    headers = tokens.headers("township_officer", TOWN)
    ids = []
    for n in range(4):
        response = await client.post("/v1/reserve/candidates", json={"township_code": TOWN, "name": f"后备{n}",
                                                                      "added_on": "2026-01-10"}, headers=headers)
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    removed = await client.post(f"/v1/reserve/candidates/{ids[0]}/removal", json={"removed_on": "2026-06-30"},
                                headers=headers)
    assert removed.status_code == 200
    pools = (await client.get("/v1/reserve/pools?on=2026-07-01", headers=headers)).json()
    assert pools == [{"township_code": TOWN, "name": pools[0]["name"], "secretary_posts": 3, "ratio": 3,
                      "required": 9, "pool": 3, "shortfall": 6}]
    before = (await client.get("/v1/reserve/pools?on=2026-06-29", headers=headers)).json()
    assert before[0]["pool"] == 4 and before[0]["shortfall"] == 5
    # Songshan has no reserve-ratio rule: no lines.
    assert (await client.get("/v1/reserve/pools", headers=tokens.headers("county_officer", "150404"))).json() == []
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/reserve/candidates", json={"township_code": TOWN, "name": "越权",
                                                               "added_on": "2026-01-10"}, headers=other)).status_code == 404
    assert (await client.post(f"/v1/reserve/candidates/{ids[1]}/removal", json={"removed_on": "2026-06-30"},
                              headers=other)).status_code == 404
    assert (await client.post(f"/v1/reserve/candidates/{ids[1]}/removal", json={"removed_on": "2026-06-30"},
                              headers=tokens.headers("auditor", "640104"))).status_code == 403
    assert len((await session.scalars(select(audit_log.c.id).where(audit_log.c.entity == "reserve_candidate"))).all()) == 5


async def test_a_retired_community_needs_no_secretary_candidates(client, session, tokens):
    """A community retired by the day asked has no secretary post: the 1:3 requirement leaves it out."""
    from datetime import date

    from ..quota.factories import set_region

    await seed_regions(session)
    await set_region(session, "640104001003", retired_on=date(2026, 6, 1))
    headers = tokens.headers("township_officer", TOWN)

    def line(pools):
        return (pools[0]["secretary_posts"], pools[0]["required"], pools[0]["shortfall"])

    assert line((await client.get("/v1/reserve/pools?on=2026-05-31", headers=headers)).json()) == (3, 9, 9)
    assert line((await client.get("/v1/reserve/pools?on=2026-06-01", headers=headers)).json()) == (2, 6, 6)
