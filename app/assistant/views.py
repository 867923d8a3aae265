"""Web pages: ask a question, browse a system's FAQ, and the admins' list of gaps."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import require_role
from app.assistant import services
from app.assistant.forms import AskForm, DismissForm
from app.assistant.present import link
from app.content.markdown import section_id
from app.extensions import db, limiter
from app.subsystems import CODES, SUBSYSTEMS, SYSTEM_NAMES

bp = Blueprint("assistant", __name__)


def _limit() -> str:
    return str(current_app.config.get("ASSISTANT_RATE_LIMIT", "30 per minute"))


def _per_user() -> str:
    return f"assistant:{current_user.get_id()}"


@bp.route("/assistant", methods=["GET", "POST"])
@login_required
@limiter.limit(_limit, key_func=_per_user, methods=["POST"])
def ask() -> ResponseReturnValue:
    form = AskForm()
    reply = None
    if form.validate_on_submit():
        reply = services.answer(current_user, form.question.data or "")
        db.session.commit()
    return render_template("assistant/ask.html", form=form, reply=reply, link=link,
                           subsystems=SUBSYSTEMS, names={s.code: s.name_th for s in SUBSYSTEMS})


@bp.get("/assistant/faq/<subsystem>")
@login_required
def faq(subsystem: str) -> ResponseReturnValue:
    if subsystem not in CODES:
        abort(404)
    index = services.current_index()
    entries = index.faq(subsystem) if index else []
    contact = index.contacts.get(subsystem) if index else None
    system = next(s for s in SUBSYSTEMS if s.code == subsystem)
    return render_template("assistant/faq.html", system=system, entries=entries,
                           contact=contact, subsystems=SUBSYSTEMS, section_id=section_id)


@bp.get("/admin/assistant")
@login_required
def unanswered() -> ResponseReturnValue:
    require_role(current_user, "admin")
    subsystem = request.args.get("subsystem") if request.args.get("subsystem") in CODES else None
    gaps = services.unanswered_ranking(subsystem)
    index = services.current_index()
    # a group the FAQ has grown to cover since it was asked: ready to be dismissed
    covered = {g.normalized for g in gaps if index and index.rank(g.example).answered}
    return render_template("assistant/unanswered.html", gaps=gaps, covered=covered,
                           status=services.index_status(), subsystem=subsystem,
                           subsystems=SUBSYSTEMS, names=SYSTEM_NAMES,
                           form=DismissForm())


@bp.post("/admin/assistant/dismiss")
@login_required
def dismiss() -> ResponseReturnValue:
    require_role(current_user, "admin")
    form = DismissForm()
    if form.validate_on_submit():
        count = services.dismiss_unanswered(current_user, form.normalized.data or "")
        db.session.commit()
        flash(_("%(n)d question(s) marked as handled.", n=count), "success")
    return redirect(url_for("assistant.unanswered"))
