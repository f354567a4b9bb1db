"""Pay scheme lifecycle, reference figures and resolution, against a real PostgreSQL."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from cwm_kit.problems import Problem

from payroll.models import audit_log
from payroll.policy.models import PaySchemeVersion
from payroll.policy.presets import load
from payroll.policy.seed import seed_pay_schemes, seed_reference_figures
from payroll.policy.service import figures, resolve_scheme

ADMIN = ("provincial_admin", "64")


def publisher(tokens) -> dict:
    """Another provincial admin: whoever drafted a version may not publish it (separation of duties)."""
    return tokens.headers(*ADMIN, subject="nx-publisher")


def nx_document(name: str = "银川市补充方案") -> dict:
    document = copy.deepcopy(load("nx-2025.json"))
    document["name"] = name
    return document


async def _create(client, tokens, prefix: str, effective: str, document: dict, who=ADMIN) -> dict:
    response = await client.post("/v1/pay-schemes", json={"region_prefix": prefix, "effective_from": effective,
                                                           "document": document}, headers=tokens.headers(*who))
    assert response.status_code == 201, response.text
    return response.json()


async def test_most_specific_prefix_in_force_on_the_date(client, session, tokens):
    await seed_pay_schemes(session)
    draft = await _create(client, tokens, "6401", "2025-07-01", nx_document())
    assert (await client.post(f"/v1/pay-schemes/{draft['id']}/publish",
                              headers=publisher(tokens))).status_code == 200
    community = "640104001001"
    assert (await resolve_scheme(session, community, date(2025, 6, 30))).region_prefix == "64"
    city = await resolve_scheme(session, community, date(2025, 7, 1))
    assert (city.region_prefix, city.scheme.name) == ("6401", "银川市补充方案")
    assert (await resolve_scheme(session, "640302001001", date(2025, 7, 1))).region_prefix == "64"
    ss = await resolve_scheme(session, "150404001001", date(2023, 1, 1))
    assert ss.region_prefix == "150404" and ss.scheme.seniority.yijiantiao_extra_levels == 1
    with pytest.raises(Problem) as before_nx:
        await resolve_scheme(session, community, date(2024, 12, 31))
    assert before_nx.value.code == "no_pay_scheme"
    with pytest.raises(Problem):
        await resolve_scheme(session, "150402001001", date(2025, 1, 1))  # another IM district: no scheme


async def test_published_scheme_is_never_edited(client, session, tokens):
    draft = await _create(client, tokens, "64", "2026-01-01", nx_document("宁夏2026"))
    headers = tokens.headers(*ADMIN)
    edited = await client.patch(f"/v1/pay-schemes/{draft['id']}", json={"effective_from": "2026-02-01"},
                                headers=headers)
    assert edited.status_code == 200 and edited.json()["effective_from"] == "2026-02-01"
    published = await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=publisher(tokens))
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = await client.patch(f"/v1/pay-schemes/{draft['id']}", json={"document": nx_document("改")},
                               headers=headers)
    assert again.status_code == 409 and again.json()["code"] == "scheme_published"
    assert (await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=headers)).status_code == 409
    row = await session.get(PaySchemeVersion, draft["id"])
    assert row.document["name"] == "宁夏2026"
    actions = (await session.scalars(select(audit_log.c.action).where(audit_log.c.entity_id == str(draft["id"]))
                                     .order_by(audit_log.c.id))).all()
    assert actions == ["pay_scheme.create", "pay_scheme.update", "pay_scheme.publish"]


async def test_validation_names_each_field(client, tokens):
    document = nx_document()
    document["components"][0]["share"] = "1.5"
    del document["seniority"]
    document["colour"] = "red"
    draft = await _create(client, tokens, "64", "2026-01-01", document)
    report = (await client.post(f"/v1/pay-schemes/{draft['id']}/validate", headers=tokens.headers(*ADMIN))).json()
    assert report["valid"] is False
    fields = {p["field"]: p for p in report["problems"]}
    assert set(fields) == {"document.components.0.reference_share.share", "document.seniority", "document.colour"}
    assert fields["document.seniority"]["message_en"] == "field required"
    refused = await client.post(f"/v1/pay-schemes/{draft['id']}/publish", headers=publisher(tokens))
    assert refused.status_code == 422 and refused.json()["code"] == "scheme_invalid"
    assert {e["field"] for e in refused.json()["errors"]} == set(fields)
    # The request body itself is strict: an unknown field is a 422 naming it.
    bad = await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                      "document": {}, "extra": 1}, headers=tokens.headers(*ADMIN))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "extra"


async def test_preview_computes_payslips_and_saves_nothing(client, session, tokens):
    await seed_reference_figures(session)
    draft = await _create(client, tokens, "64", "2026-01-01", nx_document())
    counts_before = (await session.scalar(select(func.count()).select_from(PaySchemeVersion)),
                     await session.scalar(select(func.count()).select_from(audit_log)))
    body = {"month": "2025-03", "workers": [{
        "worker_id": "w9", "community_code": "640104001001", "post": "nx_staff", "status": "active",
        "hired_on": "2020-03-01", "star_rating": 3, "education": {"level": "benke", "date": None, "in_service": False},
        "counted_service": [{"from": "1978-01-01", "scope": "64", "runs": [{"start": "2020-03-01", "end": None}]}]}]}
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/preview", json=body, headers=tokens.headers(*ADMIN))
    assert response.status_code == 200, response.text
    slip = response.json()["payslips"][0]
    # Seeded 银川市 2024 official 9012.50: the same payslip as the hand-computed engine test (pay total 5836.88,
    # the employer's 2066.26 inside it: 应发 3770.62, net 3770.62 − 612.87 − 700.43 = 2457.32).
    assert (slip["gross"], slip["net"], response.json()["saved"]) == ("3770.62", "2457.32", False)
    assert (await session.scalar(select(func.count()).select_from(PaySchemeVersion)),
            await session.scalar(select(func.count()).select_from(audit_log))) == counts_before
    assert (await session.get(PaySchemeVersion, draft["id"])).status == "draft"


async def test_another_provinces_admin_cannot_publish_and_officers_cannot_write(client, tokens):
    draft = await _create(client, tokens, "64", "2026-01-01", nx_document())
    url = f"/v1/pay-schemes/{draft['id']}/publish"
    assert (await client.post(url, headers=tokens.headers("provincial_admin", "15"))).status_code == 404
    assert (await client.get(f"/v1/pay-schemes/{draft['id']}",
                             headers=tokens.headers("provincial_admin", "15"))).status_code == 404
    # A county officer may read the province's scheme (it applies to them) but not write it: outside
    # their jurisdiction, 404 like a made-up id; inside it without the role, 403.
    assert (await client.post(url, headers=tokens.headers("county_officer", "640104"))).status_code == 404
    assert (await client.post(url, headers=tokens.headers("auditor", "64"))).status_code == 403
    # A provincial admin cannot create a scheme for another province either.
    other = await client.post("/v1/pay-schemes", json={"region_prefix": "15", "effective_from": "2026-01-01",
                                                        "document": nx_document()}, headers=tokens.headers(*ADMIN))
    assert other.status_code == 404
    # A township officer reads the schemes that apply to them, not another province's.
    listed = await client.get("/v1/pay-schemes", headers=tokens.headers("township_officer", "640104001"))
    assert [s["region_prefix"] for s in listed.json()] == ["64"]
    assert (await client.post(url, headers=publisher(tokens))).status_code == 200


async def test_reference_figures_official_supersedes_provisional(client, session, tokens):
    await seed_reference_figures(session)
    chosen = await figures(session, "640104001001", 2024)
    wage = chosen.require("avg_wage_monthly", 2024)
    assert (wage.value, wage.status, wage.region_code) == (D("9012.50"), "official", "6401")
    known_in_march = await figures(session, "640104001001", 2024, known_on=date(2025, 3, 1))
    assert known_in_march.require("avg_wage_monthly", 2024).status == "provisional"
    # Most specific prefix per kind: the floor comes from the region (64), the wage from the city.
    floor = (await figures(session, "640104001001", 2025)).require("si_base_floor", 2025)
    assert floor.region_code == "64"

    city = tokens.headers("city_officer", "6401")
    body = {"region_code": "640104", "region_name": "兴庆区", "year": 2024, "kind": "avg_wage_monthly",
            "value": "9100.00", "status": "official", "published_on": "2025-07-15", "source": "县区统计公报"}
    created = await client.post("/v1/reference-figures", json=body, headers=city)
    assert created.status_code == 201 and created.json()["value"] == "9100.00"
    assert (await figures(session, "640104001001", 2024)).require("avg_wage_monthly", 2024).value == D("9100.00")
    assert (await client.post("/v1/reference-figures", json={**body, "region_code": "6402"},
                              headers=city)).status_code == 404
    assert (await client.post("/v1/reference-figures", json=body,
                              headers=tokens.headers("township_officer", "640104001"))).status_code == 403
    bad = await client.post("/v1/reference-figures", json={**body, "kind": "rent", "value": "-1"}, headers=city)
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"kind", "value"}
    listed = await client.get("/v1/reference-figures?year=2024&kind=avg_wage_monthly",
                              headers=tokens.headers("township_officer", "640104001"))
    # Applies to the township: 6401's two rows and 640104's; not 6403/6404/6405.
    assert sorted(r["region_code"] for r in listed.json()) == ["6401", "6401", "640104"]
    audited = await session.scalar(select(func.count()).select_from(audit_log)
                                   .where(audit_log.c.entity == "reference_figure"))
    assert audited == 1


async def test_in_force_endpoint_and_document_schema(client, session, tokens):
    await seed_pay_schemes(session)
    worker = tokens.headers("worker", "150404001001", worker_id="w1")
    response = await client.get("/v1/pay-schemes/in-force?region=150404001001&on=2025-03-01", headers=worker)
    assert response.status_code == 200 and response.json()["region_prefix"] == "150404"
    assert response.json()["document"]["seniority"]["yijiantiao_extra_levels"] == 1
    # Another province's region is not answered.
    assert (await client.get("/v1/pay-schemes/in-force?region=640104001001",
                             headers=worker)).status_code == 404
    schema = (await client.get("/v1/pay-schemes/schema", headers=worker)).json()
    assert "seniority" in schema["required"] and "components" in schema["properties"]


async def test_read_only_and_worker_roles_cannot_write_and_preview_stays_in_region(client, session, tokens):
    await seed_reference_figures(session)
    draft = await _create(client, tokens, "64", "2026-01-01", nx_document())
    worker = tokens.headers("worker", "640104001001", worker_id="w1")
    auditor = tokens.headers("auditor", "64")
    body = {"region_code": "6401", "year": 2025, "kind": "avg_wage_monthly", "value": "9300.00",
            "status": "official", "published_on": "2026-06-30"}
    assert (await client.post("/v1/reference-figures", json=body, headers=auditor)).status_code == 403
    assert (await client.post("/v1/reference-figures", json=body, headers=worker)).status_code == 403
    assert (await client.patch(f"/v1/pay-schemes/{draft['id']}", json={"effective_from": "2026-03-01"},
                               headers=auditor)).status_code == 403
    assert (await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                        "document": {}}, headers=worker)).status_code == 403
    assert (await client.get("/v1/pay-schemes/999999", headers=tokens.headers(*ADMIN))).status_code == 404
    # A sample worker from another province cannot be previewed under the NX draft.
    sample = {"worker_id": "s1", "community_code": "150404001001", "post": "ss_staff", "status": "active",
              "hired_on": "2020-01-01"}
    outside = await client.post(f"/v1/pay-schemes/{draft['id']}/preview",
                                json={"month": "2025-03", "workers": [sample]}, headers=tokens.headers(*ADMIN))
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "workers"
    # A month with no published figure names the missing figure instead of failing.
    nx_sample = {**sample, "community_code": "640104001001", "post": "nx_staff"}
    missing = await client.post(f"/v1/pay-schemes/{draft['id']}/preview",
                                json={"month": "2024-03", "workers": [nx_sample]}, headers=tokens.headers(*ADMIN))
    assert missing.status_code == 422 and missing.json()["code"] == "reference_figure_missing"
    assert missing.json()["kind"] == "avg_wage_monthly" and missing.json()["year"] == 2023


async def test_database_refuses_to_change_a_published_version(session):
    from sqlalchemy import update
    from sqlalchemy.exc import DBAPIError

    await seed_pay_schemes(session)
    published = await session.scalar(select(PaySchemeVersion.id).where(PaySchemeVersion.region_prefix == "64"))
    savepoint = await session.begin_nested()
    with pytest.raises(DBAPIError, match="is published and cannot be changed"):
        await session.execute(update(PaySchemeVersion).where(PaySchemeVersion.id == published)
                              .values(document={}))
    await savepoint.rollback()


async def test_version_states_in_the_list(client, session, tokens):
    await seed_pay_schemes(session)
    headers = tokens.headers(*ADMIN)
    replacement = await _create(client, tokens, "64", "2025-01-01", nx_document("宁夏2025（更正）"))
    scheduled = await _create(client, tokens, "64", "2099-01-01", nx_document("宁夏2099"))
    draft = await _create(client, tokens, "64", "2026-01-01", nx_document("宁夏草稿"))
    for version in (replacement, scheduled):
        assert (await client.post(f"/v1/pay-schemes/{version['id']}/publish",
                                  headers=publisher(tokens))).status_code == 200
    states = {s["id"]: s["state"] for s in (await client.get("/v1/pay-schemes?prefix=64", headers=headers)).json()}
    seeded = next(i for i in states if i not in (replacement["id"], scheduled["id"], draft["id"]))
    # The same effective date published later supersedes the seeded version.
    assert states == {seeded: "superseded", replacement["id"]: "in_force", scheduled["id"]: "scheduled",
                      draft["id"]: "draft"}
    resolved = await resolve_scheme(session, "640104001001", date(2025, 3, 1))
    assert resolved.version_id == replacement["id"]


async def test_preview_samples_workers_from_the_registry_with_the_callers_token(client, app, session, tokens):
    import json

    import httpx

    from cwm_kit.fuzzing import empty_upstream
    from cwm_kit.http import ServiceClient

    await seed_reference_figures(session)
    seen: list[tuple[dict, str]] = []

    def registry(request: httpx.Request) -> httpx.Response:
        seen.append((dict(request.url.params), request.headers["authorization"]))
        lines = [json.dumps({"worker_id": f"w{i}", "name": f"样本{i}", "community_code": "640104001001", "post": "nx_staff",
                             "status": "active", "hired_on": "2020-03-01", "star_rating": 3,
                             "education": {"level": "benke", "date": None, "in_service": False},
                             "counted_service": [{"from": "1978-01-01", "scope": "64",
                                                  "runs": [{"start": "2020-03-01", "end": None}]}]})
                 for i in range(5)]
        return httpx.Response(200, text="\n".join(lines) + "\n")

    app.state.grade_registry_client = ServiceClient("http://registry.test", transport=httpx.MockTransport(registry))
    app.state.grade_assessment_client = empty_upstream()  # no result yet: factor 1, grade from the facts
    draft = await _create(client, tokens, "64", "2026-01-01", nx_document())
    headers = tokens.headers(*ADMIN)
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/preview",
                                 json={"month": "2025-03", "sample_size": 3}, headers=headers)
    assert response.status_code == 200, response.text
    assert [(p["worker_id"], p["gross"]) for p in response.json()["payslips"]] == [
        ("w0", "3770.62"), ("w1", "3770.62"), ("w2", "3770.62")]  # 5836.88 − 2066.26 (engine test)
    # The page names each sample person and place, not an id.
    assert [(s["worker_id"], s["name"], s["community_code"]) for s in response.json()["samples"]] == [
        ("w0", "样本0", "640104001001"), ("w1", "样本1", "640104001001"), ("w2", "样本2", "640104001001")]
    assert seen == [({"region": "64", "as_of": "2025-03-31"}, headers["Authorization"])]
    # Outside the caller's jurisdiction: 404; inside it but outside the scheme's prefix: 422 by field.
    foreign = await client.post(f"/v1/pay-schemes/{draft['id']}/preview",
                                json={"month": "2025-03", "sample_region": "150404"}, headers=headers)
    assert foreign.status_code == 404
    city_draft = await _create(client, tokens, "6401", "2026-01-01", nx_document())
    outside = await client.post(f"/v1/pay-schemes/{city_draft['id']}/preview",
                                json={"month": "2025-03", "sample_region": "6402"}, headers=headers)
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "sample_region"
    assert len(seen) == 1


async def test_new_version_copies_the_one_it_supersedes(client, session, tokens):
    await seed_pay_schemes(session)
    headers = tokens.headers(*ADMIN)
    current = (await client.get("/v1/pay-schemes/in-force?region=64&on=2025-06-01", headers=headers)).json()
    copy_ = await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                        "based_on_id": current["id"]}, headers=headers)
    assert copy_.status_code == 201 and copy_.json()["document"] == current["document"]
    assert copy_.json()["status"] == "draft" and copy_.json()["based_on_id"] == current["id"]
    empty = await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01"},
                              headers=headers)
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "document"
    # An id no row can have (beyond the column's range) is refused naming the field, not a database error.
    huge = await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                       "based_on_id": 2**63}, headers=headers)
    assert huge.status_code == 422 and huge.json()["errors"][0]["field"] == "based_on_id", huge.text
