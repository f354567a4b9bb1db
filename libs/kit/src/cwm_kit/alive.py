"""Liveness of a process that serves no HTTP (the statistics refresher): it touches a file after each round of
work that succeeded, and the orchestrator's probe runs

    python -m cwm_kit.alive FILE SECONDS

which fails (exit 1) when FILE is missing or older than SECONDS. A process that runs but stopped making progress
(a connection hung, a loop stuck) is restarted like a dead one. Standard library only: the probe starts fast."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def beat(path: str | os.PathLike[str]) -> None:
    Path(path).touch()


def is_alive(path: str | os.PathLike[str], max_age_seconds: float) -> tuple[bool, str]:
    try:
        age = time.time() - os.path.getmtime(path)
    except OSError:
        return False, f"{path}: no heartbeat yet"
    if age > max_age_seconds:
        return False, f"{path}: last heartbeat {age:.0f} s ago (more than {max_age_seconds:g} s)"
    return True, f"{path}: heartbeat {age:.0f} s ago"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m cwm_kit.alive FILE SECONDS", file=sys.stderr)
        return 2
    alive, message = is_alive(args[0], float(args[1]))
    print(message, file=sys.stdout if alive else sys.stderr)
    return 0 if alive else 1


if __name__ == "__main__":
    sys.exit(main())
