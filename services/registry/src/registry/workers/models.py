"""The worker record: identity, contract, current facts, and the dated histories behind them.

Current values on `worker` (post, status, education, certificate, 一肩挑) are maintained by
WorkerService from the history tables, so searches need no joins; the histories are the truth.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import (Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, SmallInteger,
                        String, UniqueConstraint, false, func, text)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base

WORKER_FK = {"ondelete": "CASCADE"}


class Worker(Base):
    __tablename__ = "worker"
    __table_args__ = (
        CheckConstraint("head_role IS NULL OR head_role IN ('secretary', 'director', 'both')", name="head_role_known"),
        CheckConstraint("sex IN ('M', 'F')", name="sex_code"),
        CheckConstraint("status IN ('probation', 'active', 'seconded', 'resigned', 'dismissed', 'retired', "
                        "'deceased')", name="status_code"),
        CheckConstraint("length(community_code) = 12", name="community_is_community"),
        # Prefix searches (community/region) and ID-tail searches use LIKE 'x%' on these.
        Index("ix_worker_community_code_pattern", "community_code", postgresql_ops={"community_code": "varchar_pattern_ops"}),
        Index("ix_worker_national_id_reversed", func.reverse(text("national_id")).label("reversed_id"),
              postgresql_ops={"reversed_id": "varchar_pattern_ops"}),
        Index("ix_worker_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
        Index("ix_worker_status_post", "status", "post"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    national_id: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    # Derived from the national ID, never typed.
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(32), nullable=True)
    political_status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    community_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    # Where wages are paid (代发工资): masked like the national ID for roles that see IDs masked.
    bank_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    bank_branch: Mapped[str | None] = mapped_column(String(100), nullable=True)
    bank_account: Mapped[str | None] = mapped_column(String(32), nullable=True)

    post: Mapped[str] = mapped_column(ForeignKey("post_definition.code"))
    post_since: Mapped[date] = mapped_column(Date)
    yijiantiao: Mapped[bool] = mapped_column(Boolean, default=False)
    # On a head post (两委正职): which office is held — secretary (书记), director (主任) or both (一肩挑, mirrors
    # `yijiantiao`); NULL on other posts or where not recorded (CENTRAL §13 / IM art.32 count secretaries only).
    head_role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # A member of the two committees (两委成员): every committee post, and a 两委脱产委员 on a staff pay post
    # (SS 三.1); the SS contract term follows it (rule contract.term).
    committee_member: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Another status the person holds besides this work (SS 二(一): retirees, serving staff of government organs,
    # enterprises and public institutions holding a 两委 post, toll-station transferees are outside the scheme), and
    # since when; checked against rule eligibility.exclusions (registry.composition).
    other_status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    other_status_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The community's full-time party-affairs worker (专职党务工作者) and a member living in the community (属地化):
    # SS 二(三)1 asks one of each per community (rule community.composition).
    party_affairs: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    lives_locally: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(16))
    status_since: Mapped[date] = mapped_column(Date)
    education_level: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    certificate_level: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)

    hired_on: Mapped[date] = mapped_column(Date)
    contract_term_years: Mapped[int] = mapped_column(SmallInteger)
    contract_start: Mapped[date] = mapped_column(Date)
    contract_end: Mapped[date] = mapped_column(Date)
    probation_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    exit_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    exit_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)

    # Service inside the current province, kept by WorkerService from the service periods so that
    # "years of service" filters need no aggregation: closed merged days + the open merged run's start.
    service_days_closed: Mapped[int] = mapped_column(Integer, default=0)
    service_open_since: Mapped[date | None] = mapped_column(Date, nullable=True)

    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    # eager_defaults: server-set timestamps come back with RETURNING (no lazy load in async code).
    __mapper_args__ = {"version_id_col": version, "eager_defaults": True}


class EducationRecord(Base):
    __tablename__ = "worker_education"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    level: Mapped[str] = mapped_column(String(16))
    institution: Mapped[str | None] = mapped_column(String(128), nullable=True)
    graduated_on: Mapped[date] = mapped_column(Date)
    in_service: Mapped[bool] = mapped_column(Boolean, default=False)


class CertificateRecord(Base):
    __tablename__ = "worker_certificate"
    # The same certificate twice is one fact recorded twice (it drives an allowance): once per level and date.
    __table_args__ = (UniqueConstraint("worker_id", "level", "approved_on"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    level: Mapped[str] = mapped_column(String(32))
    approved_on: Mapped[date] = mapped_column(Date)


class HonourRecord(Base):
    __tablename__ = "worker_honour"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    level: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(200), nullable=True)
    awarded_on: Mapped[date] = mapped_column(Date)


class ServicePeriod(Base):
    """Community work in one community, [start_date, end_date] inclusive; end NULL while serving."""

    __tablename__ = "worker_service_period"
    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    community_code: Mapped[str] = mapped_column(String(12))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class StatusPeriod(Base):
    """One status held from `from_date` until the day before the next one (`to_date` NULL = current)."""

    __tablename__ = "worker_status_history"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    status: Mapped[str] = mapped_column(String(16))
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)


class PostPeriod(Base):
    __tablename__ = "worker_post_history"
    __table_args__ = (
        CheckConstraint("head_role IS NULL OR head_role IN ('secretary', 'director', 'both')", name="head_role_known"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    post: Mapped[str] = mapped_column(String(32))
    # The office held on a head post in this period (secretary / director / both); see Worker.head_role.
    head_role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class YijiantiaoPeriod(Base):
    """Holding both party secretary and committee director (一肩挑), from/to inclusive."""

    __tablename__ = "worker_yijiantiao_history"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", **WORKER_FK), index=True)
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)
