"""A dashboard's poll with a current ETag costs the lookup of a version, never the statistics' computation."""

from cwm_kit.testing import statements

from registry.seed import seed_regions

from ..quota.factories import make_worker

TOWN = "640104001"


async def test_304_is_answered_from_the_version_alone(client, session, tokens):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    headers = tokens.headers("township_officer", TOWN)
    with statements(session) as computed:
        first = await client.get("/v1/stats", headers=headers)
    assert first.status_code == 200, first.text
    # The 200 ran the grouped head count (the computation this test must not see again).
    assert any("GROUPING SETS" in s.upper() for s in computed)
    with statements(session) as polled:
        again = await client.get("/v1/stats", headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.content
    sent = [s for s in polled if "SAVEPOINT" not in s]  # the test session's savepoints aside
    assert len(sent) == 1 and "max(audit_log.id)" in sent[0] and "worker" not in sent[0], sent

    # Another jurisdiction's tag is not this one's version: the other township computes its own answer.
    other = tokens.headers("township_officer", "640104002")
    with statements(session) as foreign:
        response = await client.get("/v1/stats", headers={**other, "If-None-Match": first.headers["ETag"]})
    assert response.status_code == 200 and response.json()["region"] == "640104002"
    assert response.headers["ETag"] != first.headers["ETag"]
    assert any("GROUPING SETS" in s.upper() for s in foreign)
