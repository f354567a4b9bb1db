"""The feed never serves a row while an earlier id may still commit (two real connections)."""

from sqlalchemy import delete, func, select

from cwm_kit import audit
from cwm_kit.db import make_sessionmaker
from cwm_kit.security import Principal, Role

from registry.changes.repository import ChangeRepository
from registry.models import audit_log

SERVICE = Principal(subject="svc", role=Role.SERVICE, jurisdiction="")


async def _write(session, n: int) -> None:
    await audit.record(session, audit_log, SERVICE, action="test.write", entity="feed_test", entity_id=n)


async def test_slow_writer_holds_back_the_feed(engine):
    maker = make_sessionmaker(engine)
    async with maker() as probe:
        start = int(await probe.scalar(select(func.coalesce(func.max(audit_log.c.id), 0))))
    try:
        async with maker() as slow, maker() as fast:
            await slow.begin()
            await _write(slow, 1)                      # takes the lower id, commits last
            async with fast.begin():
                await _write(fast, 2)                  # higher id, committed first
            async with maker() as reader, reader.begin():
                assert await ChangeRepository(reader).after(SERVICE, start, 100) == []
            await slow.commit()
        async with maker() as reader, reader.begin():
            rows = await ChangeRepository(reader).after(SERVICE, start, 100)
        mine = [r for r in rows if r["entity"] == "feed_test"]
        assert [r["entity_id"] for r in mine] == ["1", "2"]
        assert mine[0]["id"] < mine[1]["id"]
    finally:
        async with maker() as cleanup, cleanup.begin():
            await cleanup.execute(delete(audit_log).where(audit_log.c.entity == "feed_test"))
