"""The run reads the REAL registry and assessment services (their apps in-process over ASGI, each with its
own migrated database): the service token is obtained from the registry with payroll's client
credentials and accepted by both, the facts NDJSON is streamed and parsed, the results feed is paged, and
the payslip is computed from what the registry said."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from cwm_kit import testing
from cwm_kit.db import make_engine, make_sessionmaker
from cwm_kit.tokens import JwksCache

from payroll.inputs.clients import RestInputSource
from payroll.runs.execution import execute_run

from ..runs.support import TEST_AUTHOR, install_policy, remove_test_data


@pytest.fixture
async def registry_app(tokens) -> AsyncIterator[FastAPI]:
    from registry.config import RegistrySettings
    from registry.main import MIGRATIONS_DIR, create_app
    from registry.seed import seed_regions

    name, url = await testing.migrated_database("registry", MIGRATIONS_DIR,
                                                os.environ.get("PYTEST_XDIST_WORKER", "main") + "_payroll")
    engine = make_engine(url, pool_size=2)
    maker = make_sessionmaker(engine)
    async with maker() as session, session.begin():
        await seed_regions(session)
    app = create_app(RegistrySettings(database_url=url))
    app.state.jwks = JwksCache("", static={"keys": [app.state.signing_key.public_jwk(), tokens.key.public_jwk()]})
    app.state.engine, app.state.sessionmaker = engine, maker
    try:
        yield app
    finally:
        await engine.dispose()
        await testing.drop_database(name)


@pytest.fixture
async def assessment_app(registry_app) -> AsyncIterator[FastAPI]:
    """The real assessment service (no results published yet), trusting the registry's signing key."""
    from assessment.config import AssessmentSettings
    from assessment.main import MIGRATIONS_DIR, create_app

    name, url = await testing.migrated_database("assessment", MIGRATIONS_DIR,
                                                os.environ.get("PYTEST_XDIST_WORKER", "main") + "_payroll")
    engine = make_engine(url, pool_size=2)
    app = create_app(AssessmentSettings(database_url=url),
                     jwks=JwksCache("", static={"keys": [registry_app.state.signing_key.public_jwk()]}))
    app.state.engine, app.state.sessionmaker = engine, make_sessionmaker(engine)
    try:
        yield app
    finally:
        await engine.dispose()
        await testing.drop_database(name)


async def calculated_run(engine, settings, registry_app, assessment_app, kind: str) -> uuid.UUID:
    """A run of `kind` for 640104, 2025-03, on a clean slate with Ningxia's policy, calculated from what the real
    registry and assessment services say."""
    await remove_test_data(engine)
    await install_policy(engine, region="64")
    async with engine.begin() as connection:
        run_id = (await connection.execute(text(
            "INSERT INTO payroll_run (id, region_code, month, kind, created_by) "
            "VALUES (:id, '640104', '2025-03', :kind, :a) RETURNING id"),
            {"id": uuid.uuid4(), "kind": kind, "a": TEST_AUTHOR})).scalar_one()
    source = RestInputSource.from_settings(settings, registry_transport=httpx.ASGITransport(registry_app),
                                           assessment_transport=httpx.ASGITransport(assessment_app))
    try:
        assert await execute_run(engine, run_id, source) == "succeeded"
    finally:
        await source.aclose()
    return run_id


async def test_run_reads_worker_facts_from_the_real_registry(registry_app, assessment_app, settings, engine, tokens):
    from registry.workers import national_id

    async with testing.asgi_client(registry_app) as registry:
        response = await registry.post("/v1/workers", headers=tokens.headers("township_officer", "640104001"), json={
            "name": "张丽", "national_id": national_id.make("640104", date(1990, 5, 17), 123), "ethnicity": "汉族",
            "political_status": "中共党员", "phone": "13812345678", "community_code": "640104001001",
            "post": "nx_staff", "hired_on": "2025-01-01", "contract_term_years": 3,
            "education": [{"level": "benke", "institution": "宁夏大学", "graduated_on": "2012-07-01"}]})
        assert response.status_code == 201, response.text
        worker_id = response.json()["id"]

    try:
        run_id = await calculated_run(engine, settings, registry_app, assessment_app, "monthly")
        async with engine.connect() as connection:
            slip = (await connection.execute(text(
                "SELECT worker_id, worker_name, township_code, gross, inputs -> 'facts' AS facts FROM payslip "
                "WHERE run_id = :r"), {"r": run_id})).one()
        assert (slip.worker_id, slip.worker_name, slip.township_code) == (worker_id, "张丽", "640104001")
        stars = slip.facts["star_rating"] or 0
        # 55% × 8000 + level 1 (300) + 本科 (200) + the community's stars × 100, as the registry reported them.
        assert str(slip.gross) == f"{4400 + 300 + 200 + 100 * stars}.00"
        assert slip.facts["education"]["level"] == "benke" and slip.facts["hired_on"] == "2025-01-01"
    finally:
        await remove_test_data(engine)


async def test_run_reads_a_worker_who_left_by_id_from_the_real_registry(registry_app, assessment_app, settings,
                                                                         engine, tokens):
    # POLICY §5 / the one-off items: a worker who left on 1 February is not in March's employed stream; March's run
    # finds the one-off item entered for them and reads their facts by id (registry population=former).
    from registry.workers import national_id

    officer = tokens.headers("township_officer", "640104001")
    async with testing.asgi_client(registry_app) as registry:
        response = await registry.post("/v1/workers", headers=officer, json={
            "name": "王芳", "national_id": national_id.make("640104", date(1991, 5, 17), 125),
            "community_code": "640104001001", "post": "nx_staff", "hired_on": "2024-01-01", "contract_term_years": 3})
        assert response.status_code == 201, response.text
        worker_id = response.json()["id"]
        left = await registry.post(f"/v1/workers/{worker_id}/status-transitions", headers=officer,
                                   json={"status": "resigned", "on": "2025-02-01", "reason": "个人原因"})
        assert left.status_code == 201, left.text
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO one_off_item (worker_id, worker_name, region_code, month, kind, label_zh, amount, taxable, "
            "source, created_by) VALUES (:w, '王芳', '640104001001', '2025-03', 'heating', '取暖费', 1000, true, "
            "'officer', :a)"), {"w": worker_id, "a": TEST_AUTHOR})
    try:
        run_id = await calculated_run(engine, settings, registry_app, assessment_app, "monthly")
        async with engine.connect() as connection:
            slip = (await connection.execute(text(
                "SELECT worker_id, gross, social_insurance, housing_fund, tax, net, inputs -> 'facts' AS facts "
                "FROM payslip WHERE run_id = :r"), {"r": run_id})).one()
        assert (slip.worker_id, slip.facts["status"], slip.facts["exit_date"]) == (worker_id, "resigned", "2025-02-01")
        # The 1000.00 item alone; nothing of this tax year paid before in payroll, no basic deduction for March (not
        # employed): 1000.00 × 3% = 30.00; net 970.00.
        assert tuple(map(str, (slip.gross, slip.social_insurance, slip.housing_fund, slip.tax, slip.net))) == (
            "1000.00", "0.00", "0.00", "30.00", "970.00")
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM one_off_item WHERE created_by = :a"), {"a": TEST_AUTHOR})
        await remove_test_data(engine)


async def test_retiree_run_reads_the_retired_honour_holders_from_the_real_registry(registry_app, assessment_app,
                                                                                   settings, engine, tokens):
    # NX 「获自治区党委政府、国家部委表彰,在职和正常退休的每月分别按照600元、500元标准补贴」: a head 2001-01-01..2022-12-31
    # (retired 2023-01-01, 22.00 years in office) with a regional honour gets 500.00; a serving honour holder is not
    # in the registry's population=retired_honours.
    from registry.workers import national_id

    officer = tokens.headers("township_officer", "640104001")
    ids = {}
    async with testing.asgi_client(registry_app) as registry:
        for key, post, sequence in (("retired", "nx_head", 131), ("serving", "nx_staff", 133)):
            response = await registry.post("/v1/workers", headers=officer, json={
                "name": f"测试{key}", "national_id": national_id.make("640104", date(1962, 5, 17), sequence),
                "community_code": "640104001001", "post": post, "hired_on": "2001-01-01", "contract_term_years": 3,
                "honours": [{"level": "regional_government", "awarded_on": "2015-09-01"}]})
            assert response.status_code == 201, response.text
            ids[key] = response.json()["id"]
        retired = await registry.post(f"/v1/workers/{ids['retired']}/status-transitions", headers=officer,
                                      json={"status": "retired", "on": "2023-01-01", "reason": "到龄退休"})
        assert retired.status_code == 201, retired.text

    try:
        run_id = await calculated_run(engine, settings, registry_app, assessment_app, "retiree")
        async with engine.connect() as connection:
            slips = (await connection.execute(text(
                "SELECT worker_id, kind, gross, social_insurance, housing_fund, tax, net FROM payslip WHERE run_id = :r"),
                {"r": run_id})).all()
            lines = (await connection.execute(text(
                "SELECT code, amount, inputs ->> 'years_in_office' AS years FROM payslip_line "
                "WHERE run_id = :r AND kind = 'earning'"), {"r": run_id})).all()
        assert [tuple(map(str, s)) for s in slips] == [(ids["retired"], "retiree", "500.00", "0.00", "0.00", "0.00",
                                                        "500.00")]
        assert [(line.code, str(line.amount), line.years) for line in lines] == [("honours_retired", "500.00", "22.00")]
    finally:
        await remove_test_data(engine)


async def test_the_counties_of_a_province_come_from_the_real_registry_with_the_service_token(
        registry_app, assessment_app, settings):
    """What a province run is split by (ADR 0008): the registry's county codes under the region, asked as payroll."""
    from registry.demo_regions import regions

    expected = sorted(r["code"] for r in regions() if r["level"] == "county" and r["code"].startswith("64"))
    source = RestInputSource.from_settings(settings, registry_transport=httpx.ASGITransport(registry_app),
                                           assessment_transport=httpx.ASGITransport(assessment_app))
    try:
        counties = await source.counties("64")
    finally:
        await source.aclose()
    assert sorted(counties) == expected and "640104" in counties and len(counties) >= 2
