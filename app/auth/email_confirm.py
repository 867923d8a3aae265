"""The person confirms the e-mail address HR entered, by a link sent to it. Flush, never
commit. An address only HR vouched for stays behind when the person moves to another LAO:
otherwise the old LAO's HR could keep a way to reset the account (SPEC 3)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app import audit
from app.auth.models import User
from app.errors import N_, BadRequest

MAX_AGE_SECONDS = 7 * 24 * 3600  # a week to open the mail


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(current_app.config["SECRET_KEY"]), salt="email-confirm")


def token_for(user: User) -> str:
    """A signed link token naming the person and the address it confirms: a changed
    address makes older links worthless without storing anything."""
    return str(_serializer().dumps({"u": user.id, "e": user.email}))


def confirm(user: User, token: str, now: datetime) -> None:
    """The signed-in person opened the link sent to their current address."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature as exc:  # also SignatureExpired
        raise BadRequest(N_("this confirmation link is invalid or has expired")) from exc
    if not isinstance(data, dict) or data.get("u") != user.id or not user.email \
            or data.get("e") != user.email:
        raise BadRequest(N_("this confirmation link is not for your current e-mail address"))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now
        audit.record(user, "user.email_confirm", user, after={"email": user.email})
