from datetime import date

import httpx

from cwm_kit.http import ServiceClient

from registry.flags.retirement import retirement_date
from registry.rules.defaults import DEFAULT_RULES
from registry.seed import seed_regions

from ..quota.factories import make_worker

RETIREMENT = next(p for k, _, _, _, p, _ in DEFAULT_RULES if k == "retirement.age")
COMMUNITY = "640104001001"
ON = "2026-11-25"


def test_gradual_retirement_age_table():
    # Men 60 → +1 month per 4 months of original dates from January 2025, up to 63.
    assert retirement_date(RETIREMENT, "M", date(1964, 12, 10)) == date(2024, 12, 10)
    assert retirement_date(RETIREMENT, "M", date(1965, 1, 10)) == date(2025, 2, 10)
    assert retirement_date(RETIREMENT, "M", date(1965, 5, 10)) == date(2025, 7, 10)
    assert retirement_date(RETIREMENT, "M", date(1976, 9, 1)) == date(2039, 9, 1)  # 63: the cap
    assert retirement_date(RETIREMENT, "M", date(1990, 1, 1)) == date(2053, 1, 1)
    # Women (55 category) the same pace, up to 58.
    assert retirement_date(RETIREMENT, "F", date(1971, 6, 1)) == date(2026, 11, 1)
    assert retirement_date(RETIREMENT, "F", date(1981, 9, 1)) == date(2039, 9, 1)


def fake_assessment(results: list[dict], seen: list[httpx.Request]) -> ServiceClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        year = int(request.url.params["year"])
        items = [r for r in results if r["year"] == year]
        return httpx.Response(200, json={"items": items, "next_cursor": None})

    return ServiceClient("http://assessment", transport=httpx.MockTransport(handler))


def result(worker, year, value, kind="annual", revision=1):
    return {"id": f"{worker.id}-{year}-{kind}-{revision}", "worker_id": str(worker.id), "year": year, "kind": kind,
            "result": value, "score": None, "community_code": worker.community_code,
            "finalized_at": f"{year + 1}-01-10T00:00:00Z", "revision": revision, "tolerance": False}


async def test_flags_for_a_person_to_decide(app, client, session, tokens):
    await seed_regions(session)
    on_probation = await make_worker(session, COMMUNITY, name="试用", hired_on=date(2026, 6, 1),
                                     probation_end=date(2026, 11, 30))
    twice = await make_worker(session, COMMUNITY, name="两年不合格")
    corrected = await make_worker(session, COMMUNITY, name="已更正")
    renew_ok = await make_worker(session, COMMUNITY, name="可续聘", hired_on=date(2023, 12, 20))
    renew_no = await make_worker(session, COMMUNITY, name="不可续聘", hired_on=date(2023, 12, 21))
    veteran = await make_worker(session, COMMUNITY, name="老书记", post="nx_head", hired_on=date(2014, 1, 1),
                                head_role="secretary")
    junior_head = await make_worker(session, COMMUNITY, name="新书记", post="nx_head", hired_on=date(2020, 1, 1))
    await make_worker(session, COMMUNITY, name="老张", sex="M", birth=date(1965, 3, 10))
    await make_worker(session, COMMUNITY, name="李姐", birth=date(1971, 6, 1))
    await make_worker(session, COMMUNITY, name="王姐", birth=date(1971, 8, 1))
    results = [result(on_probation, 2026, "incompetent", kind="probation"),
               result(twice, 2024, "incompetent"), result(twice, 2025, "incompetent"),
               result(corrected, 2024, "incompetent"), result(corrected, 2025, "incompetent"),
               result(corrected, 2025, "competent", revision=2),
               result(renew_ok, 2025, "competent"), result(renew_no, 2025, "basically_competent"),
               result(veteran, 2024, "excellent"), result(junior_head, 2025, "excellent")]
    seen: list[httpx.Request] = []
    app.state.assessment_client = fake_assessment(results, seen)
    headers = tokens.headers("township_officer", "640104001")
    response = await client.get(f"/v1/flags?on={ON}", headers=headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["assessment_available"] and report["warnings"] == []
    found = {(f["kind"], f["name"]) for f in report["items"]}
    assert found == {("probation_failed", "试用"), ("consecutive_incompetent", "两年不合格"),
                     ("contract_ending", "可续聘"), ("contract_ending", "不可续聘"), ("career_track", "老书记"),
                     ("retirement_age", "老张"), ("retirement_age", "李姐"),
                     # The secretary was never filed with the county organisation department (NX 三; issue 13).
                     ("secretary_not_filed", "老书记"),
                     # Contracts that ended (hired 2020-03-01 for 3 years, the veteran 2014) while the worker is
                     # still employed, never renewed: a decision is overdue.
                     *{("contract_ending", name) for name in ("两年不合格", "已更正", "老书记", "新书记", "老张", "李姐",
                                                              "王姐")}}
    by_name = {(f["kind"], f["name"]): f for f in report["items"]}
    # Ningxia's text sets no renewal condition (only SS 「聘期满考核合格以上等次的可续聘」 does): a person decides.
    assert by_name[("contract_ending", "可续聘")]["details"]["renewal_eligible"] is None
    assert by_name[("contract_ending", "不可续聘")]["details"]["renewal_condition"] is None
    assert by_name[("contract_ending", "可续聘")]["details"]["contract_end"] == "2026-12-19"
    assert by_name[("retirement_age", "老张")]["details"]["retirement_date"] == "2025-04-10"
    assert by_name[("consecutive_incompetent", "两年不合格")]["details"]["years"] == [2024, 2025]
    # The caller's token is forwarded and the region narrowed to the jurisdiction.
    assert seen[0].headers["Authorization"] == headers["Authorization"]
    assert seen[0].url.params["region"] == "640104001"

    other = await client.get(f"/v1/flags?on={ON}", headers=tokens.headers("township_officer", "640104002"))
    assert other.json()["items"] == []
    worker = tokens.headers("worker", COMMUNITY, worker_id=str(twice.id))
    assert (await client.get("/v1/flags", headers=worker)).status_code == 403


async def test_flags_when_assessment_is_down(app, client, session, tokens):
    await seed_regions(session)
    await make_worker(session, COMMUNITY, name="老张", sex="M", birth=date(1965, 3, 10))
    await make_worker(session, COMMUNITY, name="到期", hired_on=date(2023, 12, 20))

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app.state.assessment_client = ServiceClient("http://assessment", transport=httpx.MockTransport(down))
    headers = tokens.headers("county_officer", "640104")
    partial = await client.get(f"/v1/flags?on={ON}", headers=headers)
    assert partial.status_code == 200
    body = partial.json()
    assert body["assessment_available"] is False and body["warnings"][0]["code"] == "assessment_unavailable"
    # 老张's contract (2020-03-01, 3 years) ended unrenewed: a contract_ending flag like 到期's, judged alike.
    assert {(f["kind"], f["name"]) for f in body["items"]} == {("retirement_age", "老张"), ("contract_ending", "到期"),
                                                               ("contract_ending", "老张")}
    assert body["items"][0]["details"]["renewal_eligible"] is None
    strict = await client.get(f"/v1/flags?on={ON}&require_assessment=true", headers=headers)
    assert strict.status_code == 503 and strict.json()["code"] == "assessment_unavailable"
    # Flags that need no results do not call the assessment service at all.
    only = await client.get(f"/v1/flags?on={ON}&kind=retirement_age&require_assessment=true", headers=headers)
    assert only.status_code == 200 and only.json()["assessment_available"] is True


async def test_flags_when_assessment_answers_outside_the_contract(app, client, session, tokens):
    await seed_regions(session)
    await make_worker(session, COMMUNITY, name="老张", sex="M", birth=date(1965, 3, 10))
    app.state.assessment_client = ServiceClient("http://assessment", transport=httpx.MockTransport(
        lambda request: httpx.Response(200, json={"items": [{"unexpected": True}]})))
    response = await client.get(f"/v1/flags?on={ON}", headers=tokens.headers("county_officer", "640104"))
    assert response.status_code == 200 and response.json()["assessment_available"] is False
    # The lapsed contract (ended 2023-02-28) is still flagged: Ningxia sets no renewal condition to judge.
    assert [f["kind"] for f in response.json()["items"]] == ["contract_ending", "retirement_age"]
    refused = await client.get(f"/v1/flags?on={ON}&require_assessment=true",
                               headers=tokens.headers("county_officer", "640104"))
    assert refused.status_code == 503


async def test_career_track_years_are_completed_on_the_anniversary(app, client, session, tokens):
    # on = 2026-11-25; service counts up to and including that day (cwm_kit.service_years).
    # Hired 2016-11-26: 2016-11-26 → 2026-11-26 = 120 whole months = 10 years → flagged.
    # Hired 2016-11-28: 119 months (9 years 11 months), although it is 3650 days (2020 and 2024 are leap
    # years: 3652 − 2), which the old "years × 365" test let through.
    await seed_regions(session)
    ten = await make_worker(session, COMMUNITY, name="满十年", post="nx_head", hired_on=date(2016, 11, 26),
                        head_role="secretary")
    short = await make_worker(session, COMMUNITY, name="差两天", post="nx_head", hired_on=date(2016, 11, 28),
                        head_role="secretary")
    app.state.assessment_client = fake_assessment([result(ten, 2025, "excellent"), result(short, 2025, "excellent")],
                                                  [])
    response = await client.get(f"/v1/flags?on={ON}&kind=career_track", headers=tokens.headers("county_officer",
                                                                                                "640104"))
    assert response.status_code == 200, response.text
    flags = [f for f in response.json()["items"] if f["kind"] == "career_track"]
    assert [f["name"] for f in flags] == ["满十年"]
    assert (flags[0]["details"]["service_years"], flags[0]["details"]["secretary_years"]) == ("10.00", "10.00")


async def test_only_incompetent_fails_probation(app, client, session, tokens):
    """IM art.37(一), NX 「试用期满考核不合格」: 不合格 raises the exit flag; 基本合格 does not (rule exit.assessment of
    2024-08-21, which replaces the first reading that also failed 基本合格)."""
    await seed_regions(session)
    failed = await make_worker(session, COMMUNITY, name="试用不合格", hired_on=date(2026, 3, 1),
                               probation_end=date(2026, 8, 31))
    passed = await make_worker(session, COMMUNITY, name="试用基本合格", hired_on=date(2026, 3, 1),
                               probation_end=date(2026, 8, 31))
    app.state.assessment_client = fake_assessment(
        [result(failed, 2026, "incompetent", kind="probation"),
         result(passed, 2026, "basically_competent", kind="probation")], [])
    response = await client.get(f"/v1/flags?on={ON}&kind=probation_failed",
                                headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 200, response.text
    assert [(f["kind"], f["name"], f["details"]["result"]) for f in response.json()["items"]] == [
        ("probation_failed", "试用不合格", "incompetent")]


async def test_songshan_two_incompetent_years_must_fall_in_one_contract_term(app, client, session, tokens):
    """SS 「一个聘期内连续两年考核不合格的」: 2024 and 2025 不合格 across a renewal (new term from 2025-03-01) is
    not the exit reason (the attack: counting across the term boundary); both inside the term is. Ningxia's
    「连续2个年度」 has no term condition."""
    from registry.workers.models import Worker

    await seed_regions(session)
    renewed = await make_worker(session, "150404001001", name="续聘后", hired_on=date(2022, 3, 1))
    inside = await make_worker(session, "150404001001", name="聘期内", hired_on=date(2023, 3, 1))
    nx = await make_worker(session, COMMUNITY, name="宁夏", hired_on=date(2022, 3, 1))
    for worker in (renewed, nx):  # a second term from 2025-03-01
        row = await session.get(Worker, worker.id)
        row.contract_start, row.contract_end = date(2025, 3, 1), date(2028, 2, 29)
    await session.flush()
    results = [result(renewed, 2024, "incompetent"), result(renewed, 2025, "incompetent"),
               result(inside, 2024, "incompetent"), result(inside, 2025, "incompetent"),
               result(nx, 2024, "incompetent"), result(nx, 2025, "incompetent")]
    app.state.assessment_client = fake_assessment(results, [])
    for town in ("150404001", "640104001"):
        response = await client.get(f"/v1/flags?on={ON}&kind=consecutive_incompetent",
                                    headers=tokens.headers("township_officer", town))
        assert response.status_code == 200, response.text
        if town == "150404001":
            names = {f["name"] for f in response.json()["items"] if f["kind"] == "consecutive_incompetent"}
            assert names == {"聘期内"}
        else:
            assert {f["name"] for f in response.json()["items"] if f["kind"] == "consecutive_incompetent"} == {"宁夏"}


async def test_career_track_counts_the_secretary_not_the_director(app, client, session, tokens):
    """CENTRAL §13 / IM art.32 「任社区党组织书记满一届」: the head post's office is on the record; a committee
    director of 12 years rated excellent is not a secretary (the attack: head post read as secretary), 一肩挑 is,
    an unrecorded office does not count."""
    await seed_regions(session)
    hired = date(2014, 1, 1)
    secretary = await make_worker(session, COMMUNITY, name="书记", post="nx_head", hired_on=hired,
                                  head_role="secretary")
    director = await make_worker(session, COMMUNITY, name="主任", post="nx_head", hired_on=hired,
                                 head_role="director")
    both = await make_worker(session, COMMUNITY, name="一肩挑", post="nx_head", hired_on=hired, yijiantiao=True)
    unknown = await make_worker(session, COMMUNITY, name="未登记", post="nx_head", hired_on=hired)
    assert both.head_role == "both" and unknown.head_role is None
    app.state.assessment_client = fake_assessment(
        [result(w, 2025, "excellent") for w in (secretary, director, both, unknown)], [])
    response = await client.get(f"/v1/flags?on={ON}&kind=career_track",
                                headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 200, response.text
    assert {f["name"] for f in response.json()["items"]} == {"书记", "一肩挑"}


async def test_head_role_is_checked_against_the_post(client, session, tokens):
    await seed_regions(session)
    from ..workers.helpers import nid, worker_body

    town = tokens.headers("township_officer", "640104001")
    staff = await client.post("/v1/workers", json=worker_body(head_role="secretary"), headers=town)
    assert staff.status_code == 422 and staff.json()["errors"][0]["field"] == "head_role"
    contradiction = await client.post("/v1/workers", json=worker_body(
        national_id=nid(sequence=321), post="nx_head", yijiantiao=True, head_role="director"), headers=town)
    assert contradiction.status_code == 422
    assert contradiction.json()["errors"][0]["code"] == "head_role_contradicts_yijiantiao"
    created = await client.post("/v1/workers", json=worker_body(national_id=nid(sequence=322), post="nx_head",
                                                                head_role="director"), headers=town)
    assert created.status_code == 201, created.text
    assert created.json()["head_role"] == "director"
    assert created.json()["post_history"][0]["head_role"] == "director"
