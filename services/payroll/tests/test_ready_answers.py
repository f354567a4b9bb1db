"""The self-service answers payroll stores (ADR 0011: /me/payslips, /me/payslips/{month}, /me/grade): every table
is either an input the migration's triggers track or named in `payroll.ready_answers.NOT_INPUTS`; a stored grade
is sent again with one statement and no upstream call, and computed afresh when a pay scheme changes. (A run's
approval showing its payslips to a worker who asked before: tests/payslips/test_payslips.py.)"""

import httpx
from sqlalchemy import text

from cwm_kit.testing import assert_every_table_decided, statements

import payroll.all_models  # noqa: F401  (every table in the metadata)
from payroll.models import Base
from payroll.policy.seed import seed_pay_schemes
from payroll.ready_answers import NOT_INPUTS

from .grades.support import HEAD_W1, install_grade_clients, token_or_facts


async def test_every_table_is_tracked_or_named_as_not_an_input(session):
    await assert_every_table_decided(session, Base.metadata, NOT_INPUTS,
                                     {"payroll_run", "pay_scheme_version", "grade_input"})


async def test_a_stored_grade_is_sent_again_until_a_pay_scheme_changes(app, client, session, tokens):
    calls: list[str] = []

    def handler(request):
        calls.append(request.url.path)
        return token_or_facts(request, [HEAD_W1]) or httpx.Response(
            200, json={"items": [], "next_cursor": "0"})

    install_grade_clients(app, handler)
    await seed_pay_schemes(session)
    headers = tokens.headers("worker", "150404001001", worker_id="w1")
    first = await client.get("/v1/me/grade?month=2025-06", headers=headers)  # fills the projection
    assert first.status_code == 200, first.text
    second = await client.get("/v1/me/grade?month=2025-06", headers=headers)  # from the projection, stored
    asked = len(calls)
    with statements(session) as seen:
        third = await client.get("/v1/me/grade?month=2025-06", headers=headers)
    assert [s for s in seen if "SAVEPOINT" not in s and "ready_answer" not in s] == []  # the lookup only
    assert len(calls) == asked and first.json() == second.json() == third.json()
    assert third.headers["etag"] == second.headers["etag"]

    # A new version of the scheme, in force from the month: every stored answer is computed afresh.
    await session.execute(text(
        "INSERT INTO pay_scheme_version (region_prefix, effective_from, name, status, document, created_by, "
        "published_by, published_at) SELECT region_prefix, DATE '2025-06-01', '修订方案', 'published', document, "
        "created_by, published_by, now() FROM pay_scheme_version WHERE id = CAST(:id AS integer)"),
        {"id": third.json()["scheme_id"]})
    changed = await client.get("/v1/me/grade?month=2025-06", headers=headers)
    assert changed.status_code == 200, changed.text
    assert changed.json()["scheme_id"] != third.json()["scheme_id"]
    assert changed.json()["scheme_effective_from"] == "2025-06-01"
