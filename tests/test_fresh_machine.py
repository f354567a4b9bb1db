"""`make test` on a fresh machine: nothing the tests run may count on PATH holding a tool the Makefile installed.

`make install-python` puts uv in ~/.local/bin, which a fresh machine's PATH does not hold; the venv holds
python and the rest; Debian's chromium is /usr/bin/chromium and its nginx /usr/sbin/nginx. Every look-up of these goes by path
(uv: `CWM_UV`, exported by the Makefile). These tests run the suite's tool look-ups with a PATH of the OS's own
directories only (plus Node.js's, a prerequisite installed wherever the developer put it), and scan the
scripts for a tool called by bare name.

"System directories" here are /usr/sbin:/usr/bin:/sbin:/bin, without /usr/local/*: on this machine /usr/local/bin
holds a hand-installed PostgreSQL (pg_ctl, initdb, postgres) that would hide a bare `pg_ctl`, and nothing the
suite needs lives there on a fresh Debian (a python there is reached through the venv, never by name).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
# Installed by the Makefile (uv, the venv's tools, the embedded PostgreSQL's binaries) or run through it: never by name.
NEVER_BY_NAME = {
    "uv", "uvx", "nginx", "initdb", "pg_ctl", "postgres", "psql", "pg_dump", "pg_restore", "pg_isready",
    "createdb", "dropdb", "python", "python3", "pip", "pip3", "pytest", "uvicorn", "alembic", "ruff", "npx",
}


def _node() -> str:
    node = shutil.which("node")
    assert node, "node (a prerequisite of `make test`) is not on PATH"
    return node


def fresh_path() -> str:
    """The OS's directories plus Node.js's: what scripts/test.sh runs the suite with."""
    node_dir = str(Path(_node()).parent)
    return SYSTEM_PATH if node_dir in SYSTEM_PATH.split(":") else f"{node_dir}:{SYSTEM_PATH}"


def system_tool(name: str) -> str:
    """An OS tool by the path a fresh machine has it at (its system directories), never by bare name."""
    path = shutil.which(name, path=SYSTEM_PATH)
    assert path, f"{name} is not in the OS's directories ({SYSTEM_PATH})"
    return path


def fresh_env(**extra: str) -> list[str]:
    """`env -i` with only a fresh machine's PATH and HOME (no CWM_UV, no UV, no pyenv, no ~/.local/bin)."""
    return [system_tool("env"), "-i", f"PATH={fresh_path()}", f"HOME={Path.home()}",
            *(f"{key}={value}" for key, value in extra.items())]


def run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, check=False, cwd=cwd, capture_output=True, text=True, timeout=180)


# ----------------------------------------------------------------- (a) the Makefile's and test.sh's look-ups


def test_makefile_resolves_and_exports_uv_without_uv_on_path():
    dry = run([*fresh_env(), system_tool("make"), "-n", "install-python", "test"])
    assert dry.returncode == 0, dry.stderr
    sync = next(line for line in dry.stdout.splitlines() if line.endswith("sync --frozen --all-packages"))
    uv = sync.split()[0]
    assert os.path.isabs(uv) and os.access(uv, os.X_OK), f"make would run {uv!r}"
    # The recipes (scripts/test.sh and all it starts) see the same uv as CWM_UV.
    exported = run([*fresh_env(), system_tool("make"), "-s", "--eval", "print-cwm-uv: ; @echo \"$$CWM_UV\"", "print-cwm-uv"])
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == uv


def test_test_sh_finds_every_tool_without_them_on_path():
    assert "--tools" in (ROOT / "scripts" / "test.sh").read_text(), "scripts/test.sh has no --tools mode"
    result = run([*fresh_env(), system_tool("bash"), "scripts/test.sh", "--tools"])
    assert result.returncode == 0, result.stdout + result.stderr
    tools = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    uv = tools["uv"].split(" (")[0]
    assert os.path.isabs(uv) and os.access(uv, os.X_OK)
    assert "/.local/" not in tools["PATH"] and "pyenv" not in tools["PATH"], tools["PATH"]
    for tool in ("node", "npm", "chromium", "nginx"):
        assert os.path.isabs(tools[tool]), tools


# ----------------------------------------------------------------- (b) no tool called by bare name

JS_CALL = re.compile(r"\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\(\s*(['\"`])([^'\"`]+)\1")
PY_CALL = re.compile(
    r"\b(?:subprocess\.(?:run|Popen|call|check_call|check_output)\(\s*\[|create_subprocess_exec\(|os\.system\(|"
    r"shutil\.which\()\s*f?(['\"])([^'\"]+)\1")
SH_CALL = re.compile(r"(?:^|[;&|(`]|\$\(|\b(?:then|do|else|exec|time))\s*(uvx?|nginx|pg_ctl|initdb|psql|pytest|ruff|npx)\b")


def _scanned_files() -> list[Path]:
    patterns = ["scripts/*.py", "scripts/*.sh", "tests/**/*.py", "libs/**/*.py", "services/*/src/**/*.py",
                "services/*/tests/**/*.py", "services/*/bench/*.py", "frontend/scripts/*.mjs", "frontend/e2e/*.mjs",
                "frontend/*.config.*", ".ci/run"]
    return sorted({path for pattern in patterns for path in ROOT.glob(pattern) if "node_modules" not in path.parts})


def _bare(command: str) -> str | None:
    """The program of a command line if it is called by name and is not one of the OS's own tools."""
    program = command.split()[0] if command.split() else command
    if program.startswith(("/", "$", "{")) or "/" in program:
        return None
    found = shutil.which(program, path=fresh_path())
    return program if program in NEVER_BY_NAME or found is None else None


def find_bare_tool_calls(files: list[Path]) -> list[str]:
    problems = []
    for path in files:
        text = path.read_text(errors="replace")
        lines = [line for line in text.splitlines() if not line.lstrip().startswith(("#", "//", "*"))]
        for number, line in enumerate(lines, 1):
            if path.suffix in (".mjs", ".js", ".ts", ".cjs"):
                calls = [m.group(2) for m in JS_CALL.finditer(line)]
            elif path.suffix == ".py":
                calls = [m.group(2) for m in PY_CALL.finditer(line)]
            else:
                calls = [m.group(1) for m in SH_CALL.finditer(line)]
            problems += [f"{path}: {line.strip()}" for call in calls if _bare(call)]
    return problems


def test_no_script_or_test_calls_an_installed_tool_by_name():
    files = _scanned_files()
    assert ROOT / "frontend" / "e2e" / "04-import.test.mjs" in files and ROOT / "scripts" / "test.sh" in files
    assert find_bare_tool_calls(files) == []


def test_npm_scripts_and_make_recipes_call_no_installed_tool_by_name():
    scripts = json.loads((FRONTEND / "package.json").read_text())["scripts"]
    commands = [part for script in scripts.values() for part in re.split(r"&&|\|\||;", script)]
    assert [c for c in commands if c.split() and c.split()[0] in NEVER_BY_NAME - {"npx"}] == []
    recipes = [line.strip().lstrip("@-") for line in (ROOT / "Makefile").read_text().splitlines()
               if line.startswith("\t")]
    assert [r for r in recipes if r.split() and r.split()[0] in NEVER_BY_NAME - {"python3"}] == []


def test_the_scan_catches_a_bare_uv(tmp_path):
    """The scan above is only worth something if it flags the call that broke `make test` (issue 9). The samples
    live in a data file, so no code file of the project holds a bare call, not even as a sample."""
    samples = json.loads((ROOT / "tests" / "fixtures" / "bare_tool_calls.json").read_text())
    files = []
    for name, text in samples.items():
        (tmp_path / name).write_text(text)
        files.append(tmp_path / name)
    assert len(find_bare_tool_calls(files)) == 5


# ----------------------------------------------------------------- (c) the e2e helper that spawns uv


def test_the_e2e_workbook_helper_runs_uv_with_a_fresh_path():
    """What 04-import.test.mjs runs (writeWorkbook spawns uv for openpyxl), with neither CWM_UV nor uv on PATH."""
    snippet = (
        "import { writeWorkbook } from './e2e/helpers.mjs';"
        "import { uvPath } from './scripts/tools.mjs';"
        "console.log(JSON.stringify({ uv: uvPath(), path: writeWorkbook([['name', 'n'], ['导入甲', 3]]) }));"
    )
    result = run([*fresh_env(), _node(), "--input-type=module", "-e", snippet], cwd=FRONTEND)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert os.path.isabs(out["uv"])
    rows = list(openpyxl.load_workbook(out["path"]).active.iter_rows(values_only=True))
    assert rows == [("name", "n"), ("导入甲", 3)]
    shutil.rmtree(Path(out["path"]).parent)
