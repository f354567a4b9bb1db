"""While runs calculate, Python's cyclic collector runs less often and skips the objects from before the first
run; the last run to end puts everything back, whether it ends or fails, and overlapping runs do not leave the
process with a run's settings."""

from __future__ import annotations

import gc

import pytest

from payroll.runs.collector import RUN_GEN0_THRESHOLD, compute_process_initializer, fewer_collections


@pytest.fixture(autouse=True)
def default_collector():
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.unfreeze()  # as in a process that froze nothing (the test process may have started an app already)
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)
    if frozen:
        gc.freeze()


def test_a_process_that_froze_its_objects_already_keeps_its_freeze():
    gc.freeze()
    frozen = gc.get_freeze_count()
    with fewer_collections():
        assert gc.get_threshold()[0] == RUN_GEN0_THRESHOLD
    assert 0 < gc.get_freeze_count() <= frozen  # neither undone nor added to by the run (frozen objects may die)
    gc.unfreeze()


def test_a_run_makes_collections_rarer_and_freezes_what_was_there_then_puts_both_back():
    assert gc.get_freeze_count() == 0
    with fewer_collections():
        assert gc.get_threshold() == (RUN_GEN0_THRESHOLD, 10, 10)
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_overlapping_runs_the_last_one_out_restores_even_when_the_first_ends_first():
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first run ends while the second still calculates
    assert gc.get_threshold()[0] == RUN_GEN0_THRESHOLD
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_failing_run_puts_the_collector_back():
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("upstream lost")
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_the_collector_still_runs_by_itself_during_a_run_only_less_often():
    with fewer_collections():
        assert gc.isenabled()
        collections = gc.get_stats()[0]["collections"]
        kept = [[] for _ in range(RUN_GEN0_THRESHOLD // 2)]
        assert gc.get_stats()[0]["collections"] == collections  # 700 allocations no longer trigger one
        kept += [[] for _ in range(RUN_GEN0_THRESHOLD)]
        assert gc.get_stats()[0]["collections"] > collections
    del kept


def test_a_compute_process_keeps_rarer_collections():
    compute_process_initializer()
    assert gc.get_threshold() == (RUN_GEN0_THRESHOLD, 10, 10)
