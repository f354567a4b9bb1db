"""Runs a command as a child subreaper and reports what it leaves behind: `python _reaper.py GRACE -- CMD…`.

Linux only. Every process the command starts, however it detaches (its own session, a daemon such as
PostgreSQL's postmaster started through pg_ctl), stays below this process: orphans are re-parented to it, not
to init. Prints `REAPER child <pid>` first, lets the command write to the same stdout, and once the command has
exited waits up to GRACE seconds for its descendants to end. The last line is `REAPER report <json>`: the
command's exit code, when it exited and when the last descendant was gone (time.monotonic, comparable across
processes), and the descendants still alive at the deadline (then killed, so that nothing leaks).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36


def stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def descendants(root: int) -> dict[int, str]:
    """Live (not zombie) descendants of `root`: {pid: command line}."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (info := stat(int(entry))) and info[0] != "Z":
            parents[int(entry)] = info[1]
    found: dict[int, str] = {}
    frontier = {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        for pid in frontier:
            try:
                found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                found[pid] = "?"
    return found


def reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main() -> int:
    grace = float(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1:]
    if ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")
    child = subprocess.Popen(command)
    print(f"REAPER child {child.pid}", flush=True)
    returncode = child.wait()
    exited_at = time.monotonic()
    deadline = exited_at + grace
    empty_at = None
    while True:
        reap()
        left = descendants(os.getpid())
        if not left:
            empty_at = time.monotonic()
            break
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    time.sleep(0.2)
    reap()
    report = {"returncode": returncode, "exited_at": exited_at, "empty_at": empty_at,
              "leftovers": {str(pid): command for pid, command in left.items()}}
    print(f"REAPER report {json.dumps(report)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
