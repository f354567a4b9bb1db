"""The registry's "today" is China's date whatever the server's zone. At 17:00 UTC on 2 December 2026 the servers
(UTC) still said 2 December while China is on 3 December: a contract ending on the 3rd had a day left, a record dated
the 3rd was "in the future", a worker hired on 4 December 2025 had not yet completed a year. Every default date, "not
in the future" check and the SQL service count take the one clock, cwm_kit.dates.today_in_china."""

from datetime import UTC, date, datetime

import pytest

from cwm_kit import dates
from registry.seed import seed_regions

from .flags.test_flags import fake_assessment
from .quota.factories import make_worker

UTC_EVENING = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
CHINA_TODAY = date(2026, 12, 3)
TOWN = "640104001"
COMMUNITY = "640104001001"


@pytest.fixture
def china_evening(monkeypatch):
    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return UTC_EVENING.astimezone(tz) if tz is not None else UTC_EVENING.replace(tzinfo=None)

    monkeypatch.setattr(dates, "datetime", Clock)
    assert dates.today_in_china() == CHINA_TODAY


async def test_contracts_ending_default_to_chinas_date(app, client, session, tokens, china_evening):
    await seed_regions(session)
    await make_worker(session, COMMUNITY, name="今日到期", hired_on=date(2023, 12, 4))  # three years: to 2026-12-03
    app.state.assessment_client = fake_assessment([], [])
    response = await client.get("/v1/workers/contracts-ending", headers=tokens.headers("township_officer", TOWN))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["on"], body["until"]) == ("2026-12-03", "2027-03-03")  # the renewal window, 90 days
    assert [(i["name"], i["contract_end"], i["days_left"]) for i in body["items"]] == [("今日到期", "2026-12-03", 0)]


async def test_a_record_dated_chinas_today_is_not_in_the_future(client, session, tokens, china_evening):
    await seed_regions(session)
    worker = await make_worker(session, COMMUNITY)
    headers = tokens.headers("township_officer", TOWN)
    record = {"worker_id": str(worker.id), "kind": "party_warning", "issuing_body": "兴庆区纪委", "summary": "警告"}
    today = await client.post("/v1/discipline-records", json={**record, "record_date": "2026-12-03"}, headers=headers)
    assert today.status_code == 201, today.text
    tomorrow = await client.post("/v1/discipline-records", json={**record, "record_date": "2026-12-04"},
                                 headers=headers)
    assert tomorrow.status_code == 422
    assert [(e["field"], e["code"]) for e in tomorrow.json()["errors"]] == [("record_date", "date_in_future")]


async def test_service_years_count_through_chinas_today_in_python_and_in_sql(client, session, tokens, china_evening):
    """Hired 2025-12-04: 365 days through 2026-12-03, twelve completed months, 1.00 years (0.92 through the 2nd)."""
    await seed_regions(session)
    worker = await make_worker(session, COMMUNITY, hired_on=date(2025, 12, 4))
    headers = tokens.headers("township_officer", TOWN)
    detail = await client.get(f"/v1/workers/{worker.id}", headers=headers)
    assert detail.json()["cumulative_service_years"] == "1.00"
    listed = await client.get("/v1/workers?min_years=1", headers=headers)
    assert [w["id"] for w in listed.json()["items"]] == [str(worker.id)]
    assert (await client.get("/v1/workers?min_years=1.01", headers=headers)).json()["items"] == []
