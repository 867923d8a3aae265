"""Courses: catalogue, enrolment, module checks graded on the server, completion.
Flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.content.models import Course, Module, QuestionOption
from app.dates import local_date
from app.errors import N_, Invalid, NotFound, Throttled
from app.extensions import db
from app.learning.models import CheckResponse, Enrollment, ModuleProgress
from app.placement.models import Attempt
from app.register.competency import record_evidence

COURSE_LEVEL = 2  # finishing an officer course is evidence of running the system alone


@dataclass(frozen=True)
class CatalogueEntry:
    """A course as the catalogue lists it: its modules by title, never their bodies."""

    id: int
    slug: str
    subsystem: str
    title_th: str
    title_en: str
    audience: str
    mandatory: bool
    modules: list[Any]  # rows: id, title_th, title_en, level, kind


def catalogue(audience: str | None = None, subsystem: str | None = None
              ) -> list[CatalogueEntry]:
    """The catalogue (page, API and the executive's due list) as plain rows, two queries."""
    stmt = select(Course.id, Course.slug, Course.subsystem, Course.title_th, Course.title_en,
                  Course.audience, Course.mandatory).order_by(
        Course.mandatory.desc(), Course.subsystem, Course.audience)
    if audience:
        stmt = stmt.where(Course.audience == audience)
    if subsystem:
        stmt = stmt.where(Course.subsystem == subsystem)
    courses = db.session.execute(stmt).all()
    modules: dict[int, list[Any]] = {c.id: [] for c in courses}
    for module in db.session.execute(
            select(Module.course_id, Module.id, Module.title_th, Module.title_en, Module.level,
                   Module.kind)
            .where(Module.course_id.in_(list(modules)), Module.retired.is_(False))
            .order_by(Module.course_id, Module.position)):
        modules[module.course_id].append(module)
    return [CatalogueEntry(*course, modules=modules[course.id]) for course in courses]


def get_course_or_404(course_id: int) -> Course:
    course = db.session.get(Course, course_id)
    if course is None:
        raise NotFound(N_("course not found"))
    return course


def get_module_or_404(module_id: int) -> Module:
    module = db.session.get(Module, module_id)
    if module is None or module.retired:
        raise NotFound(N_("module not found"))
    return module


def enroll(user: User, course: Course) -> tuple[Enrollment, bool]:
    """The person's enrolment in the course; created=False when it already existed."""
    existing = db.session.scalar(select(Enrollment).where(
        Enrollment.user_id == user.id, Enrollment.course_id == course.id))
    if existing is not None:
        return existing, False
    enrollment = Enrollment(user_id=user.id, course_id=course.id, status="in_progress")
    db.session.add(enrollment)
    db.session.flush()
    return enrollment, True


def get_own_enrollment(user: User, enrollment_id: int) -> Enrollment:
    enrollment = db.session.scalar(select(Enrollment).where(
        Enrollment.id == enrollment_id, Enrollment.user_id == user.id))
    if enrollment is None:
        raise NotFound(N_("enrolment not found"))
    return enrollment


def enrollment_of(user: User, course: Course) -> Enrollment | None:
    return db.session.scalar(select(Enrollment).where(
        Enrollment.user_id == user.id, Enrollment.course_id == course.id))


def placement_path(user: User, course: Course) -> set[int] | None:
    """Module ids still to study from the latest placement result; None without a result."""
    if course.audience != "officer":
        return None
    attempt = db.session.scalar(select(Attempt).where(
        Attempt.user_id == user.id, Attempt.subsystem == course.subsystem,
        Attempt.status != "open").order_by(Attempt.finished_at.desc()).limit(1))
    if attempt is None or attempt.learning_path is None:
        return None
    return set(attempt.learning_path)


@dataclass
class ModuleState:
    module: Module
    on_path: bool
    passed: bool
    opened: bool


def course_state(user: User, course: Course,
                 enrollment: Enrollment | None) -> list[ModuleState]:
    """Each module with whether it is on the person's path and whether it is passed."""
    path = placement_path(user, course)
    progress = {p.module_id: p for p in enrollment.progress} if enrollment else {}
    return [ModuleState(
        module=m,
        on_path=path is None or m.id in path or m.kind == "final",
        passed=m.id in progress and progress[m.id].passed_at is not None,
        opened=m.id in progress,
    ) for m in course.modules]


def open_module(enrollment: Enrollment, module: Module, now: datetime) -> ModuleProgress:
    if module.course_id != enrollment.course_id:
        raise NotFound(N_("module not in this course"))
    progress = db.session.scalar(select(ModuleProgress).where(
        ModuleProgress.enrollment_id == enrollment.id, ModuleProgress.module_id == module.id))
    if progress is None:
        progress = ModuleProgress(enrollment_id=enrollment.id, module_id=module.id,
                                  opened_at=now)
        db.session.add(progress)
        db.session.flush()
    return progress


def _parse_answers(module: Module, answers: Any) -> dict[int, int]:
    if not isinstance(answers, dict):
        raise Invalid(N_("answers must map question ids to option ids"))
    questions = {q.id: q for q in module.questions}
    parsed: dict[int, int] = {}
    problems: dict[str, str] = {}
    for key, value in answers.items():
        qid = int(key) if str(key).isdigit() else None
        if qid is None or qid not in questions:
            problems[str(key)] = "not a question of this module"
        elif isinstance(value, bool) or not isinstance(value, int) or value not in {
                o.id for o in questions[qid].active_options}:
            problems[str(key)] = "not an option of this question"
        else:
            parsed[qid] = value
    if problems:
        raise Invalid(N_("some answers do not fit this module"), {"answers": problems})
    return parsed


def check_module(user: User, enrollment: Enrollment, module: Module, answers: Any,
                 now: datetime) -> tuple[bool, float]:
    """Grade a module check on the server; unanswered items count as wrong."""
    parsed = _parse_answers(module, answers)
    progress = open_module(enrollment, module, now)
    if module.kind == "final" and progress.passed_at is None:
        _final_check_open(progress, now)
    correct = set(db.session.scalars(select(QuestionOption.id).where(
        QuestionOption.question_id.in_([q.id for q in module.questions]),
        QuestionOption.correct.is_(True))))
    total = len(module.questions)
    score = round(sum(1 for v in parsed.values() if v in correct) / total, 4) if total else 1.0
    passed = score + 1e-9 >= current_app.config.get("MODULE_PASS_SHARE", 0.75)
    progress.tries += 1
    for question in module.questions:  # every item, answered or not, for item analysis
        chosen = parsed.get(question.id)
        db.session.add(CheckResponse(progress_id=progress.id, try_no=progress.tries,
                                     question_id=question.id, option_id=chosen,
                                     correct=chosen in correct, answered_at=now))
    progress.best_score = max(progress.best_score, score)
    if passed and progress.passed_at is None:
        progress.passed_at = now
    elif not passed:
        progress.failed_in_row, progress.last_failed_at = progress.failed_in_row + 1, now
    db.session.flush()
    _complete_if_done(user, enrollment, now)
    return passed, score


def _final_check_open(progress: ModuleProgress, now: datetime) -> None:
    """After FINAL_CHECK_TRIES tries in a row that did not pass, the final check waits
    FINAL_CHECK_WAIT_MINUTES (then the tries start again): time to read the lessons, and no
    finding the answers by trying every option."""
    tries = int(current_app.config.get("FINAL_CHECK_TRIES", 3))
    if progress.failed_in_row < tries or progress.last_failed_at is None:
        return
    opens = progress.last_failed_at + timedelta(
        minutes=float(current_app.config.get("FINAL_CHECK_WAIT_MINUTES", 60)))
    if now < opens:
        raise Throttled(N_("the final check opens again after a wait: read the lessons "
                           "meanwhile"), {"retry_after": opens.isoformat()})
    progress.failed_in_row = 0


def _complete_if_done(user: User, enrollment: Enrollment, now: datetime) -> None:
    if enrollment.status == "completed":
        return
    # two final checks submitted at once complete the course (and issue) only once
    db.session.refresh(enrollment, with_for_update=True)
    if enrollment.status == "completed":
        return
    course = enrollment.course
    states = course_state(user, course, enrollment)
    if states and all(s.passed for s in states if s.on_path):
        enrollment.status, enrollment.completed_at = "completed", now
        if course.audience == "officer":
            record_evidence(user.id, course.subsystem, COURSE_LEVEL, "course",
                            f"enrollment:{enrollment.id}", now)
        from app.certification.services import issue  # completing a course earns one

        issue(None, user, course, COURSE_LEVEL, now)
        db.session.flush()


def executive_due(user: User, now: datetime) -> list[tuple[CatalogueEntry, int, int, date]]:
    """An executive's mandatory courses, each enrolled automatically on first sight (flushes),
    with modules passed, modules in all, and the date it is due (MANDATORY_DUE_DAYS after
    enrolment)."""
    courses = [c for c in catalogue(audience="executive") if c.mandatory]
    enrollments = {e.course_id: e for e in db.session.scalars(
        select(Enrollment).where(Enrollment.user_id == user.id)
        .options(selectinload(Enrollment.progress)))}
    for course in courses:
        if course.id not in enrollments:
            enrollment = Enrollment(user_id=user.id, course_id=course.id,
                                    status="in_progress", started_at=now)
            db.session.add(enrollment)
            enrollments[course.id] = enrollment
    db.session.flush()
    rows = []
    for course in courses:
        enrollment = enrollments[course.id]
        done = {p.module_id for p in enrollment.progress if p.passed_at is not None}
        rows.append((course, sum(1 for m in course.modules if m.id in done),
                     len(course.modules), mandatory_due(enrollment)))
    return rows


def mandatory_due(enrollment: Enrollment) -> date:
    """The day a mandatory course is due: MANDATORY_DUE_DAYS after the enrolment."""
    days = int(current_app.config.get("MANDATORY_DUE_DAYS", 90))
    return local_date(enrollment.started_at) + timedelta(days=days)


def certificate_serial(enrollment: Enrollment) -> str | None:
    """The serial of the certificate this completed enrolment earned, if any."""
    from app.certification.models import Certificate

    if enrollment.status != "completed":
        return None
    return db.session.scalar(select(Certificate.serial).where(
        Certificate.user_id == enrollment.user_id, Certificate.course_id == enrollment.course_id)
        .order_by(Certificate.id.desc()).limit(1))
