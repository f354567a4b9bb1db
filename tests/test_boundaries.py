"""Boundaries a tool checks (issue 16), reported like any other test:
- the import contracts in .importlinter (services never import each other, pure modules import neither
  SQLAlchemy nor FastAPI, router -> dependencies -> service -> repository in each domain);
- the assessment service's copy of the registry's demo population and demo login are the registry's;
- each service's committed OpenAPI document (frontend/src/api/openapi/<service>.json) is what its app serves,
  and the SPA's generated types (frontend/src/api/types/*.ts) are what the committed documents generate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
SPECS = FRONTEND / "src" / "api" / "openapi"
TYPES = FRONTEND / "src" / "api" / "types"
SERVICES = ("registry", "payroll", "assessment")
REGENERATE = ("run `uv run python scripts/export_openapi.py && (cd frontend && npm run gen:api)` "
              "and commit frontend/src/api/openapi and frontend/src/api/types")


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = run(lint_imports, "--no-cache")
    assert result.returncode == 0, f"import contracts broken (.importlinter):\n{result.stdout}\n{result.stderr}"
    assert " kept, 0 broken." in result.stdout, result.stdout


def test_assessment_demo_population_is_the_registrys():
    result = run(sys.executable, "scripts/export_demo_population.py", "--check")
    assert result.returncode == 0, result.stderr


def test_assessment_demo_login_is_the_registrys():
    from assessment import demo
    from registry import seed

    assert demo.DEMO_PASSWORD == seed.DEMO_PASSWORD
    assert [a[2:4] for a in seed.DEMO_ACCOUNTS if a[0] == demo.COUNTY_LOGIN] == [("county_officer", "640104")]
    # The seeded cycles name their opener as the registry's demo county officer of that county is named.
    from assessment.seed import SEED_OPENERS

    county_officers = {a[3]: a[1] for a in seed.DEMO_ACCOUNTS if a[2] == "county_officer"}
    assert {code: county_officers.get(code) for code in SEED_OPENERS} == SEED_OPENERS


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each service's OpenAPI document as its app serves it (`create_app().openapi()`), in a fresh process."""
    out = tmp_path_factory.mktemp("openapi")
    env = {**os.environ, "CWM_ENVIRONMENT": "local"}
    result = subprocess.run([sys.executable, "scripts/export_openapi.py", "--out", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("service", SERVICES)
def test_committed_openapi_is_what_the_app_serves(served: Path, service: str):
    committed = json.loads((SPECS / f"{service}.json").read_text(encoding="utf-8"))
    live = json.loads((served / f"{service}.json").read_text(encoding="utf-8"))
    changed = sorted(
        f"{method.upper()} {path}"
        for path in committed.get("paths", {}).keys() | live.get("paths", {}).keys()
        for method in committed.get("paths", {}).get(path, {}).keys() | live.get("paths", {}).get(path, {}).keys()
        if committed.get("paths", {}).get(path, {}).get(method) != live.get("paths", {}).get(path, {}).get(method))
    same = committed == live  # the message below, not pytest's dump of two whole documents
    assert same, (
        f"frontend/src/api/openapi/{service}.json is not what {service} serves "
        f"(operations that differ: {changed[:10] or 'none; the schemas differ'}): {REGENERATE}")


def test_generated_types_are_those_of_the_committed_openapi(tmp_path: Path):
    node = shutil.which("node")
    assert node, "node is not on PATH (a prerequisite: README)"
    result = run(node, "scripts/gen-api.mjs", tmp_path, cwd=FRONTEND)
    assert result.returncode == 0, result.stdout + result.stderr
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated == sorted(p.name for p in TYPES.iterdir() if p.suffix == ".ts"), generated
    stale = [name for name in generated
             if (tmp_path / name).read_text(encoding="utf-8") != (TYPES / name).read_text(encoding="utf-8")]
    assert not stale, f"frontend/src/api/types/{', '.join(stale)} not generated from the committed OpenAPI: {REGENERATE}"
