"""The liveness probe of a process without HTTP: alive while the file it touches is recent."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from cwm_kit import alive


def test_alive_while_the_heartbeat_is_recent_and_not_after(tmp_path):
    heartbeat = tmp_path / "beat"
    assert alive.main([str(heartbeat), "120"]) == 1  # nothing yet: not alive
    alive.beat(heartbeat)
    assert alive.main([str(heartbeat), "120"]) == 0
    old = time.time() - 121
    os.utime(heartbeat, (old, old))  # the process stopped making progress two minutes ago
    assert alive.main([str(heartbeat), "120"]) == 1
    alive.beat(heartbeat)  # a beat again: alive again
    assert alive.is_alive(heartbeat, 120)[0]
    assert alive.main([str(heartbeat)]) == 2  # usage


def test_the_probe_command_the_manifests_run(tmp_path):
    heartbeat = tmp_path / "beat"
    probe = [sys.executable, "-m", "cwm_kit.alive", str(heartbeat), "120"]
    assert subprocess.run(probe, capture_output=True, check=False).returncode == 1
    alive.beat(heartbeat)
    assert subprocess.run(probe, capture_output=True, check=False).returncode == 0
