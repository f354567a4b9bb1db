from sqlalchemy import func, select

from registry.quota.demo import seed_management
from registry.recruitment.models import Applicant
from registry.reserve.models import ReserveCandidate
from registry.seed import seed_regions
from registry.training.models import TrainingRecord
from registry.visits.models import HouseholdVisit
from registry.workers.demo import seed_workers


async def test_management_demo_data_is_idempotent(client, session, tokens):
    await seed_regions(session)
    await seed_workers(session)
    await seed_management(session)
    models = (TrainingRecord, HouseholdVisit, ReserveCandidate, Applicant)
    first = [await session.scalar(select(func.count()).select_from(m)) for m in models]
    assert all(first)
    await seed_management(session)
    assert [await session.scalar(select(func.count()).select_from(m)) for m in models] == first
    eligible = (await session.scalars(select(Applicant.name).where(Applicant.eligible))).all()
    assert sorted(eligible) == sorted(["张晓燕", "马建军", "杨帆"])
    stats = await client.get("/v1/stats", headers=tokens.headers("county_officer", "640104"))
    assert stats.status_code == 200 and stats.json()["headcount"] > 0
    assert stats.json()["quota"][0]["allowed"] > 0
