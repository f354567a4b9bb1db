"""Issue 10: a result finalised late, or reopened and corrected, after months were paid owes arrears
(补发/补扣) in the next run, one line per affected month — the grade (a Songshan 1 January promotion) and
Ningxia's monthly performance factor both move with it."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult
from payroll.policy.presets import load
from payroll.runs.execution import execute_run

from .support import COMMUNITY_A, COUNTY, TEST_AUTHOR, worker

SS_COUNTY, SS_COMMUNITY = "990102", "990102001001"


async def run_and_approve(client, tokens, engine, month, source, county=COUNTY):
    headers = tokens.headers("county_officer", county)
    response = await client.post("/v1/runs", json={"region_code": county, "month": month}, headers=headers)
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, source) == "succeeded"
    approved = await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", county))
    assert approved.status_code == 200, approved.text
    slip = await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=headers)
    assert slip.status_code == 200, slip.text
    return slip.json()


def arrears(slip):
    return [(line["arrears_month"], line["amount"]) for line in slip["lines"] if line["arrears_month"]]


def later(seconds: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)


async def test_ningxia_late_excellent_then_corrected_moves_the_monthly_performance_factor(live, tokens, engine):
    client, _ = live
    hired = "2024-01-01"
    facts = worker("w1", hired_on=hired, post_since=hired, post_history=[{"post": "nx_staff", "from": hired}],
                   counted_service=[{"from": "1978-01-01", "scope": "99", "runs": [{"start": hired, "end": None}]}])
    # January and February 2025 are paid before the 2024 result exists (no result: factor 1.00):
    # 55% × 8000 = 4400 + grade L1 300 + 3 ★ 300 + 本科 200 = 5200.00 (years 1.0: below the first step, 3 y).
    january = await run_and_approve(client, tokens, engine, "2025-01", StaticInputSource([facts]))
    february = await run_and_approve(client, tokens, engine, "2025-02", StaticInputSource([facts]))
    assert (january["gross"], february["gross"], arrears(february)) == ("5200.00", "5200.00", [])

    # The 2024 result, 优秀, is finalised in March: factor 1.20 → 20% × 5200 × (1.20 − 1) = 208.00 a month more.
    # (+½ year: 1.0 + 0.5 = 1.5 y, still below 3 y, so the level stays 1.)
    excellent = AssessmentResult(worker_id="w1", year=2024, result="excellent", community_code=COMMUNITY_A,
                                 id="a1", revision=1, finalized_at=later(5))
    march = await run_and_approve(client, tokens, engine, "2025-03", StaticInputSource([facts], [excellent]))
    assert arrears(march) == [("2025-01", "208.00"), ("2025-02", "208.00")]
    line = next(x for x in march["lines"] if x["arrears_month"] == "2025-01")
    assert (line["label_zh"], line["inputs"]["old_gross"], line["inputs"]["new_gross"]) == (
        "补发 2025-01", "5200.00", "5408.00")
    assert "考核结果" in line["clause"]
    # March itself: 5200 + 208 = 5408, plus 2 × 208 = 416 arrears.
    assert (march["gross"], march["arrears"]) == ("5824.00", "416.00")

    # Reopened and corrected to 合格 (revision 2, finalised in April): factor 1.00, so the 208.00 paid for
    # January (5200 + 208 carried in March), February (likewise) and March (5408) is recovered, once each.
    corrected = AssessmentResult(worker_id="w1", year=2024, result="competent", community_code=COMMUNITY_A,
                                 id="a1", revision=2, finalized_at=later(10))
    april = await run_and_approve(client, tokens, engine, "2025-04",
                                  StaticInputSource([facts], [excellent, corrected]))
    assert arrears(april) == [("2025-01", "-208.00"), ("2025-02", "-208.00"), ("2025-03", "-208.00")]
    assert next(x for x in april["lines"] if x["arrears_month"] == "2025-03")["label_zh"] == "补扣 2025-03"
    # April: 5200 − 3 × 208 = 4576.00.
    assert (april["gross"], april["arrears"]) == ("4576.00", "-624.00")

    # May: nothing changed since April's calculation; nothing is paid or recovered twice.
    may = await run_and_approve(client, tokens, engine, "2025-05", StaticInputSource([facts], [excellent, corrected]))
    assert (arrears(may), may["gross"]) == ([], "5200.00")


async def test_songshan_late_excellent_lifts_the_1_january_promotion_with_arrears(live, tokens, engine):
    client, _ = live
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO pay_scheme_version (region_prefix, effective_from, name, status, document, created_by, "
            "published_by, published_at) VALUES (:region, '2022-01-01', 'test SS', 'published', "
            "CAST(:doc AS jsonb), :author, :author, now())"),
            {"doc": json.dumps(load("ss-2022.json")), "region": SS_COUNTY, "author": TEST_AUTHOR})
    hired = "2021-07-01"
    facts = worker("w1", community=SS_COMMUNITY, post="ss_staff", hired_on=hired, post_since=hired,
                   post_history=[{"post": "ss_staff", "from": hired}], education=None, star_rating=None,
                   counted_service=[{"from": "1978-01-01", "scope": "99", "runs": [{"start": hired, "end": None}]}])
    # SS counts years to 1 January: 2021-07-01 → 2025-01-01 = 3.5 y, below the first step (4 y): ss_staff
    # level 1, base 2600.00 in January and February.
    january = await run_and_approve(client, tokens, engine, "2025-01", StaticInputSource([facts]), SS_COUNTY)
    february = await run_and_approve(client, tokens, engine, "2025-02", StaticInputSource([facts]), SS_COUNTY)
    assert (january["gross"], february["gross"], january["inputs"]["grade"]["level"]) == ("2600.00", "2600.00", 1)

    # The 2024 result, 优秀, is finalised in March: +0.5 y → 4.0 y → step 1 → level 2 from 1 January 2025
    # (base 2720.00): 2720 − 2600 = 120.00 owed for January and for February.
    excellent = AssessmentResult(worker_id="w1", year=2024, result="excellent", community_code=SS_COMMUNITY,
                                 id="s1", revision=1, finalized_at=later(5))
    march = await run_and_approve(client, tokens, engine, "2025-03", StaticInputSource([facts], [excellent]),
                                  SS_COUNTY)
    assert march["inputs"]["grade"]["level"] == 2
    assert arrears(march) == [("2025-01", "120.00"), ("2025-02", "120.00")]
    # March: 2720 + 2 × 120 = 2960.00.
    assert (march["gross"], march["arrears"]) == ("2960.00", "240.00")
