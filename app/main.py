"""Home page, language switch, fonts from the Sarabun package, admin settings."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
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
from sqlalchemy import func, select
from wtforms import IntegerField
from wtforms.validators import DataRequired, NumberRange

from app import audit, webfonts
from app.access import lao_condition, require_role
from app.assets import service_worker_source
from app.auth.models import User
from app.calendar.home import home_blocks
from app.certification.jobs import awaiting_jobs
from app.dates import today
from app.db import utcnow
from app.extensions import db
from app.forms import Form
from app.home_tasks import duties_of, next_duty
from app.org.forms import EmptyForm
from app.org.grants import pending_count
from app.org.models import Lao
from app.register.dashboard import executive_summary
from app.settings import IDLE_TIMEOUT, get_int, set_value
from app.subsystems import SUBSYSTEMS

bp = Blueprint("main", __name__)


class SettingsForm(Form):
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
    duties = duties_of(current_user, utcnow()) if current_user.lao is not None else []
    my_due = []
    if current_user.role == "executive":  # enrolled in the mandatory courses on first sight
        from app.learning.services import executive_due

        my_due = executive_due(current_user, utcnow())
        db.session.commit()
    return render_template("main/home.html", laos=laos, subsystems=SUBSYSTEMS,
                           my_due=my_due, today=today(),
                           summary=summary, cohorts=cohorts, role_requests=role_requests,
                           button=EmptyForm(), cal=home_blocks(current_user, today()),
                           duties=duties, next_duty=next_duty(duties))


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
    response = Response(service_worker_source(), mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"  # asked again on each visit, 304 if same
    response.headers["Service-Worker-Allowed"] = "/"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/fonts/<name>")
def font(name: str) -> ResponseReturnValue:
    """Sarabun as WOFF2 cut to Thai and Latin, built from the package's TTF on first use."""
    stem, _dot, kind = name.rpartition(".")
    if kind != "woff2" or stem not in webfonts.WEIGHTS:
        abort(404)
    path = webfonts.ensure(stem, Path(current_app.instance_path) / "fonts")
    return send_from_directory(str(path.parent), path.name, max_age=365 * 24 * 3600,
                               mimetype="font/woff2")


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
