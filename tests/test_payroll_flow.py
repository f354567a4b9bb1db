"""A payroll run across real processes: registry facts and assessment results over REST, the job on the
procrastinate worker, approval by the finance officer, the worker's explained payslip."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

MONTH = "2025-06"


@pytest.fixture(scope="module")
def calculated_run(stack) -> dict:
    town = stack.headers("xq_town")
    started = httpx.post(f"{stack.gateway}/api/payroll/v1/runs", json={"region_code": "640104001", "month": MONTH},
                         headers=town, timeout=30)
    assert started.status_code in (200, 201, 202), started.text
    run = stack.wait_for_run(town, started.json()["id"], {"calculated"})
    assert run["state"] == "calculated", run
    return run


def test_starting_the_same_run_again_returns_it(stack, calculated_run):
    again = httpx.post(f"{stack.gateway}/api/payroll/v1/runs", json={"region_code": "640104001", "month": MONTH},
                       headers=stack.headers("xq_town"), timeout=30)
    assert again.status_code in (200, 201, 202) and again.json()["id"] == calculated_run["id"]


def test_run_covers_every_worker_of_the_township(stack, calculated_run):
    town = stack.headers("xq_town")
    workers = httpx.get(f"{stack.gateway}/api/registry/v1/workers?size=1", headers=town).json()["total"]
    assert calculated_run["worker_count"] >= 1
    assert calculated_run["worker_count"] <= workers
    assert Decimal(calculated_run["net_total"]) < Decimal(calculated_run["gross_total"])


def test_other_township_cannot_see_the_run_or_its_payslips(stack, calculated_run):
    other = stack.headers("xq_town2")
    run_id = calculated_run["id"]
    assert httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run_id}", headers=other).status_code == 404
    assert httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run_id}/payslips", headers=other).status_code == 404
    assert httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run_id}/reports/payroll.xlsx",
                     headers=other).status_code == 404


def test_only_the_finance_officer_approves_and_the_worker_then_sees_an_explained_payslip(stack, calculated_run):
    run_id = calculated_run["id"]
    town = stack.headers("xq_town")
    assert httpx.post(f"{stack.gateway}/api/payroll/v1/runs/{run_id}/approve", headers=town).status_code == 403
    worker = stack.headers("xq_worker")
    assert httpx.get(f"{stack.gateway}/api/payroll/v1/me/payslips/{MONTH}", headers=worker).status_code in (200, 404)
    approved = httpx.post(f"{stack.gateway}/api/payroll/v1/runs/{run_id}/approve", headers=stack.headers("xq_finance"))
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"
    assert httpx.post(f"{stack.gateway}/api/payroll/v1/runs/{run_id}/recalculate",
                      headers=town).status_code == 409
    mine = httpx.get(f"{stack.gateway}/api/payroll/v1/me/payslips/{MONTH}", headers=worker)
    assert mine.status_code == 200, mine.text
    slips = mine.json()["payslips"]
    assert len(slips) == 1
    lines = slips[0]["lines"]
    assert lines and all(line["label_zh"] and line["label_en"] for line in lines)
    assert any(line["clause"] for line in lines)
    xlsx = httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run_id}/reports/payroll.xlsx", headers=town, timeout=60)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
