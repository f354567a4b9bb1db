"""`make backup` / `make restore FILE=…` (devctl backup / restore): a backup of seeded databases, restored into
a fresh PostgreSQL, gives back every row of every table of the three services; a second restore replaces
(not merges); a restore refuses while something is connected to the databases."""

from __future__ import annotations

import asyncio
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import asyncpg
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import devctl

DEVCTL = ROOT / "scripts" / "devctl.py"
RUN_ID = uuid.UUID("00000000-0000-4000-8000-00000000b4c1")


def query(admin: str, database: str, sql: str, *args: object) -> list[asyncpg.Record]:
    async def _run() -> list[asyncpg.Record]:
        connection = await asyncpg.connect(devctl.libpq_url(admin, database))
        try:
            return await connection.fetch(sql, *args)
        finally:
            await connection.close()

    return asyncio.run(_run())


RUN_SQL = ("INSERT INTO payroll_run (id, region_code, month, kind, state, job_status, worker_count, gross_total,"
           " net_total, created_by) VALUES ($1, '640104', '2025-01', 'monthly', 'calculated', 'succeeded', $2,"
           " $3, $3, 'backup-test')")
# Payslips are stored compactly (ADR 0007): the lines' texts and their set once, then one row per payslip.
PARTITION_SQL = "SELECT payslip_partition('2025-01')"
LINE_TEXT_SQL = ("INSERT INTO payslip_line_text (id, code, label_zh, label_en, kind)"
                 " VALUES (md5($1)::uuid, $1, $1, $1, 'earning')")
LINE_SET_SQL = ("INSERT INTO payslip_line_set (id, texts, amounts) VALUES ($1, ARRAY[md5('base')::uuid,"
                " md5('post')::uuid], ARRAY[$2::numeric, 1000])")
PAYSLIP_SQL = ("INSERT INTO payslip_compact (run_id, worker_id, month, kind, worker_name, community_code,"
               " township_code, county_code, post, gross, social_insurance, housing_fund, basic_deduction, tax, net,"
               " employer_cost, funding, inputs_own, inputs_parts, line_set) VALUES ($1, $2, '2025-01', 'monthly',"
               " $3, $4, $5, $6, $7, $8, 0, 0, 5000, 0, $8, $8, $9::jsonb, $10::jsonb, '{}', $11)")


def add_payslips(admin: str, prefix: str) -> int:
    """The seed has no payroll run (runs are calculated by the worker of a running stack): one calculated run
    with a payslip and two lines for each of five demo workers."""
    workers = query(admin, f"{prefix}_registry",
                    "SELECT id::text AS id, name, community_code, post FROM worker ORDER BY national_id LIMIT 5")
    assert workers, "the registry seed has no workers"
    statements: list[tuple] = [(RUN_SQL, RUN_ID, len(workers), 5000 * len(workers)), (PARTITION_SQL,),
                               (LINE_TEXT_SQL, "base"), (LINE_TEXT_SQL, "post")]
    for index, worker in enumerate(workers):
        community = worker["community_code"]
        line_set = uuid.uuid4()
        statements.append((LINE_SET_SQL, line_set, 3000 + index))  # lines: base 3000 + index, post 1000
        statements.append((PAYSLIP_SQL, RUN_ID, worker["id"], worker["name"], community, community[:9],
                           community[:6], worker["post"], 4000 + index, json.dumps({"county": str(4000 + index)}),
                           json.dumps({"test": "backup"}), line_set))

    async def _insert() -> None:
        connection = await asyncpg.connect(devctl.libpq_url(admin, f"{prefix}_payroll"))
        try:
            async with connection.transaction():
                for sql, *args in statements:
                    await connection.execute(sql, *args)
        finally:
            await connection.close()

    asyncio.run(_insert())
    return len(workers)


def snapshot(admin: str, prefix: str) -> dict:
    """Row counts of every table of the three databases, and a few keys."""
    state: dict = {}
    for service in devctl.SERVICES:
        database = f"{prefix}_{service}"
        tables = query(admin, database, "SELECT table_schema, table_name FROM information_schema.tables WHERE "
                       "table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")
        for table in tables:
            name = f'"{table["table_schema"]}"."{table["table_name"]}"'
            state[f"{service}:{name}"] = query(admin, database, f"SELECT count(*) AS n FROM {name}")[0]["n"]
        state[f"{service}:alembic"] = [r["version_num"] for r in query(admin, database,
                                                                        "SELECT version_num FROM alembic_version")]
    state["workers"] = [r["id"] for r in query(admin, f"{prefix}_registry", "SELECT id::text FROM worker ORDER BY 1")]
    state["accounts"] = [r["username"] for r in query(admin, f"{prefix}_registry",
                                                      "SELECT username FROM account ORDER BY 1")]
    state["payslips"] = [tuple(r) for r in query(admin, f"{prefix}_payroll", "SELECT run_id::text, worker_id,"
                                                 " net::text FROM payslip ORDER BY 1, 2")]
    state["payslip_lines"] = [tuple(r) for r in query(admin, f"{prefix}_payroll", "SELECT worker_id, position,"
                                                      " code, amount::text FROM payslip_line ORDER BY 1, 2")]
    state["assessments"] = [tuple(r) for r in query(admin, f"{prefix}_assessment", "SELECT id::text, worker_id::text,"
                                                    " year, status, result FROM assessment ORDER BY 1")]
    return state


def source_server(scratch: Path) -> tuple[str, Path | None]:
    """The test server (CWM_TEST_PG, as `make test` starts it) when it runs the wheel's PostgreSQL version (the
    version of the pg_dump / pg_restore devctl uses), else an embedded one of our own: (admin URL, its data dir
    when we started it)."""
    admin = os.environ.get("CWM_TEST_PG") or os.environ.get("DATABASE_URL")
    if not admin:
        pytest.fail("CWM_TEST_PG is not set: run through `make test`")
    admin = admin.replace("postgresql+asyncpg://", "postgresql://")

    async def _version() -> int:
        connection = await asyncpg.connect(admin)
        try:
            return int(await connection.fetchval("SHOW server_version_num")) // 10000
        finally:
            await connection.close()

    tools = subprocess.run([devctl.pg_tool("pg_dump"), "--version"], capture_output=True, text=True, check=True)
    if str(asyncio.run(_version())) == tools.stdout.split()[-1].split(".")[0]:
        return admin, None
    data_dir = scratch / "source-pg"
    return devctl.start_embedded_postgres(data_dir, free_port(), fast=True), data_dir


def free_port() -> int:
    return next(p for p in (random.randrange(40000, 48000) for _ in range(100)) if not devctl._port_open(p))


def devctl_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(DEVCTL), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.e2e
def test_backup_restores_every_row_into_a_fresh_server(scratch: Path) -> None:
    admin, source_dir = source_server(scratch)
    prefix = f"cwm_bk{random.randrange(10**6)}"
    config = devctl.StackConfig(admin_url=admin, db_prefix=prefix, data_dir=scratch / "stack")
    names = [config.db_name(s) for s in devctl.SERVICES]
    fresh_dir = scratch / "fresh-pg"
    try:
        devctl.migrate(config)
        devctl.seed(config)
        payslips = add_payslips(admin, prefix)
        before = snapshot(admin, prefix)
        assert len(before["payslips"]) == payslips and before["workers"] and before["assessments"]
        assert len(before["payslip_lines"]) == 2 * payslips

        backup = scratch / "backups" / "cwm-test.tar"
        done = devctl_cli("backup", "--admin-url", admin, "--db-prefix", prefix, "--out", str(backup))
        assert done.returncode == 0, done.stdout + done.stderr
        with tarfile.open(backup) as archive:
            assert sorted(archive.getnames()) == ["assessment.dump", "manifest.json", "payroll.dump",
                                                  "registry.dump"]
            manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        assert {entry["name"] for entry in manifest["databases"].values()} == set(names)
        assert list(backup.parent.iterdir()) == [backup]  # no temporary files left beside it

        fresh = devctl.start_embedded_postgres(fresh_dir, free_port(), fast=True)
        done = devctl_cli("restore", str(backup), "--admin-url", fresh, "--db-prefix", prefix)
        assert done.returncode == 0, done.stdout + done.stderr
        assert snapshot(fresh, prefix) == before

        # A restore replaces: what changed since is gone, what was deleted is back.
        query(fresh, f"{prefix}_payroll", "DELETE FROM payroll_run")
        query(fresh, f"{prefix}_registry", "UPDATE account SET display_name = 'changed'")
        done = devctl_cli("restore", str(backup), "--admin-url", fresh, "--db-prefix", prefix)
        assert done.returncode == 0, done.stdout + done.stderr
        assert snapshot(fresh, prefix) == before
        assert not query(fresh, f"{prefix}_registry", "SELECT 1 FROM account WHERE display_name = 'changed'")
        leftovers = query(fresh, "postgres", "SELECT datname FROM pg_database WHERE datname LIKE '%restoring'")
        assert not leftovers

        # A damaged file changes nothing: the registry restores into its staging copy, the payroll dump fails.
        damaged = scratch / "backups" / "damaged.tar"
        with tarfile.open(backup) as source, tarfile.open(damaged, "w") as target:
            for member in source.getmembers():
                data = source.extractfile(member).read()  # type: ignore[union-attr]
                if member.name == "payroll.dump":
                    data = data[: len(data) // 2]
                member.size = len(data)
                target.addfile(member, io.BytesIO(data))
        done = devctl_cli("restore", str(damaged), "--admin-url", fresh, "--db-prefix", prefix)
        assert done.returncode != 0 and "as they were" in done.stderr, done.stdout + done.stderr
        assert snapshot(fresh, prefix) == before
        assert not query(fresh, "postgres", "SELECT datname FROM pg_database WHERE datname LIKE '%restoring'")

        # While something is connected (the stack running), it refuses and changes nothing.
        async def _restore_while_connected() -> subprocess.CompletedProcess:
            connection = await asyncpg.connect(devctl.libpq_url(fresh, f"{prefix}_payroll"))
            try:
                return await asyncio.to_thread(devctl_cli, "restore", str(backup), "--admin-url", fresh,
                                               "--db-prefix", prefix)
            finally:
                await connection.close()

        done = asyncio.run(_restore_while_connected())
        assert done.returncode != 0
        assert "refusing to restore" in done.stderr and f"{prefix}_payroll" in done.stderr, done.stderr
        assert snapshot(fresh, prefix) == before
    finally:
        devctl.stop_embedded_postgres(fresh_dir)
        if source_dir is None:
            devctl._drop_databases(admin, names)
        else:
            devctl.stop_embedded_postgres(source_dir)
