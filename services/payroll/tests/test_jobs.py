"""The job worker's heartbeat (its liveness probe: `python -m cwm_kit.alive FILE SECONDS`)."""

from __future__ import annotations

import asyncio
import contextlib
import os

from cwm_kit import alive

from payroll.jobs import keep_heartbeat, make_app


async def _beat_for(app, path, seconds: float) -> None:
    task = asyncio.create_task(keep_heartbeat(app, str(path), every_seconds=0.05))
    await asyncio.sleep(seconds)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_the_worker_beats_while_its_database_answers(settings, tmp_path):
    heartbeat = tmp_path / "worker-heartbeat"
    app = make_app(settings)
    async with app.open_async():
        await _beat_for(app, heartbeat, 0.3)
        first = os.path.getmtime(heartbeat)
        await _beat_for(app, heartbeat, 0.3)
    assert alive.is_alive(heartbeat, 5)[0]
    assert os.path.getmtime(heartbeat) > first  # it keeps beating, not once at start


async def test_no_beat_when_the_database_does_not_answer(settings, tmp_path, caplog):
    heartbeat = tmp_path / "worker-heartbeat"
    app = make_app(settings)
    async with app.open_async():
        pass  # its connection pool is closed again: every query fails, as with the database gone
    await _beat_for(app, heartbeat, 0.3)
    assert not heartbeat.exists()
    assert alive.is_alive(heartbeat, 120) == (False, f"{heartbeat}: no heartbeat yet")
    assert "heartbeat: the database did not answer" in caplog.text
