"""A pay scheme version published before JSON types were strict (kit StrictModel, 2026-12-02) may hold its whole
numbers and yes/no as text ("min_level": "7", "counts": "false"): it was accepted then and is never edited. Every
read of a stored version takes it as it was accepted (the scheme in force, a run, the grade page, a preview, the
成本测算 of it and against it, validate) and prices it as the same document with JSON types; a 500 before. A new
draft is still held to JSON types: it is refused naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.policy.presets import load
from payroll.policy.scheme import PayScheme
from payroll.policy.service import load_scheme
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_B, COUNTY, PROVINCE, TEST_AUTHOR, install_scheme, nx_document, worker
from .test_preview_reads_results import answer_from


def typed_as_text(value: Any) -> Any:
    """The document as a lax parse accepted it: every whole number and every yes/no written as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {k: typed_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed_as_text(v) for v in value]
    return value


@pytest.mark.parametrize("preset", ["nx-2025.json", "ss-2022.json"])
def test_a_published_document_with_numbers_and_yes_no_as_text_is_the_same_scheme(preset):
    document = load(preset)
    old = typed_as_text(document)
    assert old != document
    assert load_scheme(old, published=True) == PayScheme.model_validate(document)
    with pytest.raises(ValidationError):  # as a new draft: JSON types only
        load_scheme(old, published=False)


async def old_version_in_force(engine) -> int:
    """The NX document with text for numbers and yes/no, published for the county (more specific than the
    province's well-typed NX version the `live` fixture installs, same document otherwise): its id."""
    document = typed_as_text(nx_document())
    assert document["posts"]["nx_deputy"]["min_level"] == "7"
    assert document["tables"]["grade_pay"]["illustrative"] == "true"
    await install_scheme(engine, COUNTY, document, "2024-01-01")
    async with engine.connect() as connection:
        return (await connection.execute(text("SELECT id FROM pay_scheme_version WHERE region_prefix = :p"),
                                         {"p": COUNTY})).scalar_one()


async def test_every_read_of_an_old_published_document_prices_it_as_the_well_typed_one(live, tokens, engine):
    client, app = live
    old_id = await old_version_in_force(engine)
    officer = tokens.headers("county_officer", COUNTY)

    in_force = await client.get(f"/v1/pay-schemes/in-force?region={COUNTY}&on=2025-01-01", headers=officer)
    assert in_force.status_code == 200, in_force.text
    assert (in_force.json()["id"], in_force.json()["document"]["posts"]["nx_staff"]["min_level"]) == (old_id, "1")
    province = (await client.get(f"/v1/pay-schemes/in-force?region={PROVINCE}&on=2025-01-01",
                                 headers=officer)).json()
    assert province["id"] != old_id

    validated = await client.post(f"/v1/pay-schemes/{old_id}/validate", headers=officer)
    assert validated.status_code == 200 and validated.json() == {"valid": True, "problems": []}

    # A run of the county is priced by the old version, as runs/test_runs.py by the well-typed one: base 55 % ×
    # 8000 = 4400, level 1 300, 3 stars 300, 本科 200: 5200.00 each; SI 546.00, housing fund 624.00: net 4030.00.
    facts = [worker("w1"), worker("w2", COMMUNITY_B)]
    started = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"}, headers=officer)
    assert started.status_code == 201, started.text
    run_id = started.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource(facts)) == "succeeded"
    run = (await client.get(f"/v1/runs/{run_id}", headers=officer)).json()
    assert run["inputs_snapshot"]["counties"][COUNTY]["scheme"]["region_prefix"] == COUNTY
    assert (run["gross_total"], run["net_total"]) == ("10400.00", "8060.00")

    # The grade page: the old version's level.
    answer_from(app, facts, [])
    grade = await client.get("/v1/workers/w1/grade?month=2025-01", headers=officer)
    assert grade.status_code == 200, grade.text
    assert (grade.json()["scheme_id"], grade.json()["level"]) == (old_id, 1)

    # A preview of the old version pays what the well-typed province version does, line by line.
    body = {"month": "2025-01", "workers": [f.model_dump(mode="json", by_alias=True) for f in facts]}
    old = await client.post(f"/v1/pay-schemes/{old_id}/preview", json=body, headers=officer)
    assert old.status_code == 200, old.text
    typed = await client.post(f"/v1/pay-schemes/{province['id']}/preview", json=body, headers=officer)
    assert typed.status_code == 200, typed.text
    assert [p["gross"] for p in old.json()["payslips"]] == ["5200.00", "5200.00"]
    assert old.json()["payslips"] == typed.json()["payslips"]

    # 成本测算 of the old version (its document) against the version in force there (itself, resolved): the run's
    # month on both sides.
    simulated = await client.post(f"/v1/pay-schemes/{old_id}/simulation", json={"month": "2025-01", "region": COUNTY},
                                  headers=tokens.headers("provincial_admin", PROVINCE))
    assert simulated.status_code == 200, simulated.text
    result = simulated.json()
    assert (result["in_force"]["scheme_id"], result["in_force"]["gross"], result["draft"]["gross"],
            result["unchanged"]) == (old_id, "10400.00", "10400.00", 2)


async def test_a_new_draft_with_numbers_as_text_is_refused_naming_the_field(live, tokens):
    client, _ = live
    admin = tokens.headers("provincial_admin", PROVINCE, subject=TEST_AUTHOR)
    document = nx_document()
    document["posts"]["nx_deputy"]["min_level"] = "7"
    draft = await client.post("/v1/pay-schemes", json={"region_prefix": COUNTY, "effective_from": "2025-01-01",
                                                        "document": document}, headers=admin)
    assert draft.status_code == 201, draft.text  # a draft may be incomplete until published
    draft_id = draft.json()["id"]
    validated = (await client.post(f"/v1/pay-schemes/{draft_id}/validate", headers=admin)).json()
    assert validated["valid"] is False
    assert [p["field"] for p in validated["problems"]] == ["document.posts.nx_deputy.min_level"]
    officer = tokens.headers("county_officer", COUNTY)
    preview = await client.post(f"/v1/pay-schemes/{draft_id}/preview",
                                json={"month": "2025-01", "workers": [worker("w1").model_dump(mode="json",
                                                                                              by_alias=True)]},
                                headers=officer)
    assert preview.status_code == 422 and preview.json()["code"] == "scheme_invalid"
    published = await client.post(f"/v1/pay-schemes/{draft_id}/publish",
                                  headers=tokens.headers("provincial_admin", PROVINCE, subject="another-admin"))
    assert published.status_code == 422 and published.json()["code"] == "scheme_invalid"
