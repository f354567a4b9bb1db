"""Who may publish a rule version is data too (rules/defaults.py `RULE_KINDS`): a kind that constrains the level it
is attached to — secondment limits, quota figures and approvals, the recruitment procedure and its review, exit
lists, training, service counting … — is set only from above (a city for its counties, the province for itself,
its cities and counties), never by the level itself nor, through a township prefix, for part of itself. Refused
with 403 `rule_set_from_above` and nothing written. Kinds that are the level's own details (its recruitment
conditions, SS's own scheme scope, visits, contract terms) stay the county's to set. And no new version is
backdated (422 naming `effective_from`). Each attack here was accepted (201) before."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from cwm_kit.dates import today_in_china
from registry.models import audit_log
from registry.regions.models import Region
from registry.rules import service as rules
from registry.rules.defaults import DEFAULT_RULES, RULE_KINDS
from registry.rules.models import ManagementRule
from registry.seed import seed_regions

from ..quota.factories import make_worker
from ..zh_words import assert_in_words

SS = "150404"
SS_COMMUNITY = "150404001001"
TODAY = today_in_china()


def version(kind: str, prefix: str, params: dict, effective_from: date = TODAY) -> dict:
    return {"kind": kind, "region_prefix": prefix, "effective_from": effective_from.isoformat(),
            "source": "本级文件（测试）", "params": params}


async def written(session) -> tuple[int, int]:
    rules_count = await session.scalar(select(func.count()).select_from(ManagementRule))
    audits = await session.scalar(select(func.count()).select_from(audit_log))
    return int(rules_count), int(audits)


# (role, jurisdiction, kind, prefix, params): each was accepted before.
ATTACKS = [
    # CENTRAL §17: county-and-above organs may not borrow community workers — the county emptying the list.
    ("county_officer", SS, "secondment.limits", SS, {"forbidden_borrower_levels": []}),
    # … or dropping the approval, or doing either for one of its townships.
    ("county_officer", SS, "secondment.limits", SS, {"approval_required": False, "approvals": []}),
    ("county_officer", SS, "secondment.limits", "150404001", {"forbidden_borrower_levels": []}),
    # IM art.6: the city approves a county's total — the county naming itself the approver.
    ("county_officer", SS, "quota.approval", SS, {"county_total_approver_levels": ["county"]}),
    # IM art.8: a county-run plan needs the city's review — the county skipping it, or dropping steps.
    ("county_officer", SS, "recruitment.procedure", SS, {"review_by_parent_for_levels": []}),
    ("county_officer", SS, "recruitment.procedure", SS, {"steps": ["plan", "announcement", "registration"]}),
    # Its own quota: 18 per 10,000 raised, or the community formula loosened.
    ("county_officer", SS, "quota.county", SS, {"per_10000_urban_residents": 40}),
    ("county_officer", SS, "quota.community", SS, {"households_per_worker": 50}),
    # Exit reasons it would rather not see; years of service (grade pay) it would rather count.
    ("county_officer", SS, "exit.discipline", SS, {"exit_kinds": []}),
    ("county_officer", SS, "exit.assessment", SS, {"consecutive_incompetent_years": 5}),
    ("county_officer", SS, "service.counting", SS, {"bridge_breaks": True}),
    ("county_officer", SS, "training.requirement", SS, {"yearly_days": {"default": 0}}),
    # A city for itself (city organs are forbidden borrowers too; its own total is the province's to approve).
    ("city_officer", "1504", "secondment.limits", "1504", {"forbidden_borrower_levels": []}),
    ("city_officer", "1504", "quota.approval", "1504", {"county_total_approver_levels": ["county"]}),
    # Nor from above, at a township: the county is the level these bind.
    ("city_officer", "1504", "exit.discipline", "150404001", {"exit_kinds": []}),
]


@pytest.mark.parametrize(("role", "jurisdiction", "kind", "prefix", "params"), ATTACKS)
async def test_a_level_does_not_set_the_rules_that_bind_it(client, session, tokens, role, jurisdiction, kind, prefix,
                                                           params):
    await seed_regions(session)
    before = await written(session)
    region = prefix.ljust(12, "0")
    applying = await rules.resolve(session, kind, region, TODAY)
    refused = await client.post("/v1/management-rules", json=version(kind, prefix, params),
                                headers=tokens.headers(role, jurisdiction))
    assert refused.status_code == 403, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["code"] == problem["rule"] == "rule_set_from_above"
    assert problem["kind"] == kind and problem["region_prefix"] == prefix
    assert problem["errors"][0]["field"] == "region_prefix" and problem["errors"][0]["code"] == "rule_set_from_above"
    assert "上级" in problem["message_zh"] and "from above" in problem["message_en"]
    # The rule and the place in words: 「借调限制」 for secondment.limits, 松山区 for 150404 (both stay in the extras;
    # the English names the kind by its label and key, the place by its name and code).
    place = (await session.get(Region, prefix)).name
    assert f"「{RULE_KINDS[kind].label_zh}」规则" in problem["message_zh"] and f"为{place}发布" in problem["message_zh"]
    assert_in_words(problem["errors"][0]["message_zh"], prefix)
    assert f"'{RULE_KINDS[kind].label_en}' ({kind})" in problem["message_en"] and f"({prefix})" in problem["message_en"]
    assert await written(session) == before  # nothing written, nothing audited
    assert await rules.resolve(session, kind, region, TODAY) == applying


async def test_the_county_still_cannot_second_to_a_county_organ(client, session, tokens):
    """The end of the attack: after the refused version, CENTRAL §17 still refuses a county organ as borrower."""
    await seed_regions(session)
    worker = await make_worker(session, SS_COMMUNITY)
    county = tokens.headers("county_officer", SS, subject="ss_county")
    refused = await client.post("/v1/management-rules", headers=county, json=version(
        "secondment.limits", SS, {"forbidden_borrower_levels": []}))
    assert refused.status_code == 403
    secondment = await client.post("/v1/secondments", headers=county, json={
        "worker_id": str(worker.id), "start_date": TODAY.isoformat(),
        "end_date": (TODAY + timedelta(days=20)).isoformat(), "borrower": "松山区民政局", "borrower_level": "county",
        "approvals": [{"step": "review", "body": "松山区民政局", "reference": "松民审〔2026〕1号"},
                      {"step": "approve", "body": "松山区人民政府", "reference": "松政批〔2026〕2号"}]})
    assert secondment.status_code == 409 and secondment.json()["code"] == "secondment_borrower_level"


# (role, jurisdiction, kind, prefix, params): from above, or the level's own details.
ALLOWED = [
    ("city_officer", "1504", "secondment.limits", SS, {"max_months": 2}),
    ("city_officer", "1504", "quota.approval", SS, {"county_total_approver_levels": ["city"]}),
    ("provincial_admin", "15", "quota.approval", "15", {"county_total_approver_levels": ["city", "province"]}),
    ("provincial_admin", "15", "recruitment.procedure", "1504", {"review_by_parent_for_levels": ["county"]}),
    ("provincial_admin", "15", "quota.county", SS, {"per_10000_urban_residents": 20}),
    # The county's own: its recruitment conditions (NX 「科学设置学历、专业等条件」), scope, visits, terms.
    ("county_officer", SS, "recruitment.eligibility", SS, {"max_age": 35}),
    ("county_officer", SS, "eligibility.exclusions", SS, {"excluded": ["retired"]}),
    ("county_officer", SS, "visits.minimum", SS, {"households_per_month": 40}),
    ("county_officer", SS, "contract.term", SS, {"staff_years": 3}),
]


@pytest.mark.parametrize(("role", "jurisdiction", "kind", "prefix", "params"), ALLOWED)
async def test_from_above_or_the_levels_own_details(client, session, tokens, role, jurisdiction, kind, prefix, params):
    await seed_regions(session)
    rules_before, audits_before = await written(session)
    added = await client.post("/v1/management-rules", json=version(kind, prefix, params),
                              headers=tokens.headers(role, jurisdiction))
    assert added.status_code == 201, added.text
    assert await written(session) == (rules_before + 1, audits_before + 1)


def test_every_kind_states_who_sets_it():
    """A new kind must say whether it binds the level it is attached to (rules are data, and so is who sets them)."""
    assert set(RULE_KINDS) == {kind for kind, *_ in DEFAULT_RULES}
    from_above = {kind for kind, definition in RULE_KINDS.items() if definition.set_from_above}
    assert {"secondment.limits", "quota.approval", "quota.county", "quota.community", "recruitment.procedure",
            "exit.assessment", "exit.discipline"} <= from_above
    assert not from_above & {"recruitment.eligibility", "eligibility.exclusions", "visits.minimum", "contract.term"}



def test_every_kind_has_a_name_in_words():
    """Messages name a rule kind by its label, kept as data next to it (the SPA's lib/vocab.ts shows the same)."""
    for kind, definition in RULE_KINDS.items():
        assert definition.label_zh and definition.label_en, kind
        assert re.search(r"[A-Za-z]", definition.label_zh) is None, kind
        assert rules.kind_label(kind) == (definition.label_zh, definition.label_en)
