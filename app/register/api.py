"""API: a person's competencies."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from app.access import get_user_in_scope_or_404
from app.api import actor, route
from app.db import utcnow
from app.errors import Forbidden
from app.register.competency import levels_of


@route("/users/<int:user_id>/competencies", "GET", "Current level per system, with source",
       tag="register", responses={200: "competencies", 403: "role not allowed",
                                  404: "not found"})
def competencies(user_id: int) -> ResponseReturnValue:
    who = actor()
    person = get_user_in_scope_or_404(user_id, who)
    if person.id != who.id and who.role == "officer":
        raise Forbidden("officers see only their own competencies")
    levels = levels_of(person.id, utcnow())
    return jsonify([{
        "subsystem": code, "level": ev.level, "source": ev.source,
        "achieved_at": ev.achieved_at.isoformat(), "expires_at": ev.expires_at.isoformat(),
    } for code, ev in sorted(levels.items())])
