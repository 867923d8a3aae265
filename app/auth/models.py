"""Accounts: users (staff and platform roles), API tokens, reset links and codes."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import TimestampMixin, UTCDateTime
from app.extensions import db

ROLES = ("officer", "hr", "executive", "supervisor", "admin")
LAO_ROLES = ("officer", "hr", "executive")
SCOPE_LEVELS = ("district", "province", "country")
STATUSES = ("active", "inactive")


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="role"),
        CheckConstraint(f"status IN {STATUSES!r}", name="status"),
        # staff roles belong to exactly one LAO; platform roles to none
        CheckConstraint(
            "(role IN ('officer', 'hr', 'executive')) = (lao_id IS NOT NULL)", name="lao_role"
        ),
        CheckConstraint(
            "(role = 'supervisor') = (scope_level IS NOT NULL)", name="supervisor_scope"
        ),
        CheckConstraint(
            "scope_level IS NULL OR scope_level IN ('district', 'province', 'country')",
            name="scope_level",
        ),
        CheckConstraint(
            "scope_level IS NULL OR scope_level = 'country' OR scope_area_id IS NOT NULL",
            name="scope_area",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    # when the person opened the confirmation link sent to `email`; None while HR's entry
    # is unconfirmed (such an address is dropped when the person moves to another LAO)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    role: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="active", server_default="active")
    lao_id: Mapped[int | None] = mapped_column(ForeignKey("lao.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    position: Mapped[str | None] = mapped_column(String(200))
    national_id_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    national_id_last4: Mapped[str | None] = mapped_column(String(4))
    scope_level: Mapped[str | None] = mapped_column(String(10))
    # district.id or province.id depending on scope_level; null for the country
    scope_area_id: Mapped[int | None] = mapped_column(Integer)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # bumped on password change or deactivation: logs out every open session
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")

    lao = relationship("Lao")
    unit = relationship("Unit")

    def get_id(self) -> str:
        return f"{self.id}.{self.session_epoch}"

    @property
    def is_active(self) -> bool:
        return self.status == "active"


class ApiToken(TimestampMixin, db.Model):
    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    user: Mapped[User] = relationship()


class SignInFailure(db.Model):
    """Failed sign-ins per username, whether or not an account has that name: an unknown
    name locks exactly like a real one, so the lockout never tells which names exist. The
    key is a hash of the name as typed (people sometimes type their password there)."""

    __tablename__ = "sign_in_failure"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PasswordReset(TimestampMixin, db.Model):
    """A single-use secret: an e-mailed link (kind 'link') or an HR-issued code ('code')."""

    __tablename__ = "password_reset"
    __table_args__ = (CheckConstraint("kind IN ('link', 'code')", name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    user: Mapped[User] = relationship(foreign_keys=[user_id])
