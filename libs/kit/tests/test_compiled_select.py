"""CompiledSelect (a hot read straight on asyncpg) answers what SQLAlchemy's execution of the same statement
answers, with the same Python types, inside the session's transaction when it has one and without one in a read
session; test observers see its statement. Against a real database."""

from __future__ import annotations

import enum
import uuid
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

import pytest
from cwm_kit import testing
from cwm_kit.db import CompiledSelect, make_engine, make_read_sessionmaker, make_sessionmaker
from sqlalchemy import (
    JSON,
    Column,
    Date,
    Enum,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Uuid,
    bindparam,
    func,
    insert,
    literal,
    select,
    text,
)


class Colour(enum.Enum):
    red = "red"
    blue = "blue"


metadata = MetaData()
thing = Table("thing", metadata, Column("id", Uuid, primary_key=True), Column("name", String),
              Column("amount", Numeric(12, 2)), Column("ratio", Numeric(6, 3, asdecimal=False)),
              Column("made_on", Date), Column("colour", Enum(Colour, native_enum=False)),
              Column("extra", JSON), Column("rank", Integer))
DDL = """CREATE TABLE thing (id uuid PRIMARY KEY, name text, amount numeric(12, 2), ratio numeric(6, 3),
         made_on date, colour varchar(4), extra json, rank integer)"""
ROWS = [
    {"id": uuid.UUID(int=1), "name": "一", "amount": Decimal("12.30"), "ratio": 0.125, "made_on": date(2025, 1, 31),
     "colour": Colour.red, "extra": {"a": [1, "二"]}, "rank": 1},
    {"id": uuid.UUID(int=2), "name": "two", "amount": None, "ratio": None, "made_on": None, "colour": None,
     "extra": None, "rank": 2},
    {"id": uuid.UUID(int=3), "name": "three", "amount": Decimal("-0.01"), "ratio": 2.5, "made_on": date(2024, 2, 29),
     "colour": Colour.blue, "extra": [], "rank": 3},
]
WANTED = bindparam("wanted", type_=Integer)
# Per call: the rank bound; fixed when built: an IN list rendered into the SQL (literal_execute), a labelled value.
STATEMENT = (select(thing, (thing.c.amount * 2).label("doubled"), literal("固定").label("fixed"),
                    func.coalesce(thing.c.name, "?").label("named"))
             .where(thing.c.rank <= WANTED, thing.c.name.in_(["一", "two", "three", "none"]))
             .order_by(thing.c.rank))


@pytest.fixture(scope="module")
async def database() -> AsyncIterator[str]:
    async with testing.scratch_database("kit_compiled", DDL) as url:
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as session, session.begin():
            await session.execute(insert(thing), ROWS)
        await engine.dispose()
        yield url


@pytest.fixture
async def engine(database: str):
    engine = make_engine(database)
    yield engine
    await engine.dispose()


async def test_rows_and_types_are_what_sqlalchemy_answers(engine):
    query = CompiledSelect(STATEMENT)
    async with make_read_sessionmaker(engine)() as session:
        for wanted in (0, 1, 3):
            expected = (await session.execute(STATEMENT, {"wanted": wanted})).all()
            got = await query.fetch(session, wanted=wanted)
            assert [tuple(row) for row in got] == [tuple(row) for row in expected]
            assert [[type(value) for value in row] for row in got] == [[type(v) for v in row] for row in expected]
        first = await query.first(session, wanted=3)
    assert first.colour is Colour.red and first.amount == Decimal("12.30") and first.ratio == 0.125
    assert first.doubled == Decimal("24.60") and first.fixed == "固定" and first.extra == {"a": [1, "二"]}
    assert isinstance(first.id, uuid.UUID) and first.made_on == date(2025, 1, 31)


async def test_in_a_write_session_it_reads_inside_the_transaction(engine):
    query = CompiledSelect(select(thing.c.name).where(thing.c.rank == WANTED))
    async with make_sessionmaker(engine)() as session:
        # First statement of the session: the transaction begins before it, as SQLAlchemy would begin it.
        assert await query.first(session, wanted=9) is None
        raw = await (await session.connection()).get_raw_connection()
        assert raw.driver_connection.is_in_transaction()
        await session.execute(insert(thing).values(id=uuid.uuid4(), name="uncommitted", rank=9))
        assert (await query.first(session, wanted=9)).name == "uncommitted"
        await session.rollback()
        assert await query.first(session, wanted=9) is None


async def test_a_read_session_runs_it_without_a_transaction_and_observers_see_it(engine):
    query = CompiledSelect(select(thing.c.name).where(thing.c.rank == WANTED))
    async with make_read_sessionmaker(engine)() as session:
        await session.execute(text("SELECT 1"))
        with testing.statements(engine) as seen:
            assert (await query.first(session, wanted=2)).name == "two"
        raw = await (await session.connection()).get_raw_connection()
        assert not raw.driver_connection.is_in_transaction()
    assert len(seen) == 1 and "thing.rank = $1" in seen[0]


def test_it_refuses_what_it_cannot_bind_once():
    with pytest.raises(TypeError):
        CompiledSelect(insert(thing))  # type: ignore[arg-type]


async def test_a_per_call_list_is_refused(engine):
    listed = CompiledSelect(select(thing.c.name).where(thing.c.rank.in_(bindparam("ranks", expanding=True))))
    async with make_read_sessionmaker(engine)() as session:
        with pytest.raises(ValueError, match="ranks"):
            await listed.fetch(session, ranks=[1, 2])
