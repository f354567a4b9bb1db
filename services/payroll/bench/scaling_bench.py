"""Per-county run scaling (ADR 0008): one province run of N synthetic workers (30 counties, stand-in registry)
calculated by 1, then 2, procrastinate worker processes (`python -m payroll.worker`, as `make run` starts them),
each on a freshly migrated database; payslips/s per process count and the ratio to one process.

    uv run python services/payroll/bench/scaling_bench.py                      # 100,000 workers, 1 and 2 processes
    uv run python services/payroll/bench/scaling_bench.py --workers 20000 --processes 1,2,4

The time runs from deferring the run to the run being calculated (split, every county, the final flip). The
bare COPY of the very rows the run stored (run_bench.copy_baseline) gives the database's own cost per payslip:
the rate no number of worker processes can pass on this server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import psutil

from cwm_kit import testing

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The payroll benchmark's shared pieces (database, stand-in registry, admin server), beside this file.
from run_bench import (
    MONTH,
    copy_baseline,
    free_port,
    prepare_database,
    start_standin,
    stop_embedded,
    testing_admin,
)

from payroll.config import PayrollSettings
from payroll.jobs import CALCULATE_RUN, make_app
from payroll.main import MIGRATIONS_DIR
from payroll.runs.execution import libpq_url

POLL_SECONDS = 0.25


def start_workers(count: int, env: dict[str, str]) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-m", "payroll.worker"], env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL) for _ in range(count)]


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for process in workers:
        os.killpg(process.pid, signal.SIGTERM)
    for process in workers:
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def wait_calculated(connection: asyncpg.Connection, run_id: uuid.UUID, timeout: float) -> asyncpg.Record:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = await connection.fetchrow(
            "SELECT state, job_status, error, worker_count, attempts FROM payroll_run WHERE id = $1", run_id)
        if row["job_status"] in ("succeeded", "failed", "cancelled"):
            return row
        await asyncio.sleep(POLL_SECONDS)
    raise TimeoutError(f"run {run_id} not done after {timeout:g} s")


async def measure(workers: int, processes: int, concurrency: int, standin_port: int, timeout: float) -> dict:
    """One province run on a fresh database, calculated by `processes` worker processes."""
    name = f"bench_scaling_{uuid.uuid4().hex[:8]}"
    url = await testing.recreate_database(name)
    try:
        await asyncio.to_thread(__import__("cwm_kit.migrations", fromlist=["x"]).upgrade_to_head, MIGRATIONS_DIR,
                                url)
        await prepare_database(url)
        registry = f"http://127.0.0.1:{standin_port}"
        env = {**os.environ, "CWM_DATABASE_URL": url, "CWM_REGISTRY_URL": registry, "CWM_ASSESSMENT_URL": registry,
               "CWM_WORKER_CONCURRENCY": str(concurrency), "CWM_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
        pool = start_workers(processes, env)
        connection = await asyncpg.connect(libpq_url(url))
        try:
            await asyncio.sleep(3)  # the processes import and connect before the clock starts
            run_id = await connection.fetchval(
                "INSERT INTO payroll_run (id, region_code, month, kind, created_by) VALUES ($1, '64', $2, 'monthly', "
                "'bench') RETURNING id", uuid.uuid4(), MONTH)
            app = make_app(PayrollSettings(database_url=url, registry_url=registry, assessment_url=registry))
            started = time.perf_counter()
            async with app.open_async():
                await app.configure_task(CALCULATE_RUN).defer_async(run_id=str(run_id))
            row = await wait_calculated(connection, run_id, timeout)
            seconds = time.perf_counter() - started
            parts = await connection.fetchval("SELECT count(*) FROM payroll_run_part WHERE run_id = $1", run_id)
        finally:
            stop_workers(pool)
            await connection.close()
        if row["job_status"] != "succeeded":
            raise RuntimeError(f"run {row['job_status']}: {row['error']}")
        copy_seconds, copied = (await copy_baseline(url, run_id))[:2]  # (seconds, payslips, …)
        return {"processes": processes, "payslips": row["worker_count"], "parts": parts, "seconds": seconds,
                "copy_seconds": copy_seconds, "copied": copied, "load": os.getloadavg()[0]}
    finally:
        await testing.drop_database(name)


def print_table(results: list[dict], workers: int, concurrency: int) -> None:
    base = results[0]["payslips"] / results[0]["seconds"] / results[0]["processes"]
    print()
    print(f"per-county run scaling — {workers:,} workers, month {MONTH}, {psutil.cpu_count()} CPU(s), "
          f"{concurrency} job(s) at once per worker process")
    header = (f"{'processes':>9} {'parts':>6} {'payslips':>9} {'run s':>7} {'slips/s':>8} {'slips/s/proc':>13} "
              f"{'× 1 proc':>9} {'DB COPY µs/slip':>16} {'load':>5}")
    print(header)
    print("-" * len(header))
    for r in results:
        rate = r["payslips"] / r["seconds"]
        print(f"{r['processes']:>9} {r['parts']:>6} {r['payslips']:>9,} {r['seconds']:>7.1f} {rate:>8,.0f} "
              f"{rate / r['processes']:>13,.0f} {rate / (base * results[0]['processes']):>9.2f} "
              f"{r['copy_seconds'] / max(r['copied'], 1) * 1e6:>16,.0f} {r['load']:>5.1f}")
    print()
    print("× 1 proc = payslips/s against the 1-process run of the same table; DB COPY µs/slip = the bare COPY of the "
          "rows stored (the database's own cost, the ceiling is 1e6 / it per COPY stream); load = 1-min load average "
          "when the run ended.")


async def main_async(args: argparse.Namespace) -> None:
    admin, started_embedded = testing_admin()
    os.environ["CWM_TEST_PG"] = admin
    port = free_port()
    standin = start_standin(args.workers, port)
    results = []
    try:
        for processes in [int(n) for n in args.processes.split(",")]:
            print(f"… {args.workers:,} workers, {processes} worker process(es)", flush=True)
            results.append(await measure(args.workers, processes, args.concurrency, port, args.timeout))
    finally:
        standin.terminate()
        standin.wait(10)
        if started_embedded:
            stop_embedded()
    print_table(results, args.workers, args.concurrency)
    if args.json:
        rows = [{**r, "payslips_per_s": r["payslips"] / r["seconds"],
                 "per_process": r["payslips"] / r["seconds"] / r["processes"]} for r in results]
        Path(args.json).write_text(json.dumps({"workers": args.workers, "concurrency": args.concurrency,
                                               "results": rows}, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=100_000, help="workers in the synthetic province")
    parser.add_argument("--processes", default="1,2", help="worker process counts to measure, in order")
    parser.add_argument("--concurrency", type=int, default=2, help="jobs at once per worker process")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a run may take")
    parser.add_argument("--json", default=None, help="also write the results here (make bench's summary)")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
