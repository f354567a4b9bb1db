"""The assessment reports asked for another township or a wider region (issue 9: outside is 404, as everywhere
else): another township is a 404; the province asked by a township is narrowed to the township, and the
statistics name the region they cover."""

import uuid

from .test_router import COMMUNITY, COMMUNITY_OTHER_TOWN


async def test_another_township_is_404_and_the_province_is_the_township_named(client, flow):
    cycle = await flow.open_cycle(2024)
    await flow.add(cycle["id"], [(uuid.uuid4(), COMMUNITY), (uuid.uuid4(), COMMUNITY),
                                 (uuid.uuid4(), COMMUNITY_OTHER_TOWN)])
    for path in ("/v1/statistics?year=2024", "/v1/results?year=2024", "/v1/historical-results?year=2024",
                 "/v1/probation-cases?year=2024"):
        outside = await client.get(f"{path}&region=640104001", headers=flow.town2)
        assert outside.status_code == 404, (path, outside.text)
        assert outside.headers["content-type"] == "application/problem+json"
    wider = (await client.get("/v1/statistics?year=2024&region=64", headers=flow.town2)).json()
    assert wider["region"] == "640104002"
    assert [t["township_code"] for t in wider["townships"]] == ["640104002"] and wider["total"]["assessed"] == 1
    county = (await client.get("/v1/statistics?year=2024&region=64", headers=flow.county)).json()
    assert (county["region"], county["total"]["assessed"]) == ("640104", 3)
