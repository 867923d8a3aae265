"""Placement attempts: the drawn form, saved answers and the result."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Float, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime, utcnow
from app.extensions import db

STATUSES = ("open", "submitted", "expired")


class Attempt(db.Model):
    __tablename__ = "attempt"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'submitted', 'expired')", name="status"),
        CheckConstraint("(status = 'open') = (finished_at IS NULL)", name="finished"),
        CheckConstraint("level IS NULL OR level BETWEEN 0 AND 3", name="level"),
        # one open attempt per person and quiz, enforced by the database
        Index("uq_attempt_open", "user_id", "subsystem", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    lao_id: Mapped[int | None] = mapped_column(ForeignKey("lao.id"), index=True)
    subsystem: Mapped[str] = mapped_column(String(20))
    seed: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="open")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score: Mapped[float | None] = mapped_column(Float)
    level: Mapped[int | None]
    topics: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    learning_path: Mapped[list[int] | None] = mapped_column(JSON)
    # adaptive attempts get their items block by block; fixed ones get the whole form at once
    adaptive: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    theta: Mapped[float | None] = mapped_column(Float)  # ability estimate (EAP, logits)
    theta_se: Mapped[float | None] = mapped_column(Float)  # its posterior standard deviation
    # posterior probability that the ability lies in the band of the level given
    level_confidence: Mapped[float | None] = mapped_column(Float)
    done: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    items: Mapped[list[AttemptItem]] = relationship(order_by="AttemptItem.position",
                                                    back_populates="attempt")


class AttemptItem(db.Model):
    __tablename__ = "attempt_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    position: Mapped[int]
    option_order: Mapped[list[int]] = mapped_column(JSON)  # option ids as shown
    answer_option_id: Mapped[int | None] = mapped_column(ForeignKey("question_option.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    block: Mapped[int] = mapped_column(default=0, server_default="0")
    attempt: Mapped[Attempt] = relationship(back_populates="items")
    question = relationship("Question")
