"""Declarative base and the audit table of the payroll database."""

from sqlalchemy.orm import DeclarativeBase

from cwm_kit.audit import audit_table
from cwm_kit.db import make_metadata


# procrastinate (the job queue) owns its tables; its schema is applied by a migration of ours.
LIBRARY_TABLE_PREFIXES = ("procrastinate_",)


class Base(DeclarativeBase):
    metadata = make_metadata()


audit_log = audit_table(Base.metadata, with_worker_id=True)
