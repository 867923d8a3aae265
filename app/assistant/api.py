"""API: ask the assistant."""

from __future__ import annotations

from flask import current_app, g, jsonify
from flask.typing import ResponseReturnValue

from app.api import actor, route
from app.api.shapes import BOOL, NUMBER, STR, array, obj
from app.api.validation import parse
from app.assistant import services
from app.assistant.present import reply_dict
from app.extensions import db, limiter

# at most MAX_QUESTION_CHARS once the spaces around it are gone (the service counts)
ASK_BODY = {"question": ("str", True, {"not_blank": True})}


def _limit() -> str:
    return str(current_app.config.get("ASSISTANT_RATE_LIMIT", "30 per minute"))


def _per_user() -> str:
    # per person, not per address: a whole LAO office often shares one address
    return f"assistant:{g.api_user_id}"


@route("/assistant/ask", "POST",
       "Answer a staff question from the FAQ files and the course modules", tag="assistant",
       body=ASK_BODY,
       responses={200: "answers, or answered false (the question is logged for the FAQ)",
                  422: "question missing, empty or over 500 characters",
                  429: "too many questions in a minute"},
       returns=obj(answered=BOOL, answers=array(obj(title=STR, snippet=STR, link=STR,
                                                     score=NUMBER))))
@limiter.limit(_limit, key_func=_per_user)
def ask() -> ResponseReturnValue:
    reply = services.answer(actor(), parse(ASK_BODY)["question"])
    db.session.commit()
    return jsonify(reply_dict(reply))
