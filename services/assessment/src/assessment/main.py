"""Assessment service entry point: `uvicorn --factory assessment.main:create_app`."""

from pathlib import Path

import httpx
from fastapi import FastAPI

from cwm_kit.app import create_service_app
from cwm_kit.audit import audit_router
from cwm_kit.tokens import JwksCache

from assessment.assessments.router import MY_ASSESSMENTS, me_router
from assessment.assessments.router import router as assessments_router
from assessment.models import audit_log
from assessment.config import AssessmentSettings, get_settings
from assessment.cycles.router import router as cycles_router
from assessment.historical.router import router as historical_router
from assessment.probation.router import router as probation_router
from assessment.results.router import router as results_router
from assessment.upstream import close_registry, open_registry

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The worker's own reads first: a request is matched route by route, in this order (no other route matches /me/…).
ROUTERS = [me_router, cycles_router, assessments_router, results_router, historical_router, probation_router]
ROUTERS += [audit_router(audit_log)]


def create_app(settings: AssessmentSettings | None = None, *, jwks: JwksCache | None = None,
               registry_transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """`jwks` defaults to the registry's JWKS (settings.jwks_url); `registry_transport` lets tests route the
    registry calls to an app in-process."""
    settings = settings or get_settings()

    app = create_service_app(
        settings=settings,
        title="社区工作者 · 年度考核 Assessment",
        description="Annual assessment cycles, proposals, decisions under the excellent quota, public notice, "
                    "objections and final results (POLICY.md §8–9).",
        routers=ROUTERS,
        migrations_dir=MIGRATIONS_DIR,
        jwks=jwks,
        on_startup=[open_registry],
        on_shutdown=[close_registry],
        ready_answers=[MY_ASSESSMENTS],
    )
    # The registry client (assessment.upstream) is built at start-up, through this transport when given.
    app.state.registry_transport = registry_transport
    return app
