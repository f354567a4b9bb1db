"""`make bench`'s last step: issue 15's goals, one line each, from the JSON the parts wrote in this run.

    uv run python scripts/bench_summary.py .data/bench/results

Each part (reads, dashboard, payroll, scaling) writes `<part>.json`; a part not run is reported as such.
Every rate is shown against the baseline its own part measured in the same run (the machines are noisy).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench_reads import GOAL_P99_MS as READ_P99_MS, GOAL_RATIO as READ_GOAL, SELF_SERVICE

POLL_P50_MS, POLL_P99_MS, POLL_AGE_S = 5.0, 50.0, 60.0
SLIPS_PER_S, BYTES_PER_SLIP = 3000, 2048


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def reads(data: dict) -> list[str]:
    rows = data["results"]
    ceiling = sorted((r for r in rows if r["read"] == "ceiling"), key=lambda r: r["connections"])
    # Its own p99 where measured: the p99 goal is in milliseconds, which a slow machine's bare endpoint may miss.
    lines = ["ceiling (bare FastAPI + asyncpg point select): "
             + ", ".join(f"{r['rps']:,.0f} req/s at {r['connections']}"
                         + (f" (p99 {r['p99_ms']:,.0f} ms)" if r.get("p99_ms") is not None else "") for r in ceiling)]
    bound = [r for r in rows if r["read"] == "ceiling_gateway"]
    if bound:
        lines.append("the ceiling behind the gateway (the most a read through it can reach): "
                     + ", ".join(f"{r['ratio']:.2f}× at {r['connections']}" for r in bound))
    for name in dict.fromkeys(r["read"] for r in rows if r["read"] not in ("ceiling", "ceiling_gateway")):
        mine = [r for r in rows if r["read"] == name]
        ratios = ", ".join(f"{r['ratio']:.2f}× at {r['connections']}" for r in mine)
        at_64 = [r for r in mine if r["connections"] == 64]
        p99 = f", p99 {at_64[0]['p99_ms']:,.0f} ms at 64" if at_64 else ""
        if name.endswith("_computed"):  # every answer computed (ADR 0011): what a read costs after a write
            lines.append(f"     {name} (answers computed, no stored answer; no verdict): {ratios}{p99}")
            continue
        if name not in SELF_SERVICE:  # the dashboard poll through wrk: its goal is judged in the dashboard part
            lines.append(f"     {name} (dashboard, no verdict here): {ratios}{p99}")
            continue
        ok = all(r["ratio"] >= READ_GOAL for r in mine) and all(r["p99_ms"] < READ_P99_MS for r in at_64)
        lines.append(f"{verdict(ok)} {name}: {ratios}{p99}")
    return lines


def dashboard(data: dict) -> list[str]:
    """p50/p99 judged on the open-loop, constant-rate polls (what a polling browser waits, from each request's
    scheduled send time); the closed-loop wrk rows are throughput against the ceiling, no verdict (their p50 is
    connections / throughput at saturation). Freshness as sampled while writing."""
    lines = [f"{data['workers']:,} workers; first (computing) poll: "
             + ", ".join(f"{k} {v} s" for k, v in data["cold_poll_s"].items())]
    paced = data.get("paced", [])
    if not paced:
        lines.append("FAIL no constant-rate measurement in this run (p50/p99 are judged on it)")
    for row in paced:
        ok = row["p50_ms"] < POLL_P50_MS and row["p99_ms"] < POLL_P99_MS and not row["errors"]
        on_schedule = row["achieved_rps"] >= 0.95 * row["target_rps"]
        lines.append(f"{verdict(ok)} {row['scope']} at constant rate (writer {row['writer']}, {row['browsers']:,} browsers "
                     f"every {row['period_s']:g} s, half with If-None-Match: {row['target_rps']} req/s, sent "
                     f"{row['achieved_rps']}{'' if on_schedule else ' BEHIND SCHEDULE'}, generator late by at most "
                     f"{row.get('late_max_ms', '?')} ms): p50 {row['p50_ms']} ms, "
                     f"p99 {row['p99_ms']} ms, max {row['max_ms']} ms, {row['errors']} errors")
    for row in data["rows"]:
        if row["scope"] == "ceiling":
            continue
        lines.append(f"     {row['scope']} {row['poll']} at saturation (wrk, writer {row['writer']}, "
                     f"{row['connections']} conns): {row['ratio']:.2f}× ceiling ({row['rps']:,.0f} req/s)")
    oldest = data.get("oldest_figures_s", {})
    if oldest:
        ok = all(age <= POLL_AGE_S for age in oldest.values())
        lines.append(f"{verdict(ok)} oldest figures served: " + ", ".join(f"{k} {v} s" for k, v in oldest.items()))
    return lines


def payroll(data: dict) -> list[str]:
    lines = []
    for row in data["results"]:
        rate, size = row["payslips_per_s"], row.get("bytes_per_payslip")
        size = None if size is None else float(size)
        lines.append(f"{verdict(rate >= SLIPS_PER_S)} {row['workers']:,} workers: {rate:,.0f} payslips/s in one process "
                     f"({row['ratio']:.2f}× the bare COPY of the same rows)")
        if size is not None:
            lines.append(f"{verdict(size <= BYTES_PER_SLIP)} bytes per stored payslip: {size:,.0f}")
    return lines


def scaling(data: dict) -> list[str]:
    rows = data["results"]
    base = rows[0]["payslips_per_s"] / rows[0]["processes"]
    return [f"{r['processes']} worker process(es): {r['payslips_per_s']:,.0f} payslips/s "
            f"({r['per_process']:,.0f} per process, {r['payslips_per_s'] / base:.2f}× one process)" for r in rows]


PARTS = {"reads": ("self-service reads through the gateway (goal ≥ 0.5× ceiling, p99 < 100 ms at 64)", reads),
         "dashboard": ("dashboard polls (goal p50 < 5 ms, p99 < 50 ms at the browsers' constant rate, figures ≤ 60 s old)",
                       dashboard),
         "payroll": ("payroll run, one process (goal ≥ 3,000 payslips/s, ≤ 2 KB a payslip)", payroll),
         "scaling": ("payroll run split by county over worker processes", scaling)}


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".data/bench/results")
    print("\n== issue 15 goals, this run ==")
    for part, (title, render) in PARTS.items():
        path = folder / f"{part}.json"
        print(f"\n{title}")
        if not path.exists():
            print("  (not run)")
            continue
        for line in render(json.loads(path.read_text())):
            print(f"  {line}")


if __name__ == "__main__":
    main()
