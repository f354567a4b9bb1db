"""An education record's `in_service` by the dates (POLICY.md §4, found by an audit): a degree obtained after the
worker's current continuous service began is an in-service degree. Omitted, the registry derives it; an explicit
false for such a degree is refused, since payroll would otherwise have read it as a degree at hiring and added its
years on top of the service."""

from datetime import date

from sqlalchemy import func, select

from registry.models import audit_log
from registry.workers.models import EducationRecord

from ..imports.test_router import _fill, _template, _upload
from .helpers import create_worker, nid, regions

TOWN = ("township_officer", "640104001")


async def _add(client, tokens, worker, **body):
    return await client.post(f"/v1/workers/{worker['id']}/education", headers=tokens.headers(*TOWN),
                             json={"level": "master", "institution": "内蒙古大学", **body})


async def test_in_service_is_derived_from_the_dates_when_omitted(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2020-03-01")  # 本科 2012-07-01 on registration
    later = await _add(client, tokens, worker, graduated_on="2024-06-30")
    assert later.status_code == 201, later.text
    assert later.json()["in_service"] is True
    # The day the service began is still "at hiring"; the day after is in service.
    on_the_day = await _add(client, tokens, worker, level="dazhuan", graduated_on="2020-03-01")
    day_after = await _add(client, tokens, worker, level="doctor", graduated_on="2020-03-02")
    assert (on_the_day.json()["in_service"], day_after.json()["in_service"]) == (False, True)
    listed = (await client.get(f"/v1/workers/{worker['id']}/education", headers=tokens.headers(*TOWN))).json()
    assert [(e["level"], e["graduated_on"], e["in_service"]) for e in listed] == [
        ("benke", "2012-07-01", False), ("dazhuan", "2020-03-01", False), ("doctor", "2020-03-02", True),
        ("master", "2024-06-30", True)]


async def test_false_for_a_degree_obtained_after_the_service_began_is_refused(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2020-03-01")
    audited = await session.scalar(select(func.count()).select_from(audit_log))
    refused = await _add(client, tokens, worker, graduated_on="2024-06-30", in_service=False)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    [error] = refused.json()["errors"]
    assert (error["field"], error["code"]) == ("in_service", "in_service_degree")
    assert error["message_zh"] == ("2024-06-30 取得的学历晚于本次连续服务开始日 2020-03-01，属在职学历："
                                   "in_service 不能为 false（不填则按日期确定）")
    assert error["message_en"] == ("a degree obtained on 2024-06-30, after the current continuous service began on "
                                   "2020-03-01, is an in-service degree: in_service cannot be false (omit it to derive "
                                   "it from the dates)")
    assert await session.scalar(select(func.count()).select_from(EducationRecord)
                                .where(EducationRecord.worker_id == worker["id"])) == 1  # the registration's only
    assert await session.scalar(select(func.count()).select_from(audit_log)) == audited
    # Explicit values the dates allow are kept: false before the service, true after it, and true for an earlier
    # degree (it may have been earned in service before a break).
    assert (await _add(client, tokens, worker, graduated_on="2018-06-30", in_service=False)).json()["in_service"] is False
    assert (await _add(client, tokens, worker, graduated_on="2024-06-30", in_service=True)).json()["in_service"] is True
    assert (await _add(client, tokens, worker, level="doctor", graduated_on="2019-06-30",
                       in_service=True)).json()["in_service"] is True


async def test_registration_derives_and_refuses_against_the_hire_date(client, session, tokens):
    await regions(session)
    headers = tokens.headers(*TOWN)
    # Registered after the fact: hired 2012-01-01, the 本科 came 2012-07-01 (the demo's 芦秀伟).
    body = {"name": "芦秀伟", "national_id": nid(sequence=601), "community_code": "640104001001", "post": "nx_staff",
            "hired_on": "2012-01-01", "contract_term_years": 3}
    refused = await client.post("/v1/workers", headers=headers, json={**body, "education": [
        {"level": "dazhuan", "graduated_on": "2009-07-01", "in_service": False},
        {"level": "benke", "graduated_on": "2012-07-01", "in_service": False}]})
    assert refused.status_code == 422, refused.text
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("education.1.in_service",
                                                                             "in_service_degree")]
    created = await client.post("/v1/workers", headers=headers, json={**body, "education": [
        {"level": "dazhuan", "graduated_on": "2009-07-01"}, {"level": "benke", "graduated_on": "2012-07-01"}]})
    assert created.status_code == 201, created.text
    assert [(e["level"], e["in_service"]) for e in created.json()["education"]] == [("dazhuan", False),
                                                                                    ("benke", True)]


async def test_the_service_start_is_the_start_of_the_current_run(client, session, tokens):
    await regions(session)
    headers = tokens.headers(*TOWN)
    # Earlier service recorded afterwards, ending the day before the hire: one run from 2016-01-01, so a degree of
    # 2018 came in service although before the hire date.
    worker = await create_worker(client, tokens, national_id=nid(sequence=603), hired_on="2020-03-01")
    earlier = await client.post(f"/v1/workers/{worker['id']}/service-periods", headers=headers, json={
        "community_code": "640104001002", "start": "2016-01-01", "end": "2020-02-29"})
    assert earlier.status_code == 201, earlier.text
    assert (await _add(client, tokens, worker, graduated_on="2018-06-30")).json()["in_service"] is True
    # A break is not bridged: left 2021-01-01, rehired 2023-01-01; a degree of 2022 (in the break) was held when
    # the current service began, so it is the new hire's degree at hiring.
    other = await create_worker(client, tokens, national_id=nid(sequence=605), hired_on="2019-01-01")
    base = f"/v1/workers/{other['id']}"
    assert (await client.post(base + "/status-transitions", headers=headers, json={
        "status": "resigned", "on": "2021-01-01", "reason": "补录：2021年辞职"})).status_code == 201
    assert (await client.post(base + "/rehire", headers=headers, json={
        "community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-01-01", "contract_term_years": 3,
        "reason": "重新聘用"})).status_code == 201
    assert (await _add(client, tokens, other, graduated_on="2022-06-30")).json()["in_service"] is False
    assert (await _add(client, tokens, other, level="doctor", graduated_on="2023-06-30")).json()["in_service"] is True


async def test_an_import_derives_in_service_for_new_and_existing_workers(client, session, tokens):
    await regions(session)
    existing = await create_worker(client, tokens, national_id=nid(sequence=607), name="老员工", hired_on="2020-03-01")
    base = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-04-01", "contract_term_years": 3}
    content = _fill(await _template(client, tokens), [
        {**base, "name": "老员工", "national_id": existing["national_id"], "education_level": "master",
         "graduated_on": "2024-06-30"},                                                     # update: after 2020-03-01
        {**base, "name": "新人甲", "national_id": nid(sequence=609), "education_level": "benke",
         "graduated_on": "2015-07-01"},                                                     # create: before the hire
        {**base, "name": "新人乙", "national_id": nid(sequence=611), "education_level": "benke",
         "graduated_on": "2024-01-15"},                                                     # create: after the hire
    ])
    report = (await _upload(client, tokens, content)).json()
    assert [r["outcome"] for r in report["rows"]] == ["update", "create", "create"], report
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*TOWN))
    assert confirmed.status_code == 200, confirmed.text
    rows = (await session.execute(select(EducationRecord.graduated_on, EducationRecord.in_service)
                                  .where(EducationRecord.level.in_(["master", "benke"]))
                                  .where(EducationRecord.graduated_on >= date(2015, 1, 1)))).all()
    assert sorted((d.isoformat(), flag) for d, flag in rows) == [
        ("2015-07-01", False), ("2024-01-15", True), ("2024-06-30", True)]
