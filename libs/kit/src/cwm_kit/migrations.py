"""Alembic plumbing shared by the services: async env.py body, programmatic upgrade, head check."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from . import ready


def alembic_config(script_location: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.set_main_option("file_template", "%%(year)d-%%(month).2d-%%(day).2d_%%(slug)s_%%(rev)s")
    return config


def upgrade_to_head(script_location: Path, database_url: str) -> None:
    command.upgrade(alembic_config(script_location, database_url), "head")


def autogenerate_options(connection: Connection, foreign_table_prefixes: tuple[str, ...] = ()) -> dict[str, Any]:
    """What autogenerate compares with the models: not a library's tables (`foreign_table_prefixes`, e.g.
    "procrastinate_") nor the kit's ready answers (`cwm_kit.ready`), not a partition (made at run time, e.g. a month
    of payslips), not a model that maps a view."""
    prefixes = (*foreign_table_prefixes, ready.TABLE_PREFIX)
    partitions: set[str] = set()

    def include_name(name: str | None, type_: str, parent_names: object) -> bool:
        if type_ != "table" or name is None:
            return True
        if not partitions:  # read when autogenerate first asks: a query before `upgrade` would begin its transaction
            partitions.update(connection.scalars(text("SELECT relname FROM pg_class WHERE relispartition")).all())
            partitions.add("\0")
        return not (name.startswith(prefixes) or name in partitions)

    def include_object(item: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (type_ == "table" and not reflected and item.info.get("is_view"))

    return {"compare_type": True, "include_name": include_name, "include_object": include_object}


def model_drift(connection: Connection, target_metadata: MetaData,
                foreign_table_prefixes: tuple[str, ...] = ()) -> list[Any]:
    """The differences autogenerate would write between a migrated database and the models: none, when the
    migrations make what the models say."""
    context = MigrationContext.configure(connection,
                                         opts=autogenerate_options(connection, foreign_table_prefixes))
    return compare_metadata(context, target_metadata)


def run_env(target_metadata: MetaData, *, foreign_table_prefixes: tuple[str, ...] = ()) -> None:
    """Body of every service's migrations/env.py (online mode, async engine).

    `foreign_table_prefixes`: tables owned by a library (e.g. "procrastinate_"), which autogenerate must
    neither create nor drop."""
    from alembic import context

    config = context.config
    url = config.get_main_option("sqlalchemy.url")

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          **autogenerate_options(connection, foreign_table_prefixes))
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    existing = context.config.attributes.get("connection")
    if existing is not None:
        do_run(existing)
    else:
        asyncio.run(run_async())


async def migration_state(engine: AsyncEngine, script_location: Path) -> tuple[str | None, str | None]:
    """(current revision in the database, head revision in the code)."""
    head = ScriptDirectory.from_config(alembic_config(script_location, "")).get_current_head()
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
        current = await connection.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())
    return current, head
