"""Faults the system must survive (issue 9), each against real processes on a stack of its own: its own
embedded PostgreSQL (restarted by one test), its own ports, and a township with enough workers that a
payroll run lasts long enough to be interrupted half way (CWM_FAULT_WORKERS, 10,000). About 4½ minutes;
CWM_KEEP_FAULTS=1 keeps the stack's logs and data in .data/faults-*."""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import devctl  # on the path through the conftest
import httpx
import pytest
from payroll.upstream import FACTS  # the registry's facts stream, as the payroll worker asks for it

from tests.conftest import Stack  # pytest's importlib mode names the cross-service conftest so
from tests.holding_proxy import HoldingProxy

BIG_TOWNSHIP = "640105001"  # 西夏区: no demo officer works there, so the extra workers disturb nobody
BIG_WORKERS = int(os.environ.get("CWM_FAULT_WORKERS", "10000"))


@dataclass
class FaultStack(Stack):
    pg_dir: os.PathLike

    def db(self, service: str) -> str:
        return devctl.database_url(self.config.admin_url, self.config.db_name(service)).replace("+asyncpg", "")

    def fetch(self, service: str, sql: str, *args: object) -> list[asyncpg.Record]:
        async def _fetch() -> list[asyncpg.Record]:
            connection = await asyncpg.connect(self.db(service))
            try:
                return await connection.fetch(sql, *args)
            finally:
                await connection.close()

        return asyncio.run(_fetch())

    def start_process(self, name: str) -> None:
        if name == "payroll-worker":
            self.processes.start(name, [devctl.PYTHON, "-m", "payroll.worker"], self.config.service_env("payroll"))
            return
        # As a deploy would: the service comes back at the code's schema (the tree may have moved on).
        from cwm_kit.migrations import upgrade_to_head

        upgrade_to_head(__import__(f"{name}.main", fromlist=["MIGRATIONS_DIR"]).MIGRATIONS_DIR,
                        self.config.service_env(name)["CWM_DATABASE_URL"])
        self.processes.start(name, devctl.service_command(name, self.config.ports[name]),
                             self.config.service_env(name))
        devctl.wait_http(f"{self.service_url(name)}/readyz")

    def kill(self, name: str, sig: signal.Signals = signal.SIGKILL) -> None:
        process = self.processes.children.pop(name)
        os.killpg(process.pid, sig)
        if sig == signal.SIGKILL:
            process.wait(10)
        else:
            self.processes.children[name] = process


def _free_block() -> dict[str, int]:
    for _ in range(50):
        base = random.Random().randrange(30000, 40000, 10)
        ports = {"gateway": base, "registry": base + 1, "payroll": base + 2, "assessment": base + 3,
                 "postgres": base + 4}
        if not devctl.ports_in_use(list(ports.values())):
            return ports
    raise RuntimeError("no free block of ports")


def _add_workers(config: devctl.StackConfig, township: str, count: int) -> None:
    """`count` synthetic staff in the township's communities, inserted in bulk like the demo workers."""
    from cwm_kit.db import make_engine, make_sessionmaker
    from registry import demo_regions
    from registry.workers.demo import MODELS, _one_worker
    from sqlalchemy import insert

    communities = [r["code"] for r in demo_regions.regions() if r["level"] == "community"]
    mine = [c for c in communities if c.startswith(township)]
    rng = random.Random(9)
    tables: dict[str, list[dict]] = {name: [] for name in MODELS}
    used: set[str] = set()
    for index in range(count):
        # index 1 mod 6 avoids the demo generator's probationers, leavers and earlier service elsewhere.
        _one_worker(rng, tables, used, mine[index % len(mine)], communities, "nx_staff", index * 6 + 3)

    async def _insert() -> None:
        engine = make_engine(config.service_env("registry")["CWM_DATABASE_URL"])
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                for name, model in MODELS.items():
                    rows = tables[name]
                    for start in range(0, len(rows), 5000):
                        await session.execute(insert(model), rows[start:start + 5000])
        finally:
            await engine.dispose()

    asyncio.run(_insert())


@pytest.fixture(scope="module")
def faulty() -> Iterator[FaultStack]:
    # Not under pytest's tmp: another pytest session resets its mode to 0700, which the PostgreSQL user
    # (PostgreSQL refuses root) then cannot enter.
    devctl.DATA.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="faults-", dir=devctl.DATA))
    ports = _free_block()
    pg_dir = data_dir / "pg"
    admin = devctl.start_embedded_postgres(pg_dir, ports.pop("postgres"), fast=True)
    spa = data_dir / "spa"
    spa.mkdir()
    (spa / "index.html").write_text("<!doctype html><title>cwm</title>")
    config = devctl.StackConfig(admin_url=admin, db_prefix="cwm_faults", ports=ports, data_dir=data_dir, spa_dir=spa)
    processes = devctl.Processes(log_dir=data_dir, echo=False)
    try:
        devctl.migrate(config)
        devctl.seed(config)
        _add_workers(config, BIG_TOWNSHIP, BIG_WORKERS)
        devctl.start_stack(config, processes)
        yield FaultStack(config=config, processes=processes, gateway=f"http://127.0.0.1:{ports['gateway']}",
                         pg_dir=pg_dir)
    except Exception:
        for log in sorted(data_dir.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text()[-3000:]}")
        raise
    finally:
        processes.stop_all()
        devctl.stop_embedded_postgres(pg_dir)
        if not os.environ.get("CWM_KEEP_FAULTS"):
            shutil.rmtree(data_dir, ignore_errors=True)


# ---------------------------------------------------------------- helpers


def _start(stack: FaultStack, headers: dict[str, str], region: str, month: str) -> dict:
    response = httpx.post(f"{stack.gateway}/api/payroll/v1/runs", json={"region_code": region, "month": month},
                          headers=headers, timeout=30)
    assert response.status_code in (200, 201), response.text
    return response.json()


def _wait_progress(stack: FaultStack, run_id: str, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = stack.fetch("payroll", "SELECT job_status, processed FROM payroll_run WHERE id = $1",
                          uuid.UUID(run_id))[0]
        assert row["job_status"] in ("queued", "running"), row
        if row["job_status"] == "running" and row["processed"] >= at_least:  # this attempt's progress
            return
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} made no progress in {timeout}s")


def _wait_job(stack: FaultStack, headers: dict[str, str], run_id: str, attempts: int, timeout: float = 240) -> dict:
    """The run once its calculation number `attempts` (or a later one) has ended."""
    deadline = time.monotonic() + timeout
    run: dict = {}
    while time.monotonic() < deadline:
        response = httpx.get(f"{stack.gateway}/api/payroll/v1/runs/{run_id}", headers=headers, timeout=30)
        # The run is read even while the registry is down: every payroll process fetched the signing keys when it
        # started (cwm_kit.tokens.JwksCache.warm), so no read waits for the registry.
        assert response.status_code == 200, f"run {run_id}: {response.status_code} {response.text[:500]}"
        run = response.json()
        if run["attempts"] >= attempts and run["job_status"] in ("succeeded", "failed", "cancelled"):
            return run
        time.sleep(0.5)
    raise AssertionError(f"run {run_id}: calculation {attempts} did not end in {timeout}s: {run}")


def _payslips(stack: FaultStack, run_id: str) -> tuple[int, int]:
    row = stack.fetch("payroll", "SELECT count(*) AS n, count(DISTINCT worker_id) AS workers FROM payslip "
                      "WHERE run_id = $1", uuid.UUID(run_id))[0]
    return row["n"], row["workers"]


def _totals(run: dict) -> tuple:
    return (run["worker_count"], run["gross_total"], run["net_total"], run["employer_total"],
            run["arrears_total"])


# ---------------------------------------------------------------- the payroll worker dies half way


def test_worker_killed_mid_run_is_retried_with_one_payslip_each_and_the_same_totals(faulty):
    admin = faulty.headers("nx_admin")
    run = _start(faulty, admin, BIG_TOWNSHIP, "2025-07")
    _wait_progress(faulty, run["id"], 2000)
    faulty.kill("payroll-worker")
    killed = faulty.fetch("payroll", "SELECT state, job_status FROM payroll_run WHERE id = $1",
                          uuid.UUID(run["id"]))[0]
    assert (killed["state"], killed["job_status"]) == ("draft", "running")
    assert _payslips(faulty, run["id"]) == (0, 0)  # the dead attempt's payslips were never committed

    # A worker (re)started: procrastinate sees the dead worker's job stalled and queues it again.
    started = time.monotonic()
    faulty.start_process("payroll-worker")
    done = _wait_job(faulty, admin, run["id"], 2)
    print(f"recovered in {time.monotonic() - started:.0f}s")
    assert (done["state"], done["job_status"], done["attempts"]) == ("calculated", "succeeded", 2), done["error"]
    assert _payslips(faulty, run["id"]) == (done["worker_count"], done["worker_count"])
    assert done["worker_count"] > BIG_WORKERS * 0.9

    # The same run never interrupted gives the same totals.
    again = httpx.post(f"{faulty.gateway}/api/payroll/v1/runs/{run['id']}/recalculate", headers=admin, timeout=30)
    assert again.status_code == 202, again.text
    clean = _wait_job(faulty, admin, run["id"], 3)
    assert clean["job_status"] == "succeeded" and clean["attempts"] == 3, clean
    assert _totals(clean) == _totals(done)

    # Killed again, then restarted by the officer at once (POST the same run again): no waiting.
    assert httpx.post(f"{faulty.gateway}/api/payroll/v1/runs/{run['id']}/recalculate", headers=admin,
                      timeout=30).status_code == 202
    _wait_progress(faulty, run["id"], 2000)
    faulty.kill("payroll-worker")
    restarted = _start(faulty, admin, BIG_TOWNSHIP, "2025-07")
    assert restarted["id"] == run["id"] and restarted["job_status"] == "queued", restarted
    faulty.start_process("payroll-worker")
    final = _wait_job(faulty, admin, run["id"], 5)
    assert final["job_status"] == "succeeded", final
    assert _totals(final) == _totals(done)
    assert _payslips(faulty, run["id"]) == (done["worker_count"], done["worker_count"])


def test_worker_killed_while_a_city_run_is_split_by_county_keeps_nothing_half_and_completes_once(faulty):
    """A city's run is one job per county (ADR 0008). The worker dies with some counties done and the big one
    half way: nothing is the run's yet, and once a worker is back every county is paid exactly once."""
    admin = faulty.headers("nx_admin")
    run = _start(faulty, admin, "6401", "2025-11")  # a month no other test here pays: the city covers them all
    _wait_progress(faulty, run["id"], 2000)
    faulty.kill("payroll-worker")
    parts = faulty.fetch("payroll", "SELECT region_code, status FROM payroll_run_part WHERE run_id = $1",
                         uuid.UUID(run["id"]))
    assert len(parts) >= 3 and BIG_TOWNSHIP[:6] in {p["region_code"] for p in parts}, parts
    assert any(p["status"] == "running" for p in parts), parts
    killed = httpx.get(f"{faulty.gateway}/api/payroll/v1/runs/{run['id']}/payslips", headers=admin, timeout=30)
    assert killed.status_code == 200 and killed.json()["total"] == 0  # a draft run shows no payslips

    # The dead worker's part job is seen stalled and run again, in the same attempt: the counties already
    # done are kept, the half-done one starts afresh (its transaction never committed).
    faulty.start_process("payroll-worker")
    done = _wait_job(faulty, admin, run["id"], 1)
    assert (done["state"], done["job_status"], done["attempts"]) == ("calculated", "succeeded", 1), done["error"]
    assert done["worker_count"] > BIG_WORKERS * 0.9
    assert _payslips(faulty, run["id"]) == (done["worker_count"], done["worker_count"])
    parts = faulty.fetch("payroll", "SELECT DISTINCT status FROM payroll_run_part WHERE run_id = $1",
                         uuid.UUID(run["id"]))
    assert [p["status"] for p in parts] == ["succeeded"], parts

    # The same run never interrupted gives the same totals.
    again = httpx.post(f"{faulty.gateway}/api/payroll/v1/runs/{run['id']}/recalculate", headers=admin, timeout=30)
    assert again.status_code == 202, again.text
    clean = _wait_job(faulty, admin, run["id"], 2)
    assert clean["job_status"] == "succeeded", clean
    assert _totals(clean) == _totals(done)


# ---------------------------------------------------------------- registry or assessment down, or lost half way

SMALL_TOWNSHIP = "640106001"  # 金凤区: demo workers only, a run of a second


@pytest.mark.parametrize(("service", "month"), [("registry", "2025-08"), ("assessment", "2025-09")])
def test_a_run_started_while_a_service_is_down_fails_naming_it_keeps_nothing_and_succeeds_later(faulty, service,
                                                                                                month):
    admin = faulty.headers("nx_admin")
    assert httpx.get(f"{faulty.gateway}/api/payroll/v1/runs", headers=admin).status_code == 200  # JWKS cached
    faulty.processes.stop(service)
    try:
        run = _start(faulty, admin, SMALL_TOWNSHIP, month)
        failed = _wait_job(faulty, admin, run["id"], 1, timeout=120)
    finally:
        faulty.start_process(service)
    assert (failed["state"], failed["job_status"]) == ("draft", "failed")
    assert failed["error"].startswith(f"{service}_unavailable:"), failed["error"]
    assert "nothing was kept" in failed["error"]
    assert _payslips(faulty, run["id"]) == (0, 0)
    assert _start(faulty, admin, SMALL_TOWNSHIP, month)["job_status"] == "queued"  # the officer's retry
    done = _wait_job(faulty, admin, run["id"], 2)
    assert (done["state"], done["job_status"]) == ("calculated", "succeeded"), done["error"]
    assert done["worker_count"] > 0 and _payslips(faulty, run["id"]) == (done["worker_count"],) * 2


def test_registry_lost_half_way_fails_the_run_naming_it_keeps_nothing_and_a_retry_succeeds(faulty):
    """The payroll worker reads the registry through a relay that holds the facts stream after half the
    township's workers, so the registry is lost while the stream is certainly open and batches are written."""
    admin = faulty.headers("nx_admin")
    proxy = HoldingProxy(faulty.config.ports["registry"], f"{FACTS}?region={BIG_TOWNSHIP}".encode(),
                         hold_after_lines=BIG_WORKERS // 2)
    faulty.kill("payroll-worker")
    env = faulty.config.service_env("payroll") | {"CWM_REGISTRY_URL": f"http://127.0.0.1:{proxy.port}"}
    faulty.processes.start("payroll-worker", [devctl.PYTHON, "-m", "payroll.worker"], env)
    try:
        run = _start(faulty, admin, BIG_TOWNSHIP, "2025-10")
        assert proxy.holding.wait(120), "the facts stream never reached the point where it is held"
        _wait_progress(faulty, run["id"], 2000)  # a batch written (uncommitted), the stream still open
        faulty.kill("registry")
        proxy.reset()
        try:
            failed = _wait_job(faulty, admin, run["id"], 1, timeout=120)
        finally:
            faulty.start_process("registry")
    finally:
        proxy.close()
        faulty.kill("payroll-worker")
        faulty.start_process("payroll-worker")
    assert (failed["state"], failed["job_status"]) == ("draft", "failed")
    assert failed["error"].startswith("registry_unavailable:") and "worker facts" in failed["error"], failed["error"]
    assert _payslips(faulty, run["id"]) == (0, 0)
    assert _start(faulty, admin, BIG_TOWNSHIP, "2025-10")["job_status"] == "queued"
    done = _wait_job(faulty, admin, run["id"], 2)
    assert (done["state"], done["job_status"]) == ("calculated", "succeeded"), done["error"]
    assert _payslips(faulty, run["id"]) == (done["worker_count"],) * 2 and done["worker_count"] > BIG_WORKERS * 0.9


# ---------------------------------------------------------------- concurrency on real parallel connections


def _at_once(*calls) -> list[httpx.Response]:
    """Each call on its own thread and connection, released together."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code, response.text


def _add_account(stack: FaultStack, username: str, role: str, jurisdiction: str) -> None:
    from cwm_kit.db import make_engine, make_sessionmaker
    from registry.auth.models import Account
    from registry.auth.passwords import hash_password
    from registry.seed import DEMO_PASSWORD

    async def _add() -> None:
        engine = make_engine(stack.config.service_env("registry")["CWM_DATABASE_URL"])
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                session.add(Account(username=username, password_hash=hash_password(DEMO_PASSWORD),
                                    display_name=username, role=role, jurisdiction=jurisdiction))
        finally:
            await engine.dispose()

    asyncio.run(_add())


def test_two_finance_officers_approve_the_same_run_at_once(faulty):
    _add_account(faulty, "xq_finance2", "finance_officer", "640104001")
    run = _start(faulty, faulty.headers("xq_town"), "640104001", "2025-06")
    assert _wait_job(faulty, faulty.headers("xq_town"), run["id"], 1)["job_status"] == "succeeded"
    url = f"{faulty.gateway}/api/payroll/v1/runs/{run['id']}/approve"
    officers = {name: faulty.headers(name) for name in ("xq_finance", "xq_finance2")}
    responses = _at_once(*(lambda h=h: httpx.post(url, headers=h, timeout=30) for h in officers.values()))
    assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
    _refused(next(r for r in responses if r.status_code == 409), 409, "run_not_calculated")
    winner = next(r for r in responses if r.status_code == 200).json()
    stored = faulty.fetch("payroll", "SELECT state, approved_by FROM payroll_run WHERE id = $1",
                          uuid.UUID(run["id"]))[0]
    assert (stored["state"], stored["approved_by"]) == ("approved", winner["approved_by"])
    approvals = faulty.fetch("payroll", "SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND "
                             "action = 'approve'", run["id"])[0]["n"]
    assert approvals == 1


def test_two_edits_of_the_same_worker_with_the_same_etag(faulty):
    town = faulty.headers("xq_town")
    worker = httpx.get(f"{faulty.gateway}/api/registry/v1/workers?size=1", headers=town).json()["items"][0]
    url = f"{faulty.gateway}/api/registry/v1/workers/{worker['id']}"
    read = httpx.get(url, headers=town)
    etag, version = read.headers["etag"], read.json()["version"]
    phones = ["13900001111", "13900002222"]
    responses = _at_once(*(lambda p=p: httpx.patch(url, json={"phone": p}, headers={**town, "If-Match": etag},
                                                   timeout=30) for p in phones))
    assert sorted(r.status_code for r in responses) == [200, 412], [r.text for r in responses]
    _refused(next(r for r in responses if r.status_code == 412), 412,
             next(r for r in responses if r.status_code == 412).json()["code"])
    winner = phones[[r.status_code for r in responses].index(200)]
    after = httpx.get(url, headers=town).json()
    assert (after["phone"], after["version"]) == (winner, version + 1)


def test_two_officers_register_into_the_last_quota_place_at_once(faulty):
    county = faulty.headers("xq_county")
    line = next(q for q in httpx.get(f"{faulty.gateway}/api/registry/v1/quota?region=640104",
                                     headers=county).json() if q["region_code"] == "640104")
    per = int(line["rule_params"]["per_10000_urban_residents"])
    places = line["filled"] + 1 - line["exception_posts"]  # exactly one place left
    faulty.fetch("registry", "UPDATE region SET urban_population = $2 WHERE code = $1",
                 "640104", -(-places * 10_000 // per))
    line = next(q for q in httpx.get(f"{faulty.gateway}/api/registry/v1/quota?region=640104",
                                     headers=county).json() if q["region_code"] == "640104")
    assert line["vacancies"] == 1, line
    from registry.workers import national_id

    def register(officer: str, community: str, sequence: int):
        body = {"name": "并发", "national_id": national_id.make("640104", datetime.date(1991, 3, 9), sequence),
                "ethnicity": "汉族", "political_status": "群众", "phone": "13812345678",
                "community_code": community, "post": "nx_staff", "hired_on": "2025-03-01",
                "contract_term_years": 3,
                "education": [{"level": "benke", "institution": "宁夏大学", "graduated_on": "2013-07-01"}]}
        headers = faulty.headers(officer)
        return lambda: httpx.post(f"{faulty.gateway}/api/registry/v1/workers", json=body, headers=headers, timeout=30)

    responses = _at_once(register("xq_town", "640104001001", 401), register("xq_town2", "640104002001", 403))
    assert sorted(r.status_code for r in responses) == [201, 409], [r.text for r in responses]
    _refused(next(r for r in responses if r.status_code == 409), 409, "quota_exceeded")
    line = next(q for q in httpx.get(f"{faulty.gateway}/api/registry/v1/quota?region=640104",
                                     headers=county).json() if q["region_code"] == "640104")
    assert (line["vacancies"], line["filled"]) == (0, line["allowed"])


# ---------------------------------------------------------------- PostgreSQL restarts under load


def test_postgresql_restart_answers_503_never_a_false_201_and_the_services_recover_alone(faulty):
    town = faulty.headers("xq_town")
    worker_id = httpx.get(f"{faulty.gateway}/api/registry/v1/workers?size=1", headers=town).json()["items"][0]["id"]
    pids = {name: process.pid for name, process in faulty.processes.children.items()}
    outcomes: list[tuple[str, httpx.Response | Exception]] = []
    stop = threading.Event()

    def writes() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                household = f"pg-restart-{len(outcomes)}"
                try:
                    response = client.post(f"{faulty.gateway}/api/registry/v1/visits", headers=town, json={
                        "visits": [{"worker_id": worker_id, "visit_date": "2025-06-02", "household": household}]})
                except httpx.HTTPError as exc:
                    response = exc
                outcomes.append((household, response))
                time.sleep(0.02)

    writer = threading.Thread(target=writes)
    writer.start()
    try:
        time.sleep(1)
        restarted_at = len(outcomes)
        subprocess.run([str(devctl._pg_bin() / "pg_ctl"), "-D", str(faulty.pg_dir), "-l",
                        str(Path(faulty.pg_dir) / "server.log"), "-m", "fast", "-w", "restart"],
                       check=True, user=devctl._pg_user(), stdout=subprocess.DEVNULL)
        back = time.monotonic()
        while not any(isinstance(r, httpx.Response) and r.status_code == 201 for _, r in outcomes[restarted_at:]
                      ) or outcomes[-1][1].status_code != 201:
            assert time.monotonic() - back < 15, outcomes[-5:]
            time.sleep(0.1)
        recovered = time.monotonic() - back
    finally:
        stop.set()
        writer.join()
    saved = {row["household"] for row in faulty.fetch(
        "registry", "SELECT household FROM household_visit WHERE household LIKE 'pg-restart-%'")}
    failures = []
    for household, response in outcomes:
        assert isinstance(response, httpx.Response), response
        if response.status_code == 201:
            assert household in saved, f"{household}: 201 but not saved"
        else:
            assert response.status_code == 503, response.text
            assert response.headers["content-type"].startswith("application/problem+json")
            failures.append(household)
    assert failures, "no request met the restart"
    print(f"{len(outcomes)} writes, {len(failures)} answered 503 while PostgreSQL restarted, "
          f"2xx again {recovered:.1f}s after it was back")
    assert {name: process.pid for name, process in faulty.processes.children.items()} == pids
    assert all(process.poll() is None for process in faulty.processes.children.values())
    # The payroll worker reconnected too: a run is still calculated.
    admin = faulty.headers("nx_admin")
    run = _start(faulty, admin, SMALL_TOWNSHIP, "2025-12")
    assert _wait_job(faulty, admin, run["id"], 1, timeout=120)["job_status"] == "succeeded"


def test_two_officers_decide_excellent_at_the_township_quota_edge_at_once(faulty):
    """The 优秀 quota is the township's (15 % of its assessed): its two HR officers decide the last place."""
    _add_account(faulty, "xq_town_b", "township_officer", "640104001")
    county = faulty.headers("xq_county")
    api = f"{faulty.gateway}/api/assessment/v1"
    # Ningxia's texts set no 优秀 share (Songshan's 15 % is Songshan's): the county's plan states it.
    opened = httpx.post(f"{api}/cycles", json={"year": 2091, "county_code": "640104",
                                               "plan": {"excellent_quota_percent": "15"}}, headers=county)
    assert opened.status_code == 201, opened.text
    cycle = opened.json()["id"]
    # Seven of the township's workers as the registry knows them (assessment looks each one up).
    facts = httpx.get(f"{faulty.gateway}/api/registry/v1/workers/facts", headers=county,
                      params={"region": "640104001", "as_of": "2091-12-31", "since": "2091-01-01"})
    assert facts.status_code == 200, facts.text
    people = [json.loads(line) for line in facts.text.splitlines() if line][:7]
    assert len(people) == 7
    added = httpx.post(f"{api}/cycles/{cycle}/assessees", headers=county, json={"assessees": [
        {"worker_id": p["worker_id"], "name": p["name"], "community_code": p["community_code"]} for p in people]})
    assert added.status_code == 200, added.text  # 7 assessed: floor(7 × 15 %) = 1 优秀
    items = httpx.get(f"{api}/cycles/{cycle}/assessments?size=100", headers=county).json()["items"]
    secretary = faulty.headers("xq_secretary")  # proposes for their own community's workers
    targets = [a["id"] for a in items if a["community_code"] == "640104001001"][:2]
    assert len(targets) == 2
    for target in targets:
        proposed = httpx.post(f"{api}/assessments/{target}/proposal", headers=secretary, json={
            "result": "优秀", "reason": "突出", "dimension_scores": {
                "political_quality": "95", "work_performance": "95", "residents_satisfaction": "95"}})
        assert proposed.status_code == 200, proposed.text
    officers = [faulty.headers("xq_town"), faulty.headers("xq_town_b")]
    responses = _at_once(*(lambda t=t, h=h: httpx.post(f"{api}/assessments/{t}/decision", json={}, headers=h,
                                                       timeout=30) for t, h in zip(targets, officers, strict=True)))
    assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
    refused = next(r for r in responses if r.status_code == 409)
    _refused(refused, 409, "excellent_quota_exceeded")
    assert (refused.json()["count"], refused.json()["limit"]) == (1, 1)
    statistics = httpx.get(f"{api}/statistics?year=2091", headers=county).json()
    assert statistics["total"]["excellent_decided"] == 1
