"""The role matrix and the separation-of-duties rule source."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from cwm_kit import duties
from cwm_kit.context import bearer_token_var
from cwm_kit.problems import Problem
from cwm_kit.security import ROLE_TEXT, Principal, Role


def who(role: Role, subject: str = "p1") -> Principal:
    return Principal(subject=subject, role=role, jurisdiction="640104001")


@pytest.mark.parametrize("role", list(Role))
def test_finance_officers_approve_and_pay_but_never_start(role):
    allowed = duties.role_allowed(role, "payroll_run.approve")
    assert allowed is (role is Role.FINANCE_OFFICER)
    assert duties.role_allowed(role, "payroll_run.pay") is allowed
    assert duties.role_allowed(role, "payroll_run.start") is (role in (
        Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER))


def test_refusals_name_the_rule_in_both_languages():
    with pytest.raises(Problem) as refused:
        duties.ensure_separate(who(Role.FINANCE_OFFICER), "run_preparer_not_approver", duties.merged(None), duties.earlier_step([], "p1"))
    problem = refused.value
    assert (problem.status, problem.code, problem.extra["rule"]) == (403, "separation_of_duties",
                                                                     "run_preparer_not_approver")
    assert "职责分离" in problem.message_zh and "separation of duties" in problem.message_en
    # Relaxed, or someone else: no refusal.
    duties.ensure_separate(who(Role.FINANCE_OFFICER), "run_preparer_not_approver",
                           duties.merged({"run_preparer_not_approver": False}), duties.earlier_step([], "p1"))
    duties.ensure_separate(who(Role.FINANCE_OFFICER), "run_preparer_not_approver", duties.merged(None), duties.earlier_step([], "p2", None))
    with pytest.raises(Problem) as wrong_role:
        duties.ensure_action(who(Role.FINANCE_OFFICER), "payroll_run.start")
    assert wrong_role.value.code == "role_not_allowed"


def test_whoever_issued_a_password_counts_as_its_holder():
    """An approver whose password the preparer issued is the preparer; so is an approver who issued the
    preparer's password. An administrator who issued both passwords did neither step."""
    strict = duties.merged(None)
    issued_by_p2 = Principal(subject="fin", role=Role.FINANCE_OFFICER, jurisdiction="640104001",
                             claims={"cred_by": "p2"})
    assert issued_by_p2.credentials_by == "p2"
    with pytest.raises(Problem):  # the preparer p2 issued the approver's password
        duties.ensure_separate(issued_by_p2, "run_preparer_not_approver", strict, duties.earlier_step([], "p2"))
    with pytest.raises(Problem):  # the approver issued the preparer's password
        duties.ensure_separate(issued_by_p2, "run_preparer_not_approver", strict,
                               duties.earlier_step([("town", "fin")]))
    # p2 issued both passwords (a county admin creating a township's officers): p2 is neither preparer nor approver.
    duties.ensure_separate(issued_by_p2, "run_preparer_not_approver", strict, duties.earlier_step([("town", "p2")]))
    duties.ensure_separate(issued_by_p2, "run_preparer_not_approver", strict,
                           duties.earlier_step([("town", "p3"), ("town2", None)], "town3"))
    # A password one set for oneself (cred_by is the subject) is no one else's.
    self_issued = Principal(subject="fin", role=Role.FINANCE_OFFICER, jurisdiction="640104001",
                            claims={"cred_by": "fin"})
    assert self_issued.credentials_by is None
    step = duties.earlier_step([("town", None), (None, "p4")], "creator", None)
    assert (step.actors, step.issuers) == ({"town", "creator"}, {"p4"})


def test_merged_keeps_only_known_booleans():
    assert duties.merged({"run_approver_not_payer": "no", "unknown": False}) == duties.SEPARATION_DEFAULTS


async def test_rules_come_from_the_registry_and_fall_back_to_strict():
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.params["region"].startswith("15"):
            return httpx.Response(503)
        return httpx.Response(200, json=[{"kind": "quota.county", "params": {}},
                                         {"kind": "duties.separation", "region_prefix": "64",
                                          "effective_from": "2026-01-01",
                                          "params": {"run_approver_not_payer": False}}])

    rules = duties.DutyRules("http://registry.test", transport=httpx.MockTransport(answer))
    token = bearer_token_var.set("caller-token")
    try:
        relaxed = await rules.for_region("640104001")
        assert relaxed["run_approver_not_payer"] is False and relaxed["run_preparer_not_approver"] is True
        await rules.for_region("640104001")  # cached
        assert len(seen) == 1 and seen[0].headers["authorization"] == "Bearer caller-token"
        assert await rules.for_region("150404001") == duties.SEPARATION_DEFAULTS
    finally:
        bearer_token_var.reset(token)


def test_every_action_of_the_matrix_has_words():
    assert set(duties.ACTION_TEXT) == set(duties.ROLE_MATRIX)
    for zh, en in duties.ACTION_TEXT.values():
        assert zh and en and not re.search(r"[A-Za-z_]", zh)


@pytest.mark.parametrize("action", sorted(duties.ROLE_MATRIX))
def test_a_role_refusal_names_the_role_and_the_action_in_words(action):
    """The message a person reads names their role and the action in words, and who may do it; the codes
    stay in the problem's fields (action, allowed_roles) for programs."""
    refused_roles = [r for r in Role if r not in duties.ROLE_MATRIX[action]]
    assert refused_roles
    for role in refused_roles:
        with pytest.raises(Problem) as refused:
            duties.ensure_action(who(role), action)
        problem = refused.value
        assert (problem.status, problem.code, problem.extra["action"]) == (403, "role_not_allowed", action)
        assert not re.search(r"[A-Za-z_]", problem.message_zh), problem.message_zh
        assert problem.message_zh.startswith(ROLE_TEXT[role][0] + "不能" + duties.ACTION_TEXT[action][0])
        assert all(ROLE_TEXT[Role(r)][0] in problem.message_zh for r in problem.extra["allowed_roles"])
        assert set(problem.extra["allowed_roles"]) == {r.value for r in duties.ROLE_MATRIX[action]}
        assert action not in problem.message_en and ROLE_TEXT[role][1] in problem.message_en


def test_the_finance_officers_recalculation_refusal_reads_as_a_sentence():
    with pytest.raises(Problem) as refused:
        duties.ensure_action(who(Role.FINANCE_OFFICER), "payroll_run.recalculate")
    assert refused.value.message_zh == "财务人员不能重新核算工资，可由省级管理员、市级管理员、县区管理员、街道人事专员办理"
    with pytest.raises(Problem) as auditor:
        duties.ensure_action(who(Role.AUDITOR), "payroll_run.pay")
    assert auditor.value.message_en == "an auditor may not mark a payroll run paid; allowed: finance officer"
    assert refused.value.message_en == ("a finance officer may not recalculate a payroll run; allowed: provincial admin, "
                                        "city officer, county officer, township HR officer")


def test_the_spa_offers_buttons_by_the_same_role_matrix():
    """frontend/src/lib/role-matrix.json is ROLE_MATRIX as data (the SPA shows a button only to a role allowed it):
    regenerate it when the matrix changes."""
    spa = Path(__file__).resolve().parents[3] / "frontend" / "src" / "lib" / "role-matrix.json"
    if not spa.exists():
        pytest.skip("no frontend next to the kit")
    assert json.loads(spa.read_text(encoding="utf-8")) == {
        action: [r.value for r in Role if r in roles] for action, roles in duties.ROLE_MATRIX.items()}
