"""API: course catalogue, enrolment, modules and module checks."""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from app.access import require_role
from app.api import actor, route
from app.api.shapes import BOOL, INT, NUMBER, QUESTION, STR, array, enum, nullable, obj
from app.api.validation import ID_KEY, parse
from app.db import utcnow
from app.errors import N_, Invalid, NotFound
from app.extensions import db
from app.learning import services
from app.learning.present import course_dict, module_dict
from app.subsystems import CODES

# {"<question_id>": <option_id>}
CHECK_BODY = {"answers": ("object:int", True, {"key_pattern": ID_KEY, "value_minimum": 1})}


@route("/courses", "GET", "Course catalogue (filter: audience, subsystem)", tag="learning",
       query={"audience": ("enum:officer|executive", False),
              "subsystem": ("enum:" + "|".join(CODES), False)},
       returns=array(obj(id=INT, subsystem=STR, title=STR, audience=enum("officer", "executive"),
                         mandatory=BOOL, modules=array(obj(id=INT, title=STR, level=INT,
                                                           kind=enum("lesson", "final"))))))
def list_courses() -> ResponseReturnValue:
    audience = request.args.get("audience") or None
    subsystem = request.args.get("subsystem") or None
    if audience not in (None, "officer", "executive"):
        raise Invalid(N_("audience must be officer or executive"))
    if subsystem is not None and subsystem not in CODES:
        raise Invalid(N_("unknown system code"))
    return jsonify([course_dict(c) for c in services.catalogue(audience, subsystem)])


@route("/courses/<int:course_id>/enrollments", "POST", "Enrol the signed-in person",
       tag="learning", responses={201: "enrolled", 200: "already enrolled", 404: "not found"},
       returns=obj(enrollment_id=INT))
def enroll(course_id: int) -> ResponseReturnValue:
    enrollment, created = services.enroll(actor(), services.get_course_or_404(course_id))
    db.session.commit()
    return jsonify(enrollment_id=enrollment.id), 201 if created else 200


@route("/modules/<int:module_id>", "GET", "A module to read, with its check (no key)",
       tag="learning", responses={200: "module", 404: "not found"},
       returns=obj(id=INT, title=STR, level=INT, kind=enum("lesson", "final"),
                   body_html=STR, check=array(QUESTION)))
def get_module(module_id: int) -> ResponseReturnValue:
    return jsonify(module_dict(services.get_module_or_404(module_id)))


@route("/enrollments/<int:enrollment_id>/modules/<int:module_id>/check", "POST",
       "Submit a module check, graded on the server", tag="learning",
       body=CHECK_BODY,
       responses={200: "graded", 404: "not found", 422: "answers do not fit the module",
                  429: "the final check waits after three tries that did not pass"},
       returns=obj(passed=BOOL, score=NUMBER))
def check(enrollment_id: int, module_id: int) -> ResponseReturnValue:
    enrollment = services.get_own_enrollment(actor(), enrollment_id)
    module = services.get_module_or_404(module_id)
    if module.course_id != enrollment.course_id:
        raise NotFound(N_("module not in this course"))
    passed, score = services.check_module(actor(), enrollment, module,
                                          parse(CHECK_BODY)["answers"], utcnow())
    db.session.commit()
    return jsonify(passed=passed, score=score)


@route("/enrollments/<int:enrollment_id>", "GET", "Progress of an enrolment", tag="learning",
       responses={200: "progress", 404: "not found"},
       returns=obj(id=INT, course_id=INT, status=enum("in_progress", "completed"),
                   modules=array(obj(id=INT, passed=BOOL)), certificate_serial=nullable(STR)))
def get_enrollment(enrollment_id: int) -> ResponseReturnValue:
    enrollment = services.get_own_enrollment(actor(), enrollment_id)
    states = services.course_state(actor(), enrollment.course, enrollment)
    return jsonify(id=enrollment.id, course_id=enrollment.course_id, status=enrollment.status,
                   modules=[{"id": s.module.id, "passed": s.passed, "on_path": s.on_path}
                            for s in states],
                   certificate_serial=services.certificate_serial(enrollment))


@route("/courses/<int:course_id>/item-stats", "GET", "Item analysis of a course's checks (admin)",
       tag="learning", responses={200: "one entry per item", 403: "not admin",
                                  404: "unknown course"})
def item_stats(course_id: int) -> ResponseReturnValue:
    from app.content.item_stats import course_stats

    require_role(actor(), "admin")
    services.get_course_or_404(course_id)
    return jsonify([s.as_json() for s in course_stats(course_id)])
