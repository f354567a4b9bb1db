"""`make bench` (dashboard part, issue 15): dashboard polls at national scale. Not part of `make test`.

    uv run python scripts/bench_dashboard.py                     # 1.8 M workers, 16 and 64 connections, 10 s
    uv run python scripts/bench_dashboard.py --workers 200000 --duration 5 --json out.json
    uv run python scripts/bench_dashboard.py --browsers 20000          # 667 polls/s in the paced measurement

Starts the stack as `make run` does (devctl, its own ports and databases, prefix `cwm_benchdash`), adds the
synthetic national registry (services/registry/bench/national.py: 31 provinces, 111,600 communities, N
workers, generated in the database, nothing stored), then drives `GET /api/registry/v1/stats` through the
gateway for the province (nx_admin, region 64) and the national scope (a service token), first with nothing
written (the refresher only re-checks), then while a township officer keeps changing workers through the API
(the refresher recomputes both scopes over and over, on the same cores), two ways:

- **as the dashboards load it** (the latencies the goal is judged on): an open-loop, constant-rate load
  (scripts/bench_paced.py, its own process) of `--browsers` browsers each polling every 30 s (10,000: 333
  req/s), half of them sending back the ETag they last got as a browser's cache does; p50/p99/max of each
  request's latency from its SCHEDULED send time (no coordinated omission), with the rate the generator
  achieved and how late it sent;
- **at saturation** with Debian's `wrk` (closed loop, 16 and 64 connections): throughput against bench_reads'
  ceiling (a bare FastAPI + asyncpg point select, direct) measured first in the same run, plain polls (200) and
  polls sending back their ETag (304). Its p50 is about connections / throughput, not what a browser waits.

Also prints the time the first poll of each scope took (it computes the snapshot: the refresh cost at this size)
and the oldest figures seen (now − X-Stats-Checked-At, when they were last found current, sampled every second
while writing).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "services" / "registry" / "bench"))

import devctl  # noqa: E402
import national  # noqa: E402
from bench_reads import LUA as READS_LUA, WRK, login, wrk  # noqa: E402

# bench_reads' script, and each connection sends back the last ETag it got (as a browser's cache does).
LUA = READS_LUA + r"""
local conditional = os.getenv("BENCH_CONDITIONAL") == "1"
response = function(status, headers, body)
  if conditional and headers["ETag"] then wrk.headers["If-None-Match"] = headers["ETag"] end
end
"""
WRITER_TOWNSHIP = "640104001"


def service_token(registry: str) -> str:
    """A service token (jurisdiction "": the national scope)."""
    response = httpx.post(f"{registry}/v1/auth/token", timeout=30, data={
        "grant_type": "client_credentials", "client_id": "payroll", "client_secret": "local-dev-service-secret"})
    response.raise_for_status()
    return response.json()["access_token"]


class Writer(threading.Thread):
    """A township officer correcting workers' phone numbers through the gateway, one after another."""

    def __init__(self, gateway: str):
        super().__init__(daemon=True)
        self.gateway, self.writes, self.failures, self.stop = gateway, 0, 0, threading.Event()

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {login(self.gateway, 'xq_town')}"}
        with httpx.Client(base_url=f"{self.gateway}/api/registry", headers=headers, timeout=30) as client:
            page = client.get("/v1/workers", params={"region": WRITER_TOWNSHIP, "limit": 20}).json()
            ids = [w["id"] for w in page["items"]]
            while not self.stop.is_set():
                worker_id = ids[(self.writes + self.failures) % len(ids)]
                current = client.get(f"/v1/workers/{worker_id}")
                changed = current if current.status_code != 200 else client.patch(
                    f"/v1/workers/{worker_id}", headers={"If-Match": current.headers["ETag"]},
                    json={"phone": f"139{int(time.time() * 1000) % 100_000_000:08d}"})
                if changed.status_code == 200:
                    self.writes += 1
                else:
                    self.failures += 1
                    time.sleep(0.5)


class Freshness(threading.Thread):
    """The oldest figures any poll got: now − when they were last found current, sampled every second."""

    def __init__(self, polls: dict[str, tuple[str, str]]):
        super().__init__(daemon=True)
        self.polls, self.oldest, self.stop = polls, dict.fromkeys(polls, 0.0), threading.Event()
        self.failures = 0

    def run(self) -> None:
        while not self.stop.wait(1.0):
            for name, (url, token) in self.polls.items():
                response = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=60)
                if response.status_code != 200:
                    self.failures += 1
                    continue
                # When the figures were last found current (recomputed, or re-checked against unchanged data).
                current = datetime.fromisoformat(response.headers.get("X-Stats-Checked-At")
                                                 or response.json()["computed_at"])
                self.oldest[name] = max(self.oldest[name], (datetime.now(UTC) - current).total_seconds())


def timed_get(url: str, token: str) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=600)
    response.raise_for_status()
    return time.perf_counter() - started, response


def start_ceiling(config: devctl.StackConfig, processes: devctl.Processes, registry_db: str) -> str:
    """bench_reads' ceiling (a bare FastAPI + asyncpg point select, no gateway, no token) on a free port."""
    port = config.ports["assessment"] + 1
    worker_id = asyncio.run(national.any_worker(registry_db))
    env = {**config.service_env("registry"), "BENCH_CEILING_DSN": registry_db, "BENCH_CEILING_ID": worker_id,
           "PYTHONPATH": str(ROOT / "scripts")}
    processes.start("ceiling", [devctl.PYTHON, "-m", "uvicorn", "--factory", "bench_ceiling:create_app", "--host",
                                "127.0.0.1", "--port", str(port), "--no-access-log"], env)
    devctl.wait_http(f"http://127.0.0.1:{port}/point")
    return f"http://127.0.0.1:{port}/point"


def measure_polls(runs: list[tuple[str, str, str, str, str]], writing: str, args: argparse.Namespace, lua: Path,
                  rates: dict[int, float], results: dict) -> None:
    for name, kind, url, token, conditional in runs:
        for conns in args.connections:
            devctl.STOP.check()
            data = wrk(url, conns, args.duration, lua, {"BENCH_TOKEN": token, "BENCH_CONDITIONAL": conditional})
            rates.setdefault(conns, data["rps"])  # the ceiling runs first
            row = {"scope": name, "poll": kind, "writer": writing, "connections": conns,
                   "rps": round(data["rps"], 1), "p50_ms": round(data["p50_us"] / 1000, 2),
                   "p99_ms": round(data["p99_us"] / 1000, 2), "ratio": round(data["rps"] / rates[conns], 2),
                   "errors": data["bad_status"] + data["socket_errors"]}
            results["rows"].append(row)
            print(f"{name:<13}{kind:<8}{writing:<8}{conns:>6}{row['rps']:>10.1f}{row['p50_ms']:>9.2f}"
                  f"{row['p99_ms']:>9.2f}{row['ratio']:>11.2f}  {row['errors']}", flush=True)


PACED = ROOT / "scripts" / "bench_paced.py"


def measure_paced(scopes: dict[str, tuple[str, str]], writing: str, args: argparse.Namespace, results: dict) -> None:
    """Each scope under the browsers' constant-rate load, the generator in its own process."""
    for name, (url, token) in scopes.items():
        devctl.STOP.check()
        etag = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=120).headers.get("ETag")
        out = subprocess.run(
            [sys.executable, str(PACED), "--url", url, "--browsers", str(args.browsers), "--period", str(args.period),
             "--duration", str(args.duration), "--etag", etag or ""],
            env={**os.environ, "BENCH_TOKEN": token}, capture_output=True, text=True, timeout=args.duration + 180,
            check=True).stdout
        data = json.loads(out.strip().splitlines()[-1])
        row = {"scope": name, "writer": writing, **{k: v for k, v in data.items() if k != "url"}}
        results["paced"].append(row)
        statuses = " ".join(f"{k}:{v}" for k, v in sorted(data["statuses"].items()))
        print(f"{name:<13}{writing:<8}{data['target_rps']:>8.1f}{data['achieved_rps']:>9.1f}{data['late_max_ms']:>9.1f}"
              f"{data['p50_ms']:>9.2f}{data['p99_ms']:>9.2f}{data['max_ms']:>9.1f}  {statuses} errors {data['errors']}",
              flush=True)


PACED_HEADER = (f"{'scope':<13}{'writer':<8}{'target':>8}{'sent/s':>9}{'late max':>9}{'p50 ms':>9}{'p99 ms':>9}"
                f"{'max ms':>9}  answers")


def measure(gateway: str, registry: str, ceiling: str, args: argparse.Namespace, lua: Path) -> dict:
    scopes = {"province 64": (f"{gateway}/api/registry/v1/stats?region=64", login(gateway, "nx_admin")),
              "national": (f"{gateway}/api/registry/v1/stats", service_token(registry))}
    results: dict = {"cold_poll_s": {}, "rows": [], "paced": [], "browsers": args.browsers, "period_s": args.period}
    for name, (url, token) in scopes.items():  # the first poll computes the scope's snapshot
        seconds, response = timed_get(url, token)
        results["cold_poll_s"][name] = round(seconds, 2)
        print(f"bench: first poll of {name} (computes it, {response.json()['headcount']:,} in post): "
              f"{seconds:.2f} s", flush=True)
    print(f"\nbench: {args.browsers:,} browsers each polling every {args.period:g} s "
          f"({args.browsers / args.period:,.1f} req/s, half of them with If-None-Match), open loop, {args.duration} s "
          f"per scope; latency from each request's scheduled send time", flush=True)
    print(PACED_HEADER, flush=True)
    measure_paced(scopes, "off", args, results)
    print("\nbench: saturation (wrk, closed loop: throughput against the ceiling; p50 ≈ connections / rate)")
    print(f"{'scope':<13}{'poll':<8}{'writer':<8}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
          f"{'× ceiling':>11}  errors", flush=True)
    rates: dict[int, float] = {}
    measure_polls([("ceiling", "point", ceiling, "", "0")], "-", args, lua, rates, results)
    polls = [(name, kind, url, token, conditional) for name, (url, token) in scopes.items()
             for kind, conditional in (("200", "0"), ("304", "1"))]
    measure_polls(polls, "off", args, lua, rates, results)  # nothing written: refreshes only re-check
    writer, freshness = Writer(gateway), Freshness(scopes)
    writer.start()
    freshness.start()
    try:
        measure_polls(polls, "on", args, lua, rates, results)
        print("\nbench: the browsers' load again, while writing", flush=True)
        print(PACED_HEADER, flush=True)
        measure_paced(scopes, "on", args, results)
    finally:
        writer.stop.set()
        freshness.stop.set()
        writer.join(30)
        freshness.join(120)
    results["writes"], results["write_failures"] = writer.writes, writer.failures
    results["oldest_figures_s"] = {k: round(v, 1) for k, v in freshness.oldest.items()}
    results["freshness_sample_failures"] = freshness.failures
    print(f"\nbench: {writer.writes} worker writes during the polls ({writer.failures} refused); oldest figures "
          f"served: " + ", ".join(f"{k} {v:.1f} s" for k, v in results["oldest_figures_s"].items()), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=national.NATIONAL_WORKERS)
    parser.add_argument("--connections", default="16,64", help="wrk connection counts (default 16,64)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--browsers", type=int, default=10_000,
                        help="browsers polling each scope in the paced measurement (default 10,000)")
    parser.add_argument("--period", type=float, default=30.0, help="seconds between a browser's polls (default 30)")
    parser.add_argument("--base-port", type=int, default=24780, help="gateway port; services +1..+3")
    parser.add_argument("--db-prefix", default="cwm_benchdash")
    parser.add_argument("--pg-port", type=int, default=55490, help="embedded PostgreSQL port (no DATABASE_URL)")
    parser.add_argument("--json", default=None, help="also write the results here")
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    if not Path(WRK).exists():
        raise SystemExit(f"{WRK} missing: `make bench` installs Debian's wrk (apt-get install wrk, as root)")
    with devctl.bench_stack("bench-dashboard", args.db_prefix, args.base_port, args.pg_port) as (config, processes):
        registry_db = devctl.database_url(config.admin_url, config.db_name("registry")).replace("+asyncpg", "")
        timings = asyncio.run(national.generate(registry_db, args.workers,
                                                echo=lambda line: print(f"bench: {line}", flush=True)))
        devctl.start_stack(config, processes, worker=False)
        ceiling = start_ceiling(config, processes, registry_db)
        ports = config.ports
        gateway, registry = f"http://127.0.0.1:{ports['gateway']}", f"http://127.0.0.1:{ports['registry']}"
        lua = Path(tempfile.mkstemp(suffix=".lua", dir=config.data_dir)[1])
        lua.write_text(LUA)
        results = {"date": date.today().isoformat(), "workers": args.workers, "cpus": os.cpu_count(),
                   "load_before": os.getloadavg(), "generate_s": {k: round(v, 1) for k, v in timings.items()},
                   **measure(gateway, registry, ceiling, args, lua), "load_after": os.getloadavg()}
        print(f"bench: load average before {results['load_before'][0]:.1f}, after {results['load_after'][0]:.1f}")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2) + "\n")

if __name__ == "__main__":
    main()
