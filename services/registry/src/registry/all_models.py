"""Imports every model module so the metadata is complete (Alembic, tests)."""

from registry.auth import models as auth_models  # noqa: F401
from registry.regions import models as region_models  # noqa: F401
from registry.posts import models as post_models  # noqa: F401
from registry.workers import models as worker_models  # noqa: F401
from registry.imports import models as import_models  # noqa: F401
