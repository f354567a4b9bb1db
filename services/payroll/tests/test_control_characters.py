"""A NUL in a query parameter, a path id or a body text is a 422 naming the field, never a 500 from PostgreSQL."""

import pytest

COUNTY = ("county_officer", "640104")


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, "control_character")]


@pytest.mark.parametrize("url,field", [
    ("/v1/audit?action=run.approve%00", "action"),
    ("/v1/runs/00000000-0000-0000-0000-000000000001/payslips/w%001", "worker_id"),
    ("/v1/workers/w%001/payslips", "worker_id"),
    ("/v1/workers/w%001/grade", "worker_id"),
])
async def test_nul_in_a_query_or_path_is_422(client, tokens, url, field):
    _refused(await client.get(url, headers=tokens.headers(*COUNTY)), field)


async def test_nul_in_a_pay_scheme_document_is_422(client, tokens):
    body = {"region_prefix": "64", "effective_from": "2027-01-01", "document": {"name": "方案\u0000"}}
    _refused(await client.post("/v1/pay-schemes", json=body, headers=tokens.headers("provincial_admin", "64")),
             "document.name")
