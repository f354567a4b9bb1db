import json
from datetime import date

from cwm_kit.dates import today_in_china
from registry.regions.models import StarRating

from tests.workers.helpers import create_worker, nid, regions

FACT_KEYS = {
    "worker_id", "name", "sex", "birth_date", "community_code", "township_code", "county_code", "post", "post_since",
    "post_history", "yijiantiao", "yijiantiao_history", "status", "status_history", "hired_on", "probation_end",
    "exit_date", "exit_reason", "education", "education_history", "certificate", "certificate_history", "honours",
    "service_periods", "counted_service", "cumulative_service_years", "secondments", "star_rating", "star_history",
    "fiscal_category", "national_id", "bank_name", "bank_branch", "bank_account", "post_label_zh", "retired_on",
}


def lines(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines() if line]



async def test_a_community_keeps_its_latest_star_rating_until_rated_again(client, session, tokens):
    """NX 星级补贴: a year not rated yet pays by the rating before it, never by a later one."""
    await regions(session)
    (await session.get(StarRating, ("640104001001", 2024))).stars = 4
    (await session.get(StarRating, ("640104001001", 2025))).stars = 2
    await session.flush()
    await create_worker(client, tokens, hired_on="2020-01-01", national_id=nid(date(1985, 6, 1), 211))
    service = tokens.headers("service", "")

    async def stars_as_of(day: str) -> int | None:
        [facts] = lines(await client.get(f"/v1/workers/facts?region=640104001001&as_of={day}", headers=service))
        return facts["star_rating"]

    assert await stars_as_of("2026-03-31") == 2  # 2026 not rated: the 2025 rating holds
    assert await stars_as_of("2025-01-31") == 2
    assert await stars_as_of("2024-12-31") == 4
    assert await stars_as_of("2023-12-31") is None  # never a rating from a later year
    session.add(StarRating(region_code="640104001001", year=2026, stars=5))
    await session.flush()
    assert await stars_as_of("2026-03-31") == 5
    # Every year's rating up to as_of, so a past month is paid by the rating then (payroll's arrears).
    [facts] = lines(await client.get("/v1/workers/facts?region=640104001001&as_of=2026-03-31", headers=service))
    history = [(r["community_code"], r["year"], r["stars"]) for r in facts["star_history"]]
    assert history[-3:] == [("640104001001", 2024, 4), ("640104001001", 2025, 2), ("640104001001", 2026, 5)]
    assert {code for code, _, _ in history} == {"640104001001"} and all(y <= 2026 for _, y, _ in history)

async def test_facts_shape_and_values(client, session, tokens):
    await regions(session)
    rating = await session.get(StarRating, ("640104001001", 2024))
    rating.stars = 4
    await session.flush()
    worker = await create_worker(client, tokens, hired_on="2022-01-01", national_id=nid(date(1980, 4, 2), 311),
                                 certificates=[{"level": "assistant_social_worker", "approved_on": "2021-05-01"},
                                               {"level": "social_worker", "approved_on": "2025-05-01"}],
                                 honours=[{"level": "regional_government", "awarded_on": "2023-09-01"}])
    headers = tokens.headers("township_officer", "640104001")
    base = f"/v1/workers/{worker['id']}"
    await client.post(base + "/service-periods", headers=headers,
                      json={"community_code": "640104002001", "start": "2015-01-01", "end": "2017-12-31"})
    await client.post(base + "/service-periods", headers=headers,
                      json={"community_code": "150404001001", "start": "2018-06-01", "end": "2021-06-30"})
    service = tokens.headers("service", "")
    [facts] = lines(await client.get("/v1/workers/facts?region=640104&as_of=2024-12-31", headers=service))
    assert set(facts) == FACT_KEYS
    assert facts["worker_id"] == worker["id"] and facts["sex"] == "M" and facts["birth_date"] == "1980-04-02"
    assert (facts["township_code"], facts["county_code"]) == ("640104001", "640104")
    assert facts["post_label_zh"] == "专职工作人员"
    assert facts["post"] == "nx_staff" and facts["post_history"] == [
        {"post": "nx_staff", "label_zh": "专职工作人员", "from": "2022-01-01", "to": None}]
    assert facts["status"] == "active" and facts["status_history"][0]["from"] == "2022-01-01"
    # As of 2024-12-31 the 2025 certificate is not yet held.
    assert facts["certificate"] == {"level": "assistant_social_worker", "approved_on": "2021-05-01"}
    assert len(facts["certificate_history"]) == 2
    assert facts["education"] == {"level": "benke", "date": "2012-07-01", "in_service": False}
    assert facts["honours"] == [{"level": "regional_government", "date": "2023-09-01"}]
    # 2015–2017 (1096 d) + 2022-01-01..2024-12-31 (1096 d); Inner Mongolia excluded: 2192 days served through
    # 2024-12-31, i.e. from 2019-01-01 (6 × 365 + 2 leap days) to 2025-01-01 = 72 whole months = 6.00 years.
    assert facts["cumulative_service_years"] == "6.00"
    # The counted service payroll computes years from: one era (the national rule, province 64), runs merged.
    assert facts["counted_service"] == [{"from": "1978-01-01", "to": None, "scope": "64", "source": "CENTRAL §4",
                                         "runs": [{"start": "2015-01-01", "end": "2017-12-31"},
                                                  {"start": "2022-01-01", "end": None}]}]
    assert facts["star_rating"] == 4 and facts["fiscal_category"] is None
    assert facts["secondments"] == []


async def test_facts_window_and_jurisdiction(client, session, tokens):
    await regions(session)
    here = await create_worker(client, tokens, national_id=nid(sequence=11))
    town2 = tokens.headers("township_officer", "640104002")
    other = await client.post("/v1/workers", headers=town2, json={
        "name": "马军", "national_id": nid(sequence=13), "community_code": "640104002001", "post": "nx_staff",
        "hired_on": "2024-06-01", "contract_term_years": 3})
    assert other.status_code == 201
    town1 = tokens.headers("township_officer", "640104001")
    ids = [f["worker_id"] for f in lines(await client.get("/v1/workers/facts?as_of=2024-12-31", headers=town1))]
    assert ids == [here["id"]]
    assert (await client.get("/v1/workers/facts?region=640104002", headers=town1)).status_code == 404
    county = tokens.headers("county_officer", "640104")
    both = lines(await client.get("/v1/workers/facts?region=640104&as_of=2024-12-31", headers=county))
    assert {f["worker_id"] for f in both} == {here["id"], other.json()["id"]}
    # Not yet hired on as_of → not in the facts.
    early = lines(await client.get("/v1/workers/facts?region=640104&as_of=2024-05-31", headers=county))
    assert [f["worker_id"] for f in early] == [here["id"]]
    # Workers cannot pull bulk facts.
    worker = tokens.headers("worker", "640104001001", worker_id=here["id"])
    assert (await client.get("/v1/workers/facts", headers=worker)).status_code == 403
    bad = await client.get("/v1/workers/facts?as_of=2024-01-01&since=2024-02-01", headers=county)
    assert bad.status_code == 422


async def test_facts_worker_filter_returns_only_those_workers_inside_the_callers_jurisdiction(client, session, tokens):
    await regions(session)
    here = await create_worker(client, tokens, national_id=nid(sequence=21))
    neighbour = await create_worker(client, tokens, national_id=nid(sequence=22), name="李娜")
    town2 = tokens.headers("township_officer", "640104002")
    other = (await client.post("/v1/workers", headers=town2, json={
        "name": "马军", "national_id": nid(sequence=23), "community_code": "640104002001", "post": "nx_staff",
        "hired_on": "2024-06-01", "contract_term_years": 3})).json()
    town1 = tokens.headers("township_officer", "640104001")
    url = "/v1/workers/facts?as_of=2024-12-31"
    assert {f["worker_id"] for f in lines(await client.get(url, headers=town1))} == {here["id"], neighbour["id"]}
    assert [f["worker_id"] for f in lines(await client.get(f"{url}&worker_id={here['id']}", headers=town1))] \
        == [here["id"]]
    # Another township's worker is not returned, asked alone or beside one's own.
    assert lines(await client.get(f"{url}&worker_id={other['id']}", headers=town1)) == []
    mixed = lines(await client.get(f"{url}&worker_id={other['id']}&worker_id={neighbour['id']}", headers=town1))
    assert [f["worker_id"] for f in mixed] == [neighbour["id"]]
    # The service token is narrowed by the region it names.
    service = tokens.headers("service", "")
    assert lines(await client.get(f"{url}&region=640104001&worker_id={other['id']}", headers=service)) == []
    assert [f["worker_id"] for f in lines(await client.get(f"{url}&region=640104&worker_id={other['id']}",
                                                           headers=service))] == [other["id"]]
    assert (await client.get(f"{url}&worker_id=not-a-uuid", headers=town1)).status_code == 422


async def test_facts_after_exit_keep_the_leaver_in_their_last_window(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    headers = tokens.headers("township_officer", "640104001")
    today = today_in_china()
    await client.post(f"/v1/workers/{worker['id']}/status-transitions", headers=headers,
                      json={"status": "resigned", "on": today.isoformat(), "reason": "个人原因"})
    county = tokens.headers("county_officer", "640104")
    [facts] = lines(await client.get(f"/v1/workers/facts?region=640104&as_of={today}", headers=county))
    assert facts["status"] == "resigned" and facts["exit_date"] == today.isoformat()
    assert facts["exit_reason"] == "个人原因"


async def test_facts_population_retired_honours(client, session, tokens):
    # NX 「在职和正常退休的每月分别按照600元、500元标准补贴」: payroll's retiree run reads the workers retired (normal
    # retirement) on as_of who hold an honour, with their post history (years in office) and honours.
    await regions(session)
    headers = tokens.headers("township_officer", "640104001")
    honour = [{"level": "regional_government", "awarded_on": "2015-09-01"}]
    retiree = await create_worker(client, tokens, national_id=nid(date(1963, 1, 5), 21), hired_on="2000-01-01",
                                  post="nx_head", honours=honour)
    plain = await create_worker(client, tokens, national_id=nid(date(1963, 2, 5), 23), hired_on="2001-01-01")
    resigned = await create_worker(client, tokens, national_id=nid(date(1970, 2, 5), 25), hired_on="2001-01-01",
                                   honours=honour)
    serving = await create_worker(client, tokens, national_id=nid(date(1975, 2, 5), 27), hired_on="2001-01-01",
                                  honours=honour)
    for who, status in ((retiree, "retired"), (plain, "retired"), (resigned, "resigned")):
        changed = await client.post(f"/v1/workers/{who['id']}/status-transitions", headers=headers,
                                    json={"status": status, "on": "2023-02-01", "reason": "到龄退休"})
        assert changed.status_code == 201, changed.text
    service = tokens.headers("service", "")
    url = "/v1/workers/facts?region=640104&as_of=2024-12-31&population=retired_honours"
    [facts] = lines(await client.get(url, headers=service))
    assert set(facts) == FACT_KEYS
    assert facts["worker_id"] == retiree["id"] and facts["status"] == "retired"
    assert facts["retired_on"] == "2023-02-01" and facts["exit_date"] == "2023-02-01"
    assert facts["honours"] == [{"level": "regional_government", "date": "2015-09-01"}]
    # In office as head 2000-01-01 until the day before retirement: the post history closes there.
    assert facts["post_history"] == [{"post": "nx_head", "label_zh": "两委正职", "from": "2000-01-01", "to": "2023-01-31"}]
    # Before the retirement took effect they are not retired.
    assert lines(await client.get(url.replace("2024-12-31", "2023-01-31"), headers=service)) == []
    # The default population (employed in the window) does not carry them two years later.
    employed = lines(await client.get("/v1/workers/facts?region=640104&as_of=2024-12-31", headers=service))
    assert {f["worker_id"] for f in employed} == {serving["id"]}
    assert employed[0]["retired_on"] is None
    bad = await client.get("/v1/workers/facts?region=640104&population=everyone", headers=service)
    assert bad.status_code == 422


async def test_facts_carry_secondments(client, session, tokens):
    from registry.secondments.models import Secondment

    await regions(session)
    worker = await create_worker(client, tokens)
    session.add(Secondment(worker_id=worker["id"], community_code="640104001001", start_date=date(2024, 3, 1),
                           end_date=date(2024, 5, 31), borrower="兴庆区城关街道办事处", borrower_level="township",
                           approving_department="兴庆区社会工作部", created_by="test"))
    await session.flush()
    [facts] = lines(await client.get("/v1/workers/facts?region=640104&as_of=2024-06-30",
                                     headers=tokens.headers("county_officer", "640104")))
    assert facts["secondments"] == [{"start": "2024-03-01", "end": "2024-05-31", "borrower": "兴庆区城关街道办事处"}]


async def test_facts_query_count_does_not_grow_with_workers(client, session, tokens):
    """Set-based: the same handful of statements for 2 workers as for 12 (one batch)."""
    from sqlalchemy import event

    await regions(session)
    headers = tokens.headers("county_officer", "640104")
    connection = await session.connection()
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    async def facts_statements() -> int:
        statements.clear()
        event.listen(connection.sync_connection, "before_cursor_execute", count)
        try:
            lines(await client.get("/v1/workers/facts?region=640104", headers=headers))
        finally:
            event.remove(connection.sync_connection, "before_cursor_execute", count)
        return len(statements)

    for n in range(2):
        await create_worker(client, tokens, national_id=nid(sequence=600 + n * 2))
    few = await facts_statements()
    for n in range(2, 12):
        await create_worker(client, tokens, national_id=nid(sequence=600 + n * 2))
    many = await facts_statements()
    assert 5 <= few == many <= 16


async def test_facts_population_former_reads_named_leavers_whatever_the_window(client, session, tokens):
    # POLICY §5: months paid on a provisional figure owe arrears (补发/补扣) when the official one arrives, also
    # to a worker who has left since. Payroll's July run reads such a worker (left 1 May: not in July's
    # `employed` window) by id with population=former; the jurisdiction still applies.
    await regions(session)
    headers = tokens.headers("township_officer", "640104001")
    leaver = await create_worker(client, tokens, national_id=nid(date(1985, 3, 1), 31), hired_on="2024-01-01")
    serving = await create_worker(client, tokens, national_id=nid(date(1986, 3, 1), 33), hired_on="2024-01-01")
    changed = await client.post(f"/v1/workers/{leaver['id']}/status-transitions", headers=headers,
                                json={"status": "resigned", "on": "2025-05-01", "reason": "个人原因"})
    assert changed.status_code == 201, changed.text
    town2 = tokens.headers("township_officer", "640104002")
    elsewhere = (await client.post("/v1/workers", headers=town2, json={
        "name": "马军", "national_id": nid(sequence=35), "community_code": "640104002001", "post": "nx_staff",
        "hired_on": "2024-01-01", "contract_term_years": 3})).json()
    changed = await client.post(f"/v1/workers/{elsewhere['id']}/status-transitions", headers=town2,
                                json={"status": "resigned", "on": "2025-05-01", "reason": "个人原因"})
    assert changed.status_code == 201, changed.text
    service = tokens.headers("service", "")
    july = "/v1/workers/facts?region=640104&as_of=2025-07-31&since=2025-07-01"
    # The employed population of July does not carry the leaver.
    assert {f["worker_id"] for f in lines(await client.get(july, headers=service))} == {serving["id"]}
    named = f"{july}&population=former&worker_id={leaver['id']}&worker_id={serving['id']}"
    [facts] = lines(await client.get(named, headers=service))
    # Only the one who had left by as_of; same fields as every population, with the April history for arrears.
    assert set(facts) == FACT_KEYS
    assert (facts["worker_id"], facts["status"], facts["exit_date"]) == (leaver["id"], "resigned", "2025-05-01")
    assert facts["hired_on"] == "2024-01-01" and facts["national_id"] == leaver["national_id"]
    # Before the exit took effect they had not left.
    assert lines(await client.get(named.replace("2025-07-31", "2025-04-30").replace("2025-07-01", "2025-04-01"),
                                  headers=service)) == []
    # Jurisdiction: a township officer reads its own leaver, never another township's, asked alone or beside it.
    town1 = "/v1/workers/facts?as_of=2025-07-31&population=former"
    assert [f["worker_id"] for f in lines(await client.get(
        f"{town1}&worker_id={elsewhere['id']}&worker_id={leaver['id']}", headers=headers))] == [leaver["id"]]
    assert lines(await client.get(f"{town1}&worker_id={elsewhere['id']}", headers=headers)) == []
    # The service token is narrowed by the region it names.
    assert lines(await client.get(f"{town1}&region=640104001&worker_id={elsewhere['id']}", headers=service)) == []
    # Never the whole region: worker_id is required.
    missing = await client.get("/v1/workers/facts?region=640104&population=former", headers=service)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "worker_id"
