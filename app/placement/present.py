"""The attempt as the person sees it: questions and options in the drawn order, no key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.content.models import Question, QuestionOption
from app.extensions import db
from app.placement.models import Attempt


@dataclass(frozen=True)
class ItemRow:
    """One question of an attempt as shown: in the drawn order, with the saved answer."""

    question_id: int
    ref: str
    text: str
    option_order: list[int]
    answer_option_id: int | None


def attempt_body(attempt: Attempt, with_answers: bool = False) -> dict[str, Any]:
    items = [ItemRow(i.question_id, i.question.ref, i.question.text, i.option_order,
                     i.answer_option_id) for i in attempt.items]
    return body_of(attempt.id, attempt.subsystem, attempt.expires_at, attempt.status, items,
                   with_answers, adaptive=attempt.adaptive,
                   done=attempt.done or not attempt.adaptive)


def questions_of(items: list[ItemRow]) -> list[dict[str, Any]]:
    """Questions as shown, options in the drawn order, no key."""
    option_ids = [oid for item in items for oid in item.option_order]
    texts = dict(db.session.execute(select(QuestionOption.id, QuestionOption.text).where(
        QuestionOption.id.in_(option_ids))).all()) if option_ids else {}
    return [{"id": item.question_id, "ref": item.ref, "text": item.text,
             "options": [{"id": oid, "text": texts[oid]} for oid in item.option_order
                         if oid in texts]} for item in items]


def body_of(attempt_id: int, subsystem: str, expires_at: datetime, status: str,
            items: list[ItemRow], with_answers: bool, adaptive: bool = False,
            done: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = {
        "attempt_id": attempt_id,
        "subsystem": subsystem,
        "expires_at": expires_at.isoformat(),
        "adaptive": adaptive,
        "done": done,
        "questions": questions_of(items),
    }
    if with_answers:
        body["status"] = status
        body["answers"] = {str(i.question_id): i.answer_option_id for i in items
                           if i.answer_option_id is not None}
    return body


def block_body(items: list[Any], done: bool) -> dict[str, Any]:
    """The answer to `next`: the new block's questions (none when done)."""
    questions = {q.id: q for q in db.session.scalars(select(Question).where(
        Question.id.in_([i.question_id for i in items])))} if items else {}
    rows = [ItemRow(i.question_id, questions[i.question_id].ref,
                    questions[i.question_id].text, i.option_order, None) for i in items]
    return {"questions": questions_of(rows), "done": done}


def result_body(attempt: Attempt) -> dict[str, Any]:
    body = {"score": attempt.score, "level": attempt.level, "topics": attempt.topics or [],
            "learning_path": attempt.learning_path or [], "status": attempt.status,
            "adaptive": attempt.adaptive}
    if attempt.adaptive:
        body.update({"items": len(attempt.items), "ability": attempt.theta,
                     "level_confidence": attempt.level_confidence})
    return body
