"""The attempt as the person sees it: questions and options in the drawn order, no key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.content.models import QuestionOption
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
                   with_answers)


def body_of(attempt_id: int, subsystem: str, expires_at: datetime, status: str,
            items: list[ItemRow], with_answers: bool) -> dict[str, Any]:
    option_ids = [oid for item in items for oid in item.option_order]
    texts = dict(db.session.execute(select(QuestionOption.id, QuestionOption.text).where(
        QuestionOption.id.in_(option_ids))).all()) if option_ids else {}
    body: dict[str, Any] = {
        "attempt_id": attempt_id,
        "subsystem": subsystem,
        "expires_at": expires_at.isoformat(),
        "questions": [{
            "id": item.question_id, "ref": item.ref, "text": item.text,
            "options": [{"id": oid, "text": texts[oid]} for oid in item.option_order
                        if oid in texts],
        } for item in items],
    }
    if with_answers:
        body["status"] = status
        body["answers"] = {str(i.question_id): i.answer_option_id for i in items
                           if i.answer_option_id is not None}
    return body


def result_body(attempt: Attempt) -> dict[str, Any]:
    return {"score": attempt.score, "level": attempt.level, "topics": attempt.topics or [],
            "learning_path": attempt.learning_path or [], "status": attempt.status}
