"""Topics, courses, modules and question items as loaded from the content files."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


class Topic(db.Model):
    __tablename__ = "topic"
    __table_args__ = (UniqueConstraint("subsystem", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    subsystem: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class Course(db.Model):
    __tablename__ = "course"
    __table_args__ = (CheckConstraint("audience IN ('officer', 'executive')", name="audience"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    subsystem: Mapped[str] = mapped_column(String(20), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    mandatory: Mapped[bool] = mapped_column(Boolean, default=False)
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    summary_th: Mapped[str] = mapped_column(Text, default="")
    changelog: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    modules: Mapped[list[Module]] = relationship(
        back_populates="course", order_by="Module.position",
        primaryjoin="and_(Module.course_id == Course.id, Module.retired.is_(False))",
        viewonly=True)


class Module(db.Model):
    __tablename__ = "module"
    __table_args__ = (
        CheckConstraint("kind IN ('lesson', 'final')", name="kind"),
        CheckConstraint("level BETWEEN 1 AND 3", name="level"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    position: Mapped[int]
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    level: Mapped[int]
    kind: Mapped[str] = mapped_column(String(10))
    topics: Mapped[list[str]] = mapped_column(JSON)
    minutes: Mapped[int]
    last_reviewed: Mapped[date] = mapped_column(Date)
    body_html: Mapped[str] = mapped_column(Text)
    source_path: Mapped[str] = mapped_column(String(300))
    # a module removed from the files is retired, never deleted: progress refers to it
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    course: Mapped[Course] = relationship(back_populates="modules")
    questions: Mapped[list[Question]] = relationship(
        primaryjoin="and_(Question.module_id == Module.id, Question.retired.is_(False))",
        order_by="Question.position", viewonly=True)


class Question(db.Model):
    """One item of a placement bank (module_id null) or of a module check."""

    __tablename__ = "question"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 3", name="level"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    subsystem: Mapped[str] = mapped_column(String(20), index=True)
    module_id: Mapped[int | None] = mapped_column(ForeignKey("module.id"), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    level: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    # a question that attempts refer to is never deleted by a sync: it is retired
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Rasch difficulty in logits, calibrated from answers (`flask placement calibrate`); null
    # means the prior from the author's level; `calibrated_n` answers were used
    difficulty: Mapped[float | None] = mapped_column(Float)
    calibrated_n: Mapped[int] = mapped_column(default=0, server_default="0")
    options: Mapped[list[QuestionOption]] = relationship(
        order_by="QuestionOption.position", back_populates="question")

    @property
    def active_options(self) -> list[QuestionOption]:
        return [o for o in self.options if not o.retired]


class QuestionOption(db.Model):
    __tablename__ = "question_option"
    __table_args__ = (UniqueConstraint("question_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean, default=False)
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    question: Mapped[Question] = relationship(back_populates="options")


class PlacementBank(db.Model):
    __tablename__ = "placement_bank"
    id: Mapped[int] = mapped_column(primary_key=True)
    subsystem: Mapped[str] = mapped_column(String(20), unique=True)
    time_limit_minutes: Mapped[int]
    items_per_attempt: Mapped[int]
    mode: Mapped[str] = mapped_column(String(10), default="fixed", server_default="fixed")
    cut_scores: Mapped[dict[str, float]] = mapped_column(JSON)
