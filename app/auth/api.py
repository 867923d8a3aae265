"""API: tokens, who am I, password reset with an HR code, reset codes."""

from __future__ import annotations

from flask import Response, jsonify
from flask.typing import ResponseReturnValue

from app.access import get_user_in_scope_or_404, require_lao_manager
from app.api import actor, route
from app.api.shapes import INT, STR, TIME, enum, nullable, obj
from app.api.validation import parse
from app.auth import services, throttle
from app.auth.models import ROLES
from app.db import utcnow
from app.errors import AppError
from app.extensions import db, limiter

TOKEN_BODY = {"username": ("str", True), "password": ("str", True)}
RESET_BODY = {"username": ("str", True), "code": ("str", True),
              "new_password": ("str", True, {"min_length": 1})}


def _failed_sign_in(response: Response) -> bool:
    return response.status_code in (401, 429)


def _failed_reset(response: Response) -> bool:
    return response.status_code in (400, 422)


@route("/auth/token", "POST", "Exchange username and password for a bearer token",
       tag="auth", public=True, body=TOKEN_BODY,
       responses={200: "token", 401: "wrong credentials", 429: "locked or throttled"},
       returns=obj(token=STR, expires_at=TIME))
@limiter.limit(throttle.login_pair_limit, key_func=throttle.address_and_username,
               deduct_when=_failed_sign_in)
@limiter.limit(throttle.login_address_limit, deduct_when=_failed_sign_in)
def token() -> ResponseReturnValue:
    data = parse(TOKEN_BODY)
    now = utcnow()
    try:
        user = services.authenticate(data["username"], data["password"], now)
    except AppError:
        db.session.commit()  # keep the failure count that locks the account
        raise
    value, expires = services.issue_token(user, now)
    db.session.commit()
    return jsonify(token=value, expires_at=expires.isoformat())


@route("/me", "GET", "The signed-in user", tag="auth",
       returns=obj(id=INT, username=STR, full_name=STR, role=enum(*ROLES),
                   lao_id=nullable(INT)))
def me() -> ResponseReturnValue:
    user = actor()
    return jsonify(id=user.id, username=user.username, full_name=user.full_name,
                   role=user.role, lao_id=user.lao_id)


@route("/auth/reset", "POST", "Set a new password with a one-time code from HR",
       tag="auth", public=True, body=RESET_BODY,
       responses={204: "password changed", 400: "wrong or used code", 422: "weak password",
                  429: "too many failures"})
@limiter.limit(throttle.reset_pair_limit, key_func=throttle.address_and_username,
               deduct_when=_failed_reset)
@limiter.limit(throttle.reset_address_limit, deduct_when=_failed_reset)
def reset_with_code() -> ResponseReturnValue:
    data = parse(RESET_BODY)
    try:
        services.reset_with_code(data["username"], data["code"], data["new_password"], utcnow())
    except AppError:
        db.session.commit()  # keep the wrong-guess count that burns the code
        raise
    db.session.commit()
    return "", 204


@route("/users/<int:user_id>/reset-code", "POST",
       "Issue a one-time password reset code (HR of the person's LAO for officers, admin "
       "for anyone)", tag="auth",
       responses={201: "code", 403: "role not allowed, or HR asking for an hr or executive "
                  "account", 404: "not found"},
       returns=obj(code=STR, expires_at=TIME))
def issue_reset_code(user_id: int) -> ResponseReturnValue:
    user = get_user_in_scope_or_404(user_id, actor())
    require_lao_manager(actor(), user.lao_id)
    code, expires = services.issue_reset_code(actor(), user, utcnow())
    db.session.commit()
    return jsonify(code=code, expires_at=expires.isoformat()), 201
