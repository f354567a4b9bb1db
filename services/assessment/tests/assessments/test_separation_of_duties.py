"""The role matrix (docs/roles.md) and maker–checker on assessment results: role × action → allowed or
refused; the proposer never decides their own proposal, one by one or in a township's batch."""

from __future__ import annotations

import uuid

import pytest

from cwm_kit.duties import DutyRules

from ..conftest import TOWN

COMMUNITY = "640104001001"
ROLES = ["provincial_admin", "city_officer", "county_officer", "township_officer", "party_secretary",
         "finance_officer", "auditor"]
ALLOWED = {"propose": {"party_secretary"}, "decide": {"township_officer"}}


async def _one(flow) -> str:
    cycle = await flow.open_cycle(2024)
    worker = uuid.uuid4()
    await flow.add(cycle["id"], [(worker, COMMUNITY)])
    return (await flow.assessments(cycle["id"]))[str(worker)]["id"], cycle["id"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
async def test_role_matrix_on_assessments(flow, tokens, action, role):
    aid, _ = await _one(flow)
    # The community itself for every role, so only the role decides.
    headers = tokens.headers(role, COMMUNITY if role == "party_secretary" else TOWN, subject=f"matrix-{role}")
    if action == "propose":
        response = await flow.propose(aid, headers=headers)
    else:
        assert (await flow.propose(aid)).status_code == 200
        response = await flow.decide(aid, headers=headers)
    assert response.status_code == (200 if role in ALLOWED[action] else 403), (action, role, response.text)


async def test_the_proposer_cannot_decide_their_own_proposal(flow, tokens):
    aid, cycle_id = await _one(flow)
    proposer = tokens.headers("party_secretary", COMMUNITY, subject="person-1")
    assert (await flow.propose(aid, headers=proposer)).status_code == 200
    # The same person, now holding the township role, decides: refused, naming the rule.
    same = tokens.headers("township_officer", TOWN, subject="person-1")
    response = await flow.decide(aid, headers=same)
    assert response.status_code == 403
    assert (response.json()["code"], response.json()["rule"]) == ("separation_of_duties",
                                                                   "assessment_proposer_not_decider")
    batch = await flow.client.post(f"/v1/cycles/{cycle_id}/decisions", headers=same,
                                   json={"township_code": TOWN, "assessment_ids": [aid]})
    assert batch.status_code == 403 and batch.json()["rule"] == "assessment_proposer_not_decider"
    assert (await flow.decide(aid)).status_code == 200  # somebody else decides


async def test_a_province_that_relaxed_the_rule(flow, app, tokens):
    app.state.duty_rules = DutyRules(static={"64": {"assessment_proposer_not_decider": False}})
    aid, _ = await _one(flow)
    assert (await flow.propose(aid, headers=tokens.headers("party_secretary", COMMUNITY, subject="p"))
            ).status_code == 200
    assert (await flow.decide(aid, headers=tokens.headers("township_officer", TOWN, subject="p"))).status_code == 200
