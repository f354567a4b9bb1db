"""Loads the registry's demo data (idempotent): `python -m registry.seed`.

Each domain contributes its part through a `seed(session)` coroutine registered in SEEDERS; the same
seed gives the same data every time.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import run_seeders

from registry import demo_regions
from registry.auth.models import Account
from registry.auth.passwords import hash_password
from registry.config import get_settings
from registry.regions.models import Region, StarRating
from registry.workers.demo import demo_worker_for_login, seed_workers
from registry.quota.demo import seed_management

DEMO_PASSWORD = "Demo@2025"
# (username, display name — naming the jurisdiction as the demo regions do —, role, jurisdiction, what the
# account is for)
DEMO_ACCOUNTS: list[tuple[str, str, str, str, str]] = [
    ("nx_admin", "宁夏民政厅管理员", "provincial_admin", "64", "Ningxia provincial admin: pay policy, dashboards"),
    ("nx_checker", "宁夏民政厅复核员", "provincial_admin", "64",
     "Ningxia provincial admin who publishes pay schemes drafted by another (separation of duties)"),
    ("yc_city", "银川市社会工作部", "city_officer", "6401", "Yinchuan city officer"),
    ("xq_county", "兴庆区社会工作部", "county_officer", "640104", "Xingqing county officer: assessment plans, quota"),
    ("xq_town", "兴庆区新华街道人事专员", "township_officer", "640104001", "township HR officer"),
    ("xq_town2", "兴庆区胜利街道人事专员", "township_officer", "640104002", "another township's HR officer"),
    ("xq_secretary", "民乐社区党组织书记", "party_secretary", "640104001001", "community party secretary"),
    ("xq_finance", "兴庆区新华街道财务", "finance_officer", "640104001", "approves payroll"),
    ("xq_cashier", "兴庆区新华街道出纳", "finance_officer", "640104001",
     "marks approved payroll paid (not the approver: separation of duties)"),
    ("xq_auditor", "兴庆区审计员", "auditor", "640104", "reads everything, changes nothing"),
    ("im_admin", "内蒙古社会工作部管理员", "provincial_admin", "15", "Inner Mongolia provincial admin"),
    ("ss_town", "松山区振兴街道人事专员", "township_officer", "150404001", "Songshan township HR officer"),
    ("xq_worker", "民乐社区工作者", "worker", "640104001001", "a community worker: only their own record (/v1/me)"),
]
# Worker logins and the demo worker each one is (registry.workers.demo).
DEMO_WORKER_LOGINS = {"xq_worker": demo_worker_for_login}


async def seed_regions(session: AsyncSession) -> None:
    rows = demo_regions.regions()
    columns = ("code", "name", "level", "parent_code", "urban_population", "households", "fiscal_category")
    values = [{c: r.get(c) for c in columns} for r in rows]
    await session.execute(insert(Region).values(values).on_conflict_do_nothing(index_elements=["code"]))
    stars = demo_regions.star_ratings(rows)
    await session.execute(insert(StarRating).values(stars).on_conflict_do_nothing())


async def seed_accounts(session: AsyncSession) -> None:
    existing = set((await session.scalars(select(Account.username))).all())
    password_hash = hash_password(DEMO_PASSWORD)
    for username, display_name, role, jurisdiction, _ in DEMO_ACCOUNTS:
        if username not in existing:
            worker = DEMO_WORKER_LOGINS.get(username)
            session.add(Account(username=username, password_hash=password_hash, display_name=display_name,
                                role=role, jurisdiction=jurisdiction, worker_id=worker() if worker else None))
    await session.flush()


# Order matters: later seeders may read what earlier ones wrote.
SEEDERS = [seed_regions, seed_workers, seed_accounts]
# Management domains (rules, quota exception, training, visits, reserve, secondment, recruitment).
SEEDERS += [seed_management]


async def main() -> None:
    await run_seeders(get_settings().database_url, SEEDERS)


if __name__ == "__main__":
    asyncio.run(main())
    print("registry demo data loaded")
