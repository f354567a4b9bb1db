"""Run life cycle against a real PostgreSQL: start, calculate in bulk, approve once, lock, retry."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import asyncpg
from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import RUN_LOCK_SQL, execute_run, libpq_url

from .support import COMMUNITY_A, COMMUNITY_B, COUNTY, TOWNSHIP_A, TOWNSHIP_B, worker


def officer(tokens, role="county_officer", where=COUNTY):
    return tokens.headers(role, where)


async def start(client, tokens, region=COUNTY, month="2025-01", role="county_officer", where=COUNTY):
    return await client.post("/v1/runs", json={"region_code": region, "month": month},
                             headers=officer(tokens, role, where))


async def calculated_run(client, tokens, engine, facts, month="2025-01", region=COUNTY):
    response = await start(client, tokens, region, month)
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource(facts)) == "succeeded"
    return run_id


async def count_payslips(engine, run_id) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(text("SELECT count(*) FROM payslip WHERE run_id = :r"),
                                         {"r": uuid.UUID(str(run_id))})).scalar_one()


async def test_run_calculates_every_worker_with_hand_checked_amounts(live, tokens, engine):
    client, app = live
    response = await start(client, tokens)
    assert response.status_code == 201, response.text
    run = response.json()
    assert (run["state"], run["job_status"]) == ("draft", "queued")
    assert app.state.run_queue.enqueued == [uuid.UUID(run["id"])]

    facts = [worker("w1"), worker("w2", COMMUNITY_B), worker("w9", "990202001001")]  # w9: another county
    assert await execute_run(engine, run["id"], StaticInputSource(facts), batch_size=1) == "succeeded"

    detail = (await client.get(f"/v1/runs/{run['id']}", headers=officer(tokens))).json()
    assert (detail["state"], detail["job_status"], detail["worker_count"]) == ("calculated", "succeeded", 2)
    assert (detail["processed"], detail["total"]) == (2, 2)
    # base 55% × 8000 = 4400, grade level 1 = 300, 3 stars = 300, 本科 = 200
    assert detail["gross_total"] == "10400.00"
    # SI 5200 × (8% + 2% + 0.5%) = 546.00, housing fund 12% = 624.00, tax 0 (below 5000 + deductions)
    assert detail["net_total"] == str(Decimal(2) * Decimal("4030.00"))
    snapshot = detail["inputs_snapshot"]
    assert snapshot["counties"][COUNTY]["scheme"]["region_prefix"] == "99"
    assert any(f["kind"] == "avg_wage_monthly" and f["value"] == "8000.0000"
               for f in snapshot["counties"][COUNTY]["figures"])
    assert snapshot["facts"]["workers"] == 2

    slip = (await client.get(f"/v1/runs/{run['id']}/payslips/w1", headers=officer(tokens))).json()
    assert (slip["gross"], slip["social_insurance"], slip["housing_fund"], slip["tax"], slip["net"]) == (
        "5200.00", "546.00", "624.00", "0.00", "4030.00")
    lines = {line["code"]: line for line in slip["lines"]}
    assert lines["base"]["amount"] == "4400.00" and "55%" in lines["base"]["inputs"]["formula"]
    assert lines["base"]["clause"].startswith("NX")
    assert slip["inputs"]["facts"]["worker_id"] == "w1"


async def test_duplicate_start_returns_the_same_run(live, tokens):
    client, _ = live
    first, second = await asyncio.gather(start(client, tokens), start(client, tokens))
    assert sorted([first.status_code, second.status_code]) == [200, 201]
    assert first.json()["id"] == second.json()["id"]
    third = await start(client, tokens)
    assert third.status_code == 200 and third.json()["id"] == first.json()["id"]


async def test_overlapping_region_for_the_same_month_is_refused(live, tokens):
    client, _ = live
    assert (await start(client, tokens)).status_code == 201
    response = await start(client, tokens, region=TOWNSHIP_A, role="township_officer", where=TOWNSHIP_A)
    assert response.status_code == 409 and response.json()["code"] == "overlapping_run"


async def test_concurrent_approval_exactly_one_succeeds(live, tokens, engine):
    client, _ = live
    run_id = await calculated_run(client, tokens, engine, [worker("w1")])
    finance = tokens.headers("finance_officer", COUNTY, subject="fin-1")
    other = tokens.headers("finance_officer", "9901", subject="fin-2")
    a, b = await asyncio.gather(client.post(f"/v1/runs/{run_id}/approve", headers=finance),
                                client.post(f"/v1/runs/{run_id}/approve", headers=other))
    assert sorted([a.status_code, b.status_code]) == [200, 409]
    async with engine.connect() as connection:
        approvals = (await connection.execute(text(
            "SELECT count(*) FROM audit_log WHERE entity = 'payroll_run' AND entity_id = :r AND action = 'approve'"),
            {"r": run_id})).scalar_one()
    assert approvals == 1


async def test_state_rules(live, tokens, engine):
    client, _ = live
    run_id = await calculated_run(client, tokens, engine, [worker("w1")])
    # Only a finance officer approves; a county officer gets 403, an auditor 403.
    assert (await client.post(f"/v1/runs/{run_id}/approve", headers=officer(tokens))).status_code == 403
    assert (await client.post(f"/v1/runs/{run_id}/approve",
                              headers=tokens.headers("auditor", COUNTY))).status_code == 403
    # Paid only after approval.
    finance = tokens.headers("finance_officer", COUNTY)
    assert (await client.post(f"/v1/runs/{run_id}/pay", headers=finance)).status_code == 409
    # Recalculation before approval is fine and queues the run again.
    response = await client.post(f"/v1/runs/{run_id}/recalculate", headers=officer(tokens))
    assert response.status_code == 202 and response.json()["job_status"] == "queued"
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1"), worker("w2")])) == "succeeded"
    assert await count_payslips(engine, run_id) == 2
    assert (await client.post(f"/v1/runs/{run_id}/approve", headers=finance)).json()["state"] == "approved"
    # Approved is locked: no recalculation, no second approval.
    response = await client.post(f"/v1/runs/{run_id}/recalculate", headers=officer(tokens))
    assert response.status_code == 409 and response.json()["code"] == "run_locked"
    assert (await client.post(f"/v1/runs/{run_id}/approve", headers=finance)).status_code == 409
    # A job that slips through anyway does nothing to an approved run.
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "skipped"
    assert await count_payslips(engine, run_id) == 2
    # Whoever approved does not mark it paid (separation of duties): another finance officer does.
    refused = await client.post(f"/v1/runs/{run_id}/pay", headers=finance)
    assert refused.status_code == 403 and refused.json()["code"] == "separation_of_duties"
    paid = await client.post(f"/v1/runs/{run_id}/pay", headers=tokens.headers("finance_officer", COUNTY,
                                                                               subject="fin-cashier"))
    assert paid.status_code == 200 and paid.json()["state"] == "paid"


async def test_failing_run_leaves_no_payslips_and_can_be_started_again(live, tokens, engine):
    client, _ = live
    response = await start(client, tokens)
    run_id = response.json()["id"]
    facts = [worker(f"w{i}") for i in range(5)]
    outcome = await execute_run(engine, run_id, StaticInputSource(facts, fail_after=3), batch_size=2)
    assert outcome == "failed"
    assert await count_payslips(engine, run_id) == 0  # the first batch was written, then rolled back
    failed = (await client.get(f"/v1/runs/{run_id}", headers=officer(tokens))).json()
    assert failed["job_status"] == "failed" and "part way" in failed["error"]
    assert failed["error"].startswith("registry_unavailable:") and "nothing was kept" in failed["error"]
    again = await start(client, tokens)
    assert again.status_code == 200 and again.json()["id"] == run_id and again.json()["job_status"] == "queued"
    assert await execute_run(engine, run_id, StaticInputSource(facts), batch_size=2) == "succeeded"
    assert await count_payslips(engine, run_id) == 5


async def test_cancel_stops_the_calculation_without_payslips(live, tokens, engine):
    client, _ = live
    run_id = (await start(client, tokens)).json()["id"]

    class CancellingSource(StaticInputSource):
        async def worker_facts(self, region, as_of, since=None):
            index = 0
            async for fact in super().worker_facts(region, as_of, since):
                if index == 2:  # an officer cancels while the run streams
                    response = await client.post(f"/v1/runs/{run_id}/cancel", headers=officer(tokens))
                    assert response.status_code == 200
                index += 1
                yield fact

    outcome = await execute_run(engine, run_id, CancellingSource([worker(f"w{i}") for i in range(6)]), batch_size=2)
    assert outcome == "cancelled"
    assert await count_payslips(engine, run_id) == 0
    run = (await client.get(f"/v1/runs/{run_id}", headers=officer(tokens))).json()
    assert run["job_status"] == "cancelled" and run["state"] == "draft"


async def test_jurisdiction_attacks_on_runs(live, tokens, engine):
    client, _ = live
    response = await start(client, tokens, region=TOWNSHIP_A, role="township_officer", where=TOWNSHIP_A)
    run_id = response.json()["id"]
    stranger = tokens.headers("township_officer", TOWNSHIP_B)
    assert (await client.get(f"/v1/runs/{run_id}", headers=stranger)).status_code == 404
    assert (await client.post(f"/v1/runs/{run_id}/cancel", headers=stranger)).status_code == 404
    assert (await client.post(f"/v1/runs/{run_id}/approve",
                              headers=tokens.headers("finance_officer", TOWNSHIP_B))).status_code == 404
    listing = (await client.get("/v1/runs", headers=stranger)).json()
    assert listing["total"] == 0
    # Starting a run outside the jurisdiction: 404; a worker may not start runs at all.
    response = await start(client, tokens, region=TOWNSHIP_A, role="township_officer", where=TOWNSHIP_B)
    assert response.status_code == 404
    response = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-02"},
                                 headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))
    assert response.status_code == 403
    response = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-13"},
                                 headers=tokens.headers("township_officer", TOWNSHIP_A))
    assert response.status_code == 422
    assert any(e["field"].endswith("month") for e in response.json()["errors"])


async def test_run_left_running_by_a_dead_worker_can_be_started_again(live, tokens, engine):
    client, _ = live
    run_id = (await start(client, tokens)).json()["id"]
    async with engine.begin() as connection:  # a worker claimed it, then died 11 minutes ago
        await connection.execute(text("UPDATE payroll_run SET job_status = 'running', "
                                      "updated_at = now() - interval '11 minutes' WHERE id = :r"), {"r": run_id})
    again = await start(client, tokens)
    assert again.status_code == 200 and again.json()["job_status"] == "queued"
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "succeeded"
    async with engine.connect() as connection:
        audit = (await connection.execute(text(
            "SELECT action, actor FROM audit_log WHERE entity_id = :r ORDER BY id"), {"r": run_id})).all()
    assert [tuple(a) for a in audit] == [("start", "county_officer:990101"), ("restart", "county_officer:990101"),
                                         ("calculate", "payroll-worker")]


async def test_a_run_being_calculated_is_not_restarted(live, tokens, engine):
    client, _ = live
    run_id = (await start(client, tokens)).json()["id"]
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE payroll_run SET job_status = 'running' WHERE id = :r"), {"r": run_id})
    calculating = await asyncpg.connect(libpq_url(engine))  # a live worker holds the run's lock
    try:
        await calculating.execute(f"SELECT pg_advisory_lock({RUN_LOCK_SQL.format(id='$1')})", run_id)
        again = await start(client, tokens)
        assert again.status_code == 200 and again.json()["job_status"] == "running"
        response = await client.post(f"/v1/runs/{run_id}/recalculate", headers=officer(tokens))
        assert response.status_code == 409 and response.json()["code"] == "run_busy"
        assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "skipped"
    finally:
        await calculating.close()
    # Its worker died (the connection went with it): started again at once, calculated by the next worker.
    again = await start(client, tokens)
    assert again.status_code == 200 and again.json()["job_status"] == "queued"
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "succeeded"
    assert await count_payslips(engine, run_id) == 1


async def test_year_end_run_under_a_monthly_performance_scheme_has_nothing_due(live, tokens, engine):
    client, _ = live
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-12", "kind": "year_end"},
                                 headers=officer(tokens))
    assert response.status_code == 201 and response.json()["kind"] == "year_end"
    run_id = response.json()["id"]
    # NX pays performance monthly: a separate year-end run owes nobody anything, so it writes no payslips.
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "succeeded"
    assert await count_payslips(engine, run_id) == 0
    # The monthly run of the same month is a different run.
    monthly = await start(client, tokens, month="2025-12")
    assert monthly.status_code == 201 and monthly.json()["id"] != run_id


async def test_computing_in_worker_processes_gives_the_same_payslips(live, tokens, engine):
    client, _ = live
    facts = [worker(f"w{i}", COMMUNITY_A if i % 2 else COMMUNITY_B) for i in range(7)]
    inline = await calculated_run(client, tokens, engine, facts)
    response = await start(client, tokens, month="2025-02")
    pooled = response.json()["id"]
    assert await execute_run(engine, pooled, StaticInputSource(facts), batch_size=2, processes=2) == "succeeded"
    async with engine.connect() as connection:
        def query(run_id):
            return connection.execute(text(
                "SELECT p.worker_id, p.gross, p.net, count(l.position) FROM payslip p JOIN payslip_line l "
                "USING (run_id, worker_id) WHERE run_id = :r GROUP BY 1, 2, 3 ORDER BY 1"), {"r": uuid.UUID(run_id)})
        first = (await query(inline)).all()
        second = (await query(pooled)).all()
    assert len(second) == 7
    # February also carries January in the year-to-date, but no tax is due at this pay, so rows match.
    assert [tuple(r) for r in first] == [tuple(r) for r in second]


async def test_missing_reference_figure_fails_the_run_with_the_reason(live, tokens, engine):
    client, _ = live
    # 2026 months need the 2025 average wage, which is not published: the run fails, nothing is written.
    run_id = (await start(client, tokens, month="2026-01")).json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "failed"
    run = (await client.get(f"/v1/runs/{run_id}", headers=officer(tokens))).json()
    assert run["job_status"] == "failed" and run["error"].startswith("reference_figure_missing")
    assert await count_payslips(engine, run_id) == 0


async def test_a_run_for_a_future_month_is_refused_with_a_clear_problem(live, tokens, monkeypatch):
    from payroll.runs import service

    client, app = live
    monkeypatch.setattr(service, "current_month", lambda: "2025-03")
    response = await start(client, tokens, month="2025-04")
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "month_in_future"
    assert "2025-04" in body["message_zh"] and "2025-03" in body["message_zh"]
    assert body["errors"][0]["field"] == "month"
    assert body["current_month"] == "2025-03"
    assert app.state.run_queue.enqueued == []
    assert (await start(client, tokens, month="2025-03")).status_code == 201  # the current month may be run
