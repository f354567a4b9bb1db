"""Loads the payroll service's demo data (idempotent): `python -m payroll.seed`.

Each domain contributes its part through a `seed(session)` coroutine registered in SEEDERS; the same
seed gives the same data every time.
"""

from __future__ import annotations

import asyncio

from cwm_kit.db import run_seeders

from payroll.config import get_settings
from payroll.policy.seed import seed_pay_schemes, seed_reference_figures

# Order matters: later seeders may read what earlier ones wrote.
SEEDERS = [seed_pay_schemes, seed_reference_figures]


async def main() -> None:
    await run_seeders(get_settings().database_url, SEEDERS)


if __name__ == "__main__":
    asyncio.run(main())
    print("payroll demo data loaded")
