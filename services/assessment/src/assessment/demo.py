"""Demo data through the running stack (idempotent): `python -m assessment.demo`.

`assessment.seed` normally lists the population and writes the demo results before the stack starts. This
step covers what it cannot know: through the gateway (CWM_GATEWAY_URL) it logs in as the demo county officer
and imports the seeded cycles' population from the registry's worker facts (workers already listed are left
as they are), then gives any assessee still pending the back-dated demo results (see `assessment.seed`).
It never stops the stack from starting: a missing registry is reported and skipped.
"""

from __future__ import annotations

import asyncio
import os
import sys

import httpx

from cwm_kit.db import make_engine, make_sessionmaker

from assessment.config import get_settings
from assessment.seed import DEMO_CYCLES, publish_back_dated

# The registry's demo county officer and demo password (registry.seed; the service never imports registry code,
# tests/test_boundaries.py checks these are the registry's).
COUNTY_LOGIN = "xq_county"
DEMO_PASSWORD = "Demo@2025"


def demo_login() -> tuple[str, str]:
    return COUNTY_LOGIN, DEMO_PASSWORD


async def import_population(gateway: str) -> None:
    username, password = demo_login()
    async with httpx.AsyncClient(base_url=gateway.rstrip("/"), timeout=60) as client:
        login = await client.post("/api/auth/token", data={"username": username, "password": password})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        cycles = await client.get("/api/assessment/v1/cycles", headers=headers)
        cycles.raise_for_status()
        for cycle in cycles.json():
            if (cycle["county_code"], cycle["year"]) not in DEMO_CYCLES:
                continue
            response = await client.post(f"/api/assessment/v1/cycles/{cycle['id']}/assessees/import", headers=headers)
            if response.status_code != 200:
                print(f"assessment demo: import for {cycle['year']} answered {response.status_code}: "
                      f"{response.text[:300]}", file=sys.stderr)
                continue
            body = response.json()
            print(f"assessment demo: {cycle['county_code']} {cycle['year']}: {body['added']} assessees imported, "
                  f"{body['already_listed']} already listed, {len(body['skipped'])} not assessed")


async def main() -> int:
    gateway = os.environ.get("CWM_GATEWAY_URL", "http://127.0.0.1:8080")
    try:
        await import_population(gateway)
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        print(f"assessment demo: could not import the population through {gateway}: {exc}", file=sys.stderr)
    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            await publish_back_dated(session)
    finally:
        await engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
