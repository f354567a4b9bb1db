"""A province run across real processes (ADR 0008): split by the registry's counties into one procrastinate job
each on the payroll worker, calculated once every county is in, one payslip per worker."""

from __future__ import annotations

import httpx

MONTH = "2025-11"  # no other cross-service test pays this month (a province run overlaps every NX run of it)


def test_a_province_run_is_calculated_as_one_job_per_county(stack):
    admin = stack.headers("nx_admin")
    counties = sorted(r["code"] for r in httpx.get(
        f"{stack.gateway}/api/registry/v1/regions", params={"prefix": "64", "level": "county", "include_retired": "true"},
        headers=admin, timeout=30).json())
    assert len(counties) > 1
    started = httpx.post(f"{stack.gateway}/api/payroll/v1/runs", json={"region_code": "64", "month": MONTH},
                         headers=admin, timeout=30)
    assert started.status_code == 201, started.text
    run = stack.wait_for_run(admin, started.json()["id"], {"calculated"}, timeout=300)
    assert (run["state"], run["job_status"], run["attempts"]) == ("calculated", "succeeded", 1), run["error"]
    assert run["inputs_snapshot"]["parts"] == counties
    assert run["worker_count"] > 0 and run["processed"] == run["inputs_snapshot"]["facts"]["workers"]
    items: list[dict] = []
    for page in range(1, run["worker_count"] // 200 + 2):
        items += httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run['id']}/payslips",
                           params={"size": 200, "page": page}, headers=admin, timeout=30).json()["items"]
    assert len(items) == len({p["worker_id"] for p in items}) == run["worker_count"]  # one payslip per worker
    assert {p["county_code"] for p in items} <= set(counties)
