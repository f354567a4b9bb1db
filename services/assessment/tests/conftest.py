"""Assessment test fixtures: a migrated database per test worker, each test rolled back, tokens from
TokenFactory, a clock the tests can move."""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from cwm_kit import testing
from cwm_kit.audit import RegistryRegionNames
from cwm_kit.duties import DutyRules
from cwm_kit.pytest_fixtures import client, database_url, engine, session, tokens  # noqa: F401  (shared fixtures)

from assessment import clock
from assessment.config import AssessmentSettings
from assessment.main import MIGRATIONS_DIR, create_app


@pytest.fixture(scope="session")
def service_under_test():
    return "assessment", MIGRATIONS_DIR


@pytest.fixture
def settings(database_url: str) -> AssessmentSettings:
    return AssessmentSettings(database_url=database_url)


class Clock:
    """The date the app believes it is; tests set `.today` to walk through notice periods."""

    def __init__(self) -> None:
        self.today = date(2025, 1, 10)


@pytest.fixture
def today() -> Clock:
    return Clock()


# The regions the stand-in registry names (`GET /v1/regions/{code}`); any other code it does not know.
REGION_NAMES = {"640104": "兴庆区", "640104001": "新华街道", "640104002": "胜利街道", "150404": "松山区"}


@pytest.fixture
def registry_app():
    """Stands in for the registry's facts endpoint; tests set `.facts` (a list of dicts: a county's import) and
    `.workers` (worker id -> facts: who else the registry knows, found only when asked for by `worker_id`). It names
    the regions of `.regions` (code -> name) as the registry's regions API does."""
    fake = FastAPI()
    fake.state.facts = []
    fake.state.workers = {}
    fake.state.calls = []
    fake.state.regions = dict(REGION_NAMES)

    @fake.get("/v1/regions/{code}")
    async def region(code: str):
        if code not in fake.state.regions:
            return JSONResponse({"code": "not_found"}, status_code=404)
        return {"code": code, "name": fake.state.regions[code]}

    @fake.get("/v1/workers/facts")
    async def facts(request: Request):
        fake.state.calls.append({"params": dict(request.query_params),
                                 "authorization": request.headers.get("authorization")})
        rows = fake.state.facts
        asked = request.query_params.getlist("worker_id")
        if asked:
            rows = [f for f in [*fake.state.facts, *fake.state.workers.values()] if str(f.get("worker_id")) in asked]
        lines = (json.dumps(f, ensure_ascii=False) + "\n" for f in rows)
        return StreamingResponse(lines, media_type="application/x-ndjson")

    return fake


@pytest.fixture
async def app(settings, session: AsyncSession, engine: AsyncEngine, tokens: testing.TokenFactory, today: Clock,
              registry_app):
    application = create_app(settings, jwks=tokens.jwks,
                             registry_transport=httpx.ASGITransport(app=registry_app))
    application.state.duty_rules = DutyRules(static={})  # the shipped (strict) separation-of-duties rules
    # Region names (messages, the audit view) from the stand-in registry.
    application.state.region_names = RegistryRegionNames("http://registry",
                                                         transport=httpx.ASGITransport(app=registry_app))
    testing.bind_app_to_session(application, session, engine)
    application.dependency_overrides[clock.today] = lambda: today.today
    return application


def known(registry: FastAPI, worker_id, community_code: str, name: str, kind: str = "annual") -> None:
    """The stand-in registry knows this worker (in this community; on an open probation for kind "probation")
    unless it already does."""
    registry.state.workers.setdefault(str(worker_id), {"worker_id": str(worker_id), "name": name,
                                                       "community_code": community_code,
                                                       "status": "probation" if kind == "probation" else "active"})


COUNTY, TOWN, TOWN2 = "640104", "640104001", "640104002"
# What 兴庆区 chooses for its own plan in these tests (not a Ningxia rule).
COUNTY_PLAN = {"excellent_quota_percent": "15", "absence_exit": {"consecutive_days": 15, "total_days_over": 30}}
COMMUNITY, COMMUNITY_B, COMMUNITY_OTHER_TOWN = "640104001001", "640104001002", "640104002001"


class Flow:
    """Drives the API through the workflow the way the officers would; each step asserts success."""

    def __init__(self, client: httpx.AsyncClient, tokens: testing.TokenFactory, today: Clock, registry: FastAPI):
        self.client, self.tokens, self.clock, self.registry = client, tokens, today, registry
        self.county = tokens.headers("county_officer", COUNTY)
        self.town = tokens.headers("township_officer", TOWN)
        self.town2 = tokens.headers("township_officer", TOWN2)
        self.secretary = tokens.headers("party_secretary", COMMUNITY)
        self.auditor = tokens.headers("auditor", COUNTY)
        self.service = tokens.headers("service", "", subject="service:payroll")

    def worker(self, worker_id) -> dict[str, str]:
        return self.tokens.headers("worker", COMMUNITY, worker_id=str(worker_id))

    async def open_cycle(self, year: int = 2024, **plan) -> dict:
        # Ningxia's text caps no 优秀 share and makes no absence rule (those are Songshan's, issue 13): the test
        # county writes them into its own plan, as a county may.
        plan = {**COUNTY_PLAN, **plan}
        response = await self.client.post("/v1/cycles", json={"year": year, "county_code": COUNTY, "plan": plan},
                                          headers=self.county)
        assert response.status_code == 201, response.text
        return response.json()

    async def add(self, cycle_id: str, people: list[tuple], headers=None) -> dict:
        """people: (worker_id, community_code[, kind]), known to the (stand-in) registry from now on."""
        for i, p in enumerate(people):
            known(self.registry, p[0], p[1], f"工作者{i}", p[2] if len(p) > 2 else "annual")
        body = {"assessees": [{"worker_id": str(p[0]), "name": f"工作者{i}", "community_code": p[1],
                               "post": "nx_staff", "kind": p[2] if len(p) > 2 else "annual"}
                              for i, p in enumerate(people)]}
        response = await self.client.post(f"/v1/cycles/{cycle_id}/assessees", json=body,
                                          headers=headers or self.county)
        assert response.status_code == 200, response.text
        return response.json()

    async def assessments(self, cycle_id: str, headers=None) -> dict[str, dict]:
        response = await self.client.get(f"/v1/cycles/{cycle_id}/assessments?size=200",
                                         headers=headers or self.county)
        assert response.status_code == 200, response.text
        return {a["worker_id"]: a for a in response.json()["items"]}

    async def propose(self, assessment_id: str, result: str | None = "competent", scores=None, headers=None):
        body = {"reason": "日常表现良好", "dimension_scores": scores or {
            "political_quality": "90", "work_performance": "85", "residents_satisfaction": "80"}}
        if result is not None:
            body["result"] = result
        return await self.client.post(f"/v1/assessments/{assessment_id}/proposal", json=body,
                                      headers=headers or self.secretary)

    async def decide(self, assessment_id: str, headers=None, **body):
        return await self.client.post(f"/v1/assessments/{assessment_id}/decision", json=body,
                                      headers=headers or self.town)

    async def finalize(self, assessment_id: str, headers=None):
        return await self.client.post(f"/v1/assessments/{assessment_id}/finalization", headers=headers or self.town)

    async def to_final(self, assessment_id: str, result: str = "competent", proposer=None) -> dict:
        assert (await self.propose(assessment_id, result, headers=proposer)).status_code == 200
        decided = await self.decide(assessment_id)
        assert decided.status_code == 200, decided.text
        saved = self.clock.today
        self.clock.today = date.fromisoformat(decided.json()["notice_until"]).fromordinal(
            date.fromisoformat(decided.json()["notice_until"]).toordinal() + 1)
        final = await self.finalize(assessment_id)
        self.clock.today = saved
        assert final.status_code == 200, final.text
        return final.json()


@pytest.fixture
def flow(client, tokens, today, registry_app) -> Flow:
    return Flow(client, tokens, today, registry_app)
