"""ETag versioning, status machine, dated changes and their histories."""

from datetime import date, timedelta

from sqlalchemy import select

from cwm_kit import service_years
from cwm_kit.dates import today_in_china
from registry.models import audit_log
from registry.workers import seniority

from .helpers import create_worker, nid, regions

TOWN = ("township_officer", "640104001")


def years(days: int):
    """Years for `days` served through today (the page's two places), by the kit's one function."""
    today = today_in_china()
    runs = seniority.summary_runs(days, None, today)
    return service_years.display_years(service_years.completed_years(runs, today + timedelta(days=1)))


async def test_patch_needs_if_match_and_second_writer_loses(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    read = await client.get(url, headers=headers)
    etag = read.headers["etag"]
    assert (await client.patch(url, json={"phone": "13900001111"}, headers=headers)).status_code == 428
    first = await client.patch(url, json={"phone": "13900001111"}, headers={**headers, "If-Match": etag})
    assert first.status_code == 200 and first.headers["etag"] != etag
    second = await client.patch(url, json={"phone": "13900002222"}, headers={**headers, "If-Match": etag})
    assert second.status_code == 412
    assert (await client.get(url, headers=headers)).json()["phone"] == "13900001111"


async def test_patch_national_id_rederives_identity(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    corrected = nid(date(1985, 12, 1), 135)
    response = await client.patch(url, json={"national_id": corrected},
                                  headers={**headers, "If-Match": f'"{worker["version"]}"'})
    assert response.status_code == 200, response.text
    assert response.json()["birth_date"] == "1985-12-01" and response.json()["sex"] == "M"
    bad = await client.patch(url, json={"sex": "F"}, headers={**headers, "If-Match": response.headers["etag"]})
    assert bad.status_code == 422


async def test_status_machine(client, session, tokens):
    await regions(session)
    today = today_in_china()
    worker = await create_worker(client, tokens, hired_on=(today - timedelta(days=20)).isoformat(),
                                 probation_end=(today + timedelta(days=100)).isoformat())
    assert worker["status"] == "probation"
    # The record names the statuses the machine allows next, so a form offers only those.
    assert worker["next_statuses"] == ["active", "deceased", "dismissed", "resigned"]
    url = f"/v1/workers/{worker['id']}/status-transitions"
    headers = tokens.headers(*TOWN)
    refused = await client.post(url, json={"status": "seconded", "on": today.isoformat()}, headers=headers)
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "invalid_status_transition" and "probation" in body["message_en"]
    # Statuses in words, never by their codes, in Chinese.
    assert body["message_zh"] == "状态不能从试用期变更为借调（可变更为：在岗、去世、解聘、辞职）"
    assert body["allowed"] == ["active", "deceased", "dismissed", "resigned"]
    ok = await client.post(url, json={"status": "active", "on": (today - timedelta(days=5)).isoformat()},
                           headers=headers)
    assert ok.status_code == 201 and ok.json()["status"] == "active"
    history = ok.json()["status_history"]
    assert [(h["status"], h["to"]) for h in history] == [
        ("probation", (today - timedelta(days=6)).isoformat()), ("active", None)]
    # Not before the current status began, not in the future.
    early = await client.post(url, json={"status": "retired", "on": (today - timedelta(days=10)).isoformat()},
                              headers=headers)
    assert early.status_code == 422 and early.json()["errors"][0]["code"] == "date_before_current"
    future = await client.post(url, json={"status": "retired", "on": (today + timedelta(days=1)).isoformat()},
                               headers=headers)
    assert future.status_code == 422
    resigned = await client.post(url, json={"status": "resigned", "on": today.isoformat(), "reason": "个人原因"},
                                 headers=headers)
    assert resigned.status_code == 201 and resigned.json()["exit_date"] == today.isoformat()
    assert resigned.json()["service_periods"][0]["end"] is not None
    assert resigned.json()["next_statuses"] == []
    again = await client.post(url, json={"status": "active", "on": today.isoformat()}, headers=headers)
    assert again.status_code == 422 and again.json()["allowed"] == []


async def test_backdated_change_needs_a_reason_which_is_audited(client, session, tokens):
    await regions(session)
    today = today_in_china()
    worker = await create_worker(client, tokens, hired_on=(today - timedelta(days=80)).isoformat(),
                                 probation_end=(today + timedelta(days=60)).isoformat())
    url = f"/v1/workers/{worker['id']}/status-transitions"
    headers = tokens.headers(*TOWN)
    old = (today - timedelta(days=70)).isoformat()
    refused = await client.post(url, json={"status": "active", "on": old}, headers=headers)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "reason"
    recent = (today - timedelta(days=20)).isoformat()
    assert (await client.post(url, json={"status": "active", "on": recent}, headers=headers)).status_code == 201
    left = await client.post(url, json={"status": "resigned", "on": recent, "reason": "补录辞职"}, headers=headers)
    assert left.status_code == 201
    rows = (await session.execute(select(audit_log.c.action, audit_log.c.reason)
                                  .where(audit_log.c.worker_id == worker["id"],
                                         audit_log.c.entity == "worker").order_by(audit_log.c.id))).all()
    assert [tuple(r) for r in rows] == [("worker.create", None), ("worker.status", None), ("worker.status", "补录辞职")]


async def test_seconded_is_set_only_through_a_secondment(client, session, tokens):
    """Attack: a direct status change to "seconded" would skip the secondment's approval, its 3-month limit and
    the per-community maximum (which count only secondment records): refused, naming status and the workflow."""
    from registry.workers.models import StatusPeriod, Worker

    await regions(session)
    worker = await create_worker(client, tokens)  # active since 2020-03-01
    assert "seconded" not in worker["next_statuses"]  # a form does not offer it
    url = f"/v1/workers/{worker['id']}/status-transitions"
    audit_rows = select(audit_log.c.id).where(audit_log.c.worker_id == worker["id"])
    audited_before = len((await session.execute(audit_rows)).all())
    refused = await client.post(url, json={"status": "seconded", "on": today_in_china().isoformat()},
                                headers=tokens.headers(*TOWN))
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert body["code"] == "secondment_workflow_only" and body["rule"] == "secondment_workflow"
    assert body["errors"][0]["field"] == "status" and "/v1/secondments" in body["message_en"]
    assert "借调" in body["message_zh"]
    # Nothing written: status, its history and the audit trail as they were.
    stored = await session.get(Worker, worker["id"])
    await session.refresh(stored)
    assert stored.status == "active"
    periods = (await session.scalars(select(StatusPeriod).where(StatusPeriod.worker_id == stored.id))).all()
    assert [p.status for p in periods] == ["active"]
    assert len((await session.execute(audit_rows)).all()) == audited_before


async def test_post_change_history_and_yijiantiao(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    base = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    on = (today_in_china() - timedelta(days=3)).isoformat()
    refused = await client.post(base + "/yijiantiao", json={"holds": True, "on": on}, headers=headers)
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "yijiantiao_needs_head_post"
    wrong = await client.post(base + "/post-changes", json={"post": "ss_head", "on": on}, headers=headers)
    assert wrong.status_code == 422
    moved = await client.post(base + "/post-changes", json={"post": "nx_head", "on": on, "head_role": "director"},
                              headers=headers)
    assert moved.status_code == 201
    # The post history lists the office held on a head post, as the record does.
    listed = (await client.get(base + "/post-changes", headers=headers)).json()
    assert [(p["post"], p["head_role"]) for p in listed] == [("nx_staff", None), ("nx_head", "director")]
    assert [(p["post"], p["to"]) for p in moved.json()["post_history"]] == [
        ("nx_staff", (today_in_china() - timedelta(days=4)).isoformat()), ("nx_head", None)]
    both = await client.post(base + "/yijiantiao", json={"holds": True, "on": on}, headers=headers)
    assert both.status_code == 201 and both.json()["yijiantiao"] is True
    # Leaving the head post ends 一肩挑.
    today = today_in_china().isoformat()
    back = await client.post(base + "/post-changes", json={"post": "nx_deputy", "on": today}, headers=headers)
    assert back.json()["yijiantiao"] is False
    assert back.json()["yijiantiao_history"][0]["to"] is not None


async def test_service_periods_feed_cumulative_years(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2022-01-01")
    base = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    for period in [{"community_code": "640104002001", "start": "2015-01-01", "end": "2017-12-31"},
                   {"community_code": "640104002001", "start": "2017-06-01", "end": "2018-03-31"},
                   {"community_code": "150404001001", "start": "2018-06-01", "end": "2021-06-30"}]:
        assert (await client.post(base + "/service-periods", json=period, headers=headers)).status_code == 201
    again = await client.post(base + "/service-periods", json={"community_code": "640104001002", "start": "2022-05-01"},
                              headers=headers)
    assert again.status_code == 422 and again.json()["errors"][0]["code"] == "already_serving"
    detail = (await client.get(base, headers=headers)).json()
    days = 1096 + 90 + (today_in_china() - date(2022, 1, 1)).days + 1
    assert detail["cumulative_service_years"] == str(years(days))
    min_years = float(years(days)) - 0.01
    listed = (await client.get(f"/v1/workers?min_years={min_years}", headers=headers)).json()
    assert [w["id"] for w in listed["items"]] == [worker["id"]]
    listed = (await client.get(f"/v1/workers?min_years={min_years + 0.02}", headers=headers)).json()
    assert listed["items"] == []


async def test_transfer_moves_community_and_keeps_years(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2022-01-01")
    base = f"/v1/workers/{worker['id']}"
    on = (today_in_china() - timedelta(days=2)).isoformat()
    # A township officer cannot move someone out of their township.
    town = tokens.headers(*TOWN)
    assert (await client.post(base + "/transfers", json={"community_code": "640104002001", "on": on},
                              headers=town)).status_code == 404
    county = tokens.headers("county_officer", "640104")
    moved = await client.post(base + "/transfers", json={"community_code": "640104002001", "on": on}, headers=county)
    assert moved.status_code == 201, moved.text
    assert moved.json()["community_code"] == "640104002001"
    assert [p["end"] for p in moved.json()["service_periods"]] == [
        (today_in_china() - timedelta(days=3)).isoformat(), None]
    # Contiguous periods across communities: not one day lost or double-counted.
    assert moved.json()["cumulative_service_years"] == worker["cumulative_service_years"]
    assert (await client.get(base, headers=town)).status_code == 404


async def test_delete_mistaken_fact_recomputes_and_audits(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    base = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    added = await client.post(base + "/education", headers=headers,
                              json={"level": "master", "graduated_on": "2018-07-01", "in_service": True})
    assert added.status_code == 201
    assert (await client.get(base, headers=headers)).json()["education_level"] == "master"
    other = tokens.headers("township_officer", "640104002")
    assert (await client.delete(f"{base}/education/{added.json()['id']}", headers=other)).status_code == 404
    auditor = tokens.headers("auditor", "640104")
    assert (await client.delete(f"{base}/education/{added.json()['id']}", headers=auditor)).status_code == 403
    assert (await client.delete(f"{base}/honours/{added.json()['id']}", headers=headers)).status_code == 404
    assert (await client.delete(f"{base}/education/{added.json()['id']}", headers=headers)).status_code == 204
    assert (await client.get(base, headers=headers)).json()["education_level"] == "benke"
    rows = (await session.execute(select(audit_log.c.action, audit_log.c.before)
                                  .where(audit_log.c.worker_id == worker["id"]).order_by(audit_log.c.id))).all()
    assert rows[-1][0] == "worker.education.delete" and rows[-1][1]["level"] == "master"


async def test_rehire_after_exit_keeps_the_break(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2020-01-01")
    base = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    not_yet = await client.post(base + "/rehire", headers=headers,
                                json={"community_code": "640104001002", "post": "nx_staff", "hired_on": "2024-01-01",
                                      "contract_term_years": 3})
    assert not_yet.status_code == 422 and not_yet.json()["code"] == "not_rehirable"
    assert not_yet.json()["message_zh"].endswith("当前状态：在岗")
    left = await client.post(base + "/status-transitions", headers=headers,
                             json={"status": "resigned", "on": "2022-01-01", "reason": "补录：2022年辞职"})
    assert left.status_code == 201
    early = await client.post(base + "/rehire", headers=headers, json={
        "community_code": "640104001002", "post": "nx_staff", "hired_on": "2021-06-01", "contract_term_years": 3})
    assert early.status_code == 422 and early.json()["errors"][0]["code"] == "rehire_before_exit"
    back = await client.post(base + "/rehire", headers=headers, json={
        "community_code": "640104001002", "post": "nx_staff", "hired_on": "2023-01-01", "contract_term_years": 3,
        "reason": "重新聘用"})
    assert back.status_code == 201, back.text
    body = back.json()
    assert (body["status"], body["exit_date"], body["community_code"]) == ("active", None, "640104001002")
    assert body["contract"]["end"] == "2025-12-31"
    assert [(s["status"], s["from"], s["to"]) for s in body["status_history"]] == [
        ("active", "2020-01-01", "2021-12-31"), ("resigned", "2022-01-01", "2022-12-31"), ("active", "2023-01-01", None)]
    # 2020-01-01..2021-12-31 (731 d) + 2023-01-01..today; 2022 is a break.
    assert body["cumulative_service_years"] == str(years(731 + (today_in_china() - date(2023, 1, 1)).days + 1))
    county = tokens.headers("county_officer", "640104")
    import json as _json

    def ids(response):
        return [_json.loads(line)["worker_id"] for line in response.text.splitlines() if line]

    # In the facts of both contracts' months, not of the break.
    assert ids(await client.get("/v1/workers/facts?region=640104&as_of=2021-06-30", headers=county)) == [worker["id"]]
    assert ids(await client.get("/v1/workers/facts?region=640104&as_of=2022-06-30", headers=county)) == []
    assert ids(await client.get("/v1/workers/facts?region=640104&as_of=2022-01-31", headers=county)) == [worker["id"]]
    assert ids(await client.get("/v1/workers/facts?region=640104&as_of=2023-03-31", headers=county)) == [worker["id"]]


async def test_closed_period_starting_the_same_day_as_the_open_one_is_accepted(client, session, tokens):
    # Regression: seniority sorted None against a date (TypeError → 500).
    await regions(session)
    worker = await create_worker(client, tokens, hired_on="2022-01-01")
    base = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*TOWN)
    same_day = {"community_code": "640104001002", "start": "2022-01-01", "end": "2022-03-31"}
    response = await client.post(base + "/service-periods", json=same_day, headers=headers)
    assert response.status_code == 201, response.text
    detail = (await client.get(base, headers=headers)).json()
    assert detail["cumulative_service_years"] == str(years((today_in_china() - date(2022, 1, 1)).days + 1))
