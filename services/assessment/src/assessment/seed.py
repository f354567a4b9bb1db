"""Loads the assessment service's demo data (idempotent): `python -m assessment.seed`.

Own database only, before the services start: the demo counties' cycles under the default guidance plan.
Who is assessed comes from the registry, so the population and the demo results are added by
`assessment.demo` once the stack is up (it imports the assessees through the API).
"""

from __future__ import annotations

import asyncio
import json

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import make_engine, make_sessionmaker

from assessment.config import get_settings
from assessment.cycles.models import Cycle
from assessment.cycles.schemas import CycleIn

# (county, year): Xingqing 兴庆区 (the demo accounts' county) for two years, Songshan 松山区 for one.
DEMO_CYCLES = [("640104", 2024), ("640104", 2025), ("150404", 2024)]


async def seed_cycles(session: AsyncSession) -> None:
    rows = []
    for county, year in DEMO_CYCLES:
        body = CycleIn.model_validate({"year": year, "county_code": county, "plan": {}})
        rows.append({"year": year, "county_code": county, "name": f"{year}年度社区工作者考核",
                     "plan": json.loads(body.plan.model_dump_json()), "opened_by": "seed"})
    await session.execute(insert(Cycle).values(rows).on_conflict_do_nothing(
        index_elements=["county_code", "year"]))


# Order matters: later seeders may read what earlier ones wrote.
SEEDERS = [seed_cycles]


async def main() -> None:
    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            for seeder in SEEDERS:
                await seeder(session)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
    print("assessment demo data loaded")
