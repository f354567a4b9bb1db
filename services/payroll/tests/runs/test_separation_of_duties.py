"""The role matrix (docs/roles.md) and maker–checker on payroll runs: role × action → allowed or refused,
and the attack of issue 11 (a finance officer starting a run and approving it)."""

from __future__ import annotations

import pytest

from cwm_kit.duties import DutyRules

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from .support import TOWNSHIP_A, worker

ROLES = ["provincial_admin", "city_officer", "county_officer", "township_officer", "party_secretary",
         "finance_officer", "auditor", "worker"]
ALLOWED = {
    "start": {"provincial_admin", "city_officer", "county_officer", "township_officer"},
    "recalculate": {"provincial_admin", "city_officer", "county_officer", "township_officer"},
    "approve": {"finance_officer"},
    "pay": {"finance_officer"},
}
SUCCESS = {"start": 201, "recalculate": 202, "approve": 200, "pay": 200}


def as_role(tokens, role: str, subject: str | None = None) -> dict:
    # Every role holds the township itself, so only the role decides.
    return tokens.headers(role, TOWNSHIP_A, subject=subject or f"matrix-{role}",
                          **({"worker_id": "w1"} if role == "worker" else {}))


async def _calculated(client, tokens, engine, starter: str = "township_officer") -> str:
    started = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-01"},
                                headers=tokens.headers(starter, TOWNSHIP_A, subject="preparer"))
    assert started.status_code == 201, started.text
    assert await execute_run(engine, started.json()["id"], StaticInputSource([worker("w1")])) == "succeeded"
    return started.json()["id"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
async def test_role_matrix_on_runs(live, tokens, engine, action, role):
    client, _ = live
    headers = as_role(tokens, role)
    if action == "start":
        response = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-01"},
                                     headers=headers)
    else:
        run_id = await _calculated(client, tokens, engine)
        if action == "pay":
            approved = await client.post(f"/v1/runs/{run_id}/approve",
                                         headers=tokens.headers("finance_officer", TOWNSHIP_A, subject="approver"))
            assert approved.status_code == 200, approved.text
        response = await client.post(f"/v1/runs/{run_id}/{action}", headers=headers)
    expected = SUCCESS[action] if role in ALLOWED[action] else 403
    assert response.status_code == expected, (action, role, response.text)
    if expected == 403 and role != "worker":
        assert response.json()["code"] in ("role_not_allowed", "forbidden"), response.text


async def test_the_finance_officer_can_neither_start_a_run_nor_approve_one_they_prepared(live, tokens, engine):
    client, _ = live
    # Issue 11: the finance officer started a run and approved it (200). Starting is now refused ...
    finance = tokens.headers("finance_officer", TOWNSHIP_A, subject="fin-1")
    refused = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-01"}, headers=finance)
    assert refused.status_code == 403 and refused.json()["code"] == "role_not_allowed"
    assert refused.json()["action"] == "payroll_run.start"
    # ... and a person who prepared the run (here started it while a township officer, then given the finance
    # role) cannot approve it, whatever role they hold now.
    run_id = await _calculated(client, tokens, engine)
    same_person = tokens.headers("finance_officer", TOWNSHIP_A, subject="preparer")
    response = await client.post(f"/v1/runs/{run_id}/approve", headers=same_person)
    assert response.status_code == 403
    body = response.json()
    assert (body["code"], body["rule"]) == ("separation_of_duties", "run_preparer_not_approver")
    assert body["message_zh"].startswith("职责分离") and body["message_en"].startswith("separation of duties")
    # Whoever recalculated it is a preparer too.
    recalculated = await client.post(f"/v1/runs/{run_id}/recalculate",
                                     headers=tokens.headers("county_officer", "990101", subject="recalc"))
    assert recalculated.status_code == 202
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "succeeded"
    response = await client.post(f"/v1/runs/{run_id}/approve",
                                 headers=tokens.headers("finance_officer", TOWNSHIP_A, subject="recalc"))
    assert response.status_code == 403 and response.json()["rule"] == "run_preparer_not_approver"
    # Someone else approves; the approver cannot then mark it paid; a third person can.
    approver = tokens.headers("finance_officer", TOWNSHIP_A, subject="fin-2")
    assert (await client.post(f"/v1/runs/{run_id}/approve", headers=approver)).status_code == 200
    response = await client.post(f"/v1/runs/{run_id}/pay", headers=approver)
    assert response.status_code == 403 and response.json()["rule"] == "run_approver_not_payer"
    assert (await client.post(f"/v1/runs/{run_id}/pay", headers=finance)).json()["state"] == "paid"


async def test_a_province_may_relax_a_rule_for_its_own_regions_only(live, tokens, engine):
    client, app = live
    app.state.duty_rules = DutyRules(static={"99": {"run_approver_not_payer": False},
                                             "64": {"run_preparer_not_approver": False}})
    run_id = await _calculated(client, tokens, engine)
    same_person = tokens.headers("finance_officer", TOWNSHIP_A, subject="preparer")
    # Province 64's relaxation does not reach province 99.
    response = await client.post(f"/v1/runs/{run_id}/approve", headers=same_person)
    assert response.status_code == 403 and response.json()["rule"] == "run_preparer_not_approver"
    finance = tokens.headers("finance_officer", TOWNSHIP_A, subject="fin-1")
    assert (await client.post(f"/v1/runs/{run_id}/approve", headers=finance)).status_code == 200
    # Province 99 lets one finance officer approve and pay.
    assert (await client.post(f"/v1/runs/{run_id}/pay", headers=finance)).json()["state"] == "paid"
