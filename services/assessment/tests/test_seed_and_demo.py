import uuid

from sqlalchemy import func, select

from assessment.assessments.models import Assessment
from assessment.cycles.models import Cycle
from assessment.demo import publish_back_dated
from assessment.results.models import PublishedResult
from assessment.seed import SEEDERS


async def test_seed_opens_the_demo_cycles_idempotently(session):
    for _ in range(2):
        for seeder in SEEDERS:
            await seeder(session)
    cycles = (await session.execute(select(Cycle.county_code, Cycle.year).order_by(Cycle.county_code,
                                                                                   Cycle.year))).all()
    assert [tuple(c) for c in cycles] == [("150404", 2024), ("640104", 2024), ("640104", 2025)]


async def test_demo_results_have_an_exit_case_and_respect_the_quota(session, client, flow):
    for seeder in SEEDERS:
        await seeder(session)
    cycles = {c.year: c for c in (await session.scalars(select(Cycle).where(Cycle.county_code == "640104"))).all()}
    people = [(uuid.uuid4(), "640104001001") for _ in range(5)] + [(uuid.uuid4(), "640104001002") for _ in range(2)] \
        + [(uuid.uuid4(), "640104002001") for _ in range(3)]
    for year in (2024, 2025):
        await flow.add(str(cycles[year].id), people)
    for _ in range(2):  # idempotent: the second run finds nothing pending
        await publish_back_dated(session)
    rows = (await session.execute(select(PublishedResult.year, PublishedResult.worker_id, PublishedResult.result,
                                         PublishedResult.community_code))).all()
    assert len([r for r in rows if r.year == 2024]) == 10
    # 2025: the second township is left at the proposal step.
    assert len([r for r in rows if r.year == 2025]) == 7
    incompetent = {(r.year, r.worker_id) for r in rows if r.result == "incompetent"}
    exit_worker = min(w for w, c in people if c == "640104001001")
    assert incompetent == {(2024, exit_worker), (2025, exit_worker)}
    # 7 annual in 640104001 → floor(1.05) = 1 excellent; 3 in 640104002 → 0.
    excellent = [r for r in rows if r.year == 2024 and r.result == "excellent"]
    assert [r.community_code[:9] for r in excellent] == ["640104001"]
    proposed = await session.scalar(select(func.count()).select_from(Assessment).where(
        Assessment.year == 2025, Assessment.status == "proposed"))
    assert proposed == 3
    feed = (await client.get("/v1/results?year=2024", headers=flow.service)).json()["items"]
    assert len(feed) == 10 and {i["revision"] for i in feed} == {1}
