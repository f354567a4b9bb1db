"""Registry service entry point: `uvicorn --factory registry.main:create_app`."""

from pathlib import Path

from fastapi import FastAPI

from cwm_kit.app import create_service_app
from cwm_kit.audit import audit_router
from cwm_kit.tokens import JwksCache, RevocationList

from registry.accounts.router import router as accounts_router
from registry.auth.router import router as auth_router
from registry.models import audit_log
from registry.config import RegistrySettings, get_settings
from registry.regions.repository import region_names
from registry.regions.router import router as regions_router
from registry.posts.router import router as posts_router
from registry.workers.router import router as workers_router
from registry.facts.router import router as facts_router
from registry.changes.router import router as changes_router
from registry.me.router import MY_RECORD, router as me_router
from registry.imports.router import export_router, router as imports_router
from registry.quota.router import router as quota_router
from registry.rules.router import router as rules_router
from registry.training.router import router as training_router
from registry.secondments.router import router as secondments_router
from registry.visits.router import router as visits_router
from registry.reserve.router import router as reserve_router
from registry.recruitment.router import router as recruitment_router
from registry.flags.router import router as flags_router
from registry.discipline.router import router as discipline_router
from registry.filings.router import router as filings_router
from registry.health.router import router as health_router
from registry.leave.router import me_router as leave_me_router, router as leave_router
from registry.stats import refresher as stats_refresher
from registry.stats.router import router as stats_router
from registry.composition.router import router as composition_router
from registry.upstream import close_upstream, open_upstream

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Dashboards poll the statistics all day and workers open /v1/me: first, so those requests are matched against a
# route or two, not all ~110 (no other route matches their paths: checked when they were moved).
ROUTERS = [stats_router, me_router, auth_router, accounts_router, regions_router]
# Management rules (registry-B): quota, training, secondments, visits, reserve pool, recruitment.
ROUTERS += [rules_router, quota_router, training_router, secondments_router, visits_router, reserve_router,
            recruitment_router, flags_router, composition_router]
# Dated records per worker and leave (issue 13).
ROUTERS += [discipline_router, filings_router, health_router, leave_router, leave_me_router]
ROUTERS += [posts_router, facts_router, export_router, workers_router, changes_router, imports_router]
ROUTERS += [audit_router(audit_log, region_names=region_names)]


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    settings = settings or get_settings()
    key = settings.load_signing_key()
    # The issuer verifies its own tokens from its own key: no HTTP round trip to itself.
    jwks = JwksCache("", static={"keys": [key.public_jwk()]})
    app = create_service_app(
        settings=settings,
        title="社区工作者 · 人员库 Registry",
        description="Regions, workers, recruitment and identity (POLICY.md §1–3, §6, §7, §9, §10).",
        routers=ROUTERS,
        migrations_dir=MIGRATIONS_DIR,
        jwks=jwks,
        on_startup=[open_upstream, stats_refresher.start],
        on_shutdown=[stats_refresher.stop, close_upstream],
        ready_answers=[MY_RECORD],
    )
    app.state.signing_key = key
    stats_refresher.install(app)
    # The registry reads its own revoked sessions (and marks new ones at once, auth.service.revoke_sessions).
    app.state.revocations = RevocationList(fetch=lambda: revoked_sids(app), max_age=settings.revocation_max_age_seconds)
    return app


async def revoked_sids(app: FastAPI) -> list[str]:
    from sqlalchemy.ext.asyncio import AsyncSession

    from registry.auth.repository import AuthRepository
    from registry.auth.service import AuthService

    async with AsyncSession(app.state.engine) as session:
        return await AuthService(AuthRepository(session), app.state.settings, app.state.signing_key).revoked_sids()

