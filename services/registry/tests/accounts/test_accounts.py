"""Account administration (issue 11 item 3): who may grant what where (a matrix), initial passwords changed at
first login under the password policy, reset, lockout and unlock, worker accounts from the record and
deactivated at exit, and every change of rights ending the account's sessions. Everything audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cwm_kit.dates import today_in_china
from registry.models import audit_log
from registry.seed import DEMO_PASSWORD

from ..auth.test_router import login
from ..workers.helpers import worker_body


async def bearer(client, username, password=DEMO_PASSWORD) -> dict:
    response = await login(client, username, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def body(username="new_officer", role="township_officer", jurisdiction="640104001", name="新任专员") -> dict:
    return {"username": username, "display_name": name, "role": role, "jurisdiction": jurisdiction}


# (administrator login, role granted, jurisdiction granted) → status
GRANTS = [
    ("nx_admin", "county_officer", "640104", 201),
    ("nx_admin", "provincial_admin", "64", 201),
    ("nx_admin", "county_officer", "150404", 404),       # another province
    ("yc_city", "county_officer", "640104", 201),
    ("yc_city", "city_officer", "6401", 201),             # at their own level
    ("yc_city", "provincial_admin", "64", 404),           # above their jurisdiction
    ("xq_county", "township_officer", "640104001", 201),
    ("xq_county", "finance_officer", "640104001", 201),
    ("xq_county", "party_secretary", "640104001001", 201),
    ("xq_county", "auditor", "640104", 201),
    ("xq_county", "provincial_admin", "640104", 403),     # a role above their own
    ("xq_county", "city_officer", "640104", 403),
    ("xq_county", "township_officer", "640105001", 404),  # outside the county
    ("xq_county", "township_officer", "640104", 422),     # the role takes a 9-digit code
    ("xq_county", "township_officer", "640104999", 422),  # no such township
    ("xq_town", "township_officer", "640104001", 403),    # not an administering role
    ("xq_finance", "finance_officer", "640104001", 403),
    ("xq_auditor", "auditor", "640104", 403),
    ("xq_secretary", "party_secretary", "640104001001", 403),
]


@pytest.mark.parametrize(("admin", "role", "jurisdiction", "expected"), GRANTS)
async def test_who_may_grant_which_role_where(client, seeded, admin, role, jurisdiction, expected):
    response = await client.post("/v1/accounts", json=body(role=role, jurisdiction=jurisdiction),
                                 headers=await bearer(client, admin))
    assert response.status_code == expected, response.text


async def test_grantable_roles_are_what_the_pickers_offer(client, seeded):
    county = (await client.get("/v1/accounts/grantable", headers=await bearer(client, "xq_county"))).json()
    assert county["jurisdiction"] == "640104" and county["worker_accounts"] is True
    assert {r["role"] for r in county["roles"]} == {"county_officer", "township_officer", "finance_officer",
                                                    "party_secretary", "auditor"}
    town = (await client.get("/v1/accounts/grantable", headers=await bearer(client, "xq_town"))).json()
    assert town["roles"] == [] and town["worker_accounts"] is True


async def test_first_login_must_change_the_password_under_the_policy(client, seeded, session):
    county = await bearer(client, "xq_county")
    created = await client.post("/v1/accounts", json=body(), headers=county)
    assert created.status_code == 201, created.text
    initial = created.json()["initial_password"]
    assert created.json()["must_change_password"] is True
    first = await login(client, "new_officer", initial)
    assert first.status_code == 200 and first.json()["must_change_password"] is True
    pending = {"Authorization": f"Bearer {first.json()['access_token']}"}
    refused = await client.get("/v1/workers", headers=pending)
    assert refused.status_code == 403 and refused.json()["code"] == "password_change_required"
    assert (await client.get("/v1/auth/me", headers=pending)).json()["must_change_password"] is True
    for weak, code in [("Short1!", "too_short"), ("Password@2025", "common_password"),
                       ("new_officer#2025x", "contains_login_name"), ("1111111111", "simple_pattern")]:
        response = await client.post("/v1/auth/password", json={"current_password": initial, "new_password": weak},
                                      headers=pending)
        assert response.status_code == 422 and code in {e["code"] for e in response.json()["errors"]}, response.text
    wrong = await client.post("/v1/auth/password", json={"current_password": "nope", "new_password": "Xq-7kLm9pRt"},
                              headers=pending)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"
    changed = await client.post("/v1/auth/password", json={"current_password": initial,
                                                           "new_password": "Xq-7kLm9pRt"}, headers=pending)
    assert changed.status_code == 200 and changed.json()["must_change_password"] is False
    fresh = {"Authorization": f"Bearer {changed.json()['access_token']}"}
    assert (await client.get("/v1/workers", headers=fresh)).status_code == 200
    # The pending session ended with the change.
    assert (await client.get("/v1/auth/me", headers=pending)).status_code == 401
    assert (await login(client, "new_officer", "Xq-7kLm9pRt")).json()["must_change_password"] is False
    actions = (await session.scalars(select(audit_log.c.action).where(audit_log.c.entity == "account",
                                                                      audit_log.c.entity_id == created.json()["id"])
                                     .order_by(audit_log.c.id))).all()
    assert actions == ["account.create", "account.password_change"]


async def test_deactivation_role_change_and_reset_end_the_sessions(client, seeded, session):
    county = await bearer(client, "xq_county")
    account = (await client.post("/v1/accounts", json=body(), headers=county)).json()
    session_tokens = (await client.post("/v1/auth/password", json={
        "current_password": account["initial_password"], "new_password": "Xq-7kLm9pRt"},
        headers={"Authorization": f"Bearer {(await login(client, 'new_officer', account['initial_password'])).json()['access_token']}"})).json()
    access = {"Authorization": f"Bearer {session_tokens['access_token']}"}
    assert (await client.get("/v1/workers", headers=access)).status_code == 200

    # A role change ends the session: the access token at once here (every service within a minute), the
    # refresh token at once.
    changed = await client.patch(f"/v1/accounts/{account['id']}", json={"role": "finance_officer"}, headers=county)
    assert changed.status_code == 200 and changed.json()["role"] == "finance_officer"
    refused = await client.get("/v1/workers", headers=access)
    assert refused.status_code == 401 and refused.json()["code"] == "session_revoked"
    again = await client.post("/v1/auth/refresh", json={"refresh_token": session_tokens["refresh_token"]})
    assert again.status_code == 401
    listed = (await client.get("/v1/auth/revocations")).json()
    assert listed["max_age_seconds"] == 20 and len(listed["sids"]) >= 2  # the first-login session and this one

    # Deactivated: no login, sessions ended.
    second = await bearer(client, "new_officer", "Xq-7kLm9pRt")
    deactivated = await client.post(f"/v1/accounts/{account['id']}/deactivate", headers=county)
    assert deactivated.status_code == 200 and deactivated.json()["active"] is False
    assert (await client.get("/v1/workers", headers=second)).status_code == 401
    assert (await login(client, "new_officer", "Xq-7kLm9pRt")).status_code == 401
    assert (await client.post(f"/v1/accounts/{account['id']}/activate", headers=county)).json()["active"] is True

    # Reset: a new initial password, changed at the next login; the old session ends.
    third = await bearer(client, "new_officer", "Xq-7kLm9pRt")
    reset = await client.post(f"/v1/accounts/{account['id']}/password-reset", headers=county)
    assert reset.status_code == 200 and reset.json()["must_change_password"] is True
    assert (await client.get("/v1/auth/me", headers=third)).status_code == 401
    assert (await login(client, "new_officer", "Xq-7kLm9pRt")).status_code == 401
    assert (await login(client, "new_officer", reset.json()["initial_password"])).json()["must_change_password"]

    actions = (await session.scalars(select(audit_log.c.action).where(audit_log.c.entity_id == account["id"])
                                     .order_by(audit_log.c.id))).all()
    assert actions == ["account.create", "account.password_change", "account.update", "account.deactivate",
                       "account.activate", "account.password_reset"]
    entry = (await client.get(f"/v1/audit?entity=account&entity_id={account['id']}&action=account.update",
                              headers=await bearer(client, "xq_auditor"))).json()["items"][0]
    assert (entry["before"]["role"], entry["after"]["role"]) == ("township_officer", "finance_officer")
    assert entry["actor_name"] == "兴庆区社会工作部" and entry["region_name"]
    assert "password_hash" not in entry["after"]


async def test_an_administrator_cannot_manage_accounts_above_or_outside_or_their_own(client, seeded, session):
    county = await bearer(client, "xq_county")
    accounts = (await client.get("/v1/accounts?size=100", headers=await bearer(client, "nx_admin"))).json()["items"]
    by_name = {a["username"]: a for a in accounts}
    # yc_city is outside the county's jurisdiction: 404 like a made-up id.
    assert (await client.post(f"/v1/accounts/{by_name['yc_city']['id']}/deactivate",
                              headers=county)).status_code == 404
    assert (await client.post(f"/v1/accounts/{by_name['xq_county']['id']}/deactivate",
                              headers=county)).json()["code"] == "own_account"
    # The county cannot move a township officer out of the county, nor promote them above itself.
    town_id = by_name["xq_town"]["id"]
    assert (await client.patch(f"/v1/accounts/{town_id}", json={"jurisdiction": "640105001"},
                               headers=county)).status_code == 404
    assert (await client.patch(f"/v1/accounts/{town_id}", json={"role": "city_officer", "jurisdiction": "6401"},
                               headers=county)).status_code == 404
    listed = (await client.get("/v1/accounts?q=xq_&size=100", headers=county)).json()
    assert {a["jurisdiction"][:6] for a in listed["items"]} == {"640104"}


async def test_lockout_is_shown_and_an_administrator_lifts_it(client, seeded):
    for _ in range(3):
        assert (await login(client, "xq_town", "wrong", address="10.0.0.9")).status_code == 401
    assert (await login(client, "xq_town", address="10.0.0.10")).status_code == 429
    county = await bearer(client, "xq_county")
    account = (await client.get("/v1/accounts?q=xq_town", headers=county)).json()["items"]
    town = next(a for a in account if a["username"] == "xq_town")
    assert town["locked"] is True and town["failed_logins"] == 3
    unlocked = await client.post(f"/v1/accounts/{town['id']}/unlock", headers=county)
    assert unlocked.status_code == 200 and unlocked.json()["locked"] is False
    assert (await login(client, "xq_town", address="10.0.0.10")).status_code == 200


async def test_worker_account_from_the_record_logs_in_by_id_or_phone_and_ends_at_exit(client, seeded):
    town = await bearer(client, "xq_town")
    worker = await client.post("/v1/workers", json=worker_body(phone="13912345678"), headers=town)
    assert worker.status_code == 201, worker.text
    worker = worker.json()
    created = await client.post("/v1/accounts/worker", json={"worker_id": worker["id"]}, headers=town)
    assert created.status_code == 201, created.text
    account = created.json()
    assert (account["role"], account["jurisdiction"], account["worker_id"]) == ("worker", worker["community_code"],
                                                                                 worker["id"])
    assert account["phone"] == "13912345678"  # the township HR officer sees it in full, as on the record
    assert (await client.post("/v1/accounts/worker", json={"worker_id": worker["id"]},
                              headers=town)).status_code == 409
    national_id = worker_body()["national_id"]
    by_id = await login(client, national_id, account["initial_password"])
    by_phone = await login(client, "13912345678", account["initial_password"])
    assert by_id.status_code == 200 and by_phone.status_code == 200
    assert by_phone.json()["worker_id"] == worker["id"]
    # Auditors see the phone masked, as on the worker record.
    seen = (await client.get(f"/v1/accounts/{account['id']}", headers=await bearer(client, "xq_auditor"))).json()
    assert seen["phone"] == "139****5678"
    # The worker resigns: the account is deactivated and its sessions end.
    session_headers = {"Authorization": f"Bearer {by_id.json()['access_token']}"}
    exited = await client.post(f"/v1/workers/{worker['id']}/status-transitions", headers=town,
                               json={"status": "resigned", "on": today_in_china().isoformat(), "reason": "辞职"})
    assert exited.status_code == 201, exited.text
    assert (await client.get("/v1/auth/me", headers=session_headers)).status_code == 401
    assert (await login(client, national_id, account["initial_password"])).status_code == 401
    after = (await client.get(f"/v1/accounts/{account['id']}", headers=town)).json()
    assert after["active"] is False and after["deactivated_at"]


async def test_a_transferred_workers_account_moves_to_the_new_community(client, seeded, session):
    """Attack: the account kept the old community as jurisdiction, so the old township's officer could still
    reset the password of a worker now in another township (and log in as them), and the new one got 404."""
    from datetime import timedelta

    from registry.auth.models import Account

    town, other_town = await bearer(client, "xq_town"), await bearer(client, "xq_town2")
    worker = (await client.post("/v1/workers", json=worker_body(), headers=town)).json()
    account = (await client.post("/v1/accounts/worker", json={"worker_id": worker["id"]}, headers=town)).json()
    assert account["jurisdiction"] == "640104001001"
    worker_login = await login(client, worker_body()["national_id"], account["initial_password"])
    worker_session = {"Authorization": f"Bearer {worker_login.json()['access_token']}"}

    moved = await client.post(f"/v1/workers/{worker['id']}/transfers", headers=await bearer(client, "xq_county"),
                              json={"community_code": "640104002001",
                                    "on": (today_in_china() - timedelta(days=1)).isoformat()})
    assert moved.status_code == 201, moved.text
    stored = await session.get(Account, account["id"])
    await session.refresh(stored)
    assert stored.jurisdiction == "640104002001"
    row = (await session.execute(select(audit_log).where(audit_log.c.entity_id == account["id"],
                                                         audit_log.c.action == "account.update"))).mappings().one()
    assert row["before"]["jurisdiction"] == "640104001001" and row["after"]["jurisdiction"] == "640104002001"
    assert row["region_code"] == "640104002001" and row["worker_id"] == worker["id"]
    # A change of jurisdiction ends the sessions (as an administrator's change does); a new login carries it.
    assert (await client.get("/v1/auth/me", headers=worker_session)).status_code == 401

    # The old township's officer: as if the account did not exist, and nothing written.
    password_hash = stored.password_hash
    old = await client.post(f"/v1/accounts/{account['id']}/password-reset", headers=town)
    assert old.status_code == 404, old.text
    assert (await client.get(f"/v1/accounts/{account['id']}", headers=town)).status_code == 404
    await session.refresh(stored)
    assert stored.password_hash == password_hash
    assert not (await session.execute(select(audit_log.c.id).where(
        audit_log.c.entity_id == account["id"], audit_log.c.action == "account.password_reset"))).all()
    # The new township's officer administers it.
    new = await client.post(f"/v1/accounts/{account['id']}/password-reset", headers=other_town)
    assert new.status_code == 200, new.text
    relogin = await login(client, worker_body()["national_id"], new.json()["initial_password"])
    assert relogin.status_code == 200 and relogin.json()["jurisdiction"] == "640104002001"
