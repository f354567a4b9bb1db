"""The payroll job worker: `python -m payroll.worker` (devctl starts it next to the API)."""

from __future__ import annotations

import asyncio
import logging

from cwm_kit.logs import configure_logging

from payroll.config import get_settings
from payroll.jobs import QUEUE, WORKER_CONCURRENCY, run_worker, worker_app


async def main() -> None:
    settings = get_settings()
    configure_logging("payroll-worker", settings.log_level)
    app = worker_app()
    async with app.open_async():
        logging.getLogger(__name__).info("payroll worker listening on queue %r, %d jobs at once", QUEUE,
                                         WORKER_CONCURRENCY)
        # until SIGINT/SIGTERM, through database restarts
        await run_worker(app, concurrency=WORKER_CONCURRENCY, heartbeat_file=settings.worker_heartbeat_file,
                         heartbeat_seconds=settings.worker_heartbeat_seconds)


if __name__ == "__main__":
    asyncio.run(main())
