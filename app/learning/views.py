"""Web pages: catalogue, course page with the personal path, module reading and check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.content.glossary import glossaries, read_shared_page
from app.content.markdown import render
from app.content.models import Module, QuestionOption
from app.dates import local_date
from app.db import utcnow
from app.errors import AppError
from app.extensions import db
from app.learning import services
from app.learning.models import Enrollment
from app.org.forms import EmptyForm
from app.subsystems import CODES, SUBSYSTEMS
from app.web import be_time

bp = Blueprint("learning", __name__)


@bp.get("/courses")
@login_required
def catalogue() -> ResponseReturnValue:
    audience = request.args.get("audience") if request.args.get("audience") in (
        "officer", "executive") else None
    subsystem = request.args.get("subsystem") if request.args.get("subsystem") in CODES else None
    due = services.executive_due(current_user, utcnow()) if current_user.role == "executive" \
        else []
    db.session.commit()  # an executive's mandatory courses are enrolled on first sight
    return render_template("learning/catalogue.html", today=local_date(utcnow()),
                           courses=services.catalogue(audience, subsystem), due=due,
                           audience=audience, subsystem=subsystem, subsystems=SUBSYSTEMS)


@bp.route("/courses/<int:course_id>", methods=["GET", "POST"])
@login_required
def course(course_id: int) -> ResponseReturnValue:
    course = services.get_course_or_404(course_id)
    if request.method == "POST" and EmptyForm().validate_on_submit():
        services.enroll(current_user, course)
        db.session.commit()
        return redirect(url_for("learning.course", course_id=course.id))
    enrollment = services.enrollment_of(current_user, course)
    states = services.course_state(current_user, course, enrollment)
    # an executive's mandatory course says so, and by when (as on the home page)
    due = services.mandatory_due(enrollment) if enrollment is not None and course.mandatory \
        and course.audience == "executive" and current_user.role == "executive" else None
    return render_template("learning/course.html", course=course, enrollment=enrollment,
                           states=states, form=EmptyForm(), due=due, today=local_date(utcnow()),
                           has_path=services.placement_path(current_user, course) is not None)


@bp.route("/modules/<int:module_id>", methods=["GET", "POST"])
@login_required
def module(module_id: int) -> ResponseReturnValue:
    module = services.get_module_or_404(module_id)
    enrollment = services.enrollment_of(current_user, module.course)
    result, chosen = None, {}
    if request.method == "GET":
        # opening a lesson is the wish to study it: enrol on the way in, no dead end
        # (supervisors and admins read lessons to review them, and enrol only if they ask)
        if enrollment is None and current_user.role not in ("supervisor", "admin"):
            enrollment = services.enroll(current_user, module.course)[0]
        if enrollment is not None:
            services.open_module(enrollment, module, utcnow())
        db.session.commit()
    if request.method == "POST":
        if enrollment is None or not EmptyForm().validate_on_submit():
            return redirect(url_for("learning.course", course_id=module.course_id))
        answers = {key[1:]: int(value) for key, value in request.form.items()
                   if key.startswith("q") and value.isdigit()}
        chosen = {int(k): v for k, v in answers.items() if k.isdigit()}
        try:
            passed, score = services.check_module(current_user, enrollment, module, answers,
                                                  utcnow())
        except AppError as exc:
            db.session.rollback()
            retry = exc.details.get("retry_after")
            flash(exc.localized() + (" " + _("You can try again from %(when)s.", when=be_time(
                retry)) if retry else ""), "error")
        else:
            db.session.commit()
            result = _check_feedback(module, chosen, passed, score)
            if not passed:  # right picks stay ticked, wrong ones are cleared for a new try
                chosen = {q: o for q, o in chosen.items() if q not in result["wrong"]}
            if enrollment.status == "completed":
                flash(_("Course completed. Well done!"), "success")
    return render_template("learning/module.html", module=module, enrollment=enrollment,
                           result=result, chosen=chosen, form=EmptyForm(),
                           next_module=_next_on_path(module, enrollment))


def _check_feedback(module: Module, chosen: dict[int, int], passed: bool,
                    score: float) -> dict[str, Any]:
    """Which questions were answered wrong (or not at all) in the check just graded."""
    keys = set(db.session.scalars(select(QuestionOption.id).where(
        QuestionOption.question_id.in_([q.id for q in module.questions]),
        QuestionOption.correct.is_(True))))
    wrong = {q.id for q in module.questions if chosen.get(q.id) not in keys}
    return {"passed": passed, "score": score, "wrong": wrong,
            "right": len(module.questions) - len(wrong), "total": len(module.questions)}


def _next_on_path(module: Module, enrollment: Enrollment | None) -> Module | None:
    """The next lesson the person still has to pass on their path: after this one first,
    then any earlier one left behind."""
    if enrollment is None:
        return None
    todo = [s.module for s in services.course_state(current_user, module.course, enrollment)
            if s.on_path and not s.passed and s.module.id != module.id]
    later = [m for m in todo if m.position > module.position]
    return (later or todo)[0] if todo else None


@bp.get("/glossary/<subsystem>")
@login_required
def glossary(subsystem: str) -> ResponseReturnValue:
    """A system's terms in Thai and English with a one-line meaning; ?q= filters them."""
    if subsystem not in CODES:
        abort(404)
    terms = glossaries(Path(current_app.config["CONTENT_ROOT"]) / "courses").get(subsystem, [])
    query = (request.args.get("q") or "").strip()
    if query:
        needle = query.lower()
        terms = [t for t in terms if needle in f"{t.th} {t.en} {t.meaning_th}".lower()]
    system = next(s for s in SUBSYSTEMS if s.code == subsystem)
    return render_template("learning/glossary.html", system=system, terms=terms, query=query,
                           subsystems=SUBSYSTEMS)


@bp.get("/help/register")
@login_required
def shared_register() -> ResponseReturnValue:
    """The page every executive course links to: reading the competency register."""
    page = read_shared_page(Path(current_app.config["CONTENT_ROOT"]) / "courses",
                            "executive-register")
    return render_template("learning/shared_page.html", page=page, body_html=render(page.body_md))
