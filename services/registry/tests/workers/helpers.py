"""Building blocks for worker tests: valid national IDs and a created worker."""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.seed import seed_regions
from registry.workers import national_id

COMMUNITY = "640104001001"       # 兴庆区新华街道 民乐社区
OTHER_TOWNSHIP_COMMUNITY = "640104002001"
SS_COMMUNITY = "150404001001"


def nid(birth: date = date(1990, 5, 17), sequence: int = 123, region: str = "640104") -> str:
    return national_id.make(region, birth, sequence)


def worker_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "张丽", "national_id": nid(), "ethnicity": "汉族", "political_status": "中共党员",
        "phone": "13812345678", "community_code": COMMUNITY, "post": "nx_staff",
        "hired_on": "2020-03-01", "contract_term_years": 3,
        "education": [{"level": "benke", "institution": "宁夏大学", "graduated_on": "2012-07-01"}],
    }
    body.update(overrides)
    return body


async def create_worker(client, tokens, **overrides: Any) -> dict[str, Any]:
    headers = tokens.headers("township_officer", "640104001")
    response = await client.post("/v1/workers", json=worker_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def regions(session) -> None:
    await seed_regions(session)
