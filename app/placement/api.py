"""API: placement attempts, for the signed-in person themself."""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from app.access import require_role
from app.api import actor, actor_id, authenticate, bearer_token, route
from app.api.shapes import BOOL, INT, NUMBER, QUESTION, STR, TIME, array, enum, nullable, obj
from app.api.validation import parse
from app.auth.services import sha256
from app.db import utcnow
from app.errors import AppError
from app.extensions import db
from app.placement import services
from app.placement.present import attempt_body, block_body, result_body

ANSWER_BODY = {"option_id": ("int", True, {"minimum": 1})}
ATTEMPT = obj(attempt_id=INT, subsystem=STR, expires_at=TIME, adaptive=BOOL, done=BOOL,
              questions=array(QUESTION))
SAVED = {**ATTEMPT, "required": [*ATTEMPT["required"], "status", "answers"],
         "properties": {**ATTEMPT["properties"], "status": enum("open", "submitted", "expired"),
                        "answers": {"type": "object", "additionalProperties": INT}}}
RESULT = obj(score=nullable(NUMBER), level=nullable(INT), topics=array({"type": "object"}),
             learning_path=array(INT), status=STR, adaptive=BOOL)


@route("/placements/<code>/attempts", "POST", "Start (or resume) a placement quiz",
       tag="placement", responses={201: "new attempt", 200: "resumed", 404: "unknown system",
                                   409: "retake cooldown"}, returns=ATTEMPT)
def start(code: str) -> ResponseReturnValue:
    attempt, resumed = services.start_attempt(actor(), code, utcnow())
    db.session.commit()
    return jsonify(attempt_body(attempt)), 200 if resumed else 201


@route("/attempts/<int:attempt_id>", "GET", "An attempt with its saved answers",
       tag="placement", responses={200: "attempt", 404: "not found"}, returns=SAVED)
def get_attempt(attempt_id: int) -> ResponseReturnValue:
    body = services.own_attempt_body(actor_id(), attempt_id, utcnow())
    db.session.commit()  # an attempt graded on expiry stays graded
    return jsonify(body)


@route("/attempts/<int:attempt_id>/answers/<int:question_id>", "PUT", "Save one answer",
       tag="placement", body=ANSWER_BODY, checks_token_itself=True,
       responses={204: "saved", 404: "not found", 409: "expired or submitted",
                  422: "question or option not in the attempt"})
def save_answer(attempt_id: int, question_id: int) -> ResponseReturnValue:
    body, token, now = request.get_json(silent=True), bearer_token(), utcnow()
    if isinstance(body, dict) and body.keys() - ANSWER_BODY.keys():
        authenticate()
        parse(ANSWER_BODY)  # names the unknown field (422)
    if token is not None and services.save_answer_in_one_statement(
            attempt_id, question_id, body, now, token_digest=sha256(token)):
        return "", 204
    # refused: the checked path says why (401, 404, 409, 422), or saves after a race
    authenticate()
    try:
        services.save_own_answer(actor_id(), attempt_id, question_id, body, now)
    except AppError:
        db.session.commit()  # an attempt graded on expiry stays graded
        raise
    db.session.commit()
    return "", 204


@route("/attempts/<int:attempt_id>/submit", "POST", "Submit and grade (idempotent)",
       tag="placement", responses={200: "result", 404: "not found"}, returns=RESULT)
def submit(attempt_id: int) -> ResponseReturnValue:
    attempt = services.finish(services.get_own_attempt(actor_id(), attempt_id), utcnow())
    db.session.commit()
    return jsonify(result_body(attempt))


@route("/placements/<code>/item-stats", "GET", "Item analysis of a placement bank (admin)",
       tag="placement", responses={200: "one entry per item", 403: "not admin",
                                   404: "unknown system"})
def item_stats(code: str) -> ResponseReturnValue:
    from app.content.item_stats import placement_stats

    require_role(actor(), "admin")
    services.bank_for(code)
    return jsonify([s.as_json() for s in placement_stats(code)])


@route("/attempts/<int:attempt_id>/next", "POST", "The next block of an adaptive attempt",
       tag="placement", responses={200: "the next block, or done", 404: "not found",
                                   409: "a question of the block is unanswered, or closed"},
       returns=obj(questions=array(QUESTION), done=BOOL))
def next_block(attempt_id: int) -> ResponseReturnValue:
    items, done = services.next_block(actor_id(), attempt_id, utcnow())
    body = block_body(items, done)
    db.session.commit()
    return jsonify(body)
