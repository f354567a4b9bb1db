"""The gateway's caching of the SPA (issue 14): hashed build assets are immutable for a year, everything else
(index.html, the service worker, the manifest, icons, deep links) is revalidated on each load; a missing asset
is a 404, never index.html under an immutable name. nginx runs the real config (deploy/gateway/nginx.conf.template,
rendered as `make run` renders it) on a free port, no services."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import devctl  # scripts/ is on sys.path (tests/conftest.py)
import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gateway(tmp_path):
    spa = tmp_path / "spa"
    (spa / "assets").mkdir(parents=True)
    (spa / "index.html").write_text('<!doctype html><div id="root"></div>')
    (spa / "assets" / "index-AbCd1234.js").write_text("console.log('app');" * 100)
    (spa / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (spa / "manifest.webmanifest").write_text('{"name": "x"}')
    (spa / "favicon.ico").write_bytes(b"\0\0\1\0")
    port = free_port()
    env = dict(os.environ, GATEWAY_LISTEN=f"127.0.0.1:{port}", SPA_ROOT=str(spa), REGISTRY_UPSTREAM="127.0.0.1:9",
               PAYROLL_UPSTREAM="127.0.0.1:9", ASSESSMENT_UPSTREAM="127.0.0.1:9",
               GATEWAY_STATE_DIR=str(tmp_path / "gateway"))
    process = subprocess.Popen(devctl.gateway_command(env), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def test_hashed_assets_are_immutable_and_the_shell_is_revalidated(gateway):
    asset = httpx.get(f"{gateway}/assets/index-AbCd1234.js", headers={"Accept-Encoding": "gzip"})
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers.get("content-encoding") == "gzip"
    for path in ("/", "/index.html", "/me", "/workers/some-id", "/sw.js", "/manifest.webmanifest", "/favicon.ico"):
        response = httpx.get(gateway + path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-cache", path
    assert "<div id" in httpx.get(f"{gateway}/me").text  # history fallback kept


def test_a_missing_asset_is_a_404_not_the_index_under_an_immutable_name(gateway):
    response = httpx.get(f"{gateway}/assets/index-Gone9999.js")
    assert response.status_code == 404
    assert "immutable" not in response.headers.get("cache-control", "")
    assert "<div id" not in response.text
