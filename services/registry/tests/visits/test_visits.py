from datetime import date, timedelta

from sqlalchemy import func, select

from cwm_kit.dates import today_in_china

from registry.models import audit_log
from registry.seed import seed_regions
from registry.visits.models import HouseholdVisit
from registry.workers.models import ServicePeriod

from ..quota.factories import make_worker


async def test_monthly_visits_shortfall_under_songshan_rule(client, session, tokens):
    await seed_regions(session)
    busy = await make_worker(session, "150404001001", name="甲")
    idle = await make_worker(session, "150404001002", name="乙")
    await make_worker(session, "640104001001", name="宁夏")  # no visits rule in Ningxia: not listed
    headers = tokens.headers("township_officer", "150404001")
    visits = [{"worker_id": str(busy.id), "visit_date": (date(2026, 3, 1) + timedelta(days=i % 31)).isoformat(),
               "household": f"3号楼{i}室"} for i in range(30)]
    visits += [{"worker_id": str(idle.id), "visit_date": "2026-03-05", "household": "1号楼101"},
               {"worker_id": str(idle.id), "visit_date": "2026-04-01", "household": "1号楼102"}]
    assert (await client.post("/v1/visits", json={"visits": visits}, headers=headers)).status_code == 201
    report = (await client.get("/v1/visits/monthly?month=2026-03", headers=headers)).json()
    assert report["workers"] == 2 and report["with_shortfall"] == 1
    assert report["items"] == [{"worker_id": str(idle.id), "name": "乙", "community_code": "150404001002",
                                "visits": 1, "required": 30, "shortfall": 29}]
    everyone = (await client.get("/v1/visits/monthly?month=2026-03&only_shortfalls=false", headers=headers)).json()
    assert {i["name"]: i["visits"] for i in everyone["items"]} == {"甲": 30, "乙": 1}
    assert (await client.get("/v1/visits/monthly?month=2026-13", headers=headers)).status_code == 422
    other = tokens.headers("township_officer", "150404002")
    assert (await client.post("/v1/visits", json={"visits": visits[:1]}, headers=other)).status_code == 404
    assert (await client.get("/v1/visits/monthly?month=2026-03", headers=other)).json()["workers"] == 0


async def test_the_minimum_counts_distinct_households_not_visits(client, session, tokens):
    """SS 「每人每月走访联系服务居民不少于30户」: 30 visits to 10 households are 10 households, short of 30."""
    await seed_regions(session)
    worker = await make_worker(session, "150404001001", name="丙")
    headers = tokens.headers("township_officer", "150404001")
    visits = [{"worker_id": str(worker.id), "visit_date": f"2026-05-{1 + i % 28:02d}", "household": f"5号楼{i % 10}室"}
              for i in range(30)]
    assert (await client.post("/v1/visits", json={"visits": visits}, headers=headers)).status_code == 201
    report = (await client.get("/v1/visits/monthly?month=2026-05", headers=headers)).json()
    assert report["items"] == [{"worker_id": str(worker.id), "name": "丙", "community_code": "150404001001",
                                "visits": 10, "required": 30, "shortfall": 20}]


async def test_a_visit_dated_after_today_in_china_is_refused_and_nothing_is_written(client, session, tokens):
    """The audit's attack: a visit dated 2029-01-05 was recorded (201). Now 422 naming the row's visit_date, in
    Chinese and English, and no visit of the batch kept; today (China time) is accepted."""
    await seed_regions(session)
    worker = await make_worker(session, "150404001001", name="丁")
    headers = tokens.headers("township_officer", "150404001")
    today = today_in_china()
    batch = [{"worker_id": str(worker.id), "visit_date": today.isoformat(), "household": "1号楼101"},
             {"worker_id": str(worker.id), "visit_date": "2029-01-05", "household": "1号楼102"},
             {"worker_id": str(worker.id), "visit_date": (today + timedelta(days=1)).isoformat(),
              "household": "1号楼103"}]
    refused = await client.post("/v1/visits", json={"visits": batch}, headers=headers)
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    errors = refused.json()["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("visits.1.visit_date", "date_in_future"),
                                                         ("visits.2.visit_date", "date_in_future")]
    assert "走访日期不能晚于今天" in errors[0]["message_zh"] and "cannot be after today" in errors[0]["message_en"]
    assert await session.scalar(select(func.count()).select_from(HouseholdVisit)) == 0
    assert await session.scalar(select(func.count()).select_from(audit_log)
                                .where(audit_log.c.action == "visits.record")) == 0
    accepted = await client.post("/v1/visits", json={"visits": batch[:1]}, headers=headers)
    assert accepted.status_code == 201 and accepted.json() == {"recorded": 1}


def test_today_is_chinas_date_whatever_the_servers_zone(monkeypatch):
    """17:00 UTC on 31 December is already 1 January in China (UTC+8)."""
    from datetime import UTC, datetime

    from cwm_kit import dates

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 31, 17, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(dates, "datetime", Clock)
    assert dates.today_in_china() == date(2027, 1, 1)


async def test_a_visit_before_the_worker_was_hired_is_refused(client, session, tokens):
    """The audit's case: a visit dated the day before the hire date was recorded (201). Now 422 naming the row's
    visit_date (date_before_hire); the hire date itself is accepted, and so is a day of an earlier community
    service period of a rehired worker (work before the rehire still happened)."""
    await seed_regions(session)
    today = today_in_china()
    hired = today - timedelta(days=10)
    worker = await make_worker(session, "150404001001", name="戊", hired_on=hired)
    headers = tokens.headers("township_officer", "150404001")
    row = {"worker_id": str(worker.id), "household": "2号楼201"}
    refused = await client.post("/v1/visits", headers=headers, json={"visits": [
        {**row, "visit_date": hired.isoformat()}, {**row, "visit_date": (hired - timedelta(days=1)).isoformat()}]})
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    [error] = refused.json()["errors"]
    assert (error["field"], error["code"]) == ("visits.1.visit_date", "date_before_hire")
    assert f"走访日期不能早于该社区工作者入职日期（{hired}）" == error["message_zh"]
    assert f"the visit date cannot be before the worker was hired ({hired})" == error["message_en"]
    assert await session.scalar(select(func.count()).select_from(HouseholdVisit)) == 0
    assert (await client.post("/v1/visits", headers=headers, json={"visits": [
        {**row, "visit_date": hired.isoformat()}]})).status_code == 201

    rehired = await make_worker(session, "150404001002", name="己", hired_on=hired)
    session.add(ServicePeriod(worker_id=rehired.id, community_code="150404001002", start_date=date(2024, 1, 1),
                              end_date=date(2024, 12, 31)))
    await session.flush()
    earlier = [{"worker_id": str(rehired.id), "household": "3号楼1", "visit_date": "2024-06-03"}]
    assert (await client.post("/v1/visits", headers=headers, json={"visits": earlier})).status_code == 201
    before_any = [{**earlier[0], "visit_date": "2023-12-31"}]
    refused = await client.post("/v1/visits", headers=headers, json={"visits": before_any})
    assert refused.status_code == 422 and refused.json()["errors"][0]["message_en"].endswith("(2024-01-01)")
