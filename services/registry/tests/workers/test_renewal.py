"""Contract renewal (续聘, workers/renewal.py; SS 二(四)5 「社区“两委”成员聘期5年，专职工作人员聘期3年，聘期满考核合格以上
等次的可续聘」, rules contract.term and contract.renewal @150404). The assessment results come over HTTP from the
assessment feed (a fake transport, as in the flags' tests); a refusal writes nothing, not even an audit row."""

import re
from datetime import date, timedelta

import httpx
from sqlalchemy import func, select

from cwm_kit.dates import today_in_china
from cwm_kit.http import ServiceClient

from registry.models import audit_log
from registry.seed import seed_regions
from registry.workers.national_id import make
from registry.workers.schemas import WorkerCreate
from registry.workers import renewal
from registry.workers.service import WorkerService

from ..flags.test_flags import fake_assessment, result
from ..quota.factories import ADMIN, make_worker
from ..zh_words import SS_SCHEME, assert_in_words

SS_COMMUNITY = "150404001001"
NX_COMMUNITY = "640104001001"
TOWN = "150404001"


def renew_url(worker) -> str:
    return f"/v1/workers/{worker.id}/contract-renewal"


async def audit_count(session, worker) -> int:
    return await session.scalar(select(func.count()).select_from(audit_log).where(audit_log.c.worker_id == str(worker.id)))


async def contract(client, tokens, worker, town: str = TOWN) -> dict:
    response = await client.get(f"/v1/workers/{worker.id}", headers=tokens.headers("township_officer", town))
    assert response.status_code == 200, response.text
    return response.json()["contract"]


async def staff(session, name: str, hired_on: date = date(2023, 1, 1)):
    return await make_worker(session, SS_COMMUNITY, name=name, hired_on=hired_on)


async def test_competent_renews_a_staff_contract_for_the_rules_term(app, client, session, tokens):
    """2023-01-01–2025-12-31 staff with 2025 合格 → 2026-01-01–2028-12-31 (3 years), audited with before and after."""
    await seed_regions(session)
    worker = await staff(session, "合格")
    assert (worker.contract_start, worker.contract_end) == (date(2023, 1, 1), date(2025, 12, 31))
    seen: list[httpx.Request] = []
    app.state.assessment_client = fake_assessment([result(worker, 2025, "competent")], seen)
    headers = tokens.headers("township_officer", TOWN)

    preview = await client.get(renew_url(worker), headers=headers)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["next_start"], body["next_end"], body["term_years"]) == ("2026-01-01", "2028-12-31", 3)
    assert body["allowed"] and body["renewal_status"] == "eligible"
    assert body["last_result"] == {"year": 2025, "result": "competent"} and "2025 年度考核合格" in body["message_zh"]
    # The results are read over the caller's township (narrower than the worker's county), the term's last year.
    assert {(r.url.params["region"], r.url.params["year"]) for r in seen} == {(TOWN, "2025")}

    response = await client.post(renew_url(worker), json={"current_end": "2025-12-31", "reason": "聘期满考核合格"},
                                 headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["contract"] == {"term_years": 3, "start": "2026-01-01", "end": "2028-12-31",
                                           "probation_end": None}
    row = (await session.execute(select(audit_log.c.action, audit_log.c.actor, audit_log.c.before,
                                        audit_log.c.after, audit_log.c.reason)
                                 .where(audit_log.c.worker_id == str(worker.id))
                                 .order_by(audit_log.c.id.desc()).limit(1))).one()
    assert row.action == "worker.contract.renew" and row.reason == "聘期满考核合格" and row.actor
    assert row.before == {"contract_term_years": 3, "contract_start": "2023-01-01", "contract_end": "2025-12-31"}
    assert row.after["contract_start"] == "2026-01-01" and row.after["contract_end"] == "2028-12-31"
    assert row.after["last_result"] == {"year": 2025, "result": "competent"}

    # The renewed contract is no longer the one named: renewing it again is refused.
    again = await client.post(renew_url(worker), json={"current_end": "2025-12-31"}, headers=headers)
    assert again.status_code == 409 and again.json()["code"] == "contract_not_current"


async def test_a_committee_member_gets_five_years_or_a_shorter_end(app, client, session, tokens):
    await seed_regions(session)
    body = WorkerCreate(national_id=make("150404", date(1985, 3, 2), 802), name="副职", community_code=SS_COMMUNITY,
                        post="ss_deputy", hired_on=date(2021, 1, 1))
    deputy = await WorkerService.for_session(session).create(ADMIN, body)
    assert deputy.contract_end == date(2025, 12, 31)
    app.state.assessment_client = fake_assessment([result(deputy, 2025, "excellent")], [])
    headers = tokens.headers("township_officer", TOWN)
    preview = (await client.get(renew_url(deputy), headers=headers)).json()
    assert (preview["next_start"], preview["next_end"], preview["term_years"]) == ("2026-01-01", "2030-12-31", 5)
    assert "committee_member_years" in preview["term_basis"]

    longer = await client.post(renew_url(deputy), json={"current_end": "2025-12-31", "end": "2031-06-30"},
                               headers=headers)
    assert longer.status_code == 422 and longer.json()["code"] == "renewal_end_beyond_term"
    assert longer.json()["latest_end"] == "2030-12-31" and longer.json()["errors"][0]["field"] == "end"
    # In Chinese the term's text by its name, not the rule's key, its parameter and "SS"; the English and the
    # `rule` extra keep them.
    assert longer.json()["message_zh"] == f"聘期为 5 年（{SS_SCHEME}二(四)5），新合同最晚于 2030-12-31 结束"
    assert_in_words(longer.json()["errors"][0]["message_zh"])
    assert "(contract.term committee_member_years (SS 二(四)5))" in longer.json()["message_en"]
    assert longer.json()["rule"]["kind"] == "contract.term" and longer.json()["rule"]["key"] == "committee_member_years"

    shorter = await client.post(renew_url(deputy), json={"current_end": "2025-12-31", "end": "2027-12-31"},
                                headers=headers)
    assert shorter.status_code == 201, shorter.text
    assert shorter.json()["contract"] == {"term_years": 2, "start": "2026-01-01", "end": "2027-12-31",
                                          "probation_end": None}


async def test_refused_below_the_minimum_or_without_a_result_nothing_written(app, client, session, tokens):
    await seed_regions(session)
    below = await staff(session, "基本合格")
    missing = await staff(session, "无结果")
    # An older year does not stand in for the term's last one (2025).
    app.state.assessment_client = fake_assessment(
        [result(below, 2025, "basically_competent"), result(missing, 2024, "excellent")], [])
    headers = tokens.headers("township_officer", TOWN)
    audited = {w.id: await audit_count(session, w) for w in (below, missing)}

    response = await client.post(renew_url(below), json={"current_end": "2025-12-31"}, headers=headers)
    assert response.status_code == 422 and response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "renewal_assessment_below_minimum"
    assert "2025 年度考核基本合格" in problem["message_zh"] and "合格以上" in problem["message_zh"]
    assert "basically_competent" in problem["message_en"]
    assert problem["last_result"] == {"year": 2025, "result": "basically_competent"}
    assert problem["rule"]["kind"] == "contract.renewal" and problem["rule"]["key"] == "min_result"
    assert problem["errors"][0]["field"] == "assessment"
    assert f"（{SS_SCHEME}二(四)5）" in problem["message_zh"]
    assert_in_words(problem["errors"][0]["message_zh"])

    response = await client.post(renew_url(missing), json={"current_end": "2025-12-31"}, headers=headers)
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "renewal_assessment_missing" and problem["assessment_years"] == [2025]
    assert "2025" in problem["message_zh"] and "尚无确定的考核结果" in problem["message_zh"]
    assert f"（{SS_SCHEME}二(四)5）" in problem["message_zh"]
    assert_in_words(problem["errors"][0]["message_zh"])

    for worker in (below, missing):
        assert await contract(client, tokens, worker) == {"term_years": 3, "start": "2023-01-01",
                                                          "end": "2025-12-31", "probation_end": None}
        assert await audit_count(session, worker) == audited[worker.id]


async def test_assessment_down_is_503_and_nothing_written(app, client, session, tokens):
    await seed_regions(session)
    worker = await staff(session, "考核服务不可用")

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app.state.assessment_client = ServiceClient("http://assessment", transport=httpx.MockTransport(down))
    audited = await audit_count(session, worker)
    response = await client.post(renew_url(worker), json={"current_end": "2025-12-31"},
                                 headers=tokens.headers("township_officer", TOWN))
    assert response.status_code == 503 and response.json()["code"] == "assessment_unavailable"
    assert (await contract(client, tokens, worker))["end"] == "2025-12-31"
    assert await audit_count(session, worker) == audited


async def test_too_early_not_employed_and_no_condition(app, client, session, tokens):
    await seed_regions(session)
    app.state.assessment_client = fake_assessment([], [])
    headers = tokens.headers("township_officer", TOWN)
    # Hired a year ago on a 3-year contract: two years left, far more than the rule's 90 days.
    recent = await staff(session, "新聘", hired_on=today_in_china() - timedelta(days=365))
    response = await client.post(renew_url(recent), json={"current_end": recent.contract_end.isoformat()},
                                 headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "renewal_too_early"
    assert response.json()["earliest_on"] == (recent.contract_end - timedelta(days=90)).isoformat()
    assert response.json()["rule"]["key"] == "window_days"

    left = await staff(session, "已辞职")
    status = await client.post(f"/v1/workers/{left.id}/status-transitions", headers=headers,
                               json={"status": "resigned", "on": today_in_china().isoformat()})
    assert status.status_code == 201, status.text
    response = await client.post(renew_url(left), json={"current_end": "2025-12-31"}, headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "worker_not_employed"
    assert "当前状态：辞职" in response.json()["errors"][0]["message_zh"]

    # Ningxia's text sets no renewal condition and no term (the catalogue neither): renewed for the current term
    # without an assessment, as the rule data says.
    nx = await make_worker(session, NX_COMMUNITY, name="宁夏", hired_on=date(2023, 1, 1))
    response = await client.post(renew_url(nx), json={"current_end": "2025-12-31"},
                                 headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 201, response.text
    assert response.json()["contract"]["start"] == "2026-01-01" and response.json()["contract"]["end"] == "2028-12-31"


async def test_an_officer_outside_the_jurisdiction_sees_no_such_worker(app, client, session, tokens):
    await seed_regions(session)
    worker = await staff(session, "他辖区")
    app.state.assessment_client = fake_assessment([result(worker, 2025, "competent")], [])
    audited = await audit_count(session, worker)
    for role, region in (("township_officer", "150404002"), ("county_officer", "640104"),
                         ("township_officer", "640104001")):
        headers = tokens.headers(role, region)
        assert (await client.get(renew_url(worker), headers=headers)).status_code == 404
        response = await client.post(renew_url(worker), json={"current_end": "2025-12-31"}, headers=headers)
        assert response.status_code == 404, response.text
    assert (await contract(client, tokens, worker))["end"] == "2025-12-31"
    assert await audit_count(session, worker) == audited


async def test_a_correction_cannot_extend_the_contract(app, client, session, tokens):
    """No silent extension: a PATCH moving the end later is 409 pointing to the renewal; an earlier end is a
    correction."""
    await seed_regions(session)
    worker = await staff(session, "更正")
    headers = tokens.headers("township_officer", TOWN)
    current = await client.get(f"/v1/workers/{worker.id}", headers=headers)
    etag = current.headers["ETag"]
    audited = await audit_count(session, worker)
    response = await client.patch(f"/v1/workers/{worker.id}", json={"contract_end": "2028-12-31"},
                                  headers={**headers, "If-Match": etag})
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "contract_extension_needs_renewal" and "续聘" in problem["message_zh"]
    assert problem["endpoint"] == "POST /v1/workers/{worker_id}/contract-renewal"
    assert problem["errors"][0]["field"] == "contract_end"
    assert (await contract(client, tokens, worker))["end"] == "2025-12-31"
    assert await audit_count(session, worker) == audited

    shorter = await client.patch(f"/v1/workers/{worker.id}", json={"contract_end": "2025-06-30"},
                                 headers={**headers, "If-Match": etag})
    assert shorter.status_code == 200, shorter.text
    assert shorter.json()["contract"]["end"] == "2025-06-30"


def test_a_term_no_text_states_is_named_in_chinese_too():
    """Where no contract.term rule states the term, the post catalogue's or the current contract's stands: the
    Chinese refusal says so in Chinese (the English basis, which the API's term_basis keeps, stays out of it)."""
    common = {"status": "active", "committee_member": False, "current_start": date(2023, 1, 1),
              "current_end": date(2025, 12, 31), "term_rule": None, "renewal_rule": None, "results": {},
              "today": date(2025, 12, 1), "requested_end": date(2030, 12, 31)}
    catalogue = renewal.plan(current_term=2, catalogue_term=3, **common)
    assert catalogue.term_basis == "post catalogue contract_term_years"
    assert catalogue.refusal is not None and catalogue.refusal.code == "renewal_end_beyond_term"
    assert catalogue.refusal.message_zh == "聘期为 3 年（岗位目录规定），新合同最晚于 2028-12-31 结束"
    assert "post catalogue" in catalogue.refusal.message_en
    current = renewal.plan(current_term=2, catalogue_term=None, **common)
    assert current.term_basis == "the current contract's term"
    assert current.refusal is not None and current.refusal.message_zh == "聘期为 2 年（同现合同期限），新合同最晚于 2027-12-31 结束"
    for message in (catalogue.refusal.message_zh, current.refusal.message_zh):
        assert_in_words(message)
        assert re.search(r"[A-Za-z]", message) is None
