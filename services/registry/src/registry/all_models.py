"""Imports every model module so the metadata is complete (Alembic, tests)."""

from registry.auth import models as auth_models  # noqa: F401
from registry.regions import models as region_models  # noqa: F401
from registry.posts import models as post_models  # noqa: F401
from registry.workers import models as worker_models  # noqa: F401
from registry.imports import models as import_models  # noqa: F401
from registry.quota import models as quota_models  # noqa: F401
from registry.rules import models as rule_models  # noqa: F401
from registry.training import models as training_models  # noqa: F401
from registry.secondments import models as secondment_models  # noqa: F401
from registry.visits import models as visit_models  # noqa: F401
from registry.reserve import models as reserve_models  # noqa: F401
from registry.recruitment import models as recruitment_models  # noqa: F401
from registry.discipline import models as discipline_models  # noqa: F401
from registry.filings import models as filing_models  # noqa: F401
from registry.health import models as health_models  # noqa: F401
from registry.leave import models as leave_models  # noqa: F401
from registry.stats import models as stats_models  # noqa: F401
