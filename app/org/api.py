"""API: geography, LAOs, staff list and import, transfers."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.access import (
    get_in_scope_or_404,
    get_lao_or_404,
    lao_condition,
    require_lao_manager,
    require_role,
    require_staff_reader,
)
from app.api import actor, route
from app.api.shapes import DATE, INT, STR, array, enum, nullable, obj
from app.api.validation import parse
from app.auth.models import User
from app.dates import today
from app.db import utcnow
from app.errors import N_, BadRequest, NotFound
from app.extensions import db
from app.org import grants, services, transfers
from app.org.models import (
    GRANT_ROLES,
    GRANT_STATUSES,
    LAO_TYPES,
    OPEN_TRANSFER,
    TRANSFER_STATUSES,
    Lao,
    Province,
    RoleGrant,
)
from app.org.staff import read_upload, staff_rows
from app.subsystems import SUBSYSTEMS

ID = {"minimum": 1}
LAO_BODY = {
    # the DOPA code: 7 digits, digits 2-5 the district's (checked against the district)
    "code": ("str", True, {"pattern": "[0-9]{7}", "pattern_says": "must be 7 digits"}),
    "name": ("str", True, {"not_blank": True, "max_length": 200}),
    "type": ("enum:" + "|".join(LAO_TYPES), True),
    "size_class": ("enum:S|M|L", True),
    "district_id": ("int", True, ID),
}
TRANSFER_BODY = {"to_lao_id": ("int", True, ID), "effective_from": ("date", True)}
TRANSFER_REQUEST_BODY = {
    # as on the transfer order, digits only; the check digit is checked too (422)
    "national_id": ("str", True, {"pattern": "[1-8][0-9]{12}",
                                  "pattern_says": "must be 13 digits"}),
    "effective_from": ("date", True),
}


@route("/subsystems", "GET", "The six e-systems", tag="org",
       returns=array(obj(code=STR, name_th=STR, name_en=STR)))
def subsystems() -> ResponseReturnValue:
    return jsonify([s._asdict() for s in SUBSYSTEMS])


AREA = {"id": INT, "code": STR, "name_th": STR, "name_en": STR}


@route("/areas", "GET", "All provinces with their districts", tag="org",
       returns=obj(provinces=array(obj(**AREA, districts=array(obj(**AREA))))))
def areas() -> ResponseReturnValue:
    provinces = db.session.scalars(
        select(Province).options(selectinload(Province.districts)).order_by(Province.code))
    return jsonify(provinces=[{
        "id": p.id, "code": p.code, "name_th": p.name_th, "name_en": p.name_en,
        "districts": [{"id": d.id, "code": d.code, "name_th": d.name_th, "name_en": d.name_en}
                      for d in p.districts],
    } for p in provinces])


def lao_dict(lao: Lao) -> dict[str, object]:
    return {"id": lao.id, "code": lao.code, "name": lao.name, "type": lao.type,
            "size_class": lao.size_class, "district_id": lao.district_id}


LAO = obj(id=INT, code=STR, name=STR, type=enum(*LAO_TYPES), size_class=enum("S", "M", "L"),
          district_id=INT)


@route("/laos", "GET", "The LAOs the caller may see", tag="org", returns=array(LAO))
def list_laos() -> ResponseReturnValue:
    laos = db.session.scalars(select(Lao).where(lao_condition(actor())).order_by(Lao.code))
    return jsonify([lao_dict(lao) for lao in laos])


@route("/laos", "POST", "Register an LAO (admin)", tag="org", body=LAO_BODY,
       responses={201: "created", 403: "not admin", 409: "duplicate code", 422: "invalid"},
       returns=obj(id=INT))
def create_lao() -> ResponseReturnValue:
    require_role(actor(), "admin")
    data = parse(LAO_BODY)
    lao = services.create_lao(actor(), data["code"], data["name"], data["type"],
                              data["size_class"], data["district_id"])
    db.session.commit()
    return jsonify(id=lao.id), 201


@route("/laos/<int:lao_id>/staff", "GET", "Staff of one LAO", tag="org",
       responses={200: "staff", 403: "role not allowed", 404: "not found"},
       returns=array(obj(id=INT, username=STR, full_name=STR, position=nullable(STR),
                         unit=nullable(STR), role=enum("officer", "hr", "executive"),
                         national_id_last4=nullable(STR), status=enum("active", "inactive"))))
def list_staff(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    require_staff_reader(actor(), lao.id)
    return jsonify(staff_rows(lao))


@route("/laos/<int:lao_id>/staff/import", "POST",
       "Import staff from a CSV or XLSX file, all or nothing", tag="org", multipart=True,
       responses={200: "created and updated counts, and roles waiting for a second party",
                  403: "role not allowed", 404: "not found",
                  413: "over 2 MB or over 5,000 rows",
                  422: "invalid rows (nothing written): the first 200, and the count"},
       returns=obj(created=INT, updated=INT, pending_roles=INT))
def import_staff(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    require_lao_manager(actor(), lao.id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise BadRequest(N_("send the file in the multipart field 'file'"))
    parsed = read_upload(upload.filename, upload.stream,
                         current_app.config["IMPORT_MAX_BYTES"])
    counts = services.import_staff(actor(), lao, parsed)
    db.session.commit()
    return jsonify(counts._asdict())


@route("/users/<int:user_id>/transfer", "POST",
       "Move a staff member to another LAO at once (admin only; LAOs use "
       "/laos/{lao_id}/transfers)", tag="org", body=TRANSFER_BODY,
       responses={200: "transferred", 404: "not found, or not an admin", 409: "already there",
                  422: "invalid"},
       returns=obj(user_id=INT, from_lao_id=INT, to_lao_id=INT, effective_from=DATE))
def transfer(user_id: int) -> ResponseReturnValue:
    who = actor()
    if who.role != "admin":  # one party alone: only the platform's administrator
        raise NotFound(N_("not found"))
    data = parse(TRANSFER_BODY)
    person = db.session.get(User, user_id)
    if person is None or person.lao_id is None:
        raise NotFound(N_("user not found"))
    move = services.transfer_user(who, person, data["to_lao_id"], data["effective_from"],
                                  today())
    db.session.commit()
    return jsonify(user_id=person.id, from_lao_id=move.from_lao_id, to_lao_id=move.to_lao_id,
                   effective_from=move.effective_from.isoformat())


@route("/laos/<int:lao_id>/transfers", "POST",
       "Ask for a person of another LAO by national ID (HR of this LAO, the destination; "
       "admin); the same 404 for every miss", tag="org", body=TRANSFER_REQUEST_BODY,
       responses={201: "requested (or the open request for that person)",
                  403: "role not allowed", 404: "no active person of another LAO has this ID",
                  422: "invalid", 429: "too many requests from this LAO"},
       returns=obj(id=INT, status=enum(*OPEN_TRANSFER)))
def request_transfer(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    require_lao_manager(actor(), lao.id)
    data = parse(TRANSFER_REQUEST_BODY)
    transfers.spend_request_allowance(lao.id)
    try:
        req = transfers.ask(actor(), lao, data["national_id"], data["effective_from"])
    except NotFound:
        db.session.commit()  # the audited miss
        raise
    db.session.commit()
    return jsonify(id=req.id, status=req.status), 201


@route("/laos/<int:lao_id>/transfers", "GET",
       "Transfer requests into and out of one LAO (hr, executive of that LAO, admin)",
       tag="org", responses={200: "transfers", 403: "role not allowed", 404: "not found"},
       returns=array(obj(id=INT, direction=enum("in", "out"), status=enum(*TRANSFER_STATUSES),
                         person=STR, from_lao_id=INT, to_lao_id=INT, effective_from=DATE)))
def list_transfers(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    transfers.require_reader(actor(), lao.id)
    return jsonify([transfers.as_dict(t, lao.id) for t in transfers.transfers_of(lao.id)])


@route("/transfers/<int:transfer_id>/release", "POST",
       "Release a person to the LAO that asked (HR of the source LAO, the person, admin)",
       tag="org", responses={200: "released, or done when the date has come",
                             403: "not the source LAO's HR nor the person", 404: "not found",
                             409: "not waiting for release"},
       returns=obj(id=INT, status=enum("released", "done")))
def release_transfer(transfer_id: int) -> ResponseReturnValue:
    req = transfers.get_visible_or_404(transfer_id, actor())
    transfers.release(actor(), req, today(), utcnow())
    db.session.commit()
    return jsonify(id=req.id, status=req.status)


@route("/transfers/<int:transfer_id>/cancel", "POST",
       "Cancel a transfer request that is not done (HR of either LAO, admin)", tag="org",
       responses={200: "cancelled", 404: "not found", 409: "already done or cancelled"},
       returns=obj(id=INT, status=enum("cancelled")))
def cancel_transfer(transfer_id: int) -> ResponseReturnValue:
    req = transfers.get_visible_or_404(transfer_id, actor())
    transfers.cancel(actor(), req, utcnow())
    db.session.commit()
    return jsonify(id=req.id, status=req.status)


GRANT = obj(id=INT, user_id=INT, role=enum(*GRANT_ROLES), requested_by=INT,
            status=enum(*GRANT_STATUSES))


def grant_dict(grant: RoleGrant) -> dict[str, object]:
    return {"id": grant.id, "user_id": grant.user_id, "role": grant.role,
            "requested_by": grant.requested_by_id, "status": grant.status}


@route("/laos/<int:lao_id>/role-grants", "GET",
       "Role requests of one LAO, open ones first (hr, executive of that LAO, admin)",
       tag="org", responses={200: "role grants", 403: "role not allowed", 404: "not found"},
       returns=array(GRANT))
def list_role_grants(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, actor())
    grants.require_reader(actor(), lao.id)
    return jsonify([grant_dict(g) for g in grants.grants_of(lao.id)])


def _decide(grant_id: int, confirm: bool) -> ResponseReturnValue:
    grant = get_in_scope_or_404(RoleGrant, grant_id, actor())
    grants.decide(actor(), grant, confirm, utcnow())
    db.session.commit()
    return jsonify(id=grant.id, status=grant.status)


_DECIDERS = ("an executive of that LAO who is neither the person nor the one who asked; "
             "admin")
_DECISION = {200: "decided", 403: "not a second party of that LAO", 404: "not found",
             409: "already decided, or the person left the LAO"}


@route("/role-grants/<int:grant_id>/confirm", "POST",
       f"Confirm a role request: the person takes the role ({_DECIDERS})", tag="org",
       responses=_DECISION, returns=obj(id=INT, status=enum("confirmed")))
def confirm_role_grant(grant_id: int) -> ResponseReturnValue:
    return _decide(grant_id, True)


@route("/role-grants/<int:grant_id>/refuse", "POST",
       f"Refuse a role request: the person keeps their role ({_DECIDERS})", tag="org",
       responses=_DECISION, returns=obj(id=INT, status=enum("refused")))
def refuse_role_grant(grant_id: int) -> ResponseReturnValue:
    return _decide(grant_id, False)
