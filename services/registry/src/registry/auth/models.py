import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class Account(Base):
    __tablename__ = "account"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    # Region-code prefix the account acts inside (POLICY.md §2).
    jurisdiction: Mapped[str] = mapped_column(String(12))
    worker_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Worker accounts also log in by phone (the national ID is their username).
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True, unique=True)
    # An initial or reset password: the first login must change it before anything else.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Who issued the password in use: the administrator who created the account or last reset its password
    # (claim `cred_by`). They knew a password of it, so maker–checker treats them as its holder (cwm_kit.duties).
    credentials_issued_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Optional second factor (TOTP, RFC 6238): the seed, and whether a code confirmed it.
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # The last 30-second step whose code logged in: a code is accepted once (RFC 6238 §5.2, no replay).
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class RevokedSession(Base):
    """A login session (`sid` in every token it issued) ended before its tokens expire (ADR 0004)."""

    __tablename__ = "revoked_session"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class RefreshToken(Base):
    __tablename__ = "refresh_token"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    # The login session: kept across refreshes, carried by every token of the session.
    sid: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LoginFailure(Base):
    """Failed logins, kept per account name and per client address, for throttling."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(160))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
