"""Songshan's year-end run shares each township's performance pot among all its workers before paying anyone
(SS 二.2(2) 「用人单位根据年末考核结果，在绩效工资总量内按一定比例自行分配」): the payslips of a township add up to its
pot to the fen; the run records each pot. Hand-computed (same workers as calculation/test_performance_pot.py)."""

from __future__ import annotations

from decimal import Decimal

from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult
from payroll.policy.presets import load
from payroll.runs.execution import execute_run

from .support import install_scheme, worker

SS_COUNTY = "990102"
TOWN_1, TOWN_2 = "990102001", "990102002"


def ss_worker(worker_id: str, community: str, hired: str):
    return worker(worker_id, community=community, post="ss_staff", hired_on=hired, post_since=hired,
                  post_history=[{"post": "ss_staff", "from": hired}], education=None, star_rating=None,
                  counted_service=[{"from": "1978-01-01", "scope": "99", "runs": [{"start": hired, "end": None}]}])


def final(worker_id: str, community: str, value: str) -> AssessmentResult:
    return AssessmentResult(worker_id=worker_id, year=2025, result=value, community_code=community,
                            id=f"r-{worker_id}", revision=1)


def two_townships() -> tuple[list, list[AssessmentResult]]:
    """Three workers of township 1 (优秀, 合格, and 基本合格 hired in July) and one of township 2 (优秀), with their
    final 2025 results (also previewed in policy/test_preview_reads_results.py)."""
    facts = [ss_worker("w1", f"{TOWN_1}001", "2018-01-01"), ss_worker("w2", f"{TOWN_1}001", "2018-01-01"),
             ss_worker("w3", f"{TOWN_1}002", "2025-07-01"), ss_worker("w4", f"{TOWN_2}001", "2018-01-01")]
    results = [final("w1", f"{TOWN_1}001", "excellent"), final("w2", f"{TOWN_1}001", "competent"),
               final("w3", f"{TOWN_1}002", "basically_competent"), final("w4", f"{TOWN_2}001", "excellent")]
    return facts, results


async def test_year_end_run_pays_each_township_exactly_its_pot(live, tokens, engine):
    client, _ = live
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    facts, results = two_townships()
    headers = tokens.headers("county_officer", SS_COUNTY)
    response = await client.post("/v1/runs", json={"region_code": SS_COUNTY, "month": "2025-12", "kind": "year_end"},
                                 headers=headers)
    run_id = response.json()["id"]
    # The facts are streamed in batches of 2: the pot still sees the whole township (a first pass).
    assert await execute_run(engine, run_id, StaticInputSource(facts, results), batch_size=2) == "succeeded"

    async def paid(worker_id: str) -> Decimal:
        slip = (await client.get(f"/v1/runs/{run_id}/payslips/{worker_id}", headers=headers)).json()
        return Decimal(slip["gross"])

    # Township 1: pot 3786.666… × 2 + 1733.333… = 9306.67, by weight 4544 : 3786.666… : 1213.333… (Σ 9544)
    # → 4431.01 + 3692.50 + 1183.16 = 9306.67 (largest remainder: the fen to w1).
    assert [await paid(w) for w in ("w1", "w2", "w3")] == [Decimal("4431.01"), Decimal("3692.50"),
                                                             Decimal("1183.16")]
    # Township 2 has one worker: its pot is its own tenth 3786.67, whatever the factor (优秀 cannot exceed it).
    assert await paid("w4") == Decimal("3786.67")
    run = (await client.get(f"/v1/runs/{run_id}", headers=headers)).json()
    assert run["inputs_snapshot"]["performance_pots"] == {
        TOWN_1: {"pot": "9306.67", "paid": "9306.67", "workers": 3, "held": None},
        TOWN_2: {"pot": "3786.67", "paid": "3786.67", "workers": 1, "held": None}}
    assert run["gross_total"] == "13093.34"  # 9306.67 + 3786.67
