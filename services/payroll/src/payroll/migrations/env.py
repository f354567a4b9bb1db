from alembic import context

from cwm_kit.migrations import run_env

import payroll.all_models  # noqa: F401  (registers every table on the metadata)
from payroll.config import get_settings
from payroll.models import Base

if not context.config.get_main_option("sqlalchemy.url"):
    context.config.set_main_option("sqlalchemy.url", get_settings().database_url)
# procrastinate (the job queue) owns its tables; its schema is applied by a migration of ours.
run_env(Base.metadata, foreign_table_prefixes=("procrastinate_",))
