"""Write the assessment service's copy of the registry's demo population: the facts lines (the fields the
assessee import reads) of the registry's deterministic demo workers in the demo cycles' counties.

    uv run python scripts/export_demo_population.py          # rewrite the copy
    uv run python scripts/export_demo_population.py --check  # exit 1 if the copy differs (tests/test_boundaries.py)

The assessment service never imports registry code (the services are separate images; .importlinter), so its
seed (`assessment.seed`) reads this file instead of `registry.workers.demo`. Only this script, outside every
service, reads both.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "services" / "assessment" / "src" / "assessment" / "demo_population.jsonl"


def population() -> str:
    from assessment.seed import DEMO_CYCLES
    from registry.workers.demo import demo_workers

    counties = {county for county, _ in DEMO_CYCLES}

    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    lines = [json.dumps({"worker_id": str(w["id"]), "name": w["name"], "community_code": w["community_code"],
                         "post": w["post"], "status": w["status"], "hired_on": iso(w["hired_on"]),
                         "probation_end": iso(w.get("probation_end")), "exit_date": iso(w.get("exit_date"))},
                        ensure_ascii=False)
             for w in demo_workers()["worker"] if w["community_code"][:6] in counties]
    return "\n".join(lines) + "\n"


def main() -> int:
    text = population()
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is not the registry's demo population: run "
                  "`uv run python scripts/export_demo_population.py` and commit it", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({text.count(chr(10))} workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
