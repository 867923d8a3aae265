"""The attempt as the person sees it: questions and options in the drawn order, no key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.content.models import QuestionOption
from app.extensions import db
from app.placement.models import Attempt


def attempt_body(attempt: Attempt, with_answers: bool = False) -> dict[str, Any]:
    option_ids = [oid for item in attempt.items for oid in item.option_order]
    texts = dict(db.session.execute(select(QuestionOption.id, QuestionOption.text).where(
        QuestionOption.id.in_(option_ids))).all()) if option_ids else {}
    body: dict[str, Any] = {
        "attempt_id": attempt.id,
        "subsystem": attempt.subsystem,
        "expires_at": attempt.expires_at.isoformat(),
        "questions": [{
            "id": item.question_id, "ref": item.question.ref, "text": item.question.text,
            "options": [{"id": oid, "text": texts[oid]} for oid in item.option_order
                        if oid in texts],
        } for item in attempt.items],
    }
    if with_answers:
        body["status"] = attempt.status
        body["answers"] = {str(i.question_id): i.answer_option_id for i in attempt.items
                           if i.answer_option_id is not None}
    return body


def result_body(attempt: Attempt) -> dict[str, Any]:
    return {"score": attempt.score, "level": attempt.level, "topics": attempt.topics or [],
            "learning_path": attempt.learning_path or [], "status": attempt.status}
