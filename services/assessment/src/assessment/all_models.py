"""Imports every model module so the metadata is complete (Alembic, tests)."""

from assessment.assessments import models as assessment_models  # noqa: F401
from assessment.cycles import models as cycle_models  # noqa: F401
from assessment.results import models as result_models  # noqa: F401
from assessment.historical import models as historical_models  # noqa: F401
