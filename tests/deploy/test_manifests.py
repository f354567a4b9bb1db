"""No Docker engine or cluster runs here, so docker-compose.yml and deploy/ are checked against their
schemas and against the repository they deploy."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import devctl  # on the path through the conftest
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
                             str(ROOT / "docker-compose.yml")], check=False, capture_output=True, text=True)
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
                           "deploy/gateway/nginx.conf.template"},
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
    assert files == ["nginx.conf.template=gateway/nginx.conf.template"]


GATEWAY_TEMPLATE = DEPLOY / "gateway" / "nginx.conf.template"


def template_names(text: str) -> set[str]:
    """The ${NAME}s nginx would read: its comments (which mention `${NAME}` itself) left out."""
    return set(re.findall(r"\$\{(\w+)\}", re.sub(r"^\s*#.*$", "", text, flags=re.MULTILINE)))


def dockerfile_env(text: str) -> dict[str, str]:
    """The NAME=value pairs of a Dockerfile's ENV instructions (continuation lines joined; no quoted values)."""
    text = re.sub(r"\\\n", " ", text)
    return dict(pair.split("=", 1) for line in re.findall(r"^ENV\s+(.+)$", text, flags=re.MULTILINE)
                for pair in line.split())


def test_the_env_parse_joins_continuation_lines():
    assert dockerfile_env("FROM x\nENV A=1 \\\n    B=b:2\nRUN true\nENV C=/c\n") == {"A": "1", "B": "b:2", "C": "/c"}


def gateway_environments() -> dict[str, dict[str, str]]:
    """What the gateway's container sees under docker-compose and Kubernetes: each one's own environment over
    the image's ENV defaults."""
    image = dockerfile_env((DEPLOY / "docker" / "gateway.Dockerfile").read_text())
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["gateway"]["environment"]
    deployment = next(doc for name, doc in k8s_documents() if name == "gateway.yaml" and doc["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    return {"compose": {**image, **{k: str(v) for k, v in compose.items()}},
            "k8s": {**image, **{e["name"]: e.get("value", "") for e in container["env"]}}}


def test_the_image_defaults_every_template_name_as_make_run_does():
    image = dockerfile_env((DEPLOY / "docker" / "gateway.Dockerfile").read_text())
    # The image's entrypoint renders the template into /etc/nginx/nginx.conf, not into conf.d.
    assert image["NGINX_ENVSUBST_OUTPUT_DIR"] == "/etc/nginx"
    names = template_names(GATEWAY_TEMPLATE.read_text())
    assert names == set(devctl.GATEWAY_DEFAULTS)
    assert {name: image.get(name) for name in names} == devctl.GATEWAY_DEFAULTS


@pytest.mark.parametrize("where", ["compose", "k8s"])
def test_the_gateway_environment_fills_every_template_name(where):
    # envsubst leaves a name that is not set as `${NAME}`, which nginx would refuse.
    env = gateway_environments()[where]
    names = template_names(GATEWAY_TEMPLATE.read_text())
    assert names, "the parse found no ${NAME} in the template"
    assert {name for name in names if not env.get(name)} == set()


@pytest.mark.parametrize("where", ["compose", "k8s"])
def test_the_rendered_gateway_config_passes_nginx_t(where, tmp_path):
    env = gateway_environments()[where]
    # The services' host names resolve only inside compose or the cluster: the same ports on this machine.
    for name in ("REGISTRY_UPSTREAM", "PAYROLL_UPSTREAM", "ASSESSMENT_UPSTREAM"):
        env[name] = "127.0.0.1:" + env[name].rpartition(":")[2]
    assert template_names(devctl.render_gateway_config(env)) == set()
    # The command `make run` starts, asked only to test its config.
    command = devctl.gateway_command({**env, "GATEWAY_STATE_DIR": str(tmp_path)})
    result = subprocess.run([*command, "-t"], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_gateway_routes_every_api_prefix():
    text = GATEWAY_TEMPLATE.read_text()
    for prefix in ("/api/auth/", "/api/registry/", "/api/payroll/", "/api/assessment/"):
        assert prefix in text, prefix


@pytest.mark.parametrize("module", ["cwm_kit.migrate", "cwm_kit.alive", "payroll.worker", *[f"{s}.main" for s in SERVICES]])
def test_modules_the_manifests_run_exist(module):
    importlib.import_module(module)
