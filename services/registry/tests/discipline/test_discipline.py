"""Issue 13: discipline and criminal records (NX 三; IM art.37(五); SS 二(四)5) raise the exit flag, by rule data."""

from datetime import timedelta

from cwm_kit.dates import today_in_china
from registry.seed import seed_regions

from ..quota.factories import make_worker

NX_TOWN = "640104001"


def _record(worker, kind: str, **extra) -> dict:
    return {"worker_id": str(worker.id), "kind": kind, "record_date": "2026-03-02", "issuing_body": "兴庆区纪委",
            "summary": "违反廉洁纪律", **extra}


async def _flags(client, headers) -> list[dict]:
    response = await client.get("/v1/flags?kind=discipline", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_a_kind_the_rule_lists_raises_the_exit_flag_a_lighter_one_does_not(client, session, tokens):
    await seed_regions(session)
    grave = await make_worker(session, "640104001001", name="甲")
    light = await make_worker(session, "640104001001", name="乙")
    headers = tokens.headers("township_officer", NX_TOWN)
    created = await client.post("/v1/discipline-records", json=_record(grave, "party_post_revoked"), headers=headers)
    assert created.status_code == 201, created.text
    assert (created.json()["raises_exit_flag"], created.json()["worker_name"]) == (True, "甲")  # was null
    warned = await client.post("/v1/discipline-records", json=_record(light, "party_warning"), headers=headers)
    assert warned.status_code == 201 and warned.json()["raises_exit_flag"] is False
    flags = await _flags(client, headers)
    assert [(f["kind"], f["name"]) for f in flags] == [("discipline", "甲")]
    assert "撤销党内职务" in flags[0]["message_zh"] and "兴庆区纪委" in flags[0]["message_zh"]
    # Only a flag: the worker stays in post until a person decides.
    worker = (await client.get(f"/v1/workers/{grave.id}", headers=headers)).json()
    assert worker["status"] == "active"
    listed = (await client.get(f"/v1/discipline-records?worker_id={grave.id}", headers=headers)).json()
    assert [(r["kind"], r["worker_name"]) for r in listed] == [("party_post_revoked", "甲")]
    audit = (await client.get("/v1/audit?entity=discipline_record", headers=headers)).json()
    assert any(e["action"] == "discipline.record" for e in audit["items"])


async def test_each_text_lists_its_own_kinds(client, session, tokens):
    """SS names only expulsion from the party and a sentence: 撤销党内职务 raises no flag in Songshan."""
    await seed_regions(session)
    ss = await make_worker(session, "150404001001", name="松山")
    headers = tokens.headers("township_officer", "150404001")
    revoked = await client.post("/v1/discipline-records", json=_record(ss, "party_post_revoked"), headers=headers)
    assert revoked.json()["raises_exit_flag"] is False
    assert await _flags(client, headers) == []
    sentenced = await client.post("/v1/discipline-records", json=_record(ss, "sentenced"), headers=headers)
    assert sentenced.json()["raises_exit_flag"] is True
    assert [f["name"] for f in await _flags(client, headers)] == ["松山"]


async def test_other_jurisdiction_read_only_roles_and_bad_input_are_refused(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, "640104001001")
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/discipline-records", json=_record(worker, "sentenced"),
                              headers=other)).status_code == 404
    auditor = tokens.headers("auditor", "640104")
    assert (await client.post("/v1/discipline-records", json=_record(worker, "sentenced"),
                              headers=auditor)).status_code == 403
    me = tokens.headers("worker", "640104001001", worker_id=str(worker.id))
    assert (await client.post("/v1/discipline-records", json=_record(worker, "sentenced"),
                              headers=me)).status_code == 403
    headers = tokens.headers("township_officer", NX_TOWN)
    future = (today_in_china() + timedelta(days=3)).isoformat()
    refused = await client.post("/v1/discipline-records", json=_record(worker, "sentenced", record_date=future),
                                headers=headers)
    assert refused.status_code == 422
    assert [(e["field"], e["code"], e["message_zh"]) for e in refused.json()["errors"]] == [
        ("record_date", "date_in_future", f"处分或判决日期不能晚于今天（{today_in_china()}）")]
    unknown = await client.post("/v1/discipline-records", json=_record(worker, "bad_kind"), headers=headers)
    assert unknown.status_code == 422
    await client.post("/v1/discipline-records", json=_record(worker, "sentenced"), headers=headers)
    assert await _flags(client, other) == []
    assert (await client.get("/v1/discipline-records", headers=other)).json() == []
