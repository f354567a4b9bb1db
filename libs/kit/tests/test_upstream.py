"""The feed readers: NDJSON lines and cursor pages, typed by the consumer's model, following the cursor to
its end (empty page, no cursor, a cursor repeated) and never further."""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx
import pytest
from pydantic import BaseModel, ValidationError

from cwm_kit.http import ServiceClient
from cwm_kit.upstream import cursor_items, cursor_pages, ndjson


class Fact(BaseModel):
    worker_id: str
    years: int


@dataclass(frozen=True)
class Result:
    worker_id: str
    year: int
    revision: int = 1


class _Tokens:
    async def token(self) -> str:
        return "service-token"


def _client(answer) -> ServiceClient:
    return ServiceClient("http://peer.test", token_source=_Tokens(),  # type: ignore[arg-type]
                         transport=httpx.MockTransport(answer))


async def test_ndjson_lines_as_the_model_with_bad_lines_reported_or_raised():
    body = '{"worker_id": "a", "years": "3"}\n\nnot json\n{"worker_id": "b", "years": 1, "extra": true}\n'
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text=body)

    client = _client(answer)
    bad: list[str] = []
    facts = [f async for f in ndjson(client, "/v1/workers/facts", Fact, params={"region": "64"},
                                     as_service=True, on_invalid=bad.append)]
    assert facts == [Fact(worker_id="a", years=3), Fact(worker_id="b", years=1)] and bad == ["not json"]
    assert seen[0].url.params["region"] == "64" and seen[0].headers["Authorization"] == "Bearer service-token"
    with pytest.raises(ValidationError):
        [f async for f in ndjson(client, "/v1/workers/facts", Fact, as_service=True)]
    raw = [f async for f in ndjson(client, "/v1/workers/facts", dict, as_service=True, on_invalid=bad.append)]
    assert raw[1] == {"worker_id": "b", "years": 1, "extra": True}


@pytest.mark.parametrize("last_cursor", [None, "", "c2"])
async def test_cursor_pages_follow_after_until_the_feed_ends(last_cursor):
    pages = {None: ([{"worker_id": "a", "year": 2024}], "c1"),
             "c1": ([{"worker_id": "b", "year": "2025", "revision": 2, "score": None}], "c2"),
             "c2": ([{"worker_id": "c", "year": 2025}], last_cursor)}
    asked: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        asked.append(after)
        assert request.url.params["limit"] == "1000"
        items, cursor = pages.get(after, ([], None))
        return httpx.Response(200, json={"items": items, "next_cursor": cursor})

    client = _client(answer)
    results = [r async for r in cursor_items(client, "/v1/results", Result, params={"limit": 1000}, as_service=True)]
    assert results == [Result("a", 2024), Result("b", 2025, 2), Result("c", 2025)]
    assert asked == [None, "c1", "c2"]  # a repeated, empty or missing cursor ends the feed


async def test_cursor_pages_start_after_a_cursor_and_stop_at_an_empty_page():
    asked: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params.get("after"))
        if request.url.params.get("after") == "c7":
            return httpx.Response(200, json={"items": [{"x": 1}], "next_cursor": "c8"})
        return httpx.Response(200, content=json.dumps({"items": [], "next_cursor": "c9"}))

    pages = [p async for p in cursor_pages(_client(answer), "/v1/changes", dict, after="c7", as_service=True)]
    assert [(p.items, p.next_cursor) for p in pages] == [([{"x": 1}], "c8"), ([], "c9")]
    assert asked == ["c7", "c8"]
