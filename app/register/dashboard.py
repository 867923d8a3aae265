"""The executive's view of their LAO: mandatory training, coverage flags, overrides waiting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.auth.models import User
from app.content.models import Course, Module
from app.extensions import db
from app.learning.models import Enrollment, ModuleProgress
from app.org.models import Lao
from app.register import assignments
from app.register.models import Assignment
from app.register.register import Coverage, build_register


@dataclass
class ExecutiveTraining:
    user: User
    done: int
    total: int


@dataclass
class SentBack:
    assignment: Assignment
    reason: str
    by: str
    at: datetime


@dataclass
class Summary:
    training: list[ExecutiveTraining]
    coverage: dict[str, Coverage]
    pending: list[Assignment]
    # what an approver weighs, per pending override: (level the duty needs, level today)
    gaps: dict[int, tuple[int, int]] = field(default_factory=dict)
    sent_back: list[SentBack] = field(default_factory=list)  # the last 30 days, for HR


def mandatory_modules_total() -> int:
    return int(db.session.scalar(select(func.count(Module.id)).join(Course).where(
        Course.mandatory.is_(True), Course.audience == "executive",
        Module.retired.is_(False))) or 0)


def executive_training(lao: Lao) -> list[ExecutiveTraining]:
    """Mandatory executive modules passed by each executive of the LAO (two queries)."""
    executives = list(db.session.scalars(select(User).where(
        User.lao_id == lao.id, User.role == "executive", User.status == "active")
        .order_by(User.full_name)))
    passed = dict(db.session.execute(
        select(Enrollment.user_id, func.count(ModuleProgress.id))
        .join(ModuleProgress, ModuleProgress.enrollment_id == Enrollment.id)
        .join(Module, Module.id == ModuleProgress.module_id)
        .join(Course, Course.id == Module.course_id)
        .where(Enrollment.user_id.in_([u.id for u in executives]),
               Course.mandatory.is_(True), Module.retired.is_(False),
               ModuleProgress.passed_at.is_not(None))
        .group_by(Enrollment.user_id)).all()) if executives else {}
    total = mandatory_modules_total()
    return [ExecutiveTraining(u, int(passed.get(u.id, 0)), total) for u in executives]


def executive_summary(lao: Lao, now: datetime) -> Summary:
    _rows, coverage = build_register(lao, now)
    pending = list(db.session.scalars(select(Assignment).where(
        Assignment.lao_id == lao.id, Assignment.status == "pending_approval")
        .order_by(Assignment.created_at)))
    gaps = {a.id: assignments.gate(a.user, a.subsystem, a.role, now) for a in pending}
    return Summary(executive_training(lao), coverage, pending, gaps,
                   recently_sent_back(lao, now))


def recently_sent_back(lao: Lao, now: datetime, days: int = 30) -> list[SentBack]:
    """Overrides an executive sent back in the last `days` days, newest first: HR reads why
    on the home page instead of finding it on the assignments page by chance."""
    ended = list(db.session.scalars(select(Assignment).where(
        Assignment.lao_id == lao.id, Assignment.status == "ended",
        Assignment.override_reason.is_not(None))))
    notes = assignments.sent_back_notes([a.id for a in ended])
    recent = [(a, *notes[a.id]) for a in ended
              if a.id in notes and now - notes[a.id][2] <= timedelta(days=days)]
    people = {who for _a, _r, who, _at in recent if who}
    names: dict[int | None, str] = {}
    for person_id, name in db.session.execute(select(User.id, User.full_name).where(
            User.id.in_(people))) if people else ():
        names[person_id] = name
    return sorted((SentBack(a, reason, names.get(who, ""), at)
                   for a, reason, who, at in recent), key=lambda s: s.at, reverse=True)

