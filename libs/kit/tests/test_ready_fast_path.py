"""The fast path for stored answers (cwm_kit.ready.ReadyAnswerFastPath, ADR 0011): an app built by
`create_service_app` sends a worker's current stored answer before the routing — the same bytes and headers the
route sends — and leaves to the route everything it must answer itself: a refused, revoked or expired token, a
password still to change, another worker, an officer, a query the read does not take, an answer gone stale."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from cwm_kit import ready, testing
from cwm_kit.db import ReadSessionDep
from cwm_kit.security import WorkerPrincipal
from cwm_kit.tokens import RevocationList
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from sqlalchemy import text

ME, OTHER, WORDY = uuid.UUID(int=1), uuid.UUID(int=2), uuid.UUID(int=3)
JURISDICTION = "640104001001"


class Answer(BaseModel):
    values: list[str]
    month: str = ""


ANSWER = ready.ReadyAnswer("fast", Answer, "cwm_kit", path="/v1/me/facts")
MONTHLY = ready.ReadyAnswer("fast-month", Answer, "cwm_kit", path="/v1/me/facts/{month}",
                            params={"month": r"\d{4}-\d{2}"})
computed: list[str] = []  # what the routes computed, in order
reached: list[str] = []  # the requests that reached a route
router = APIRouter()


async def _values(session, worker_id: str) -> list[str]:
    rows = await session.execute(text("SELECT value FROM fact WHERE worker_id = :w ORDER BY id"),
                                 {"w": uuid.UUID(worker_id)})
    return list(rows.scalars())


@router.get("/me/facts")
async def my_facts(request: Request, principal: WorkerPrincipal, session: ReadSessionDep) -> Response:
    reached.append(str(request.url.path))
    async def compute() -> Answer:
        computed.append(principal.worker_id or "")
        return Answer(values=await _values(session, principal.worker_id or ""))
    return await ANSWER.respond(request, session, principal, as_of=ANSWER.today(), compute=compute)


@router.get("/me/facts/{month}")
async def my_month(request: Request, month: str, principal: WorkerPrincipal, session: ReadSessionDep) -> Response:
    reached.append(str(request.url.path))
    async def compute() -> Answer:
        computed.append(f"{principal.worker_id}:{month}")
        return Answer(values=await _values(session, principal.worker_id or ""), month=month)
    return await MONTHLY.respond(request, session, principal, as_of=MONTHLY.today(), key=month, compute=compute)


@pytest.fixture(scope="module")
async def database() -> AsyncIterator[str]:
    ddl = ";\n".join([*ready.create_sql(),
                      "CREATE TABLE fact (id serial PRIMARY KEY, worker_id uuid NOT NULL, value text NOT NULL)",
                      *ready.track_subject_sql("fact", "worker_id"),
                      f"INSERT INTO fact (worker_id, value) VALUES ('{ME}', 'mine'), ('{OTHER}', 'theirs')",
                      # enough rows that the answer is stored with a gzip copy
                      f"INSERT INTO fact (worker_id, value) SELECT '{WORDY}', 'fact ' || n FROM generate_series(1, 40) n"])
    async with testing.scratch_database("kit_ready_fast", ddl) as url:
        yield url


@pytest.fixture
def tokens() -> testing.TokenFactory:
    return testing.TokenFactory()


@pytest.fixture
async def client(database: str, tokens: testing.TokenFactory) -> AsyncIterator[httpx.AsyncClient]:
    computed.clear()
    reached.clear()
    async with testing.started_app(database, router, jwks=tokens.jwks, ready_answers=[ANSWER, MONTHLY],
                                   token_issuer=testing.TEST_ISSUER, token_audience=testing.TEST_AUDIENCE) as app:
        app.state.revocations = RevocationList(fetch=_nothing_revoked)
        async with app.state.engine.begin() as connection:
            await connection.execute(text("DELETE FROM ready_answer"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://registry") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


async def _nothing_revoked() -> list[str]:
    return []


def worker_headers(tokens: testing.TokenFactory, worker_id: uuid.UUID = ME, **claims) -> dict[str, str]:
    return tokens.headers("worker", JURISDICTION, worker_id=str(worker_id), sid=f"session-{worker_id}", **claims)


SAME_HEADERS = ("content-type", "content-length", "etag", "vary", "content-encoding")


async def test_a_stored_answer_is_sent_before_the_route_with_the_routes_bytes(client, tokens):
    headers = worker_headers(tokens)
    first = await client.get("/v1/me/facts", headers=headers)
    second = await client.get("/v1/me/facts", headers=headers)
    assert first.status_code == second.status_code == 200 and computed == [str(ME)] and len(reached) == 1
    assert second.content == first.content == b'{"values":["mine"],"month":""}'
    assert [second.headers.get(h) for h in SAME_HEADERS] == [first.headers.get(h) for h in SAME_HEADERS]
    assert second.headers["x-request-id"]  # still inside the request id and access log

    packed = await client.get("/v1/me/facts", headers={**headers, "Accept-Encoding": "gzip"})
    # Too small to keep a gzip copy: sent as it is, whatever the client takes.
    assert "content-encoding" not in packed.headers and packed.content == first.content and computed == [str(ME)]
    for tag in (first.headers["etag"], packed.headers["etag"]):
        unchanged = await client.get("/v1/me/facts", headers={**headers, "If-None-Match": tag,
                                                               "Accept-Encoding": "gzip"})
        assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"]
    assert computed == [str(ME)] and len(reached) == 1


async def test_the_stored_gzip_copy_is_sent_as_the_route_sends_it(client, tokens):
    headers = {**worker_headers(tokens, WORDY), "Accept-Encoding": "gzip"}
    first = await client.get("/v1/me/facts", headers=headers)  # the route
    again = await client.get("/v1/me/facts", headers=headers)  # before the routing
    assert first.headers["content-encoding"] == again.headers["content-encoding"] == "gzip"
    assert [again.headers.get(h) for h in SAME_HEADERS] == [first.headers.get(h) for h in SAME_HEADERS]
    assert again.content == first.content and len(again.json()["values"]) == 40
    assert computed == [str(WORDY)] and len(reached) == 1
    plain = await client.get("/v1/me/facts", headers={**headers, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == first.json() and len(reached) == 1


async def test_a_path_parameter_names_its_own_answer(client, tokens):
    headers = worker_headers(tokens)
    for month in ("2026-10", "2026-11", "2026-10", "2026-11"):
        response = await client.get(f"/v1/me/facts/{month}", headers=headers)
        assert response.json() == {"values": ["mine"], "month": month}
    assert computed == [f"{ME}:2026-10", f"{ME}:2026-11"] and len(reached) == 2


async def test_every_caller_the_route_refuses_is_still_refused(client, tokens):
    headers = worker_headers(tokens)
    assert (await client.get("/v1/me/facts", headers=headers)).status_code == 200  # stored
    refused = {
        "expired": ({"Authorization": f"Bearer {tokens.token('worker', JURISDICTION, worker_id=str(ME), ttl=-10)}"},
                    401),
        "signed by another key": (worker_headers(testing.TokenFactory()), 401),
        "no token": ({}, 401),
        "not bearer": ({"Authorization": headers["Authorization"].replace("Bearer", "Basic")}, 401),
        "password to change": (worker_headers(tokens, pwc=True), 403),
        "second factor to enrol": (worker_headers(tokens, mfa="setup"), 403),
        "an officer": (tokens.headers("township_officer", JURISDICTION), 403),
    }
    for what, (sent, status) in refused.items():
        response = await client.get("/v1/me/facts", headers=sent)
        assert response.status_code == status, what
        assert response.headers["content-type"] == "application/problem+json", what
    client.app.state.revocations.add(f"session-{ME}")  # type: ignore[attr-defined]
    revoked = await client.get("/v1/me/facts", headers=headers)
    assert revoked.status_code == 401 and revoked.json()["code"] == "session_revoked"
    assert computed == [str(ME)]


async def test_another_worker_gets_their_own_answer(client, tokens):
    await client.get("/v1/me/facts", headers=worker_headers(tokens))
    theirs = await client.get("/v1/me/facts", headers=worker_headers(tokens, OTHER))
    assert theirs.json() == {"values": ["theirs"], "month": ""} and computed == [str(ME), str(OTHER)]
    # The same worker id in another jurisdiction is another caller: computed for it, not sent mine.
    elsewhere = tokens.headers("worker", "640104001002", worker_id=str(ME), sid="elsewhere")
    assert (await client.get("/v1/me/facts", headers=elsewhere)).status_code == 200
    assert computed == [str(ME), str(OTHER), str(ME)]


async def test_what_the_read_does_not_take_goes_to_the_route(client, tokens):
    headers = worker_headers(tokens)
    await client.get("/v1/me/facts", headers=headers)
    await client.get("/v1/me/facts/2026-10", headers=headers)
    reached.clear()
    await client.get("/v1/me/facts?page=2", headers=headers)  # the route ignores it: its own lookup answers
    await client.get("/v1/me/facts?a=1&a=2", headers=headers)
    assert (await client.head("/v1/me/facts", headers=headers)).status_code == 405
    assert (await client.get("/v1/me/facts/2026-1", headers=headers)).status_code == 200  # not the month pattern
    await client.get("/v1/me/facts/", headers=headers)
    assert reached == ["/v1/me/facts", "/v1/me/facts", "/v1/me/facts/2026-1"]
    assert computed == [str(ME), f"{ME}:2026-10", f"{ME}:2026-1"]  # the route sent the stored answers


async def test_a_write_to_the_workers_rows_is_seen_at_once(client, tokens, database):
    headers = worker_headers(tokens)
    await client.get("/v1/me/facts", headers=headers)
    await testing.commit_elsewhere(database, f"INSERT INTO fact (worker_id, value) VALUES ('{ME}', 'new')")
    assert (await client.get("/v1/me/facts", headers=headers)).json()["values"] == ["mine", "new"]
    assert (await client.get("/v1/me/facts", headers=headers)).json()["values"] == ["mine", "new"]
    assert computed == [str(ME), str(ME)]
    await testing.commit_elsewhere(database, f"DELETE FROM fact WHERE value = 'new'")


async def test_replaced_dependencies_and_the_switch_turn_it_off(client, tokens):
    headers = worker_headers(tokens)
    app = client.app  # type: ignore[attr-defined]
    await client.get("/v1/me/facts", headers=headers)
    app.dependency_overrides[_values] = lambda: None  # any override: a test decides what the route computes
    await client.get("/v1/me/facts", headers=headers)
    app.dependency_overrides.clear()
    app.state.settings.ready_answers = False
    await client.get("/v1/me/facts", headers=headers)
    assert computed == [str(ME)] * 2 and reached == ["/v1/me/facts"] * 3  # switched off: computed again


def test_a_ready_answer_whose_path_is_no_route_is_refused_at_start():
    from cwm_kit.app import create_service_app
    from cwm_kit.settings import ServiceSettings

    stray = ready.ReadyAnswer("stray", Answer, "cwm_kit", path="/v1/me/nothing")
    with pytest.raises(ValueError, match="/v1/me/nothing"):
        create_service_app(settings=ServiceSettings(service_name="t", database_url="postgresql+asyncpg://x/y"),
                           title="t", description="t", routers=[router], migrations_dir=testing.Path("."),
                           ready_answers=[stray])
