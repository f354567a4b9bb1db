"""Write each service's OpenAPI document to frontend/src/api/openapi/<service>.json, without starting servers.

    uv run python scripts/export_openapi.py
    uv run python scripts/export_openapi.py --out DIR   # elsewhere (tests/test_boundaries.py compares)

Imports `<service>.main.create_app` for registry, payroll and assessment (a service whose main module does
not exist yet is skipped) and serialises `app.openapi()`. The frontend then generates its typed client
(`npm run gen:api`), and both the JSON and the generated types are committed so `npm run build` needs no Python.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "frontend" / "src" / "api" / "openapi"
SERVICES = ("registry", "payroll", "assessment")


def export(service: str, key_dir: Path) -> dict | None:
    try:
        module = importlib.import_module(f"{service}.main")
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == service or exc.name.startswith(f"{service}.main")):
            return None
        raise
    create_app = getattr(module, "create_app", None)
    if create_app is None:
        return None
    # Building the app never touches the database (the engine starts in the lifespan), but the registry
    # wants a signing key: give it a throwaway one so no real key is read or written.
    os.environ["CWM_SIGNING_KEY_FILE"] = str(key_dir / f"{service}-signing-key.pem")
    for name in ("config",):
        config = sys.modules.get(f"{service}.{name}")
        if config is not None and hasattr(config, "get_settings"):
            config.get_settings.cache_clear()
    return create_app().openapi()


def main() -> int:
    out = Path(sys.argv[sys.argv.index("--out") + 1]).resolve() if "--out" in sys.argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("CWM_ENVIRONMENT", "local")
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for service in SERVICES:
            document = export(service, Path(tmp))
            if document is None:
                print(f"skip {service}: no {service}.main.create_app yet")
                continue
            target = out / f"{service}.json"
            target.write_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
            written.append(service)
            print(f"wrote {target} ({len(document.get('paths', {}))} paths)")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
