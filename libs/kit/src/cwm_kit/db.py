"""Async engine, the request-scoped session (commits or rolls back; services never commit), the read-only
session of GET endpoints that only read, and the naming convention every service's metadata uses."""

from __future__ import annotations

import asyncio
import logging
from collections import namedtuple
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData, Select, event, exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.util import memoized_property
from sqlalchemy.util.queue import AsyncAdaptedQueue

from .settings import DEFAULT_POOL_SIZE

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # Every connection the pool makes stays open, none is made beyond it (a request past them waits for one).
    # With an overflow above the pool, each request past its size opened a connection and closed it on return
    # (a server process forked, TLS negotiated, statements prepared again): 6-8 % of requests at 16 readers.
    kwargs.setdefault("pool_size", DEFAULT_POOL_SIZE)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("poolclass", FairPool)
    engine = create_async_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        event.listen(engine.sync_engine, "checkout", _replace_closed)
    return engine


class _HandOffQueue(asyncio.Queue):
    """An asyncio.Queue that serves whoever waits first. asyncio.Queue wakes the longest waiter on a put but leaves the
    item in the queue, so a get arriving before the waiter runs takes it, and the waiter goes to the back of the
    line again: under load a request could lose its turn for a connection over and over (/v1/me at 64
    connections: p50 10 ms, p99 239 ms, max 874 ms inside the registry). Here a put hands the item to the
    longest waiter at once; a getter only takes from the queue when nobody waits."""

    def put_nowait(self, item: Any) -> None:
        while self._getters:  # type: ignore[attr-defined]
            getter = self._getters.popleft()  # type: ignore[attr-defined]
            if not getter.done():
                getter.set_result(item)
                return
        super().put_nowait(item)

    async def get(self) -> Any:
        if not self.empty():
            return self.get_nowait()
        getter = asyncio.get_running_loop().create_future()
        self._getters.append(getter)  # type: ignore[attr-defined]
        try:
            return await getter
        except BaseException:
            if getter.done() and not getter.cancelled():
                self.put_nowait(getter.result())  # handed an item, then cancelled (a timeout): pass it on
            else:
                getter.cancel()
                try:
                    self._getters.remove(getter)  # type: ignore[attr-defined]
                except ValueError:
                    pass
            raise


class _FairQueue(AsyncAdaptedQueue):
    @memoized_property
    def _queue(self) -> asyncio.Queue:  # made on first use, in the running loop, as SQLAlchemy's own
        return _HandOffQueue(maxsize=self.maxsize)


class FairPool(AsyncAdaptedQueuePool):
    """SQLAlchemy's asyncio pool, its connections handed out in the order requests asked for them."""

    _queue_class = _FairQueue


# SQLAlchemy logs a pool under its class's name; as quiet as SQLAlchemy keeps its own ("Pool disposed" is INFO).
logging.getLogger(f"{FairPool.__module__}.{FairPool.__name__}").setLevel(logging.WARNING)


def _replace_closed(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """A pooled connection the server has closed (restart, idle timeout) is replaced at checkout. A local check:
    SQLAlchemy's pre-ping costs three round trips (BEGIN, an empty query, ROLLBACK) before every request's first
    statement. A connection that died unnoticed fails its request (503) and the pool is then renewed."""
    connection = getattr(dbapi_connection, "_connection", None)
    if connection is not None and connection.is_closed():
        raise exc.DisconnectionError("connection closed by the server")


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


class ReadOnlyWrite(RuntimeError):
    """A write through a read session: the endpoint is declared read-only (ReadSessionDep) and is not."""


def refuse_writes(session: Session) -> None:
    """Make `session` refuse INSERT/UPDATE/DELETE and flushes (the tests' shared session installs the same guard
    around a read endpoint, so a read endpoint that writes fails its tests)."""
    event.listen(session, "do_orm_execute", _refuse_dml)
    event.listen(session, "before_flush", _refuse_flush)


def allow_writes(session: Session) -> None:
    event.remove(session, "do_orm_execute", _refuse_dml)
    event.remove(session, "before_flush", _refuse_flush)


def _refuse_dml(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadOnlyWrite(f"write through a read-only session: {str(state.statement)[:120]}")


def _refuse_flush(session: Session, flush_context: Any, instances: Any) -> None:
    raise ReadOnlyWrite("flush through a read-only session")


class _ReadOnlySession(Session):
    pass


event.listen(_ReadOnlySession, "do_orm_execute", _refuse_dml)
event.listen(_ReadOnlySession, "before_flush", _refuse_flush)


def make_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose statements each run on their own (autocommit): a read of one statement costs one round trip,
    not BEGIN + statement + COMMIT. Same pool as the writers'; the isolation level is a flag of the connection,
    set at checkout and put back at return without a round trip."""
    return async_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False,
                              autoflush=False, sync_session_class=_ReadOnlySession)


Seeder = Callable[[AsyncSession], Awaitable[None]]


async def run_seeders(url: str, seeders: Sequence[Seeder]) -> None:
    """Loads a service's demo data (`python -m <service>.seed`): every seeder in order, in one transaction, so
    later seeders read what earlier ones wrote."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            for seeder in seeders:
                await seeder(session)
    finally:
        await engine.dispose()


async def request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: committed when the handler returns, rolled back when it raises.

    Used with `scope="function"` (see `SessionDep`): the commit runs after the handler and the response
    model are done but *before* the first byte is sent, so a 2xx is only ever sent for committed work and
    a commit that fails (deferred constraint, serialization failure, lost connection) becomes a problem
    response instead of a "saved" that was not.
    """
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with maker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def stream_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A read-only session that lives until a streamed response has been sent, then rolls back.

    Only for GET endpoints whose body is produced while it is sent (NDJSON, spreadsheets); nothing
    written through it is ever kept.
    """
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with maker() as session:
        try:
            yield session
        finally:
            await session.rollback()


async def read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for a GET endpoint that only reads (ReadSessionDep): no transaction, so no BEGIN/COMMIT round
    trips; each statement sees the data committed when it starts (a read of two statements may see a commit
    land between them: use it where that cannot mislead, e.g. approved payslips, or read in one statement).
    A write through it raises ReadOnlyWrite (a bug: the endpoint must use SessionDep)."""
    state = request.app.state
    maker = getattr(state, "read_sessionmaker", None)
    if maker is None:
        maker = state.read_sessionmaker = make_read_sessionmaker(state.engine)
    async with maker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(request_session, scope="function")]
ReadSessionDep = Annotated[AsyncSession, Depends(read_session, scope="function")]
StreamSessionDep = Annotated[AsyncSession, Depends(stream_session, scope="request")]


def announce_statement(connection: Any, sql: str, arguments: Sequence[Any]) -> None:
    """Tell `before_cursor_execute` listeners (tests counting a read's statements) of `sql`, run straight on the
    driver past SQLAlchemy's execution (CompiledSelect, cwm_kit.ready)."""
    sync = connection.sync_connection
    if sync.dispatch.before_cursor_execute:
        sync.dispatch.before_cursor_execute(sync, None, sql, arguments, None, False)


class CompiledSelect:
    """A Core SELECT for a hot read, compiled once per dialect and run straight on the session's asyncpg
    connection (its prepared-statement cache, inside the session's transaction when it has one).

    SQLAlchemy's execution of an already cached statement still costs ~0.4 ms of Python per request (execution
    context, parameter processing, ORM result set-up) against ~0.1 ms for asyncpg alone. The SQL, its parameters
    and the columns' result processors are what SQLAlchemy would use: the statement's values (and any
    `literal_execute` values) are fixed when it is compiled; the names given to `fetch` are bound per call and
    must be plain parameters (not expanding lists). Rows come back as named tuples of the labelled columns.
    `before_cursor_execute` listeners (tests counting statements) are told of each statement."""

    def __init__(self, statement: Select[Any]):
        if not isinstance(statement, Select):
            raise TypeError("CompiledSelect runs SELECT statements only")
        self.statement = statement
        self._plans: dict[tuple[str, frozenset[str]], _Plan] = {}

    async def fetch(self, session: AsyncSession, **params: Any) -> list[Any]:
        connection = await session.connection()
        raw = await connection.get_raw_connection()
        adapted = raw.dbapi_connection
        # What SQLAlchemy's asyncpg adapter does before a statement: BEGIN lazily unless the connection autocommits.
        if adapted.isolation_level != "autocommit" and adapted._transaction is None:
            await adapted._start_transaction()
        dialect = connection.dialect
        key = (dialect.name, frozenset(params))
        plan = self._plans.get(key) or self._plans.setdefault(key, _Plan(self.statement, dialect, params))
        arguments = plan.arguments(params)
        announce_statement(connection, plan.sql, arguments)
        driver = raw.driver_connection
        if plan.processors is None:  # once per plan: what types the server answers the columns in
            plan.set_result_types(dialect, (await driver.prepare(plan.sql)).get_attributes())
        records = await driver.fetch(plan.sql, *arguments)  # asyncpg's statement cache: prepared once per connection
        return [plan.row(record) for record in records]

    async def first(self, session: AsyncSession, **params: Any) -> Any | None:
        rows = await self.fetch(session, **params)
        return rows[0] if rows else None


class _Plan:
    def __init__(self, statement: Select[Any], dialect: Any, params: dict[str, Any]):
        compiled = statement.compile(dialect=dialect)
        for name in params:
            bind = compiled.binds.get(name)
            if bind is None or bind.expanding:
                raise ValueError(f"{name!r} is not a plain bound parameter of the statement")
        state = compiled.construct_expanded_state(params)
        self.sql: str = state.statement
        processors = state.processors
        # Per position: the value given per call (by name), else the statement's own; then its bind processor.
        self._slots = [(name, state.parameters[name], processors.get(name)) for name in state.positiontup or ()]
        self._columns = compiled._result_columns
        self._row = namedtuple("Row", [column.keyname for column in self._columns])  # type: ignore[misc]
        self.processors: list[Any] | None = None  # per column, once the server has said the columns' types
        self._plain = False

    def set_result_types(self, dialect: Any, attributes: Any) -> None:
        self.processors = [column.type._cached_result_processor(dialect, attribute.type.oid)
                           for column, attribute in zip(self._columns, attributes, strict=True)]
        self._plain = not any(self.processors)

    def arguments(self, params: dict[str, Any]) -> list[Any]:
        out = []
        for name, fixed, processor in self._slots:
            value = params.get(name, fixed)
            out.append(processor(value) if processor is not None and value is not None else value)
        return out

    def row(self, record: Any) -> Any:
        if self._plain:
            return self._row._make(record)
        return self._row._make(value if processor is None or value is None else processor(value)
                               for value, processor in zip(record, self.processors or (), strict=True))
