"""`make run` stops everything on SIGTERM / SIGINT (SIGHUP too), whenever they land: during start-up (PostgreSQL start,
migrations, seed, services starting) and once up, with more signals arriving while it stops.

devctl runs as `make run` runs it (`devctl.py run`: embedded PostgreSQL, migrate, seed, services, procrastinate
worker, gateway), on its own data directory and ports, below a child subreaper (`_reaper.py`): every process it
starts, however detached (the postmaster pg_ctl leaves behind), stays below the reaper and is checked by PID.
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEVCTL = ROOT / "scripts" / "devctl.py"
REAPER_PATH = Path(__file__).with_name("_reaper.py")
_spec = importlib.util.spec_from_file_location("cwm_ops_reaper", REAPER_PATH)
reaper = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(reaper)  # type: ignore[union-attr]

sys.path.insert(0, str(ROOT / "scripts"))
import devctl

GRACE = 30.0  # from the first signal until the last process is gone (devctl gives children 10 s before SIGKILL)
STARTUP_TIMEOUT = 240.0  # a cold start on two busy cores: initdb, three services' migrations, seed
BUDGET = 100.0  # the iterations at random start-up moments stop once the test has run this long

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc and a subreaper")


def free_base() -> int:
    """A block of free ports: gateway, three services, and PostgreSQL at +5."""
    rng = random.Random()
    for _ in range(100):
        base = rng.randrange(31000, 39000, 10)
        if not devctl.ports_in_use(list(range(base, base + 6))):
            return base
    raise RuntimeError("no free block of ports")


class Run:
    """`devctl.py run …` below the reaper; reads its output in a thread."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, str(REAPER_PATH), str(GRACE), "--", sys.executable, str(DEVCTL), *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self.lines: list[str] = []
        self.pid: int | None = None
        self.report: dict | None = None
        self.has_pid, self.up, self.done = threading.Event(), threading.Event(), threading.Event()
        self.up_after: float | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        import json

        assert self.process.stdout is not None
        for raw in self.process.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith("REAPER child "):
                self.pid = int(line.split()[2])
                self.has_pid.set()
            elif line.startswith("REAPER report "):
                self.report = json.loads(line.removeprefix("REAPER report "))
            elif "is running at http" in line and not self.up.is_set():
                self.up_after = time.monotonic() - self.started
                self.up.set()
        self.done.set()

    def alive(self) -> bool:
        info = reaper.stat(self.pid) if self.pid else None
        return info is not None and info[0] != "Z" and self.report is None

    def output(self) -> str:
        return "\n".join(self.lines[-60:])

    def kill(self) -> None:
        """Last resort when the test itself fails: the reaper then kills whatever is left."""
        if self.pid and self.alive():
            os.kill(self.pid, signal.SIGKILL)
        self.done.wait(GRACE + 10)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


def postmaster_pid(pg_dir: Path) -> int | None:
    try:
        return int((pg_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def stop_once(args: list[str], env: dict[str, str], pg_dir: Path, rng: random.Random, delay: float | None,
              label: str) -> float | None:
    """Start `devctl run`, signal it `delay` s after starting it (None: a random moment once it is up), send
    one to three more signals while it stops, and check that every process below it is gone within GRACE.
    Returns how long it took to come up when it did."""
    run = Run(args, env)
    try:
        assert run.has_pid.wait(30), run.output()
        if delay is None:
            assert run.up.wait(STARTUP_TIMEOUT), f"{label}: not up in {STARTUP_TIMEOUT}s\n{run.output()}"
            time.sleep(rng.uniform(0, 1.5))
        else:
            run.done.wait(max(0.0, run.started + delay - time.monotonic()))
        assert run.alive(), f"{label}: devctl ended before any signal\n{run.output()}"
        before = reaper.descendants(run.process.pid)
        children = [pid for pid in before if (info := reaper.stat(pid)) and info[1] == run.pid]
        postmaster = postmaster_pid(pg_dir)
        sent = [rng.choice((signal.SIGTERM, signal.SIGINT))]
        first = time.monotonic()
        os.kill(run.pid, sent[0])
        for _ in range(rng.randint(1, 3)):
            time.sleep(rng.uniform(0.0, 0.8))
            if not run.alive():
                break
            sent.append(rng.choice((signal.SIGTERM, signal.SIGINT, signal.SIGHUP)))
            os.kill(run.pid, sent[-1])
        stopped = run.done.wait(2 * GRACE + 10)
    except BaseException:
        run.kill()
        devctl.stop_embedded_postgres(pg_dir)
        raise
    names = [signal.Signals(s).name for s in sent]
    context = (f"{label}: signals {names} at {first - run.started:.1f}s after start "
               f"(up after {run.up_after}); children then {children}, postmaster {postmaster}\n{run.output()}")
    if not stopped or run.report is None:
        run.kill()
        devctl.stop_embedded_postgres(pg_dir)
        pytest.fail(f"devctl or its reaper did not end\n{context}")
    report = run.report
    assert report["leftovers"] == {}, f"still running {GRACE}s after devctl ended: {report['leftovers']}\n{context}"
    assert report["empty_at"] - first <= GRACE, f"took {report['empty_at'] - first:.1f}s to stop\n{context}"
    if any(line.startswith("PostgreSQL: ") for line in run.lines):  # our handlers were in place
        assert report["returncode"] == 0, f"exit code {report['returncode']}\n{context}"
    if delay is None:  # once up: three services, the worker and the gateway, and the postmaster
        assert len(children) >= 5, context
        assert postmaster in before, context
    if postmaster is not None:
        assert reaper.stat(postmaster) is None or reaper.stat(postmaster)[0] == "Z", context
    assert not (pg_dir / "postmaster.pid").exists(), context
    return run.up_after


@pytest.mark.e2e
def test_run_stops_everything_on_sigterm_and_sigint(scratch: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    base = free_base()
    data_dir = scratch / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CWM_PG_PORT")}
    args = ["run", "--skip-frontend", "--quiet", "--data-dir", str(data_dir), "--base-port", str(base),
            "--pg-port", str(base + 5)]
    pg_dir = data_dir / "pg"
    begun = time.monotonic()
    print(f"random seed {seed}, ports {base}…{base + 5}")
    # Cold start: a signal during initdb / PostgreSQL start / the first migrations.
    stop_once(args, env, pg_dir, rng, rng.uniform(0.5, 10.0), "cold start")
    # All the way up, stopped at a random moment of steady state.
    up_after = stop_once(args, env, pg_dir, rng, None, "steady state")
    assert up_after is not None
    # Random moments of a (warm) start-up, as long as the budget allows.
    iterations = 0
    while iterations < 1 or (iterations < 4 and time.monotonic() - begun + up_after + GRACE < BUDGET):
        stop_once(args, env, pg_dir, rng, rng.uniform(0.2, up_after), f"start-up #{iterations + 1}")
        iterations += 1
