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


async def test_the_demo_decisions_name_the_demo_officers_accounts(session):
    """Who asked, reviewed and decided in the demo data is recorded as the demo accounts' ids (a token's subject),
    so the SPA names them like anyone who acts; rows seeded earlier with usernames are renamed on the next seed."""
    from registry.auth.models import Account
    from registry.quota.models import QuotaException
    from registry.recruitment.models import Campaign, CampaignStep
    from registry.secondments.models import Secondment
    from registry.seed import seed_accounts

    await seed_regions(session)
    await seed_workers(session)
    await seed_accounts(session)
    await seed_management(session)
    ids = dict((await session.execute(select(Account.username, Account.id))).all())
    county, city, town = (str(ids[name]) for name in ("xq_county", "yc_city", "xq_town"))
    quota = (await session.execute(select(QuotaException.requested_by, QuotaException.decided_by))).one()
    assert tuple(quota) == (county, city)
    campaign = (await session.execute(select(Campaign.created_by, Campaign.reviewed_by))).one()
    assert tuple(campaign) == (county, city)
    assert set((await session.scalars(select(CampaignStep.entered_by))).all()) == {county}
    assert set((await session.scalars(select(Secondment.created_by))).all()) == {town}
    # A database seeded before: usernames, renamed by the next seed.
    await session.execute(QuotaException.__table__.update().values(requested_by="xq_county"))
    await seed_management(session)
    assert (await session.scalar(select(QuotaException.requested_by))) == county
