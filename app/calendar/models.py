"""Calendar occurrences, the reminders sent for them, LAO settings and feed addresses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import UTCDateTime, utcnow
from app.extensions import db

STATUSES = ("open", "submitted", "done")
STAGES = ("upcoming", "overdue")


class CalendarOccurrence(db.Model):
    """One duty due on one date in one LAO. The owner is not stored: it is whoever holds
    the system's active primary assignment when asked, so it follows assignment changes and
    transfers; who marked and approved it is kept."""

    __tablename__ = "calendar_occurrence"
    __table_args__ = (
        UniqueConstraint("lao_id", "duty", "due", name="uq_calendar_occurrence_lao_duty_due"),
        CheckConstraint("status IN ('open', 'submitted', 'done')", name="status"),
        CheckConstraint("(status = 'open') = (marked_at IS NULL)", name="marked"),
        CheckConstraint("(status = 'open') = (reference IS NULL)", name="reference"),
        CheckConstraint("(status = 'done') = (completed_on IS NOT NULL)", name="completed"),
        CheckConstraint("approved_by_id IS NULL OR approved_by_id <> marked_by_id",
                        name="four_eyes"),
        Index("ix_calendar_occurrence_lao_due", "lao_id", "due"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"))
    duty: Mapped[str] = mapped_column(String(60))
    subsystem: Mapped[str] = mapped_column(String(20))
    due: Mapped[date] = mapped_column(Date)
    needs_approval: Mapped[bool]
    status: Mapped[str] = mapped_column(String(10), default="open")
    reference: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(String(1000))
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    marked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # the day in Thailand it was finished (marked, or approved when it needs approval):
    # late and the roll-ups' on-time share compare it with the due date
    completed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CalendarReminder(db.Model):
    """A reminder stage sent for an occurrence. The unique key is the guarantee that a stage
    goes out once, however many `flask calendar remind` run at the same time: each claims
    the row before sending, and a second claim fails on the key."""

    __tablename__ = "calendar_reminder"
    __table_args__ = (
        UniqueConstraint("occurrence_id", "stage", name="uq_calendar_reminder_occurrence_stage"),
        CheckConstraint("stage IN ('upcoming', 'overdue')", name="stage"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("calendar_occurrence.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(10))
    recipients: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CalendarSettings(db.Model):
    """An LAO's own reminder lead time (seed 4.6: 15 days)."""

    __tablename__ = "calendar_settings"
    __table_args__ = (CheckConstraint("lead_days BETWEEN 1 AND 60", name="lead_days"),)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), primary_key=True)
    lead_days: Mapped[int] = mapped_column(default=15, server_default="15")


class CalendarDutyDate(db.Model):
    """An LAO's own date for an unverified duty: the day of the month (monthly duties) or
    the month and day (yearly ones)."""

    __tablename__ = "calendar_duty_date"
    __table_args__ = (
        CheckConstraint("day BETWEEN 1 AND 31", name="day"),
        CheckConstraint("month IS NULL OR month BETWEEN 1 AND 12", name="month"),
    )
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), primary_key=True)
    duty: Mapped[str] = mapped_column(String(60), primary_key=True)
    month: Mapped[int | None]
    day: Mapped[int]


class CalendarFeed(db.Model):
    """A secret iCalendar address: only its hash is kept; a new one replaces the old."""

    __tablename__ = "calendar_feed"
    __table_args__ = (
        UniqueConstraint("user_id", "scope", name="uq_calendar_feed_user_id"),
        CheckConstraint("scope IN ('mine', 'lao')", name="scope"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    scope: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
