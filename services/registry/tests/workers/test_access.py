"""Jurisdiction and privacy: who sees what, and the attacks that must fail."""

import io
import json

from openpyxl import load_workbook

from .helpers import COMMUNITY, create_worker, nid, regions, worker_body

TOWN = ("township_officer", "640104001")
OTHER_TOWN = ("township_officer", "640104002")


async def test_masking_per_role(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    number = worker["national_id"]
    assert worker["national_id_masked"] is False and worker["phone"] == "13812345678"
    url = f"/v1/workers/{worker['id']}"
    full = (await client.get(url, headers=tokens.headers(*TOWN))).json()
    assert full["national_id"] == number and full["phone"] == "13812345678"
    # The township's finance officer pays the wages (工资表 and bank file with full numbers): full too.
    seen = (await client.get(url, headers=tokens.headers("finance_officer", "640104001"))).json()
    assert seen["national_id"] == number and seen["national_id_masked"] is False
    for role, jurisdiction in [("county_officer", "640104"), ("auditor", "640104"), ("city_officer", "6401"),
                               ("auditor", "640104001"), ("township_officer", "640104"),
                               ("provincial_admin", "64"), ("party_secretary", COMMUNITY),
                               ("finance_officer", "640104")]:
        seen = (await client.get(url, headers=tokens.headers(role, jurisdiction))).json()
        assert seen["national_id"] == number[:4] + "*" * 10 + number[-4:], role
        assert seen["phone"] == "138****5678" and seen["national_id_masked"] is True
    # Lists are masked even for the township officer.
    listed = (await client.get("/v1/workers", headers=tokens.headers(*TOWN))).json()
    assert listed["total"] == 1 and listed["items"][0]["national_id"].startswith("6401******")
    # The worker themself sees their own full record.
    own = await client.get(url, headers=tokens.headers("worker", COMMUNITY, worker_id=worker["id"]))
    assert own.status_code == 200 and own.json()["national_id"] == number


async def test_other_township_gets_404_everywhere(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}"
    headers = tokens.headers(*OTHER_TOWN)
    assert (await client.get(url, headers=headers)).status_code == 404
    assert (await client.get(url + "/education", headers=headers)).status_code == 404
    assert (await client.patch(url, json={"name": "x"}, headers={**headers, "If-Match": '"1"'})).status_code == 404
    assert (await client.post(url + "/status-transitions", json={"status": "resigned", "on": "2026-01-01"},
                              headers=headers)).status_code == 404
    listed = (await client.get("/v1/workers", headers=headers)).json()
    assert listed["total"] == 0
    assert (await client.get("/v1/workers?region=640104001", headers=headers)).status_code == 404


async def test_auditor_and_worker_cannot_write(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}"
    auditor = tokens.headers("auditor", "640104")
    assert (await client.patch(url, json={"name": "x"}, headers={**auditor, "If-Match": '"1"'})).status_code == 403
    assert (await client.post(url + "/honours", json={"level": "central", "awarded_on": "2024-01-01"},
                              headers=auditor)).status_code == 403
    own = tokens.headers("worker", COMMUNITY, worker_id=worker["id"])
    assert (await client.patch(url, json={"phone": "13900000000"},
                               headers={**own, "If-Match": '"1"'})).status_code == 403


async def test_worker_cannot_see_another_worker(client, session, tokens):
    await regions(session)
    first = await create_worker(client, tokens)
    second = await create_worker(client, tokens, national_id=nid(sequence=456), name="李强")
    headers = tokens.headers("worker", COMMUNITY, worker_id=first["id"])
    assert (await client.get(f"/v1/workers/{second['id']}", headers=headers)).status_code == 404
    listed = (await client.get("/v1/workers", headers=headers)).json()
    assert [w["id"] for w in listed["items"]] == [first["id"]]


async def test_search_filters(client, session, tokens):
    await regions(session)
    a = await create_worker(client, tokens, name="王小明", national_id=nid(sequence=101))
    b = await create_worker(client, tokens, name="赵丽华", national_id=nid(sequence=202), post="nx_head",
                            community_code="640104001002", education=[])
    headers = tokens.headers(*TOWN)

    async def ids(query: str) -> list[str]:
        response = await client.get(f"/v1/workers?{query}", headers=headers)
        assert response.status_code == 200, response.text
        return [w["id"] for w in response.json()["items"]]

    assert await ids("name=小明") == [a["id"]]
    assert await ids(f"id_tail={b['national_id'][-4:]}") == [b["id"]]
    assert await ids("region=640104001002") == [b["id"]]
    assert await ids("post=nx_head") == [b["id"]]
    assert await ids("education=benke") == [a["id"]]
    assert await ids("status=active&sort=-name") == sorted([a["id"], b["id"]], key=lambda i: i == a["id"])
    assert set(await ids("min_years=1")) == {a["id"], b["id"]}  # hired 2020-03-01
    assert await ids("max_years=0.5") == []
    assert (await client.get("/v1/workers?sort=drop_table", headers=headers)).status_code == 422


async def test_the_party_secretary_sees_masked_numbers_in_the_record_the_export_and_the_audit(client, session,
                                                                                               tokens):
    """Issue 3 (the outside audit's attack): full ID number, phone and bank account only to the worker's township
    officers and the worker. The community's own party secretary (`xq_secretary`) gets masks everywhere."""
    await regions(session)
    worker = await create_worker(client, tokens)
    number, account = worker["national_id"], "6228480402564890018"
    url = f"/v1/workers/{worker['id']}"
    saved = await client.patch(url, json={"bank_name": "中国农业银行", "bank_account": account},
                               headers={**tokens.headers(*TOWN), "If-Match": f'"{worker["version"]}"'})
    assert saved.status_code == 200, saved.text
    secretary = tokens.headers("party_secretary", COMMUNITY, subject="xq_secretary")
    masked_id, masked_phone, masked_account = number[:4] + "*" * 10 + number[-4:], "138****5678", "*" * 15 + "0018"
    record = (await client.get(url, headers=secretary)).json()
    assert (record["national_id"], record["phone"], record["bank_account"]) == (masked_id, masked_phone,
                                                                               masked_account)
    assert record["national_id_masked"] is True
    export = await client.get("/v1/workers/export", headers=secretary)
    assert export.status_code == 200, export.text
    [row] = list(load_workbook(io.BytesIO(export.content))["workers"].iter_rows(min_row=2, values_only=True))
    assert (row[1], row[6]) == (masked_id, masked_phone)
    page = (await client.get(f"/v1/audit?entity=worker&entity_id={worker['id']}", headers=secretary)).json()
    entries = {item["action"]: item for item in page["items"]}
    assert entries["worker.create"]["after"]["national_id"] == masked_id
    assert entries["worker.create"]["after"]["phone"] == masked_phone
    changed = next(item for item in page["items"] if (item["after"] or {}).get("bank_account"))
    assert changed["after"]["bank_account"] == masked_account
    assert number not in json.dumps(page) and account not in json.dumps(page) and "13812345678" not in json.dumps(page)
    # The worker themself still sees their own numbers in full.
    own = (await client.get(url, headers=tokens.headers("worker", COMMUNITY, worker_id=worker["id"]))).json()
    assert (own["national_id"], own["bank_account"]) == (number, account)


async def test_only_hr_officers_keep_worker_records(client, session, tokens):
    """Township HR officers and the levels above register and change worker records; a finance officer changes the
    bank account only; a party secretary keeps no records (the attack: 403, nothing changed)."""
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}"
    version = lambda: client.get(url, headers=tokens.headers(*TOWN))  # noqa: E731

    secretary = tokens.headers("party_secretary", COMMUNITY)
    finance = tokens.headers("finance_officer", "640104001")
    for headers, body in ((secretary, {"phone": "13900000000"}), (finance, {"phone": "13900000000"}),
                          (finance, {"phone": "13900000000", "bank_name": "中国农业银行"})):
        current = await version()
        refused = await client.patch(url, json=body, headers={**headers, "If-Match": current.headers["ETag"]})
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "人事干部" in refused.json()["message_zh"]
    assert (await version()).json()["phone"] == "13812345678"
    registered = await client.post("/v1/workers", json=worker_body(national_id=nid(sequence=124)), headers=secretary)
    assert registered.status_code == 403, registered.text

    current = await version()
    bank = await client.patch(url, json={"bank_name": "中国农业银行", "bank_branch": "银川兴庆支行"},
                              headers={**finance, "If-Match": current.headers["ETag"]})
    assert bank.status_code == 200, bank.text
    current = await version()
    assert current.json()["bank_name"] == "中国农业银行"
    changed = await client.patch(url, json={"phone": "13900000000"},
                                 headers={**tokens.headers(*TOWN), "If-Match": current.headers["ETag"]})
    assert changed.status_code == 200 and changed.json()["phone"] == "13900000000"
