"""Competency evidence: an append-only history; the current level is derived from it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

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
