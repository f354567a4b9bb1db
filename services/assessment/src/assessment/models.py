"""Declarative base and the audit table of the assessment database."""

from sqlalchemy.orm import DeclarativeBase

from cwm_kit.audit import audit_table
from cwm_kit.db import make_metadata


class Base(DeclarativeBase):
    metadata = make_metadata()


audit_log = audit_table(Base.metadata, with_worker_id=True)
