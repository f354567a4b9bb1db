"""The places above one's jurisdiction are named (issue 14: places by name), never their figures; a sibling stays
hidden."""

from registry.seed import seed_regions

WITHHELD = {"urban_population": None, "households": None, "fiscal_category": None, "residents": None,
            "urban_rural": None, "established_on": None, "retired_on": None, "star_ratings": []}


async def test_township_officer_reads_the_names_above_their_township(client, session, tokens):
    await seed_regions(session)
    town = tokens.headers("township_officer", "640104001")
    county = await client.get("/v1/regions/640104", headers=town)
    assert county.status_code == 200
    assert county.json() == {"code": "640104", "name": "兴庆区", "level": "county", "parent_code": "6401", **WITHHELD}
    province = await client.get("/v1/regions/64", headers=town)
    assert province.status_code == 200
    assert province.json() == {"code": "64", "name": "宁夏回族自治区", "level": "province", "parent_code": None,
                               **WITHHELD}
    # The county's officers still read its figures (what the township is not shown).
    full = (await client.get("/v1/regions/640104", headers=tokens.headers("county_officer", "640104"))).json()
    assert full["urban_population"] == 124000


async def test_a_worker_reads_the_names_above_their_community(client, session, tokens):
    await seed_regions(session)
    worker = tokens.headers("worker", "640104001001", worker_id="00000000-0000-0000-0000-000000000001")
    township = await client.get("/v1/regions/640104001", headers=worker)
    assert township.status_code == 200 and township.json()["name"] == "兴庆区新华街道"
    assert township.json()["households"] is None


async def test_siblings_and_other_provinces_stay_hidden(client, session, tokens):
    await seed_regions(session)
    town = tokens.headers("township_officer", "640104001")
    for code in ("640104002", "640104002003", "640105", "6402", "15", "150404"):
        assert (await client.get(f"/v1/regions/{code}", headers=town)).status_code == 404, code
    city = tokens.headers("city_officer", "6401")
    assert (await client.get("/v1/regions/150404", headers=city)).status_code == 404
    assert (await client.get("/v1/regions/6402", headers=city)).status_code == 404


async def test_above_is_named_only_not_managed(client, session, tokens):
    await seed_regions(session)
    town = tokens.headers("township_officer", "640104001")
    # The region's history, its figures and changes stay with the officers who cover it.
    assert (await client.get("/v1/regions/640104/history", headers=town)).status_code == 404
    assert (await client.patch("/v1/regions/640104", json={"residents": 1}, headers=town)).status_code == 404
    listed = await client.get("/v1/regions?prefix=640104", headers=town)
    assert listed.status_code == 200 and all(r["code"].startswith("640104001") for r in listed.json())
