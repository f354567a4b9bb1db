"""Issue 13: leave requests and approvals (IM art.27) and annual leave balances (职工带薪年休假条例 art.3 as the
`leave.annual` rule at the national prefix)."""

from datetime import date

from registry.seed import seed_regions

from ..quota.factories import make_worker

NX_TOWN = "640104001"


async def test_a_worker_asks_another_officer_of_the_township_decides(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, "640104001001", name="请假人", hired_on=date(2020, 3, 1))
    me = tokens.headers("worker", "640104001001", worker_id=str(worker.id))
    # Hired 2020-03-01: 5 completed years on 1 January 2026 → 5 days.
    balance = (await client.get("/v1/me/leave-balance?year=2026", headers=me)).json()
    assert (balance["entitled_days"], balance["remaining_days"], balance["service_years"]) == (5, 5, "5.83")
    assert balance["rule"]["stated_by"]["region_prefix"] == ""
    # Monday 2026-03-02 to Wednesday 2026-03-04: three working days.
    asked = await client.post("/v1/me/leave-requests", json={"kind": "annual", "start_date": "2026-03-02",
                                                             "end_date": "2026-03-04", "reason": "探亲"}, headers=me)
    assert asked.status_code == 201, asked.text
    request = asked.json()
    assert (request["status"], request["days"], request["worker_name"]) == ("pending", 3, "请假人")
    # Three more days than the two left: refused naming the field and the rule.
    over = await client.post("/v1/me/leave-requests", json={"kind": "annual", "start_date": "2026-04-06",
                                                            "end_date": "2026-04-08"}, headers=me)
    assert over.status_code == 422 and over.json()["code"] == "annual_leave_exceeded"
    assert over.json()["errors"][0]["field"] == "end_date" and over.json()["rule"]["kind"] == "leave.annual"
    # A worker cannot decide; the town-2 officer cannot see it; a county officer is not the township.
    decision = {"decision": "approve", "note": "同意"}
    url = f"/v1/leave/requests/{request['id']}/decision"
    assert (await client.post(url, json=decision, headers=me)).status_code == 403
    assert (await client.post(url, json=decision,
                              headers=tokens.headers("township_officer", "640104002"))).status_code == 404
    assert (await client.post(url, json=decision,
                              headers=tokens.headers("county_officer", "640104"))).status_code == 403
    officer = tokens.headers("township_officer", NX_TOWN, subject="officer-a")
    approved = await client.post(url, json=decision, headers=officer)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == "officer-a"
    assert (await client.post(url, json=decision, headers=officer)).status_code == 409
    balance = (await client.get(f"/v1/leave/balance?worker_id={worker.id}&year=2026", headers=officer)).json()
    assert (balance["used_days"], balance["pending_days"], balance["remaining_days"]) == (3, 0, 2)
    mine = (await client.get("/v1/me/leave-requests", headers=me)).json()
    assert [r["status"] for r in mine] == ["approved"]


async def test_the_officer_who_asked_cannot_approve(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, "640104001001")
    officer_a = tokens.headers("township_officer", NX_TOWN, subject="officer-a")
    officer_b = tokens.headers("township_officer", NX_TOWN, subject="officer-b")
    asked = await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "sick",
                                                          "start_date": "2026-05-11", "end_date": "2026-05-12"},
                              headers=officer_a)
    assert asked.status_code == 201
    url = f"/v1/leave/requests/{asked.json()['id']}/decision"
    own = await client.post(url, json={"decision": "approve"}, headers=officer_a)
    assert own.status_code == 403 and own.json()["code"] == "leave_self_approval"
    rejected = await client.post(url, json={"decision": "reject", "note": "材料不全"}, headers=officer_b)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    pending = (await client.get("/v1/leave/requests?status=pending", headers=officer_a)).json()
    assert pending == []
    # Another township's officer cannot ask on this worker's behalf.
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "sick",
                                                           "start_date": "2026-05-11", "end_date": "2026-05-12"},
                              headers=other)).status_code == 404
    assert (await client.get("/v1/leave/requests", headers=other)).json() == []


async def test_entitlement_by_years_of_service_and_the_period_checks(client, session, tokens):
    await seed_regions(session)
    officer = tokens.headers("township_officer", NX_TOWN)
    cases = {date(2025, 6, 1): 0, date(2016, 1, 1): 10, date(2006, 1, 2): 10, date(2006, 1, 1): 15}
    for hired, days in cases.items():
        worker = await make_worker(session, "640104001001", hired_on=hired, birth=date(1980, 5, 17))
        balance = (await client.get(f"/v1/leave/balance?worker_id={worker.id}&year=2026", headers=officer)).json()
        assert balance["entitled_days"] == days, (hired, balance)
    across = await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "annual",
                                                           "start_date": "2026-12-30", "end_date": "2027-01-02"},
                               headers=officer)
    assert across.status_code == 422 and across.json()["errors"][0]["code"] == "annual_leave_across_years"
    reversed_ = await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "personal",
                                                              "start_date": "2026-05-12", "end_date": "2026-05-11"},
                                  headers=officer)
    assert reversed_.status_code == 422 and reversed_.json()["errors"][0]["field"] == "end_date"
    other = tokens.headers("township_officer", "640104002")
    assert (await client.get(f"/v1/leave/balance?worker_id={worker.id}&year=2026", headers=other)).status_code == 404


async def test_leave_lies_within_the_workers_time_at_work(client, session, tokens):
    """Leave is time off work: not before the first day at work, not after the day the worker left; nothing is
    stored when refused."""
    await seed_regions(session)
    officer = tokens.headers("township_officer", NX_TOWN)
    worker = await make_worker(session, "640104001001", hired_on=date(2025, 6, 2))
    early = await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "personal",
                                                          "start_date": "2025-05-29", "end_date": "2025-06-03"},
                              headers=officer)
    assert early.status_code == 422, early.text
    assert early.headers["content-type"].startswith("application/problem+json")
    error = early.json()["errors"][0]
    assert (error["field"], error["code"]) == ("start_date", "date_before_hire")
    assert "2025-06-02" in error["message_zh"] and "入职" in error["message_zh"]
    first_day = await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "personal",
                                                              "start_date": "2025-06-02", "end_date": "2025-06-03"},
                                  headers=officer)
    assert first_day.status_code == 201, first_day.text
    worker.exit_date = date(2026, 3, 31)
    await session.flush()
    late = await client.post("/v1/leave/requests", json={"worker_id": str(worker.id), "kind": "sick",
                                                         "start_date": "2026-03-30", "end_date": "2026-04-01"},
                             headers=officer)
    assert late.status_code == 422, late.text
    assert (late.json()["errors"][0]["field"], late.json()["errors"][0]["code"]) == ("end_date", "date_after_exit")
    listed = (await client.get(f"/v1/leave/requests?worker_id={worker.id}", headers=officer)).json()
    assert [(r["start_date"], r["end_date"]) for r in listed] == [("2025-06-02", "2025-06-03")]
