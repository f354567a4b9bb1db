from tests.workers.helpers import create_worker, nid, regions


async def test_feed_order_cursor_and_jurisdiction(client, session, tokens):
    await regions(session)
    first = await create_worker(client, tokens, national_id=nid(sequence=21))
    town2 = tokens.headers("township_officer", "640104002")
    other = await client.post("/v1/workers", headers=town2, json={
        "name": "马军", "national_id": nid(sequence=23), "community_code": "640104002001", "post": "nx_staff",
        "hired_on": "2024-06-01", "contract_term_years": 3})
    second = await create_worker(client, tokens, national_id=nid(sequence=25))

    county = tokens.headers("county_officer", "640104")
    feed = (await client.get("/v1/changes?after=0&limit=100", headers=county)).json()
    mine = [i for i in feed["items"] if i["entity"] == "worker"]
    assert [i["worker_id"] for i in mine] == [first["id"], other.json()["id"], second["id"]]
    cursors = [i["cursor"] for i in feed["items"]]
    assert cursors == sorted(cursors) and feed["next_cursor"] == cursors[-1]
    assert set(mine[0]) == {"cursor", "entity", "entity_id", "worker_id", "region_code", "action", "at"}
    assert mine[0]["action"] == "worker.create" and mine[0]["entity_id"] == first["id"]

    town1 = tokens.headers("township_officer", "640104001")
    start = mine[0]["cursor"] - 1
    page1 = (await client.get(f"/v1/changes?after={start}&limit=1", headers=town1)).json()
    assert [i["worker_id"] for i in page1["items"]] == [first["id"]]
    page2 = (await client.get(f"/v1/changes?after={page1['next_cursor']}&limit=10", headers=town1)).json()
    assert [i["worker_id"] for i in page2["items"]] == [second["id"]]  # the other township's row is skipped
    empty = (await client.get(f"/v1/changes?after={page2['next_cursor']}", headers=town1)).json()
    assert empty == {"items": [], "next_cursor": page2["next_cursor"]}

    worker = tokens.headers("worker", "640104001001", worker_id=second["id"])
    own = (await client.get("/v1/changes", headers=worker)).json()
    assert {i["worker_id"] for i in own["items"]} == {second["id"]}
