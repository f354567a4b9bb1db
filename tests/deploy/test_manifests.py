"""No Docker engine or cluster runs here, so docker-compose.yml and deploy/ are checked against their
schemas and against the repository they deploy."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SERVICES = ("registry", "payroll", "assessment")


def k8s_documents() -> list[tuple[str, dict]]:
    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        docs += [(path.name, doc) for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs


def test_compose_file_follows_the_compose_spec():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec",
                             str(ROOT / "docker-compose.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_builds_one_image_per_service_from_the_repo_root():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    for name in SERVICES:
        build = services[f"{name}-migrate"]["build"]
        assert build["context"] == "." and build["args"]["SERVICE"] == name
        assert (ROOT / build["dockerfile"]).exists()
        assert services[name]["image"] == f"cwm-{name}"
        assert "healthcheck" in services[name]
        assert services[f"{name}-migrate"]["command"][-1] == name
    # No HTTP: the refresher and the job worker are healthy while the heartbeat each is told to keep is recent.
    for name, variable in (("registry-stats", "CWM_STATS_HEARTBEAT_FILE"),
                           ("payroll-worker", "CWM_WORKER_HEARTBEAT_FILE")):
        process = services[name]
        assert process["healthcheck"]["test"][1:5] == [
            "python", "-m", "cwm_kit.alive", process["environment"][variable]], name
    assert services["gateway"]["build"]["dockerfile"] == "deploy/docker/gateway.Dockerfile"
    assert (ROOT / "deploy/compose/init-databases.sql").read_text().count("CREATE DATABASE") == 3


# What each Dockerfile copies from the repository (every source of every COPY, the destination left out).
COPIED = {
    "service.Dockerfile": {"pyproject.toml", "uv.lock", "libs", "services"},
    "gateway.Dockerfile": {"frontend/package.json", "frontend/package-lock.json", "frontend",
                           "deploy/gateway/Caddyfile"},
}


def copy_sources(text: str) -> set[str]:
    """Sources of the COPY instructions that read the build context (not `--from=` another stage)."""
    return {token for line in re.findall(r"^COPY\s+(?!--from)(.+)$", text, flags=re.MULTILINE)
            for token in line.split()[:-1] if not token.startswith("--")}


@pytest.mark.parametrize("dockerfile", sorted(COPIED))
def test_dockerfiles_copy_paths_that_exist(dockerfile):
    sources = copy_sources((DEPLOY / "docker" / dockerfile).read_text())
    # The parse must find what the file copies: a pattern that matched nothing would check nothing.
    assert sources == COPIED[dockerfile]
    for source in sources:
        assert (ROOT / source).exists(), source


def test_the_copy_parse_finds_every_source_and_skips_other_stages():
    text = "FROM x AS build\nCOPY a.toml b.lock ./\nCOPY --chown=1:1 libs ./libs\nCOPY --from=build /app /app\n"
    assert copy_sources(text) == {"a.toml", "b.lock", "libs"}
    assert copy_sources("FROM x\nRUN true\n") == set()


@pytest.mark.parametrize("name,doc", k8s_documents(), ids=lambda v: v if isinstance(v, str) else v["kind"])
def test_kubernetes_manifests_validate_strictly(name, doc):
    kubernetes_validate.validate(doc, "1.37.0", strict=True)


def test_every_deployment_has_probes_and_limits():
    deployments = [doc for _, doc in k8s_documents() if doc["kind"] == "Deployment"]
    without_http = {"payroll-worker", "registry-stats"}  # job and refresher processes: no port to probe
    assert {d["metadata"]["name"] for d in deployments} >= {*SERVICES, "gateway", *without_http}
    for deployment in deployments:
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert container["resources"]["limits"]["memory"], deployment["metadata"]["name"]
            if deployment["metadata"]["name"] not in without_http:
                assert "readinessProbe" in container and "livenessProbe" in container
    # The refresher and the job worker are probed by the heartbeat file each is told to keep (cwm_kit.alive).
    for name, variable in (("registry-stats", "CWM_STATS_HEARTBEAT_FILE"),
                           ("payroll-worker", "CWM_WORKER_HEARTBEAT_FILE")):
        deployment = next(d for d in deployments if d["metadata"]["name"] == name)
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        env = {e["name"]: e.get("value") for e in container["env"]}
        assert container["livenessProbe"]["exec"]["command"][:4] == [
            "python", "-m", "cwm_kit.alive", env[variable]], name
    jobs = {doc["metadata"]["name"] for _, doc in k8s_documents() if doc["kind"] == "Job"}
    assert jobs == {f"{s}-migrate" for s in SERVICES}
    hpas = {doc["spec"]["scaleTargetRef"]["name"] for _, doc in k8s_documents()
            if doc["kind"] == "HorizontalPodAutoscaler"}
    assert hpas >= {*SERVICES, "gateway"}


def test_kustomization_uses_the_same_gateway_file_as_make_run():
    kustomization = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        assert (DEPLOY / resource).exists(), resource
    files = kustomization["configMapGenerator"][0]["files"]
    assert files == ["Caddyfile=gateway/Caddyfile"]


def test_gateway_config_is_valid_caddy():
    caddy = Path(sys.executable).parent / "caddy"
    result = subprocess.run([str(caddy), "validate", "--config", str(DEPLOY / "gateway" / "Caddyfile"),
                             "--adapter", "caddyfile"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    text = (DEPLOY / "gateway" / "Caddyfile").read_text()
    for prefix in ("/api/auth/*", "/api/registry/*", "/api/payroll/*", "/api/assessment/*"):
        assert prefix in text


@pytest.mark.parametrize("module", ["cwm_kit.migrate", "cwm_kit.alive", "payroll.worker", *[f"{s}.main" for s in SERVICES]])
def test_modules_the_manifests_run_exist(module):
    importlib.import_module(module)
