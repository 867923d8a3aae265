"""Home page, language switch, fonts from the Sarabun package, admin settings."""

from __future__ import annotations

from importlib.resources import files

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import IntegerField
from wtforms.validators import DataRequired, NumberRange

from app import audit
from app.access import lao_condition, require_role
from app.auth.models import User
from app.certification.jobs import awaiting_jobs
from app.db import utcnow
from app.extensions import db
from app.org.forms import EmptyForm
from app.org.grants import pending_count
from app.org.models import Lao
from app.register.dashboard import executive_summary
from app.settings import IDLE_TIMEOUT, get_int, set_value
from app.subsystems import SUBSYSTEMS

bp = Blueprint("main", __name__)
FONT_FILES = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-SemiBold.ttf"}


class SettingsForm(FlaskForm):
    idle_minutes = IntegerField(
        _l("Sign out after this many idle minutes"),
        validators=[DataRequired(), NumberRange(min=5, max=720)],
    )


@bp.get("/")
@login_required
def home() -> ResponseReturnValue:
    laos = []
    if current_user.role in {"supervisor", "admin"}:
        laos = list(db.session.execute(
            select(Lao, func.count(User.id))
            .outerjoin(User, User.lao_id == Lao.id)
            .where(lao_condition(current_user))
            .group_by(Lao.id).order_by(Lao.code).limit(200)))
    summary, cohorts, role_requests = None, [], 0
    if current_user.role in {"executive", "hr"} and current_user.lao is not None:
        summary = executive_summary(current_user.lao, utcnow())
        cohorts = awaiting_jobs(current_user.lao.id)
        role_requests = pending_count(current_user.lao.id)
    return render_template("main/home.html", laos=laos, subsystems=SUBSYSTEMS,
                           summary=summary, cohorts=cohorts, role_requests=role_requests,
                           button=EmptyForm())


@bp.get("/lang/<code>")
def set_language(code: str) -> ResponseReturnValue:
    if code not in ("th", "en"):
        abort(404)
    session["lang"] = code
    target = request.referrer or url_for("main.home")
    response = redirect(target if target.startswith(request.host_url) else url_for("main.home"))
    response.set_cookie("lang", code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@bp.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    """Served from the root so its scope covers the lesson and quiz pages."""
    response = send_from_directory(str(files("app") / "static" / "js"), "sw.js", max_age=0)
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/fonts/<name>")
def font(name: str) -> ResponseReturnValue:
    if name not in FONT_FILES:
        abort(404)
    folder = files("fontpkg_sarabun") / "files"
    response = send_from_directory(str(folder), name, max_age=365 * 24 * 3600)
    return response


@bp.route("/admin/settings", methods=["GET", "POST"])
@login_required
def admin_settings() -> ResponseReturnValue:
    require_role(current_user, "admin")
    form = SettingsForm()
    if request.method == "GET":
        form.idle_minutes.data = get_int(IDLE_TIMEOUT, 60)
    if form.validate_on_submit():
        before = get_int(IDLE_TIMEOUT, 60)
        set_value(IDLE_TIMEOUT, str(form.idle_minutes.data))
        audit.record(current_user, "settings.change", current_user,
                     before={IDLE_TIMEOUT: before}, after={IDLE_TIMEOUT: form.idle_minutes.data})
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for("main.admin_settings"))
    return render_template("main/settings.html", form=form)
