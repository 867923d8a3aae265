"""The home page's task list (the GOV.UK task-list pattern): for each system HR gave a person,
the level the duty needs, the level they hold, and the four steps to it — placement quiz,
lessons, final check, certificate — each not started, in progress or done."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from app.auth.models import User
from app.certification.models import Certificate
from app.content.models import Course
from app.dates import today
from app.extensions import db
from app.learning.models import Enrollment
from app.learning.services import course_state
from app.placement.models import Attempt
from app.register.assignments import gate
from app.register.models import Assignment


@dataclass
class Step:
    key: str
    state: str  # not_started | in_progress | done
    target_id: int | None = None  # the course or module a link opens


@dataclass
class Duty:
    subsystem: str
    role: str
    required: int
    current: int
    course_id: int | None
    steps: list[Step] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return self.current >= self.required

    @property
    def next_step(self) -> Step | None:
        return next((s for s in self.steps if s.state != "done"), None)


def _quiz_step(user: User, subsystem: str) -> Step:
    states = set(db.session.scalars(select(Attempt.status).where(
        Attempt.user_id == user.id, Attempt.subsystem == subsystem)))
    if "open" in states:
        return Step("quiz", "in_progress")
    return Step("quiz", "done" if states else "not_started")


def _course_steps(user: User, course: Course | None) -> list[Step]:
    if course is None:
        return []
    enrollment = db.session.scalar(select(Enrollment).where(
        Enrollment.user_id == user.id, Enrollment.course_id == course.id))
    states = course_state(user, course, enrollment)
    lessons = [s for s in states if s.on_path and s.module.kind != "final"]
    final = next((s for s in states if s.module.kind == "final"), None)
    if enrollment is None:
        lessons_state = "not_started"
    elif all(s.passed for s in lessons):
        lessons_state = "done"
    else:
        lessons_state = "in_progress"
    check_state = "not_started"
    if final is not None and final.passed:
        check_state = "done"
    elif final is not None and final.opened:
        check_state = "in_progress"
    held = db.session.scalar(select(Certificate.id).where(
        Certificate.user_id == user.id, Certificate.course_id == course.id,
        Certificate.revoked_at.is_(None), Certificate.expires_on >= today()).limit(1))
    return [Step("lessons", lessons_state, course.id),
            Step("check", check_state, final.module.id if final else course.id),
            Step("certificate", "done" if held else "not_started", course.id)]


def duties_of(user: User, now: datetime) -> list[Duty]:
    """The person's systems from their active or waiting assignments, with the steps."""
    rows = db.session.scalars(select(Assignment).where(
        Assignment.user_id == user.id, Assignment.status.in_(("active", "pending_approval")))
        .order_by(Assignment.subsystem))
    duties: dict[str, Duty] = {}
    for a in rows:
        required, current = gate(user, a.subsystem, a.role, now)
        if a.subsystem in duties and duties[a.subsystem].required >= required:
            continue
        course = db.session.scalar(select(Course).where(
            Course.subsystem == a.subsystem, Course.audience == "officer"))
        duties[a.subsystem] = Duty(a.subsystem, a.role, required, current,
                                   course.id if course else None,
                                   [_quiz_step(user, a.subsystem),
                                    *_course_steps(user, course)])
    return list(duties.values())


def next_duty(duties: list[Duty]) -> Duty | None:
    """Where the one 'continue' button leads: the first duty whose level is not met yet."""
    return next((d for d in duties if not d.met and d.next_step is not None), None)

