"""Pay schemes: only a provincial admin drafts and publishes, and never a version they drafted or edited."""

from __future__ import annotations

import copy

import pytest

from cwm_kit.duties import DutyRules

from payroll.policy.presets import load

ROLES = ["provincial_admin", "city_officer", "county_officer", "township_officer", "party_secretary",
         "finance_officer", "auditor"]


def _document() -> dict:
    document = copy.deepcopy(load("nx-2025.json"))
    document["name"] = "宁夏2026"
    return document


async def _draft(client, tokens, subject: str = "drafter") -> dict:
    response = await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                           "document": _document()},
                                 headers=tokens.headers("provincial_admin", "64", subject=subject))
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["draft", "publish"])
async def test_role_matrix_on_pay_schemes(client, tokens, action, role):
    headers = tokens.headers(role, "64", subject=f"matrix-{role}")
    if action == "draft":
        response = await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                               "document": _document()}, headers=headers)
        expected = 201
    else:
        draft = await _draft(client, tokens)
        response = await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=headers)
        expected = 200
    assert response.status_code == (expected if role == "provincial_admin" else 403), (action, role, response.text)


async def test_whoever_drafted_or_edited_a_version_cannot_publish_it(client, tokens):
    draft = await _draft(client, tokens)
    drafter = tokens.headers("provincial_admin", "64", subject="drafter")
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=drafter)
    assert response.status_code == 403
    assert (response.json()["code"], response.json()["rule"]) == ("separation_of_duties",
                                                                   "scheme_drafter_not_publisher")
    editor = tokens.headers("provincial_admin", "64", subject="editor")
    assert (await client.patch(f"/v1/pay-schemes/{draft['id']}", json={"effective_from": "2026-02-01"},
                               headers=editor)).status_code == 200
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=editor)
    assert response.status_code == 403 and response.json()["rule"] == "scheme_drafter_not_publisher"
    checker = tokens.headers("provincial_admin", "64", subject="checker")
    assert (await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=checker)).status_code == 200


async def test_a_province_that_relaxed_the_rule_lets_the_drafter_publish(client, app, tokens):
    app.state.duty_rules = DutyRules(static={"64": {"scheme_drafter_not_publisher": False}})
    draft = await _draft(client, tokens)
    drafter = tokens.headers("provincial_admin", "64", subject="drafter")
    assert (await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=drafter)).status_code == 200
