"""API: the reporting calendar (API.md "Reporting calendar")."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from app.access import get_in_scope_or_404, get_lao_or_404, require_staff_reader
from app.api import actor, route
from app.api.shapes import BOOL, DATE, INT, STR, TIME, array, enum, nullable, obj
from app.api.validation import parse
from app.calendar import feeds, services
from app.calendar.duties import fiscal_bounds, fiscal_year
from app.calendar.models import STATUSES, CalendarOccurrence
from app.calendar.present import occurrence_dict
from app.calendar.services import MAX_NOTE, MAX_REFERENCE
from app.dates import today
from app.db import utcnow
from app.errors import N_, Invalid
from app.extensions import db
from app.web import public_url

DONE_BODY = {"reference": ("str", True, {"not_blank": True, "max_length": MAX_REFERENCE}),
             "note": ("str", False, {"max_length": MAX_NOTE})}
RANGE = {"from": ("date", False), "to": ("date", False)}  # the query string
OCCURRENCES = array(obj(
    id=INT, duty=STR, subsystem=STR, title=STR, due=DATE, owner_id=nullable(INT),
    backup_id=nullable(INT), needs_approval=BOOL, status=enum(*STATUSES), late=BOOL,
    overdue=BOOL, done_at=nullable(TIME), reference=nullable(STR)))
STATUS = obj(id=INT, status=enum(*STATUSES))
FEED_BODY = {"scope": ("enum:mine|lao", False)}
MAX_RANGE_DAYS = 3 * 366


def _range() -> tuple[date, date]:
    """from/to of the query string, or the current fiscal year."""
    start, end = fiscal_bounds(fiscal_year(today()))
    try:
        if request.args.get("from"):
            start = date.fromisoformat(request.args["from"])
        if request.args.get("to"):
            end = date.fromisoformat(request.args["to"])
    except ValueError as exc:
        raise Invalid(N_("dates are YYYY-MM-DD"), {"fields": {"from/to": "YYYY-MM-DD"}}) \
            from exc
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise Invalid(N_("from must come before to, three years apart at most"),
                      {"fields": {"from/to": "a range of at most three years"}})
    return start, end


def _occurrence(occurrence_id: int) -> CalendarOccurrence:
    return get_in_scope_or_404(CalendarOccurrence, occurrence_id, actor())


def _status(occ: CalendarOccurrence) -> ResponseReturnValue:
    db.session.commit()
    return jsonify(id=occ.id, status=occ.status)


@route("/laos/<int:lao_id>/calendar", "GET", "An LAO's reporting calendar (from/to, default "
       "the current fiscal year)", tag="calendar",
       responses={200: "occurrences", 403: "role not allowed", 404: "not found",
                  422: "bad dates"}, query=RANGE, returns=OCCURRENCES)
def lao_calendar(lao_id: int) -> ResponseReturnValue:
    who = actor()
    lao = get_lao_or_404(lao_id, who)
    require_staff_reader(who, lao.id)
    start, end = _range()
    now = today()
    services.ensure_current(lao.id, now)
    db.session.commit()
    held = services.holders(lao.id, now)
    return jsonify([occurrence_dict(o, held, now)
                    for o in services.occurrences(lao.id, start, end)])


@route("/me/calendar", "GET", "The occurrences the caller owns or backs up", tag="calendar",
       responses={200: "occurrences", 422: "bad dates"}, query=RANGE, returns=OCCURRENCES)
def my_calendar() -> ResponseReturnValue:
    who = actor()
    start, end = _range()
    if who.lao_id is None:
        return jsonify([])
    now = today()
    services.ensure_current(who.lao_id, now)
    db.session.commit()
    held = services.holders(who.lao_id, now)
    return jsonify([occurrence_dict(o, held, now)
                    for o in services.my_occurrences(who, start, end)])


@route("/calendar/<int:occurrence_id>/done", "POST",
       "Mark done with the e-system's document number (owner, backup, HR)", tag="calendar",
       body=DONE_BODY, responses={200: "submitted or done", 403: "not owner, backup or HR",
                                  404: "not found", 409: "already done",
                                  422: "empty reference"}, returns=STATUS)
def mark_done(occurrence_id: int) -> ResponseReturnValue:
    occ = _occurrence(occurrence_id)
    services.require_may_mark(actor(), occ, today())  # who may, before what they sent
    data = parse(DONE_BODY)
    return _status(services.mark_done(actor(), occ, data["reference"], data.get("note"),
                                      utcnow()))


@route("/calendar/<int:occurrence_id>/approve", "POST",
       "Approve a submitted duty (an executive other than the one who marked it)",
       tag="calendar", responses={200: "done", 403: "not allowed or own", 404: "not found",
                                  409: "not waiting for approval"}, returns=STATUS)
def approve(occurrence_id: int) -> ResponseReturnValue:
    occ = _occurrence(occurrence_id)
    return _status(services.approve(actor(), occ, utcnow()))


@route("/calendar/<int:occurrence_id>/undo", "POST",
       "Take back the last step within a day", tag="calendar",
       responses={200: "status after", 403: "not allowed", 404: "not found",
                  409: "nothing to undo or too late"}, returns=STATUS)
def undo(occurrence_id: int) -> ResponseReturnValue:
    occ = _occurrence(occurrence_id)
    return _status(services.undo(actor(), occ, utcnow()))


@route("/me/calendar-feed", "POST", "A new secret iCalendar address (the old one stops "
       "working); scope 'lao' for executives", tag="calendar", body=FEED_BODY,
       body_required=False,
       responses={201: "url", 403: "LAO-wide feed for executives only"},
       returns=obj(url=STR))
def new_feed() -> ResponseReturnValue:
    data = parse(FEED_BODY) if request.get_data() else {}  # no body: the caller's own
    token = feeds.new_feed(actor(), data.get("scope", "mine"))
    db.session.commit()
    return jsonify(url=public_url("calendar.feed", token=token)), 201
