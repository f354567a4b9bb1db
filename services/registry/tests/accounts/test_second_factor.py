"""Optional second factor (issue 11 item 6): provincial admins and finance officers may enrol a TOTP; a
province's rule document makes it required for listed roles, and until then the token opens nothing else."""

from __future__ import annotations

import pyotp

from cwm_kit.dates import today_in_china

from ..auth.test_router import login
from .test_accounts import bearer


async def _enrol(client, headers) -> str:
    setup = await client.post("/v1/auth/totp/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    assert setup.json()["otpauth_uri"].startswith("otpauth://totp/")
    secret = setup.json()["secret"]
    wrong = await client.post("/v1/auth/totp/confirm", json={"code": "000000"}, headers=headers)
    assert wrong.status_code == 422
    confirmed = await client.post("/v1/auth/totp/confirm", json={"code": pyotp.TOTP(secret).now()}, headers=headers)
    assert confirmed.status_code == 200, confirmed.text
    return secret


async def test_an_enrolled_finance_officer_logs_in_with_a_code(client, seeded):
    secret = await _enrol(client, await bearer(client, "xq_finance"))
    missing = await login(client, "xq_finance")
    assert missing.status_code == 401 and missing.json()["code"] == "otp_required"
    wrong = await client.post("/v1/auth/token", data={"username": "xq_finance", "password": "Demo@2025",
                                                      "otp": "123456"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_otp"
    right = await client.post("/v1/auth/token", data={"username": "xq_finance", "password": "Demo@2025",
                                                      "otp": pyotp.TOTP(secret).now()})
    assert right.status_code == 200, right.text
    # An administrator's password reset clears the second factor (a lost phone): the code is asked no more.
    county = await bearer(client, "xq_county")
    target = next(a for a in (await client.get("/v1/accounts?q=xq_finance", headers=county)).json()["items"]
                  if a["username"] == "xq_finance")
    reset = await client.post(f"/v1/accounts/{target['id']}/password-reset", headers=county)
    assert (await login(client, "xq_finance", reset.json()["initial_password"])).status_code == 200


async def test_a_code_logs_in_once(client, seeded):
    """RFC 6238 §5.2: a code that logged in is not accepted again (a shoulder-surfed or intercepted code is
    useless once used), nor is an earlier step's; the next step's code still is (clock drift)."""
    import time

    secret = await _enrol(client, await bearer(client, "xq_finance"))
    totp = pyotp.TOTP(secret)
    now = time.time()
    # Codes are chosen from steps relative to "now" so the test does not depend on where in a step it runs.
    current = totp.at(now)

    def login_with(code):
        return client.post("/v1/auth/token", data={"username": "xq_finance", "password": "Demo@2025", "otp": code})

    assert (await login_with(current)).status_code == 200
    replay = await login_with(current)
    assert replay.status_code == 401 and replay.json()["code"] == "invalid_otp"
    earlier = await login_with(totp.at(now - 30))
    assert earlier.status_code == 401 and earlier.json()["code"] == "invalid_otp"
    assert (await login_with(totp.at(now + 30))).status_code == 200
    assert (await login_with(totp.at(now + 30))).status_code == 401


async def test_other_roles_do_not_enrol(client, seeded):
    refused = await client.post("/v1/auth/totp/setup", headers=await bearer(client, "xq_town"))
    assert refused.status_code == 403 and refused.json()["code"] == "second_factor_not_offered"


async def test_a_province_requires_it_and_the_token_opens_nothing_else_until_enrolled(client, seeded):
    admin = await bearer(client, "nx_admin")
    county = await client.post("/v1/management-rules", headers=await bearer(client, "xq_county"), json={
        "kind": "auth.second_factor", "region_prefix": "640104", "effective_from": today_in_china().isoformat(), "source": "县规定",
        "params": {"required_roles": ["finance_officer"]}})
    assert county.status_code == 403
    bad = await client.post("/v1/management-rules", headers=admin, json={
        "kind": "auth.second_factor", "region_prefix": "64", "effective_from": today_in_china().isoformat(), "source": "宁夏规定",
        "params": {"required_roles": ["township_officer"]}})
    assert bad.status_code == 422
    rule = await client.post("/v1/management-rules", headers=admin, json={
        "kind": "auth.second_factor", "region_prefix": "64", "effective_from": today_in_china().isoformat(),
        "source": "宁夏内控办法（示例）", "params": {"required_roles": ["finance_officer"]}})
    assert rule.status_code == 201, rule.text
    first = await login(client, "xq_finance")
    assert first.status_code == 200 and first.json()["second_factor_setup_required"] is True
    pending = {"Authorization": f"Bearer {first.json()['access_token']}"}
    refused = await client.get("/v1/workers", headers=pending)
    assert refused.status_code == 403 and refused.json()["code"] == "second_factor_required"
    secret = await _enrol(client, pending)
    assert (await client.get("/v1/workers", headers=pending)).status_code == 401  # that session ended
    again = await client.post("/v1/auth/token", data={"username": "xq_finance", "password": "Demo@2025",
                                                      "otp": pyotp.TOTP(secret).now()})
    assert again.status_code == 200 and again.json()["second_factor_setup_required"] is False
    assert (await client.get("/v1/workers", headers={"Authorization": f"Bearer {again.json()['access_token']}"})
            ).status_code == 200
    # Other roles are not asked.
    assert (await login(client, "xq_town")).json()["second_factor_setup_required"] is False
