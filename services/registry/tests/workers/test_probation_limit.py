"""Issue 13 item 2: probation is refused when longer than the contract term allows (rule contract.probation,
Labour Contract Law art.19: ≤ 2 months for 1–3 years, ≤ 6 months for 3 years and more) — at registration, at
hire, on an edit; the 422 names the field and the rule."""

from datetime import date

from registry.workers.probation import latest_probation_end

from ..zh_words import SS_SCHEME, assert_in_words
from .helpers import create_worker, nid, regions, worker_body

PARAMS = {"max_months_by_term": [{"term_months_from": 3, "max_months": 1}, {"term_months_from": 12, "max_months": 2},
                                 {"term_months_from": 36, "max_months": 6}]}


def test_latest_probation_end_by_term():
    assert latest_probation_end(PARAMS, date(2026, 3, 1), 1) == date(2026, 4, 30)
    assert latest_probation_end(PARAMS, date(2026, 3, 1), 2) == date(2026, 4, 30)
    assert latest_probation_end(PARAMS, date(2026, 3, 1), 3) == date(2026, 8, 31)
    assert latest_probation_end(PARAMS, date(2026, 8, 31), 5) == date(2027, 2, 27)


async def test_registration_refuses_a_probation_longer_than_the_term_allows(client, session, tokens):
    await regions(session)
    town = tokens.headers("township_officer", "640104001")
    # The attack: a 2-year contract with six months' probation.
    attack = await client.post("/v1/workers", json=worker_body(hired_on="2026-03-01", contract_term_years=2,
                                                               probation_end="2026-08-31"), headers=town)
    assert attack.status_code == 422, attack.text
    problem = attack.json()
    assert problem["code"] == "probation_too_long" and problem["errors"][0]["field"] == "probation_end"
    assert "2026-04-30" in problem["message_en"] and "art.19" in problem["message_en"]
    assert problem["rule"]["kind"] == "contract.probation" and problem["rule"]["key"] == "max_months_by_term"
    assert problem["rule"]["stated_by"]["source"] == "Labour Contract Law art.19"
    # Exactly the maximum is fine; a 3-year contract allows six months.
    two = await client.post("/v1/workers", json=worker_body(hired_on="2026-03-01", contract_term_years=2,
                                                            probation_end="2026-04-30"), headers=town)
    assert two.status_code == 201, two.text
    six = await create_worker(client, tokens, national_id=nid(sequence=456), hired_on="2026-03-01",
                              contract_term_years=3, probation_end="2026-08-31")
    # Shortening the term on an edit re-checks the probation.
    etag = (await client.get(f"/v1/workers/{six['id']}", headers=town)).headers["etag"]
    edit = await client.patch(f"/v1/workers/{six['id']}", json={"contract_term_years": 2},
                              headers={**town, "If-Match": etag})
    assert edit.status_code == 422 and edit.json()["code"] == "probation_too_long"



async def test_songshan_terms_follow_committee_membership(client, session, tokens):
    """SS 二(四)5 「社区“两委”成员聘期5年，专职工作人员聘期3年」 as rule data (contract.term @150404): the default,
    and another term refused naming the rule; a 两委脱产委员 on the staff pay post gets 5 (the case the post
    catalogue alone got wrong). Ningxia has no such rule: its terms are typed."""
    await regions(session)
    town = tokens.headers("township_officer", "150404001")
    base = {"community_code": "150404001001", "hired_on": "2026-03-01", "contract_term_years": None}
    staff = await client.post("/v1/workers", json=worker_body(**base, post="ss_staff",
                                                               national_id=nid(sequence=601, region="150404")),
                              headers=town)
    assert staff.status_code == 201, staff.text
    assert staff.json()["contract"]["term_years"] == 3 and not staff.json()["committee_member"]
    member = await client.post("/v1/workers", json=worker_body(**base, post="ss_staff", committee_member=True,
                                                                national_id=nid(sequence=602, region="150404")),
                               headers=town)
    assert member.status_code == 201, member.text
    assert member.json()["contract"]["term_years"] == 5 and member.json()["committee_member"]
    attack = await client.post("/v1/workers", json=worker_body(**{**base, "contract_term_years": 3},
                                                                post="ss_deputy",
                                                                national_id=nid(sequence=603, region="150404")),
                               headers=town)
    assert attack.status_code == 422, attack.text
    assert attack.json()["errors"][0]["field"] == "contract_term_years"
    assert attack.json()["rule"]["kind"] == "contract.term" and attack.json()["rule"]["key"] == "committee_member_years"
    assert attack.json()["rule"]["stated_by"]["source"] == "SS 二(四)5"
    # In Chinese the text by its name (SS 二(四)5 stays in the English and the `rule` extra).
    assert attack.json()["errors"][0]["message_zh"] == f"社区“两委”成员聘期为 5 年（{SS_SCHEME}二(四)5）"
    assert_in_words(attack.json()["message_zh"])
    assert "(SS 二(四)5)" in attack.json()["message_en"]
    # Ningxia: no contract.term rule, the typed term stands.
    nx = await create_worker(client, tokens, national_id=nid(sequence=604), contract_term_years=2)
    assert nx["contract"]["term_years"] == 2
