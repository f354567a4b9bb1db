"""Demo data for the management domains (idempotent, bulk, deterministic): the rule documents, a county
quota exception, training records, household visits, reserve-pool candidates, a secondment and a
recruitment campaign with applicants. Registered in `registry.seed.SEEDERS` after the workers."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, UTC
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.auth.models import Account
from registry.recruitment.eligibility import EligibilityFacts, check
from registry.recruitment.models import Applicant, Campaign, CampaignStep
from registry.regions.models import Region
from registry.reserve.models import ReserveCandidate
from registry.secondments.models import Secondment
from registry.training.models import TrainingRecord
from registry.visits.models import HouseholdVisit
from registry.workers.models import Worker
from registry.workers.national_id import make

from registry.rules.models import ManagementRule

from .models import QuotaException
from registry.rules.defaults import DISQUALIFICATIONS, PRIORITY_GROUPS, RECRUITMENT_STEPS, RELAXABLE_GROUPS, rule_rows

NAMESPACE = uuid.UUID("0b7c2f8e-5a41-5c3e-9d2a-61f0e4b8c7d3")
IN_POST = ("probation", "active", "seconded")
SEEDED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TRAINING_TITLES = ["社区治理能力提升培训", "党建引领基层治理专题班", "社会工作实务培训", "网格化服务管理培训",
                   "新任社区工作者岗前培训"]


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(map(str, parts)))


# Demo data: 兴庆区's own recruitment plan. Ningxia's text sets no steps, age or education (「科学设置学历、专业等
#条件」 is left to the county), so the county publishes them as its own documents — a data change, not code.
DEMO_COUNTY_RULES = [
    {"kind": "recruitment.procedure", "region_prefix": "640104", "effective_from": date(2025, 1, 1),
     "source": "兴庆区社区专职工作人员招聘方案（演示数据）", "clauses": None,
     "params": {"steps": RECRUITMENT_STEPS, "review_by_parent_for_levels": ["county"]}},
    {"kind": "recruitment.eligibility", "region_prefix": "640104", "effective_from": date(2025, 1, 1),
     "source": "兴庆区社区专职工作人员招聘方案（演示数据）", "clauses": None,
     "params": {"max_age": 40, "min_education": "dazhuan", "relaxable_groups": RELAXABLE_GROUPS,
                "priority_groups": PRIORITY_GROUPS, "disqualifications": DISQUALIFICATIONS}},
]


async def seed_management(session: AsyncSession) -> None:
    await session.execute(insert(ManagementRule).values(rule_rows() + DEMO_COUNTY_RULES).on_conflict_do_nothing(
        index_elements=["kind", "region_prefix", "effective_from"]))
    workers = (await session.execute(select(Worker.id, Worker.community_code, Worker.post, Worker.hired_on)
                                     .where(Worker.status.in_(IN_POST)).order_by(Worker.id))).all()
    if not workers:
        return
    rng = random.Random(2026)
    by = await _demo_subjects(session)
    await session.execute(insert(QuotaException).values(
        id=_id("quota", "640104"), region_code="640104", extra_posts=5, reason="旧城改造安置区新增社区，县委编委批准临时超编",
        status="approved", requested_by=by["xq_county"], requested_at=SEEDED_AT, decided_by=by["yc_city"],
        decided_at=SEEDED_AT, valid_from=date(2026, 1, 1), valid_until=date(2027, 12, 31),
    ).on_conflict_do_nothing(index_elements=["id"]))

    await _seed_trainings(session, rng, workers)
    await _seed_visits(session, rng, workers)
    await _seed_reserve(session)
    await _seed_secondment(session, workers, by)
    await _seed_campaign(session, by)
    await _name_earlier_seeds(session, by)


DEMO_ACTORS = ("xq_county", "yc_city", "xq_town")


async def _demo_subjects(session: AsyncSession) -> dict[str, str]:
    """The demo officers who made the seeded decisions, by their account ids: what a token's subject is, so the
    SPA names them (PersonName) as it names anyone who acts. An account not seeded keeps its username."""
    found = dict((await session.execute(select(Account.username, Account.id)
                                        .where(Account.username.in_(DEMO_ACTORS)))).all())
    return {username: str(found[username]) if username in found else username for username in DEMO_ACTORS}


async def _name_earlier_seeds(session: AsyncSession, by: dict[str, str]) -> None:
    """Demo data seeded before the actors were recorded by account id named them by username: the same rows
    (their fixed ids) now name the accounts."""
    for table, columns in ((QuotaException.__table__, ("requested_by", "decided_by")),
                           (Secondment.__table__, ("created_by",)),
                           (Campaign.__table__, ("reviewed_by", "created_by")),
                           (CampaignStep.__table__, ("entered_by",))):
        for column in columns:
            for username, subject in by.items():
                if subject != username:
                    await session.execute(table.update().where(table.c[column] == username)
                                          .values({column: subject}))


async def _seed_trainings(session: AsyncSession, rng: random.Random, workers: list[Any]) -> None:
    trainings = []
    for worker_id, community, post, hired_on in workers:
        for year in (2025, 2026):
            if hired_on.year > year:
                continue
            for n in range(rng.randint(1, 5)):
                trainings.append({"id": _id("training", worker_id, year, n), "worker_id": worker_id,
                                  "training_date": date(year, rng.randint(1, 10), rng.randint(1, 28)),
                                  "hours": Decimal(rng.choice([4, 8, 8, 16, 24])),
                                  "kind": "initial" if hired_on.year == year and n == 0 else "in_service",
                                  "organiser_level": rng.choice(["province", "city", "county", "county", "township"]),
                                  "title": rng.choice(TRAINING_TITLES)})
    await session.execute(insert(TrainingRecord).on_conflict_do_nothing(index_elements=["id"]), trainings)


async def _seed_visits(session: AsyncSession, rng: random.Random, workers: list[Any]) -> None:
    if not await session.scalar(select(func.count()).select_from(HouseholdVisit)):
        visits = []
        for worker_id, community, _, _ in workers:
            for month in (9, 10):
                for n in range(rng.randint(18, 40) if community.startswith("150404") else rng.randint(5, 25)):
                    visits.append({"worker_id": worker_id, "visit_date": date(2026, month, 1 + n % 28),
                                   "household": f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 1802)}"})
        await session.execute(insert(HouseholdVisit), visits)


async def _seed_reserve(session: AsyncSession) -> None:
    townships = (await session.scalars(select(Region.code).where(Region.level == "township",
                                                                  Region.code.like("640104%")))).all()
    candidates = [{"id": _id("reserve", code, n), "township_code": code, "name": f"后备人选{code[-3:]}-{n}",
                   "worker_id": None, "added_on": date(2025, 3, 1 + n), "removed_on": None, "note": None}
                  for index, code in enumerate(townships) for n in range(4 + 3 * index)]
    await session.execute(insert(ReserveCandidate).on_conflict_do_nothing(index_elements=["id"]), candidates)


async def _seed_secondment(session: AsyncSession, workers: list[Any], by: dict[str, str]) -> None:
    lender = next(((w, c) for w, c, p, _ in workers if c.startswith("640104001") and p == "nx_staff"), None)
    if lender:
        await session.execute(insert(Secondment).values(
            id=_id("secondment", lender[0]), worker_id=lender[0], community_code=lender[1],
            start_date=date(2026, 9, 1), end_date=date(2026, 11, 30), borrower="兴庆区新华街道办事处",
            borrower_level="township", approving_department="兴庆区委社会工作部", approval_reference="兴社工〔2026〕12号",
            created_by=by["xq_town"], created_at=SEEDED_AT).on_conflict_do_nothing(index_elements=["id"]))


async def _seed_campaign(session: AsyncSession, by: dict[str, str]) -> None:
    campaign_id = _id("campaign", "640104", 2026)
    procedure = DEMO_COUNTY_RULES[0]["params"]
    await session.execute(insert(Campaign).values(
        id=campaign_id, region_code="640104", title="2026年兴庆区公开招聘社区专职工作人员", positions=10, step_index=2,
        steps=list(procedure["steps"]), review_required=True, reviewed_by=by["yc_city"],
        reviewed_at=SEEDED_AT + timedelta(days=2), review_note="同意按方案实施", created_by=by["xq_county"],
        created_at=SEEDED_AT).on_conflict_do_nothing(index_elements=["id"]))
    await session.execute(insert(CampaignStep).values([
        {"campaign_id": campaign_id, "step_index": i, "step": RECRUITMENT_STEPS[i], "entered_by": by["xq_county"],
         "entered_at": SEEDED_AT + timedelta(days=3 * i), "note": None} for i in range(3)]).on_conflict_do_nothing())
    eligibility = DEMO_COUNTY_RULES[1]["params"]
    people = [("张晓燕", date(1996, 3, 14), 2, "benke", ["certified_social_worker"], False, []),
              ("马建军", date(1983, 7, 2), 5, "dazhuan", ["veteran"], True, []),
              ("李文", date(1982, 1, 20), 7, "below_dazhuan", [], False, []),
              ("杨帆", date(1999, 11, 8), 9, "master", ["grid_worker_in_post"], False, []),
              ("周强", date(1990, 5, 30), 11, "benke", [], False, ["credit_blacklist"])]
    applicants = []
    for name, birth, sequence, education, groups, recommended, disqualified in people:
        national_id = make("640104", birth, sequence)
        facts = EligibilityFacts(birth_date=birth, education=education, groups=groups,
                                 street_recommended=recommended, disqualifications=disqualified)
        failures, priority = check(eligibility, facts, date(2026, 1, 20))
        applicants.append({
            "id": _id("applicant", national_id), "campaign_id": campaign_id, "name": name,
            "national_id": national_id, "sex": "M" if sequence % 2 else "F", "birth_date": birth,
            "education": education, "eligible": not failures, "failures": failures, "priority": priority,
            "facts": {"national_id": national_id, "education": education, "citizen": True, "groups": groups,
                      "street_recommendation_by": "新华街道党工委" if recommended else None,
                      "street_recommendation_on": "2026-01-15" if recommended else None,
                      "disqualifications": disqualified, "name": name, "graduated_on": None},
            "created_at": SEEDED_AT + timedelta(days=7)})
    await session.execute(insert(Applicant).on_conflict_do_nothing(index_elements=["id"]), applicants)
