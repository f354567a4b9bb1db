"""Assessment results drive the registry's exit flags and the payroll's performance pay, over REST."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest


@pytest.fixture(scope="module")
def exit_case(stack) -> dict:
    report = httpx.get(f"{stack.gateway}/api/registry/v1/flags", headers=stack.headers("xq_town"), timeout=60)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["assessment_available"] is True
    flags = [f for f in body["items"] if f["kind"] == "consecutive_incompetent"]
    assert flags, body["items"]
    return flags[0]


def test_two_consecutive_incompetent_years_flag_an_exit_case(stack, exit_case):
    assert exit_case["community_code"].startswith("640104001")
    assert exit_case["message_zh"] and exit_case["message_en"]
    # The other township's officer is told nothing about it.
    other = httpx.get(f"{stack.gateway}/api/registry/v1/flags", headers=stack.headers("xq_town2"), timeout=60)
    assert exit_case["worker_id"] not in {f["worker_id"] for f in other.json()["items"]}


def test_the_latest_final_result_sets_performance_pay_in_the_next_run(stack, exit_case):
    town = stack.headers("xq_town")
    started = httpx.post(f"{stack.gateway}/api/payroll/v1/runs", json={"region_code": "640104001",
                                                                       "month": "2026-02"}, headers=town, timeout=30)
    assert started.status_code in (200, 201, 202), started.text
    run = stack.wait_for_run(town, started.json()["id"], {"calculated"})
    assert run["state"] == "calculated", run
    slip = httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run['id']}/payslips/{exit_case['worker_id']}",
                     headers=town, timeout=30)
    assert slip.status_code == 200, slip.text
    performance = [line for line in slip.json()["lines"] if line["code"] == "performance"]
    assert performance, slip.json()["lines"]
    assert "2025" in performance[0]["inputs"]["result"] and "不合格" in performance[0]["inputs"]["result"]
    assert Decimal(performance[0]["amount"]) < 0
