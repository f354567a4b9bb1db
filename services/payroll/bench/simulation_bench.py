"""Policy simulation's hot path on the benchmark's synthetic province (`standin.py`'s generator): one NDJSON
stream of N workers' facts read through `payroll.upstream`, each worker's month under a draft and under the
version in force (`calculate_month` twice), folded into the simulation's totals. The database lookups (one
in-force scheme and one figure set per community, cached) are not included. Not part of `make test`.

    uv run --frozen python services/payroll/bench/simulation_bench.py --workers 100000
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cwm_kit.context import bearer_token_var
from cwm_kit.http import ServiceClient

from payroll import upstream
from payroll.calculation.engine import calculate_month
from payroll.policy.figures import Figure, FigureSet
from payroll.policy.presets import load
from payroll.policy.scheme import PayScheme
from payroll.policy.simulation import Comparison, average_wage_monthly
from standin import facts_chunks

FIGURES = [("avg_wage_monthly", 2024, "8000"), ("si_base_floor", 2025, "4000"), ("si_base_ceiling", 2025, "20000")]


async def simulate(workers: int) -> tuple[Comparison, float]:
    async def chunks():
        for chunk in facts_chunks(workers, "64"):
            yield chunk

    def facts(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())

    current = PayScheme.model_validate(load("nx-2025.json"))
    document = copy.deepcopy(load("nx-2025.json"))
    document["pay_total"]["employer_contributions"] = "on_top"
    draft = PayScheme.model_validate(document)
    figures = FigureSet("64", [Figure(k, y, Decimal(v), "official", date(2025, 1, 5), "64") for k, y, v in FIGURES])
    target = average_wage_monthly(figures, 2025)
    client = ServiceClient("http://registry.test", transport=httpx.MockTransport(facts))
    bearer_token_var.set("bench-officer-token")
    comparison = Comparison()
    started = time.monotonic()
    async for worker in upstream.worker_facts(client, "64", date(2025, 3, 31), as_service=False):
        comparison.add(calculate_month(draft, figures, worker, [], "2025-03"),
                       calculate_month(current, figures, worker, [], "2025-03"), target)
    return comparison, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    args = parser.parse_args()
    comparison, seconds = asyncio.run(simulate(args.workers))
    print(f"{comparison.workers} workers in {seconds:.1f} s; gross in force {comparison.in_force.gross}, "
          f"draft {comparison.draft.gross}; gainers {comparison.gainers}, losers {comparison.losers}")


if __name__ == "__main__":
    main()
