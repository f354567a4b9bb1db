"""Dashboard statistics from snapshots (ADR 0006): numbers at most `max_age` old, ONE computation per scope
however many officers poll it, the asker's jurisdiction kept, and a failed refresh never answering with
another scope's numbers."""

import asyncio
import threading
import time
from contextlib import asynccontextmanager
from datetime import datetime

from cwm_kit import alive
from cwm_kit.testing import statements

from registry.seed import seed_regions
from registry.stats.service import Snapshots, StatsService

from ..quota.factories import make_worker
from .helpers import computations, on_session

TOWN, OTHER_TOWN = "640104001", "640104002"


async def test_a_write_shows_within_the_max_age_and_an_unchanged_scope_is_only_rechecked(app, client, session,
                                                                                           tokens):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    headers = tokens.headers("township_officer", TOWN)
    first = await client.get("/v1/stats", headers=headers)
    assert first.json()["headcount"] == 1
    computed_at = datetime.fromisoformat(first.json()["computed_at"])

    await make_worker(session, "640104001002")  # audited: the basis changes
    unchanged = await client.get("/v1/stats", headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304  # within the max age the snapshot stands

    snapshots = app.state.stats_snapshots
    snapshots.background = False  # no refresher (CWM_STATS_REFRESHER=off): polls keep their numbers in age
    snapshots.max_age_seconds = 0  # so the next poll may not use the snapshot
    with statements(session) as sent:
        changed = await client.get("/v1/stats", headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.json()["headcount"] == 2 and computations(sent) == 1
    assert datetime.fromisoformat(changed.json()["computed_at"]) > computed_at

    # Past the max age with nothing written since: re-checked against the basis, not recomputed, same version;
    # the header says when the figures were last found current.
    with statements(session) as sent:
        again = await client.get("/v1/stats", headers={**headers, "If-None-Match": changed.headers["ETag"]})
    assert again.status_code == 304 and computations(sent) == 0
    checked_at = datetime.fromisoformat(again.headers["X-Stats-Checked-At"])
    assert checked_at > datetime.fromisoformat(changed.headers["X-Stats-Checked-At"])


async def test_one_computation_per_scope_for_every_poller(app, client, session, tokens):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    pollers = [tokens.headers(role, TOWN) for role in ("township_officer", "auditor", "finance_officer")]
    with statements(session) as sent:
        tags = {(await client.get("/v1/stats", headers=h)).headers["ETag"] for h in pollers * 3}
    assert len(tags) == 1 and computations(sent) == 1

    await make_worker(session, "640104001003")
    snapshots = app.state.stats_snapshots
    snapshots.refresh_seconds = 0
    with statements(session) as sent:
        assert await snapshots.refresh_polled(on_session(session)) == 1
    assert computations(sent) == 1
    with statements(session) as sent:
        answers = [await client.get("/v1/stats", headers=h) for h in pollers]
    assert {a.json()["headcount"] for a in answers} == {2} and computations(sent) == 0
    assert {a.headers["ETag"] for a in answers} != tags

    # Nothing written since: the refresher re-checks the basis and computes nothing.
    with statements(session) as sent:
        await snapshots.refresh_polled(on_session(session))
    assert computations(sent) == 0


async def test_an_officer_never_gets_a_wider_scope(client, session, tokens):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    await make_worker(session, "640104002001")
    province = await client.get("/v1/stats?region=64", headers=tokens.headers("provincial_admin", "64"))
    assert province.json()["headcount"] == 2  # the province's snapshot exists now
    township = tokens.headers("township_officer", TOWN)
    narrowed = await client.get("/v1/stats?region=64", headers=township)
    assert narrowed.status_code == 200
    assert narrowed.json()["region"] == TOWN and narrowed.json()["headcount"] == 1
    assert narrowed.headers["ETag"] != province.headers["ETag"]
    # A province tag is no use to the township either: it gets its own answer, not a 304.
    stolen = await client.get("/v1/stats?region=64", headers={**township, "If-None-Match": province.headers["ETag"]})
    assert stolen.status_code == 200 and stolen.json()["region"] == TOWN
    with statements(session) as sent:
        foreign = await client.get(f"/v1/stats?region={OTHER_TOWN}", headers=township)
    assert foreign.status_code == 404 and not [s for s in sent if "stats_snapshot" in s]


async def test_a_failed_refresh_keeps_each_scope_its_own_numbers(app, client, session, tokens, monkeypatch):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    await make_worker(session, "640104002001")
    mine, other = tokens.headers("township_officer", TOWN), tokens.headers("township_officer", OTHER_TOWN)
    before = (await client.get("/v1/stats", headers=other)).json()
    assert (await client.get("/v1/stats", headers=mine)).json()["region"] == TOWN
    await make_worker(session, "640104002002")

    compute = StatsService.compute

    async def failing_for_the_other_town(self, principal, scope, on, computed_at):
        if scope == OTHER_TOWN:
            raise RuntimeError("the read replica went away")
        return await compute(self, principal, scope, on, computed_at)

    monkeypatch.setattr(StatsService, "compute", failing_for_the_other_town)
    snapshots = app.state.stats_snapshots
    snapshots.refresh_seconds = 0
    assert await snapshots.refresh_polled(on_session(session)) == 1  # TOWN refreshed, OTHER_TOWN failed
    kept = await client.get("/v1/stats", headers=other)
    assert kept.status_code == 200 and kept.json() == before  # its own last numbers, within the max age

    # Without a refresher (off) the poll recomputes past the max age; that still fails: a 503, never someone
    # else's answer.
    snapshots.background, snapshots.max_age_seconds = False, 0
    refused = await client.get("/v1/stats", headers=other)
    assert refused.status_code == 503 and refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "statistics_unavailable"
    assert (await client.get("/v1/stats", headers=mine)).json()["region"] == TOWN


async def test_a_poll_on_a_stale_snapshot_answers_at_once_while_the_refresh_happens_elsewhere(app, client, session,
                                                                                             tokens):
    await seed_regions(session)
    await make_worker(session, "640104001001")
    headers = tokens.headers("township_officer", TOWN)
    first = await client.get("/v1/stats", headers=headers)  # no snapshot yet: the first poll computes it
    assert first.json()["headcount"] == 1
    await make_worker(session, "640104001002")  # audited: the basis changes

    snapshots = app.state.stats_snapshots
    assert snapshots.background  # a refresher runs elsewhere (its own process, or the app's thread)
    snapshots.max_age_seconds, snapshots.recheck_seconds = 0, 0  # past any max age, looked up on every poll
    with statements(session) as sent:
        stale = await client.get("/v1/stats", headers={**headers, "If-None-Match": first.headers["ETag"]})
    # Answered with the newest snapshot there is: no computation, not even the refresh lock waited for.
    assert stale.status_code == 304 and computations(sent) == 0
    assert not [s for s in sent if "advisory" in s or "audit_log" in s], sent
    assert stale.headers["X-Stats-Checked-At"] == first.headers["X-Stats-Checked-At"]

    # The refresher process (another Snapshots: it shares nothing with the polls but the table) finds the
    # scope polled (polled_at) and out of date, and recomputes it; the next poll gets the new numbers.
    elsewhere = Snapshots(refresh_seconds=0, idle_seconds=600)
    with statements(session) as sent:
        assert await elsewhere.refresh_due(on_session(session)) == 1
    assert computations(sent) == 1
    fresh = await client.get("/v1/stats", headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert fresh.status_code == 200 and fresh.json()["headcount"] == 2
    assert datetime.fromisoformat(fresh.json()["computed_at"]) > datetime.fromisoformat(first.json()["computed_at"])

    # A scope nobody polled within the idle time is left alone.
    elsewhere.idle_seconds = 0
    with statements(session) as sent:
        assert await elsewhere.refresh_due(on_session(session)) == 0
    assert computations(sent) == 0


async def test_the_refresher_process_beats_after_each_round_that_reached_the_database(session, tmp_path):
    heartbeat, beats = tmp_path / "stats-heartbeat", []
    stopped = threading.Event()

    def beat() -> None:
        alive.beat(heartbeat)
        beats.append(time.monotonic())
        if len(beats) == 3:
            stopped.set()

    refresher = Snapshots(refresh_seconds=0, idle_seconds=600)
    await asyncio.wait_for(refresher.run(on_session(session), stopped, tick_seconds=0, from_table=True, beat=beat), 30)
    assert len(beats) == 3 and alive.is_alive(heartbeat, 120)[0]

    # A round that cannot reach the database beats nothing: the probe then finds the heartbeat growing old.
    @asynccontextmanager
    async def unreachable():
        raise ConnectionRefusedError("the database is away")
        yield  # pragma: no cover (a generator, never reached)

    stopped.clear()
    beats.clear()
    asyncio.get_running_loop().call_later(0.3, stopped.set)
    await asyncio.wait_for(refresher.run(unreachable, stopped, tick_seconds=0.01, from_table=True, beat=beat), 30)
    assert beats == []
