"""The executive's view of their LAO: mandatory training, coverage flags, overrides waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.auth.models import User
from app.content.models import Course, Module
from app.extensions import db
from app.learning.models import Enrollment, ModuleProgress
from app.org.models import Lao
from app.register.models import Assignment
from app.register.register import Coverage, build_register


@dataclass
class ExecutiveTraining:
    user: User
    done: int
    total: int


@dataclass
class Summary:
    training: list[ExecutiveTraining]
    coverage: dict[str, Coverage]
    pending: list[Assignment]


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
    return Summary(executive_training(lao), coverage, pending)
