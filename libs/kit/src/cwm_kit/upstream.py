"""Reading another service's feeds, typed by the consumer's own model (docs/contracts.md):

- `ndjson` — a streamed NDJSON answer (registry `GET /v1/workers/facts`), one item per line;
- `cursor_pages` / `cursor_items` — a cursor-paged answer (`{"items": [...], "next_cursor": ...}`, assessment
  `GET /v1/results`, registry `GET /v1/changes`), followed with `after=` until a page is empty or the cursor
  ends (or repeats itself).

`model` is whatever pydantic can validate into: a pydantic model, a dataclass, or `dict[str, Any]` for a
consumer that keeps the JSON as received. An item outside the model raises pydantic's `ValidationError`
(an NDJSON consumer that tolerates bad lines passes `on_invalid`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter, ValidationError

from .http import ServiceClient

T = TypeVar("T")


@lru_cache(maxsize=None)
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


async def ndjson(client: ServiceClient, url: str, model: type[T] | Any, *, params: Mapping[str, Any] | None = None,
                 as_service: bool = False, on_invalid: Callable[[str], None] | None = None,
                 **kwargs: Any) -> AsyncIterator[T]:
    """Each line of the NDJSON answer as `model`; a line that is not one goes to `on_invalid` (then skipped)
    or, without it, raises. `kwargs` go to the request (e.g. `timeout`)."""
    adapter = _adapter(model)
    # Closed with this generator, so a consumer that stops early ends the HTTP stream at once.
    async with aclosing(client.stream_lines(url, params=dict(params or {}), as_service=as_service, **kwargs)) as lines:
        async for line in lines:
            if not line.strip():
                continue
            try:
                item = adapter.validate_json(line)
            except ValidationError:
                if on_invalid is None:
                    raise
                on_invalid(line)
                continue
            yield item


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


async def cursor_pages(client: ServiceClient, url: str, model: type[T] | Any, *,
                       params: Mapping[str, Any] | None = None, after: str | None = None,
                       as_service: bool = False) -> AsyncIterator[Page[T]]:
    """Every page from the cursor `after` (None: the start) on, items validated as `model`. Stops after an
    empty page, or one whose `next_cursor` is missing or the cursor it was asked with."""
    adapter = _adapter(list[model])  # type: ignore[valid-type]
    cursor = after
    while True:
        query = dict(params or {})
        if cursor is not None:
            query["after"] = cursor
        body = await client.get_json(url, params=query, as_service=as_service)
        items = adapter.validate_python(body.get("items") or [])
        next_cursor = body.get("next_cursor")
        next_cursor = None if next_cursor in (None, "") else str(next_cursor)
        yield Page(items, next_cursor)
        if not items or next_cursor is None or next_cursor == cursor:
            return
        cursor = next_cursor


async def cursor_items(client: ServiceClient, url: str, model: type[T] | Any, *,
                       params: Mapping[str, Any] | None = None, after: str | None = None,
                       as_service: bool = False) -> AsyncIterator[T]:
    """The items of every page of `cursor_pages`, one at a time."""
    async for page in cursor_pages(client, url, model, params=params, after=after, as_service=as_service):
        for item in page.items:
            yield item


class AppClients:
    """The upstream clients an app holds on its state under `names`: built together by `build(app)` — (the clients
    in the order of `names`, the resources to close) — when the app starts, or on first use by an app driven without
    its lifespan (tests), and closed when it stops. A client a test put on the state first is used instead, and is
    the test's to close."""

    def __init__(self, names: tuple[str, ...], build: Callable[[Any], tuple[Sequence[Any], Sequence[Any]]]) -> None:
        self.names = names
        self._build = build
        self._owned = f"{names[0]}_owned"

    def attach(self, app: Any) -> None:
        if all(getattr(app.state, name, None) is not None for name in self.names):
            return
        clients, resources = self._build(app)
        placed = [name for name in self.names if getattr(app.state, name, None) is None]
        for name, client in zip(self.names, clients):
            if name in placed:
                setattr(app.state, name, client)
        setattr(app.state, self._owned, (placed, resources))

    def get(self, app: Any, name: str) -> Any:
        self.attach(app)
        return getattr(app.state, name)

    async def open(self, app: Any) -> None:
        self.attach(app)

    async def close(self, app: Any) -> None:
        owned = getattr(app.state, self._owned, None)
        if owned is None:
            return
        placed, resources = owned
        for resource in resources:
            await resource.aclose()
        for name in placed:
            setattr(app.state, name, None)
        setattr(app.state, self._owned, None)
