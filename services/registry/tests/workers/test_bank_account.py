"""A worker's bank account: edited like other facts (ETag, audit), masked like the national ID, and published
to payroll in the facts (in full to the payroll service, masked to officers who see IDs masked)."""

import json

from sqlalchemy import select

from registry.models import audit_log

from .helpers import create_worker, regions

ACCOUNT = "6228480402564890018"
BANK = {"bank_name": "中国农业银行", "bank_branch": "银川兴庆支行", "bank_account": ACCOUNT}


async def test_bank_account_is_edited_audited_and_masked(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}"
    town = tokens.headers("township_officer", "640104001")
    saved = await client.patch(url, json=BANK, headers={**town, "If-Match": f'"{worker["version"]}"'})
    assert saved.status_code == 200, saved.text
    assert saved.json()["bank_account"] == ACCOUNT and saved.json()["bank_branch"] == "银川兴庆支行"
    # Roles that see the ID masked see only the account's last four digits.
    for role, where in (("county_officer", "640104"), ("auditor", "640104")):
        seen = (await client.get(url, headers=tokens.headers(role, where))).json()
        assert seen["national_id_masked"] and seen["bank_account"] == "*" * 15 + "0018"
        assert seen["bank_name"] == "中国农业银行"
    bad = await client.patch(url, json={"bank_account": "6228-4804"},
                             headers={**town, "If-Match": saved.headers["etag"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("bank_account")
    entry = (await session.execute(select(audit_log).where(audit_log.c.entity_id == worker["id"])
                                   .order_by(audit_log.c.id.desc()))).first()
    assert entry.after["bank_account"] is not None


async def test_facts_carry_the_account_in_full_to_the_payroll_service_only(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    await client.patch(f"/v1/workers/{worker['id']}", json=BANK,
                       headers={**tokens.headers("township_officer", "640104001"),
                                "If-Match": f'"{worker["version"]}"'})
    params = "?region=640104&as_of=2025-06-30"

    def facts(response):
        assert response.status_code == 200, response.text
        return next(json.loads(line) for line in response.text.splitlines() if worker["id"] in line)

    service = facts(await client.get(f"/v1/workers/facts{params}", headers=tokens.headers("service", "")))
    assert (service["bank_account"], service["national_id"]) == (ACCOUNT, worker["national_id"])
    county = facts(await client.get(f"/v1/workers/facts{params}", headers=tokens.headers("county_officer", "640104")))
    assert county["bank_account"].endswith("0018") and county["bank_account"].startswith("*")
    assert county["national_id"] != worker["national_id"] and county["national_id"].endswith(worker["national_id"][-4:])
