"""Regions a province runs without a programmer (issue 11 item 4): a county or higher officer adds, renames
or retires a township or community inside the jurisdiction, each change dated and audited."""

import pytest
from sqlalchemy import select

from cwm_kit.dates import today_in_china
from registry.models import audit_log
from registry.seed import seed_regions

NEW_TOWN = {"code": "640104901", "name": "新区街道", "residents": 42000, "urban_rural": "urban",
            "established_on": "2026-01-01"}
NEW_COMMUNITY = {"code": "640104901001", "name": "新区第一社区", "households": 2100, "residents": 6300,
                 "urban_rural": "urban", "fiscal_category": "urban", "established_on": "2026-01-01"}


@pytest.mark.parametrize(("role", "jurisdiction", "expected"), [
    ("provincial_admin", "64", 201), ("city_officer", "6401", 201), ("county_officer", "640104", 201),
    ("county_officer", "640105", 404), ("township_officer", "640104001", 403), ("auditor", "640104", 403),
    ("finance_officer", "640104001", 403)])
async def test_who_may_add_a_township(client, session, tokens, role, jurisdiction, expected):
    await seed_regions(session)
    response = await client.post("/v1/regions", json=NEW_TOWN, headers=tokens.headers(role, jurisdiction))
    assert response.status_code == expected, response.text


async def test_add_rename_and_retire_dated_and_audited(client, session, tokens):
    await seed_regions(session)
    county = tokens.headers("county_officer", "640104", name="兴庆区社会工作部")
    town = await client.post("/v1/regions", json=NEW_TOWN, headers=county)
    assert town.status_code == 201, town.text
    assert (town.json()["level"], town.json()["parent_code"], town.json()["residents"]) == ("township", "640104",
                                                                                            42000)
    community = await client.post("/v1/regions", json=NEW_COMMUNITY, headers=county)
    assert community.status_code == 201 and community.json()["urban_rural"] == "urban"
    # The same code twice, a community without its township, a foreign code: refused.
    assert (await client.post("/v1/regions", json=NEW_TOWN, headers=county)).status_code == 409
    orphan = await client.post("/v1/regions", json={**NEW_COMMUNITY, "code": "640104999001"}, headers=county)
    assert orphan.status_code == 422 and orphan.json()["errors"][0]["code"] == "no_parent"
    # A township officer neither records households (a quota figure, set from above: the county) nor renames.
    township = tokens.headers("township_officer", "640104901")
    assert (await client.patch("/v1/regions/640104901001", json={"households": 2200},
                               headers=township)).status_code == 403
    assert (await client.patch("/v1/regions/640104901001", json={"name": "改名"},
                               headers=township)).status_code == 403
    assert (await client.patch("/v1/regions/640104901001", json={"households": 2200},
                               headers=county)).status_code == 200
    renamed = await client.patch("/v1/regions/640104901001", headers=county,
                                 json={"name": "新区幸福社区", "effective_from": "2026-07-01", "reason": "居民议事会决定"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "新区幸福社区"
    # A township with a community in use is not retired; the community first.
    blocked = await client.post("/v1/regions/640104901/retirement", json={"on": "2026-12-31", "reason": "撤并"},
                                headers=county)
    assert blocked.status_code == 409 and blocked.json()["code"] == "region_in_use"
    retired = await client.post("/v1/regions/640104901001/retirement", json={"on": today_in_china().isoformat(),
                                                                             "reason": "撤并"}, headers=county)
    assert retired.status_code == 200 and retired.json()["retired_on"] == today_in_china().isoformat()
    listed = [r["code"] for r in (await client.get("/v1/regions?prefix=640104901", headers=county)).json()]
    assert listed == ["640104901"]
    everything = (await client.get("/v1/regions?prefix=640104901&include_retired=true", headers=county)).json()
    assert [r["code"] for r in everything] == ["640104901", "640104901001"]
    assert (await client.patch("/v1/regions/640104901001", json={"households": 1},
                               headers=county)).status_code == 409
    history = (await client.get("/v1/regions/640104901001/history", headers=county)).json()
    assert [(h["action"], h["effective_from"]) for h in history] == [
        ("create", "2026-01-01"), ("rename", "2026-07-01"), ("update", today_in_china().isoformat()),
        ("retire", today_in_china().isoformat())]  # in the order they hold
    assert history[1]["before"]["name"] == "新区第一社区" and history[1]["reason"] == "居民议事会决定"
    actions = (await session.scalars(select(audit_log.c.action).where(audit_log.c.entity_id == "640104901001")
                                     .order_by(audit_log.c.id))).all()
    assert actions == ["region.create", "region.update", "region.rename", "region.retire"]
    entry = (await client.get("/v1/audit?entity=region&entity_id=640104901001&action=region.rename",
                              headers=tokens.headers("auditor", "640104"))).json()["items"][0]
    assert entry["region_name"] == "新区幸福社区" and entry["actor_name"] == "兴庆区社会工作部"


async def test_a_community_with_workers_in_post_is_not_retired(client, session, tokens):
    await seed_regions(session)
    from ..workers.helpers import worker_body

    town = tokens.headers("township_officer", "640104001")
    assert (await client.post("/v1/workers", json=worker_body(), headers=town)).status_code == 201
    refused = await client.post("/v1/regions/640104001001/retirement", json={"on": "2026-12-31", "reason": "撤并"},
                                headers=tokens.headers("county_officer", "640104"))
    assert refused.status_code == 409 and refused.json()["count"] == 1
