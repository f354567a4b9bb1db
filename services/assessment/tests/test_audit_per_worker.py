"""Issue 14: every write about one worker is in that worker's audit trail (`GET /v1/audit?worker_id=`): the
proposal and the decision on their assessment (one at a time or a unit's at once), their objection and its
resolution, the finalization."""

from datetime import date

from .assessments.test_workflow import listed


async def test_writes_about_a_worker_are_in_their_audit_trail(client, flow, today):
    cycle, (one, other), (aid, other_aid) = await listed(flow, 2)
    assert (await flow.propose(aid)).status_code == 200
    assert (await flow.propose(other_aid)).status_code == 200
    today.today = date(2025, 1, 10)
    assert (await flow.decide(aid)).status_code == 200
    batch = await client.post(f"/v1/cycles/{cycle['id']}/decisions", headers=flow.town,
                              json={"township_code": "640104001", "assessment_ids": [other_aid]})
    assert batch.status_code == 200, batch.text
    raised = await client.post(f"/v1/me/assessments/{aid}/objections", json={"reason": "满意度测评样本太少"},
                               headers=flow.worker(one))
    assert raised.status_code == 201, raised.text
    resolved = await client.post(f"/v1/objections/{raised.json()['id']}/resolution", headers=flow.town,
                                 json={"outcome": "rejected", "note": "测评符合方案"})
    assert resolved.status_code == 200, resolved.text
    today.today = date(2025, 1, 15)
    finalized = await client.post(f"/v1/cycles/{cycle['id']}/finalization", json={"township_code": "640104001"},
                                  headers=flow.tokens.headers("township_officer", "640104001",
                                                              cred_by="county_admin:640104"))
    assert sorted(finalized.json()["finalized"]) == sorted([aid, other_aid])

    async def trail(worker):
        return (await client.get(f"/v1/audit?worker_id={worker}&size=100", headers=flow.auditor)).json()["items"]

    mine = await trail(one)
    assert {e["worker_id"] for e in mine} == {str(one)}
    assert [(e["entity"], e["action"]) for e in reversed(mine)] == [
        ("assessment", "assessment.propose"), ("assessment", "assessment.decide"), ("objection", "objection.raise"),
        ("objection", "objection.resolve"), ("assessment", "assessment.finalize")]
    theirs = await trail(other)
    assert [(e["entity_id"], e["action"]) for e in reversed(theirs)] == [
        (other_aid, "assessment.propose"), (other_aid, "assessment.decide"), (other_aid, "assessment.finalize")]
