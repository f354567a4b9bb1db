"""A NUL in a query parameter, a path id or a body text is a 422 naming the field, never a 500 from PostgreSQL."""

import pytest

from .conftest import COUNTY, TOWN


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, "control_character")]


@pytest.mark.parametrize("url,field", [("/v1/audit?action=a%00", "action"), ("/v1/results?after=w%00", "after"),
                                       ("/v1/cycles/x%00", "cycle_id")])
async def test_nul_in_a_query_is_422(client, tokens, url, field):
    _refused(await client.get(url, headers=tokens.headers("county_officer", COUNTY)), field)


async def test_nul_in_an_assessee_name_is_422(client, tokens):
    body = {"assessees": [{"worker_id": "w1", "name": "工作者\u0000", "community_code": TOWN + "001",
                           "post": "nx_staff", "kind": "annual"}]}
    response = await client.post("/v1/cycles/00000000-0000-0000-0000-000000000001/assessees", json=body,
                                 headers=tokens.headers("county_officer", COUNTY))
    _refused(response, "assessees.0.name")
