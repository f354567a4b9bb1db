import asyncio
import uuid
from datetime import date

import httpx
from fastapi import FastAPI
from sqlalchemy import delete, select, text
from sqlalchemy.exc import DBAPIError

from cwm_kit import testing
from cwm_kit.audit import RegistryRegionNames
from cwm_kit.db import make_sessionmaker

from assessment import clock
from assessment.assessments.models import Assessment
from assessment.cycles.models import Cycle
from assessment.main import create_app
from assessment.models import audit_log

from ..conftest import COUNTY_PLAN, known

COMMUNITY, COMMUNITY_B, COMMUNITY_OTHER_TOWN = "640104001001", "640104001002", "640104002001"


async def drop_cycle(engine, cycle_id: str) -> None:
    """A cycle committed by a test on real connections, its assessments and their audit entries: gone, so that no
    other test (in its own transaction) sees them."""
    async with make_sessionmaker(engine)() as session, session.begin():
        ids = [str(i) for i in (await session.scalars(
            select(Assessment.id).where(Assessment.cycle_id == uuid.UUID(cycle_id)))).all()]
        await session.execute(delete(audit_log).where(audit_log.c.entity_id.in_([cycle_id, *ids])))
        await session.execute(delete(Cycle).where(Cycle.id == uuid.UUID(cycle_id)))


async def test_feed_is_scoped_and_paged(client, flow, tokens):
    cycle = await flow.open_cycle(2024)
    workers = [(uuid.uuid4(), COMMUNITY), (uuid.uuid4(), COMMUNITY_B), (uuid.uuid4(), COMMUNITY_OTHER_TOWN)]
    await flow.add(cycle["id"], workers)
    ids = await flow.assessments(cycle["id"])
    for worker, community in workers[:2]:
        await flow.to_final(ids[str(worker)]["id"], proposer=tokens.headers("party_secretary", community))
    other = ids[str(workers[2][0])]["id"]
    assert (await flow.propose(other, headers=tokens.headers("party_secretary", COMMUNITY_OTHER_TOWN))
            ).status_code == 200
    assert (await flow.decide(other, headers=flow.town2)).status_code == 200
    flow.clock.today = date(2025, 3, 1)
    assert (await flow.finalize(other, headers=flow.town2)).status_code == 200

    everything = (await client.get("/v1/results?year=2024", headers=flow.service)).json()
    assert len(everything["items"]) == 3
    first = (await client.get("/v1/results?limit=2", headers=flow.service)).json()
    assert len(first["items"]) == 2
    rest = (await client.get(f"/v1/results?limit=2&after={first['next_cursor']}", headers=flow.service)).json()
    assert [i["community_code"] for i in rest["items"]] == [COMMUNITY_OTHER_TOWN]
    empty = (await client.get(f"/v1/results?after={rest['next_cursor']}", headers=flow.service)).json()
    assert empty == {"items": [], "next_cursor": rest["next_cursor"]}
    town2 = (await client.get("/v1/results", headers=flow.town2)).json()
    assert [i["community_code"] for i in town2["items"]] == [COMMUNITY_OTHER_TOWN]
    assert len((await client.get("/v1/results?region=640104001", headers=flow.service)).json()["items"]) == 2
    assert (await client.get("/v1/results?region=640104001", headers=flow.town2)).status_code == 404
    assert (await client.get("/v1/results?year=2023", headers=flow.service)).json()["items"] == []
    assert (await client.get("/v1/results", headers=flow.worker(workers[0][0]))).status_code == 403
    bad = await client.get("/v1/results?after=abc", headers=flow.service)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "after"
    assert len((await client.get("/v1/results", headers=flow.auditor)).json()["items"]) == 3


async def test_statistics_count_the_distribution_the_quota_and_completion(client, flow):
    cycle = await flow.open_cycle(2024)
    people = [(uuid.uuid4(), COMMUNITY) for _ in range(7)] + [(uuid.uuid4(), COMMUNITY_OTHER_TOWN)]
    await flow.add(cycle["id"], people)
    ids = [a["id"] for a in (await flow.assessments(cycle["id"])).values() if a["township_code"] == "640104001"]
    await flow.to_final(ids[0], "excellent")
    await flow.to_final(ids[1], "incompetent")
    await flow.propose(ids[2], "competent")
    await flow.decide(ids[2])
    await flow.propose(ids[3], "competent")

    response = await client.get("/v1/statistics?year=2024", headers=flow.county)
    assert response.status_code == 200, response.text
    body = response.json()
    town = next(t for t in body["townships"] if t["township_code"] == "640104001")
    assert (town["assessed"], town["proposed"], town["decided"], town["final"]) == (7, 4, 3, 2)
    assert town["distribution"] == {"excellent": 1, "competent": 0, "basically_competent": 0, "incompetent": 1}
    # 1 excellent of 7 annual = 14.29% against a limit of floor(7 × 15%) = 1.
    assert (town["excellent_decided"], town["excellent_limit"], town["excellent_share_percent"]) == (1, 1, "14.29")
    assert (body["total"]["assessed"], body["total"]["final"]) == (8, 2)
    # Today (2025-01-10) is before both deadlines (2025-01-15 proposal, 2025-01-31 decision).
    assert (town["overdue_proposals"], town["overdue_decisions"]) == (0, 0)
    flow.clock.today = date(2025, 1, 16)
    late = (await client.get("/v1/statistics?year=2024", headers=flow.county)).json()
    town_late = next(t for t in late["townships"] if t["township_code"] == "640104001")
    assert (town_late["overdue_proposals"], town_late["overdue_decisions"]) == (3, 0)  # 7 − 4 proposed
    assert late["total"]["overdue_proposals"] == 4  # and the other township's one
    flow.clock.today = date(2025, 2, 1)
    later = (await client.get("/v1/statistics?year=2024", headers=flow.county)).json()
    assert next(t for t in later["townships"] if t["township_code"] == "640104001")["overdue_decisions"] == 1
    flow.clock.today = date(2025, 1, 10)
    assert [c["county_code"] for c in body["counties"]] == ["640104"]
    assert body["counties"][0]["excellent_limit"] == 1  # 1 + floor(1 × 15%) = 1 + 0

    etag = response.headers["etag"]
    cached = await client.get("/v1/statistics?year=2024", headers={**flow.county, "If-None-Match": etag})
    assert cached.status_code == 304 and cached.headers["etag"] == etag
    await flow.propose(ids[4], "competent")
    changed = await client.get("/v1/statistics?year=2024", headers={**flow.county, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag

    town2 = (await client.get("/v1/statistics?year=2024", headers=flow.town2)).json()
    assert [t["township_code"] for t in town2["townships"]] == ["640104002"] and town2["total"]["assessed"] == 1
    assert (await client.get("/v1/statistics?year=2024&region=640104001", headers=flow.town2)).status_code == 404
    assert (await client.get("/v1/statistics?year=2024", headers=flow.worker(people[0][0]))).status_code == 403
    assert (await client.get("/v1/statistics", headers=flow.county)).status_code == 422


def real_commit_app(settings, engine, tokens, registry_app) -> FastAPI:
    """The app on real connections: each request commits, with no test transaction around it."""
    app = create_app(settings, jwks=tokens.jwks, registry_transport=httpx.ASGITransport(app=registry_app))
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.dependency_overrides[clock.today] = lambda: date(2025, 1, 10)
    return app


async def two_excellent_proposals(client: httpx.AsyncClient, tokens, registry_app, opened: list[str]
                                  ) -> tuple[int, list[str]]:
    """A cycle of 640104 for a year no other test uses, 7 annual assessees of 新华街道 (floor(7 × 15%) = 1 优秀
    allowed), two of them proposed 优秀: (its year, those two). The cycle's id is added to `opened` at once, for the
    caller to drop (`drop_cycle`)."""
    county = tokens.headers("county_officer", "640104")
    year = 2090 + uuid.uuid4().int % 9
    created = await client.post("/v1/cycles", json={"year": year, "county_code": "640104", "plan": COUNTY_PLAN},
                                headers=county)
    assert created.status_code == 201, created.text
    cycle_id = created.json()["id"]
    opened.append(cycle_id)
    body = {"assessees": [{"worker_id": str(uuid.uuid4()), "name": f"名额{i}", "community_code": COMMUNITY}
                          for i in range(7)]}
    for person in body["assessees"]:
        known(registry_app, person["worker_id"], COMMUNITY, person["name"])
    assert (await client.post(f"/v1/cycles/{cycle_id}/assessees", json=body, headers=county)).status_code == 200
    items = (await client.get(f"/v1/cycles/{cycle_id}/assessments", headers=county)).json()["items"]
    targets = [items[0]["id"], items[1]["id"]]
    for aid in targets:
        proposed = await client.post(
            f"/v1/assessments/{aid}/proposal", headers=tokens.headers("party_secretary", COMMUNITY), json={
                "result": "优秀", "reason": "突出", "dimension_scores": {
                    "political_quality": "95", "work_performance": "95", "residents_satisfaction": "95"}})
        assert proposed.status_code == 200, proposed.text
    return year, targets


async def test_the_quota_holds_under_concurrent_decisions(settings, engine, tokens, registry_app):
    """Two township officers decide 优秀 at the same moment on two real connections: exactly one wins."""
    app = real_commit_app(settings, engine, tokens, registry_app)
    opened: list[str] = []
    try:
        async with testing.asgi_client(app) as client:
            year, targets = await two_excellent_proposals(client, tokens, registry_app, opened)

            async def decide(aid: str, officer: str) -> httpx.Response:
                headers = tokens.headers("township_officer", "640104001", subject=officer)
                return await client.post(f"/v1/assessments/{aid}/decision", json={}, headers=headers)

            responses = await asyncio.gather(decide(targets[0], "officer-a"), decide(targets[1], "officer-b"))
            assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
            refused = next(r for r in responses if r.status_code == 409).json()
            assert (refused["code"], refused["count"], refused["limit"]) == ("excellent_quota_exceeded", 1, 1)
            statistics = (await client.get(f"/v1/statistics?year={year}",
                                           headers=tokens.headers("county_officer", "640104"))).json()
            assert statistics["total"]["excellent_decided"] == 1
    finally:
        for cycle_id in opened:
            await drop_cycle(engine, cycle_id)


async def test_a_quota_refusal_names_the_township_without_holding_its_lock(settings, engine, tokens, registry_app):
    """The township's name in a quota refusal is the registry's, asked after the township's lock is let go: while
    the registry is being asked, another decision of the township can take the lock (here: NOWAIT, on a real
    connection), so a slow registry holds up none of them."""
    app = real_commit_app(settings, engine, tokens, registry_app)
    town = tokens.headers("township_officer", "640104001")
    opened: list[str] = []
    lock_while_naming: list[str] = []
    names = FastAPI()

    @names.get("/v1/regions/{code}")
    async def region(code: str):
        try:
            async with engine.begin() as connection:
                await connection.execute(text(
                    "SELECT 1 FROM deciding_unit WHERE cycle_id = :cycle AND township_code = :code FOR UPDATE NOWAIT"),
                    {"cycle": uuid.UUID(opened[0]), "code": code})
            lock_while_naming.append("free")
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != "55P03":  # lock_not_available
                raise
            lock_while_naming.append("held")
        return {"code": code, "name": "新华街道"}

    # Asked every time (no cache), so that each refusal asks.
    app.state.region_names = RegistryRegionNames("http://registry", max_age=0,
                                                 transport=httpx.ASGITransport(app=names))
    try:
        async with testing.asgi_client(app) as client:
            _, (first, second) = await two_excellent_proposals(client, tokens, registry_app, opened)
            assert (await client.post(f"/v1/assessments/{first}/decision", json={}, headers=town)).status_code == 200
            assert lock_while_naming == []  # a decision within the quota asks the registry nothing

            refused = await client.post(f"/v1/assessments/{second}/decision", json={}, headers=town)
            assert refused.status_code == 409, refused.text
            assert refused.json()["message_zh"] == "新华街道已确定优秀 1 人，上限为 1 人（参加考核 7 人的 15%）"
            assert refused.json()["township_code"] == "640104001"
            unit = await client.post(f"/v1/cycles/{opened[0]}/decisions", headers=town,
                                     json={"township_code": "640104001", "assessment_ids": [second]})
            assert unit.status_code == 409, unit.text
            assert unit.json()["message_zh"] == "新华街道已确定优秀 1 人，本次又有 1 人，上限为 1 人"
            assert lock_while_naming == ["free", "free"]
            # Refused, the township's lock is free; the next decision takes it as before.
            competent = await client.post(f"/v1/assessments/{second}/decision", headers=town,
                                          json={"result": "competent", "reason": "名额所限"})
            assert competent.status_code == 200, competent.text
    finally:
        for cycle_id in opened:
            await drop_cycle(engine, cycle_id)
