"""Fixtures of the operations tests (stopping `make run`, backup and restore)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A temporary directory outside pytest's numbered temp root. The embedded PostgreSQL servers these tests
    start run as another user when we are root, so they need their directory's parents traversable; another
    pytest session on the machine resets its temp root to 0700 and removes older numbered directories."""
    path = Path(tempfile.mkdtemp(prefix="cwm-ops-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
