"""The registry's reports asked for another township or a wider region (issue 9: outside is 404, as everywhere
else). Another township is a 404; a wider region (the province, for a township officer) is narrowed to the
jurisdiction and the report names the region its figures cover, so a township's counts are never read as the
province's."""

from datetime import date

import pytest

from cwm_kit.dates import today_in_china
from registry.seed import seed_regions

from ..quota.factories import make_worker

TOWN, OTHER_TOWN = "640104001", "640104002"


@pytest.mark.parametrize("path", ["/v1/stats", "/v1/training/compliance", "/v1/training/rotation",
                                  "/v1/training/levels", "/v1/visits/monthly", "/v1/health-checks/missing",
                                  "/v1/flags", "/v1/workers/contracts-ending"])
async def test_another_township_is_404_and_the_province_is_the_township_named(client, session, tokens, path):
    await seed_regions(session)
    young = date(today_in_china().year - 25, 1, 1)
    await make_worker(session, "640104001001", birth=young)
    await make_worker(session, "640104002001", birth=young)  # the other township's
    headers = tokens.headers("township_officer", TOWN)
    outside = await client.get(path, params={"region": OTHER_TOWN}, headers=headers)
    assert outside.status_code == 404 and outside.headers["content-type"] == "application/problem+json"
    wider = await client.get(path, params={"region": "64"}, headers=headers)
    own = await client.get(path, params={"region": TOWN}, headers=headers)
    assert wider.status_code == own.status_code == 200, wider.text
    assert wider.json()["region"] == TOWN
    # The same figures as the township's own: nothing of the province (the other township's worker) is in them.
    ignore = {"computed_at"}
    assert {k: v for k, v in wider.json().items() if k not in ignore} == \
        {k: v for k, v in own.json().items() if k not in ignore}


async def test_the_provinces_statistics_are_the_townships_own_when_a_township_asks(client, session, tokens):
    await seed_regions(session)
    young = date(today_in_china().year - 25, 1, 1)
    await make_worker(session, "640104001001", birth=young)
    await make_worker(session, "640104002001", birth=young)
    stats = (await client.get("/v1/stats?region=64", headers=tokens.headers("township_officer", TOWN))).json()
    assert (stats["region"], stats["headcount"]) == (TOWN, 1)
    province = (await client.get("/v1/stats?region=64", headers=tokens.headers("provincial_admin", "64"))).json()
    assert (province["region"], province["headcount"]) == ("64", 2)
