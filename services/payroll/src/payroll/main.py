"""Payroll service entry point: `uvicorn --factory payroll.main:create_app`."""

from pathlib import Path

from fastapi import FastAPI

from cwm_kit.app import create_service_app
from cwm_kit.audit import audit_router
from cwm_kit.tokens import JwksCache

from payroll.models import audit_log
from payroll.config import PayrollSettings, get_settings
from payroll.exports.router import router as exports_router
from payroll.grades.router import MY_GRADE, router as grades_router
from payroll.oneoff.router import router as oneoff_router
from payroll.payslips.router import MY_MONTH, MY_PAYSLIPS, router as payslips_router
from payroll.policy.router import router as policy_router
from payroll.reports.router import router as reports_router
from payroll.runs.dependencies import close_run_queue
from payroll.runs.router import router as runs_router
from payroll.tax.router import router as tax_router
from payroll.upstream import close_upstreams, open_upstreams

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The self-service reads (/me/grade, /me/payslips…) first: a request is matched route by route, in this order (no
# other route matches their paths).
ROUTERS = [grades_router, payslips_router, policy_router, runs_router, reports_router, tax_router, oneoff_router,
           exports_router]
ROUTERS += [audit_router(audit_log)]


def create_app(settings: PayrollSettings | None = None, *, jwks: JwksCache | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Tokens are verified against the registry's JWKS (fetched and cached from settings.jwks_url).
    return create_service_app(
        settings=settings,
        title="社区工作者 · 薪酬 Payroll",
        description="Pay policy, grades, monthly runs and payslips (POLICY.md §4–5).",
        routers=ROUTERS,
        migrations_dir=MIGRATIONS_DIR,
        jwks=jwks,
        on_startup=[open_upstreams],
        on_shutdown=[close_run_queue, close_upstreams],
        ready_answers=[MY_PAYSLIPS, MY_MONTH, MY_GRADE],
    )
