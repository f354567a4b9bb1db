"""Separation of duties is a rule document: on nationally, relaxed only by a provincial admin, read by the
other services through GET /v1/management-rules."""

from cwm_kit.dates import today_in_china
from registry.seed import seed_regions

# A new version takes effect today or later (never backdated).
RELAX = {"kind": "duties.separation", "region_prefix": "64", "effective_from": today_in_china().isoformat(),
         "source": "宁夏内控办法（示例）", "params": {"run_preparer_not_approver": True, "run_approver_not_payer": False,
                                           "scheme_drafter_not_publisher": True,
                                           "assessment_proposer_not_decider": True}}


async def test_every_rule_is_on_nationally(client, session, tokens):
    await seed_regions(session)
    rules = (await client.get("/v1/management-rules?region=640104001",
                              headers=tokens.headers("finance_officer", "640104001"))).json()
    separation = next(r for r in rules if r["kind"] == "duties.separation")
    assert separation["region_prefix"] == "" and all(separation["params"].values())


async def test_only_a_provincial_admin_relaxes_a_rule_with_booleans(client, session, tokens):
    await seed_regions(session)
    county = await client.post("/v1/management-rules", json={**RELAX, "region_prefix": "640104"},
                               headers=tokens.headers("county_officer", "640104"))
    assert county.status_code == 403
    bad = await client.post("/v1/management-rules", json={**RELAX, "params": {**RELAX["params"],
                                                                               "run_approver_not_payer": "no"}},
                            headers=tokens.headers("provincial_admin", "64"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "params.run_approver_not_payer"
    added = await client.post("/v1/management-rules", json=RELAX, headers=tokens.headers("provincial_admin", "64"))
    assert added.status_code == 201, added.text
    rules = (await client.get(f"/v1/management-rules?region=640104001&on={today_in_china()}",
                              headers=tokens.headers("finance_officer", "640104001"))).json()
    separation = next(r for r in rules if r["kind"] == "duties.separation")
    assert separation["region_prefix"] == "64" and separation["params"]["run_approver_not_payer"] is False
