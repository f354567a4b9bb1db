"""Test helpers shared by the management-rule tests: workers made through registry-A's WorkerService."""

from __future__ import annotations

from datetime import date
from itertools import count

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal, Role

from registry.regions.models import Region
from registry.workers.national_id import make
from registry.workers.schemas import WorkerCreate
from registry.workers.service import WorkerService

ADMIN = Principal(subject="test-admin", role=Role.PROVINCIAL_ADMIN, jurisdiction="")
_sequence = count(1)


async def make_worker(session: AsyncSession, community_code: str, *, post: str | None = None,
                      hired_on: date = date(2020, 3, 1), birth: date = date(1990, 5, 17), sex: str = "F",
                      name: str | None = None, probation_end: date | None = None, **extra):
    number = next(_sequence)
    sequence = (number * 2) % 1000 if sex == "F" else (number * 2 + 1) % 1000
    post = post or ("ss_staff" if community_code.startswith("150404") else "nx_staff")
    body = WorkerCreate(national_id=make(community_code[:6], birth, sequence), name=name or f"工作者{number}",
                        community_code=community_code, post=post, hired_on=hired_on, contract_term_years=3,
                        probation_end=probation_end, **extra)
    return await WorkerService.for_session(session).create(ADMIN, body)


async def set_region(session: AsyncSession, code: str, **values) -> None:
    await session.execute(update(Region).where(Region.code == code).values(**values))
