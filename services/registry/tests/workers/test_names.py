"""Places by name (issue 14): the worker list and record name each community, earlier communities outside the
caller's jurisdiction too; a page of workers is named from one lookup; `id` selects the workers a page names."""

from cwm_kit.testing import statements

from .helpers import create_worker, nid, regions

TOWN = ("township_officer", "640104001")


async def test_the_list_names_each_community_in_one_lookup(client, session, tokens):
    await regions(session)
    headers = tokens.headers(*TOWN)
    await create_worker(client, tokens, national_id=nid(sequence=11), community_code="640104001001")
    await create_worker(client, tokens, national_id=nid(sequence=13), community_code="640104001002")

    with statements(session) as two_communities:
        listed = (await client.get("/v1/workers?size=50", headers=headers)).json()["items"]
    assert {(w["community_code"], w["community_name"]) for w in listed} == {
        ("640104001001", "民乐社区"), ("640104001002", "康居社区")}

    for n in range(3):
        await create_worker(client, tokens, national_id=nid(sequence=21 + 2 * n), community_code="640104001003")
    with statements(session) as three_communities:
        listed = (await client.get("/v1/workers?size=50", headers=headers)).json()["items"]
    assert {w["community_name"] for w in listed} == {"民乐社区", "康居社区", "丽景社区"}
    # Names are read once per page, not once per row: the same statements for 2 rows as for 5.
    assert len(three_communities) == len(two_communities)


async def test_the_record_names_its_communities_also_outside_the_jurisdiction(client, session, tokens):
    await regions(session)
    headers = tokens.headers(*TOWN)
    worker = await create_worker(client, tokens, hired_on="2022-01-01")
    base = f"/v1/workers/{worker['id']}"
    earlier = await client.post(base + "/service-periods", headers=headers,
                                json={"community_code": "640104002003", "start": "2015-01-01", "end": "2017-12-31"})
    assert earlier.status_code == 201 and earlier.json()["community_name"] == "和平社区"
    # The township may not look the other township's community up, but the worker's record names it.
    assert (await client.get("/v1/regions/640104002003", headers=headers)).status_code == 404
    detail = (await client.get(base, headers=headers)).json()
    assert detail["community_name"] == "民乐社区"
    assert [(p["community_code"], p["community_name"]) for p in detail["service_periods"]] == [
        ("640104002003", "和平社区"), ("640104001001", "民乐社区")]
    periods = (await client.get(base + "/service-periods", headers=headers)).json()
    assert [p["community_name"] for p in periods] == ["和平社区", "民乐社区"]
    # The worker's own record (/v1/me, one statement) names them the same way.
    own = tokens.headers("worker", "640104001001", worker_id=worker["id"])
    mine = (await client.get("/v1/me", headers=own)).json()["worker"]
    assert mine["community_name"] == "民乐社区"
    assert [p["community_name"] for p in mine["service_periods"]] == ["和平社区", "民乐社区"]


async def test_id_selects_the_workers_a_page_names_inside_the_jurisdiction(client, session, tokens):
    await regions(session)
    ours = [await create_worker(client, tokens, national_id=nid(sequence=31 + 2 * n)) for n in range(3)]
    other = await client.post("/v1/workers", headers=tokens.headers("township_officer", "640104002"), json={
        "name": "李强", "national_id": nid(sequence=41), "community_code": "640104002001", "post": "nx_staff",
        "hired_on": "2020-03-01", "contract_term_years": 3})
    assert other.status_code == 201, other.text
    wanted = [ours[0]["id"], ours[2]["id"], other.json()["id"]]
    query = "&".join(f"id={w}" for w in wanted)
    listed = (await client.get(f"/v1/workers?{query}", headers=tokens.headers(*TOWN))).json()
    # The other township's worker is not named to this township.
    assert sorted(w["id"] for w in listed["items"]) == sorted(wanted[:2]) and listed["total"] == 2
    too_many = "&".join(f"id={ours[0]['id']}" for _ in range(201))
    refused = await client.get(f"/v1/workers?{too_many}", headers=tokens.headers(*TOWN))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "id"
