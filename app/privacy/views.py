"""Privacy notice, download of one's own data, deactivation by HR."""

from __future__ import annotations

import json

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import get_user_in_scope_or_404, require_lao_manager
from app.db import utcnow
from app.downloads import file_response
from app.org.forms import EmptyForm
from app.privacy.services import deactivate, own_data
from app.web import run_and_report

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def notice() -> ResponseReturnValue:
    return render_template("privacy/notice.html")


@bp.get("/me/data.json")
@login_required
def my_data() -> ResponseReturnValue:
    body = json.dumps(own_data(current_user), ensure_ascii=False, indent=2)
    return file_response(body, "application/json", f"my-data-{current_user.username}.json")


@bp.post("/users/<int:user_id>/deactivate")
@login_required
def deactivate_user(user_id: int) -> ResponseReturnValue:
    person = get_user_in_scope_or_404(user_id, current_user)
    require_lao_manager(current_user, person.lao_id)
    if EmptyForm().validate_on_submit() and person.id != current_user.id:
        run_and_report(lambda: deactivate(current_user, person, utcnow()),
                       _("%(name)s can no longer sign in.", name=person.full_name))
    return redirect(url_for("org.staff", lao_id=person.lao_id))
