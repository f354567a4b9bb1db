from collections import Counter

from sqlalchemy import func, select, update

from assessment.assessments.models import Assessment
from assessment.assessments.service import excellent_limit
from assessment.cycles.models import Cycle
from assessment.models import audit_log
from assessment.results.models import PublishedResult
from assessment.seed import BACK_DATED_REASON, SEEDERS, registry_demo_facts


async def run_seed(session):
    for seeder in SEEDERS:
        await seeder(session)


async def test_seed_is_idempotent_and_uses_the_registry_worker_ids(session):
    await run_seed(session)
    counts = await session.scalar(select(func.count()).select_from(Assessment)), \
        await session.scalar(select(func.count()).select_from(PublishedResult))
    await run_seed(session)
    assert (await session.scalar(select(func.count()).select_from(Assessment)),
            await session.scalar(select(func.count()).select_from(PublishedResult))) == counts
    cycles = (await session.execute(select(Cycle.county_code, Cycle.year).order_by(Cycle.county_code,
                                                                                   Cycle.year))).all()
    assert [tuple(c) for c in cycles] == [("150404", 2024), ("640104", 2024), ("640104", 2025)]
    registry_ids = {f["worker_id"] for f in registry_demo_facts()}
    listed = (await session.scalars(select(Assessment.worker_id))).all()
    assert listed and {str(w) for w in listed} <= registry_ids


async def test_seeded_results_have_an_exit_case_and_respect_the_quota(session, client, flow):
    await run_seed(session)
    rows = (await session.execute(select(Assessment.year, Assessment.worker_id, Assessment.result, Assessment.status,
                                         Assessment.kind, Assessment.township_code, Assessment.county_code))).all()
    incompetent = [(r.year, r.worker_id) for r in rows if r.result == "incompetent" and r.county_code == "640104"]
    assert sorted(year for year, _ in incompetent) == [2024, 2025]
    assert len({worker for _, worker in incompetent}) == 1
    # 优秀 never above floor(15% × annual assessed) in any township.
    for year in (2024, 2025):
        for township in {r.township_code for r in rows if r.year == year}:
            unit = [r for r in rows if r.year == year and r.township_code == township]
            annual = len([r for r in unit if r.kind == "annual"])
            excellent = len([r for r in unit if r.result == "excellent" and r.status == "final"])
            assert excellent <= excellent_limit({"excellent_quota_percent": "15"}, annual)
    statuses = Counter((r.year, r.township_code, r.status) for r in rows if r.county_code == "640104")
    assert statuses[(2025, "640104002", "final")] == 0 and statuses[(2025, "640104002", "proposed")] > 0
    assert statuses[(2024, "640104002", "final")] > 0 and statuses[(2025, "640104001", "final")] > 0
    feed = (await client.get("/v1/results?region=640104&year=2024", headers=flow.service)).json()["items"]
    assert len(feed) == len([r for r in rows if r.year == 2024 and r.county_code == "640104"])
    assert {i["revision"] for i in feed} == {1}
    exit_worker = str(incompetent[0][1])
    mine = (await client.get("/v1/me/assessments", headers=flow.worker(exit_worker))).json()
    assert [(m["year"], m["result"]) for m in mine] == [(2025, "incompetent"), (2024, "incompetent")]


async def test_seeded_cycles_say_who_opened_them(session, client, flow, tokens):
    """Xingqing's seeded cycles name the registry's demo county officer (xq_county, 兴庆区社会工作部) as their opener,
    Songshan's (no demo county officer) say they are the system's demo data; a database seeded before the
    names were recorded gets them on the next seed, and a cycle a person opened keeps its own."""
    opened = await flow.open_cycle(2024)  # by a person, before the seed: the seed leaves 兴庆区 2024 alone
    await run_seed(session)
    await session.execute(update(Cycle).where(Cycle.county_code == "640104", Cycle.year == 2025)
                          .values(opened_by_name=None))
    await run_seed(session)
    cycles = {c["year"]: c for c in (await client.get("/v1/cycles", headers=flow.county)).json()}
    assert (cycles[2025]["opened_by"], cycles[2025]["opened_by_name"]) == ("seed", "兴庆区社会工作部")
    assert (cycles[2024]["opened_by"], cycles[2024]["opened_by_name"]) == (opened["opened_by"],
                                                                          opened["opened_by_name"])
    assert cycles[2024]["opened_by"] != "seed"
    songshan = (await client.get("/v1/cycles", headers=tokens.headers("county_officer", "150404"))).json()
    assert [(c["year"], c["opened_by_name"]) for c in songshan] == [(2024, "系统初始化（演示数据）")]


async def test_seeded_results_say_why_in_chinese_and_english(session):
    """The audit entries of the back-dated results give their reason in Chinese and English (the audit trail shows
    it as it is); a database seeded when it was English only is reworded on the next seed."""
    await run_seed(session)
    reasons = (await session.scalars(select(audit_log.c.reason).where(audit_log.c.actor == "demo"))).all()
    assert reasons and set(reasons) == {BACK_DATED_REASON}
    assert BACK_DATED_REASON.startswith("演示数据")
    await session.execute(update(audit_log).where(audit_log.c.actor == "demo").values(reason="demo data (back-dated)"))
    await run_seed(session)
    reasons = (await session.scalars(select(audit_log.c.reason).where(audit_log.c.actor == "demo"))).all()
    assert set(reasons) == {BACK_DATED_REASON}
