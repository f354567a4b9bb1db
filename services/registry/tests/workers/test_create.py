from datetime import date

from sqlalchemy import select

from registry.models import audit_log
from registry.workers.models import Worker

from .helpers import COMMUNITY, create_worker, nid, regions, worker_body


async def test_create_derives_birth_date_and_sex_and_is_audited(client, session, tokens):
    await regions(session)
    created = await create_worker(client, tokens, national_id=nid(date(1991, 8, 9), 246))
    assert created["birth_date"] == "1991-08-09" and created["sex"] == "F"
    assert created["status"] == "active" and created["contract"]["end"] == "2023-02-28"
    assert created["education_level"] == "benke"
    assert created["service_periods"][0]["community_code"] == COMMUNITY
    rows = (await session.execute(select(audit_log).where(audit_log.c.worker_id == created["id"]))).mappings().all()
    assert [r["action"] for r in rows] == ["worker.create"]
    assert rows[0]["after"]["national_id"] == created["national_id"]


async def test_birth_date_and_sex_cannot_be_typed(client, session, tokens):
    await regions(session)
    response = await client.post("/v1/workers", json=worker_body(sex="M", birth_date="1990-01-01"),
                                 headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"sex", "birth_date"}


CHECK_DIGIT_ZH = "身份证号校验码错误（GB 11643，ISO 7064 MOD 11-2）"
CHECK_DIGIT_EN = "national ID check character is wrong (GB 11643, ISO 7064 MOD 11-2)"


async def test_bad_check_digit_names_the_rule(client, session, tokens):
    await regions(session)
    good = nid()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = await client.post("/v1/workers", json=worker_body(national_id=bad),
                                 headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "national_id" and "ISO 7064" in error["message_en"] and "校验码" in error["message_zh"]


async def test_check_digit_message_is_whole_chinese_and_whole_english(client, session, tokens):
    """The audit's number (check character 6, not 1): each language whole, not split inside "GB 11643/ISO 7064";
    the same for the eligibility check. Nothing written."""
    await regions(session)
    headers = tokens.headers("township_officer", "640104001")
    response = await client.post("/v1/workers", json=worker_body(national_id="640104199501011231"), headers=headers)
    assert response.status_code == 422 and response.headers["content-type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert (error["field"], error["message_zh"], error["message_en"]) == ("national_id", CHECK_DIGIT_ZH,
                                                                          CHECK_DIGIT_EN)
    assert (await client.get("/v1/workers", headers=headers)).json()["total"] == 0
    check = await client.post("/v1/recruitment/eligibility-check", json={
        "region_code": "640104001", "national_id": "640104199501011231", "education": "benke"}, headers=headers)
    assert check.status_code == 422
    assert [(e["field"], e["message_zh"], e["message_en"]) for e in check.json()["errors"]] == [
        ("national_id", CHECK_DIGIT_ZH, CHECK_DIGIT_EN)]


async def test_post_must_come_from_the_communitys_catalogue(client, session, tokens):
    await regions(session)
    response = await client.post("/v1/workers", json=worker_body(post="ss_staff"),
                                 headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "post_not_in_catalogue"


async def test_ss_contract_term_comes_from_the_catalogue(client, session, tokens):
    await regions(session)
    body = worker_body(community_code="150404001001", post="ss_deputy", hired_on="2024-01-01")
    body.pop("contract_term_years")
    response = await client.post("/v1/workers", json=body, headers=tokens.headers("township_officer", "150404001"))
    assert response.status_code == 201, response.text
    assert response.json()["contract"] == {"term_years": 5, "start": "2024-01-01", "end": "2028-12-31",
                                           "probation_end": None}
    # NX publishes no term: it must be typed.
    body = worker_body(national_id=nid(sequence=777))
    body.pop("contract_term_years")
    response = await client.post("/v1/workers", json=body, headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "contract_term_required"


async def test_duplicate_national_id_conflicts(client, session, tokens):
    await regions(session)
    await create_worker(client, tokens)
    response = await client.post("/v1/workers", json=worker_body(name="别人"),
                                 headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 409


async def test_other_township_and_auditor_cannot_create(client, session, tokens):
    await regions(session)
    assert (await client.post("/v1/workers", json=worker_body(),
                              headers=tokens.headers("township_officer", "640104002"))).status_code == 404
    assert (await client.post("/v1/workers", json=worker_body(),
                              headers=tokens.headers("auditor", "640104"))).status_code == 403



async def test_dates_no_person_means_are_refused_not_counted(client, session, tokens):
    """Year 9999 overflowed the contract's end date (a 500); year 0001 counted as two thousand years of service."""
    await regions(session)
    headers = tokens.headers("township_officer", "640104001")
    far = await client.post("/v1/workers", json=worker_body(hired_on="9999-12-31"), headers=headers)
    assert far.status_code == 422, far.text
    assert [e["field"] for e in far.json()["errors"]] == ["hired_on"]
    worker = await create_worker(client, tokens)
    early = await client.post(f"/v1/workers/{worker['id']}/service-periods", headers=headers,
                              json={"community_code": "640104001001", "start": "0001-01-01", "end": "2002-01-01"})
    assert early.status_code == 422, early.text
    assert [e["field"] for e in early.json()["errors"]] == ["start"]
    service = tokens.headers("service", "")
    for query in ("as_of=9999-12-31", "since=0001-01-01"):
        facts = await client.get(f"/v1/workers/facts?region=640104&{query}", headers=service)
        assert facts.status_code == 422 and facts.headers["content-type"].startswith("application/problem+json")


async def test_a_child_cannot_be_hired_and_nothing_is_written(client, session, tokens):
    """Labour Law art.15: under 16 on the hire date is refused naming hired_on; 16 that day is accepted."""
    await regions(session)
    headers = tokens.headers("township_officer", "640104001")
    child = nid(date(2016, 3, 1), 321)
    refused = await client.post("/v1/workers", json=worker_body(national_id=child, hired_on="2026-03-01"),
                                headers=headers)
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert (error["field"], error["code"]) == ("hired_on", "under_working_age") and "十五条" in error["message_zh"]
    assert (await session.scalars(select(Worker.id).where(Worker.national_id == child))).all() == []
    sixteen = await client.post("/v1/workers", json=worker_body(national_id=nid(date(2006, 3, 1), 322),
                                                                hired_on="2022-03-01"), headers=headers)
    assert sixteen.status_code == 201, sixteen.text
