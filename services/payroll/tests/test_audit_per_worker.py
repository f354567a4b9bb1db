"""Issue 14: every write about one worker is in that worker's audit trail (`GET /v1/audit?worker_id=`): one-off
items entered, corrected and removed, tax declarations entered by an officer or by the worker."""

from __future__ import annotations

from .runs.support import COMMUNITY_A, COUNTY, TOWNSHIP_A
from .runs.support import remove_declarations_and_items as _cleanup
from .tax.support import install_registry

RENT = {"kind": "housing_rent", "variant": "tier1", "amount": "1500.00", "start_month": "2025-01",
        "basis": "银川市兴庆区 租赁合同 2024-12-20 至 2025-12-19"}


async def test_writes_about_a_worker_are_in_their_audit_trail(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        items = []
        for worker_id in ("w1", "w2"):
            created = await client.post("/v1/one-off-items", headers=town, json={
                "worker_id": worker_id, "month": "2025-01", "kind": "heating", "amount": "2400.00",
                "basis": "采暖季通知"})
            assert created.status_code == 201, created.text
            items.append(created.json()["id"])
        changed = await client.put(f"/v1/one-off-items/{items[0]}", headers=town,
                                   json={"amount": "2600.00", "basis": "更正：按新标准"})
        assert changed.status_code == 200, changed.text
        assert (await client.delete(f"/v1/one-off-items/{items[0]}", headers=town)).status_code == 204
        entered = await client.post("/v1/workers/w1/tax-declarations", headers=town, json=RENT)
        assert entered.status_code == 201, entered.text
        own = await client.post("/v1/me/tax-declarations", json=RENT,
                                headers=tokens.headers("worker", COMMUNITY_A, worker_id="w2"))
        assert own.status_code == 201, own.text

        auditor = tokens.headers("auditor", COUNTY)
        trail = (await client.get("/v1/audit?worker_id=w1&size=100", headers=auditor)).json()["items"]
        assert {e["worker_id"] for e in trail} == {"w1"}
        assert [(e["entity"], e["entity_id"], e["action"]) for e in trail] == [
            ("tax_declaration", str(entered.json()["id"]), "create"), ("one_off_item", str(items[0]), "delete"),
            ("one_off_item", str(items[0]), "update"), ("one_off_item", str(items[0]), "create")]
        theirs = (await client.get("/v1/audit?worker_id=w2&size=100", headers=auditor)).json()["items"]
        assert [(e["entity"], e["entity_id"]) for e in theirs] == [
            ("tax_declaration", str(own.json()["id"])), ("one_off_item", str(items[1]))]
    finally:
        await _cleanup(engine)
