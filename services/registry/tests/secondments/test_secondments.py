from sqlalchemy import select

from cwm_kit.dates import today_in_china
from registry.models import audit_log
from registry.secondments.service import last_allowed_end
from registry.seed import seed_regions

from ..quota.factories import make_worker

COMMUNITY = "640104001001"
TOWN = "640104001"


def body(worker, **overrides):
    values = {"worker_id": str(worker.id), "start_date": "2026-03-01", "end_date": "2026-05-31",
              "borrower": "城关街道办事处", "borrower_level": "township", "approving_department": "兴庆区委社会工作部",
              "approval_reference": "兴社工〔2026〕3号"}
    return {**values, **overrides}


def test_three_months_end_on_the_day_before():
    from datetime import date

    assert last_allowed_end(date(2026, 3, 1), 3) == date(2026, 5, 31)
    assert last_allowed_end(date(2026, 11, 30), 3) == date(2027, 2, 28)  # no 30 February: the month's end
    assert last_allowed_end(date(2026, 1, 31), 1) == date(2026, 2, 28)


SS_COMMUNITY = "150404001001"
SS_TOWN = "150404001"
# SS 二(四)2: reviewed by the district civil-affairs bureau, approved by the district government.
SS_APPROVALS = [{"step": "review", "body": "松山区民政局", "reference": "松民审〔2026〕1号"},
                {"step": "approve", "body": "松山区人民政府", "reference": "松政批〔2026〕2号"}]


def ss_body(worker, **overrides):
    return {**body(worker, approving_department=None, approval_reference=None), "approvals": SS_APPROVALS, **overrides}


async def test_each_secondment_rule_is_refused_by_name(client, session, tokens):
    """Songshan (150404): CENTRAL §17's borrower and approval rules, IM art.24's 3 months, SS's 2 per community."""
    await seed_regions(session)
    workers = [await make_worker(session, SS_COMMUNITY) for _ in range(4)]
    town = tokens.headers("township_officer", SS_TOWN, subject="ss_town")

    county_organ = await client.post("/v1/secondments", json=ss_body(workers[0], borrower="松山区民政局",
                                                                   borrower_level="county"), headers=town)
    assert county_organ.status_code == 409 and county_organ.json()["code"] == "secondment_borrower_level"
    assert "县级及以上" in county_organ.json()["message_zh"] and "county-level" in county_organ.json()["message_en"]

    too_long = await client.post("/v1/secondments", json=ss_body(workers[0], end_date="2026-06-01"), headers=town)
    assert too_long.status_code == 409 and too_long.json()["code"] == "secondment_too_long"
    assert "2026-05-31" in too_long.json()["message_en"]
    assert too_long.json()["rule"]["stated_by"]["region_prefix"] == "15"
    assert too_long.json()["rule"]["stated_by"]["source"] == "IM art.24"

    unapproved = await client.post("/v1/secondments", json=ss_body(workers[0], approvals=None), headers=town)
    assert unapproved.status_code == 409 and unapproved.json()["code"] == "secondment_approval_missing"

    # All the broken rules are named at once.
    everything = await client.post("/v1/secondments", json=ss_body(workers[0], borrower_level="city",
                                                                    end_date="2026-12-31", approvals=[]),
                                   headers=town)
    assert {e["code"] for e in everything.json()["errors"]} == {
        "secondment_borrower_level", "secondment_too_long", "secondment_approval_missing"}

    first = await client.post("/v1/secondments", json=ss_body(workers[0]), headers=town)
    assert first.status_code == 201, first.text
    second = await client.post("/v1/secondments", json=ss_body(workers[1], start_date="2026-04-15",
                                                            end_date="2026-07-14"), headers=town)
    assert second.status_code == 201
    third = await client.post("/v1/secondments", json=ss_body(workers[2], start_date="2026-05-30",
                                                           end_date="2026-06-30"), headers=town)
    assert third.status_code == 409 and third.json()["code"] == "secondment_community_limit"
    assert third.json()["rule"]["params"]["max_concurrent_per_community"] == 2
    assert third.json()["rule"]["stated_by"]["region_prefix"] == "150404"
    # After both end, the community may lend again.
    later = await client.post("/v1/secondments", json=ss_body(workers[2], start_date="2026-07-15",
                                                           end_date="2026-08-31"), headers=town)
    assert later.status_code == 201
    again = await client.post("/v1/secondments", json=ss_body(workers[0], start_date="2026-05-01",
                                                           end_date="2026-05-20"), headers=town)
    assert again.status_code == 409 and {e["code"] for e in again.json()["errors"]} >= {"secondment_worker_overlap"}

    actions = (await session.scalars(select(audit_log.c.actor).where(audit_log.c.action == "secondment.create"))).all()
    assert actions == ["ss_town"] * 3


async def test_ningxia_is_not_limited_by_inner_mongolian_or_songshan_numbers(client, session, tokens):
    """The attack of issue 13: IM's 3 months and SS's 2 per community are not Ningxia's rules. Ningxia keeps the
    national ones (no county-level borrower, approval by the county social-work department)."""
    await seed_regions(session)
    workers = [await make_worker(session, COMMUNITY) for _ in range(3)]
    town = tokens.headers("township_officer", TOWN, subject="xq_town")
    for worker in workers:  # three at once, each for four months
        created = await client.post("/v1/secondments", json=body(worker, end_date="2026-06-30"), headers=town)
        assert created.status_code == 201, created.text
    county = await client.post("/v1/secondments", json=body(workers[0], start_date="2026-08-01",
                                                            end_date="2026-08-31", borrower_level="county"),
                               headers=town)
    assert county.status_code == 409 and county.json()["code"] == "secondment_borrower_level"
    assert county.json()["rule"]["region_prefix"] == ""


async def test_secondment_jurisdiction(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, COMMUNITY)
    other_town = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/secondments", json=body(worker), headers=other_town)).status_code == 404
    auditor = tokens.headers("auditor", "640104")
    assert (await client.post("/v1/secondments", json=body(worker), headers=auditor)).status_code == 403
    bad = await client.post("/v1/secondments", json=body(worker, end_date="2026-01-01", colour="red"),
                            headers=tokens.headers("township_officer", TOWN))
    assert bad.status_code == 422
    listing = await client.get("/v1/secondments", headers=other_town)
    assert listing.status_code == 200 and listing.json() == []


async def test_current_secondment_sets_status_and_return_restores_it(client, session, tokens):
    from datetime import timedelta

    from registry.workers.models import Worker

    await seed_regions(session)
    worker = await make_worker(session, COMMUNITY)
    today = today_in_china()
    town = tokens.headers("township_officer", TOWN)
    start = today - timedelta(days=10)
    created = await client.post("/v1/secondments", json=body(worker, start_date=start.isoformat(),
                                                             end_date=(start + timedelta(days=60)).isoformat()),
                                headers=town)
    assert created.status_code == 201, created.text
    await session.refresh(worker)
    assert worker.status == "seconded" and worker.status_since == start
    secondment_id = created.json()["id"]
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post(f"/v1/secondments/{secondment_id}/end", json={"on": today.isoformat()},
                              headers=other)).status_code == 404
    too_early = await client.post(f"/v1/secondments/{secondment_id}/end", json={"on": start.isoformat()},
                                  headers=town)
    assert too_early.status_code == 422
    ended = await client.post(f"/v1/secondments/{secondment_id}/end", json={"on": today.isoformat()}, headers=town)
    assert ended.status_code == 200 and ended.json()["end_date"] == (today - timedelta(days=1)).isoformat()
    refreshed = await session.get(Worker, worker.id)
    await session.refresh(refreshed)
    assert refreshed.status == "active" and refreshed.status_since == today


async def test_implausible_dates_are_422_not_500(client, session, tokens):
    # Regression (found reviewing the fuzz targets): a start in 9999 made the length rule compute a date in
    # year 10000 (ValueError → 500).
    await seed_regions(session)
    worker = await make_worker(session, COMMUNITY)
    town = tokens.headers("township_officer", TOWN, subject="xq_town")
    for dates in ({"start_date": "9999-12-01", "end_date": "9999-12-31"},
                  {"start_date": "0001-01-01", "end_date": "0001-02-01"}):
        response = await client.post("/v1/secondments", json=body(worker, **dates), headers=town)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] in ("start_date", "end_date")


async def test_back_to_back_secondments_count_together_against_the_three_months(client, session, tokens):
    """IM art.24 「借调时间不得超过3个月」 is the worker's time on secondment: a second secondment starting the day
    after the first ended continues it (the attack: three 1-month secondments end to end = 3 months + 1)."""
    await seed_regions(session)
    worker = await make_worker(session, SS_COMMUNITY)
    town = tokens.headers("township_officer", SS_TOWN, subject="ss_town")
    for start, end in (("2026-03-01", "2026-03-31"), ("2026-04-01", "2026-04-30")):
        created = await client.post("/v1/secondments", json=ss_body(worker, start_date=start, end_date=end),
                                    headers=town)
        assert created.status_code == 201, created.text
    attack = await client.post("/v1/secondments", json=ss_body(worker, start_date="2026-05-01",
                                                            end_date="2026-06-01"), headers=town)
    assert attack.status_code == 409 and attack.json()["code"] == "secondment_too_long"
    assert "2026-03-01" in attack.json()["message_en"] and "2026-05-31" in attack.json()["message_en"]
    assert attack.json()["rule"]["stated_by"]["source"] == "IM art.24"
    assert "back-to-back" in attack.json()["rule"]["stated_by"]["clause"]
    # Filling the gap before a later secondment joins the two as well.
    later = await client.post("/v1/secondments", json=ss_body(worker, start_date="2026-07-01", end_date="2026-08-31"),
                              headers=town)
    assert later.status_code == 201
    bridge = await client.post("/v1/secondments", json=ss_body(worker, start_date="2026-05-01", end_date="2026-06-30"),
                               headers=town)
    assert bridge.status_code == 409 and bridge.json()["code"] == "secondment_too_long"
    assert "2026-08-31" in bridge.json()["message_en"]
    # Up to the limit is fine (June then July–August = 3 months); after a break the worker may go again.
    june = await client.post("/v1/secondments", json=ss_body(worker, start_date="2026-06-01", end_date="2026-06-30"),
                             headers=town)
    assert june.status_code == 201, june.text
    after_break = await client.post("/v1/secondments", json=ss_body(worker, start_date="2026-09-02",
                                                                  end_date="2026-11-30"), headers=town)
    assert after_break.status_code == 201, after_break.text


async def test_two_per_community_is_the_most_on_any_one_day(client, session, tokens):
    """SS 「同一时期同一社区借调人员不得超过2人」 counts the most seconded on one day: two secondments that do not
    overlap each other may both overlap a third's period; a third on a day two are already out is refused."""
    await seed_regions(session)
    workers = [await make_worker(session, SS_COMMUNITY) for _ in range(4)]
    town = tokens.headers("township_officer", SS_TOWN, subject="ss_town")
    assert (await client.post("/v1/secondments", json=ss_body(workers[0], start_date="2026-03-01",
                                                           end_date="2026-03-31"), headers=town)).status_code == 201
    assert (await client.post("/v1/secondments", json=ss_body(workers[1], start_date="2026-04-10",
                                                           end_date="2026-04-30"), headers=town)).status_code == 201
    # Overlaps both periods, but on no day are more than 2 out.
    spanning = await client.post("/v1/secondments", json=ss_body(workers[2], start_date="2026-03-15",
                                                              end_date="2026-05-14"), headers=town)
    assert spanning.status_code == 201, spanning.text
    # On 2026-04-10 two are out (workers 1 and 2): the fourth is refused, naming the day.
    crowded = await client.post("/v1/secondments", json=ss_body(workers[3], start_date="2026-04-05",
                                                             end_date="2026-04-12"), headers=town)
    assert crowded.status_code == 409 and crowded.json()["code"] == "secondment_community_limit"
    assert "2026-04-10" in crowded.json()["message_en"]
    assert crowded.json()["rule"]["stated_by"]["region_prefix"] == "150404"
    between = await client.post("/v1/secondments", json=ss_body(workers[3], start_date="2026-04-01",
                                                            end_date="2026-04-09"), headers=town)
    assert between.status_code == 201, between.text


def test_joined_period_and_most_on_one_day():
    from datetime import date

    from registry.secondments.service import joined_period, most_on_one_day

    d = date.fromisoformat
    assert joined_period(d("2026-04-01"), d("2026-04-30"), [(d("2026-03-01"), d("2026-03-31"))], 1) == (
        d("2026-03-01"), d("2026-04-30"))
    assert joined_period(d("2026-04-02"), d("2026-04-30"), [(d("2026-03-01"), d("2026-03-31"))], 1) == (
        d("2026-04-02"), d("2026-04-30"))
    assert most_on_one_day(d("2026-03-01"), d("2026-05-31"), [(d("2026-03-01"), d("2026-03-31")),
                                                              (d("2026-04-01"), d("2026-04-30"))]) == (1, d("2026-03-01"))


async def test_songshan_secondment_needs_the_review_and_the_approval_its_text_names(client, session, tokens):
    """SS 二(四)2 「须经区民政局审核、区政府批准」: both steps, each with its body, as the rule's data; the national
    single approval (Ningxia) is not enough in Songshan, and a Ningxia request is not held to Songshan's steps."""
    await seed_regions(session)
    ss_worker = await make_worker(session, SS_COMMUNITY)
    town = tokens.headers("township_officer", SS_TOWN, subject="ss_town")

    only_one = await client.post("/v1/secondments", json=body(ss_worker), headers=town)
    assert only_one.status_code == 409 and only_one.json()["code"] == "secondment_approval_missing"
    error = only_one.json()["errors"][0]
    assert error["field"] == "approving_department"
    assert "区民政局审核、区政府批准" in error["message_zh"] and "缺少：区民政局审核" in error["message_zh"]
    assert "district civil-affairs bureau" in error["message_en"]
    assert only_one.json()["rule"]["stated_by"]["region_prefix"] == "150404"

    approval_only = await client.post("/v1/secondments", json=ss_body(ss_worker, approvals=SS_APPROVALS[1:]),
                                      headers=town)
    assert approval_only.status_code == 409
    assert approval_only.json()["errors"][0]["field"] == "approvals"
    assert "缺少：区民政局审核" in approval_only.json()["errors"][0]["message_zh"]
    bad_step = await client.post("/v1/secondments", json=ss_body(ss_worker, approvals=[
        {"step": "rubber-stamp", "body": "某部门"}]), headers=town)
    assert bad_step.status_code == 422

    created = await client.post("/v1/secondments", json=ss_body(ss_worker), headers=town)
    assert created.status_code == 201, created.text
    record = created.json()
    assert record["approving_department"] == "松山区人民政府"
    assert record["approval_reference"] == "松政批〔2026〕2号"
    assert [(a["step"], a["body"]) for a in record["approvals"]] == [("review", "松山区民政局"),
                                                                     ("approve", "松山区人民政府")]

    rules = await client.get("/v1/management-rules?region=150404001001", headers=town)
    limits = next(r for r in rules.json() if r["kind"] == "secondment.limits")
    assert [s["body_zh"] for s in limits["params"]["approvals"]] == ["区民政局", "区政府"]
    assert limits["provenance"]["approvals"]["region_prefix"] == "150404"

    nx_worker = await make_worker(session, COMMUNITY)
    nx = await client.post("/v1/secondments", json=body(nx_worker), headers=tokens.headers("township_officer", TOWN))
    assert nx.status_code == 201, nx.text
    assert nx.json()["approvals"] == [{"step": "approve", "body": "兴庆区委社会工作部", "reference": "兴社工〔2026〕3号"}]
