import asyncio
import uuid
from datetime import date

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import testing
from cwm_kit.db import make_engine
from cwm_kit.migrations import alembic_config
from cwm_kit.testing import assert_migrations_make_the_models

from registry.main import MIGRATIONS_DIR
from registry.seed import seed_regions

from .quota.factories import make_worker

CERTIFICATE_ONCE = "e4821b50c324"


async def test_the_migrated_database_matches_the_models(engine):
    await assert_migrations_make_the_models(engine, "registry")


async def database_before(revision: str, label: str):
    """A fresh database migrated up to just before `revision`: (its name, alembic config, engine, the revision
    before)."""
    before = ScriptDirectory.from_config(alembic_config(MIGRATIONS_DIR, "")).get_revision(revision)
    name = testing.unique_db_name("registry", label)
    url = await testing.recreate_database(name)
    config = alembic_config(MIGRATIONS_DIR, url)
    await asyncio.to_thread(command.upgrade, config, before.down_revision)
    return name, config, make_engine(url, pool_size=1), before


async def test_duplicate_certificates_are_removed_keeping_the_first_recorded_each_audited():
    """The unique constraint on (worker, level, approved_on) comes after removing existing duplicates: of each
    group the one recorded first by the audit trail is kept (one recorded with the worker, without an entry of
    its own, first; then by id), every removed row gets a worker.certificates.delete entry with the row, and the
    worker's version moves on."""
    name, config, engine, before = await database_before(CERTIFICATE_ONCE, "certificates")
    ids = {key: uuid.UUID(f"00000000-0000-4000-8000-00000000000{n}") for n, key in enumerate(
        ["with_worker", "added_first", "added_later", "b_added_later", "b_added_first", "unique"], start=1)}
    try:
        async with AsyncSession(engine) as session:
            await seed_regions(session)
            worker_id = (await make_worker(session, "640104001001", name="证书重复")).id
            await session.commit()
        async with engine.begin() as connection:
            rows = [("with_worker", "social_worker", "2023-06-10"), ("added_first", "social_worker", "2023-06-10"),
                    ("added_later", "social_worker", "2023-06-10"),
                    ("b_added_later", "assistant_social_worker", "2021-01-05"),
                    ("b_added_first", "assistant_social_worker", "2021-01-05"),
                    ("unique", "senior_social_worker", "2025-08-01")]
            for key, level, day in rows:
                await connection.execute(text(
                    "INSERT INTO worker_certificate (id, worker_id, level, approved_on) "
                    "VALUES (:id, :worker, :level, :day)"),
                    {"id": ids[key], "worker": worker_id, "level": level, "day": date.fromisoformat(day)})
            for key in ("added_first", "b_added_first", "added_later", "b_added_later"):  # in this order
                await connection.execute(text(
                    "INSERT INTO audit_log (actor, actor_role, action, entity, entity_id, after, worker_id) "
                    "VALUES ('t', 'township_officer', 'worker.certificate.add', 'worker', :worker, "
                    "jsonb_build_object('id', CAST(:id AS text)), :worker)"),
                    {"worker": str(worker_id), "id": str(ids[key])})
            version = (await connection.execute(text("SELECT version FROM worker WHERE id = :id"),
                                                {"id": worker_id})).scalar_one()

        await asyncio.to_thread(command.upgrade, config, CERTIFICATE_ONCE)
        async with engine.begin() as connection:
            kept = set((await connection.execute(text("SELECT id FROM worker_certificate"))).scalars())
            assert kept == {ids["with_worker"], ids["b_added_first"], ids["unique"]}
            entries = (await connection.execute(text(
                "SELECT actor, entity_id, worker_id, region_code, before, reason FROM audit_log "
                "WHERE action = 'worker.certificates.delete' ORDER BY before->>'id'"))).all()
            assert [(e.actor, e.entity_id, e.worker_id, e.region_code) for e in entries] == [
                ("migration", str(worker_id), str(worker_id), "640104001001")] * 3
            assert [e.before for e in entries] == [
                {"id": str(ids["added_first"]), "worker_id": str(worker_id), "level": "social_worker",
                 "approved_on": "2023-06-10"},
                {"id": str(ids["added_later"]), "worker_id": str(worker_id), "level": "social_worker",
                 "approved_on": "2023-06-10"},
                {"id": str(ids["b_added_later"]), "worker_id": str(worker_id), "level": "assistant_social_worker",
                 "approved_on": "2021-01-05"}]
            assert [str(ids[k]) in e.reason for k, e in zip(["with_worker", "with_worker", "b_added_first"],
                                                            entries)] == [True] * 3
            assert (await connection.execute(text("SELECT version FROM worker WHERE id = :id"),
                                             {"id": worker_id})).scalar_one() == version + 1
        with pytest.raises(IntegrityError):
            async with engine.begin() as connection:
                await connection.execute(text(
                    "INSERT INTO worker_certificate (id, worker_id, level, approved_on) "
                    "VALUES (gen_random_uuid(), :worker, 'senior_social_worker', DATE '2025-08-01')"),
                    {"worker": worker_id})

        await asyncio.to_thread(command.downgrade, config, before.down_revision)
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO worker_certificate (id, worker_id, level, approved_on) "
                "VALUES (gen_random_uuid(), :worker, 'senior_social_worker', DATE '2025-08-01')"), {"worker": worker_id})
    finally:
        await engine.dispose()
        await testing.drop_database(name)


EDUCATION_BY_DATES = "c7a3e5d9b2f4"


async def test_stored_in_service_flags_are_corrected_from_the_dates_each_audited():
    """A degree obtained after the current service began, stored with in_service false (before the registry derived
    it), is marked in-service with a worker.education.update entry (before/after) and the worker's version moves
    on; a degree at hiring stays false, and true for an earlier degree (an earlier service) is kept."""
    name, config, engine, _ = await database_before(EDUCATION_BY_DATES, "education")
    ids = {key: uuid.UUID(f"00000000-0000-4000-8000-00000000001{n}") for n, key in enumerate(
        ["at_hiring", "later_false", "later_true", "earlier_true"], start=1)}
    try:
        async with AsyncSession(engine) as session:
            await seed_regions(session)
            worker_id = (await make_worker(session, "640104001001", name="在职学历", hired_on=date(2018, 3, 1))).id
            await session.commit()
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM worker_education WHERE worker_id = :worker"),
                                     {"worker": worker_id})
            rows = [("at_hiring", "dazhuan", "2015-07-01", False), ("later_false", "benke", "2021-01-15", False),
                    ("later_true", "master", "2024-07-01", True), ("earlier_true", "benke", "2012-07-01", True)]
            for key, level, day, flag in rows:
                await connection.execute(text(
                    "INSERT INTO worker_education (id, worker_id, level, graduated_on, in_service) "
                    "VALUES (:id, :worker, :level, :day, :flag)"),
                    {"id": ids[key], "worker": worker_id, "level": level, "day": date.fromisoformat(day), "flag": flag})
            version = (await connection.execute(text("SELECT version FROM worker WHERE id = :id"),
                                                {"id": worker_id})).scalar_one()

        await asyncio.to_thread(command.upgrade, config, EDUCATION_BY_DATES)
        async with engine.begin() as connection:
            flags = dict((await connection.execute(text(
                "SELECT id, in_service FROM worker_education WHERE worker_id = :worker"), {"worker": worker_id})).all())
            assert flags == {ids["at_hiring"]: False, ids["later_false"]: True, ids["later_true"]: True,
                             ids["earlier_true"]: True}
            entries = (await connection.execute(text(
                "SELECT actor, worker_id, region_code, before, after, reason FROM audit_log "
                "WHERE action = 'worker.education.update'"))).all()
            assert [(e.actor, e.worker_id, e.region_code) for e in entries] == [
                ("migration", str(worker_id), "640104001001")]
            assert (entries[0].before["id"], entries[0].before["in_service"], entries[0].after["in_service"]) == (
                str(ids["later_false"]), False, True)
            assert "2021-01-15" in entries[0].reason and "2018-03-01" in entries[0].reason
            assert (await connection.execute(text("SELECT version FROM worker WHERE id = :id"),
                                             {"id": worker_id})).scalar_one() == version + 1
    finally:
        await engine.dispose()
        await testing.drop_database(name)
