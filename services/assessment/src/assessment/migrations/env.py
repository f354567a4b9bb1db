from alembic import context

from cwm_kit.migrations import run_env

import assessment.all_models  # noqa: F401  (registers every table on the metadata)
from assessment.config import get_settings
from assessment.models import Base

if not context.config.get_main_option("sqlalchemy.url"):
    context.config.set_main_option("sqlalchemy.url", get_settings().database_url)
run_env(Base.metadata)
