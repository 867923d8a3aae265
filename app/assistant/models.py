"""The search index built at content sync, and the log of questions left unanswered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import UTCDateTime, utcnow
from app.extensions import db
from app.subsystems import CODES

_CODES_SQL = ", ".join(f"'{code}'" for code in CODES)


class AssistantIndex(db.Model):
    """One build of the index; the newest version is the one every app process answers from.

    Stored in the database, not on disk, so all app processes behind the load balancer share
    it; each process keeps the loaded index in memory until the version changes."""

    __tablename__ = "assistant_index"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    build: Mapped[str] = mapped_column(String(32), unique=True)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    documents: Mapped[int]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class UnansweredQuestion(db.Model):
    """A question nothing answered well. Deliberately no user: only the LAO and the text,
    with names, e-mails and long numbers removed (PDPA: keep no more than needed)."""

    __tablename__ = "assistant_unanswered"
    __table_args__ = (
        CheckConstraint(f"subsystem IS NULL OR subsystem IN ({_CODES_SQL})", name="subsystem"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    question: Mapped[str] = mapped_column(String(500))
    # the search terms joined: the same question worded a little differently counts once
    normalized: Mapped[str] = mapped_column(String(500), index=True)
    subsystem: Mapped[str | None] = mapped_column(String(20))
    lao_id: Mapped[int | None] = mapped_column(ForeignKey("lao.id"), index=True)
