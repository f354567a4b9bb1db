"""Issue 13 item 1: every number is attached to the prefix of the text that states it, resolved key by key, and
the rules API says where each key comes from."""

from datetime import date, timedelta

from cwm_kit.dates import today_in_china
from registry.rules import service as rules
from registry.rules.models import ManagementRule
from registry.rules.defaults import DEFAULT_RULES
from registry.seed import seed_regions

NX = "640104001001"
SS = "150404001001"
IM = "150102001001"
ON = date(2026, 6, 1)


async def test_the_national_default_holds_only_what_the_national_opinion_says(session):
    national = {kind: params for kind, prefix, _, source, params, _ in DEFAULT_RULES if prefix == ""}
    for kind in national:
        source = next(s for k, p, _, s, _, _ in DEFAULT_RULES if k == kind and p == "")
        assert not any(text in source for text in ("IM", "SS", "NX")), (kind, source)
    # §17 names the approver too: 「按程序报请县级党委社会工作部门批准」.
    assert set(national["secondment.limits"]) == {"forbidden_borrower_levels", "approval_required", "approvals"}
    assert "recruitment.eligibility" not in national and "exit.assessment" not in national
    from sqlalchemy import select

    rows = (await session.scalars(select(ManagementRule).where(ManagementRule.region_prefix == ""))).all()
    assert rows and all("IM" not in r.source and "SS" not in r.source for r in rows)


async def test_ningxia_resolves_no_inner_mongolian_or_songshan_number(session):
    limits = await rules.resolve(session, "secondment.limits", NX, ON)
    assert "max_months" not in limits.params and "max_concurrent_per_community" not in limits.params
    assert await rules.resolve(session, "recruitment.eligibility", NX, ON) is None
    assert await rules.resolve(session, "visits.minimum", NX, ON) is None
    exit_rule = await rules.resolve(session, "exit.assessment", NX, ON)
    assert exit_rule.provenance["consecutive_incompetent_years"]["region_prefix"] == "64"


async def test_songshan_inherits_inner_mongolia_where_it_is_silent_and_keeps_its_own(session):
    limits = await rules.resolve(session, "secondment.limits", SS, ON)
    assert limits.params["max_months"] == 3 and limits.provenance["max_months"]["region_prefix"] == "15"
    assert limits.params["max_concurrent_per_community"] == 2
    assert limits.provenance["max_concurrent_per_community"]["region_prefix"] == "150404"
    assert limits.provenance["forbidden_borrower_levels"]["region_prefix"] == ""
    # Before IM's text (2024-08-21) Songshan had no length limit.
    assert "max_months" not in (await rules.resolve(session, "secondment.limits", SS, date(2023, 6, 1))).params
    im = await rules.resolve(session, "secondment.limits", IM, ON)
    assert "max_concurrent_per_community" not in im.params


async def test_sql_resolution_merges_key_by_key_like_python(session):
    from sqlalchemy import literal, select

    for code in (NX, SS, IM):
        statement = rules.resolved_per_region("secondment.limits", select(literal(code)), ON)
        row = (await session.execute(statement)).one()
        assert row.params == (await rules.resolve(session, "secondment.limits", code, ON)).params


async def test_a_ningxia_officer_sees_each_rule_with_its_source_and_clause(client, session, tokens):
    await seed_regions(session)
    listed = await client.get(f"/v1/management-rules?region={NX}", headers=tokens.headers("township_officer",
                                                                                           "640104001"))
    assert listed.status_code == 200, listed.text
    by_kind = {r["kind"]: r for r in listed.json()}
    assert "recruitment.eligibility" not in by_kind and "visits.minimum" not in by_kind
    reserve = by_kind["reserve.ratio"]["provenance"]["candidates_per_secretary_post"]
    assert reserve["region_prefix"] == "64" and "1:3" in reserve["clause"]
    secondment = by_kind["secondment.limits"]
    assert set(secondment["params"]) == {"forbidden_borrower_levels", "approval_required", "approvals"}
    assert secondment["params"]["approvals"][0]["body_zh"] == "县级党委社会工作部门"
    assert secondment["provenance"]["forbidden_borrower_levels"]["source"] == "CENTRAL §17"
    assert "县级以上机关事业单位不得借调" in secondment["provenance"]["forbidden_borrower_levels"]["clause"]
    for rule in listed.json():  # every key says where it comes from
        assert set(rule["provenance"]) == set(rule["params"])
        assert all(not s["region_prefix"] or NX.startswith(s["region_prefix"]) for s in rule["provenance"].values())


async def test_officer_added_versions_survive_and_win_for_their_keys(client, session, tokens):
    await seed_regions(session)
    # Secondment limits bind the county they are attached to: its city publishes them (rules/defaults.py RULE_KINDS).
    city = tokens.headers("city_officer", "6401")
    starts = today_in_china()
    added = await client.post("/v1/management-rules", json={
        "kind": "secondment.limits", "region_prefix": "640104", "effective_from": starts.isoformat(),
        "source": "银川市关于兴庆区借调管理的规定", "params": {"max_months": 6}, "clauses": {"max_months": "第五条"}},
        headers=city)
    assert added.status_code == 201, added.text
    assert added.json()["provenance"]["max_months"]["clause"] == "第五条"
    limits = await rules.resolve(session, "secondment.limits", NX, starts)
    assert limits.params["max_months"] == 6 and limits.params["approval_required"] is True
    stray = await client.post("/v1/management-rules", json={
        "kind": "secondment.limits", "region_prefix": "640104", "effective_from": (starts + timedelta(days=31)
                                                                                    ).isoformat(),
        "source": "x" * 3, "params": {"max_months": 6}, "clauses": {"colour": "red"}}, headers=city)
    assert stray.status_code == 422
