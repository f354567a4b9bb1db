from alembic import context

from cwm_kit.migrations import run_env

import payroll.all_models  # noqa: F401  (registers every table on the metadata)
from payroll.config import get_settings
from payroll.models import LIBRARY_TABLE_PREFIXES, Base

if not context.config.get_main_option("sqlalchemy.url"):
    context.config.set_main_option("sqlalchemy.url", get_settings().database_url)
run_env(Base.metadata, foreign_table_prefixes=LIBRARY_TABLE_PREFIXES)
