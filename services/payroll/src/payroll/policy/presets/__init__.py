"""Shipped pay scheme presets (loaded by `payroll.seed`): (region prefix, effective date, file)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

PRESETS: list[tuple[str, date, str]] = [
    ("64", date(2025, 1, 1), "nx-2025.json"),
    ("150404", date(2022, 1, 1), "ss-2022.json"),
]


def load(file_name: str) -> dict[str, Any]:
    return json.loads((Path(__file__).parent / file_name).read_text(encoding="utf-8"))
