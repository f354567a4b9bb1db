"""Python's cyclic garbage collector while runs calculate.

A run allocates millions of short-lived objects (facts models, lines, rows) that reference counting frees,
and keeps tens of thousands alive (the calculation memo, interned rows, the batch in flight). With the
default thresholds the collector runs every 700 net allocations and its older generations rescan everything
kept alive: validating a facts line cost 10 µs with nothing kept and 69 µs with its batch kept (20,000 lines
of `payroll/bench`). While any run calculates in this process, collections are rarer and the objects from
before the first run are frozen out of them; both are put back when the last run ends. Nothing is leaked:
reference counting still frees everything acyclic at once, and the collector still runs, only less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from cwm_kit.app import collect_less_often

RUN_GEN0_THRESHOLD = 100_000

_active = 0
_saved: tuple[int, int, int] | None = None
_froze = False


@contextmanager
def fewer_collections() -> Iterator[None]:
    """For the length of a run (runs may overlap in one process: the first in sets, the last out restores). A
    process that froze its objects already (a web process, cwm_kit.app.tune_collector_for_serving) keeps its
    freeze as it was: the run neither adds to it nor undoes it."""
    global _active, _saved, _froze
    if _active == 0:
        _froze = gc.get_freeze_count() == 0
        if _froze:
            gc.freeze()
        _saved = collect_less_often(RUN_GEN0_THRESHOLD)
    _active += 1
    try:
        yield
    finally:
        _active -= 1
        if _active == 0 and _saved is not None:
            gc.set_threshold(*_saved)
            if _froze:
                gc.unfreeze()


def compute_process_initializer() -> None:
    """A compute process of a run (`processes` > 0) only calculates: rarer collections for its whole life."""
    collect_less_often(RUN_GEN0_THRESHOLD)
