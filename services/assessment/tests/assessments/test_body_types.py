"""Counts take JSON numbers only: "55" or true for a headcount or a day count is refused naming the field
(lax validation would have stored 55 and 1)."""

from .test_workflow import listed


async def test_a_count_sent_as_text_or_true_is_refused_naming_it(client, flow):
    cycle, (worker,), (aid,) = await listed(flow)
    url = f"/v1/assessments/{aid}/satisfaction"
    for body, field in (({"respondents": "55", "votes": {"satisfied": 30}}, "respondents"),
                        ({"respondents": 55, "votes": {"satisfied": "30"}}, "votes.satisfied"),
                        ({"respondents": True, "votes": {"satisfied": 1}}, "respondents")):
        refused = await client.put(url, headers=flow.secretary, json=body)
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        [error] = refused.json()["errors"]
        assert (error["field"], error["code"], error["message_en"]) == (field, "int_type", "must be an integer")
    record = {"worker_id": str(worker), "period": "2024-Q1", "score": "80", "absent_days": "3"}
    refused = await client.put(f"/v1/cycles/{cycle['id']}/daily-records", json={"records": [record]},
                               headers=flow.secretary)
    assert refused.status_code == 422
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("records.0.absent_days", "int_type")]
    # Numbers are counts; the score, a Decimal, still comes as text.
    saved = await client.put(f"/v1/cycles/{cycle['id']}/daily-records", json={"records": [record | {"absent_days": 3}]},
                             headers=flow.secretary)
    assert saved.status_code == 200 and saved.json() == {"saved": 1}
    assert (await client.put(url, headers=flow.secretary, json={"respondents": 55, "votes": {"satisfied": 30}})
            ).status_code == 200
