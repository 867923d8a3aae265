"""Web pages: choose a quiz, take it one question per screen (autosaved), see the result."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import select

from app.content.models import Module, PlacementBank, Question, QuestionOption, Topic
from app.db import utcnow
from app.errors import AppError
from app.extensions import db
from app.org.forms import EmptyForm
from app.placement import adaptive, services
from app.placement.models import Attempt
from app.placement.present import block_body
from app.register.competency import levels_of
from app.subsystems import SUBSYSTEMS

bp = Blueprint("placement", __name__)


@bp.get("/placement")
@login_required
def index() -> ResponseReturnValue:
    banks = {b.subsystem: b for b in db.session.scalars(select(PlacementBank))}
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == current_user.id)
                                  .order_by(Attempt.started_at))
    last = {a.subsystem: a for a in attempts}
    now = utcnow()
    # a retake still inside its waiting time: the list says when, instead of offering it
    waits = {code: services.retake_at(a.finished_at, now) for code, a in last.items()
             if a.status != "open"}
    return render_template("placement/index.html", subsystems=SUBSYSTEMS, banks=banks,
                           last=last, levels=levels_of(current_user.id, now), waits=waits,
                           form=EmptyForm())


@bp.post("/placement/<code>/start")
@login_required
def start(code: str) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("placement.index"))
    try:
        attempt, _resumed = services.start_attempt(current_user, code, utcnow())
    except AppError as exc:
        db.session.rollback()
        if exc.status != 409:
            raise
        return render_template("placement/cooldown.html", retry=exc.details.get("retry_after"),
                               code=code), 409
    db.session.commit()
    return redirect(url_for("placement.take", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/take")
@login_required
def take(attempt_id: int) -> ResponseReturnValue:
    body = services.own_attempt_body(current_user.id, attempt_id, utcnow())
    db.session.commit()  # an attempt graded on expiry stays graded
    if body["status"] != "open":
        return redirect(url_for("placement.result", attempt_id=attempt_id))
    return render_template("placement/take.html", body=body, form=EmptyForm(),
                           block_start=services.current_block_start(attempt_id),
                           rule=adaptive.RULE)


@bp.put("/attempts/<int:attempt_id>/answers/<int:question_id>")
@login_required
def save_answer(attempt_id: int, question_id: int) -> ResponseReturnValue:
    """The browser's autosave (session + CSRF header); same rules and hot path as the API."""
    user_id, body, now = current_user.id, request.get_json(silent=True), utcnow()
    db.session.commit()  # end the sign-in check's transaction: it must not hold SQLite's lock
    if services.save_answer_in_one_statement(attempt_id, question_id, body, now,
                                             user_id=user_id):
        return "", 204
    try:  # refused: the checked path says why, or saves after a race
        services.save_own_answer(user_id, attempt_id, question_id, body, now)
    except AppError as exc:
        db.session.commit()
        return jsonify(error=exc.code, message=exc.message, details=exc.details), exc.status
    db.session.commit()
    return "", 204


@bp.post("/attempts/<int:attempt_id>/next")
@login_required
def next_block(attempt_id: int) -> ResponseReturnValue:
    """The quiz page asks for the next block (session + CSRF header), without a reload."""
    try:
        items, done = services.next_block(current_user.id, attempt_id, utcnow())
    except AppError as exc:
        db.session.commit()  # an attempt graded on expiry stays graded
        return jsonify(error=exc.code, message=exc.message, details=exc.details), exc.status
    body = block_body(items, done)
    db.session.commit()
    return jsonify(body)


@bp.post("/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id: int) -> ResponseReturnValue:
    attempt = services.get_own_attempt(current_user.id, attempt_id)
    if EmptyForm().validate_on_submit():
        services.finish(attempt, utcnow())
        db.session.commit()
    return redirect(url_for("placement.result", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> ResponseReturnValue:
    attempt = services.get_own_attempt(current_user.id, attempt_id)
    if services.settle_if_expired(attempt, utcnow()):
        db.session.commit()
    if attempt.status == "open":
        return redirect(url_for("placement.take", attempt_id=attempt.id))
    topics = {t.code: t for t in db.session.scalars(
        select(Topic).where(Topic.subsystem == attempt.subsystem))}
    correct = set(db.session.scalars(select(QuestionOption.id).where(
        QuestionOption.question_id.in_([i.question_id for i in attempt.items]),
        QuestionOption.correct.is_(True))))
    missed = [(item, db.session.get(Question, item.question_id)) for item in attempt.items
              if item.answer_option_id not in correct]
    path = [db.session.get(Module, mid) for mid in attempt.learning_path or []]
    return render_template("placement/result.html", attempt=attempt, topics=topics,
                           missed=missed, path=[m for m in path if m is not None],
                           answered=sum(1 for i in attempt.items if i.answer_option_id))
