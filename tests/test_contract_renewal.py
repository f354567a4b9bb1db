"""Contract renewal (续聘) over the real stack: the registry reads the worker's final result from the assessment
service over REST (a historical result entered there), renews with 合格 and refuses with 基本合格, nothing written."""

from __future__ import annotations

from datetime import date

import httpx

from registry.workers import national_id

COMMUNITIES = ("150404001001", "150404001002", "150404001003")


def _create(client: httpx.Client, name: str, sequence: int) -> dict:
    """A Songshan staff worker hired 2023-01-01 (3-year term: to 2025-12-31), in a community with quota room."""
    for community in COMMUNITIES:
        created = client.post("/registry/v1/workers", json={
            "name": name, "national_id": national_id.make("150404", date(1990, 4, 6), sequence),
            "community_code": community, "post": "ss_staff", "hired_on": "2023-01-01"})
        if created.status_code == 201:
            return created.json()
        assert created.json()["code"].startswith("quota"), created.text
    raise AssertionError("no Songshan community of 振兴街道 has quota room")


def _result(client: httpx.Client, worker: dict, result: str) -> None:
    entered = client.post("/assessment/v1/historical-results", json={
        "worker_id": worker["id"], "year": 2025, "result": result, "source_document": "松振党〔2026〕3号"})
    assert entered.status_code == 201, entered.text


def test_renewal_reads_the_result_from_the_assessment_service(stack):
    with httpx.Client(base_url=f"{stack.gateway}/api", headers=stack.headers("ss_town"), timeout=60) as client:
        good = _create(client, "续聘合格", 841)
        weak = _create(client, "续聘基本合格", 843)
        assert good["contract"]["end"] == "2025-12-31"
        _result(client, good, "competent")
        _result(client, weak, "basically_competent")

        ending = client.get("/registry/v1/workers/contracts-ending", params={"on": "2025-12-01"})
        assert ending.status_code == 200, ending.text
        listed = {item["worker_id"]: item for item in ending.json()["items"]}
        assert listed[good["id"]]["renewal_status"] == "eligible"
        assert listed[weak["id"]]["renewal_status"] == "not_eligible"

        refused = client.post(f"/registry/v1/workers/{weak['id']}/contract-renewal", json={"current_end": "2025-12-31"})
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "renewal_assessment_below_minimum"
        assert "2025 年度考核基本合格" in refused.json()["message_zh"]
        assert client.get(f"/registry/v1/workers/{weak['id']}").json()["contract"]["end"] == "2025-12-31"

        renewed = client.post(f"/registry/v1/workers/{good['id']}/contract-renewal", json={"current_end": "2025-12-31"})
        assert renewed.status_code == 201, renewed.text
        assert (renewed.json()["contract"]["start"], renewed.json()["contract"]["end"]) == ("2026-01-01", "2028-12-31")

    # Another region's officer cannot renew it (nor see it).
    other = httpx.post(f"{stack.gateway}/api/registry/v1/workers/{weak['id']}/contract-renewal",
                       json={"current_end": "2025-12-31"}, headers=stack.headers("xq_town"), timeout=30)
    assert other.status_code == 404
