"""API: competencies, assignments and the register."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from app.access import (
    get_in_scope_or_404,
    get_lao_or_404,
    get_user_in_scope_or_404,
    require_lao_manager,
    require_staff_reader,
)
from app.api import actor, route
from app.api.shapes import DATE, INT, OBJECT, STR, TIME, array, enum, nullable, obj
from app.api.validation import parse
from app.dates import today
from app.db import utcnow
from app.errors import N_, Forbidden, Invalid
from app.extensions import db
from app.register import assignments
from app.register.competency import levels_of
from app.register.models import Assignment
from app.register.register import build_register, register_body
from app.subsystems import CODES


@route("/users/<int:user_id>/competencies", "GET", "Current level per system, with source",
       tag="register", responses={200: "competencies", 403: "role not allowed",
                                  404: "not found"},
       returns=array(obj(subsystem=STR, level=INT,
                         source=enum("placement", "course", "certificate"),
                         achieved_at=TIME, expires_at=TIME)))
def competencies(user_id: int) -> ResponseReturnValue:
    who = actor()
    person = get_user_in_scope_or_404(user_id, who)
    if person.id != who.id and who.role == "officer":
        raise Forbidden(N_("officers see only their own competencies"))
    levels = levels_of(person.id, utcnow())
    return jsonify([{
        "subsystem": code, "level": ev.level, "source": ev.source,
        "achieved_at": ev.achieved_at.isoformat(), "expires_at": ev.expires_at.isoformat(),
    } for code, ev in sorted(levels.items())])


SHARE = {"minimum": 1, "maximum": 100}
ORDER_REF = {"not_blank": True, "max_length": 100}
ASSIGNMENT = obj(id=INT, user_id=INT, subsystem=STR, role=enum("primary", "backup"),
                 share_percent=INT, effective_from=DATE, effective_to=nullable(DATE),
                 order_ref=STR, status=STR, override_reason=nullable(STR), version=INT)
ASSIGN_BODY = {
    "user_id": ("int", True, {"minimum": 1}),
    "subsystem": ("enum:" + "|".join(CODES), True),
    "role": ("enum:primary|backup", True),
    "share_percent": ("int", True, SHARE),
    "effective_from": ("date", True),
    "order_ref": ("str", True, ORDER_REF),
    "override_reason": ("str", False, {"max_length": 500}),
}
UPDATE_BODY = {"version": ("int", True), "share_percent": ("int", True, SHARE),
               "order_ref": ("str", False, {"max_length": 100})}


def assignment_dict(a: Assignment) -> dict[str, Any]:
    return {"id": a.id, "user_id": a.user_id, "subsystem": a.subsystem, "role": a.role,
            "share_percent": a.share_percent, "effective_from": a.effective_from.isoformat(),
            "effective_to": a.effective_to.isoformat() if a.effective_to else None,
            "order_ref": a.order_ref, "status": a.status, "override_reason": a.override_reason,
            "version": a.version}


def _share(value: int) -> int:
    if not 1 <= value <= 100:
        raise Invalid(N_("share_percent must be 1 to 100"),
                      {"fields": {"share_percent": "must be 1 to 100"}})
    return value


@route("/laos/<int:lao_id>/assignments", "POST", "Assign a person to a system (HR)",
       tag="register", body=ASSIGN_BODY,
       responses={201: "active or pending_approval", 403: "not HR of this LAO",
                  404: "not found", 409: "not competent, shares over 100% or duplicate",
                  422: "invalid"},
       returns=obj(id=INT, status=enum("active", "pending_approval"), version=INT))
def create_assignment(lao_id: int) -> ResponseReturnValue:
    who = actor()
    lao = get_lao_or_404(lao_id, who)
    require_lao_manager(who, lao.id)
    data = parse(ASSIGN_BODY)
    person = get_user_in_scope_or_404(data["user_id"], who)
    assignment = assignments.assign(
        who, lao, person, data["subsystem"], data["role"], _share(data["share_percent"]),
        data["effective_from"], data["order_ref"], data.get("override_reason"), utcnow())
    db.session.commit()
    return jsonify(id=assignment.id, status=assignment.status, version=assignment.version), 201


@route("/laos/<int:lao_id>/assignments", "GET", "Assignments of an LAO", tag="register",
       responses={200: "list", 403: "role not allowed", 404: "not found"},
       returns=array(ASSIGNMENT))
def list_assignments(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    require_staff_reader(actor(), lao.id)
    rows = db.session.scalars(select(Assignment).where(Assignment.lao_id == lao.id)
                              .order_by(Assignment.subsystem, Assignment.id))
    return jsonify([assignment_dict(a) for a in rows])


def _version() -> int | None:
    data = request.get_json(silent=True)
    value = data.get("version") if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@route("/assignments/<int:assignment_id>/approve", "POST",
       "Approve an override (executive of the same LAO)", tag="register",
       responses={200: "active", 403: "not an executive of this LAO", 404: "not found",
                  409: "not pending or stale version"},
       returns=obj(id=INT, status=STR, version=INT))
def approve(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, actor())
    assignments.approve(actor(), assignment, _version(), utcnow())
    db.session.commit()
    return jsonify(id=assignment.id, status=assignment.status, version=assignment.version)


SEND_BACK_BODY = {"reason": ("str", True, {"not_blank": True, "max_length": 500}),
                  "version": ("int", False)}


@route("/assignments/<int:assignment_id>/send-back", "POST",
       "Send an override back to HR with a reason instead of approving it (executive of the "
       "same LAO); the request ends", tag="register", body=SEND_BACK_BODY,
       responses={200: "ended", 403: "not an executive of this LAO, or the one who asked",
                  404: "not found", 409: "not pending or stale version",
                  422: "reason missing or too long"},
       returns=obj(id=INT, status=STR, version=INT))
def send_back(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, actor())
    assignments.may_decide(actor(), assignment, None)  # who may, before what they sent
    data = parse(SEND_BACK_BODY)
    assignments.send_back(actor(), assignment, data.get("version"), data["reason"], utcnow())
    db.session.commit()
    return jsonify(id=assignment.id, status=assignment.status, version=assignment.version)


@route("/assignments/<int:assignment_id>", "PUT", "Change share or order reference",
       tag="register", body=UPDATE_BODY,
       responses={200: "changed", 403: "not HR of this LAO", 404: "not found",
                  409: "stale version or shares over 100%"}, returns=ASSIGNMENT)
def update_assignment(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, actor())
    require_lao_manager(actor(), assignment.lao_id)
    data = parse(UPDATE_BODY)
    assignments.update(actor(), assignment, data["version"], _share(data["share_percent"]),
                       data.get("order_ref") or "")
    db.session.commit()
    return jsonify(assignment_dict(assignment))


@route("/assignments/<int:assignment_id>", "DELETE", "End an assignment today", tag="register",
       responses={204: "ended", 403: "not HR of this LAO", 404: "not found",
                  409: "stale version"})
def end_assignment(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, actor())
    require_lao_manager(actor(), assignment.lao_id)
    assignments.end(actor(), assignment, today(), _version())
    db.session.commit()
    return "", 204


@route("/laos/<int:lao_id>/register", "GET", "Competency register and coverage of an LAO",
       tag="register", responses={200: "register", 403: "role not allowed", 404: "not found"},
       returns=obj(lao_id=INT, staff=array(obj(user_id=INT, full_name=STR, cells=OBJECT)),
                   coverage={"type": "object", "additionalProperties": obj(
                       competent=INT, primary=INT, backup=INT, flags=array(STR))}))
def lao_register(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    require_staff_reader(actor(), lao.id)
    rows, coverage = build_register(lao, utcnow())
    return jsonify(register_body(lao, rows, coverage))
