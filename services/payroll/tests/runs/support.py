"""Shared by the runs, payslips and reports tests: a pay scheme and figures for a made-up province "99",
worker facts, and an app whose requests really commit (runs are calculated on other connections)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cwm_kit.db import make_sessionmaker
from cwm_kit.duties import DutyRules

from payroll.inputs.schemas import WorkerFacts
from payroll.policy.presets import load

PROVINCE, CITY, COUNTY = "99", "9901", "990101"
TOWNSHIP_A, TOWNSHIP_B = "990101001", "990101002"
COMMUNITY_A, COMMUNITY_B = "990101001001", "990101002001"


class RecordingQueue:
    """Stands in for procrastinate in API tests: remembers what was deferred; tests run execute_run."""

    def __init__(self) -> None:
        self.enqueued: list[uuid.UUID] = []

    async def enqueue(self, run_id: uuid.UUID) -> None:
        self.enqueued.append(run_id)


TEST_AUTHOR = "payroll-runs-test"


def nx_document(employer_contributions: str = "on_top") -> dict[str, Any]:
    """The NX preset; by default with the employer's contributions on top of the pay total (应发 = the total), the
    reading these run, payslip, export and tax tests were hand-computed on. The preset's own reading ("inside")
    is held by test_engine.py and the reports' budget test."""
    document = load("nx-2025.json")
    document["pay_total"] = {**document["pay_total"], "employer_contributions": employer_contributions}
    return document


async def install_scheme(engine: AsyncEngine, region: str, document: dict[str, Any],
                         effective_from: str = "2024-01-01") -> None:
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO pay_scheme_version (region_prefix, effective_from, name, status, document, created_by, "
            "published_by, published_at) VALUES (:region, :effective, 'test NX', 'published', "
            "CAST(:doc AS jsonb), :author, :author, now())"),
            {"doc": __import__("json").dumps(document), "region": region, "author": TEST_AUTHOR,
             "effective": dt.date.fromisoformat(effective_from)})


async def install_policy(engine: AsyncEngine, region: str = PROVINCE, employer_contributions: str = "on_top") -> None:
    """The NX preset for `region` (default the made-up province 99) and its reference figures (2024
    average wage provisional 8000)."""
    await install_scheme(engine, region, nx_document(employer_contributions))
    async with engine.begin() as connection:
        for kind, year, value, status, published in [
            ("avg_wage_monthly", 2024, "8000", "provisional", "2025-01-05"),
            ("si_base_floor", 2025, "4000", "official", "2025-01-05"),
            ("si_base_ceiling", 2025, "20000", "official", "2025-01-05"),
            ("disposable_income", 2024, "40000", "official", "2025-01-05"),
        ]:
            await add_figure(connection, kind, year, value, status, published, region)


async def add_figure(connection: Any, kind: str, year: int, value: str, status: str, published: str,
                     region: str = PROVINCE) -> None:
    await connection.execute(text(
        "INSERT INTO reference_figure (region_code, region_name, year, kind, value, status, published_on, source, "
        "created_by) VALUES (:region, '测试市', :year, :kind, :value, :status, :published, 'test', :author)"),
        {"region": region, "author": TEST_AUTHOR, "year": year, "kind": kind, "value": Decimal(value), "status": status,
         "published": dt.date.fromisoformat(published)})


async def remove_test_data(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text(
            "DELETE FROM audit_log WHERE entity = 'payroll_run' AND entity_id IN "
            "(SELECT id::text FROM payroll_run WHERE created_by = :a)"), {"a": TEST_AUTHOR})
        await connection.execute(text("DELETE FROM payroll_run WHERE region_code LIKE '99%' OR created_by = :a"),
                                 {"a": TEST_AUTHOR})
        # Published scheme versions are immutable (a trigger refuses); test data is removed with triggers off.
        await connection.execute(text("SET LOCAL session_replication_role = replica"))
        await connection.execute(text("DELETE FROM pay_scheme_version WHERE created_by = :a"), {"a": TEST_AUTHOR})
        await connection.execute(text("DELETE FROM reference_figure WHERE created_by = :a"), {"a": TEST_AUTHOR})
        await connection.execute(text("DELETE FROM audit_log WHERE region_code LIKE '99%'"))


async def remove_declarations_and_items(engine: AsyncEngine) -> None:
    """The tax declarations and one-off items tests entered for the made-up province "99"."""
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM tax_declaration WHERE region_code LIKE '99%'"))
        await connection.execute(text("DELETE FROM one_off_item WHERE region_code LIKE '99%'"))


def worker(worker_id: str, community: str = COMMUNITY_A, **overrides: Any) -> WorkerFacts:
    """nx_staff hired 2025-01-01, 本科, community rated 3 stars: level 1 (300), base 55% × 8000 = 4400,
    star 300, education 200 → gross 5200.00 a month."""
    data: dict[str, Any] = {
        "worker_id": worker_id, "name": f"工作者{worker_id}", "community_code": community,
        "township_code": community[:9], "county_code": community[:6], "post": "nx_staff",
        "post_since": "2025-01-01", "post_history": [{"post": "nx_staff", "from": "2025-01-01", "to": None}],
        "status": "active", "hired_on": "2025-01-01",
        "education": {"level": "benke", "date": "2020-07-01", "in_service": False},
        "counted_service": [{"from": "1978-01-01", "to": None, "scope": community[:2],
                             "runs": [{"start": "2025-01-01", "end": None}]}],
        "star_rating": 3, "fiscal_category": None,
    }
    data.update(overrides)
    return WorkerFacts.model_validate(data)


def live_app(settings: Any, engine: AsyncEngine, tokens: Any):
    """The payroll app with real, committing request sessions and a recording queue."""
    from payroll.main import create_app

    app = create_app(settings, jwks=tokens.jwks)
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.run_queue = RecordingQueue()
    app.state.duty_rules = DutyRules(static={})  # the shipped (strict) separation-of-duties rules
    return app
