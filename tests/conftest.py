"""Cross-service tests: the real stack as `make run` starts it (uvicorn processes, nginx gateway,
real PostgreSQL), on its own ports and databases."""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import devctl  # noqa: E402


@dataclass
class Stack:
    config: devctl.StackConfig
    processes: devctl.Processes
    gateway: str

    def service_url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.config.ports[service]}"

    def login(self, username: str, password: str | None = None) -> dict:
        from registry.seed import DEMO_PASSWORD

        response = httpx.post(f"{self.gateway}/api/auth/token",
                              data={"username": username, "password": password or DEMO_PASSWORD})
        response.raise_for_status()
        return response.json()

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.login(username)['access_token']}"}

    def wait_for_run(self, headers: dict[str, str], run_id: str, states: set[str], timeout: float = 180) -> dict:
        """Poll a payroll run until it reaches one of `states` (or its job failed / was cancelled)."""
        deadline = time.monotonic() + timeout
        run: dict = {}
        while time.monotonic() < deadline:
            run = httpx.get(f"{self.gateway}/api/payroll/v1/runs/{run_id}", headers=headers, timeout=30).json()
            if run["state"] in states or run["job_status"] in ("failed", "cancelled"):
                return run
            time.sleep(0.5)
        raise AssertionError(f"run {run_id} did not reach {states} in {timeout}s: {run}")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    admin = os.environ.get("CWM_TEST_PG") or os.environ.get("DATABASE_URL")
    if not admin:
        pytest.fail("CWM_TEST_PG is not set: run through `make test`")
    # A free block of four ports (other servers on this machine may hold some in this range).
    for _ in range(50):
        base = random.Random().randrange(20000, 30000, 10)
        ports = {"gateway": base, "registry": base + 1, "payroll": base + 2, "assessment": base + 3}
        if not devctl.ports_in_use(list(ports.values())):
            break
    data_dir = tmp_path_factory.mktemp("stack")
    spa = data_dir / "spa"
    spa.mkdir()
    (spa / "index.html").write_text("<!doctype html><title>cwm</title><div id=root>SPA</div>")
    config = devctl.StackConfig(admin_url=admin.replace("postgresql+asyncpg://", "postgresql://"),
                                db_prefix=f"cwm_it{base}", ports=ports, data_dir=data_dir,
                                spa_dir=ROOT / "frontend" / "dist" if (ROOT / "frontend/dist/index.html").exists()
                                else spa)
    devctl.migrate(config)
    devctl.seed(config)
    processes = devctl.Processes(log_dir=data_dir, echo=False)
    try:
        devctl.start_stack(config, processes)
        yield Stack(config=config, processes=processes, gateway=f"http://127.0.0.1:{ports['gateway']}")
    except Exception:
        for log in sorted(data_dir.glob("*.log")):
            sys.stderr.write(f"--- {log.name}\n{log.read_text()[-3000:]}\n")
        raise
    finally:
        processes.stop_all()
        devctl._drop_databases(config.admin_url, [config.db_name(s) for s in devctl.SERVICES])
