"""Sign-in, lockout, API tokens and password resets. Flush, never commit."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, case, delete, select, text, update

from app import audit
from app.auth.models import ApiToken, PasswordReset, SignInFailure, User
from app.auth.passwords import hash_password, password_problems, verify_password
from app.auth.throttle import name_digest
from app.db import UTCDateTime, utcnow
from app.errors import N_, BadRequest, Forbidden, Invalid, Throttled, Unauthorized
from app.extensions import db

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_LENGTH = 8
CODE_MAX_FAILURES = 5


class AccountLocked(Throttled):
    code = "locked"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _upsert(values: dict[str, object]) -> Any:
    """INSERT ... ON CONFLICT for SQLite and PostgreSQL alike (both speak it)."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(SignInFailure).values(**values)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(SignInFailure).values(**values)


def _count_failure(username: str, now: datetime) -> None:
    """One more failure for this name (an account or not); the threshold within the lockout
    window locks the name. One statement, so two failures at once both count."""
    cfg = current_app.config
    window = timedelta(minutes=cfg["LOCKOUT_MINUTES"])
    key = name_digest(username)
    stmt = _upsert({"key": key, "failures": 1, "last_failed_at": now})
    stale = SignInFailure.last_failed_at < bindparam("start", now - window, UTCDateTime())
    db.session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={
        # failures older than the window are forgotten, as a person's typos last week are
        "failures": case((stale, 1), else_=SignInFailure.failures + 1),
        "last_failed_at": now,
    }))
    row = db.session.get(SignInFailure, key, populate_existing=True)
    if row is not None and row.failures >= cfg["LOCKOUT_THRESHOLD"]:
        row.locked_until, row.failures = now + window, 0
        user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is not None:
            audit.record(None, "user.locked", user, after={"until": row.locked_until.isoformat()})
    # names nobody typed wrong for a while go, so the table stays small
    db.session.execute(delete(SignInFailure).where(
        SignInFailure.last_failed_at < now - window,
        (SignInFailure.locked_until.is_(None)) | (SignInFailure.locked_until < now)))


def _clear_failures(username: str) -> None:
    db.session.execute(delete(SignInFailure).where(
        SignInFailure.key == name_digest(username)))


def authenticate(username: str, password: str, now: datetime) -> User:
    """The active user with these credentials. Failures count per username whether an
    account has it or not, so a locked name answers the same for both (no probing)."""
    # the slow hash check runs outside any transaction: on SQLite a transaction holds the
    # write lock, and fifty colleagues signing in at 8:30 must not queue behind each other
    with db.engine.connect() as conn:
        stored = conn.execute(select(User.password_hash).where(
            User.username == username.strip().lower())).scalar()
    ok = verify_password(stored, password)
    lock = db.session.get(SignInFailure, name_digest(username))
    if lock is not None and lock.locked_until is not None and lock.locked_until > now:
        retry = int((lock.locked_until - now).total_seconds()) + 1
        raise AccountLocked(
            _("This account is locked for a while after repeated failed sign-ins."),
            {"retry_after": retry},
        )
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    ok = ok and user is not None and user.password_hash == stored
    if not ok:
        _count_failure(username, now)
    if user is None or not ok or not user.is_active:
        raise Unauthorized(_("Wrong username or password."))
    if lock is not None:
        _clear_failures(username)
    return user


def issue_token(user: User, now: datetime) -> tuple[str, datetime]:
    """A new bearer token; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=current_app.config["TOKEN_HOURS"])
    db.session.add(ApiToken(user_id=user.id, token_hash=sha256(token), expires_at=expires))
    db.session.flush()
    return token, expires


# built once: on every API call only the parameters change (this is the hottest query)
_TOKEN_OWNER = text(
    "SELECT api_token.user_id FROM api_token JOIN app_user ON app_user.id = api_token.user_id"
    " WHERE api_token.token_hash = :digest AND api_token.expires_at > :now"
    " AND app_user.status = 'active'"
).bindparams(bindparam("now", type_=UTCDateTime()))


def user_id_for_token(token: str, now: datetime) -> int | None:
    """The id of the active user a valid bearer token belongs to (one light query per API
    call; the full User is loaded only by views that need more than the id)."""
    return db.session.scalar(_TOKEN_OWNER, {"digest": sha256(token), "now": now})


def check_new_password(password: str, username: str) -> None:
    problems = password_problems(password, username)
    if problems:
        messages = {
            "too_short": _("At least 10 characters."),
            "needs_letter_and_digit": _("Use both letters and digits."),
            "contains_username": _("Must not contain your username."),
            "too_common": _("This password is too easy to guess."),
        }
        raise Invalid(
            _("The new password is too weak."),
            {"password": [messages[p] for p in problems]},
        )


def set_password(actor: User | None, user: User, password: str, how: str) -> None:
    """Replace the password, end every open session and unlock the account."""
    check_new_password(password, user.username)
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    _clear_failures(user.username)  # a new password unlocks the account
    # outstanding API tokens die with the old password
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id)
                       .values(expires_at=utcnow()))
    audit.record(actor, "user.password_reset", user, after={"how": how})


def start_link_reset(login: str, now: datetime) -> tuple[User, str] | None:
    """Create an e-mailed reset link secret for the user with this username or e-mail."""
    login = login.strip().lower()
    user = db.session.scalar(
        select(User).where((User.username == login) | (User.email == login))
    )
    if user is None or not user.email or not user.is_active:
        return None
    secret = secrets.token_urlsafe(32)
    expires = now + timedelta(minutes=current_app.config["RESET_LINK_MINUTES"])
    db.session.add(PasswordReset(user_id=user.id, kind="link", secret_hash=sha256(secret),
                                 expires_at=expires))
    db.session.flush()
    return user, secret


def _usable(row: PasswordReset | None, now: datetime) -> bool:
    return row is not None and row.used_at is None and row.expires_at > now


def link_reset_for(secret: str, now: datetime) -> PasswordReset:
    """The open reset link for this secret, or a clear error when expired or used."""
    row = db.session.scalar(select(PasswordReset).where(
        PasswordReset.secret_hash == sha256(secret), PasswordReset.kind == "link"))
    if not _usable(row, now):
        raise BadRequest(_("This reset link has expired or was already used. Ask for a new one."))
    assert row is not None
    return row


def reset_with_link(secret: str, password: str, now: datetime) -> User:
    row = link_reset_for(secret, now)
    set_password(row.user, row.user, password, "link")
    row.used_at = now
    return row.user


def void_resets(user_id: int, now: datetime, kinds: tuple[str, ...] = ("link", "code")) -> None:
    """Unused reset links or codes of this person stop working (a new code, a transfer to
    another LAO whose HR did not issue them, a deactivation)."""
    db.session.execute(update(PasswordReset).where(
        PasswordReset.user_id == user_id, PasswordReset.kind.in_(kinds),
        PasswordReset.used_at.is_(None)).values(used_at=now))


def issue_reset_code(actor: User, user: User, now: datetime) -> tuple[str, datetime]:
    """A one-time code HR hands to a staff member without e-mail; older codes stop working.
    HR gives codes to officers only: a code is a way into the account, and an HR or
    executive account opened by HR would let HR approve its own requests (an admin may)."""
    if actor.role != "admin" and user.role != "officer":
        raise Forbidden(N_("HR gives reset codes to officers only; an HR officer or an "
                           "executive resets by e-mailed link, or asks an administrator"))
    if not user.is_active:
        raise Invalid(_("This account is deactivated."))
    void_resets(user.id, now, ("code",))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = now + timedelta(hours=current_app.config["RESET_CODE_HOURS"])
    row = PasswordReset(user_id=user.id, kind="code", secret_hash=sha256(f"{user.id}:{code}"),
                        issued_by_id=actor.id, expires_at=expires)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "user.reset_code_issued", user, after={"expires_at": expires.isoformat()})
    return code, expires


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def reset_with_code(username: str, code: str, password: str, now: datetime) -> User:
    """Use an HR-issued code once; wrong guesses burn the code after a few tries."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    wrong = BadRequest(_("The code is wrong, expired or already used. Ask HR for a new one."))
    if user is None:
        raise wrong
    open_code = db.session.scalar(select(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.kind == "code",
        PasswordReset.used_at.is_(None), PasswordReset.expires_at > now))
    if open_code is None:
        raise wrong
    if open_code.secret_hash != sha256(f"{user.id}:{normalize_code(code)}"):
        open_code.failed_attempts += 1
        if open_code.failed_attempts >= CODE_MAX_FAILURES:
            open_code.used_at = now
        raise wrong
    set_password(None, user, password, "code")
    open_code.used_at = now
    return user
