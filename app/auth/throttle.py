"""Per-address throttling of sign-ins and reset codes that one office can live with.

An LAO office shares one address (SPEC 4.7): counting every failure of the address together
let one person's typos, or one guesser, lock fifty colleagues out. So failures count per
(address, username) pair, with a much higher ceiling for the address as a whole.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request
from flask_limiter.util import get_remote_address


def _posted_username() -> str:
    """The username a sign-in or reset request names, from the form or the JSON body."""
    name = request.form.get("username") or request.form.get("login")
    if name is None and request.is_json:
        body = request.get_json(silent=True)  # depth-checked; anything unreadable is None
        value = body.get("username") if isinstance(body, dict) else None
        name = value if isinstance(value, str) else None
    return (name or "").strip().lower()


def name_digest(username: str) -> str:
    """A keyed hash of a username as typed: counters are kept per name without keeping
    the name, which is sometimes a password typed into the wrong field."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, username.strip().lower().encode(), hashlib.sha256).hexdigest()


def address_and_username() -> str:
    """The limiter key of one person at one address."""
    return f"{get_remote_address()}/{name_digest(_posted_username())[:32]}"


def login_pair_limit() -> str:
    return str(current_app.config["LOGIN_PAIR_LIMIT"])


def login_address_limit() -> str:
    return str(current_app.config["LOGIN_ADDRESS_LIMIT"])


def reset_pair_limit() -> str:
    return str(current_app.config["RESET_PAIR_LIMIT"])


def reset_address_limit() -> str:
    return str(current_app.config["RESET_ADDRESS_LIMIT"])
