"""Two writers on two real connections: the second one's stale If-Match gets 412, never a lost update."""

import asyncio
from datetime import date

import pytest
from sqlalchemy import delete

from cwm_kit.problems import Problem
from cwm_kit.security import Principal, Role

from registry.models import audit_log
from registry.seed import seed_regions
from registry.workers.models import Worker
from registry.workers.schemas import WorkerCreate, WorkerUpdate
from registry.workers.service import WorkerService

from .helpers import nid

OFFICER = Principal(subject="officer", role=Role.TOWNSHIP_OFFICER, jurisdiction="640105001")


async def test_second_writer_with_the_same_version_gets_412(engine):
    from cwm_kit.db import make_sessionmaker

    maker = make_sessionmaker(engine)
    async with maker() as setup, setup.begin():
        await seed_regions(setup)
        worker = await WorkerService.for_session(setup).create(OFFICER, WorkerCreate(
            name="并发", national_id=nid(date(1988, 8, 8), 901, region="640105"), community_code="640105001001",
            post="nx_staff", hired_on=date(2021, 1, 1), contract_term_years=3))
        worker_id, version = worker.id, worker.version
    try:
        first, second = maker(), maker()
        async with first, second:
            await first.begin()
            await WorkerService.for_session(first).update(OFFICER, worker_id, WorkerUpdate(phone="13900000001"),
                                                          version)
            await second.begin()
            # The second writer read the same version; it waits for the first one's row lock ...
            late = asyncio.create_task(WorkerService.for_session(second).update(
                OFFICER, worker_id, WorkerUpdate(phone="13900000002"), version))
            await asyncio.sleep(0.3)
            assert not late.done()
            await first.commit()
            # ... then finds the version moved on.
            with pytest.raises(Problem) as info:
                await late
            assert info.value.status == 412
            await second.rollback()
        async with maker() as check:
            assert (await check.get(Worker, worker_id)).phone == "13900000001"
    finally:
        async with maker() as cleanup, cleanup.begin():
            await cleanup.execute(delete(audit_log).where(audit_log.c.worker_id == str(worker_id)))
            await cleanup.execute(delete(Worker).where(Worker.id == worker_id))
