"""The audit view leaks nothing the record view hides: for each role, a worker's ID number and phone in
the audit entries are exactly what GET /v1/workers/{id} shows that role (cwm_kit.privacy, one rule); entries
name the actor and the region."""

import pytest

from registry.seed import seed_regions

from .workers.helpers import COMMUNITY, worker_body

ROLES = [("township_officer", "640104001"), ("party_secretary", COMMUNITY), ("finance_officer", "640104001"),
         ("auditor", "640104"), ("auditor", "640104001"), ("county_officer", "640104"), ("city_officer", "6401"),
         ("provincial_admin", "64"), ("township_officer", "640104")]


@pytest.mark.parametrize(("role", "jurisdiction"), ROLES)
async def test_audit_entries_are_masked_exactly_like_the_record(client, session, tokens, role, jurisdiction):
    await seed_regions(session)
    town = tokens.headers("township_officer", "640104001", subject="xq_town", name="王敏")
    created = await client.post("/v1/workers", json=worker_body(), headers=town)
    assert created.status_code == 201, created.text
    worker_id = created.json()["id"]
    viewer = tokens.headers(role, jurisdiction)
    record = (await client.get(f"/v1/workers/{worker_id}", headers=viewer)).json()
    page = (await client.get(f"/v1/audit?entity=worker&entity_id={worker_id}", headers=viewer)).json()
    entry = next(item for item in page["items"] if item["action"] == "worker.create")
    assert entry["after"]["national_id"] == record["national_id"]
    assert entry["after"]["phone"] == record["phone"]
    # Issue 3: full numbers only to the worker's township officers (HR and finance) and the worker.
    full = role in ("township_officer", "finance_officer") and len(jurisdiction) >= 9
    assert ("*" in record["national_id"]) is not full and ("*" in record["phone"]) is not full
    # People and places by name, not only ids and codes.
    assert (entry["actor"], entry["actor_name"]) == ("xq_town", "王敏")
    assert entry["region_code"] == COMMUNITY and entry["region_name"]


async def test_the_worker_sees_their_own_numbers_and_nobody_sees_a_secret():
    from cwm_kit import privacy
    from cwm_kit.security import Principal, Role

    worker = Principal(subject="a", role=Role.WORKER, jurisdiction=COMMUNITY, worker_id="w1")
    data = {"national_id": "640104199005171234", "nested": [{"bank_account": "6222020200112233445"}],
            "password_hash": "$argon2id$..."}
    own = privacy.mask_for(worker, data, COMMUNITY, "w1")
    assert own["national_id"] == data["national_id"] and own["password_hash"] == "***"
    other = privacy.mask_for(worker, data, COMMUNITY, "w2")
    assert other["national_id"] == "6401**********1234" and other["nested"][0]["bank_account"].endswith("3445")
    assert other["nested"][0]["bank_account"].startswith("*")
