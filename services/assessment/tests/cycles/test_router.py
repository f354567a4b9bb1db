import re
import uuid
from datetime import date

from sqlalchemy import select

from assessment.cycles.service import assessee_from_facts, in_post_long_enough
from assessment.models import audit_log

from ..conftest import COMMUNITY_B, known

COUNTY, TOWN, COMMUNITY, COMMUNITY_OTHER_TOWN = "640104", "640104001", "640104001001", "640104002001"


async def test_open_cycle_fills_the_plan_from_the_defaults_and_is_audited(client, flow, session):
    cycle = await flow.open_cycle(2024, excellent_quota_percent="20")
    plan = cycle["plan"]
    assert [d["code"] for d in plan["dimensions"]] == ["political_quality", "work_performance",
                                                        "residents_satisfaction"]
    assert sum(int(d["weight"].split(".")[0]) for d in plan["dimensions"]) == 100
    assert plan["excellent_quota_percent"] == "20" and plan["excellent_quota_rounding"] == "floor"
    assert plan["deadlines"]["notice_days"] == 5 and plan["required_months"] == 6
    assert cycle["deadlines"] == {"proposal": "2025-01-15", "decision": "2025-01-31", "notice_days": 5}
    row = (await session.execute(select(audit_log).where(audit_log.c.entity_id == cycle["id"]))).mappings().one()
    assert row["action"] == "cycle.open" and row["actor"] == "county_officer:640104"
    again = await client.post("/v1/cycles", json={"year": 2024, "county_code": COUNTY, "plan": {}},
                              headers=flow.county)
    assert again.status_code == 409 and again.json()["code"] == "cycle_exists"
    assert again.json()["message_zh"] == "兴庆区的 2024 年度考核已开启"  # the county by name


async def test_plan_rules_are_refused_per_field(client, flow):
    bad = await client.post("/v1/cycles", headers=flow.county, json={
        "year": 2024, "county_code": COUNTY, "plan": {
            "dimensions": [{"code": "political_quality", "name_zh": "政治素质", "weight": "30"},
                           {"code": "work_performance", "name_zh": "工作实绩", "weight": "40"},
                           {"code": "residents_satisfaction", "name_zh": "居民满意度", "weight": "20"}],
            "thresholds": [{"result": "合格", "min_score": "70"}, {"result": "优秀", "min_score": "90"}],
            "deadlines": {"proposal": "02-30", "decision": "01-31", "notice_days": 0},
            "excellent_quota_percent": "150", "colour": "red"}})
    assert bad.status_code == 422
    errors = {e["field"]: e for e in bad.json()["errors"]}
    assert set(errors) == {"plan.dimensions", "plan.thresholds", "plan.excellent_quota_percent", "plan.colour",
                           "plan.deadlines.proposal", "plan.deadlines.notice_days"}
    assert "90" in errors["plan.dimensions"]["message_en"] and "100" in errors["plan.dimensions"]["message_zh"]
    no_plan = await client.post("/v1/cycles", json={"year": 2030, "county_code": COUNTY}, headers=flow.county)
    # Ningxia's county gets no 优秀 share and no absence rule by default: those are Songshan's (issue 13).
    assert no_plan.status_code == 201 and no_plan.json()["plan"]["excellent_quota_percent"] is None
    assert no_plan.json()["plan"]["absence_exit"] is None


def test_songshan_numbers_are_songshans_defaults_only():
    from assessment.cycles.schemas import default_plan

    on = date(2025, 12, 31)
    songshan = default_plan("150404", on)
    assert songshan["excellent_quota_percent"] == "15"
    assert songshan["absence_exit"] == {"consecutive_days": 15, "total_days_over": 30}
    # A version's particulars (its effective date, the clause of each limit) are not plan keys.
    assert not {"effective_from", "effective_source", "clauses"} & songshan.keys()
    for other in ("640104", "150102", ""):
        assert "excellent_quota_percent" not in default_plan(other, on)
        assert "absence_exit" not in default_plan(other, on)


def test_every_version_of_the_defaults_has_its_effective_date_and_every_limit_its_clause():
    """POLICY §0: every rule has an effective date. A limit a version states is cited by its own clause, of a text
    named in Chinese (`documents`)."""
    from assessment.cycles.schemas import TEXT_LIMIT_KEYS, _plan_defaults

    data = _plan_defaults()
    for prefix, versions in data["by_prefix"].items():
        assert versions and isinstance(versions, list), prefix
        for version in versions:
            date.fromisoformat(version["effective_from"])
            for key in TEXT_LIMIT_KEYS:
                if version.get(key) is not None:
                    clause = version["clauses"][key]
                    assert clause["clause"] and clause["document"] in data["documents"], (prefix, key)
    assert data["by_prefix"]["150404"][0]["effective_from"] == "2022-01-01"  # SS 三(四)


def test_songshans_numbers_apply_from_the_day_its_text_took_effect():
    """SS 三(四): 「本方案自2022年1月1日起试行」. Before it, Songshan has the national defaults only."""
    from assessment.cycles.schemas import default_plan, text_limits

    before, since = default_plan("150404", date(2021, 12, 31)), default_plan("150404", date(2022, 1, 1))
    assert "excellent_quota_percent" not in before and "absence_exit" not in before
    assert before["dimensions"] == since["dimensions"]  # the national defaults hold for every year
    assert since["excellent_quota_percent"] == "15"
    assert text_limits("150404", date(2021, 12, 31)) == {}
    assert {k: (v.value, v.effective_from) for k, v in text_limits("150404", date(2022, 12, 31)).items()} == {
        "excellent_quota_percent": ("15", "2022-01-01"),
        "absence_exit": ({"consecutive_days": 15, "total_days_over": 30}, "2022-01-01")}


async def test_a_songshan_plan_may_be_stricter_than_the_text_never_looser(client, tokens):
    """SS 二(四)4 caps 优秀 at 15% of those assessed and 二(四)5 makes 15 consecutive / more than 30 days' absence an
    exit case: Songshan's own plan may set a lower share and shorter absences, not more, nor none."""
    songshan = tokens.headers("county_officer", "150404")

    async def opening(year, **plan):
        return await client.post("/v1/cycles", headers=songshan,
                                 json={"year": year, "county_code": "150404", "plan": plan})

    looser = await opening(2025, excellent_quota_percent="60", absence_exit=None)
    assert looser.status_code == 422, looser.text
    assert looser.headers["content-type"].startswith("application/problem+json")
    errors = {e["field"]: e for e in looser.json()["errors"]}
    assert set(errors) == {"plan.excellent_quota_percent", "plan.absence_exit"}
    quota = errors["plan.excellent_quota_percent"]
    assert (quota["code"], quota["limit"]) == ("looser_than_policy", "15")
    assert "15%" in quota["message_zh"] and "15%" in quota["message_en"]
    assert "SS 二(四)4" in quota["source"] and "SS 二(四)4" in quota["message_en"]
    assert "二(四)5" in errors["plan.absence_exit"]["message_en"]
    no_cap = await opening(2025, excellent_quota_percent=None)
    assert [e["field"] for e in no_cap.json()["errors"]] == ["plan.excellent_quota_percent"]
    # half_up or ceil would let 15% of 10 assessed (1.5) become 2 优秀, i.e. 20%.
    rounded_up = await opening(2025, excellent_quota_rounding="ceil")
    assert [e["field"] for e in rounded_up.json()["errors"]] == ["plan.excellent_quota_rounding"]
    longer = await opening(2025, absence_exit={"consecutive_days": 16, "total_days_over": 31})
    assert [(e["field"], e["limit"]) for e in longer.json()["errors"]] == [
        ("plan.absence_exit.consecutive_days", 15), ("plan.absence_exit.total_days_over", 30)]
    assert (await client.get("/v1/cycles", headers=songshan)).json() == []  # nothing of the refused ones kept
    stricter = await opening(2025, excellent_quota_percent="10", absence_exit={"consecutive_days": 10,
                                                                               "total_days_over": 20})
    assert stricter.status_code == 201, stricter.text
    plan = stricter.json()["plan"]
    assert (plan["excellent_quota_percent"], plan["absence_exit"]) == ("10", {"consecutive_days": 10,
                                                                              "total_days_over": 20})
    as_the_text = await opening(2026)
    assert as_the_text.status_code == 201 and as_the_text.json()["plan"]["excellent_quota_percent"] == "15"


async def test_each_refusal_cites_its_own_clause_by_the_texts_chinese_name_and_the_county_by_name(client, tokens):
    """The Chinese message names the text as a reader knows it (松山区《社区工作者职业体系建设实施方案》, not "SS"), only
    the clause stating its own limit (the share refusal does not quote the absence clause, nor the other way), and the
    county by name; the English message and `source` keep the short name."""
    songshan = tokens.headers("county_officer", "150404")
    looser = await client.post("/v1/cycles", headers=songshan, json={
        "year": 2025, "county_code": "150404",
        "plan": {"excellent_quota_percent": "60", "excellent_quota_rounding": "ceil",
                 "absence_exit": {"consecutive_days": 16, "total_days_over": 30}}})
    assert looser.status_code == 422, looser.text
    errors = {e["field"]: e for e in looser.json()["errors"]}
    assert set(errors) == {"plan.excellent_quota_percent", "plan.excellent_quota_rounding",
                           "plan.absence_exit.consecutive_days"}
    text = "松山区《社区工作者职业体系建设实施方案》"
    for field in ("plan.excellent_quota_percent", "plan.excellent_quota_rounding"):
        zh = errors[field]["message_zh"]
        assert zh.startswith("松山区适用的政策规定优秀等次不超过") and f"{text}二(四)4「" in zh, zh
        assert "15%」" in zh and "二(四)5" not in zh and "旷工" not in zh
        assert errors[field]["source"] == "SS 二(四)4 「其中优秀等次原则上不超过社区工作人员总数的15%」"
        assert "(SS 二(四)4 「" in errors[field]["message_en"] and "二(四)5" not in errors[field]["message_en"]
    absence = errors["plan.absence_exit.consecutive_days"]
    assert f"{text}二(四)5「一年内连续旷工15天或累计旷工超过30天的」" in absence["message_zh"]
    assert "二(四)4" not in absence["message_zh"] and "15%" not in absence["message_zh"]
    assert absence["source"].startswith("SS 二(四)5 「") and "二(四)4" not in absence["source"]
    for error in errors.values():
        # No Latin letters in a Chinese message (no "SS", no "floor"), and no bare county code.
        assert not re.search(r"[A-Za-z]", error["message_zh"]) and "150404" not in error["message_zh"]
    dropped = await client.post("/v1/cycles", headers=songshan,
                                json={"year": 2025, "county_code": "150404", "plan": {"absence_exit": None}})
    [error] = dropped.json()["errors"]
    assert error["message_zh"].startswith("松山区适用的政策规定连续旷工 15 天或一年累计超过 30 天属退出情形")
    assert f"{text}二(四)5「" in error["message_zh"] and "二(四)4" not in error["message_zh"]


async def test_a_county_the_registry_cannot_name_is_named_by_its_code(client, tokens, registry_app):
    registry_app.state.regions.pop("150404")
    refused = await client.post("/v1/cycles", headers=tokens.headers("county_officer", "150404"),
                                json={"year": 2025, "county_code": "150404", "plan": {"excellent_quota_percent": "20"}})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["message_zh"].startswith("150404适用的政策规定优秀等次不超过")


async def test_a_cycle_follows_the_texts_in_force_in_its_year(client, tokens):
    """Songshan's text took effect on 2022-01-01 (SS 三(四)): a 2021 cycle is not held to its 15% cap or its absence
    rule, nor given them by default; a 2022 or 2025 cycle is."""
    songshan = tokens.headers("county_officer", "150404")
    loose = {"excellent_quota_percent": "60", "absence_exit": None}
    before = await client.post("/v1/cycles", headers=songshan,
                               json={"year": 2021, "county_code": "150404", "plan": loose})
    assert before.status_code == 201, before.text
    assert (before.json()["plan"]["excellent_quota_percent"], before.json()["plan"]["absence_exit"]) == ("60", None)
    defaults_2020 = await client.post("/v1/cycles", headers=songshan,
                                      json={"year": 2020, "county_code": "150404", "plan": {}})
    assert defaults_2020.status_code == 201, defaults_2020.text
    assert defaults_2020.json()["plan"]["excellent_quota_percent"] is None
    assert defaults_2020.json()["plan"]["absence_exit"] is None
    for year in (2022, 2025):
        bound = await client.post("/v1/cycles", headers=songshan,
                                  json={"year": year, "county_code": "150404", "plan": loose})
        assert bound.status_code == 422, bound.text
        assert {e["field"] for e in bound.json()["errors"]} == {"plan.excellent_quota_percent", "plan.absence_exit"}
    defaults_2022 = await client.post("/v1/cycles", headers=songshan,
                                      json={"year": 2022, "county_code": "150404", "plan": {}})
    assert defaults_2022.status_code == 201 and defaults_2022.json()["plan"]["excellent_quota_percent"] == "15"


async def test_where_no_text_caps_the_share_the_county_is_free(client, tokens):
    """Ningxia's and Inner Mongolia's texts (and the national opinion) set no 优秀 share and no absence rule."""
    for county in ("640104", "150102"):
        opened = await client.post("/v1/cycles", headers=tokens.headers("county_officer", county), json={
            "year": 2025, "county_code": county,
            "plan": {"excellent_quota_percent": "60", "excellent_quota_rounding": "ceil",
                     "absence_exit": {"consecutive_days": 40, "total_days_over": 60}}})
        assert opened.status_code == 201, opened.text
        assert opened.json()["plan"]["excellent_quota_percent"] == "60"


async def test_every_officer_who_sees_the_cycle_sees_who_opened_it_by_name(client, flow, tokens, session):
    """The township cannot read the county officer's account: the cycle keeps the opener's name from their token,
    as the audit entry does."""
    county = tokens.headers("county_officer", COUNTY, subject="5b0e2f0c-3c1a-4a57-9d1e-2f4b8c6d7e90", name="马县区")
    opened = await client.post("/v1/cycles", json={"year": 2024, "county_code": COUNTY, "plan": {}}, headers=county)
    assert opened.status_code == 201, opened.text
    seen = await client.get(f"/v1/cycles/{opened.json()['id']}", headers=flow.town)
    assert (seen.json()["opened_by"], seen.json()["opened_by_name"]) == ("5b0e2f0c-3c1a-4a57-9d1e-2f4b8c6d7e90",
                                                                        "马县区")
    assert [c["opened_by_name"] for c in (await client.get("/v1/cycles", headers=flow.secretary)).json()] == ["马县区"]
    row = (await session.execute(select(audit_log).where(audit_log.c.entity_id == opened.json()["id"]))).mappings().one()
    assert row["actor_name"] == "马县区"


async def test_only_the_county_opens_its_own_cycle(client, flow, tokens):
    body = {"year": 2024, "county_code": COUNTY, "plan": {}}
    assert (await client.post("/v1/cycles", json=body, headers=flow.town)).status_code == 403
    assert (await client.post("/v1/cycles", json=body, headers=flow.auditor)).status_code == 403
    other_county = tokens.headers("county_officer", "640105")
    assert (await client.post("/v1/cycles", json=body, headers=other_county)).status_code == 404
    cycle = await flow.open_cycle(2024)
    assert (await client.get(f"/v1/cycles/{cycle['id']}", headers=other_county)).status_code == 404
    assert (await client.get(f"/v1/cycles/{cycle['id']}", headers=flow.secretary)).status_code == 200
    assert [c["id"] for c in (await client.get("/v1/cycles", headers=flow.town2)).json()] == [cycle["id"]]
    assert (await client.get("/v1/cycles", headers=other_county)).json() == []
    worker = tokens.headers("worker", COMMUNITY, worker_id=str(uuid.uuid4()))
    assert (await client.get("/v1/cycles", headers=worker)).json() == []
    assert (await client.get(f"/v1/cycles/{cycle['id']}", headers=worker)).status_code == 404


async def test_explicit_assessees_are_checked_and_scoped(client, flow):
    cycle = await flow.open_cycle(2024)
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    added = await flow.add(cycle["id"], [(a, COMMUNITY), (b, COMMUNITY_OTHER_TOWN)])
    assert added == {"added": 2, "already_listed": 0, "skipped": []}
    assert (await flow.add(cycle["id"], [(a, COMMUNITY), (c, COMMUNITY)]))["already_listed"] == 1
    bad = await client.post(f"/v1/cycles/{cycle['id']}/assessees", headers=flow.town, json={"assessees": [
        {"worker_id": str(uuid.uuid4()), "name": "甲", "community_code": "640105001001"},
        {"worker_id": str(uuid.uuid4()), "name": "乙", "community_code": COMMUNITY_OTHER_TOWN}]})
    assert bad.status_code == 422
    assert [(e["field"], e["code"]) for e in bad.json()["errors"]] == [
        ("assessees.0.community_code", "outside_cycle"), ("assessees.1.community_code", "outside_jurisdiction")]
    # The county by name in Chinese (its code in English).
    outside = bad.json()["errors"][0]
    assert outside["message_zh"] == "社区不属于本周期的县区（兴庆区）" and "640104" not in outside["message_zh"]
    assert outside["message_en"] == "community is not in the cycle's county 640104"
    town_view = await flow.assessments(cycle["id"], flow.town)
    assert set(town_view) == {str(a), str(c)}
    assert set(await flow.assessments(cycle["id"], flow.town2)) == {str(b)}
    assert (await client.post(f"/v1/cycles/{cycle['id']}/assessees", headers=flow.auditor,
                              json={"assessees": [{"worker_id": str(a), "name": "甲",
                                                   "community_code": COMMUNITY}]})).status_code == 403



async def test_assessees_must_be_the_registrys_workers_of_that_community(client, flow, registry_app):
    """An officer cannot list a worker of another county (or a made-up id) under a community of their own: each
    worker is looked up in the registry with the caller's token, and the registry's name is stored."""
    cycle = await flow.open_cycle(2024)
    registry_app.state.regions[COMMUNITY] = "民乐社区"
    mine, elsewhere, made_up = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    known(registry_app, mine, COMMUNITY, "张三")
    # The registry answers for 640104 only: a 640105 worker is not in the cycle county's facts at all.
    refused = await client.post(f"/v1/cycles/{cycle['id']}/assessees", headers=flow.county, json={"assessees": [
        {"worker_id": str(mine), "name": "冒名", "community_code": COMMUNITY_B},
        {"worker_id": str(elsewhere), "name": "冒名", "community_code": COMMUNITY},
        {"worker_id": str(made_up), "name": "冒名", "community_code": COMMUNITY}]})
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [
        ("assessees.0.community_code", "not_the_workers_community"), ("assessees.1.worker_id", "unknown_worker"),
        ("assessees.2.worker_id", "unknown_worker")]
    # The registry's community by name in Chinese (its code in English).
    misplaced = refused.json()["errors"][0]
    assert misplaced["message_zh"] == "该工作者在人员库中属于民乐社区", misplaced
    assert misplaced["message_en"] == f"the registry has this worker in community {COMMUNITY}"
    assert await flow.assessments(cycle["id"]) == {}  # nothing of the refused batch was written
    asked = registry_app.state.calls[-1]
    assert asked["params"]["region"] == COUNTY and asked["authorization"] == flow.county["Authorization"]
    added = await client.post(f"/v1/cycles/{cycle['id']}/assessees", headers=flow.county, json={"assessees": [
        {"worker_id": str(mine), "name": "冒名", "community_code": COMMUNITY}]})
    assert added.status_code == 200, added.text
    assert (await flow.assessments(cycle["id"]))[str(mine)]["worker_name"] == "张三"

async def test_places_the_registry_cannot_name_are_named_by_their_codes(client, flow, registry_app):
    cycle = await flow.open_cycle(2024)
    registry_app.state.regions.clear()
    mine = uuid.uuid4()
    known(registry_app, mine, COMMUNITY, "张三")
    refused = await client.post(f"/v1/cycles/{cycle['id']}/assessees", headers=flow.county, json={"assessees": [
        {"worker_id": str(mine), "name": "张三", "community_code": COMMUNITY_B}]})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["message_zh"] == f"该工作者在人员库中属于社区 {COMMUNITY}"
    outside = await client.post(f"/v1/cycles/{cycle['id']}/assessees", headers=flow.county, json={"assessees": [
        {"worker_id": str(mine), "name": "张三", "community_code": "640105001001"}]})
    assert outside.json()["errors"][0]["message_zh"] == "社区不属于本周期的县区（640104）"


def test_in_post_for_the_required_months():
    assert in_post_long_enough(date(2024, 7, 1), date(2024, 12, 31), 6)
    assert not in_post_long_enough(date(2024, 7, 2), date(2024, 12, 31), 6)
    assert in_post_long_enough(date(2024, 1, 1), date(2024, 12, 31), 12)
    assert not in_post_long_enough(date(2024, 1, 2), date(2024, 12, 31), 12)


def _fact(worker_id, **extra):
    return {"worker_id": str(worker_id), "name": "张三", "community_code": COMMUNITY, "township_code": TOWN,
            "county_code": COUNTY, "post": "nx_staff", "status": "active", "hired_on": "2019-03-01",
            "probation_end": "2019-09-01", "exit_date": None, **extra}


def test_who_is_assessed_from_the_registry_facts():
    row, why = assessee_from_facts(_fact(uuid.uuid4()), 2024, 6)
    assert why is None and row["kind"] == "annual" and row["township_code"] == TOWN
    assert assessee_from_facts(_fact(uuid.uuid4(), hired_on="2024-08-01"), 2024, 6) == (None,
                                                                                       "not_in_post_long_enough")
    # Still on probation on 31 December: a probation case assesses them when the probation ends.
    assert assessee_from_facts(_fact(uuid.uuid4(), hired_on="2024-05-01", status="probation",
                                     probation_end="2025-05-01"), 2024, 6) == (None, "on_probation")
    assert assessee_from_facts(_fact(uuid.uuid4(), status="resigned", exit_date="2024-10-31"), 2024, 6)[1] == \
        "left_before_year_end"
    assert assessee_from_facts(_fact("not-a-uuid"), 2024, 6) == (None, "unreadable_facts")
    assert assessee_from_facts(_fact(uuid.uuid4(), hired_on="2024-13-01"), 2024, 6) == (None, "unreadable_facts")


async def test_import_snapshots_the_registry_facts_with_the_callers_token(client, flow, registry_app):
    cycle = await flow.open_cycle(2024)
    kept, probationer, late, left = (uuid.uuid4() for _ in range(4))
    registry_app.state.facts = [
        _fact(kept, name="李四"),
        _fact(probationer, community_code=COMMUNITY_OTHER_TOWN, hired_on="2024-06-01", status="probation",
              probation_end="2025-06-01"),
        _fact(late, hired_on="2024-09-01"),
        _fact(left, status="resigned", exit_date="2024-06-30"),
    ]
    response = await client.post(f"/v1/cycles/{cycle['id']}/assessees/import", headers=flow.county)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1 and body["already_listed"] == 0
    assert {(s["worker_id"], s["reason"]) for s in body["skipped"]} == {
        (str(late), "not_in_post_long_enough"), (str(left), "left_before_year_end"),
        (str(probationer), "on_probation")}
    call = registry_app.state.calls[0]
    assert call["params"] == {"region": COUNTY, "as_of": "2024-12-31", "since": "2024-01-01"}
    assert call["authorization"] == flow.county["Authorization"]
    listed = await flow.assessments(cycle["id"])
    assert listed[str(kept)]["worker_name"] == "李四" and listed[str(kept)]["kind"] == "annual"
    assert str(probationer) not in listed
    again = await client.post(f"/v1/cycles/{cycle['id']}/assessees/import", headers=flow.county)
    assert again.json()["added"] == 0 and again.json()["already_listed"] == 1


async def test_opening_the_same_cycle_twice_at_once_answers_409_not_500(settings, engine, tokens):
    import asyncio

    from sqlalchemy import delete

    from cwm_kit import testing
    from cwm_kit.db import make_sessionmaker

    from assessment.cycles.models import Cycle
    from assessment.main import create_app

    app = create_app(settings, jwks=tokens.jwks)
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)  # real commits on separate connections
    year = 2050 + uuid.uuid4().int % 40
    county = tokens.headers("county_officer", COUNTY)
    try:
        async with testing.asgi_client(app) as client:
            responses = await asyncio.gather(*[
                client.post("/v1/cycles", json={"year": year, "county_code": COUNTY, "plan": {}}, headers=county)
                for _ in range(2)])
        assert sorted(r.status_code for r in responses) == [201, 409], [r.text for r in responses]
        assert next(r for r in responses if r.status_code == 409).json()["code"] == "cycle_exists"
    finally:
        async with make_sessionmaker(engine)() as session, session.begin():
            await session.execute(delete(Cycle).where(Cycle.county_code == COUNTY, Cycle.year == year))
