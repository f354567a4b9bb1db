"""Imports every model module so the metadata is complete (Alembic, tests)."""

from payroll import models as base_models  # noqa: F401
