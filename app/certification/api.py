"""API: certificate PDFs, public verification, revocation."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from app.api import actor, route
from app.api.shapes import DATE, STR, enum, obj
from app.api.validation import parse
from app.certification import render, services
from app.certification.access import get_certificate_or_404
from app.certification.models import Certificate
from app.dates import today
from app.db import utcnow
from app.downloads import file_response
from app.errors import N_, NotFound
from app.extensions import db, limiter

VERIFIED = obj(status=enum("valid", "expired", "revoked"), holder=STR, course=STR,
               issued_on=DATE, expires_on=DATE, serial=STR)
REVOKE_BODY = {"reason": ("str", True, {"not_blank": True, "max_length": 500})}


@route("/certificates/<serial>.pdf", "GET", "A certificate PDF (holder, HR/executive of the "
       "holder's LAO, admin)", tag="certificates",
       responses={200: "the certificate", 404: "not found"}, media="application/pdf")
def certificate_pdf(serial: str) -> ResponseReturnValue:
    cert = get_certificate_or_404(serial, actor())
    return file_response(render.pdf_bytes(cert), "application/pdf", f"{cert.serial}.pdf",
                         inline=True)


@route("/verify/<code>", "GET", "Verify a certificate (public; masked holder name)",
       tag="certificates", public=True, responses={200: "status", 404: "unknown code",
                                                  429: "too many guesses"}, returns=VERIFIED)
@limiter.limit("30 per minute", deduct_when=lambda r: r.status_code == 404)
def verify(code: str) -> ResponseReturnValue:
    cert = services.by_code(code)
    if cert is None:
        raise NotFound(N_("unknown certificate code"))
    return jsonify(services.verify_body(cert, today()))


@route("/certificates/<serial>/revoke", "POST", "Revoke a certificate (admin, with a reason)",
       tag="certificates", body=REVOKE_BODY,
       responses={200: "revoked", 403: "not admin", 404: "not found", 409: "already revoked",
                  422: "no reason"}, returns=VERIFIED)
def revoke(serial: str) -> ResponseReturnValue:
    from app.access import require_role

    require_role(actor(), "admin")
    cert = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
    if cert is None:
        raise NotFound(N_("certificate not found"))
    services.revoke(actor(), cert, parse(REVOKE_BODY)["reason"], utcnow())
    db.session.commit()
    return jsonify(services.verify_body(cert, today()))
