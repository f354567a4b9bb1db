"""Imports every model module so the metadata is complete (Alembic, tests)."""

from payroll import models as base_models  # noqa: F401
from payroll.policy import models as policy_models  # noqa: F401
from payroll.runs import models as run_models  # noqa: F401
from payroll.tax import models as tax_models  # noqa: F401
from payroll.oneoff import models as oneoff_models  # noqa: F401
from payroll.grades import models as grade_models  # noqa: F401
