"""Placement attempts: start or resume, autosave answers, submit, expire. Flush, never commit."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import JSON, Boolean, bindparam, column, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.content.models import Course, Module, PlacementBank, Question, QuestionOption, Topic
from app.db import UTCDateTime
from app.errors import N_, BadRequest, Conflict, Cooldown, Invalid, NotFound
from app.extensions import db
from app.placement import adaptive
from app.placement.grading import (
    BankItem,
    Result,
    draw_form,
    grade,
    mastered_topics,
    shuffled,
)
from app.placement.models import Attempt, AttemptItem
from app.placement.present import ItemRow, attempt_body, body_of
from app.register.competency import record_evidence
from app.single_statement import SingleStatement
from app.subsystems import CODES

GRACE = timedelta(seconds=30)  # an answer sent as the clock runs out still counts


class AttemptClosed(Conflict):
    code = "attempt_closed"


def bank_for(subsystem: str) -> PlacementBank:
    if subsystem not in CODES:
        raise NotFound(N_("unknown system code"))
    bank = db.session.scalar(select(PlacementBank).where(PlacementBank.subsystem == subsystem))
    if bank is None:
        raise NotFound(N_("this system has no placement quiz yet"))
    return bank


def _open_attempt(user: User, subsystem: str) -> Attempt | None:
    return db.session.scalar(select(Attempt).where(
        Attempt.user_id == user.id, Attempt.subsystem == subsystem, Attempt.status == "open"))


def retake_at(finished_at: datetime | None, now: datetime) -> datetime | None:
    """When a person may retake after an attempt that finished then; None: already now."""
    if finished_at is None:
        return None
    retry = finished_at + timedelta(hours=current_app.config.get("PLACEMENT_COOLDOWN_HOURS", 24))
    return retry if retry > now else None


def _cooldown(user: User, subsystem: str, now: datetime) -> None:
    last = db.session.scalar(select(Attempt.finished_at).where(
        Attempt.user_id == user.id, Attempt.subsystem == subsystem,
        Attempt.status != "open").order_by(Attempt.finished_at.desc()).limit(1))
    retry = retake_at(last, now)
    if retry is not None:
        raise Cooldown(N_("you can take this quiz again after the waiting time"),
                       {"retry_after": retry.isoformat()}) from None


def start_attempt(user: User, subsystem: str, now: datetime) -> tuple[Attempt, bool]:
    """The person's open attempt (resumed=True) or a new stratified, shuffled form."""
    bank = bank_for(subsystem)
    current = _open_attempt(user, subsystem)
    if current is not None and not settle_if_expired(current, now):
        return current, True
    _cooldown(user, subsystem, now)
    seed = secrets.randbelow(2**31)
    attempt = Attempt(user_id=user.id, lao_id=user.lao_id, subsystem=subsystem, seed=seed,
                      status="open", started_at=now, adaptive=bank.mode == "adaptive",
                      expires_at=now + timedelta(minutes=bank.time_limit_minutes))
    if attempt.adaptive:  # the first block, chosen for the middle of the population
        model = adaptive.bank_model(bank)
        adaptive.add_block(attempt, model, 0.0, _options_by_question(list(model.items)))
    else:
        pool = [BankItem(q.id, q.topic, q.level) for q in db.session.scalars(
            select(Question).where(Question.subsystem == subsystem,
                                   Question.module_id.is_(None), Question.retired.is_(False)))]
        form = draw_form(pool, bank.items_per_attempt, seed)
        options = _options_by_question([item.question_id for item in form])
        for position, item in enumerate(form):
            attempt.items.append(AttemptItem(
                question_id=item.question_id, position=position,
                option_order=shuffled(options[item.question_id], seed + position)))
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
    except IntegrityError:
        # the same person started twice at once: the other request's attempt wins
        existing = _open_attempt(user, subsystem)
        if existing is None:
            raise
        return existing, True
    return attempt, False


def _options_by_question(question_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {qid: [] for qid in question_ids}
    for option in db.session.scalars(select(QuestionOption).where(
            QuestionOption.question_id.in_(question_ids), QuestionOption.retired.is_(False))
            .order_by(QuestionOption.position)):
        found[option.question_id].append(option.id)
    return found


def settle_if_expired(attempt: Attempt, now: datetime) -> bool:
    """Grade an open attempt whose time ran out; True when it changed (the caller commits)."""
    if attempt.status == "open" and attempt.expires_at + GRACE <= now:
        finish(attempt, now)
        return True
    return False


def get_own_attempt(user_id: int, attempt_id: int) -> Attempt:
    """An attempt of this person; anyone else's answers 404."""
    attempt = db.session.scalar(select(Attempt).where(Attempt.id == attempt_id,
                                                      Attempt.user_id == user_id)
                                .options(selectinload(Attempt.items)
                                         .selectinload(AttemptItem.question)))
    if attempt is None:
        raise NotFound(N_("attempt not found"))
    return attempt


# an attempt as its owner reads it (resume on any device): plain rows, no ORM objects
_ATTEMPT_ROWS = text(
    "SELECT attempt.subsystem, attempt.status, attempt.expires_at, attempt.adaptive,"
    " attempt.done, attempt_item.question_id,"
    " question.ref, question.text, attempt_item.option_order, attempt_item.answer_option_id"
    " FROM attempt JOIN attempt_item ON attempt_item.attempt_id = attempt.id"
    " JOIN question ON question.id = attempt_item.question_id"
    " WHERE attempt.id = :attempt_id AND attempt.user_id = :user_id"
    " ORDER BY attempt_item.position"
).columns(column("subsystem"), column("status"), column("expires_at", UTCDateTime()),
          column("adaptive", Boolean()), column("done", Boolean()), column("question_id"),
          column("ref"), column("text"),
          column("option_order", JSON()), column("answer_option_id"))


def own_attempt_body(user_id: int, attempt_id: int, now: datetime) -> dict[str, Any]:
    """The attempt with its saved answers for its owner (404 for anyone else). One that ran
    out of time is graded first, through the ORM path (the caller commits)."""
    rows = db.session.execute(_ATTEMPT_ROWS, {"attempt_id": attempt_id,
                                              "user_id": user_id}).all()
    if not rows:
        raise NotFound(N_("attempt not found"))
    subsystem, status, expires_at, is_adaptive, done = rows[0][:5]
    if status == "open" and expires_at + GRACE <= now:
        attempt = get_own_attempt(user_id, attempt_id)
        settle_if_expired(attempt, now)
        return attempt_body(attempt, with_answers=True)
    return body_of(attempt_id, subsystem, expires_at, status,
                   [ItemRow(*row[5:]) for row in rows], with_answers=True,
                   adaptive=bool(is_adaptive), done=bool(done) or not is_adaptive)


# the checked save: taken when the one-statement save refuses, to say why
_ANSWER_TARGET = text(
    "SELECT attempt.status, attempt.expires_at, attempt_item.id, attempt_item.option_order"
    " FROM attempt LEFT OUTER JOIN attempt_item ON attempt_item.attempt_id = attempt.id"
    " AND attempt_item.question_id = :question_id"
    " WHERE attempt.id = :attempt_id AND attempt.user_id = :user_id"
).columns(column("status"), column("expires_at", UTCDateTime()), column("id"),
          column("option_order", JSON()))
_SAVE_ANSWER = text(
    "UPDATE attempt_item SET answer_option_id = :option_id, answered_at = :now"
    " WHERE id = :item_id"
).bindparams(bindparam("now", type_=UTCDateTime()))


# The autosave hot path in ONE statement that is its own transaction: the caller (a live
# token of an active account, or the signed-in user), the attempt (theirs, open, in time), the
# question (in the attempt) and the option (one shown for it) are all conditions of the
# UPDATE. No row changed means "something is wrong", and the caller takes the checked path,
# which says what.
_OPTION_SHOWN = {  # option_order: the JSON array of the option ids shown for the question
    "postgresql": "CAST(attempt_item.option_order AS jsonb) @> CAST(:option_json AS jsonb)",
    "sqlite": "EXISTS (SELECT 1 FROM json_each(attempt_item.option_order)"
              " WHERE json_each.value = :option_id)",
}


def _save_statement(tables: str, owner: str) -> SingleStatement:
    # built from this module's constants only; every value is a bound parameter
    sql = ("UPDATE attempt_item SET answer_option_id = :option_id, answered_at = :now"  # noqa: S608
           f" FROM attempt{tables} WHERE attempt_item.attempt_id = :attempt_id"
           " AND attempt_item.question_id = :question_id AND attempt.id = attempt_item.attempt_id"
           " AND attempt.status = 'open' AND attempt.expires_at > :open_after"
           f" AND {owner} AND {{option_shown}}")
    return SingleStatement({dialect: sql.format(option_shown=clause)
                            for dialect, clause in _OPTION_SHOWN.items()},
                           datetimes=("now", "open_after"))


_SAVE_WITH_TOKEN = _save_statement(
    ", api_token, app_user",
    "api_token.token_hash = :digest AND api_token.expires_at > :now"
    " AND api_token.user_id = attempt.user_id"
    " AND app_user.id = attempt.user_id AND app_user.status = 'active'")
_SAVE_FOR_USER = _save_statement("", "attempt.user_id = :user_id")
_INT32 = range(-(2**31), 2**31)


def save_answer_in_one_statement(attempt_id: int, question_id: int, body: Any, now: datetime,
                                 *, token_digest: str | None = None,
                                 user_id: int | None = None) -> bool:
    """Save the answer when everything is in order; False when anything is not (nothing
    changed then). The caller is a bearer token's digest (checked here) or the id of the
    user the session already signed in. Call it outside any open session transaction (on
    SQLite that transaction would hold the write lock this statement needs)."""
    option_id = body.get("option_id") if isinstance(body, dict) else None
    if type(option_id) is not int or option_id not in _INT32:
        return False
    params = {"option_id": option_id, "option_json": f"[{option_id}]", "now": now,
              "open_after": now - GRACE, "attempt_id": attempt_id,
              "question_id": question_id}
    if token_digest is not None:
        return _SAVE_WITH_TOKEN.rowcount(db.engine, {**params, "digest": token_digest}) == 1
    assert user_id is not None
    return _SAVE_FOR_USER.rowcount(db.engine, {**params, "user_id": user_id}) == 1


def save_own_answer(user_id: int, attempt_id: int, question_id: int, body: Any,
                    now: datetime) -> None:
    """Save one answer, checking each condition in turn and saying which failed: another
    person's attempt is 404 (checked first), a bad body 400/422, a question or option
    outside the attempt 422, a closed attempt 409 (graded first if its time ran out)."""
    row = db.session.execute(_ANSWER_TARGET, {"attempt_id": attempt_id, "user_id": user_id,
                                              "question_id": question_id}).first()
    if row is None:
        raise NotFound(N_("attempt not found"))
    status, expires_at, item_id, option_order = row
    if not isinstance(body, dict):
        raise BadRequest(N_("the body must be a JSON object with option_id"))
    if "option_id" not in body:
        raise Invalid(N_("option_id is required"), {"fields": {"option_id": "is required"}})
    option_id = body["option_id"]
    if status == "open" and expires_at + GRACE <= now:
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        settle_if_expired(attempt, now)
        status = attempt.status
    if status != "open":
        raise AttemptClosed(N_("the attempt is closed (time is up or it was submitted)"),
                            {"status": status})
    if item_id is None:
        raise Invalid(N_("this question is not in the attempt"), {"question_id": question_id})
    if isinstance(option_id, bool) or not isinstance(option_id, int) \
            or option_id not in option_order:
        raise Invalid(N_("this option does not belong to the question"), {"option_id": option_id})
    db.session.execute(_SAVE_ANSWER, {"item_id": item_id, "option_id": option_id,
                                      "now": now})


def finish(attempt: Attempt, now: datetime) -> Attempt:
    """Grade on the saved answers; 'submitted' in time, 'expired' when the time ran out.
    Idempotent: a finished attempt is returned as it is, also when two submits race."""
    if attempt.status != "open":
        return attempt
    locked = db.session.scalar(select(Attempt).where(Attempt.id == attempt.id)
                               .with_for_update().execution_options(populate_existing=True))
    if locked is None or locked.status != "open":
        return attempt
    bank = bank_for(attempt.subsystem)
    correct_options = set(db.session.scalars(select(QuestionOption.id).where(
        QuestionOption.question_id.in_([i.question_id for i in attempt.items]),
        QuestionOption.correct.is_(True))))
    answers = [(i.question.topic, i.question.level, i.answer_option_id in correct_options)
               for i in attempt.items]
    topic_order = list(db.session.scalars(select(Topic.code).where(
        Topic.subsystem == attempt.subsystem).order_by(Topic.position)))
    result = grade(answers, bank.cut_scores, topic_order)
    if attempt.adaptive:  # the level comes from the ability estimate, not the share right
        measured = adaptive.grade_adaptive(attempt, bank)
        result = Result(result.score, measured.level, result.topics)
        attempt.theta, attempt.theta_se = measured.theta, measured.se
        attempt.level_confidence = measured.confidence
    attempt.status = "submitted" if now < attempt.expires_at + GRACE else "expired"
    attempt.finished_at = now
    attempt.score, attempt.level, attempt.topics = result.score, result.level, result.topics
    mastered = mastered_topics(result.topics, bank.cut_scores["2"])
    attempt.learning_path = learning_path(attempt.subsystem, mastered)
    record_evidence(attempt.user_id, attempt.subsystem, result.level, "placement",
                    f"attempt:{attempt.id}", now)
    db.session.flush()
    return attempt


def learning_path(subsystem: str, mastered: set[str]) -> list[int]:
    """Officer-course modules still to study: lessons with an unmastered topic, and the final."""
    modules = db.session.scalars(
        select(Module).join(Course).where(Course.subsystem == subsystem,
                                          Course.audience == "officer",
                                          Module.retired.is_(False))
        .order_by(Module.position))
    return [m.id for m in modules
            if m.kind == "final" or not set(m.topics) <= mastered]


def expire_overdue(now: datetime) -> int:
    """Grade every open attempt whose time ran out (run by `flask placement expire`)."""
    overdue = list(db.session.scalars(select(Attempt).where(
        Attempt.status == "open", Attempt.expires_at <= now - GRACE)))
    for attempt in overdue:
        finish(attempt, now)
    return len(overdue)


def next_block(user_id: int, attempt_id: int, now: datetime) -> tuple[list[AttemptItem], bool]:
    """The next block of an adaptive attempt once the current one is answered (409 while a
    question is open), or done; a fixed form is always done. Another person's attempt 404."""
    attempt = get_own_attempt(user_id, attempt_id)
    if settle_if_expired(attempt, now) or attempt.status != "open":
        raise AttemptClosed(N_("this attempt is already closed"))
    if not attempt.adaptive or attempt.done:
        return [], True
    # one block at a time even when the browser retries: the row is locked while choosing
    db.session.scalar(select(Attempt.id).where(Attempt.id == attempt.id).with_for_update())
    db.session.refresh(attempt)
    return adaptive.next_block(attempt, bank_for(attempt.subsystem), _options_by_question)


def current_block_start(attempt_id: int) -> int:
    """Position of the first question of the attempt's latest block (0 for a fixed form)."""
    latest = select(func.max(AttemptItem.block)).where(
        AttemptItem.attempt_id == attempt_id).scalar_subquery()
    return int(db.session.scalar(select(func.min(AttemptItem.position)).where(
        AttemptItem.attempt_id == attempt_id, AttemptItem.block == latest)) or 0)
