"""Web pages: sign in and out, forgotten password, reset link, reset code, help."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import services, throttle
from app.auth.forms import CodeResetForm, ForgotForm, LoginForm, NewPasswordForm
from app.db import utcnow
from app.errors import AppError, Invalid
from app.extensions import db, limiter
from app.mail import send_mail
from app.web import public_url

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and urlsplit(target).netloc == "" and target.startswith("/") \
            and not target.startswith("//"):
        return target
    return url_for("main.home")


def _failed() -> bool:
    return bool(g.get("auth_failed"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(throttle.login_pair_limit, key_func=throttle.address_and_username,
               methods=["POST"], deduct_when=lambda response: _failed())
@limiter.limit(throttle.login_address_limit, methods=["POST"],
               deduct_when=lambda response: _failed())
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.username.data or "", form.password.data or "",
                                         utcnow())
        except AppError as exc:
            db.session.commit()  # keep the failure count
            g.auth_failed = True
            error = exc.localized()
        else:
            db.session.commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else 200
    return render_template("auth/login.html", form=form, error=error), status


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/auth/forgot", methods=["GET", "POST"])
@limiter.limit(throttle.reset_pair_limit, key_func=throttle.address_and_username,
               methods=["POST"])
@limiter.limit(throttle.reset_address_limit, methods=["POST"])
def forgot() -> ResponseReturnValue:
    form = ForgotForm()
    if form.validate_on_submit():
        found = services.start_link_reset(form.login.data or "", utcnow())
        if found is not None:
            user, secret = found
            link = public_url("auth.reset_link", secret=secret)
            minutes = current_app.config["RESET_LINK_MINUTES"]
            send_mail(user.email or "", _("Reset your password"), _(
                "Someone asked to reset the password of %(username)s.\n\n"
                "Open this link within %(minutes)d minutes to choose a new password:\n"
                "%(link)s\n\nThe link works once. If you did not ask, ignore this message.",
                username=user.username, minutes=minutes, link=link))
        db.session.commit()
        # the same answer either way, so the page does not tell who has an account
        flash(_("If the account has an e-mail address, a reset link is on its way. "
                "No e-mail? Ask your HR officer for a reset code."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/auth/reset/<secret>", methods=["GET", "POST"])
def reset_link(secret: str) -> ResponseReturnValue:
    now = utcnow()
    services.link_reset_for(secret, now)  # 400 page at once when expired or used
    form = NewPasswordForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            services.reset_with_link(secret, form.password.data or "", now)
        except Invalid as exc:
            errors = exc.details.get("password", [exc.message])
        else:
            db.session.commit()
            flash(_("Your password has been changed. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_link.html", form=form, errors=errors)


@bp.route("/auth/reset-code", methods=["GET", "POST"])
@limiter.limit(throttle.reset_pair_limit, key_func=throttle.address_and_username,
               methods=["POST"], deduct_when=lambda response: _failed())
@limiter.limit(throttle.reset_address_limit, methods=["POST"],
               deduct_when=lambda response: _failed())
def reset_code() -> ResponseReturnValue:
    form = CodeResetForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            services.reset_with_code(form.username.data or "", form.code.data or "",
                                     form.password.data or "", utcnow())
        except Invalid as exc:
            errors = exc.details.get("password", [exc.message])
        except AppError as exc:
            db.session.commit()  # keep the wrong-guess count
            g.auth_failed = True
            errors = [exc.localized()]
        else:
            db.session.commit()
            flash(_("Your password has been changed. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_code.html", form=form, errors=errors)


@bp.get("/help/password")
def help_password() -> ResponseReturnValue:
    return render_template("auth/help_password.html")
