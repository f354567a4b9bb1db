"""A retired community (Region.retired_on: used until the day before) takes no worker: registering, importing,
transferring or rehiring someone into it is 422 naming community_code (rule `region_retired`), and nothing is
written. Attack tests: each of these was accepted before."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from cwm_kit.dates import today_in_china
from cwm_kit.problems import Problem
from registry.models import audit_log
from registry.workers.models import ServicePeriod, Worker
from registry.workers.schemas import WorkerCreate
from registry.workers.service import WorkerService

from ..quota.factories import ADMIN, set_region
from .helpers import create_worker, nid, regions, worker_body

RETIRED = "640104001003"  # 丽景社区, retired ten days ago
TOWN = ("township_officer", "640104001")
COUNTY = ("county_officer", "640104")


async def retire(session, code: str = RETIRED, on: date | None = None) -> date:
    on = on or today_in_china() - timedelta(days=10)
    await set_region(session, code, retired_on=on)
    return on


def assert_region_retired(response) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("community_code", "region_retired")
    assert RETIRED in error["message_en"] and "撤销" in error["message_zh"]


async def audit_count(session) -> int:
    return int(await session.scalar(select(func.count()).select_from(audit_log)))


async def test_registering_a_worker_in_a_retired_community_is_refused(client, session, tokens):
    await regions(session)
    await retire(session)
    before = await audit_count(session)
    # Hired after the retirement, or before it (backdated): the worker would be in post there today either way.
    for hired_on in (today_in_china() - timedelta(days=2), today_in_china() - timedelta(days=400)):
        body = worker_body(community_code=RETIRED, hired_on=hired_on.isoformat())
        assert_region_retired(await client.post("/v1/workers", json=body, headers=tokens.headers(*TOWN)))
    assert await session.scalar(select(func.count()).select_from(Worker)) == 0
    assert await audit_count(session) == before
    # The community next door, in use, still takes the same person.
    assert (await client.post("/v1/workers", json=worker_body(community_code="640104001002"),
                              headers=tokens.headers(*TOWN))).status_code == 201


async def test_a_batch_with_a_retired_community_is_refused_whole(session):
    """Imports and recruitment batches (create_many): the first broken rule refuses the whole batch."""
    await regions(session)
    await retire(session)
    bodies = [WorkerCreate(**worker_body(national_id=nid(sequence=11), community_code="640104001001")),
              WorkerCreate(**worker_body(national_id=nid(sequence=13), community_code=RETIRED))]
    with pytest.raises(Problem) as refused:
        await WorkerService.for_session(session).create_many(ADMIN, bodies)
    assert refused.value.status == 422
    assert (refused.value.errors[0]["field"], refused.value.errors[0]["code"]) == ("community_code", "region_retired")
    assert await session.scalar(select(func.count()).select_from(Worker)) == 0


async def test_transferring_into_a_retired_community_is_refused(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2022-01-01")
    retired_on = await retire(session)
    before = await audit_count(session)
    county = tokens.headers(*COUNTY)
    url = f"/v1/workers/{worker['id']}/transfers"
    # Dated after the retirement, and backdated before it (the worker would be there from then on).
    for on in (today_in_china(), retired_on - timedelta(days=5)):
        assert_region_retired(await client.post(url, json={"community_code": RETIRED, "on": on.isoformat()},
                                                 headers=county))
    stored = await session.get(Worker, worker["id"])
    await session.refresh(stored)
    assert stored.community_code == "640104001001"
    periods = (await session.scalars(select(ServicePeriod).where(ServicePeriod.worker_id == stored.id))).all()
    assert [(p.community_code, p.end_date) for p in periods] == [("640104001001", None)]
    assert await audit_count(session) == before


async def test_rehiring_into_a_retired_community_is_refused(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2020-01-01")
    base = f"/v1/workers/{worker['id']}"
    town = tokens.headers(*TOWN)
    left = await client.post(base + "/status-transitions", headers=town,
                             json={"status": "resigned", "on": "2022-01-01", "reason": "补录：2022年辞职"})
    assert left.status_code == 201
    await retire(session)
    before = await audit_count(session)
    refused = await client.post(base + "/rehire", headers=town, json={
        "community_code": RETIRED, "post": "nx_staff", "hired_on": today_in_china().isoformat(),
        "contract_term_years": 3})
    assert_region_retired(refused)
    stored = await session.get(Worker, worker["id"])
    await session.refresh(stored)
    assert (stored.status, stored.community_code) == ("resigned", "640104001001")
    assert await audit_count(session) == before


async def test_earlier_service_in_a_community_retired_since_is_still_recorded(client, session, tokens):
    """Service there before the retirement is history (cumulative years); a period running into it is not."""
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2022-01-01")
    retired_on = await retire(session, on=date(2021, 1, 1))
    url = f"/v1/workers/{worker['id']}/service-periods"
    town = tokens.headers(*TOWN)
    ok = await client.post(url, json={"community_code": RETIRED, "start": "2018-01-01", "end": "2020-12-31"},
                           headers=town)
    assert ok.status_code == 201, ok.text
    into = await client.post(url, json={"community_code": RETIRED, "start": "2019-01-01",
                                        "end": retired_on.isoformat()}, headers=town)
    assert_region_retired(into)
