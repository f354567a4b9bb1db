"""Issue 13: the yearly health check (NX 四 「每年组织1次体检」, health.check @64)."""

from datetime import timedelta

from sqlalchemy import func, select

from cwm_kit.dates import today_in_china

from registry.health.models import HealthCheck
from registry.seed import seed_regions

from ..quota.factories import make_worker


async def test_who_has_no_check_for_the_year(client, session, tokens):
    await seed_regions(session)
    checked = await make_worker(session, "640104001001", name="已体检")
    await make_worker(session, "640104001001", name="未体检")
    await make_worker(session, "150404001001", name="松山")  # no text sets a yearly check there
    headers = tokens.headers("township_officer", "640104001")
    recorded = await client.post("/v1/health-checks", json={"worker_id": str(checked.id), "checked_on": "2026-04-10",
                                                            "institution": "兴庆区人民医院"}, headers=headers)
    assert recorded.status_code == 201, recorded.text
    report = (await client.get("/v1/health-checks/missing?year=2026", headers=headers)).json()
    assert (report["workers"], report["missing"]) == (2, 1)
    assert [(i["name"], i["checks"], i["required"]) for i in report["items"]] == [("未体检", 0, 1)]
    # Last year's check does not count for this year.
    assert (await client.get("/v1/health-checks/missing?year=2027", headers=headers)).json()["missing"] == 2
    admin = tokens.headers("provincial_admin", "15")
    assert (await client.get("/v1/health-checks/missing?year=2026", headers=admin)).json()["workers"] == 0
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/health-checks", json={"worker_id": str(checked.id), "checked_on": "2026-04-10",
                                                         "institution": "医院"}, headers=other)).status_code == 404
    assert (await client.get("/v1/health-checks/missing?year=2026", headers=other)).json()["workers"] == 0
    assert (await client.get(f"/v1/health-checks?worker_id={checked.id}", headers=other)).json() == []
    auditor = tokens.headers("auditor", "640104")
    assert (await client.post("/v1/health-checks", json={"worker_id": str(checked.id), "checked_on": "2026-04-10",
                                                         "institution": "医院"}, headers=auditor)).status_code == 403


async def test_a_check_after_today_is_refused_and_one_before_the_hire_is_kept(client, session, tokens):
    """The audit's case: a check dated after today was recorded (201) and hid the worker from "who has no health
    check". Now 422 naming checked_on; today is accepted, and so is a check before the hire date (the
    pre-employment medical, 体检, a recruitment step: POLICY.md §3). The answer names the worker, as the list
    does (it said worker_name: null)."""
    await seed_regions(session)
    today = today_in_china()
    worker = await make_worker(session, "640104001001", name="将体检", hired_on=today - timedelta(days=5))
    headers = tokens.headers("township_officer", "640104001")
    body = {"worker_id": str(worker.id), "institution": "兴庆区人民医院"}
    refused = await client.post("/v1/health-checks", headers=headers,
                                json={**body, "checked_on": (today + timedelta(days=1)).isoformat()})
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    assert [(e["field"], e["code"], e["message_zh"], e["message_en"]) for e in refused.json()["errors"]] == [
        ("checked_on", "date_in_future", f"体检日期不能晚于今天（{today}）", f"the check date cannot be after today ({today})")]
    assert await session.scalar(select(func.count()).select_from(HealthCheck)) == 0
    for day in (today, today - timedelta(days=20)):
        recorded = await client.post("/v1/health-checks", headers=headers, json={**body, "checked_on": day.isoformat()})
        assert recorded.status_code == 201, recorded.text
        assert (recorded.json()["worker_name"], recorded.json()["checked_on"]) == ("将体检", day.isoformat())
