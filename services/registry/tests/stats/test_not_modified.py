"""A dashboard's poll with a current ETag costs the lookup of a version, never the statistics' computation
(ADR 0006): nothing at all while the process's copy is trusted, else one select of the snapshot's version by
its primary key."""

from cwm_kit.testing import statements

from registry.seed import seed_regions

from ..quota.factories import make_worker
from .helpers import computations

TOWN = "640104001"


async def test_304_is_answered_from_the_version_alone(app, client, session, tokens):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    headers = tokens.headers("township_officer", TOWN)
    with statements(session) as computed:
        first = await client.get("/v1/stats", headers=headers)
    assert first.status_code == 200, first.text
    # The first poll of a scope computes it (the computation this test must not see again).
    assert computations(computed) == 1
    conditional = {**headers, "If-None-Match": first.headers["ETag"]}
    app.state.stats_snapshots.recheck_seconds = 60  # (a loaded test machine may take a second between polls)
    with statements(session) as polled:
        again = await client.get("/v1/stats", headers=conditional)
    assert again.status_code == 304 and not again.content
    assert [s for s in polled if "SAVEPOINT" not in s] == []  # the process's own copy: no statement at all

    app.state.stats_snapshots.recheck_seconds = 0  # look the version up on every poll
    with statements(session) as polled:
        again = await client.get("/v1/stats", headers=conditional)
    assert again.status_code == 304 and not again.content
    sent = [s for s in polled if "SAVEPOINT" not in s]  # the test session's savepoints aside
    assert len(sent) == 1 and "FROM stats_snapshot" in sent[0] and "body" not in sent[0], sent
    assert "worker" not in sent[0] and "audit_log" not in sent[0]

    # Another jurisdiction's tag is not this one's version: the other township computes its own answer.
    other = tokens.headers("township_officer", "640104002")
    with statements(session) as foreign:
        response = await client.get("/v1/stats", headers={**other, "If-None-Match": first.headers["ETag"]})
    assert response.status_code == 200 and response.json()["region"] == "640104002"
    assert response.headers["ETag"] != first.headers["ETag"]
    assert computations(foreign) == 1
