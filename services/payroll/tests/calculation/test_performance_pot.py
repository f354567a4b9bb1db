"""Songshan year-end performance pay as a fixed pot of the township, shared by result (SS 二.2(2) 「在绩效工资总量内
按一定比例自行分配」). Hand-computed."""

from __future__ import annotations

from decimal import Decimal as D

from payroll.calculation.engine import YearEndPart, calculate_month, distribute_pot, year_end_part

from ..factories import amounts, result, ss_figures, ss_scheme, worker

TOWNSHIP = "150404001"


def _township():
    # Two staff hired 2018-01-01 (level 3, 2840.00 all 2025) in community …001001, a newcomer hired 1 July 2025
    # (level 1, 2600.00) in community …001002 of the same township.
    w1 = worker(worker_id="w1", community_code="150404001001", post="ss_staff", hired_on="2018-01-01")
    w2 = worker(worker_id="w2", community_code="150404001001", post="ss_staff", hired_on="2018-01-01")
    w3 = worker(worker_id="w3", community_code="150404001002", post="ss_staff", hired_on="2025-07-01")
    return [w1, w2, w3]


def test_the_township_pot_is_shared_by_result_and_adds_up_to_the_pot_to_the_fen():
    workers = _township()
    results = {"w1": [result(2025, "excellent", "w1")], "w2": [result(2025, "competent", "w2")],
               "w3": [result(2025, "basically_competent", "w3")]}
    parts = [year_end_part(ss_scheme(), ss_figures(), w, results[w.worker_id], "2025-12") for w in workers]
    # Standard tenths: w1, w2 2840 × 12 × 10%/90% = 3786.666…; w3 2600 × 6 × 10%/90% = 1733.333…
    # Pot = 3786.666… × 2 + 1733.333… = 9306.666… → 9306.67.
    pots = distribute_pot(ss_scheme(), TOWNSHIP, parts)
    assert {p.pot for p in pots.values()} == {D("9306.67")}
    # Weights (standard × factor): w1 × 1.2 = 4544.00; w2 × 1.0 = 3786.666…; w3 × 0.7 = 1213.333…; Σ 9544.00.
    # Exact parts: 9306.67 × 4544/9544 = 4431.0046…, × 3786.666…/9544 = 3692.5038…, × 1213.333…/9544 = 1183.1614…
    # Floors 4431.00 + 3692.50 + 1183.16 = 9306.66; one fen left goes to the largest remainder (w1, .0046).
    assert {w: p.amount for w, p in pots.items()} == {"w1": D("4431.01"), "w2": D("3692.50"), "w3": D("1183.16")}
    assert sum(p.amount for p in pots.values()) == D("9306.67")
    # Without the pot w1 would get 4544.00 (3786.67 × 1.2): the factors spread the pot, they never enlarge it.
    slips = {w.worker_id: calculate_month(ss_scheme(), ss_figures(), w, results[w.worker_id], "2025-12",
                                          run_kind="year_end", pot=pots[w.worker_id]) for w in workers}
    assert {w: s.gross for w, s in slips.items()} == {"w1": D("4431.01"), "w2": D("3692.50"), "w3": D("1183.16")}
    line = next(x for x in slips["w1"].lines if x.code == "performance_year_end")
    assert (line.inputs["unit"], line.inputs["pot"], line.inputs["workers_in_pot"]) == (TOWNSHIP, "9306.67", 3)
    assert "总量" in line.inputs["reading"]


def test_every_factor_high_still_pays_exactly_the_pot():
    workers = _township()
    results = {w.worker_id: [result(2025, "excellent", w.worker_id)] for w in workers}
    parts = [year_end_part(ss_scheme(), ss_figures(), w, results[w.worker_id], "2025-12") for w in workers]
    pots = distribute_pot(ss_scheme(), TOWNSHIP, parts)
    # All 优秀 (1.2): the weights are the standards × 1.2, so each gets its own standard: 3786.666… → floors
    # 3786.66, 3786.66, 1733.33 = 9306.65; two fen left to the largest remainders (.00666… of w1 and w2).
    assert {w: p.amount for w, p in pots.items()} == {"w1": D("3786.67"), "w2": D("3786.67"), "w3": D("1733.33")}
    assert sum(p.amount for p in pots.values()) == D("9306.67")


def test_largest_remainder_ties_go_by_worker_id_and_a_missing_result_holds_the_whole_pot():
    third = D(100) / 3
    parts = [YearEndPart(w, 2025, third, D("1.00"), "", D(12), D("2600.00"), "2025-12") for w in ("b", "a", "c")]
    pots = distribute_pot(ss_scheme(), TOWNSHIP, parts)
    # Pot 33.333… × 3 = 100.00; each 33.333…: floors 33.33 × 3 = 99.99, the fen to the first id of the tie.
    assert {w: p.amount for w, p in pots.items()} == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    # SS pays nothing without a result (no_result_factor null): one worker without a final result holds the pot.
    pending = parts[:2] + [YearEndPart("c", 2025, third, None, "", D(12), D("2600.00"), "2025-12")]
    held = distribute_pot(ss_scheme(), TOWNSHIP, pending)
    assert all(p.amount is None and "1" in p.held_reason for p in held.values())
    facts = worker(worker_id="a", community_code="150404001001", post="ss_staff", hired_on="2018-01-01")
    slip = calculate_month(ss_scheme(), ss_figures(), facts, [result(2025, "competent", "a")], "2025-12",
                           run_kind="year_end", pot=held["a"])
    assert amounts(slip)["performance_year_end"] == D("0.00") and slip.gross == D("0.00")
