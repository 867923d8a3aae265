"""Competency evidence: an append-only history; the current level is derived from it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime, utcnow
from app.extensions import db


class CompetencyEvent(db.Model):
    __tablename__ = "competency_event"
    __table_args__ = (
        CheckConstraint("source IN ('placement', 'course', 'certificate')", name="source"),
        CheckConstraint("level BETWEEN 0 AND 3", name="level"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    subsystem: Mapped[str] = mapped_column(String(20))
    level: Mapped[int]
    source: Mapped[str] = mapped_column(String(20))
    achieved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    evidence_ref: Mapped[str] = mapped_column(String(60))  # e.g. attempt:12
    # set when the evidence is withdrawn (its certificate revoked): kept in the history,
    # no longer counted
    retracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Assignment(db.Model):
    """A person's duty on one system of their LAO: primary or backup, with a share."""

    __tablename__ = "assignment"
    __table_args__ = (
        CheckConstraint("role IN ('primary', 'backup')", name="role"),
        CheckConstraint("share_percent BETWEEN 1 AND 100", name="share"),
        CheckConstraint("status IN ('pending_approval', 'active', 'ended')", name="status"),
        CheckConstraint("(status = 'ended') = (effective_to IS NOT NULL)", name="ended"),
        # one open assignment per person and system in an LAO, whatever the timing
        Index("uq_assignment_open", "lao_id", "user_id", "subsystem", unique=True,
              sqlite_where=text("status IN ('active', 'pending_approval')"),
              postgresql_where=text("status IN ('active', 'pending_approval')")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    subsystem: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(10))
    share_percent: Mapped[int]
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    order_ref: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    override_reason: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # optimistic lock: two HR officers editing at once cannot overwrite each other
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    user = relationship("User", foreign_keys=[user_id])

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CompetencyLatest(db.Model):
    """The newest event per person, system and source: what the current level is derived
    from (kept by competency.record_evidence; the full history stays in competency_event)."""

    __tablename__ = "competency_latest"
    __table_args__ = (
        CheckConstraint("source IN ('placement', 'course', 'certificate')", name="source"),
        Index("ix_competency_latest_subsystem_expires", "subsystem", "expires_at"),
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    subsystem: Mapped[str] = mapped_column(String(20), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    level: Mapped[int]
    achieved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    event_id: Mapped[int] = mapped_column(ForeignKey("competency_event.id"))
