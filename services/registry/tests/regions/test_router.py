from registry.seed import seed_regions


async def test_township_officer_sees_only_their_subtree(client, session, tokens):
    await seed_regions(session)
    headers = tokens.headers("township_officer", "640104001")
    response = await client.get("/v1/regions", headers=headers)
    assert response.status_code == 200
    codes = [r["code"] for r in response.json()]
    assert codes and all(c.startswith("640104001") for c in codes)
    assert (await client.get("/v1/regions/640104002", headers=headers)).status_code == 404
    assert (await client.get("/v1/regions?prefix=6401", headers=headers)).status_code == 200
    assert (await client.get("/v1/regions?prefix=640105", headers=headers)).status_code == 404


async def test_region_update_is_audited_and_auditor_cannot_write(client, session, tokens):
    await seed_regions(session)
    county = tokens.headers("county_officer", "640104")
    # A county's urban population (its quota) is set from above (IM art.6: the city), not by the county itself.
    own = await client.patch("/v1/regions/640104", json={"urban_population": 123456}, headers=county)
    assert own.status_code == 403 and own.json()["code"] == "region_figures_from_above"
    city = tokens.headers("city_officer", "6401")
    response = await client.patch("/v1/regions/640104", json={"urban_population": 123456}, headers=city)
    assert response.status_code == 200 and response.json()["urban_population"] == 123456
    from sqlalchemy import select

    from registry.models import audit_log

    row = (await session.execute(select(audit_log).where(audit_log.c.entity_id == "640104"))).mappings().one()
    assert row["after"]["urban_population"] == 123456 and row["before"]["urban_population"] != 123456
    auditor = tokens.headers("auditor", "640104")
    assert (await client.patch("/v1/regions/640104", json={"households": 1}, headers=auditor)).status_code == 403
    bad = await client.patch("/v1/regions/640104", json={"urban_population": -1, "colour": "red"}, headers=county)
    assert bad.status_code == 422
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"urban_population", "colour"}


async def test_star_rating_only_for_communities(client, session, tokens):
    await seed_regions(session)
    headers = tokens.headers("county_officer", "640104")  # set from above the community (test_figures.py)
    ok = await client.put("/v1/regions/640104001001/star-ratings/2026", json={"stars": 5}, headers=headers)
    assert ok.status_code == 200
    assert {"year": 2026, "stars": 5} in ok.json()["star_ratings"]
    assert (await client.put("/v1/regions/640104001/star-ratings/2026", json={"stars": 5},
                             headers=headers)).status_code == 422
    assert (await client.put("/v1/regions/640104001001/star-ratings/2026", json={"stars": 6},
                             headers=headers)).status_code == 422
