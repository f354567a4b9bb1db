"""Compact payslips (ADR 0007): what the views give back is what the calculation produced, key for key; a
stored payslip stays under 2 KB; a month gets its partition when a run first needs it; the migration converts
rows both ways."""

from __future__ import annotations

import asyncio
import json
import uuid
from decimal import Decimal
from typing import Any

import asyncpg
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from pydantic_core import to_json
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cwm_kit import testing
from cwm_kit.migrations import alembic_config

from payroll.inputs.clients import StaticInputSource
from payroll.main import MIGRATIONS_DIR
from payroll.runs import calculator
from payroll.runs.execution import execute_run, libpq_url

from .support import COMMUNITY_B, COUNTY, worker

COMPACT_REVISION = "f2c8a4d61e57"
LINE_COLUMNS = ("position", "code", "label_zh", "label_en", "amount", "kind", "clause", "inputs", "arrears_month")


def _workers() -> list:
    return [worker("w1"), worker("w2", star_rating=5),
            worker("w3", COMMUNITY_B, education={"level": "master", "date": "2019-07-01", "in_service": False})]


async def _start(client: Any, tokens: Any, month: str) -> str:
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": month},
                                 headers=tokens.headers("county_officer", COUNTY))
    assert response.status_code in (201, 202), response.text
    return response.json()["id"]


async def test_the_views_give_back_what_was_computed(live, tokens, engine, monkeypatch):
    client, _ = live
    computed: dict[str, tuple[dict, dict, list[dict]]] = {}
    to_rows = calculator.to_rows

    def recording(calc, ytd, facts, results, policy):
        slip, lines = to_rows(calc, ytd, facts, results, policy)
        # The payslip's inputs as the payslip table held them before ADR 0007, built here on its own.
        inputs = {"calculation": json.loads(to_json(calc.inputs)),
                  "grade": json.loads(calc.grade.model_dump_json()) if calc.grade else None,
                  "facts": json.loads(facts.model_dump_json(by_alias=True)), "results": json.loads(to_json(results)),
                  "year_to_date_before": json.loads(ytd.model_dump_json()), "scheme": json.loads(policy.scheme_json),
                  "figures_fingerprint": policy.figures_fingerprint}
        computed[facts.worker_id] = (inputs, slip, lines)
        return slip, lines

    monkeypatch.setattr(calculator, "to_rows", recording)
    run_id = await _start(client, tokens, "2025-02")
    assert await execute_run(engine, run_id, StaticInputSource(_workers())) == "succeeded"
    async with engine.connect() as connection:
        for worker_id, (inputs, slip, lines) in computed.items():
            stored = (await connection.execute(text(
                "SELECT inputs, funding, gross, net, post_label, grade_level FROM payslip "
                "WHERE run_id = :r AND worker_id = :w"), {"r": run_id, "w": worker_id})).one()
            assert stored.inputs == inputs  # every key, nested values included
            assert stored.funding == json.loads(slip["funding"])
            assert (stored.gross, stored.net, stored.grade_level) == (slip["gross"], slip["net"], slip["grade_level"])
            rows = (await connection.execute(text(
                f"SELECT {', '.join(LINE_COLUMNS)} FROM payslip_line WHERE run_id = :r AND worker_id = :w "
                "ORDER BY position"), {"r": run_id, "w": worker_id})).all()
            expected = [(position, line["code"], line["label_zh"], line["label_en"], line["amount"], line["kind"],
                         line["clause"], json.loads(line["inputs"]), line["arrears_month"])
                        for position, line in enumerate(lines, start=1)]
            assert [tuple(r) for r in rows] == expected
    # The officer's payslip page shows the same lines, working included.
    page = (await client.get(f"/v1/runs/{run_id}/payslips/w2", headers=tokens.headers("county_officer", COUNTY)))
    assert page.status_code == 200
    shown = [(line["code"], Decimal(line["amount"]), line["inputs"]) for line in page.json()["lines"]]
    assert shown == [(line["code"], line["amount"], json.loads(line["inputs"])) for line in computed["w2"][2]]


async def test_a_stored_payslip_takes_at_most_2_kb(live, tokens, engine):
    """A realistic month: the second of the year (year to date carried), each worker paid differently."""
    client, _ = live
    for month in ("2025-01", "2025-02"):
        run_id = await _start(client, tokens, month)
        assert await execute_run(engine, run_id, StaticInputSource(_workers())) == "succeeded"
    async with engine.connect() as connection:
        sizes = (await connection.execute(text(
            """SELECT p.worker_id, pg_column_size(p.*) AS row_bytes, pg_column_size(s.*) AS set_bytes
               FROM payslip_compact p JOIN payslip_line_set s ON s.id = p.line_set
               WHERE p.run_id = :r"""), {"r": run_id})).all()
    assert len(sizes) == 3
    for size in sizes:
        # Its row, its own line set (as if no worker were paid alike) and an entry in each of its three indexes
        # (~40 bytes each); the interned parts (scheme, grade working, templates) are shared by the workers of a
        # batch: `make bench` counts them all, spread over a province.
        assert size.row_bytes + size.set_bytes + 3 * 40 <= 2048, size


async def test_a_month_without_a_partition_gets_one_when_a_run_needs_it(live, tokens, engine):
    client, _ = live
    month = "2025-07"  # no other test pays July; the migration made this month's partition and next month's
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS payslip_compact_2025_07"))
    run_id = await _start(client, tokens, month)
    outcome = await execute_run(engine, run_id, StaticInputSource(_workers()))
    async with engine.connect() as connection:
        error = (await connection.execute(text("SELECT error FROM payroll_run WHERE id = :r"), {"r": run_id})).scalar()
        assert outcome == "succeeded", error
        bound = (await connection.execute(text(
            "SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c WHERE c.relname = 'payslip_compact_2025_07'"
        ))).scalar_one()
        assert bound == "FOR VALUES IN ('2025-07')"
        counted = (await connection.execute(text(
            "SELECT count(*) FROM payslip_compact_2025_07 WHERE run_id = :r"), {"r": run_id})).scalar_one()
        assert counted == 3
        # Asking again is harmless; a month that is not one is refused.
        again = (await connection.execute(text("SELECT payslip_partition('2025-07')"))).scalar_one()
        assert again == "payslip_compact_2025_07"
    async with engine.connect() as connection:
        with pytest.raises(DBAPIError, match="not a month"):
            await connection.execute(text("SELECT payslip_partition('2025-13')"))


async def test_parts_asking_for_a_new_month_at_once_all_get_it(engine):
    """County parts of one run (or two runs) start their first COPY together: each asks for the month's partition,
    and none may fail because another has just made it."""
    url = libpq_url(engine.url.render_as_string(hide_password=False))
    for month in ("2031-01", "2031-02", "2031-03"):
        connections = [await asyncpg.connect(url) for _ in range(6)]
        try:
            names = await asyncio.gather(*(c.fetchval("SELECT payslip_partition($1)", month) for c in connections),
                                         return_exceptions=True)
            assert names == [f"payslip_compact_{month.replace('-', '_')}"] * 6
            assert await connections[0].fetchval("SELECT count(*) FROM pg_inherits WHERE inhparent = "
                                                 "'payslip_compact'::regclass AND inhrelid = to_regclass($1)",
                                                 names[0]) == 1
        finally:
            await connections[0].execute(f"DROP TABLE IF EXISTS payslip_compact_{month.replace('-', '_')}")
            for connection in connections:
                await connection.close()


OLD_PAYSLIP = ("INSERT INTO payslip (run_id, worker_id, month, kind, worker_name, community_code, township_code, "
               "county_code, post, gross, social_insurance, housing_fund, basic_deduction, tax, net, employer_cost, "
               "arrears, funding, inputs, post_label, grade_level) VALUES ($1, $2, $3, 'monthly', $4, '640104001001', "
               "'640104001', '640104', 'nx_staff', $5, 100, 50, 5000, 3, $6, 900, $7, $8::jsonb, $9::jsonb, "
               "'专职工作人员', 2)")
OLD_LINE = ("INSERT INTO payslip_line (run_id, worker_id, position, code, label_zh, label_en, amount, kind, clause, "
            "inputs, arrears_month) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)")


def _old_rows(run_id: uuid.UUID) -> tuple[list[tuple], list[tuple]]:
    """Two payslips as the tables held them: one with a 补发 line for an earlier month and a tax-exempt one-off item."""
    inputs = {"facts": {"worker_id": "d1", "honours": []}, "scheme": {"version_id": 3}, "grade": None,
              "calculation": {"pay_total": "5200.00"}}
    slips = [(run_id, "d1", "2025-03", "工作者甲", Decimal("5500.00"), Decimal("5347.00"), Decimal("200.00"),
              json.dumps({"county": "2000.00"}), json.dumps(inputs)),
             (run_id, "d2", "2025-03", "工作者乙", Decimal("5200.00"), Decimal("5047.00"), Decimal("0.00"),
              json.dumps({"county": "1900.00"}), json.dumps({**inputs, "facts": {"worker_id": "d2"}}))]
    lines = [(run_id, "d1", 1, "base", "基本薪酬", "base pay", Decimal("4400.00"), "earning", "NX：55%",
              json.dumps({"formula": "55% × 8000"}), None),
             (run_id, "d1", 2, "arrears_2025-01", "补发 2025-01", "arrears 2025-01", Decimal("200.00"), "earning",
              None, json.dumps({"month": "2025-01"}), "2025-01"),
             (run_id, "d1", 3, "one_off_heating", "取暖费", "heating", Decimal("100.00"), "earning", "文件",
              json.dumps({"taxable": False}), None),
             (run_id, "d2", 1, "base", "基本薪酬", "base pay", Decimal("4400.00"), "earning", "NX：55%",
              json.dumps({"formula": "55% × 8000"}), None),
             (run_id, "d2", 2, "income_tax", "个人所得税", "income tax", Decimal("3.00"), "deduction", None, None, None)]
    return slips, lines


async def _read(url: str, sql: str) -> list[tuple]:
    connection = await asyncpg.connect(libpq_url(url))
    try:
        return [tuple(r) for r in await connection.fetch(sql)]
    finally:
        await connection.close()


async def test_the_migration_converts_payslips_both_ways():
    before = ScriptDirectory.from_config(alembic_config(MIGRATIONS_DIR, "")).get_revision(COMPACT_REVISION)
    name = testing.unique_db_name("payroll", "compact")
    url = await testing.recreate_database(name)
    config = alembic_config(MIGRATIONS_DIR, url)
    try:
        await asyncio.to_thread(command.upgrade, config, before.down_revision)
        run_id = uuid.uuid4()
        connection = await asyncpg.connect(libpq_url(url))
        try:
            await connection.execute("INSERT INTO payroll_run (id, region_code, month, created_by) VALUES "
                                     "($1, '640104', '2025-03', 'test')", run_id)
            slips, lines = _old_rows(run_id)
            await connection.executemany(OLD_PAYSLIP, slips)
            await connection.executemany(OLD_LINE, lines)
        finally:
            await connection.close()
        slip_sql = "SELECT * FROM payslip ORDER BY worker_id"
        line_sql = "SELECT * FROM payslip_line ORDER BY worker_id, position"
        original = (await _read(url, slip_sql), await _read(url, line_sql))

        await asyncio.to_thread(command.upgrade, config, COMPACT_REVISION)
        assert (await _read(url, slip_sql), await _read(url, line_sql)) == original
        sums = await _read(url, "SELECT worker_id, one_off_gross, tax_exempt, line_arrears FROM payslip_compact "
                                "ORDER BY worker_id")
        assert sums == [("d1", Decimal("100.00"), Decimal("100.00"), [None, "2025-01", None]),
                        ("d2", None, None, None)]
        assert await _read(url, "SELECT to_regclass('payslip_compact_2025_03')::text") == [("payslip_compact_2025_03",)]

        await asyncio.to_thread(command.downgrade, config, before.down_revision)
        assert (await _read(url, slip_sql), await _read(url, line_sql)) == original
        kinds = await _read(url, "SELECT relname, relkind::text FROM pg_class WHERE relname IN "
                                 "('payslip', 'payslip_line') ORDER BY 1")
        assert kinds == [("payslip", "r"), ("payslip_line", "r")]
    finally:
        await testing.drop_database(name)
