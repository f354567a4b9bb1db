"""Arrears re-price a past month only for what changed about that month: a new year's result, a new year's star
rating or a transfer since are not differences of a month already paid (POLICY §5, late-published figures:
the difference the new figure makes, per affected month)."""

from __future__ import annotations

import datetime as dt

from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult

from .support import COMMUNITY_A, COMMUNITY_B, add_figure, worker
from .test_late_results import arrears, later, run_and_approve

HIRED = "2024-01-01"


def facts(community: str = COMMUNITY_A, stars: list[tuple[str, int, int]] | None = None, current: int = 3):
    return worker("w1", community=community, hired_on=HIRED, post_since=HIRED,
                  post_history=[{"post": "nx_staff", "from": HIRED}], star_rating=current,
                  star_history=[{"community_code": c, "year": y, "stars": s} for c, y, s in (stars or [])],
                  counted_service=[{"from": "1978-01-01", "scope": "99", "runs": [{"start": HIRED, "end": None}]}])


async def figures_for_2026(engine) -> None:
    async with engine.begin() as connection:
        await add_figure(connection, "avg_wage_monthly", 2025, "8000", "provisional", "2026-01-05")
        await add_figure(connection, "si_base_floor", 2026, "4000", "official", "2026-01-05")
        await add_figure(connection, "si_base_ceiling", 2026, "20000", "official", "2026-01-05")


def long_ago() -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=30)


async def test_a_years_own_result_does_not_reach_back_into_its_months(live, tokens, engine):
    """NX pays a year's months by the latest result of an earlier year: the 2025 result, final in 2026, pays
    2026's months and owes nothing for 2025's (before, every 2025 month was re-priced: −520.00 each)."""
    client, _ = live
    await figures_for_2026(engine)
    competent_2024 = AssessmentResult(worker_id="w1", year=2024, result="competent", community_code=COMMUNITY_A,
                                      id="a24", revision=1, finalized_at=long_ago())
    source = StaticInputSource([facts()], [competent_2024])
    # 55% × 8000 = 4400 + grade L1 300 + 3 ★ 300 + 本科 200 = 5200.00; 2024 合格: factor 1.00.
    november = await run_and_approve(client, tokens, engine, "2025-11", source)
    december = await run_and_approve(client, tokens, engine, "2025-12", source)
    assert (november["gross"], december["gross"]) == ("5200.00", "5200.00")

    incompetent_2025 = AssessmentResult(worker_id="w1", year=2025, result="incompetent", community_code=COMMUNITY_A,
                                        id="a25", revision=1, finalized_at=later(5))
    january = await run_and_approve(client, tokens, engine, "2026-01",
                                    StaticInputSource([facts()], [competent_2024, incompetent_2025]))
    assert arrears(january) == []
    # January 2026 is paid by the 2025 不合格 (factor 0.50, illustrative): 5200 + 20% × 5200 × (0.50 − 1) = 4680.00
    # (years 2.0 − ½ = 1.5, below the first step: level 1).
    assert january["gross"] == "4680.00"


async def test_a_new_years_star_rating_pays_from_that_year_only(live, tokens, engine):
    """The community rated 3 ★ for 2025 and 5 ★ for 2026: January 2026 pays 500, and November and December 2025,
    recalculated after a correction of the worker's record, stay at 300 (before: +200.00 each)."""
    client, _ = live
    await figures_for_2026(engine)
    rated_2025 = [(COMMUNITY_A, 2025, 3)]
    source = StaticInputSource([facts(stars=rated_2025)])
    for month in ("2025-11", "2025-12"):
        assert (await run_and_approve(client, tokens, engine, month, source))["gross"] == "5200.00"
    rated_2026 = facts(stars=[*rated_2025, (COMMUNITY_A, 2026, 5)], current=5)
    january = await run_and_approve(client, tokens, engine, "2026-01",
                                    StaticInputSource([rated_2026], corrections={"w1": later(5)}))
    assert arrears(january) == []
    assert january["gross"] == "5400.00"  # 4400 + 300 + 5 ★ 500 + 200


async def test_a_transfer_does_not_re_price_the_months_before_it(live, tokens, engine):
    """Paid in community A (3 ★) in November and December, moved to community B (5 ★) in January: the months in A
    stay as paid; January pays B's rating."""
    client, _ = live
    await figures_for_2026(engine)
    ratings = [(COMMUNITY_A, 2025, 3), (COMMUNITY_B, 2025, 5)]
    source = StaticInputSource([facts(stars=ratings)])
    for month in ("2025-11", "2025-12"):
        assert (await run_and_approve(client, tokens, engine, month, source))["gross"] == "5200.00"
    moved = facts(community=COMMUNITY_B, stars=ratings, current=5)
    january = await run_and_approve(client, tokens, engine, "2026-01",
                                    StaticInputSource([moved], corrections={"w1": later(5)}))
    assert arrears(january) == []
    assert january["gross"] == "5400.00"


async def test_a_move_to_another_county_re_prices_the_old_months_with_the_old_countys_policy(live, tokens, engine):
    """The January run of the new county re-prices the months paid in the old one with the old county's scheme and
    figures and the old community's rating: the official 2024 wage (8200, provisional 8000) owes 55% × 200 =
    110.00 for each (with B's 5 ★ it would be 310.00; without the old county's policy, nothing)."""
    client, _ = live
    await figures_for_2026(engine)
    other_county, other_community = "990102", "990102001001"
    ratings = [(COMMUNITY_A, 2025, 3), (other_community, 2025, 5)]
    source = StaticInputSource([facts(stars=ratings)])
    for month in ("2025-11", "2025-12"):
        assert (await run_and_approve(client, tokens, engine, month, source))["gross"] == "5200.00"
    async with engine.begin() as connection:
        await add_figure(connection, "avg_wage_monthly", 2024, "8200", "official", "2026-01-10")
    moved = facts(community=other_community, stars=ratings, current=5).model_copy(
        update={"township_code": other_community[:9], "county_code": other_county})
    january = await run_and_approve(client, tokens, engine, "2026-01", StaticInputSource([moved]), other_county)
    assert arrears(january) == [("2025-11", "110.00"), ("2025-12", "110.00")]
    assert january["gross"] == "5620.00"  # 4400 + 300 + 5 ★ 500 + 200 + 2 × 110
