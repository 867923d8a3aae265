"""Enrolments and per-module progress."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime, utcnow
from app.extensions import db


class Enrollment(db.Model):
    __tablename__ = "enrollment"
    __table_args__ = (
        UniqueConstraint("user_id", "course_id"),
        CheckConstraint("(completed_at IS NULL) = (status = 'in_progress')", name="completed"),
        CheckConstraint("status IN ('in_progress', 'completed')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    status: Mapped[str] = mapped_column(default="in_progress")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    course = relationship("Course")
    progress: Mapped[list[ModuleProgress]] = relationship(back_populates="enrollment")


class ModuleProgress(db.Model):
    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("enrollment_id", "module_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollment.id"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    best_score: Mapped[float] = mapped_column(Float, default=0.0)
    tries: Mapped[int] = mapped_column(default=0)
    # the final check waits a while after several tries in a row that did not pass (it earns
    # a level for duties: answers must not be found by trying every option)
    failed_in_row: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    enrollment: Mapped[Enrollment] = relationship(back_populates="progress")


class CheckResponse(db.Model):
    """One answer of one try of a module check, kept for item analysis (which options people
    choose, and how an item relates to the rest of the check)."""

    __tablename__ = "check_response"
    __table_args__ = (Index("ix_check_response_try", "progress_id", "try_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    progress_id: Mapped[int] = mapped_column(ForeignKey("module_progress.id"))
    try_no: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    option_id: Mapped[int | None] = mapped_column(ForeignKey("question_option.id"))
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
