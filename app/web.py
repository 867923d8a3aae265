"""Request hooks for the web UI: sessions, idle timeout, security headers, template helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from flask import (
    Flask,
    Response,
    current_app,
    flash,
    g,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from app.access import is_approver
from app.auth.models import User
from app.dates import THAI_TIME, local_date, thai_date
from app.db import utcnow
from app.errors import AppError
from app.extensions import db, login_manager
from app.org.national_id import masked
from app.settings import IDLE_TIMEOUT, get_int
from app.subsystems import SYSTEM_NAMES

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def public_url(endpoint: str, **values: Any) -> str:
    """An absolute link that leaves the site (a reset e-mail, a printed QR code): built on
    the configured PUBLIC_URL, never on the Host header of the request, which anyone can
    forge to send a victim's reset secret or a certificate's verify link to their server.
    Without PUBLIC_URL (development and tests only) the request's own address is used."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    base = base.rstrip("/")
    if not has_request_context():  # a mail sent by a command or a worker: the path alone
        return base + current_app.url_map.bind("").build(endpoint, values)
    root = request.script_root
    if root and base.endswith(root):  # https://host/lao with the app mounted at /lao
        base = base[: -len(root)]
    return base + url_for(endpoint, **values)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, epoch = session_id.partition(".")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    # a password change or deactivation bumps the epoch and ends old sessions
    if user is None or not user.is_active or str(user.session_epoch) != epoch:
        return None
    return user


def idle_minutes() -> int:
    if "idle_minutes" not in g:
        g.idle_minutes = get_int(IDLE_TIMEOUT, 60)
    return int(g.idle_minutes)


def _check_idle() -> BaseResponse | None:
    if request.path.startswith(("/api/", "/static/", "/fonts/")):
        return None
    if not current_user.is_authenticated:
        return None
    now = utcnow().timestamp()
    last = session.get("seen")
    if last is not None and now - float(last) > idle_minutes() * 60:
        logout_user()
        session.pop("seen", None)
        flash(_("You were signed out after %(minutes)d idle minutes. Please sign in again.",
                minutes=idle_minutes()), "info")
        target = request.full_path if request.method == "GET" else None
        return redirect(url_for("auth.login", next=target))
    session["seen"] = now
    return None


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    # sent on every answer, not only when the request looks secure: behind a proxy that
    # ends TLS it never does, and a browser ignores the header on plain HTTP anyway
    if current_app.config.get("HSTS_MAX_AGE"):
        response.headers.setdefault("Strict-Transport-Security",
                                    f"max-age={current_app.config['HSTS_MAX_AGE']}")
    # API answers are personal (and carry no session to look up); so is a signed-in page
    if request.path.startswith("/api/") or (
            current_user.is_authenticated
            and not request.path.startswith(("/static/", "/fonts/"))):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def is_english() -> bool:
    return str(get_locale()) == "en"


def _be_date(value: date | datetime | str | None, short: bool = True) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # an ISO date (or moment) from an API-shaped dict
        value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    day = value
    if isinstance(value, datetime):  # a stored moment is UTC: its day is the day in Thailand
        day = local_date(value) if value.tzinfo else value.date()
    if is_english():  # English pages: the Gregorian date an English reader expects
        return format_date(day, "d MMM y" if short else "d MMMM y", locale="en")
    return thai_date(day, short=short)


# words for codes the pages show (a Thai reader should never meet "hr" or "e-laas")
ROLE_NAMES = {"officer": _l("Officer"), "hr": _l("HR officer"), "executive": _l("Executive"),
              "supervisor": _l("Supervisor"), "admin": _l("Administrator")}
CERT_STATUS = {"valid": _l("valid"), "expired": _l("expired"), "revoked": _l("revoked")}
SIZE_NAMES = {"S": _l("small (S)"), "M": _l("medium (M)"), "L": _l("large (L)")}


def _word(table: dict[str, Any]) -> Callable[[str | None], str]:
    return lambda code: str(table.get(code or "", code or ""))


def be_time(value: datetime | str | None) -> str:
    """26 พ.ย. 2569 เวลา 01:39 น. — a moment as people in Thailand read it."""
    if value is None or value == "":
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = moment.astimezone(THAI_TIME)
    return _("%(date)s at %(time)s", date=_be_date(local.date()), time=local.strftime("%H:%M"))


def install_web_hooks(app: Flask) -> None:
    from app.assets import install_assets

    install_assets(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = ""
    app.before_request(_check_idle)
    app.after_request(_security_headers)
    app.jinja_env.filters["be_date"] = _be_date
    app.jinja_env.filters["be_time"] = be_time
    app.jinja_env.filters["masked_id"] = masked
    app.jinja_env.filters["role_name"] = _word(ROLE_NAMES)
    app.jinja_env.filters["cert_status"] = _word(CERT_STATUS)
    app.jinja_env.filters["system_name"] = _word(SYSTEM_NAMES)
    app.jinja_env.filters["size_name"] = _word(SIZE_NAMES)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["is_approver"] = is_approver
    app.jinja_env.globals["is_english"] = is_english


def run_and_report(action: Callable[[], object], success: str) -> bool:
    """A form's service call: commit and say so, or roll back and show why (a domain error
    becomes a message on the page, never a lost form)."""
    try:
        action()
    except AppError as exc:
        db.session.rollback()
        flash(exc.localized(), "error")
        return False
    db.session.commit()
    flash(success, "success")
    return True
