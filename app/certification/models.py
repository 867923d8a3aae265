"""Certificates, their gap-free serial counters, and bulk issuing jobs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime, utcnow
from app.extensions import db


class SerialCounter(db.Model):
    """The last serial number issued per system prefix and Buddhist Era year."""

    __tablename__ = "serial_counter"
    __table_args__ = (UniqueConstraint("prefix", "year_be"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(20))
    year_be: Mapped[int]
    last: Mapped[int] = mapped_column(default=0)


class Certificate(db.Model):
    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("prefix", "year_be", "number"),
        CheckConstraint("(revoked_at IS NULL) = (revoked_reason IS NULL)", name="revoked"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    prefix: Mapped[str] = mapped_column(String(20))
    year_be: Mapped[int]
    number: Mapped[int]
    code: Mapped[str] = mapped_column(String(40), unique=True)  # the verify code in the QR
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    lao_id: Mapped[int | None] = mapped_column(ForeignKey("lao.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    subsystem: Mapped[str] = mapped_column(String(20))
    holder_name: Mapped[str] = mapped_column(String(200))
    lao_name: Mapped[str] = mapped_column(String(200))
    course_title: Mapped[str] = mapped_column(String(300))
    level: Mapped[int]
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON that was signed
    signature: Mapped[str] = mapped_column(String(120))  # base64url Ed25519
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user = relationship("User")


class BulkJob(db.Model):
    """Issuing certificates for a whole cohort, inline or on the RQ queue."""

    __tablename__ = "bulk_job"
    # awaiting: asked for by HR, waiting for an executive of the LAO to approve it
    __table_args__ = (CheckConstraint(
        "status IN ('awaiting', 'queued', 'running', 'done', 'failed')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    user_ids: Mapped[str] = mapped_column(Text)  # comma-separated ids of the cohort
    total: Mapped[int]
    done: Mapped[int] = mapped_column(default=0)
    issued: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    course = relationship("Course")
