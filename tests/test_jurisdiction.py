"""The jurisdiction rule end to end: one token, three services, through the gateway."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture(scope="module")
def town(stack) -> dict[str, str]:
    return stack.headers("xq_town")


@pytest.fixture(scope="module")
def own_and_foreign_worker(stack, town) -> tuple[str, str]:
    own = httpx.get(f"{stack.gateway}/api/registry/v1/workers?size=5", headers=town).json()["items"]
    foreign = httpx.get(f"{stack.gateway}/api/registry/v1/workers?size=5",
                        headers=stack.headers("xq_town2")).json()["items"]
    assert own and foreign, "the demo data has workers in both townships"
    return own[0]["id"], foreign[0]["id"]


def test_officer_lists_only_workers_of_their_township(stack, town):
    page = httpx.get(f"{stack.gateway}/api/registry/v1/workers?size=200", headers=town).json()
    assert page["total"] > 0
    assert all(w["community_code"].startswith("640104001") for w in page["items"])


def test_registry_hides_another_townships_worker(stack, town, own_and_foreign_worker):
    own, foreign = own_and_foreign_worker
    assert httpx.get(f"{stack.gateway}/api/registry/v1/workers/{own}", headers=town).status_code == 200
    response = httpx.get(f"{stack.gateway}/api/registry/v1/workers/{foreign}", headers=town)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    patch = httpx.patch(f"{stack.gateway}/api/registry/v1/workers/{foreign}", json={"phone": "13800000000"},
                        headers={**town, "If-Match": '"1"'})
    assert patch.status_code == 404


def test_payroll_hides_another_townships_worker(stack, town, own_and_foreign_worker):
    own, foreign = own_and_foreign_worker
    mine = httpx.get(f"{stack.gateway}/api/payroll/v1/workers/{own}/grade?month=2025-06", headers=town, timeout=30)
    assert mine.status_code == 200, mine.text
    other = httpx.get(f"{stack.gateway}/api/payroll/v1/workers/{foreign}/grade?month=2025-06", headers=town,
                      timeout=30)
    assert other.status_code == 404, other.text


def test_assessment_hides_another_township(stack, town):
    response = httpx.get(f"{stack.gateway}/api/assessment/v1/results?region=640104002", headers=town)
    assert response.status_code == 404
    mine = httpx.get(f"{stack.gateway}/api/assessment/v1/results?region=640104001", headers=town)
    assert mine.status_code == 200
    assert all(r["community_code"].startswith("640104001") for r in mine.json()["items"])


def test_worker_sees_only_their_own_records(stack, own_and_foreign_worker):
    worker = stack.headers("xq_worker")
    me = httpx.get(f"{stack.gateway}/api/registry/v1/me", headers=worker)
    assert me.status_code == 200
    own_id = me.json()["id"] if "id" in me.json() else me.json()["worker"]["id"]
    _, foreign = own_and_foreign_worker
    assert httpx.get(f"{stack.gateway}/api/registry/v1/workers/{foreign}", headers=worker).status_code in (403, 404)
    assert httpx.get(f"{stack.gateway}/api/payroll/v1/workers/{foreign}/grade", headers=worker).status_code in (403, 404)
    assert own_id


def test_auditor_reads_but_cannot_write(stack, own_and_foreign_worker):
    auditor = stack.headers("xq_auditor")
    own, _ = own_and_foreign_worker
    assert httpx.get(f"{stack.gateway}/api/registry/v1/workers/{own}", headers=auditor).status_code == 200
    response = httpx.patch(f"{stack.gateway}/api/registry/v1/workers/{own}", json={"phone": "13800000000"},
                           headers={**auditor, "If-Match": '"1"'})
    assert response.status_code == 403
