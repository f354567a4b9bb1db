"""`make run` builds the SPA only when its sources changed: a hash of the build inputs is stamped into dist/
after a successful build, and an unchanged tree reuses dist/ (issue 14)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import devctl


def make_frontend(root: Path) -> Path:
    frontend = root / "frontend"
    (frontend / "src").mkdir(parents=True)
    (frontend / "node_modules").mkdir()
    (frontend / "package.json").write_text("{}")
    (frontend / "index.html").write_text("<html></html>")
    (frontend / "src" / "main.tsx").write_text("export {};")
    return frontend


def test_second_start_reuses_an_unchanged_build_and_rebuilds_after_a_change(tmp_path, monkeypatch):
    frontend = make_frontend(tmp_path)
    builds: list[list[str]] = []

    def fake_run_child(args, *, env=None, cwd=None):
        builds.append(args)
        (cwd / "dist").mkdir(exist_ok=True)
        (cwd / "dist" / "index.html").write_text("built")

    monkeypatch.setattr(devctl, "ROOT", tmp_path)
    monkeypatch.setattr(devctl, "run_child", fake_run_child)

    devctl.build_frontend()
    assert len(builds) == 1
    devctl.build_frontend()
    assert len(builds) == 1, "unchanged sources must not rebuild"

    (frontend / "src" / "main.tsx").write_text("export const changed = 1;")
    devctl.build_frontend()
    assert len(builds) == 2, "a changed source rebuilds"

    (frontend / "src" / "new.ts").write_text("export {};")
    devctl.build_frontend()
    assert len(builds) == 3, "an added file rebuilds"
    devctl.build_frontend()
    assert len(builds) == 3


def test_a_failed_build_leaves_no_matching_stamp(tmp_path, monkeypatch):
    make_frontend(tmp_path)

    def failing(args, *, env=None, cwd=None):
        raise devctl.subprocess.CalledProcessError(2, args)

    monkeypatch.setattr(devctl, "ROOT", tmp_path)
    monkeypatch.setattr(devctl, "run_child", failing)
    with pytest.raises(devctl.subprocess.CalledProcessError):
        devctl.build_frontend()
    assert not (tmp_path / "frontend" / "dist" / devctl.FRONTEND_STAMP).exists()
