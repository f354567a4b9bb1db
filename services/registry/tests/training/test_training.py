from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from cwm_kit.dates import today_in_china

from registry.models import audit_log
from registry.seed import seed_regions
from registry.training.models import TrainingRecord
from registry.training.service import hours_this_year

from ..quota.factories import make_worker

SS = "150404001001"
NX = "640104001001"


def training(worker, hours, when="2026-04-10", kind="in_service"):
    return {"worker_id": str(worker.id), "training_date": when, "hours": hours, "kind": kind,
            "organiser_level": "county", "title": "社区治理能力提升班"}


async def test_yearly_compliance_per_post_from_rule_documents(client, session, tokens):
    await seed_regions(session)
    staff = await make_worker(session, SS, post="ss_staff", name="甲员工")       # SS: 5 days × 8 h = 40 h
    head = await make_worker(session, SS, post="ss_head", name="乙书记")         # SS: 7 days × 8 h = 56 h
    new_hire = await make_worker(session, SS, post="ss_staff", name="丙新人", hired_on=date(2026, 7, 1))
    nx_head = await make_worker(session, NX, post="nx_head", name="丁书记")       # NX: one day a year
    nx_staff = await make_worker(session, NX, post="nx_staff", name="戊员工")     # NX: no yearly hours
    ss_town = tokens.headers("township_officer", "150404001")
    recorded = await client.post("/v1/training/records", json={"records": [
        training(staff, "24.0"), training(staff, "8.0", "2026-09-01"), training(staff, "40", "2025-05-01"),
        training(head, "56"), training(new_hire, "16", "2026-06-20", kind="initial")]}, headers=ss_town)
    assert recorded.status_code == 201, recorded.text
    assert len(recorded.json()) == 5

    report = await client.get("/v1/training/compliance?year=2026", headers=ss_town)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["workers"] == 3 and body["with_shortfall"] == 2 and body["compliant"] == 1
    lines = {line["name"]: line for line in body["items"]}
    assert set(lines) == {"甲员工", "丙新人"}
    assert Decimal(lines["甲员工"]["hours_done"]) == Decimal("32.0")
    assert Decimal(lines["甲员工"]["yearly_required"]) == 40 and Decimal(lines["甲员工"]["yearly_shortfall"]) == 8
    assert Decimal(lines["丙新人"]["initial_required"]) == 24 and Decimal(lines["丙新人"]["initial_shortfall"]) == 8
    assert lines["甲员工"]["rule_prefix"] == "150404"

    nx = (await client.get("/v1/training/compliance?year=2026",
                           headers=tokens.headers("county_officer", "640104"))).json()
    assert nx["workers"] == 2 and [i["name"] for i in nx["items"]] == ["丁书记"]
    assert Decimal(nx["items"][0]["yearly_shortfall"]) == 8
    assert nx_staff.id  # in post, nothing required of staff yearly under NX

    assert await hours_this_year(session, staff.id, 2026) == Decimal("32.0")
    assert await hours_this_year(session, staff.id, 2025) == Decimal("40.0")
    assert await hours_this_year(session, nx_head.id, 2026) == 0
    row = (await session.execute(select(audit_log).where(audit_log.c.action == "training.record"))).mappings().one()
    assert len(row["after"]) == 5


async def test_training_jurisdiction(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, SS)
    other = tokens.headers("township_officer", "150404002")
    assert (await client.post("/v1/training/records", json={"records": [training(worker, "8")]},
                              headers=other)).status_code == 404
    assert (await client.post("/v1/training/records", json={"records": [training(worker, "8")]},
                              headers=tokens.headers("auditor", "150404"))).status_code == 403
    assert (await client.get(f"/v1/training/records?worker_id={worker.id}", headers=other)).status_code == 404
    own = tokens.headers("worker", SS, worker_id=str(worker.id))
    assert (await client.get(f"/v1/training/records?worker_id={worker.id}", headers=own)).status_code == 200
    bad = await client.post("/v1/training/records", json={"records": [{**training(worker, "-1"), "kind": "fun"}]},
                            headers=tokens.headers("township_officer", "150404001"))
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"records.0.hours",
                                                                                      "records.0.kind"}


async def test_initial_hours_count_only_before_starting_where_the_rule_says_so(client, session, tokens):
    await seed_regions(session)
    ss_new = await make_worker(session, SS, post="ss_staff", name="己新人", hired_on=date(2026, 7, 1))
    nx_new = await make_worker(session, NX, post="nx_staff", name="庚新人", hired_on=date(2026, 7, 1))
    records = [training(ss_new, "16", "2026-06-20", kind="initial"), training(ss_new, "8", "2026-07-15", kind="initial"),
               training(nx_new, "24", "2026-07-15", kind="initial")]
    assert (await client.post("/v1/training/records", json={"records": records[:2]},
                              headers=tokens.headers("township_officer", "150404001"))).status_code == 201
    assert (await client.post("/v1/training/records", json={"records": records[2:]},
                              headers=tokens.headers("township_officer", "640104001"))).status_code == 201

    ss = (await client.get("/v1/training/compliance?year=2026",
                           headers=tokens.headers("township_officer", "150404001"))).json()
    line = next(i for i in ss["items"] if i["name"] == "己新人")
    # IM art.20 via SS: 24 h before starting; the 8 h after the first day do not count.
    assert Decimal(line["initial_done"]) == 16 and Decimal(line["initial_shortfall"]) == 8
    nx = (await client.get("/v1/training/compliance?year=2026",
                           headers=tokens.headers("township_officer", "640104001"))).json()
    # NX asks for 3 days (24 h) of initial training without saying when: done after starting, it counts.
    assert "庚新人" not in {i["name"] for i in nx["items"]}


async def test_training_after_today_or_before_the_hire_is_refused_naming_the_record(client, session, tokens):
    """The audit's case: training dated after today (China's date) was recorded (201) and its hours would count
    toward the year's requirement (POLICY.md §6). Now 422 naming records.<n>.training_date, nothing written; so is
    training other than initial before the hire date, while initial training before it is accepted (IM art.20
    「上岗前」)."""
    await seed_regions(session)
    today = today_in_china()
    hired = today - timedelta(days=30)
    worker = await make_worker(session, SS, post="ss_staff", name="辛新人", hired_on=hired)
    headers = tokens.headers("township_officer", "150404001")
    tomorrow, day_before_hire = today + timedelta(days=1), hired - timedelta(days=1)
    refused = await client.post("/v1/training/records", headers=headers, json={"records": [
        training(worker, "8", today.isoformat()), training(worker, "8", tomorrow.isoformat()),
        training(worker, "8", day_before_hire.isoformat()),
        training(worker, "24", day_before_hire.isoformat(), kind="initial")]})
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("records.1.training_date", "date_in_future"),
                                                                 ("records.2.training_date", "date_before_hire")]
    assert body["errors"][0]["message_zh"] == f"培训日期不能晚于今天（{today}）"
    assert body["errors"][0]["message_en"] == f"the training date cannot be after today ({today})"
    assert body["errors"][1]["message_zh"] == f"培训日期不能早于该社区工作者入职日期（{hired}）"
    assert body["message_en"] == f"records.1.training_date: the training date cannot be after today ({today}) (2 rows)"
    assert await session.scalar(select(func.count()).select_from(TrainingRecord)) == 0
    accepted = await client.post("/v1/training/records", headers=headers, json={"records": [
        training(worker, "8", today.isoformat()), training(worker, "8", hired.isoformat()),
        training(worker, "24", day_before_hire.isoformat(), kind="initial")]})
    assert accepted.status_code == 201, accepted.text
