from payroll.inputs.schemas import AssessmentResult, WorkerFacts, latest_revisions


async def test_health_and_auth_required(client, tokens):
    assert (await client.get("/healthz")).json()["service"] == "payroll"
    assert (await client.get("/readyz")).json()["status"] == "ready"


def test_worker_facts_parse_contract_line():
    line = ('{"worker_id": "w1", "name": "张三", "community_code": "640104001001", "post": "nx_staff", '
            '"status": "active", "hired_on": "2020-03-01", '
            '"counted_service": [{"from": "1978-01-01", "to": null, "scope": "64", '
            '"runs": [{"start": "2020-03-01", "end": null}]}], "post_history": [{"post": "nx_staff", "from": "2020-03-01", "to": null}], "new_field": 1}')
    facts = WorkerFacts.model_validate_json(line)
    assert facts.counted_runs(facts.hired_on) == [(facts.hired_on, None)]
    assert facts.post_history[0].from_.isoformat() == "2020-03-01"
    results = [AssessmentResult(worker_id="w1", year=2024, result="competent", revision=1),
               AssessmentResult(worker_id="w1", year=2024, result="excellent", revision=2)]
    assert [r.result for r in latest_revisions(results)] == ["excellent"]
