"""`python -m cwm_kit.migrate <service>`: upgrade a service's database to head (deploy jobs, compose).

The URL comes from CWM_DATABASE_URL, as for the service itself.
"""

import importlib
import os
import sys

from .migrations import upgrade_to_head


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: python -m cwm_kit.migrate <registry|payroll|assessment>")
    module = importlib.import_module(f"{argv[0]}.main")
    url = os.environ.get("CWM_DATABASE_URL")
    if not url:
        raise SystemExit("CWM_DATABASE_URL is not set")
    upgrade_to_head(module.MIGRATIONS_DIR, url)
    print(f"{argv[0]}: migrated to head")


if __name__ == "__main__":
    main(sys.argv[1:])
