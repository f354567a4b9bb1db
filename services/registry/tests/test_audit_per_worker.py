"""Issue 14: every write about one worker is in that worker's audit trail (`GET /v1/audit?worker_id=`) and change
feed, whatever its entity: a secondment, a leave request and its decision, a discipline record, a health check."""

from datetime import date

from registry.seed import seed_regions

from .quota.factories import make_worker

COMMUNITY = "640104001001"
TOWN = "640104001"


async def test_writes_about_a_worker_are_in_their_audit_trail_and_feed(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, COMMUNITY, name="借调人", hired_on=date(2020, 3, 1))
    other = await make_worker(session, COMMUNITY, name="旁人", hired_on=date(2020, 3, 1))
    maker = tokens.headers("township_officer", TOWN, subject="officer-a")
    checker = tokens.headers("township_officer", TOWN, subject="officer-b")

    for who in (worker, other):
        seconded = await client.post("/v1/secondments", headers=maker, json={
            "worker_id": str(who.id), "start_date": "2026-03-01", "end_date": "2026-05-31", "borrower": "城关街道办事处",
            "borrower_level": "township", "approving_department": "兴庆区委社会工作部",
            "approval_reference": "兴社工〔2026〕3号"})
        assert seconded.status_code == 201, seconded.text
    leave = await client.post("/v1/leave/requests", headers=maker, json={
        "worker_id": str(worker.id), "kind": "sick", "start_date": "2026-06-08", "end_date": "2026-06-09"})
    assert leave.status_code == 201, leave.text
    decided = await client.post(f"/v1/leave/requests/{leave.json()['id']}/decision", headers=checker,
                                json={"decision": "approve", "note": "同意"})
    assert decided.status_code == 200, decided.text
    discipline = await client.post("/v1/discipline-records", headers=maker, json={
        "worker_id": str(worker.id), "kind": "party_warning", "record_date": "2026-03-02", "issuing_body": "兴庆区纪委",
        "summary": "违反廉洁纪律"})
    assert discipline.status_code == 201, discipline.text
    health = await client.post("/v1/health-checks", headers=maker, json={
        "worker_id": str(worker.id), "checked_on": "2026-04-10", "institution": "兴庆区人民医院"})
    assert health.status_code == 201, health.text

    auditor = tokens.headers("auditor", "640104")
    trail = (await client.get(f"/v1/audit?worker_id={worker.id}&size=100", headers=auditor)).json()
    actions = {(e["entity"], e["action"]) for e in trail["items"]}
    assert {("secondment", "secondment.create"), ("leave_request", "leave.request"),
            ("leave_request", "leave.approve"), ("discipline_record", "discipline.record"),
            ("health_check", "health_check.record")} <= actions, actions
    assert {e["worker_id"] for e in trail["items"]} == {str(worker.id)}  # nothing about the other worker
    assert not [e for e in trail["items"] if e["entity_id"] == str(other.id)]

    # The change feed carries the same worker, and the worker reads only the rows about themselves.
    county = tokens.headers("county_officer", "640104")
    feed = (await client.get("/v1/changes?limit=1000", headers=county)).json()["items"]
    secondments = {i["entity_id"]: i["worker_id"] for i in feed if i["entity"] == "secondment"}
    assert sorted(secondments.values()) == sorted([str(worker.id), str(other.id)])
    own = (await client.get("/v1/changes?limit=1000", headers=tokens.headers(
        "worker", COMMUNITY, worker_id=str(worker.id)))).json()["items"]
    assert {i["worker_id"] for i in own} == {str(worker.id)}
    assert {"secondment", "leave_request", "discipline_record", "health_check"} <= {i["entity"] for i in own}
