"""Ready answers (cwm_kit.ready, ADR 0011) against a real database: an answer is sent again, without computing
it, only while nothing it was computed from has changed — a write to the worker's rows, to a table every answer
reads, a write committed while the answer was being computed, another caller's scope, another day or an expiry
each make the next request compute it afresh — and a request naming its ETag gets 304."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta, timezone

import pytest
from cwm_kit import ready, testing
from cwm_kit.db import make_engine, make_read_sessionmaker, make_sessionmaker
from cwm_kit.security import Principal, Role
from pydantic import BaseModel
from starlette.requests import Request
from sqlalchemy import text

ME = uuid.UUID(int=1)
OTHER = uuid.UUID(int=2)
TODAY = date(2026, 12, 3)
DDL = ";\n".join([
    *ready.create_sql(),
    "CREATE TABLE fact (id serial PRIMARY KEY, worker_id uuid NOT NULL, value text NOT NULL)",
    "CREATE TABLE shared (id serial PRIMARY KEY, label text NOT NULL)",
    *ready.track_subject_sql("fact", "worker_id"),
    *ready.track_all_sql("shared"),
    "INSERT INTO shared (label) VALUES ('标签')",
])


class Answer(BaseModel):
    values: list[str]
    label: str


@pytest.fixture(scope="module")
async def database() -> AsyncIterator[str]:
    async with testing.scratch_database("kit_ready", DDL) as url:
        yield url


@pytest.fixture
async def engine(database: str):
    engine = make_engine(database)
    async with engine.begin() as connection:  # each test starts with nothing stored and the facts as made
        await connection.execute(text("DELETE FROM ready_answer"))
        await connection.execute(text("DELETE FROM fact"))
        await connection.execute(text(f"INSERT INTO fact (worker_id, value) VALUES ('{ME}', 'mine'), ('{OTHER}', 'theirs')"))
    yield engine
    await engine.dispose()


def request(if_none_match: str | None = None, accept_encoding: str | None = None) -> Request:
    headers = [(b"if-none-match", if_none_match.encode())] if if_none_match else []
    headers += [(b"accept-encoding", accept_encoding.encode())] if accept_encoding else []
    return Request({"type": "http", "method": "GET", "path": "/me", "headers": headers, "query_string": b""})


def worker(jurisdiction: str = "640104001001", worker_id: uuid.UUID = ME) -> Principal:
    return Principal(subject=f"account-{worker_id}", role=Role.WORKER, jurisdiction=jurisdiction,
                     worker_id=str(worker_id))


class Reader:
    """One self-service read: computes the worker's answer from the database, counting the computations."""

    def __init__(self, engine, *, writing: bool = False):
        self.engine = engine
        self.writing = writing
        self.computed = 0
        self.answer = ready.ReadyAnswer("test", Answer, "cwm_kit")
        self.during_compute: str | None = None  # a write another connection commits while the answer is computed

    async def get(self, principal: Principal | None = None, *, as_of: date = TODAY, key: str = "",
                  if_none_match: str | None = None, expires_at: datetime | None = None, database: str = "",
                  accept_encoding: str | None = None):
        principal = principal or worker()
        maker = make_sessionmaker(self.engine) if self.writing else make_read_sessionmaker(self.engine)
        async with maker() as session:
            async def compute() -> Answer:
                self.computed += 1
                values = (await session.execute(text("SELECT value FROM fact WHERE worker_id = :w ORDER BY id"),
                                                {"w": uuid.UUID(principal.worker_id)})).scalars().all()
                if self.during_compute:
                    await testing.commit_elsewhere(database, self.during_compute)
                    self.during_compute = None
                label = (await session.execute(text("SELECT label FROM shared"))).scalar_one()
                return Answer(values=list(values), label=label)

            response = await self.answer.respond(request(if_none_match, accept_encoding), session, principal, as_of=as_of, key=key,
                                                 compute=compute, expires_at=(lambda: expires_at) if expires_at else None)
            if self.writing:
                await session.commit()
        return response


@pytest.mark.parametrize("writing", [False, True], ids=["read session", "writing session"])
async def test_sent_again_until_the_workers_rows_change(engine, database, writing):
    reader = Reader(engine, writing=writing)
    first = await reader.get()
    assert first.status_code == 200 and first.media_type == "application/json"
    assert first.body == '{"values":["mine"],"label":"标签"}'.encode()
    again = await reader.get()
    assert (again.body, again.headers["etag"], reader.computed) == (first.body, first.headers["etag"], 1)

    await testing.commit_elsewhere(database, f"UPDATE fact SET value = 'changed' WHERE worker_id = '{OTHER}'")  # another worker's row
    assert (await reader.get()).body == first.body and reader.computed == 1

    await testing.commit_elsewhere(database, f"INSERT INTO fact (worker_id, value) VALUES ('{ME}', 'new')")
    assert (await reader.get()).body == '{"values":["mine","new"],"label":"标签"}'.encode() and reader.computed == 2
    await testing.commit_elsewhere(database, "DELETE FROM fact WHERE value = 'new'")
    assert (await reader.get()).body == first.body and reader.computed == 3
    await testing.commit_elsewhere(database, "UPDATE shared SET label = '新标签'")  # a table every answer reads
    assert (await reader.get()).body == '{"values":["mine"],"label":"新标签"}'.encode() and reader.computed == 4
    await testing.commit_elsewhere(database, "UPDATE shared SET label = '标签'")  # as the other tests expect it


async def test_a_row_moved_to_another_worker_changes_both(engine, database):
    mine, theirs = Reader(engine), Reader(engine)
    await mine.get(), await theirs.get(worker(worker_id=OTHER))
    await testing.commit_elsewhere(database, f"UPDATE fact SET worker_id = '{OTHER}' WHERE value = 'mine'")
    assert (await mine.get()).body == b'{"values":[],"label":"\xe6\xa0\x87\xe7\xad\xbe"}'
    assert (await theirs.get(worker(worker_id=OTHER))).body == '{"values":["mine","theirs"],"label":"标签"}'.encode()
    assert (mine.computed, theirs.computed) == (2, 2)


async def test_a_write_committed_while_computing_is_never_hidden(engine, database):
    reader = Reader(engine)
    reader.during_compute = f"UPDATE fact SET value = 'late' WHERE worker_id = '{ME}'"
    first = await reader.get(database=database)
    assert first.body == '{"values":["mine"],"label":"标签"}'.encode()  # read before the write landed
    second = await reader.get()
    assert second.body == '{"values":["late"],"label":"标签"}'.encode() and reader.computed == 2
    await testing.commit_elsewhere(database, "UPDATE fact SET value = 'mine' WHERE value = 'late'")


async def test_another_scope_day_key_or_expiry_is_computed_afresh(engine):
    reader = Reader(engine)
    await reader.get()
    await reader.get(worker(jurisdiction="640104001"))  # the same worker id under another scope
    assert reader.computed == 2
    await reader.get(as_of=TODAY + timedelta(days=1))
    assert reader.computed == 3
    await reader.get(key="2025-06"), await reader.get(key="2025-06")
    assert reader.computed == 4
    past = datetime.now(timezone.utc) - timedelta(seconds=1)
    await reader.get(key="expired", expires_at=past), await reader.get(key="expired", expires_at=past)
    assert reader.computed == 6


async def test_a_caller_naming_the_etag_gets_304(engine):
    reader = Reader(engine)
    first = await reader.get()
    etag = first.headers["etag"]
    for named in (etag, f'W/{etag}', etag[:-1] + '-gzip"'):
        not_modified = await reader.get(if_none_match=named)
        assert (not_modified.status_code, not_modified.body, not_modified.headers["etag"]) == (304, b"", etag)
    assert (await reader.get(if_none_match='"other"')).status_code == 200
    assert reader.computed == 1


async def test_a_caller_without_a_worker_id_is_answered_and_nothing_stored(engine):
    reader = Reader(engine)
    officer = Principal(subject="officer", role=Role.TOWNSHIP_OFFICER, jurisdiction="640104001", worker_id=None)
    maker = make_read_sessionmaker(engine)
    async with maker() as session:
        response = await reader.answer.respond(request(), session, officer, as_of=TODAY,
                                               compute=lambda: _constant())
        stored = (await session.execute(text("SELECT count(*) FROM ready_answer"))).scalar_one()
    assert response.body == b'{"values":[],"label":"x"}' and stored == 0


async def _constant() -> Answer:
    return Answer(values=[], label="x")


async def test_a_service_set_not_to_store_computes_every_answer(engine):
    from types import SimpleNamespace

    reader = Reader(engine)
    app = SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(ready_answers=False)))
    async with make_read_sessionmaker(engine)() as session:
        for _ in range(2):
            scope = {"type": "http", "method": "GET", "path": "/me", "headers": [], "query_string": b"", "app": app}
            response = await reader.answer.respond(Request(scope), session, worker(), as_of=TODAY,
                                                   compute=_constant)
            assert response.body == b'{"values":[],"label":"x"}'
        stored = (await session.execute(text("SELECT count(*) FROM ready_answer"))).scalar_one()
    assert stored == 0


async def test_a_client_taking_gzip_gets_the_stored_compressed_answer(engine):
    import gzip

    reader = Reader(engine)
    await write_many_facts(engine)
    plain = await reader.get()
    assert "content-encoding" not in plain.headers
    packed = await reader.get(accept_encoding="br, gzip;q=0.8")
    assert packed.headers["content-encoding"] == "gzip" and gzip.decompress(packed.body) == plain.body
    assert packed.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"' and packed.headers["vary"] == "Accept-Encoding"
    assert len(packed.body) < len(plain.body) and reader.computed == 1
    refused = await reader.get(accept_encoding="gzip;q=0, br")
    assert "content-encoding" not in refused.headers and refused.body == plain.body
    # Named gzip outweighs `*`, whichever comes first; `*` stands for gzip when gzip is not named.
    for header, compressed in (("*;q=0, gzip", True), ("gzip;q=0, *", False), ("br, *;q=0.5", True),
                               ("*;q=0", False), ("identity", False), ("GZIP; Q=0.1", True), ("gzip;q=x", False)):
        response = await reader.get(accept_encoding=header)
        assert (response.headers.get("content-encoding") == "gzip") is compressed, header
    for named in (plain.headers["etag"], packed.headers["etag"]):  # either form of the tag names the answer
        assert (await reader.get(accept_encoding="gzip", if_none_match=named)).status_code == 304


async def write_many_facts(engine) -> None:
    """Enough of the worker's rows that the answer compresses."""
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO fact (worker_id, value) SELECT CAST(:me AS uuid), 'fact ' || n "
                                      "FROM generate_series(1, 40) AS n"), {"me": str(ME)})


async def test_an_app_looks_up_on_its_pool_without_a_session(engine, database):
    """As a served app does: the lookup on a connection of the app's pool, given back before anything is computed;
    the answer still follows the worker's writes."""
    from types import SimpleNamespace

    app = SimpleNamespace(state=SimpleNamespace(engine=engine, settings=SimpleNamespace(ready_answers=True)))
    answer, computed = ready.ReadyAnswer("pooled", Answer, "cwm_kit"), []

    async def get() -> bytes:
        scope = {"type": "http", "method": "GET", "path": "/me", "headers": [], "query_string": b"", "app": app}
        async with make_read_sessionmaker(engine)() as session:
            async def compute() -> Answer:
                computed.append(1)
                values = (await session.execute(text("SELECT value FROM fact WHERE worker_id = :w ORDER BY id"),
                                                {"w": ME})).scalars().all()
                return Answer(values=list(values), label="x")
            return (await answer.respond(Request(scope), session, worker(), as_of=TODAY, compute=compute)).body

    assert await get() == await get() == b'{"values":["mine"],"label":"x"}' and len(computed) == 1
    await testing.commit_elsewhere(database, f"INSERT INTO fact (worker_id, value) VALUES ('{ME}', 'pooled')")
    assert await get() == b'{"values":["mine","pooled"],"label":"x"}' and len(computed) == 2
    assert engine.sync_engine.pool.checkedout() == 0
