"""A NUL (or another control character) in a text field, a query parameter or a path id is a 422 naming the
field, never a 500 from PostgreSQL (refused at the edge by the kit's ControlCharacterMiddleware)."""

import pytest
from registry.seed import seed_regions

from .workers.helpers import create_worker

TOWN = ("township_officer", "640104001")


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, "control_character")]


async def test_nul_in_a_patched_worker_name_and_region_is_422(client, session, tokens):
    await seed_regions(session)
    worker = await create_worker(client, tokens)
    headers = {**tokens.headers(*TOWN), "If-Match": f'"{worker["version"]}"'}
    _refused(await client.patch(f"/v1/workers/{worker['id']}", json={"name": "张\u0000丽"}, headers=headers), "name")
    _refused(await client.patch("/v1/regions/640104001001", json={"name": "社区\u0000"},
                                headers=tokens.headers(*TOWN)), "name")
    # Newlines stay allowed in body text (the route then decides); the worker is unchanged.
    assert (await client.get(f"/v1/workers/{worker['id']}", headers=tokens.headers(*TOWN))).json()["name"] == "张丽"


@pytest.mark.parametrize("url,field", [("/v1/workers?name=%00", "name"), ("/v1/audit?action=a%00", "action"),
                                       ("/v1/workers/export?name=%00", "name"),
                                       ("/v1/regions/6401%0004", "code"), ("/v1/auth/me?x=%01", "x")])
async def test_nul_in_a_query_or_path_is_422(client, tokens, url, field):
    _refused(await client.get(url, headers=tokens.headers(*TOWN)), field)


async def test_nul_in_a_login_form_is_422(client):
    response = await client.post("/v1/auth/token", data={"username": "xq\u0000town", "password": "x"})
    _refused(response, "username")
