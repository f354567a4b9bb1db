"""The grade projection (ADR 0005): /v1/me/grade answered from payroll's own rows equals the live answer; rows
are filled a community at a time, dropped by the feeds, and never served past their max age."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from cwm_kit.security import principal_from_claims

from payroll.grades import projection
from payroll.grades.models import GradeInput
from payroll.grades.service import grade_for
from payroll.policy.seed import seed_pay_schemes

from .support import HEAD_W1, STAFF_W2, install_grade_clients, token_or_facts

WORKERS = [
    HEAD_W1,
    {"worker_id": "w3", "name": "丙", "community_code": "150404001001", "post": "ss_staff", "status": "active",
     "hired_on": "2012-03-01",
     "counted_service": [{"from": "1978-01-01", "scope": "15", "runs": [{"start": "2012-03-01", "end": None}]}]},
    STAFF_W2,
]
RESULTS = [
    {"id": 1, "cursor": "1", "worker_id": "w1", "year": 2022, "kind": "annual", "result": "excellent", "revision": 1,
     "community_code": "150404001001"},
    {"id": 2, "cursor": "2", "worker_id": "w1", "year": 2023, "kind": "annual", "result": "basically_competent",
     "revision": 1, "community_code": "150404001001"},
    {"id": 3, "cursor": "3", "worker_id": "w3", "year": 2024, "kind": "annual", "result": "incompetent", "revision": 1,
     "community_code": "150404001001"},
]


class Upstream:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.changes: list[dict] = []
        self.results = list(RESULTS)

    def handler(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        self.calls.append((request.url.path, params))
        answered = token_or_facts(request, WORKERS)
        if answered is not None:
            return answered
        region = params.get("region", "")
        if request.url.path == "/v1/results":
            after = int(params.get("after") or 0)
            items = [r for r in self.results if r["community_code"].startswith(region) and int(r["cursor"]) > after]
            return httpx.Response(200, json={"items": items, "next_cursor": items[-1]["cursor"] if items else str(after)})
        if request.url.path == "/v1/changes":
            after = int(params.get("after") or 0)
            items = [c for c in self.changes if c["cursor"] > after]
            return httpx.Response(200, json={"items": items, "next_cursor": items[-1]["cursor"] if items else after})
        return httpx.Response(404)

    def facts_calls(self) -> int:
        return sum(1 for path, _ in self.calls if path == "/v1/workers/facts")


@pytest.fixture
def upstream(app) -> Upstream:
    fake = Upstream()
    install_grade_clients(app, fake.handler)
    return fake


async def _live(app, session, tokens, worker_id: str, month: str) -> dict:
    """The live answer: the computation reading the feeds directly, as before the projection."""
    principal = principal_from_claims({"sub": worker_id, "role": "worker", "jurisdiction": "150404001001",
                                       "worker_id": worker_id})
    grade = await grade_for(session, principal, app.state.grade_registry_client, app.state.grade_assessment_client,
                            worker_id, month)
    return grade.model_dump(mode="json")


async def test_projection_answer_equals_the_live_answer(app, client, session, tokens, upstream):
    await seed_pay_schemes(session)
    for worker_id in ("w1", "w3"):
        for month in ("2025-06", "2026-01"):
            headers = tokens.headers("worker", "150404001001", worker_id=worker_id)
            first = await client.get(f"/v1/me/grade?month={month}", headers=headers)
            second = await client.get(f"/v1/me/grade?month={month}", headers=headers)
            assert first.status_code == second.status_code == 200, first.text
            live = await _live(app, session, tokens, worker_id, month)
            assert first.json() == second.json() == live
    # One fill per (community, month): w3's first request of a month was already a hit.
    assert await session.scalar(select(func.count()).select_from(GradeInput)) == 4
    fills = [p for path, p in upstream.calls if path == "/v1/workers/facts"]
    live_reads = 4  # _live above
    assert len(fills) == 2 + live_reads


async def test_a_hit_asks_no_upstream(client, session, tokens, upstream):
    await seed_pay_schemes(session)
    headers = tokens.headers("worker", "150404001001", worker_id="w1")
    assert (await client.get("/v1/me/grade?month=2025-06", headers=headers)).status_code == 200
    before = len(upstream.calls)
    assert (await client.get("/v1/me/grade?month=2025-06", headers=headers)).status_code == 200
    assert len(upstream.calls) == before


async def test_stale_rows_are_read_again(app, client, session, tokens, upstream):
    await seed_pay_schemes(session)
    headers = tokens.headers("worker", "150404001001", worker_id="w1")
    assert (await client.get("/v1/me/grade?month=2025-06", headers=headers)).status_code == 200
    app.state.settings.grade_projection_max_age_seconds = 0
    assert (await client.get("/v1/me/grade?month=2025-06", headers=headers)).status_code == 200
    assert upstream.facts_calls() == 2


async def test_the_feeds_drop_what_changed(app, client, session, tokens, upstream):
    await seed_pay_schemes(session)
    registry, assessment = app.state.grade_registry_client, app.state.grade_assessment_client
    assert await projection.invalidate_from_feeds(session, registry, assessment) == 0  # records the cursors
    w1 = tokens.headers("worker", "150404001001", worker_id="w1")
    before = (await client.get("/v1/me/grade?month=2026-01", headers=w1)).json()
    # A correction of w1's 2023 result (a higher revision) arrives on assessment's feed.
    upstream.results.append({"id": 2, "cursor": "4", "worker_id": "w1", "year": 2023, "kind": "annual",
                             "result": "competent", "revision": 2, "community_code": "150404001001"})
    upstream.changes.append({"cursor": 7, "entity": "worker", "entity_id": "w3", "worker_id": "w3",
                             "region_code": "150404001001", "action": "update", "at": "2026-01-02T00:00:00Z"})
    assert await projection.invalidate_from_feeds(session, registry, assessment) == 2  # w1 (result), w3 (change)
    corrected = (await client.get("/v1/me/grade?month=2026-01", headers=w1)).json()
    assert corrected == await _live(app, session, tokens, "w1", "2026-01")
    assert corrected["steps"] != before["steps"]  # 基本合格 → 合格: the 2023 year counts again
    # A rule change (no worker) drops every row under its region.
    upstream.changes.append({"cursor": 8, "entity": "management_rule", "entity_id": "9", "worker_id": None,
                             "region_code": "1504", "action": "create", "at": "2026-01-02T00:00:00Z"})
    assert await projection.invalidate_from_feeds(session, registry, assessment) == 2
    assert await session.scalar(select(func.count()).select_from(GradeInput)) == 0


async def test_a_token_outside_the_stored_community_finds_nothing(client, session, tokens, upstream):
    await seed_pay_schemes(session)
    officer_filled = tokens.headers("worker", "150404001002", worker_id="w2")
    assert (await client.get("/v1/me/grade?month=2025-06", headers=officer_filled)).status_code == 200
    stray = tokens.headers("worker", "150404001001", worker_id="w2")
    assert (await client.get("/v1/me/grade?month=2025-06", headers=stray)).status_code == 404
