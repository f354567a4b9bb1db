"""Issue 13: the rules checked at registration are checked, by the same function (WorkerService.hire_checks), on
every row of an Excel import — a row registration would refuse is reported with its field, the rule's code and
its Chinese and English message (the same words registration answers), and confirm writes nobody it names."""

from datetime import date

from sqlalchemy import func, select

from registry.workers.models import Worker

from ..quota.factories import make_worker, set_region
from ..workers.helpers import SS_COMMUNITY, nid, regions, worker_body
from .test_router import TOWN, _fill, _template, _upload

SS_TOWN = ("township_officer", "150404001")
NX = {"community_code": "640104001001", "post": "nx_staff", "contract_term_years": 3}
SS = {"community_code": SS_COMMUNITY, "hired_on": "2026-03-01"}


async def _count(session, **where) -> int:
    statement = select(func.count()).select_from(Worker)
    for column, value in where.items():
        statement = statement.where(getattr(Worker, column) == value)
    return await session.scalar(statement)


async def _refused_alike(client, tokens, session, row: dict, who, code: str, field: str) -> dict:
    """Registering `row` is refused with `code` naming `field`; importing it reports the same error on row 2,
    and confirming the import writes nobody."""
    body = worker_body(**{"contract_term_years": None, **row})
    registered = await client.post("/v1/workers", json=body, headers=tokens.headers(*who))
    assert registered.status_code == 422, registered.text
    assert [(e["field"], e["code"]) for e in registered.json()["errors"]] == [(field, code)]
    before = await _count(session)
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), [row]), who=who)).json()
    [line] = report["rows"]
    assert (line["row_number"], line["outcome"]) == (2, "invalid"), line
    assert {(e["field"], e["code"]) for e in line["errors"]} == {(field, code)}
    assert line["errors"] == registered.json()["errors"]  # the very words registration answers
    assert report["valid_count"] == 0
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*who))
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["counts"] == {"invalid": 1}
    assert await _count(session) == before
    assert await _count(session, national_id=row["national_id"]) == 0
    return line


async def test_a_minor_on_the_hire_date_is_refused_row_by_row(client, session, tokens):
    await regions(session)
    row = {**NX, "name": "未成年", "national_id": nid(date(2011, 1, 1), 911), "hired_on": "2026-12-20"}
    line = await _refused_alike(client, tokens, session, row, TOWN, "under_working_age", "hired_on")
    assert "16" in line["errors"][0]["message_zh"] and "under 16" in line["errors"][0]["message_en"]


async def test_a_songshan_staff_term_other_than_the_rules_is_refused(client, session, tokens):
    await regions(session)
    row = {**SS, "name": "五年聘期", "national_id": nid(sequence=912, region="150404"), "post": "ss_staff",
           "contract_term_years": 5}
    line = await _refused_alike(client, tokens, session, row, SS_TOWN, "contract_term_by_post", "contract_term_years")
    assert "3 年" in line["errors"][0]["message_zh"] and "3 years" in line["errors"][0]["message_en"]


async def test_a_probation_longer_than_the_term_allows_is_refused(client, session, tokens):
    await regions(session)
    row = {**NX, "name": "长试用", "national_id": nid(sequence=913), "hired_on": "2029-02-01",
           "probation_end": "2029-12-31"}
    line = await _refused_alike(client, tokens, session, row, TOWN, "probation_too_long", "probation_end")
    assert "2029-07-31" in line["errors"][0]["message_zh"] and "2029-07-31" in line["errors"][0]["message_en"]


async def _leaders(client, tokens, count: int, first: int) -> None:
    for n in range(count):
        created = await client.post("/v1/workers", headers=tokens.headers(*SS_TOWN), json=worker_body(
            **SS, post="ss_deputy", contract_term_years=None, national_id=nid(sequence=first + n, region="150404")))
        assert created.status_code == 201, created.text


async def test_a_fourth_leadership_post_is_refused_row_by_row(client, session, tokens):
    await regions(session)
    await _leaders(client, tokens, 3, 920)
    row = {**SS, "name": "第四副职", "national_id": nid(sequence=930, region="150404"), "post": "ss_deputy"}
    line = await _refused_alike(client, tokens, session, row, SS_TOWN, "leadership_posts_full", "post")
    assert "3" in line["errors"][0]["message_zh"] and "SS" in line["errors"][0]["message_en"]


async def test_rows_of_one_file_are_counted_together_against_the_leadership_limit(client, session, tokens):
    """Two in post and two leadership rows: the first row fits, the second is the 4th and is refused (as the
    second of two registrations one after another would be); confirm creates the first only."""
    await regions(session)
    await _leaders(client, tokens, 2, 940)
    rows = [{**SS, "name": f"新副职{n}", "national_id": nid(sequence=950 + n, region="150404"), "post": "ss_deputy"}
            for n in range(2)]
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), rows), who=SS_TOWN)).json()
    by_row = {r["row_number"]: r for r in report["rows"]}
    assert by_row[2]["outcome"] == "create" and by_row[2]["errors"] == []
    assert by_row[3]["outcome"] == "invalid"
    assert [(e["field"], e["code"]) for e in by_row[3]["errors"]] == [("post", "leadership_posts_full")]
    assert all(e["message_zh"] and e["message_en"] for e in by_row[3]["errors"])
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*SS_TOWN))
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["counts"] == {"created": 1, "invalid": 1}
    assert await _count(session, national_id=rows[1]["national_id"]) == 0
    assert await _count(session, community_code=SS_COMMUNITY, post="ss_deputy") == 3


async def test_confirm_rechecks_and_writes_nothing_when_a_row_now_breaks_a_rule(client, session, tokens):
    """A leadership post taken between upload and confirm: the confirm is refused whole, nobody written."""
    await regions(session)
    await _leaders(client, tokens, 2, 960)
    rows = [{**SS, "name": "后到副职", "national_id": nid(sequence=970, region="150404"), "post": "ss_deputy"},
            {**SS, "name": "工作人员", "national_id": nid(sequence=971, region="150404"), "post": "ss_staff"}]
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), rows), who=SS_TOWN)).json()
    assert report["valid_count"] == 2, report
    await _leaders(client, tokens, 1, 972)
    before = await _count(session)
    refused = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*SS_TOWN))
    assert refused.status_code == 422 and refused.json()["code"] == "leadership_posts_full"
    assert await _count(session) == before


async def test_rows_beyond_the_quota_are_refused_in_order(client, session, tokens):
    """5,000 urban residents give the county 9 places; 8 in post and two new rows: the first fits, the second is
    refused with registration's 409 quota_exceeded words, under community_code."""
    await regions(session)
    await set_region(session, "640104", urban_population=5_000)
    for _ in range(8):
        await make_worker(session, NX["community_code"])
    rows = [{**NX, "name": f"新人{n}", "national_id": nid(sequence=980 + n), "hired_on": "2026-03-01"}
            for n in range(2)]
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), rows))).json()
    by_row = {r["row_number"]: r for r in report["rows"]}
    assert by_row[2]["outcome"] == "create" and by_row[3]["outcome"] == "invalid", report
    [error] = by_row[3]["errors"]
    assert (error["field"], error["code"]) == ("community_code", "quota_exceeded")
    assert "9" in error["message_zh"] and "allows 9" in error["message_en"]
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*TOWN))
    assert confirmed.json()["counts"] == {"created": 1, "invalid": 1}
    assert await _count(session, national_id=rows[1]["national_id"]) == 0
