"""A post's yes/no flags take JSON true/false only: "yes", "on", "1" or 1 would otherwise be stored as true."""

import pytest

from tests.workers.helpers import regions


@pytest.mark.parametrize("wrong", ["yes", "on", "1", 1, "false"])
async def test_a_flag_sent_as_text_or_a_number_is_refused_naming_it(client, session, tokens, wrong):
    await regions(session)
    admin = tokens.headers("provincial_admin", "15")
    refused = await client.patch("/v1/posts/ss_staff", json={"committee": wrong}, headers=admin)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    [error] = refused.json()["errors"]
    assert (error["field"], error["code"]) == ("committee", "bool_type")
    assert error["message_zh"] and error["message_en"] == "must be a boolean, true or false"
    posts = await client.get("/v1/posts?region=150404001001", headers=tokens.headers("township_officer", "150404001"))
    assert {p["code"]: p["committee"] for p in posts.json()}["ss_staff"] is False
    # JSON true is the yes.
    changed = await client.patch("/v1/posts/ss_staff", json={"committee": True}, headers=admin)
    assert changed.status_code == 200 and changed.json()["committee"] is True
