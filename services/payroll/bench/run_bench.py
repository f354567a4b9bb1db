"""Payroll run benchmark (`make bench`): a synthetic province through the whole run — facts fetched over
REST (NDJSON streamed by a stand-in registry process), computed, persisted in bulk — next to a bare
PostgreSQL COPY of the same rows measured in the same session, with the peak memory (RSS) and the bytes each
stored payslip takes (ADR 0007).

    uv run python scripts/bench.py                    # 100,000 workers (one province)
    uv run python scripts/bench.py --workers 10000    # quick
    uv run python scripts/bench.py --workers 10000,50000   # memory should stay flat
    uv run python scripts/bench.py --scale national   # 1,800,000 workers
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import psutil

from cwm_kit import testing
from cwm_kit.db import make_engine

from payroll.config import PayrollSettings
from payroll.inputs.clients import RestInputSource
from payroll.main import MIGRATIONS_DIR
from payroll.policy.presets import load
from payroll.runs.execution import execute_run, libpq_url

ROOT = Path(__file__).resolve().parents[3]
STANDIN = Path(__file__).with_name("standin.py")
MONTH = "2025-03"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PeakRss:
    """Samples this process's RSS while a block runs."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.process = psutil.Process()
        self.peak = 0
        self.baseline = 0
        self._task: asyncio.Task | None = None

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.process.memory_info().rss)
            await asyncio.sleep(self.interval)

    async def __aenter__(self) -> PeakRss:  # noqa: PYI034
        self.baseline = self.peak = self.process.memory_info().rss
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        self.peak = max(self.peak, self.process.memory_info().rss)


async def prepare_database(url: str) -> None:
    connection = await asyncpg.connect(libpq_url(url))
    try:
        await connection.execute(
            "INSERT INTO pay_scheme_version (region_prefix, effective_from, name, status, document, created_by, "
            "published_by, published_at) VALUES ('64', '2025-01-01', 'NX (bench)', 'published', $1::jsonb, "
            "'bench', 'bench', now())", json.dumps(load("nx-2025.json")))
        for kind, year, value in [("avg_wage_monthly", 2024, "8000"), ("si_base_floor", 2025, "4000"),
                                  ("si_base_ceiling", 2025, "20000")]:
            await connection.execute(
                "INSERT INTO reference_figure (region_code, region_name, year, kind, value, status, published_on, "
                "source, created_by) VALUES ('64', '宁夏', $1, $2, $3::numeric, 'official', '2025-01-05', 'bench', "
                "'bench')", year, kind, value)
    finally:
        await connection.close()


def start_standin(workers: int, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(STANDIN), "--workers", str(workers), "--port", str(port)],
                               start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("stand-in registry did not start")


async def copy_baseline(url: str, run_id: uuid.UUID) -> tuple[float, int]:
    """COPY the very payslip rows the run wrote into a twin table (same columns, keys and indexes, one plain
    table): the rate the database alone sustains for this data."""
    connection = await asyncpg.connect(libpq_url(url))
    with tempfile.TemporaryDirectory() as tmp:
        slips = Path(tmp) / "payslip.bin"
        try:
            await connection.copy_from_query("SELECT * FROM payslip_compact WHERE run_id = $1", run_id,
                                             output=str(slips), format="binary")
            await connection.execute("CREATE TABLE bench_payslip (LIKE payslip_compact INCLUDING ALL)")
            started = time.perf_counter()
            async with connection.transaction():
                slip_status = await connection.copy_to_table("bench_payslip", source=str(slips), format="binary")
            elapsed = time.perf_counter() - started
            await connection.execute("DROP TABLE bench_payslip")
        finally:
            await connection.close()
    return elapsed, int(slip_status.split()[-1])


STORAGE_SQL = """
SELECT (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits
        WHERE inhparent = 'payslip_compact'::regclass) AS payslips,
       pg_total_relation_size('payslip_line_text') + pg_total_relation_size('payslip_line_set')
           + pg_total_relation_size('payslip_input_part') AS shared,
       (SELECT avg(pg_column_size(p.*)) FROM payslip_compact p) AS row_bytes,
       (SELECT count(*) FROM payslip_compact) AS n,
       (SELECT count(*) FROM payslip_line_text) AS texts, (SELECT count(*) FROM payslip_line_set) AS sets,
       (SELECT count(*) FROM payslip_input_part) AS parts
"""


async def storage_figures(url: str) -> dict:
    """Bytes per stored payslip: the month partitions (rows, TOAST, indexes) and the shared texts, sets and parts
    (with their indexes), over the payslips; and the average payslip row alone (`pg_column_size`)."""
    connection = await asyncpg.connect(libpq_url(url))
    try:
        await connection.execute("VACUUM ANALYZE")  # the free space map and visibility map count too
        row = await connection.fetchrow(STORAGE_SQL)
    finally:
        await connection.close()
    n = max(row["n"], 1)
    return {"bytes_per_payslip": (row["payslips"] + row["shared"]) / n, "row_bytes": float(row["row_bytes"] or 0),
            "shared_bytes": row["shared"], "texts": row["texts"], "sets": row["sets"], "parts": row["parts"]}


async def bench_once(admin: str, workers: int, batch: int, processes: int) -> dict:
    name = f"bench_payroll_{uuid.uuid4().hex[:8]}"
    url = await testing.recreate_database(name)
    port = free_port()
    standin = None
    try:
        await asyncio.to_thread(__import__("cwm_kit.migrations", fromlist=["x"]).upgrade_to_head, MIGRATIONS_DIR,
                                url)
        await prepare_database(url)
        standin = start_standin(workers, port)
        engine = make_engine(url, pool_size=2, max_overflow=0)
        connection = await asyncpg.connect(libpq_url(url))
        run_id = await connection.fetchval(
            "INSERT INTO payroll_run (id, region_code, month, kind, created_by) VALUES ($1, '64', $2, 'monthly', "
            "'bench') RETURNING id", uuid.uuid4(), MONTH)
        settings = PayrollSettings(database_url=url, registry_url=f"http://127.0.0.1:{port}",
                                   assessment_url=f"http://127.0.0.1:{port}")
        source = RestInputSource.from_settings(settings)
        timings: dict[str, float] = {}
        async with PeakRss() as memory:
            started, cpu_started = time.perf_counter(), psutil.Process().cpu_times()
            outcome = await execute_run(engine, run_id, source, batch_size=batch, timings=timings,
                                        processes=processes)
            run_seconds = time.perf_counter() - started
            cpu_ended = psutil.Process().cpu_times()
        # CPU the run's process used (its threads; compute processes' not counted): steadier than the wall
        # clock on a loaded machine.
        cpu_seconds = (cpu_ended.user - cpu_started.user) + (cpu_ended.system - cpu_started.system)
        await source.aclose()
        await engine.dispose()
        row = await connection.fetchrow("SELECT job_status, error, worker_count FROM payroll_run WHERE id = $1",
                                        run_id)
        await connection.close()
        if outcome != "succeeded":
            raise RuntimeError(f"run {outcome}: {row['error']}")
        storage = await storage_figures(url)
        copy_seconds, copied_slips = await copy_baseline(url, run_id)
        return {**storage, "workers": workers, "payslips": row["worker_count"], "lines": int(timings.get("lines", 0)),
                "run_s": run_seconds, "cpu_s": cpu_seconds, "compute_s": timings.get("compute", 0.0), "copy_in_run_s": timings.get("copy", 0.0),
                "fetch_s": timings.get("fetch", 0.0), "compute_wait_s": timings.get("compute_wait", 0.0), "queries_s": timings.get("queries", 0.0),
                "copy_s": copy_seconds, "rss_base": memory.baseline, "rss_peak": memory.peak,
                "copied": copied_slips}
    finally:
        if standin is not None:
            standin.terminate()
            standin.wait(10)
        await testing.drop_database(name)


def print_table(results: list[dict], cpus: int, processes: int) -> None:
    mb = 1024 * 1024
    print()
    print(f"payroll run benchmark — month {MONTH}, NX scheme, {cpus} CPU(s), {processes} compute process(es), "
          "facts over REST (NDJSON)")
    header = (f"{'workers':>9} {'payslips':>9} {'lines':>10} {'run s':>8} {'run slips/s':>12} "
              f"{'COPY s':>8} {'COPY slips/s':>13} {'ratio':>6} {'compute s':>10} {'peak RSS MB':>12} "
              f"{'Δ RSS MB':>9} {'B/payslip':>10}")
    print(header)
    print("-" * len(header))
    for r in results:
        run_rate = r["payslips"] / r["run_s"]
        copy_rate = r["copied"] / r["copy_s"]
        print(f"{r['workers']:>9,} {r['payslips']:>9,} {r['lines']:>10,} {r['run_s']:>8.1f} {run_rate:>12,.0f} "
              f"{r['copy_s']:>8.2f} {copy_rate:>13,.0f} {run_rate / copy_rate:>6.2f} {r['compute_s']:>10.1f} "
              f"{r['rss_peak'] / mb:>12.0f} {(r['rss_peak'] - r['rss_base']) / mb:>9.0f} "
              f"{r['bytes_per_payslip']:>10,.0f}")
    print()
    for r in results:
        print(f"{r['workers']:,} workers, the run's process used {r['cpu_s']:.1f} s of CPU: "
              f"{r['payslips'] / max(r['cpu_s'], 1e-9):,.0f} payslips per CPU second "
              f"({1000 * r['cpu_s'] / max(r['payslips'], 1):.2f} ms each; PostgreSQL's CPU not counted)")
        print(f"{r['workers']:,} workers, where the run's time went: compute {r['compute_s']:.1f} s (of which "
              f"not overlapped with COPY {r['compute_wait_s']:.1f} s), COPY {r['copy_in_run_s']:.1f} s, "
              f"fetch+parse (waiting on the stream) {r['fetch_s']:.1f} s, per-batch queries {r['queries_s']:.1f} s")
    print()
    for r in results:
        print(f"{r['workers']:,} workers, storage: {r['bytes_per_payslip']:,.0f} bytes per stored payslip (month "
              f"partitions with TOAST and indexes, plus the shared line texts, line sets and input parts: "
              f"{r['texts']:,} texts, {r['sets']:,} sets, {r['parts']:,} parts, {r['shared_bytes'] / mb:.1f} MB); "
              f"payslip row alone {r['row_bytes']:,.0f} bytes (target ≤ 2,048 per stored payslip)")
    print()
    print("ratio = run payslips/s ÷ bare COPY payslips/s of the same rows (target ≥ 0.33).")
    print("compute s = time inside calculate_month and row building; the rest is fetch/parse/COPY/bookkeeping.")


async def main_async(args: argparse.Namespace) -> None:
    sizes = [1_800_000] if args.scale == "national" else [int(n) for n in str(args.workers).split(",")]
    admin, started_embedded = testing_admin()
    os.environ["CWM_TEST_PG"] = admin
    results = []
    try:
        for workers in sizes:
            print(f"… {workers:,} workers", flush=True)
            results.append(await bench_once(admin, workers, args.batch, args.processes))
    finally:
        if started_embedded:
            stop_embedded()
    print_table(results, psutil.cpu_count() or 1, args.processes)
    if args.json:
        rows = [{**r, "payslips_per_s": r["payslips"] / r["run_s"],
                 "ratio": (r["payslips"] / r["run_s"]) / (r["copied"] / r["copy_s"])} for r in results]
        Path(args.json).write_text(json.dumps({"processes": args.processes, "results": rows}, indent=2,
                                              default=str) + "\n")


def testing_admin() -> tuple[str, bool]:
    """A server we may create databases on: CWM_TEST_PG / DATABASE_URL, else devctl's embedded one."""
    for variable in ("CWM_TEST_PG", "DATABASE_URL"):
        if os.environ.get(variable):
            return os.environ[variable].replace("postgresql+asyncpg://", "postgresql://"), False
    sys.path.insert(0, str(ROOT / "scripts"))
    import devctl

    port = int(os.environ.get("CWM_BENCH_PG_PORT", "55442"))
    return devctl.start_embedded_postgres(devctl.DATA / "bench-pg", port, fast=True), True


def stop_embedded() -> None:
    import devctl

    devctl.stop_embedded_postgres(devctl.DATA / "bench-pg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", default="100000", help="workers in the synthetic province (comma list allowed)")
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--batch", type=int, default=2000, help="workers per compute/COPY batch")
    parser.add_argument("--processes", type=int, default=0,
                        help="compute processes next to the streaming/COPY one (0: one compute thread)")
    parser.add_argument("--json", default=None, help="also write the results here (make bench's summary)")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
