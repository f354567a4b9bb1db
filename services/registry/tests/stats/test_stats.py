from datetime import date
from decimal import Decimal

from cwm_kit.dates import today_in_china
from registry.seed import seed_regions
from registry.workers.schemas import CertificateIn, EducationIn

from ..quota.factories import make_worker, set_region
from .helpers import on_session

TOWN = "640104001"


def counts(buckets):
    return {b["key"]: b["count"] for b in buckets}


async def test_statistics_for_a_jurisdiction_with_etag(app, client, session, tokens):
    await seed_regions(session)
    await set_region(session, "640104", urban_population=10_000)  # 18 places
    today = today_in_china()
    young = date(today.year - 25, 1, 1)
    forties = date(today.year - 45, 1, 1)
    benke = [EducationIn(level="benke", graduated_on=date(2015, 7, 1))]
    cert = [CertificateIn(level="social_worker", approved_on=date(2022, 6, 1))]
    await make_worker(session, "640104001001", post="nx_head", birth=forties, education=benke, certificates=cert)
    await make_worker(session, "640104001001", birth=young, education=benke)
    await make_worker(session, "640104001002", birth=young, sex="M",
                      education=[EducationIn(level="dazhuan", graduated_on=date(2016, 7, 1))])
    await make_worker(session, "640104001003", birth=forties, certificates=cert)
    await make_worker(session, "640104002001", birth=young)  # another township: outside the officer's view
    headers = tokens.headers("township_officer", TOWN)
    response = await client.get("/v1/stats", headers=headers)
    assert response.status_code == 200, response.text
    stats = response.json()
    assert stats["region"] == TOWN and stats["headcount"] == 4
    assert counts(stats["by_post"]) == {"nx_head": 1, "nx_staff": 3}
    assert counts(stats["by_age_band"]) == {"under_30": 2, "40_49": 2}
    assert counts(stats["by_education"]) == {"benke": 2, "dazhuan": 1, None: 1}
    assert counts(stats["by_certificate"]) == {"social_worker": 2, None: 2}
    assert counts(stats["by_sex"]) == {"F": 3, "M": 1}
    assert {r["code"]: r["count"] for r in stats["by_region"]} == {"640104001001": 2, "640104001002": 1,
                                                                   "640104001003": 1}
    certification = stats["certification"]
    assert certification["certified"] == 2 and Decimal(certification["share"]) == Decimal("0.5")
    assert [(t["year"], Decimal(t["share"]), t["met"]) for t in certification["targets"]] == [
        (2025, Decimal("0.35"), True), (2030, Decimal("0.50"), True)]
    assert stats["quota"] == []  # county lines are above a township officer; NX has no community rule
    assert stats["reserve"]["secretary_posts"] == 3 and stats["reserve"]["required"] == 9
    assert stats["reserve"]["shortfall"] == 9
    assert stats["training"]["workers"] == 4

    county = (await client.get("/v1/stats", headers=tokens.headers("county_officer", "640104"))).json()
    assert county["headcount"] == 5
    assert county["quota"] == [{"level": "county", "regions": 1, "allowed": 18, "filled": 5,
                                "fill_rate": "0.2778", "over_quota_regions": 0}]
    assert {r["code"] for r in county["by_region"]} == {"640104001", "640104002"}

    etag = response.headers["ETag"]
    unchanged = await client.get("/v1/stats", headers={**headers, "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.headers["ETag"] == etag and not unchanged.content
    # A write anywhere (audited) changes the answer's version once the background refresher has been by
    # (ADR 0006: visible within the refresh interval, here 0 s); until then polls keep the snapshot they have.
    assert (await client.patch("/v1/regions/640104001001", json={"households": 999},
                               headers=tokens.headers("county_officer", "640104"))).status_code == 200
    assert (await client.get("/v1/stats", headers={**headers, "If-None-Match": etag})).status_code == 304
    app.state.stats_snapshots.refresh_seconds = 0
    assert await app.state.stats_snapshots.refresh_polled(on_session(session)) == 2  # the township and the county
    changed = await client.get("/v1/stats", headers={**headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag

    assert (await client.get("/v1/stats?region=640104002", headers=headers)).status_code == 404
    # A code of no region level (3, 5, 7, 8, 10, 11 digits) is a 422 naming the parameter, not a 503.
    for code in ("640", "64010400100"):
        odd = await client.get(f"/v1/stats?region={code}", headers=tokens.headers("provincial_admin", "64"))
        assert odd.status_code == 422 and odd.json()["errors"][0]["field"] == "region", odd.text
    assert (await client.get("/v1/stats", headers=tokens.headers("auditor", "640104"))).status_code == 200
    worker = tokens.headers("worker", "640104001001", worker_id="00000000-0000-0000-0000-000000000001")
    assert (await client.get("/v1/stats", headers=worker)).status_code == 403
