"""`make bench` (reads part): the self-service reads and a dashboard poll through the gateway, next to a bare
FastAPI + asyncpg point select (the ceiling) in the same run. Not part of `make test`.

    uv run python scripts/bench_reads.py                       # everything, 16 and 64 connections
    uv run python scripts/bench_reads.py --only grade,ceiling  # some targets only
    uv run python scripts/bench_reads.py --connections 64 --duration 5 --json out.json

Starts the stack as `make run` does (devctl: migrate, seed, uvicorn per service, the payroll worker, nginx,
demo data) on its own ports and databases (prefix `cwm_bench`), on DATABASE_URL's server or an embedded
PostgreSQL under .data/bench; approves one payroll run so the worker has payslips; logs in as the demo worker
(xq_worker) and the provincial admin (nx_admin); then drives each read with Debian's `wrk` (/usr/bin/wrk, a
Lua script sets the headers), loopback only. The ceiling is also measured behind a gateway of its own
(`ceiling_gateway`: the same gateway config, its registry upstream the ceiling), which is the most any read through the
gateway can reach. Each read is measured in rounds (`--rounds`, default 3, `--duration` 5 s each), each round
right after a measurement of the ceiling: its ratio is the median of the rounds' ratios (this machine's speed
drifts over minutes; a ratio to a ceiling measured once at the start measured the drift). Prints req/s, p50, p99
(medians of the rounds) and the ratio to the ceiling, then a verdict
per self-service read against the goal of issue 15: PASS when its rate is >= 0.5 x the ceiling at every connection
count measured and its p99 < 100 ms at 64 connections, else FAIL with the misses (the dashboard rows have another
goal and no verdict here).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import devctl  # noqa: E402

WRK = "/usr/bin/wrk"
RUN_MONTH = "2025-06"
SELF_SERVICE = ("me", "payslips", "payslip_month", "grade", "assessments")
# The same reads from service processes that compute every answer (CWM_READY_ANSWERS=false, ADR 0011): what a
# read costs when its stored answer is not current (the first read after a write). Reported, not judged.
COMPUTED = tuple(f"{name}_computed" for name in SELF_SERVICE)
TARGETS = ("ceiling", "ceiling_gateway", *SELF_SERVICE, "stats", "stats_304", *COMPUTED)
GOAL_RATIO = 0.5  # of the ceiling's rate, at every connection count
GOAL_P99_MS = 100.0  # at GOAL_P99_CONNECTIONS
GOAL_P99_CONNECTIONS = 64
LUA = r"""
local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
local inm = os.getenv("BENCH_IF_NONE_MATCH") or ""
if inm ~= "" then wrk.headers["If-None-Match"] = inm end
wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"bad_status":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def wrk(url: str, connections: int, duration: int, lua: Path, env: dict[str, str]) -> dict:
    threads = max(1, min(connections, os.cpu_count() or 1))
    out = subprocess.run([WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
                          "-s", str(lua), url], env={**os.environ, **env}, capture_output=True, text=True,
                         timeout=duration + 60, check=True).stdout
    match = re.search(r"^BENCH (\{.*\})$", out, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    data = json.loads(match.group(1))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def _row(name: str, conns: int, rounds: list[dict]) -> dict:
    """One read at one connection count: the medians of its rounds; its ratio the median of the ratios of each
    round to the ceiling measured just before it (the machine's speed drifts over minutes: a read is compared
    with the ceiling of the same moment, not of the start of the run)."""
    ratios = [r["ratio"] for r in rounds if "ratio" in r]
    return {"read": name, "connections": conns, "rps": round(statistics.median(r["rps"] for r in rounds), 1),
            "p50_ms": round(statistics.median(r["p50_us"] for r in rounds) / 1000, 1),
            "p99_ms": round(statistics.median(r["p99_us"] for r in rounds) / 1000, 1),
            "ratio": round(statistics.median(ratios), 2) if ratios else None,
            "ratio_range": [round(min(ratios), 2), round(max(ratios), 2)] if ratios else None,
            "p99_ms_max": round(max(r["p99_us"] for r in rounds) / 1000, 1), "rounds": len(rounds),
            "errors": sum(r["bad_status"] + r["socket_errors"] for r in rounds)}


def _print_row(row: dict) -> None:
    spread = (f"({row['ratio_range'][0]:.2f}–{row['ratio_range'][1]:.2f}×, p99 up to {row['p99_ms_max']:.0f} ms)"
              if row["ratio_range"] else "")
    print(f"{row['read']:<16}{row['connections']:>6}{row['rps']:>10.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
          f"{(row['ratio'] or 0):>11.2f}  {row['errors']:<6}  {spread}", flush=True)


def verdicts(results: list[dict]) -> dict[str, str]:
    """PASS/FAIL per self-service read measured, with the misses of a FAIL."""
    out: dict[str, str] = {}
    for name in SELF_SERVICE:
        rows = [r for r in results if r["read"] == name]
        if not rows:
            continue
        misses = [f"{r['ratio'] or 0:.2f}x at {r['connections']}" for r in rows
                  if r["ratio"] is None or r["ratio"] < GOAL_RATIO]
        misses += [f"p99 {r['p99_ms']:.0f} ms at {r['connections']}" for r in rows
                   if r["connections"] == GOAL_P99_CONNECTIONS and r["p99_ms"] >= GOAL_P99_MS]
        misses += [f"{r['errors']} errors at {r['connections']}" for r in rows if r["errors"]]
        out[name] = "FAIL: " + ", ".join(misses) if misses else "PASS"
    return out


def login(gateway: str, username: str) -> str:
    from registry.seed import DEMO_PASSWORD

    response = httpx.post(f"{gateway}/api/auth/token", data={"username": username, "password": DEMO_PASSWORD},
                          timeout=30)
    response.raise_for_status()
    return response.json()["access_token"]


def approved_run(gateway: str) -> None:
    """One approved run for the demo worker's township, so /me/payslips has something to read."""
    town = {"Authorization": f"Bearer {login(gateway, 'xq_town')}"}
    started = httpx.post(f"{gateway}/api/payroll/v1/runs", json={"region_code": "640104001", "month": RUN_MONTH},
                         headers=town, timeout=60)
    started.raise_for_status()
    run_id = started.json()["id"]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        run = httpx.get(f"{gateway}/api/payroll/v1/runs/{run_id}", headers=town, timeout=30).json()
        if run["state"] in ("calculated", "approved", "paid") or run["job_status"] in ("failed", "cancelled"):
            break
        time.sleep(0.5)
    if run["state"] == "calculated":
        finance = {"Authorization": f"Bearer {login(gateway, 'xq_finance')}"}
        httpx.post(f"{gateway}/api/payroll/v1/runs/{run_id}/approve", headers=finance, timeout=60).raise_for_status()
    elif run["state"] not in ("approved", "paid"):
        raise RuntimeError(f"payroll run did not calculate: {run}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help=f"comma-separated subset of {','.join(TARGETS)}")
    parser.add_argument("--connections", default="16,64", help="wrk connection counts (default 16,64)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement (default 5)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="measurements of each read at each connection count, each right after one of the "
                             "ceiling (default 3); the ratio is the median of the rounds' ratios")
    parser.add_argument("--base-port", type=int, default=24680,
                        help="gateway port; services +1..+3, ceiling +4, the ceiling's own gateway +5")
    parser.add_argument("--db-prefix", default="cwm_bench")
    parser.add_argument("--pg-port", type=int, default=55480, help="embedded PostgreSQL port (no DATABASE_URL)")
    parser.add_argument("--json", default=None, help="also write the results here")
    parser.add_argument("--label", default="", help="a name for this run in the output (e.g. before/after)")
    parser.add_argument("--hold", action="store_true",
                        help="keep the stack up after measuring, tokens printed, until interrupted (to profile it)")
    parser.add_argument("--data-dir", default=None, help="logs, keys and the embedded PostgreSQL (default .data/bench)")
    args = parser.parse_args()
    if not Path(WRK).exists():
        raise SystemExit(f"{WRK} missing: `make bench` installs Debian's wrk (apt-get install wrk, as root)")
    chosen = [t for t in (args.only.split(",") if args.only else TARGETS) if t]
    unknown = set(chosen) - set(TARGETS)
    if unknown:
        raise SystemExit(f"unknown targets {sorted(unknown)}; choose from {', '.join(TARGETS)}")
    if "ceiling" not in chosen:
        chosen.insert(0, "ceiling")  # every ratio is against the ceiling of the same run
    connections = [int(c) for c in args.connections.split(",")]

    devctl.STOP.install()
    data_dir = Path(args.data_dir) if args.data_dir else devctl.DATA / "bench"
    data_dir.mkdir(parents=True, exist_ok=True)
    pg_dir = None if os.environ.get("DATABASE_URL") else data_dir / "pg"
    ports = devctl.base_ports(args.base_port)
    ceiling_port = args.base_port + 4
    processes = devctl.Processes(log_dir=data_dir, echo=False)
    config = None
    try:
        admin, _ = devctl.admin_url_for_run(data_dir, args.pg_port)
        config = devctl.StackConfig(admin_url=admin, db_prefix=args.db_prefix, ports=ports, data_dir=data_dir)
        spa = data_dir / "spa"
        spa.mkdir(exist_ok=True)
        (spa / "index.html").write_text("<!doctype html><title>cwm bench</title>")
        config.spa_dir = spa
        devctl._drop_databases(admin, [config.db_name(s) for s in devctl.SERVICES])  # a fresh demo each run
        print(f"bench: PostgreSQL {admin}; migrating and seeding {args.db_prefix}_*", flush=True)
        devctl.migrate(config)
        devctl.seed(config)
        devctl.start_stack(config, processes)
        gateway = f"http://127.0.0.1:{ports['gateway']}"
        approved_run(gateway)
        worker_token, admin_token = login(gateway, "xq_worker"), login(gateway, "nx_admin")
        me = httpx.get(f"{gateway}/api/registry/v1/me", headers={"Authorization": f"Bearer {worker_token}"},
                       timeout=30)
        me.raise_for_status()
        worker_id = me.json()["worker"]["id"]

        registry_db = devctl.database_url(admin, config.db_name("registry")).replace("+asyncpg", "")
        ceiling_env = {**config.service_env("registry"), "BENCH_CEILING_DSN": registry_db,
                       "BENCH_CEILING_ID": worker_id, "PYTHONPATH": str(ROOT / "scripts")}
        processes.start("ceiling", [devctl.PYTHON, "-m", "uvicorn", "--factory", "bench_ceiling:create_app",
                                    "--host", "127.0.0.1", "--port", str(ceiling_port), "--no-access-log",
                                    "--workers", str(devctl.web_workers("registry"))], ceiling_env)
        devctl.wait_http(f"http://127.0.0.1:{ceiling_port}/point")
        # The same endpoint behind a gateway of its own (the project's gateway config, its registry upstream being the
        # ceiling): what the gateway alone leaves of the ceiling, the most any read through it can reach.
        ceiling_gateway_port = args.base_port + 5
        devctl.start_gateway(processes, "ceiling-gateway", {
            **config.gateway_env(), "GATEWAY_LISTEN": str(ceiling_gateway_port),
            "REGISTRY_UPSTREAM": f"127.0.0.1:{ceiling_port}"})
        devctl.wait_http(f"http://127.0.0.1:{ceiling_gateway_port}/api/registry/point")

        computed_gateway = ""
        if any(name in COMPUTED for name in chosen):
            # The services again on ports of their own, same databases, computing every answer; their gateway.
            computed_ports = {"registry": args.base_port + 6, "payroll": args.base_port + 7,
                              "assessment": args.base_port + 8, "gateway": args.base_port + 9}
            for service in devctl.SERVICES:
                processes.start(f"{service}-computed", devctl.service_command(service, computed_ports[service]),
                                {**config.service_env(service), "CWM_READY_ANSWERS": "false"})
            devctl.start_gateway(processes, "gateway-computed", {
                **config.gateway_env(), "GATEWAY_LISTEN": str(computed_ports["gateway"]),
                **{f"{service.upper()}_UPSTREAM": f"127.0.0.1:{computed_ports[service]}" for service in devctl.SERVICES}})
            for service in devctl.SERVICES:
                devctl.wait_http(f"http://127.0.0.1:{computed_ports[service]}/readyz")
            computed_gateway = f"http://127.0.0.1:{computed_ports['gateway']}"

        month = date.today().strftime("%Y-%m")
        stats_url = f"{gateway}/api/registry/v1/stats?region=64"
        etag = httpx.get(stats_url, headers={"Authorization": f"Bearer {admin_token}", "Accept-Encoding": "gzip"},
                         timeout=60).headers["ETag"]
        plan = {
            "ceiling": (f"http://127.0.0.1:{ceiling_port}/point", "", "", 200),
            "ceiling_gateway": (f"http://127.0.0.1:{ceiling_gateway_port}/api/registry/point", "", "", 200),
            "me": (f"{gateway}/api/registry/v1/me", worker_token, "", 200),
            "payslips": (f"{gateway}/api/payroll/v1/me/payslips", worker_token, "", 200),
            "payslip_month": (f"{gateway}/api/payroll/v1/me/payslips/{RUN_MONTH}", worker_token, "", 200),
            "grade": (f"{gateway}/api/payroll/v1/me/grade?month={month}", worker_token, "", 200),
            "assessments": (f"{gateway}/api/assessment/v1/me/assessments", worker_token, "", 200),
            "stats": (stats_url, admin_token, "", 200),
            "stats_304": (stats_url, admin_token, etag, 304),
        }
        for name in SELF_SERVICE:
            url, token, inm, expected = plan[name]
            plan[f"{name}_computed"] = (url.replace(gateway, computed_gateway), token, inm, expected)
        lua = Path(tempfile.mkstemp(suffix=".lua", dir=data_dir)[1])
        lua.write_text(LUA)
        results: list[dict] = []
        ceilings: dict[int, list[dict]] = {conns: [] for conns in connections}
        print(f"\n{'read':<16}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'× ceiling':>11}  errors  "
              f"(median of {args.rounds} rounds, each next to a ceiling measurement: range)", flush=True)
        ceiling_url, measure_ceiling = plan["ceiling"][0], "ceiling" in chosen
        for name in chosen:
            if name == "ceiling":
                continue  # measured next to each read, below
            url, token, inm, expected = plan[name]
            if token:  # access tokens live 15 minutes: a fresh one per target, or a slow run measures 401s
                token = login(gateway, "nx_admin" if name.startswith("stats") else "xq_worker")
            headers = {"Accept-Encoding": "gzip"} | ({"Authorization": f"Bearer {token}"} if token else {}) | (
                {"If-None-Match": inm} if inm else {})
            check = httpx.get(url, headers=headers, timeout=60)
            if check.status_code != expected:
                raise RuntimeError(f"{name}: {url} answered {check.status_code}, not {expected}: {check.text[:300]}")
            for conns in connections:
                rounds = []
                for _ in range(args.rounds):
                    devctl.STOP.check()
                    bare = wrk(ceiling_url, conns, args.duration, lua, {}) if measure_ceiling else None
                    data = wrk(url, conns, args.duration, lua, {"BENCH_TOKEN": token, "BENCH_IF_NONE_MATCH": inm})
                    if bare is not None:
                        ceilings[conns].append(bare)
                        data["ratio"] = data["rps"] / bare["rps"]
                    rounds.append(data)
                row = _row(name, conns, rounds)
                results.append(row)
                _print_row(row)
        for conns in connections if measure_ceiling else ():
            # The bare endpoint's own latency too: the p99 goal is in milliseconds, and on a slow or busy machine the
            # ceiling itself may miss it.
            bare_rounds = ceilings[conns]
            rates = [bare["rps"] for bare in bare_rounds]
            row = {"read": "ceiling", "connections": conns, "rps": round(statistics.median(rates), 1),
                   "p50_ms": round(statistics.median(bare["p50_us"] for bare in bare_rounds) / 1000, 1),
                   "p99_ms": round(statistics.median(bare["p99_us"] for bare in bare_rounds) / 1000, 1),
                   "ratio": 1.0, "errors": 0, "rounds": len(bare_rounds),
                   "rps_range": [round(min(rates), 1), round(max(rates), 1)]}
            results.insert(0, row)
            print(f"{'ceiling':<16}{conns:>6}{row['rps']:>10.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{1:>11.2f}  0       "
                  f"({len(bare_rounds)} measurements: {row['rps_range'][0]:.0f}–{row['rps_range'][1]:.0f} req/s)",
                  flush=True)
        verdict = verdicts(results)
        if verdict:
            print(f"\ngoal (issue 15): >= {GOAL_RATIO} x ceiling at every connection count, p99 < {GOAL_P99_MS:.0f} ms "
                  f"at {GOAL_P99_CONNECTIONS} connections (load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)")
            for name, outcome in verdict.items():
                print(f"{name:<16}{outcome}", flush=True)
        if args.json:
            Path(args.json).write_text(json.dumps({"label": args.label, "date": date.today().isoformat(),
                                                   "cpus": os.cpu_count(), "web_workers": devctl.web_workers("payroll"),
                                                   "load_average": os.getloadavg(), "results": results,
                                                   "verdicts": verdict}, indent=2) + "\n")
        if args.hold:
            print(f"\nholding: gateway {gateway}, ceiling http://127.0.0.1:{ceiling_port}/point\n"
                  f"worker token {login(gateway, 'xq_worker')}\nCtrl-C (SIGINT/SIGTERM) stops", flush=True)
            while True:
                devctl.STOP.check()
                time.sleep(0.5)
    except devctl.StopRequested:
        pass
    finally:
        processes.stop_all()
        if config is not None and os.environ.get("DATABASE_URL"):
            devctl._drop_databases(config.admin_url, [config.db_name(s) for s in devctl.SERVICES])
        if pg_dir is not None:
            devctl.stop_embedded_postgres(pg_dir)
        shutil.rmtree(data_dir / "keys", ignore_errors=True)


if __name__ == "__main__":
    main()
